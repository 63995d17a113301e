import Foundation
import GitKit

/// What the quarterly review meeting reads: the review, the cycle's progress and sign-offs, the metrics, and for
/// each module that needs attention the change since it was last signed.
public struct ReviewPacket: Sendable {
    /// The change from the text of a module's last standing sign-off to its current text.
    public struct ModuleDiff: Sendable {
        /// Whose sign-off the change runs from, e.g. "sales sign-off by Sam Sales on 2026-01-10".
        public let since: String
        public let hunks: [DiffHunk]
        public let added: Int
        public let removed: Int
    }

    public let report: ReviewReport
    public let cycle: ReviewCycle
    public let metrics: ReviewMetrics
    public let completion: CycleCompletion
    /// Verified records made within the cycle, oldest first: the packet's signature page.
    public let signatures: [SignoffRecord]
    /// Records a later revocation withdrew.
    public let revokedIDs: Set<String>
    /// By module id, for modules that are not current and were signed before.
    public let diffs: [String: ModuleDiff]
    /// Cycles recorded earlier, oldest first, for figures over time.
    public let earlierCycles: [RecordedCycle]
    public let timeZone: TimeZone
}

extension ContentRepository {
    /// The packet of `cycle` (default: the quarter of the as-of day).
    public func reviewPacket(asOf: CalendarDate? = nil, cycle: ReviewCycle? = nil, now: Date = Date(),
                             whenRead: () -> Void = {}) throws(ContentError) -> ReviewPacket {
        let session = try reviewSession(asOf: asOf, now: now, whenRead: whenRead)
        return try packet(from: session, cycle: cycle)
    }

    func packet(from session: ReviewSession, cycle chosen: ReviewCycle?) throws(ContentError) -> ReviewPacket {
        let library = session.library
        let zone = library.config.timeZone
        let cycle = chosen ?? ReviewCycle(quarterOf: session.report.asOf)
        let metrics = ReviewMetrics.compute(session, marketUpdates: try marketUpdates(), since: nil)
        let tree: Tree
        do { tree = try repository.tree(session.head.tree) } catch { throw ContentError(error) }
        var diffs: [String: ReviewPacket.ModuleDiff] = [:]
        let reviews = session.reviewsByPath
        for module in library.modules where module.isActive {
            guard let review = reviews[module.path], ReviewPacket.needsAttention(review),
                  let record = library.ledger.standingRecords(for: module.id).last(where: {
                      $0.meaning.satisfiesRole && module.signoffRoles.contains($0.role) && $0.fingerprint != module.fingerprint
                  }) else { continue }
            diffs[module.id] = try moduleDiff(module, since: record, in: session, tree: tree)
        }
        return ReviewPacket(
            report: session.report, cycle: cycle, metrics: metrics,
            completion: CycleCompletion.compute(session, cycle: cycle, metrics: metrics),
            signatures: library.ledger.records.filter { cycle.contains($0.time, in: zone) },
            revokedIDs: library.ledger.revokedIDs,
            diffs: diffs, earlierCycles: try recordedCycles(in: tree, contentFolder: library.config.contentFolder).cycles.filter { $0.cycle.end < cycle.start },
            timeZone: zone)
    }

    /// The word diff from the text `record` approved to the module's current text; nil when that text is gone.
    /// `tree` is the tree of the session's head.
    func moduleDiff(_ module: Module, since record: SignoffRecord, in session: ReviewSession, tree: Tree) throws(ContentError) -> ReviewPacket.ModuleDiff? {
        let config = session.library.config
        guard let approved = try approvedText(of: record, contentFolder: config.contentFolder, tree: tree) else { return nil }
        let current: String
        do { current = String(decoding: try repository.blob(module.blob), as: UTF8.self) } catch { throw ContentError(error) }
        let diff = Self.textDiff(module: module, approved: approved, current: current, record: record, head: session.head.id, granularity: .word)
        guard let change = diff.modules.first else { return nil }
        let counts = change.wordCounts
        return ReviewPacket.ModuleDiff(since: "\(record.role) sign-off by \(record.reviewerName) on \(CalendarDate(record.time, in: config.timeZone))",
                                       hunks: change.hunks, added: counts.added, removed: counts.removed)
    }
}
