import GitKit

/// The branch whose history decides who could sign when (`trust.branch`), or HEAD when that branch does not exist.
struct TrustedBranch {
    let tip: Commit
    /// How reports name it.
    let name: String

    static func resolve(repository: Repository, config: ContentConfig, fallback head: Commit) throws(GitError) -> TrustedBranch {
        guard let id = try repository.referenceTarget("refs/heads/" + config.trustBranch) else {
            return TrustedBranch(tip: head, name: "HEAD (branch \(config.trustBranch) not found)")
        }
        return TrustedBranch(tip: try repository.commit(id), name: config.trustBranch)
    }
}
