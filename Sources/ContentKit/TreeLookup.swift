import GitKit

/// Looks up paths below one tree, reading each folder once however many paths pass through it. libgit2 keeps no
/// trees in its object cache (a history walk would fill it), so looking up each record's snapshot path anew
/// re-read the root, the content folder and the ledger's large folder every time.
final class TreeLookup {
    let repository: Repository
    let root: Tree
    /// For listing whole folders, which reads every folder below them once.
    let objects: ObjectDatabase
    private var folders: [String: Tree?] = [:]

    init(repository: Repository, root: Tree) throws(GitError) {
        self.repository = repository
        self.root = root
        objects = try repository.objectDatabase()
    }

    convenience init(repository: Repository, commit: Commit) throws(GitError) {
        try self.init(repository: repository, root: try repository.tree(commit.tree))
    }

    /// The entry at a slash-separated path, or nil when nothing is there.
    func entry(atPath path: String) throws(GitError) -> TreeEntry? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let name = parts.last else { return nil }
        return try folder(parts.dropLast().joined(separator: "/"))?.entry(named: String(name))
    }

    /// The folder at `path` ("" for the root), or nil when there is none.
    func folder(_ path: String) throws(GitError) -> Tree? {
        if path.isEmpty { return root }
        if let known = folders[path] { return known }
        let parent = RepositoryPath.folder(of: path)
        var found: Tree?
        if let entry = try folder(parent)?.entry(named: RepositoryPath.baseName(of: path)), entry.isTree {
            found = try repository.tree(entry.id)
        }
        folders[path] = found
        return found
    }
}
