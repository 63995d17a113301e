import GitKit

/// Looks up paths below one tree, reading each folder once however many paths pass through it. libgit2 keeps no
/// trees in its object cache (a history walk would fill it), so looking up each record's snapshot path anew
/// re-read the root, the content folder and the ledger's large folder every time. Folders are read as raw trees,
/// the same reader listings and history walks use.
final class TreeLookup {
    let repository: Repository
    let objects: ObjectDatabase
    private let root: ObjectID
    private var folders: [String: RawTree?] = [:]

    init(repository: Repository, root: ObjectID) throws(GitError) {
        self.repository = repository
        self.root = root
        objects = try repository.objectDatabase()
    }

    convenience init(repository: Repository, commit: Commit) throws(GitError) {
        try self.init(repository: repository, root: commit.tree)
    }

    /// The entry at a slash-separated path, or nil when nothing is there.
    func entry(atPath path: String) throws(GitError) -> TreeEntry? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let name = parts.last else { return nil }
        return try folder(parts.dropLast().joined(separator: "/"))?.entry(named: String(name))
    }

    /// The folder at `path` whose tree the caller already found, e.g. listing its parent: kept for later lookups.
    func folder(_ path: String, tree id: ObjectID) throws(GitError) -> RawTree {
        if let known = folders[path] ?? nil { return known }
        let tree = try objects.tree(id)
        folders[path] = tree
        return tree
    }

    /// The folder at `path` ("" for the root), or nil when there is none.
    func folder(_ path: String) throws(GitError) -> RawTree? {
        if let known = folders[path] { return known }
        var found: RawTree?
        if path.isEmpty {
            found = try objects.tree(root)
        } else if let entry = try folder(RepositoryPath.folder(of: path))?.entryIdentity(named: RepositoryPath.baseName(of: path)),
                  entry.isTree {
            found = try objects.tree(entry.id)
        }
        folders[path] = found
        return found
    }
}
