internal import Clibgit2

extension Repository {
    /// Moves (or creates) reference `name` to `target` only if it still points at `expected`
    /// (`nil`: it must not exist yet). libgit2 re-reads the reference under its lock, so a concurrent
    /// writer shows up as `.modified` and a held lock as `.locked`, never as a lost update.
    public func updateReference(_ name: String, to target: ObjectID, expecting expected: ObjectID?, message: String) throws(GitError) {
        var reference: OpaquePointer?
        var newID = target.raw
        var oldID = (expected ?? .zero).raw
        try check(git_reference_create_matching(&reference, pointer, name, &newID, 1, &oldID, message), "update \(name)")
        git_reference_free(reference)
    }

    /// The object a reference points at, following symbolic references; nil when it does not exist.
    public func referenceTarget(_ name: String) throws(GitError) -> ObjectID? {
        var id = git_oid()
        let result = git_reference_name_to_id(&id, pointer, name)
        // A name no reference can have (such as `refs/tags/market-update/HEAD~1`) names none.
        if result == GIT_ENOTFOUND.rawValue || result == GIT_EINVALIDSPEC.rawValue { return nil }
        try check(result, "read \(name)")
        return ObjectID(id)
    }
}
