import Foundation
import GitKit

/// Answers, for many paths in one walk, the questions `git log` answers one path at a time:
/// when a path last changed (`git log -1 -- PATH`) and when it was added (`git log --diff-filter=A -1 -- PATH`).
///
/// The walk visits commits newest first, carrying each path along the parents it follows under git's
/// history simplification: at a merge, a path identical to some parent follows the first such parent only, so
/// every path travels along exactly one line and a commit's work is proportional to what changed in it, not to
/// how many paths are still open. Trees are compared by id before descending, and only into folders that still
/// hold an unresolved path, so folders that did not change cost nothing.
struct History {
    enum Question {
        /// The newest commit whose content at the path differs from every parent it could follow.
        case lastChange
        /// The newest commit that brought the path into existence on the path's line of history.
        case introduction
    }

    private let objects: ObjectDatabase
    private let trees: RecentTrees
    private let progress: WalkProgress?

    init(repository: Repository, progress: WalkProgress? = nil) throws(GitError) {
        self.progress = progress
        objects = try repository.objectDatabase()
        trees = RecentTrees(objects: objects)
    }

    /// Each path's answer: the commit's id and committer time, all a review shows of it.
    /// `known`: the answers of an earlier walk from some commit; a walk that reaches that commit takes them from there.
    func answer(_ questions: [String: Question], from head: ObjectID, known: HistoryCache? = nil) throws(GitError) -> [String: Reason.CommitReference] {
        var nothing = WalkedCommits(path: nil)
        return try answer(questions, from: head, known: known, noting: &nothing)
    }

    /// The same, noting in `walked`, for every commit visited, its first parent, time and the entry at `walked.path`.
    func answer(_ questions: [String: Question], from head: ObjectID, known: HistoryCache?,
                noting walked: inout WalkedCommits) throws(GitError) -> [String: Reason.CommitReference] {
        let paths = Array(questions.keys).sorted()
        let kinds = paths.map { questions[$0] ?? .lastChange }
        let pending = PathTrie(paths.map { $0.split(separator: "/").map(String.init) })
        var answers: [String: Reason.CommitReference] = [:]
        // Whether each commit a cached answer names still exists, by id.
        var existing: [ObjectID: Bool] = [:]
        var queue = CommitQueue()
        // The paths each queued commit carries; a commit reached again later (clock skew) is queued again.
        var waiting: [ObjectID: Set<Int>] = [:]

        func enqueue(_ commit: CommitHeader, _ carried: Set<Int>) {
            if waiting[commit.id] == nil {
                waiting[commit.id] = carried
                queue.push(commit)
            } else {
                waiting[commit.id, default: []].formUnion(carried)
            }
        }

        enqueue(try objects.commitHeader(head), Set(paths.indices))
        var visited = 0
        defer { progress?.add(visited % 1000) }
        while !pending.isEmpty, let commit = queue.pop() {
            visited += 1
            if visited % 1000 == 0 { progress?.add(1000) }
            guard var remaining = waiting.removeValue(forKey: commit.id) else { continue }
            trees.advance()
            if let path = walked.path {
                // The folders on the way were read moments ago, comparing this commit with its child.
                walked.visits[commit.id] = WalkedCommits.Visit(firstParent: commit.parents.first, seconds: commit.seconds,
                                                                entry: try entry(atPath: path, in: commit.tree))
            }
            if let known, commit.id == known.head {
                try resolve(&remaining, from: known, paths: paths, kinds: kinds, answers: &answers, existing: &existing, pending: pending)
                if remaining.isEmpty { continue }
            }
            var parents: [CommitHeader] = []
            for id in commit.parents { parents.append(try objects.commitHeader(id)) }
            var followed = Array(repeating: Set<Int>(), count: parents.count)
            for (index, parent) in parents.enumerated() where !remaining.isEmpty {
                let differing = try changedPaths(commit.tree, parent.tree, among: remaining, paths: paths, pending: pending)
                remaining.subtract(differing)
                followed[index] = remaining
                remaining = differing
            }
            // What is left differs from every parent: it changed here, unless an introduction continues on a parent.
            // A root commit differs from nothing: it changed only the paths it holds, as git compares it with the
            // empty tree; a path it lacks was never on this line of history, and stays unanswered.
            for index in remaining {
                if kinds[index] == .introduction, let carrier = try firstParent(of: parents, holding: paths[index]) {
                    followed[carrier].insert(index)
                } else if parents.isEmpty, try entry(atPath: paths[index], in: commit.tree) == nil {
                    continue
                } else {
                    answers[paths[index]] = Reason.CommitReference(id: commit.id, date: Date(timeIntervalSince1970: TimeInterval(commit.seconds)))
                    pending.remove(index)
                }
            }
            for (index, parent) in parents.enumerated() where !followed[index].isEmpty {
                enqueue(parent, followed[index])
            }
        }
        return answers
    }

