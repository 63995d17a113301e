import Foundation
import GitKit

/// One changed file between two sides, as `git diff --name-status -M` reports it.
public struct FileChange: Equatable, Sendable {
    public enum Status: String, Sendable {
        case added = "A", deleted = "D", modified = "M", renamed = "R", typeChanged = "T"
    }

    public let status: Status
    /// The new path; for a deletion, the deleted path.
    public let path: String
    /// For a rename, the source path; nil otherwise.
    public let oldPath: String?
    public let oldBlob: ObjectID?
    public let newBlob: ObjectID?
    public let oldMode: FileMode?
    public let newMode: FileMode?
    /// For a rename, git's percentage (`score * 100 / 60000`, rounded down); nil otherwise.
    public let similarity: Int?

    /// The line `git diff --name-status -M` prints for this change (paths unquoted).
    public var nameStatusLine: String {
        switch status {
        case .renamed:
            let percent = similarity ?? 0
            let digits = String(percent)
            return "R" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits + "\t" + (oldPath ?? "") + "\t" + path
        default:
            return status.rawValue + "\t" + path
        }
    }
}

/// The changed files below a folder between two trees (or two arbitrary sides), with renames paired
/// by git's own rules (see `RenameDetection`). No libgit2 diff function is used.
enum TreeChanges {
    /// A file on one side: its blob and its mode (regular, executable or symlink).
    typealias File = (blob: ObjectID, mode: FileMode)

    /// Every regular file, executable and symlink below `folder` in `tree` (recursive, paths from the repository root).
    /// A `folder` that is itself a file in `tree` yields that one file, as git's pathspec would.
    static func files(in tree: ObjectID?, under folder: String, repository: Repository) throws(GitError) -> [String: File] {
        let folder = normalized(folder)
        var walk = TreeChangesWalk(objects: try repository.objectDatabase())
        try walk.compare(nil, try node(at: folder, in: tree, repository: repository), path: folder)
        var files: [String: File] = [:]
        for change in walk.changes {
            if let new = change.new { files[change.path] = (new.blob, new.mode) }
        }
        return files
    }

    /// Changes between two trees below `folder`, sorted by path as git prints them, with renames detected as git does.
    /// Both trees are walked together and subtrees with equal ids are skipped, so unchanged folders are never read.
    static func between(_ old: ObjectID?, _ new: ObjectID?, under folder: String, repository: Repository) throws(GitError) -> [FileChange] {
        if old == new { return [] }
        let folder = normalized(folder)
        let objects = try repository.objectDatabase()
        var walk = TreeChangesWalk(objects: objects)
        try walk.compare(try node(at: folder, in: old, repository: repository),
                         try node(at: folder, in: new, repository: repository), path: folder)
        return try RenameDetection.changes(walk.changes) { (id) throws(GitError) -> Data in try objects.blob(id) }
    }

    /// The same for two arbitrary sides (e.g. a commit and the work tree); `content` returns a blob's bytes.
    /// Tree and submodule entries in the maps are ignored.
    static func between(old: [String: File], new: [String: File],
                        content: (ObjectID) throws(GitError) -> Data) throws(GitError) -> [FileChange] {
        var raw: [RenameDetection.RawChange] = []
        for (path, file) in old {
            let before = RenameDetection.FileState(file)
            let after = new[path].flatMap(RenameDetection.FileState.init)
            if before != after, before != nil || after != nil {
                raw.append(RenameDetection.RawChange(path: path, old: before, new: after))
            }
        }
        for (path, file) in new where old[path] == nil {
            if let after = RenameDetection.FileState(file) {
                raw.append(RenameDetection.RawChange(path: path, old: nil, new: after))
            }
        }
        return try RenameDetection.changes(raw, content: content)
    }

    /// The folder without leading or trailing slashes; "" is the whole repository.
    static func normalized(_ folder: String) -> String {
        folder.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    /// The object at `folder` in `tree` (the tree itself for ""), or nil when nothing is there.
    private static func node(at folder: String, in tree: ObjectID?, repository: Repository) throws(GitError) -> TreeChangesWalk.Node? {
        guard let tree else { return nil }
        if folder.isEmpty { return TreeChangesWalk.Node(id: tree, mode: .tree) }
        guard let entry = try repository.entry(atPath: folder, in: try repository.tree(tree)) else { return nil }
        return TreeChangesWalk.Node(id: entry.id, mode: entry.mode)
    }
}

/// Walks two trees side by side and records every file whose blob or mode differs (or that exists on one side only).
struct TreeChangesWalk {
    struct Node {
        let id: ObjectID
        let mode: FileMode

        init(id: ObjectID, mode: FileMode) {
            self.id = id
            self.mode = mode
        }

        init(_ entry: EntryIdentity) {
            self.init(id: entry.id, mode: entry.mode)
        }
    }

    /// Trees are read as stored, and only the entries that differ are copied out: a far diff walks thousands of folders.
    let objects: ObjectDatabase
    private(set) var changes: [RenameDetection.RawChange] = []

    init(objects: ObjectDatabase) {
        self.objects = objects
    }

    /// Compares what sits at `path` on both sides: a folder on either side is walked (unless both ids are equal),
    /// and a file on either side is compared with the file (if any) on the other side.
    mutating func compare(_ old: Node?, _ new: Node?, path: String) throws(GitError) {
        let oldTree = old?.mode == .tree ? old?.id : nil
        let newTree = new?.mode == .tree ? new?.id : nil
        if oldTree != newTree {
            try compareTrees(oldTree, newTree, prefix: path.isEmpty ? "" : path + "/")
        }
        let oldFile = old.flatMap { RenameDetection.FileState(($0.id, $0.mode)) }
        let newFile = new.flatMap { RenameDetection.FileState(($0.id, $0.mode)) }
        if oldFile != newFile {
            changes.append(RenameDetection.RawChange(path: path, old: oldFile, new: newFile))
        }
    }

    private mutating func compareTrees(_ old: ObjectID?, _ new: ObjectID?, prefix: String) throws(GitError) {
        switch (old, new) {
        case let (old?, new?):
            // A name that is a folder on one side and a file on the other comes as two differences, one per side.
            for difference in try objects.tree(new).differences(from: try objects.tree(old)) {
                try compare(difference.old.map(Node.init), difference.new.map(Node.init), path: prefix + difference.name)
            }
        case let (old?, nil):
            for entry in try objects.tree(old).allEntries { try compare(Node(id: entry.id, mode: entry.mode), nil, path: prefix + entry.name) }
        case let (nil, new?):
            for entry in try objects.tree(new).allEntries { try compare(nil, Node(id: entry.id, mode: entry.mode), path: prefix + entry.name) }
        case (nil, nil):
            break
        }
    }
}
