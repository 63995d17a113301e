internal import Clibgit2

extension Repository {
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
