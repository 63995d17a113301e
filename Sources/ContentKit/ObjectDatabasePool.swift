import Foundation
import GitKit

/// Object-database handles for work split over the cores. Each part borrows a handle for its whole run and gives it
/// back, so no handle is used by two threads at once (libgit2 objects must not be shared between threads), and no
/// more handles are opened than parts run at the same time.
final class ObjectDatabasePool: @unchecked Sendable {
    private let location: String
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var idle: [ObjectDatabase]

    /// `first`: a handle of the calling thread's repository, lent to whichever part runs first.
    init(location: String, first: ObjectDatabase) {
        self.location = location
        idle = [first]
    }

    func borrow<Value>(_ body: (ObjectDatabase) throws(GitError) -> Value) throws(GitError) -> Value {
        let objects: ObjectDatabase
        if let free = lock.withLock({ idle.popLast() }) {
            objects = free
        } else {
            objects = try Repository.open(at: location).objectDatabase()
        }
        defer { lock.withLock { idle.append(objects) } }
        return try body(objects)
    }
}
