import GitKit

/// Whether one commit is in another's history, found by walking commit headers from both commits at once, newest
/// first. The walk down from the possible descendant answers yes when it meets the other commit and no when it runs
/// out of history; the walk from the other commit answers no as soon as it meets the first (that one is then the
/// older). libgit2's `git_graph_descendant_of` reads full commits and, without a commit-graph, walks all history
/// between the two from both sides: a second on a hundred thousand commits where a diff reaches far back.
struct Ancestry {
    private let commit: ObjectID
    private let ancestor: ObjectID
    private var down: Walk
    private var up: Walk
    /// Set once the walks have met or run out.
    private(set) var answer: Bool?

    /// As `git_graph_descendant_of`: a commit is not its own descendant.
    static func isDescendant(_ commit: ObjectID, of ancestor: ObjectID, objects: ObjectDatabase) throws(GitError) -> Bool {
        var search = try Ancestry(isDescendant: commit, of: ancestor, objects: objects)
        return try search.finish(objects: objects)
    }

    /// A search to run in pieces (`advance`), so its reads can be spread between other reads on the same thread:
    /// libgit2 serialises pack reads behind one process-wide lock, and a second thread reading at the same time
    /// makes both wait on it.
    init(isDescendant commit: ObjectID, of ancestor: ObjectID, objects: ObjectDatabase) throws(GitError) {
        self.commit = commit
        self.ancestor = ancestor
        down = try Walk(from: commit, objects: objects)
        up = try Walk(from: ancestor, objects: objects)
        if commit == ancestor { answer = false }
    }

    /// Takes up to `steps` steps of each walk, fewer once the answer is known.
    mutating func advance(steps: Int, objects: ObjectDatabase) throws(GitError) {
        var left = steps
        while answer == nil, left > 0 {
            left -= 1
            guard let visited = try down.next(objects: objects) else { answer = false; return }
            if visited == ancestor { answer = true; return }
            if try up.next(objects: objects) == commit { answer = false; return }
        }
    }

    /// Walks until the answer is known.
    mutating func finish(objects: ObjectDatabase) throws(GitError) -> Bool {
        try advance(steps: .max, objects: objects)
        return answer ?? false
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