    /// Takes the answers an earlier walk from this very commit found; paths it did not ask about walk on.
    private func resolve(_ remaining: inout Set<Int>, from known: HistoryCache, paths: [String], kinds: [Question],
                         answers: inout [String: Reason.CommitReference], existing: inout [ObjectID: Bool], pending: PathTrie) throws(GitError) {
        for index in remaining {
            guard let cached = known.answers[paths[index]], cached.question == kinds[index] else { continue }
            // A commit pruned since (a history made shallow) leaves the path to the walk.
            let id = cached.commit.id
            if existing[id] == nil { existing[id] = try objects.containsCommit(id) }
            guard existing[id] == true else { continue }
            answers[paths[index]] = cached.commit
            pending.remove(index)
            remaining.remove(index)
        }
    }

    /// The id of the entry at `path` below `root`, nil where a folder on the way is missing.
    private func entry(atPath path: String, in root: ObjectID) throws(GitError) -> ObjectID? {
        var folder = root
        let names = path.split(separator: "/")
        for (level, name) in names.enumerated() {
            guard let entry = try trees.tree(folder).entryIdentity(named: String(name)) else { return nil }
            if level == names.count - 1 { return entry.id }
            guard entry.isTree else { return nil }
            folder = entry.id
        }
        return nil
    }

    /// The index of the first parent that has anything at `path`.
    private func firstParent(of parents: [CommitHeader], holding path: String) throws(GitError) -> Int? {
        for (index, parent) in parents.enumerated() where try objects.entry(atPath: path, in: parent.tree) != nil {
            return index
        }
        return nil
    }

    /// Which of `among` differ between two trees.
    private func changedPaths(_ child: ObjectID, _ parent: ObjectID, among: Set<Int>, paths: [String], pending: PathTrie) throws(GitError) -> Set<Int> {
        var differing: Set<Int> = []
        try compare(child, parent, below: pending.root, among: among, pending: pending, into: &differing)
        return differing
    }

    /// Descends where the two subtrees differ and the trie still holds unresolved paths.
    private func compare(_ child: ObjectID?, _ parent: ObjectID?, below node: PathTrie.Node, among: Set<Int>,
                         pending: PathTrie, into differing: inout Set<Int>) throws(GitError) {
        guard child != parent, node.count > 0 else { return }
        guard let child, let parent else {
            // A folder on one side only: a path below it changed if that side holds it; one on neither side did not.
            guard let present = child ?? parent else { return }
            let tree = try trees.tree(present)
            for (name, next) in node.children {
                guard let entry = tree.entryIdentity(named: name) else { continue }
                try differs(next, new: child == nil ? nil : entry, old: child == nil ? entry : nil, among: among, pending: pending, into: &differing)
            }
            return
        }
        let childTree = try trees.tree(child)
        let parentTree = try trees.tree(parent)
        // Few open paths in a big folder: look their names up. Otherwise one pass over both entry lists.
        if node.count * Self.lookupsPerPass < max(childTree.count, parentTree.count) {
            for (name, next) in node.children {
                let new = childTree.entryIdentity(named: name)
                let old = parentTree.entryIdentity(named: name)
                guard new != old else { continue }
                try differs(next, new: new, old: old, among: among, pending: pending, into: &differing)
            }
        } else {
            for difference in childTree.differences(from: parentTree) {
                guard let next = node.children[difference.name] else { continue }
                try differs(next, new: difference.new, old: difference.old, among: among, pending: pending, into: &differing)
            }
        }
    }

    /// A name lookup costs about this many steps of a pass over both entry lists (binary search and name copies).
    private static let lookupsPerPass = 8

    /// The entry at `node` differs: its path (if open) changed, and so may paths below it.
    private func differs(_ node: PathTrie.Node, new: EntryIdentity?, old: EntryIdentity?, among: Set<Int>,
                         pending: PathTrie, into differing: inout Set<Int>) throws(GitError) {
        if let index = node.index, among.contains(index) { differing.insert(index) }
        if !node.children.isEmpty {
            try compare(new?.isTree == true ? new?.id : nil, old?.isTree == true ? old?.id : nil,
                        below: node, among: among, pending: pending, into: &differing)
        }
    }
}

/// The trees a walk read for the last few commits: a commit's parent is usually the next commit visited, so its
/// trees are read twice in a row. Two generations, swapped every few commits, keep memory bounded.
private final class RecentTrees {
    private let objects: ObjectDatabase
    private var current: [ObjectID: RawTree] = [:]
    private var previous: [ObjectID: RawTree] = [:]
    private var steps = 0

    init(objects: ObjectDatabase) {
        self.objects = objects
    }

    func tree(_ id: ObjectID) throws(GitError) -> RawTree {
        if let tree = current[id] { return tree }
        if let tree = previous[id] {
            current[id] = tree
            return tree
        }
        let tree = try objects.tree(id)
        current[id] = tree
        return tree
    }

    /// Called once per commit visited.
    func advance() {
        steps += 1
        guard steps == 16 else { return }
        steps = 0
        previous = current
        current = [:]
    }
}
