import GitKit

/// What a history walk learned in passing about each commit it visited: its first parent, its committer time and
/// what sat at one path in it. The roster's versions along the trusted branch are taken from here rather than read
/// again commit by commit: on a cold review of 100,000 commits that second reading took 0.8 s during which the walk
/// could not run (libgit2's pack locks, see `ContentRepository.reviewSession`).
struct WalkedCommits: Sendable {
    struct Visit: Sendable {
        let firstParent: ObjectID?
        let seconds: Int64
        /// The id of the entry at `path`, as `ObjectDatabase.versions(atPath:in:)` gives it; nil where there is none.
        let entry: ObjectID?
    }

    /// Nil: nothing is noted.
    let path: String?
    var visits: [ObjectID: Visit] = [:]

    init(path: String?) {
        self.path = path
    }
}
