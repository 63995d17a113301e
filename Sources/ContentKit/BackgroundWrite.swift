import Dispatch

/// A cache file hashed and written on another thread while this one goes on, printing what was written, say.
/// `wait` before the process ends, or the file is not written.
final class BackgroundWrite: Sendable {
    private let done = DispatchGroup()

    init(_ write: @escaping @Sendable () -> Void) {
        DispatchQueue.global().async(group: done, execute: write)
    }

    func wait() {
        done.wait()
    }
}
