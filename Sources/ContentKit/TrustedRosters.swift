import Foundation
import GitKit

/// The roster as it stood on the trusted branch (`trust.branch`, default `main`) at any moment, so a record is
/// judged by who could sign when it was made. A roster edited on a pull-request branch counts only once it is on
/// the trusted branch, and removing someone who left does not undo what they signed while on it.
struct TrustedRosters {
    struct Version {
        /// The commit time from which this roster was in force on the trusted branch.
        let since: Date
        let commit: ObjectID
        let roster: Roster?
        /// Why the roster of this version could not be read, if it could not.
        let problem: String?
    }

    /// The branch (or, if it does not exist, HEAD) the history was read from.
    let source: String
    /// The trusted branch's tip when the history was read from `trust.branch` by name; nil when that branch does not
    /// exist (HEAD's history was read) or when the caller named the tip itself.
    let branchTip: ObjectID?
    /// Oldest first.
    let versions: [Version]

    /// The roster in force at `time`: the newest version that took effect at or before it.
    func version(at time: Date) -> Version? {
        versions.last { $0.since <= time }
    }

    /// The history of `trust.branch`, or of `head` when that branch does not exist. `walked`: what a history walk
    /// already read of the commits on the way.
    static func load(repository: Repository, config: ContentConfig, fallback head: Commit, cached: Bool,
                     walked: WalkedCommits? = nil) throws(ContentError) -> TrustedRosters {
        let branch: TrustedBranch
        do {
            branch = try TrustedBranch.resolve(repository: repository, config: config, fallback: head)
        } catch {
            throw ContentError(error)
        }
        return try load(repository: repository, config: config, tip: branch.tip, source: branch.name, branchTip: branch.namedTip,
                        cached: cached, walked: walked)
    }

    /// The history of the first-parent chain ending at `tip` (e.g. the base of a pull request). With `cached`, the
    /// roster changes are read from and kept in `.git/contentctl/cache/`.
    static func load(repository: Repository, config: ContentConfig, tip: Commit, source: String, branchTip: ObjectID? = nil,
                     cached: Bool, walked: WalkedCommits? = nil) throws(ContentError) -> TrustedRosters {
        let rosterPath = config.rosterPath
        let cacheFile = CacheFile.path("rosters", in: repository)
        return try ContentError.readingGit {
            let known = cached ? RosterChanges.load(from: cacheFile) : nil
            let changes = try RosterChanges.compute(repository: repository, rosterPath: rosterPath, tip: tip, cached: known, walked: walked)
            if cached, known?.tip != changes.tip || known?.rosterPath != rosterPath { changes.save(to: cacheFile) }
            var versions: [Version] = []
            var parsed: [ObjectID: (Roster?, String?)] = [:]
            for change in changes.changes {
                guard let blob = change.blob else {
                    versions.append(Version(since: change.since, commit: change.commit, roster: nil, problem: "no roster"))
                    continue
                }
                if parsed[blob] == nil {
                    do {
                        parsed[blob] = (try Roster.parse([UInt8](try repository.blob(blob)), path: rosterPath, config: config), nil)
                    } catch let error as ContentError {
                        parsed[blob] = (nil, error.message)
                    }
                }
                versions.append(Version(since: change.since, commit: change.commit, roster: parsed[blob]?.0, problem: parsed[blob]?.1))
            }
            return TrustedRosters(source: source, branchTip: branchTip, versions: versions)
        }
    }
}
