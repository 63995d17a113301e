import Foundation
internal import Clibgit2

/// The repository's object store read directly: an object's bytes as stored, without libgit2 building a tree or
/// commit object from them. A history walk reads a million tree objects and a hundred thousand commits, once
/// each; parsing only what it compares costs a fraction of libgit2's full parse and its object bookkeeping.
public final class ObjectDatabase {
    private let handle: OpaquePointer
    /// The repository the store belongs to, kept open while the store is in use.
    private let repository: Repository

    init(handle: OpaquePointer, repository: Repository) {
        self.handle = handle
        self.repository = repository
    }

    deinit {
        git_odb_free(handle)
    }

    /// The tree's entries, in git's order.
    public func tree(_ id: ObjectID) throws(GitError) -> RawTree {
        let object = try read(id, expecting: GIT_OBJECT_TREE, "read tree")
        return try RawTree(id: id, object: object)
    }

    /// The id of what sits at a slash-separated path below a tree, or nil when nothing is there.
    public func entry(atPath path: String, in tree: ObjectID) throws(GitError) -> ObjectID? {
        try versions(atPath: path, in: [tree])[0]
    }

    /// The id of what sits at `path` in each of `trees` (nil where nothing is there), in the same order. Consecutive
    /// trees of a branch share most folders: a folder whose id equals the previous tree's is not read again, so a
    /// path's versions along a long history cost a read only where its folders changed.
    public func versions(atPath path: String, in trees: [ObjectID]) throws(GitError) -> [ObjectID?] {
        let names = path.split(separator: "/").map(String.init)
        // For the previous tree: the ids of the root, each folder on the way and the entry itself.
        var previous: [ObjectID?] = []
        var result: [ObjectID?] = []
        result.reserveCapacity(trees.count)
        for tree in trees {
            var route: [ObjectID?] = [tree]
            var isFolder = true
            for (level, name) in names.enumerated() {
                if !previous.isEmpty, route[level] == previous[level] {
                    route += previous[(level + 1)...]
                    break
                }
                guard isFolder, let id = route[level], let entry = try self.tree(id).entryIdentity(named: name) else {
                    route += Array(repeating: nil, count: names.count - level)
                    break
                }
                route.append(entry.id)
                isFolder = entry.isTree
            }
            previous = route
            result.append(route.last ?? nil)
        }
        return result
    }

    /// What orders and follows a commit in a walk: its tree, parents and committer time.
    public func commitHeader(_ id: ObjectID) throws(GitError) -> CommitHeader {
        let object = try read(id, expecting: GIT_OBJECT_COMMIT, "read commit")
        defer { git_odb_object_free(object) }
        let size = git_odb_object_size(object)
        guard let data = git_odb_object_data(object) else { throw GitError(code: .invalid, message: "commit \(id) is empty", operation: "read commit") }
        let bytes = UnsafeRawBufferPointer(start: data, count: size).bindMemory(to: UInt8.self)
        guard let header = CommitHeader(id: id, bytes: bytes) else {
            throw GitError(code: .invalid, message: "commit \(id) has a malformed header", operation: "read commit")
        }
        return header
    }

    /// The bytes of a blob, read without entering libgit2's object cache.
    public func blob(_ id: ObjectID) throws(GitError) -> Data {
        let object = try read(id, expecting: GIT_OBJECT_BLOB, "read blob")
        defer { git_odb_object_free(object) }
        let size = git_odb_object_size(object)
        guard size > 0, let data = git_odb_object_data(object) else { return Data() }
        return Data(bytes: data, count: size)
    }

    /// Whether the store holds `id` as a commit. Only the object's header is read, not its data.
    public func containsCommit(_ id: ObjectID) throws(GitError) -> Bool {
        var raw = id.raw
        var size = 0
        var type = GIT_OBJECT_INVALID
        let result = git_odb_read_header(&size, &type, handle, &raw)
        if result == GIT_ENOTFOUND.rawValue { return false }
        try check(result, "read object header \(id)")
        return type == GIT_OBJECT_COMMIT
    }

    /// `operation` names the read in errors, with the id added; a walk reads millions of objects, so the message
    /// is built only when a read fails.
    private func read(_ id: ObjectID, expecting type: git_object_t, _ operation: StaticString) throws(GitError) -> OpaquePointer {
        var raw = id.raw
        var object: OpaquePointer?
        try check(git_odb_read(&object, handle, &raw), "\(operation) \(id)")
        guard let object else { throw GitError(code: .notFound, message: "no object \(id)", operation: "\(operation) \(id)") }
        guard git_odb_object_type(object) == type else {
            git_odb_object_free(object)
            throw GitError(code: .invalid, message: "object \(id) is not a \(Self.name(of: type))", operation: "\(operation) \(id)")
        }
        return object
    }

    private static func name(of type: git_object_t) -> String {
        switch type {
        case GIT_OBJECT_TREE: return "tree"
        case GIT_OBJECT_BLOB: return "blob"
        default: return "commit"
        }
    }
}

extension Repository {
    /// The object store, for reading raw objects (see `ObjectDatabase`); use it on this repository's thread only.
    public func objectDatabase() throws(GitError) -> ObjectDatabase {
        var handle: OpaquePointer?
        try check(git_repository_odb(&handle, pointer), "open object database")
        guard let handle else { throw GitError(code: .notFound, message: "no object database", operation: "open object database") }
        return ObjectDatabase(handle: handle, repository: self)
    }
}
