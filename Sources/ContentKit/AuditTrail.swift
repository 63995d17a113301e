import Foundation
import GitKit

/// What an auditor reads for one module: every change of its text and every sign-off record, oldest first.
public struct AuditTrail: Sendable {
    public static let schemaVersion = 1

    /// One change of the module file on the branch's first-parent history (what was live on the branch).
    public struct TextChange: Sendable {
        public let commit: ObjectID
        public let author: String
        public let authorEmail: String
        public let time: Date
        /// The commit message's first line: the reason given for the change.
        public let reason: String
        /// Nil when the file was deleted in this commit.
        public let fingerprint: Fingerprint?
        public let wordsAdded: Int
        public let wordsRemoved: Int
    }

    public enum Entry: Sendable {
        case change(TextChange)
        /// A record with the reasons it fails verification (empty when it verifies).
        case record(SignoffRecord, problems: [String])

        public var time: Date {
            switch self {
            case .change(let change): return change.time
            case .record(let record, _): return record.time
            }
        }
    }

    public let module: String
    public let path: String
    public let entries: [Entry]
}

extension ContentRepository {
    /// The audit trail of a module (by id or path). Text changes are those of its current path along HEAD's
    /// first-parent history, as `git log --first-parent -- PATH` lists them; a rename shows as the file's addition.
    public func auditTrail(module name: String) throws(ContentError) -> AuditTrail {
        let head = try requireHeadCommit()
        let library = try library(at: head.commit)
        let module = try requireModule(named: name, in: library)
        let verifier = try recordVerifier(for: library, at: head.commit)
        var entries: [AuditTrail.Entry] = []
        do {
            let chain = try repository.firstParentChain(from: head.commit)
            let blobs = try repository.objectDatabase().versions(atPath: module.path, in: chain.map(\.tree))
            for (index, commit) in chain.enumerated() {
                let old = index + 1 < blobs.count ? blobs[index + 1] : nil
                if blobs[index] != old {
                    entries.append(.change(try textChange(commit, old: old, new: blobs[index], path: module.path, config: library.config)))
                }
            }
        } catch {
            throw ContentError(error)
        }
        for record in library.ledger.records(for: module.id) {
            entries.append(.record(record, problems: try verifier.problems(record)))
        }
        return AuditTrail(module: module.id, path: module.path, entries: entries.sorted { $0.time < $1.time })
    }

    private func textChange(_ commit: Commit, old: ObjectID?, new: ObjectID?, path: String, config: ContentConfig) throws(GitError) -> AuditTrail.TextChange {
        let oldText = try old.map { (id) throws(GitError) in String(decoding: try repository.blob(id), as: UTF8.self) } ?? ""
        let newData = try new.map { (id) throws(GitError) in try repository.blob(id) }
        let counts = TextDiff.wordCounts(TextDiff.words(old: oldText, new: newData.map { String(decoding: $0, as: UTF8.self) } ?? ""))
        var fingerprint: Fingerprint?
        if let new, let newData {
            let tree = try TreeLookup(repository: repository, commit: commit)
            let parser = ModuleParser(config: config) { (asset) throws(ContentError) in try self.blob(at: asset, in: tree) }
            fingerprint = try? parser.parse(path: path, blob: new, data: [UInt8](newData)).fingerprint
        }
        return AuditTrail.TextChange(commit: commit.id, author: commit.author.name, authorEmail: commit.author.email, time: commit.time,
                                     reason: commit.summary, fingerprint: fingerprint, wordsAdded: counts.added, wordsRemoved: counts.removed)
    }
}
