import Foundation
import GitKit

extension ContentRepository {
    /// Verifies every record at HEAD and checks that no committed record was later deleted from the ledger;
    /// with `history`, also finds when text on the trusted branch was live without its required sign-offs.
    public func verify(history: Bool = false) throws(ContentError) -> VerificationReport {
        let head = try requireHeadCommit()
        let library = try library(at: head.commit)
        let verifier = try recordVerifier(for: library, at: head.commit)
        let folder = Ledger.folder(contentFolder: library.config.contentFolder)
        let verifications = try verifier.verifications(of: library.ledger)
        let periods = history
            ? try unsignedPeriods(config: library.config, ledger: library.ledger.keepingVerified(verifications), fallback: head.commit)
            : nil
        return VerificationReport(head: head.commit.id, trustedRosterSource: verifier.rosters.source, signing: library.config.signing,
                                  verifications: verifications, ledgerProblems: library.ledger.problems,
                                  deletedRecords: try deletedRecords(folder: folder, from: head.commit), unsignedPeriods: periods)
    }

    /// Record files that some commit reachable from `head` held under the ledger and `head` no longer holds.
    /// Records are append-only, so each is a record someone removed. Commits are read as raw headers and each
    /// distinct folder tree once, as raw trees.
    func deletedRecords(folder: String, from head: Commit) throws(ContentError) -> [DeletedRecord] {
        do {
            let objects = try repository.objectDatabase()
            var present: Set<String> = []
            if let ledger = try objects.entry(atPath: folder, in: head.tree) {
                var seen: Set<ObjectID> = []
                try collectRecords(tree: ledger, prefix: folder, objects: objects, seen: &seen) { path in present.insert(path) }
            }
            var deleted: [String: DeletedRecord] = [:]
            var seenTrees: Set<ObjectID> = []
            var seenCommits: Set<ObjectID> = [head.id]
            var queue = [try objects.commitHeader(head.id)]
            while let commit = queue.popLast() {
                if let ledger = try objects.entry(atPath: folder, in: commit.tree) {
                    try collectRecords(tree: ledger, prefix: folder, objects: objects, seen: &seenTrees) { path in
                        if !present.contains(path) { deleted[path] = DeletedRecord(path: path, lastSeenIn: commit.id) }
                    }
                }
                for parent in commit.parents where seenCommits.insert(parent).inserted {
                    queue.append(try objects.commitHeader(parent))
                }
            }
            return deleted.values.sorted { $0.path < $1.path }
        } catch {
            throw ContentError(error)
        }
    }

    private func collectRecords(tree id: ObjectID, prefix: String, objects: ObjectDatabase, seen: inout Set<ObjectID>,
                                _ found: (String) -> Void) throws(GitError) {
        guard seen.insert(id).inserted else { return }
        for entry in try objects.tree(id).allEntries {
            let path = prefix + "/" + entry.name
            if entry.isTree, entry.name != Ledger.snapshotsFolder {
                try collectRecords(tree: entry.id, prefix: path, objects: objects, seen: &seen, found)
            } else if entry.isFile, entry.name.hasSuffix(SignoffRecord.fileExtension) {
                found(path)
            }
        }
    }
}

/// A record file that was committed and is gone from the ledger now.
public struct DeletedRecord: Sendable, Equatable {
    public let path: String
    /// A commit that still holds it (its content can be recovered from there).
    public let lastSeenIn: ObjectID
}
