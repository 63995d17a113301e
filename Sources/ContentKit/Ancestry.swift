import GitKit

/// Whether one commit is in another's history, found by walking commit headers from both commits at once, newest
/// first. The walk down from the possible descendant answers yes when it meets the other commit and no when it runs
/// out of history; the walk from the other commit answers no as soon as it meets the first (that one is then the
/// older). libgit2's `git_graph_descendant_of` reads full commits and, without a commit-graph, walks all history
/// between the two from both sides: a second on a hundred thousand commits where a diff reaches far back.
enum Ancestry {
    /// As `git_graph_descendant_of`: a commit is not its own descendant.
    static func isDescendant(_ commit: ObjectID, of ancestor: ObjectID, objects: ObjectDatabase) throws(GitError) -> Bool {
        guard commit != ancestor else { return false }
        var down = try Walk(from: commit, objects: objects)
        var up = try Walk(from: ancestor, objects: objects)
        while let visited = try down.next(objects: objects) {
            if visited == ancestor { return true }
            if try up.next(objects: objects) == commit { return false }
        }
        return false
    }

    /// Every ancestor of a commit once, newest committer time first.
    private struct Walk {
        private var queue = CommitQueue()
        private var seen: Set<ObjectID>

        init(from start: ObjectID, objects: ObjectDatabase) throws(GitError) {
            seen = [start]
            queue.push(try objects.commitHeader(start))
        }

        /// The next commit, nil once history is exhausted.
        mutating func next(objects: ObjectDatabase) throws(GitError) -> ObjectID? {
            guard let commit = queue.pop() else { return nil }
            for parent in commit.parents where seen.insert(parent).inserted {
                queue.push(try objects.commitHeader(parent))
            }
            return commit.id
        }
    }
}
