import Foundation
import GitKit

/// Work on its own thread with its own repository handle (libgit2 objects never cross threads); `wait` returns
/// its value or its error.
final class RepositoryThread<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the thread before it signals `done`; read only after `wait`.
    private var result: Result<Value, ContentError> = .failure(ContentError(.unsupportedRepository, "background work did not run"))

    init(location: String, _ work: @escaping @Sendable (Repository) throws -> Value) {
        let thread = Thread { [self] in
            do throws(ContentError) {
                result = .success(try ContentError.readingGit { try work(try Repository.open(at: location)) })
            } catch {
                result = .failure(error)
            }
            done.signal()
        }
        // Walks recurse through folders; the default secondary-thread stack is small.
        thread.stackSize = 8 << 20
        thread.start()
    }

    func wait() throws(ContentError) -> Value {
        done.wait()
        return try result.get()
    }
}
