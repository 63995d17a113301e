internal import Clibgit2

/// The repository's index (staging area), held open; freed when released.
public final class Index {
    private let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        git_index_free(handle)
    }

    /// Re-reads the index file, discarding anything in memory, so a change made by another process is kept; without
    /// `force`, only when the file changed since it was read.
    public func reload(force: Bool = true) throws(GitError) {
        try check(git_index_read(handle, force ? 1 : 0), "read index")
    }

    /// Every regular file staged without a conflict, with its blob, by path.
    func stagedRegularFiles() -> [String: ObjectID] {
        var files: [String: ObjectID] = [:]
        let count = git_index_entrycount(handle)
        files.reserveCapacity(count)
        for position in 0..<count {
            guard let entry = git_index_get_byindex(handle, position)?.pointee, let path = entry.path else { continue }
            let stage = (UInt32(entry.flags) & UInt32(GIT_INDEX_ENTRY_STAGEMASK)) >> UInt32(GIT_INDEX_ENTRY_STAGESHIFT)
            guard stage == 0, entry.mode == GIT_FILEMODE_BLOB.rawValue || entry.mode == GIT_FILEMODE_BLOB_EXECUTABLE.rawValue else { continue }
            files[String(cString: path)] = ObjectID(entry.id)
        }
        return files
    }

    /// Stages the work-tree file at `path` (relative to the work tree) as it is on disk.
    public func addFromWorkingDirectory(_ path: String) throws(GitError) {
        try check(git_index_add_bypath(handle, path), "stage \(path)")
    }

    /// Unstages `path`; a path that is not staged is left alone.
    public func remove(_ path: String) throws(GitError) {
        guard git_index_get_bypath(handle, path, 0) != nil else { return }
        try check(git_index_remove(handle, path, 0), "unstage \(path)")
    }

    /// The staged blob at `path`, if any.
    public func entry(atPath path: String) -> ObjectID? {
        git_index_get_bypath(handle, path, 0).map { ObjectID($0.pointee.id) }
    }

    public func write() throws(GitError) {
        try check(git_index_write(handle), "write index")
    }
}

extension Repository {
    public func index() throws(GitError) -> Index {
        var handle: OpaquePointer?
        try check(git_repository_index(&handle, pointer), "open index")
        guard let handle else { throw GitError(code: .notFound, message: "no index", operation: "open index") }
        return Index(handle: handle)
    }
}
