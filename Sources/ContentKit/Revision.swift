import Foundation
import GitKit

/// A point in history named on the command line, resolved to a commit.
public struct Revision: Sendable {
    public let commit: ObjectID
    /// As the user wrote it, for headings: `2026-Q2`, `main`, `@2026-07-01`.
    public let label: String
}

extension ContentRepository {
    /// Resolves a market update name, a tag, branch or commit, or `@YYYY-MM-DD` (the last first-parent commit of
    /// HEAD on or before the end of that day, as `git rev-list -1 --first-parent --before=...` finds it).
    public func resolveRevision(_ spec: String, timeZone: TimeZone) throws(ContentError) -> Revision {
        return try ContentError.readingGit(otherwise: { error in ContentError(.unknown, "\(error)") }) {
            if spec.hasPrefix("@"), spec.count > 1 {
                guard let day = CalendarDate(String(spec.dropFirst())) else {
                    throw ContentError(.usage, "'\(spec)' must be @YYYY-MM-DD")
                }
                return Revision(commit: try commitOnOrBefore(day, timeZone: timeZone, from: try requireHeadCommit().commit), label: spec)
            }
            if let update = try repository.tag(named: MarketUpdate.tagPrefix + spec) {
                return Revision(commit: update.commit, label: spec)
            }
            if let commit = try repository.resolveCommit(spec) {
                return Revision(commit: commit, label: spec)
            }
            throw ContentError(.unknown, "unknown ref or market update '\(spec)' (contentctl updates lists market updates)")
        }
    }

    /// The last first-parent commit of `head` made before the end of `day`.
    func commitOnOrBefore(_ day: CalendarDate, timeZone: TimeZone, from head: Commit) throws -> ObjectID {
        let limit = day.end(in: timeZone)
        var commit = head
        var oldest = head
        while true {
            if commit.time < limit { return commit.id }
            guard let parent = commit.parents.first else { break }
            commit = try repository.commit(parent)
            oldest = commit
        }
        throw ContentError(.unknown, "no commit on or before \(day): the first commit is from \(CalendarDate(oldest.time, in: timeZone))")
    }
}
