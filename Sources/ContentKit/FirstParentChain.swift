import GitKit

extension Repository {
    /// The first-parent chain from `tip` back to the root commit, newest first: what was live on a branch.
    func firstParentChain(from tip: Commit) throws(GitError) -> [Commit] {
        var chain = [tip]
        while let parent = chain[chain.count - 1].parents.first {
            chain.append(try commit(parent))
        }
        return chain
    }
}
