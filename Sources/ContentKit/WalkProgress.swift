import Foundation

/// How far a history walk has come, read from another thread to show progress on a terminal.
public final class WalkProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var visited = 0

    public init() {}

    /// Commits visited so far.
    public var commits: Int {
        lock.withLock { visited }
    }

    func add(_ count: Int) {
        lock.withLock { visited += count }
    }
}
