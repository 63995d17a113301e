import GitKit

/// Answers, for many paths in one walk, the questions `git log` answers one path at a time:
/// when a path last changed (`git log -1 -- PATH`) and when it was added (`git log --diff-filter=A -1 -- PATH`).
///
/// The walk visits commits newest first, carrying each path along the parents it follows under git's
/// history simplification: at a merge, a path identical to some parent follows the first such parent only.
/// Trees are compared by id before descending, so folders that did not change cost nothing.
struct History {
    enum Question {
        /// The newest commit whose content at the path differs from every parent it could follow.
        case lastChange
        /// The newest commit that brought the path into existence on the path's line of history.
        case introduction
    }

    let repository: Repository

    func answer(_ questions: [String: Question], from head: ObjectID) throws(GitError) -> [String: Commit] {
        let paths = Array(questions.keys).sorted()
        let components = paths.map { $0.split(separator: "/").map(String.init) }
        let kinds = paths.map { questions[$0] ?? .lastChange }
        var answers: [String: Commit] = [:]
        var unresolved = paths.count
        var queue = CommitQueue()
        var waiting: [ObjectID: Set<Int>] = [:]
        var visited: [ObjectID: Set<Int>] = [:]
        var commits: [ObjectID: Commit] = [:]

        func load(_ id: ObjectID) throws(GitError) -> Commit {
            if let commit = commits[id] { return commit }
            let commit = try repository.commit(id)
            commits[id] = commit
            return commit
        }
        func enqueue(_ id: ObjectID, _ carried: Set<Int>) throws(GitError) {
            let fresh = carried.subtracting(visited[id] ?? []).subtracting(waiting[id] ?? [])
            guard !fresh.isEmpty else { return }
            if waiting[id] != nil {
                waiting[id]?.formUnion(fresh)
            } else {
                waiting[id] = fresh
                queue.push(try load(id))
            }
        }

        try enqueue(head, Set(paths.indices))
        while unresolved > 0, let commit = queue.pop() {
            guard let active = waiting.removeValue(forKey: commit.id) else { continue }
            visited[commit.id, default: []].formUnion(active)
            var pending = active.filter { answers[paths[$0]] == nil }
            var followed: [[Int]] = Array(repeating: [], count: commit.parents.count)
            for (index, parentID) in commit.parents.enumerated() where !pending.isEmpty {
                let parent = try load(parentID)
                let differing = try differingPaths(commit.tree, parent.tree, Array(pending), components, depth: 0)
                let same = pending.subtracting(differing)
                followed[index] = Array(same)
                pending = differing
            }
            for index in pending {
                if kinds[index] == .introduction, let carrier = try firstParent(of: commit, holding: paths[index], load) {
                    followed[carrier].append(index)
                } else {
                    answers[paths[index]] = commit
                    unresolved -= 1
                }
            }
            for (index, parentID) in commit.parents.enumerated() where !followed[index].isEmpty {
                try enqueue(parentID, Set(followed[index]))
            }
        }
        return answers
    }

    /// The index of the first parent that has anything at `path`.
    private func firstParent(of commit: Commit, holding path: String, _ load: (ObjectID) throws(GitError) -> Commit) throws(GitError) -> Int? {
        for (index, parentID) in commit.parents.enumerated() {
            let parent = try load(parentID)
            if try repository.entry(atPath: path, in: try repository.tree(parent.tree)) != nil { return index }
        }
        return nil
    }

    /// The paths (by index) whose entry differs between two trees; `depth` is the path component both trees sit at.
    func differingPaths(_ child: ObjectID?, _ parent: ObjectID?, _ indices: [Int], _ components: [[String]],
                                depth: Int) throws(GitError) -> Set<Int> {
        if child == parent { return [] }
        guard let child, let parent else { return Set(indices) }
        let childTree = try repository.tree(child)
        let parentTree = try repository.tree(parent)
        var differing: Set<Int> = []
        for (name, group) in Dictionary(grouping: indices, by: { components[$0][depth] }) {
            let childEntry = childTree.entry(named: name)
            let parentEntry = parentTree.entry(named: name)
            for index in group where components[index].count == depth + 1 && childEntry != parentEntry {
                differing.insert(index)
            }
            let deeper = group.filter { components[$0].count > depth + 1 }
            guard !deeper.isEmpty, childEntry?.id != parentEntry?.id || childEntry?.mode != parentEntry?.mode else { continue }
            differing.formUnion(try differingPaths(childEntry?.isTree == true ? childEntry?.id : nil,
                                                   parentEntry?.isTree == true ? parentEntry?.id : nil,
                                                   deeper, components, depth: depth + 1))
        }
        return differing
    }
}
