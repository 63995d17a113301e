import Foundation

/// Named places where a test build can kill itself (`CONTENTCTL_CRASH_AT=after-index`), to prove that a sign-off
/// interrupted anywhere leaves either no record or one that survives. Compiled only into debug (test) builds.
enum CrashPoint: String {
    case afterObjects = "after-objects"
    case afterWorkTree = "after-worktree"
    case afterIndex = "after-index"
    case afterReference = "after-ref"

    func reach() {
        #if DEBUG
        if ProcessInfo.processInfo.environment["CONTENTCTL_CRASH_AT"] == rawValue {
            kill(getpid(), SIGKILL)
        }
        #endif
    }
}
