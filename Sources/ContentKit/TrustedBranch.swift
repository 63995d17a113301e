import GitKit

/// The branch whose history decides who could sign when (`trust.branch`), or HEAD when that branch does not exist.
struct TrustedBranch {
    let tip: Commit
    /// How reports name it.
    let name: String
    /// The branch's tip, nil when the branch does not exist and HEAD stands in for it.
    let namedTip: ObjectID?

    static func resolve(repository: Repository, config: ContentConfig, fallback head: Commit) throws(GitError) -> TrustedBranch {
        guard let id = try repository.referenceTarget("refs/heads/" + config.trustBranch) else {
            return TrustedBranch(tip: head, name: "HEAD (branch \(config.trustBranch) not found)", namedTip: nil)
        }
        return TrustedBranch(tip: try repository.commit(id), name: config.trustBranch, namedTip: id)
    }
}
