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
        /// The module's earlier path, when this commit moved it (git's rename detection, as `git log --follow`).
        public let movedFrom: String?
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
    /// The audit trail of a module (by id or path). Text changes are those of its file along HEAD's first-parent
    /// history, as `git log --first-parent --follow -- PATH` lists them: where a commit added the file by moving it, the
    /// trail goes on at its earlier path.
    public func auditTrail(module name: String) throws(ContentError) -> AuditTrail {
        let head = try requireHeadCommit()
        let library = try library(at: head.commit)
        let module = try requireModule(named: name, in: library)
        let verifier = try recordVerifier(for: library, at: head.commit)
        var entries: [AuditTrail.Entry] = []
        do {
            let chain = try repository.firstParentChain(from: head.commit)
            let objects = try repository.objectDatabase()
            var path = module.path
            var start = 0
            following: while start < chain.count {
                let blobs = try objects.versions(atPath: path, in: chain[start...].map(\.tree))
                for (offset, new) in blobs.enumerated() {
                    let index = start + offset
                    var old = offset + 1 < blobs.count ? blobs[offset + 1] : nil
                    var movedFrom: String?
                    if new != nil, old == nil, index + 1 < chain.count,
                       let source = try renameSource(of: path, from: chain[index + 1].tree, to: chain[index].tree, folder: library.config.contentFolder) {
                        (movedFrom, old) = (source.path, source.blob)
                    }
                    if new != old || movedFrom != nil {
                        entries.append(.change(try textChange(chain[index], old: old, new: new, path: path, movedFrom: movedFrom, config: library.config)))
                    }
                    if let movedFrom {
                        path = movedFrom
                        start = index + 1
                        continue following
                    }
                }
                break
            }
        } catch {
            throw ContentError(error)
        }
        for record in library.ledger.records(for: module.id) {
            entries.append(.record(record, problems: try verifier.problems(record)))
        }
        return AuditTrail(module: module.id, path: module.path, entries: entries.sorted { $0.time < $1.time })
    }

    /// The path and blob `path` was moved from between two commits, by git's rename detection within the content folder.
    private func renameSource(of path: String, from parent: ObjectID, to child: ObjectID, folder: String) throws(GitError) -> (path: String, blob: ObjectID)? {
        let changes = try TreeChanges.between(parent, child, under: folder, repository: repository)
        guard let move = changes.first(where: { $0.status == .renamed && $0.path == path }), let oldPath = move.oldPath, let oldBlob = move.oldBlob else { return nil }
        return (oldPath, oldBlob)
    }

    private func textChange(_ commit: Commit, old: ObjectID?, new: ObjectID?, path: String, movedFrom: String?,
                            config: ContentConfig) throws(GitError) -> AuditTrail.TextChange {
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
                                     reason: commit.summary, fingerprint: fingerprint, wordsAdded: counts.added, wordsRemoved: counts.removed,
                                     movedFrom: movedFrom)
    }
}
