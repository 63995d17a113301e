import Foundation
import GitKit

extension ContentRepository {
    /// The module file a record approved: its snapshot beside the ledger, or else the file at the record's commit.
    func approvedText(of record: SignoffRecord, contentFolder: String, tree: Tree) throws(ContentError) -> String? {
        let snapshot = Ledger.snapshotPath(contentFolder: contentFolder, module: record.module, fingerprint: record.fingerprint)
        do {
            if let entry = try repository.entry(atPath: snapshot, in: tree) {
                return String(decoding: try repository.blob(entry.id), as: UTF8.self)
            }
            let commit = try repository.commit(record.commit)
            guard let entry = try repository.entry(atPath: record.path, in: try repository.tree(commit.tree)) else { return nil }
            return String(decoding: try repository.blob(entry.id), as: UTF8.self)
        } catch where error.code == .notFound {
            return nil
        } catch {
            throw ContentError(error)
        }
    }

    /// The change from the text a reviewer approved last to the module's current text at HEAD.
    /// `role` or `reviewer` (an email) choose whose sign-off; by default the latest of any required role.
    public func diffSinceSignoff(_ moduleName: String, role: String?, reviewer: String?, granularity: ContentDiff.Granularity) throws(ContentError) -> ContentDiff {
        let (head, _) = try requireHeadCommit()
        let library = try library(at: head)
        let module = try requireModule(named: moduleName, in: library)
        let candidates = library.ledger.standingRecords(for: module.id).filter { record in
            record.meaning.satisfiesRole && (role.map { record.role == $0 } ?? module.signoffRoles.contains(record.role))
                && (reviewer.map { record.reviewerEmail.caseInsensitiveCompare($0) == .orderedSame } ?? true)
        }
        guard let record = candidates.last else {
            let whose = reviewer.map { "by \($0)" } ?? role.map { "by role \($0)" } ?? "by any required role"
            throw ContentError(.unknown, "\(module.id) has no standing sign-off \(whose)")
        }
        let tree: Tree
        do { tree = try repository.tree(head.tree) } catch { throw ContentError(error) }
        guard let approved = try approvedText(of: record, contentFolder: library.config.contentFolder, tree: tree) else {
            throw ContentError(.unknown, "the text \(record.reviewerName) approved in \(record.shortID) is not retrievable (no snapshot and commit \(record.commit.hex.prefix(7)) is gone)")
        }
        let current: String
        do { current = String(decoding: try repository.blob(module.blob), as: UTF8.self) } catch { throw ContentError(error) }
        return Self.textDiff(module: module, approved: approved, current: current, record: record, head: head.id, granularity: granularity)
    }

    /// A one-module diff from approved text to current text, shaped like any other diff so every format renders it.
    static func textDiff(module: Module, approved: String, current: String, record: SignoffRecord, head: ObjectID,
                         granularity: ContentDiff.Granularity) -> ContentDiff {
        let old = DisplayedFrontMatter(approved)
        let new = DisplayedFrontMatter(current, sameAs: old)
        let segments = granularity == .word ? TextDiff.words(old: old.body, new: new.body) : TextDiff.lines(old: old.body, new: new.body)
        let change = ContentDiff.ModuleChange(
            id: module.id, title: module.title, path: module.path, oldPath: record.path == module.path ? nil : record.path,
            status: .modified, similarity: nil, products: module.products, markets: module.markets,
            fields: DisplayedFrontMatter.changes(from: old, to: new), assets: [], segments: segments, binary: false,
            bodyLines: (old.bodyLine, new.bodyLine))
        let label = "\(record.role) sign-off by \(record.reviewerName) on \(Timestamp.format(record.time)) (\(record.shortID))"
        return ContentDiff(from: Revision(commit: record.commit, label: label), to: Revision(commit: head, label: "HEAD"),
                           reversed: false, granularity: granularity, files: [],
                           modules: approved == current ? [] : [change], events: [], marketUpdates: [], signoffs: [])
    }
}
