import GitKit

/// Files to commit on a branch, as one crash-safe write (see `ContentRepository.commit(_:)`).
struct BranchWrite {
    /// The full reference name, e.g. `refs/heads/main`.
    let branch: String
    /// The commit the write was prepared on.
    let base: Commit
    let author: Signature
    let message: String
    let reflog: String
    /// What is being written, for messages: "the sign-off".
    let what: String
    /// The files to add or replace, given the tree of the tip they go on.
    let files: (Tree) throws -> [(path: String, blob: ObjectID)]
    /// Throws when the branch moved to `tip` in a way that makes the write wrong there.
    let requireStillValid: (Commit) throws -> Void
}
