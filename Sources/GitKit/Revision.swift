internal import Clibgit2

extension Repository {
    /// The commit a revision expression names (`HEAD`, a branch, a tag, an abbreviated id, ...), peeling tags.
    /// Returns nil when the expression names nothing.
    public func resolveCommit(_ revision: String) throws(GitError) -> ObjectID? {
        var object: OpaquePointer?
        let result = git_revparse_single(&object, pointer, revision)
        if result == GIT_ENOTFOUND.rawValue || result == GIT_EINVALIDSPEC.rawValue || result == GIT_EAMBIGUOUS.rawValue {
            return nil
        }
        try check(result, "resolve \(revision)")
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        let peeled = git_object_peel(&commit, object, GIT_OBJECT_COMMIT)
        if peeled == GIT_ENOTFOUND.rawValue || peeled == GIT_EINVALIDSPEC.rawValue || peeled == GIT_EAMBIGUOUS.rawValue {
            return nil
        }
        try check(peeled, "resolve \(revision)")
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit))
    }
}
