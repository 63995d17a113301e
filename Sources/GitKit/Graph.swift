internal import Clibgit2

extension Repository {
    /// Whether `commit` has `ancestor` in its history (a commit is not its own descendant).
    public func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws(GitError) -> Bool {
        var commitID = commit.raw
        var ancestorID = ancestor.raw
        return try check(git_graph_descendant_of(pointer, &commitID, &ancestorID), "compare history") == 1
    }

    /// The best common ancestor of two commits, or nil when their histories are unrelated.
    public func mergeBase(_ first: ObjectID, _ second: ObjectID) throws(GitError) -> ObjectID? {
        var base = git_oid()
        var one = first.raw
        var two = second.raw
        let result = git_merge_base(&base, pointer, &one, &two)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "find merge base")
        return ObjectID(base)
    }
}
