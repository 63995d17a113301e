import Foundation
internal import Clibgit2

/// The kind of a tree entry, from its git file mode.
public enum FileMode: UInt32, Sendable {
    case tree = 0o040000
    case blob = 0o100644
    case executable = 0o100755
    case symlink = 0o120000
    case submodule = 0o160000

    init(raw: UInt32) {
        self = FileMode(rawValue: raw) ?? (raw & 0o170000 == 0o040000 ? .tree : .blob)
    }
}

/// One entry of a tree, copied out of libgit2.
public struct TreeEntry: Equatable, Sendable {
    public let name: String
    public let id: ObjectID
    public let mode: FileMode

    public var isTree: Bool { mode == .tree }
    public var isFile: Bool { mode == .blob || mode == .executable }
}

/// What makes two tree entries the same content: the object and the mode.
public struct EntryIdentity: Equatable, Sendable {
    public let id: ObjectID
    public let mode: FileMode

    public init(id: ObjectID, mode: FileMode) {
        self.id = id
        self.mode = mode
    }

    public var isTree: Bool { mode == .tree }
}

/// A tree object held open for repeated lookups; freed when released.
public final class Tree {
    let handle: OpaquePointer
    public let id: ObjectID

    init(handle: OpaquePointer) {
        self.handle = handle
        id = ObjectID(git_tree_id(handle))
    }

    deinit {
        git_tree_free(handle)
    }

    /// The entries in git's order.
    public var entries: [TreeEntry] {
        (0..<git_tree_entrycount(handle)).compactMap { index in
            git_tree_entry_byindex(handle, index).map(Self.entry)
        }
    }

    private static func entry(_ raw: OpaquePointer) -> TreeEntry {
        TreeEntry(
            name: String(cString: git_tree_entry_name(raw)),
            id: ObjectID(git_tree_entry_id(raw)),
            mode: FileMode(raw: git_tree_entry_filemode_raw(raw).rawValue)
        )
    }
}

extension Repository {
    public func tree(_ id: ObjectID) throws(GitError) -> Tree {
        var raw = id.raw
        var handle: OpaquePointer?
        try check(git_tree_lookup(&handle, pointer, &raw), "read tree \(id)")
        guard let handle else { throw GitError(code: .notFound, message: "no tree \(id)", operation: "read tree") }
        return Tree(handle: handle)
    }

    /// The entry at a slash-separated path below `tree`, or nil when nothing is there.
    public func entry(atPath path: String, in tree: Tree) throws(GitError) -> TreeEntry? {
        var raw: OpaquePointer?
        let result = git_tree_entry_bypath(&raw, tree.handle, path)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "look up \(path)")
        guard let raw else { return nil }
        defer { git_tree_entry_free(raw) }
        return TreeEntry(
            name: String(cString: git_tree_entry_name(raw)),
            id: ObjectID(git_tree_entry_id(raw)),
            mode: FileMode(raw: git_tree_entry_filemode_raw(raw).rawValue)
        )
    }

    /// A new tree: `base` (or an empty tree) with each file written at its path, creating folders as needed.
    public func tree(updating base: ObjectID?, with files: [(path: String, blob: ObjectID)]) throws(GitError) -> ObjectID {
        let operation = "build tree"
        var baseHandle: OpaquePointer?
        if let base {
            var raw = base.raw
            try check(git_tree_lookup(&baseHandle, pointer, &raw), operation)
        }
        defer { if let baseHandle { git_tree_free(baseHandle) } }
        if baseHandle == nil {
            var builder: OpaquePointer?
            try check(git_treebuilder_new(&builder, pointer, nil), operation)
            defer { git_treebuilder_free(builder) }
            var empty = git_oid()
            try check(git_treebuilder_write(&empty, builder), operation)
            try check(git_tree_lookup(&baseHandle, pointer, &empty), operation)
        }
        let paths = files.map { strdup($0.path) }
        defer { paths.forEach { free($0) } }
        var updates = files.enumerated().map { index, file in
            git_tree_update(action: GIT_TREE_UPDATE_UPSERT, id: file.blob.raw, filemode: GIT_FILEMODE_BLOB, path: paths[index])
        }
        var created = git_oid()
        try check(git_tree_create_updated(&created, pointer, baseHandle, updates.count, &updates), operation)
        return ObjectID(created)
    }
}
