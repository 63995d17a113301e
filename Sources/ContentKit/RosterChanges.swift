import Foundation
import GitKit

/// Where the roster file changed along a branch's first-parent history, oldest first. Kept under
/// `.git/contentctl/cache/` so the next run walks only the commits added since; a cached tip that is not on the
/// new tip's first-parent history (a rewritten branch) is never reached, and the history is walked in full.
struct RosterChanges {
    static let formatLine = "contentctl-roster-cache 1"

    struct Change {
        /// The commit time from which this version was in force.
        let since: Date
        let commit: ObjectID
        /// Nil when the commit had no roster.
        let blob: ObjectID?
    }

    let rosterPath: String
    let tip: ObjectID
    let changes: [Change]

    /// The changes up to `tip`, reusing `cached` where the walk reaches its tip, and taking each commit a history walk
    /// visited from `walked` rather than reading it again.
    static func compute(repository: Repository, rosterPath: String, tip: Commit, cached: RosterChanges?,
                        walked: WalkedCommits? = nil) throws(GitError) -> RosterChanges {
        // Raw commit headers, and trees only where the roster's folders changed (see `ObjectDatabase.versions`).
        let objects = try repository.objectDatabase()
        let visits = walked?.path == rosterPath ? walked?.visits ?? [:] : [:]
        /// A first-parent commit, newest first; `tree` is set where the roster's blob is still to be read.
        struct Step {
            let id: ObjectID
            let seconds: Int64
            var tree: ObjectID?
            var blob: ObjectID?
        }
        var segment: [Step] = []
        var base: [Change] = []
        var next: ObjectID? = tip.id
        while let id = next {
            if let cached, cached.rosterPath == rosterPath, id == cached.tip {
                base = cached.changes
                break
            }
            if let visit = visits[id] {
                segment.append(Step(id: id, seconds: visit.seconds, blob: visit.entry))
                next = visit.firstParent
            } else {
                let commit = try objects.commitHeader(id)
                segment.append(Step(id: id, seconds: commit.seconds, tree: commit.tree))
                next = commit.parents.first
            }
        }
        let unread = segment.indices.filter { segment[$0].tree != nil }
        for (index, blob) in zip(unread, try objects.versions(atPath: rosterPath, in: unread.compactMap { segment[$0].tree })) {
            segment[index].blob = blob
        }
        var changes = base
        for step in segment.reversed() where changes.isEmpty || changes[changes.count - 1].blob != step.blob {
            changes.append(Change(since: Date(timeIntervalSince1970: TimeInterval(step.seconds)), commit: step.id, blob: step.blob))
        }
        return RosterChanges(rosterPath: rosterPath, tip: tip.id, changes: changes)
    }

    static func load(from path: String) -> RosterChanges? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, lines[0] == Substring(formatLine), let tip = ObjectID(hex: String(lines[2])), lines.last == "" else { return nil }
        var changes: [Change] = []
        for line in lines.dropFirst(3).dropLast() {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let seconds = Int64(parts[0]), let commit = ObjectID(hex: String(parts[1])) else { return nil }
            let blob = parts[2] == "-" ? nil : ObjectID(hex: String(parts[2]))
            guard parts[2] == "-" || blob != nil else { return nil }
            changes.append(Change(since: Date(timeIntervalSince1970: TimeInterval(seconds)), commit: commit, blob: blob))
        }
        return RosterChanges(rosterPath: String(lines[1]), tip: tip, changes: changes)
    }

    func save(to path: String) {
        guard !rosterPath.contains("\n") else { return }
        var text = Self.formatLine + "\n" + rosterPath + "\n" + tip.hex + "\n"
        for change in changes {
            text += "\(Int64(change.since.timeIntervalSince1970)) \(change.commit.hex) \(change.blob?.hex ?? "-")\n"
        }
        try? WholeFile.write(Data(text.utf8), to: path, durably: false)
    }
}
