import Foundation
import GitKit

extension ContentRepository {
    /// Reviews every module at HEAD as of the end of `asOf` (default: today in the configured time zone).
    /// `whenRead` runs once history and library are read (or reading failed), e.g. to clear a progress line.
    public func review(asOf: CalendarDate? = nil, now: Date = Date(), whenRead: () -> Void = {}) throws(ContentError) -> ReviewReport {
        try reviewSession(asOf: asOf, now: now, whenRead: whenRead).report
    }

    /// The review rendered for printing: reused from the last run while nothing it was made from has changed (see
    /// `ReviewOutputCache`), otherwise made, and kept for the next run.
    public func renderedReview(asOf: CalendarDate? = nil, now: Date = Date(), as rendering: ReviewRendering,
                               whenRead: () -> Void = {}) throws(ContentError) -> RenderedReview {
        let head = try requireHeadCommit()
        if usesCache, let cached = ReviewOutputCache.review(of: head, asOf: asOf, now: now, rendering: rendering, in: repository) {
            whenRead()
            return cached
        }
        let session = try reviewSession(asOf: asOf, now: now, head: head, whenRead: whenRead)
        let rendered = RenderedReview(report: session.report, text: rendering.render(session.report))
        if usesCache, let write = ReviewOutputCache.save(rendered, of: session, rendering: rendering, in: repository) {
            pendingWrites.append(write)
        }
        return rendered
    }

    /// The review with what it was made from, for the reports built on it (packets, metrics, pending lists).
    /// Without `asOf`, the day is today in the configured time zone, but never after `notAfter`. `head` is HEAD as the
    /// caller already resolved it, if it did.
    func reviewSession(asOf: CalendarDate?, notAfter: CalendarDate? = nil, now: Date, head resolved: (commit: Commit, branch: String?)? = nil,
                       whenRead: () -> Void) throws(ContentError) -> ReviewSession {
        defer { whenRead() }
        let head: (commit: Commit, branch: String?)
        if let resolved { head = resolved } else { head = try requireHeadCommit() }
        // The history walk and parsing the library each take a core, and the walk must have libgit2 to itself: libgit2
        // 1.5 guards every pack read with process-wide locks, so a thread reading objects beside it keeps both waking
        // each other (with the library read beside a cold walk of 100,000 commits, some 350,000 futex calls and a
        // quarter of the time lost). So the library's files (those the parse cache lacks) are read first and only
        // parsed beside the walk, and the rosters are read after it, from the commits it noted in passing. With a
        // history cache the walk usually covers only the commits since its head: it starts at once, to be done by
        // the time the library is.
        let source = try source(at: head.commit)
        let config = try ContentLibrary.configuration(in: source)
        let early = usesCache && HistoryCache.exists(in: repository) ? historyInBackground(at: head.commit, noting: config.rosterPath) : nil
        let listed = try LibraryFiles(in: source, config: config)
        try source.preload(listed.unparsed(by: parseCache, config: config))
        let pending = early ?? historyInBackground(at: head.commit, noting: config.rosterPath)
        let parsed = try ContentLibrary.load(from: source, imposing: config, cache: parseCache, listed: listed)
        // Written while the walk still runs, rather than after it, when this thread would be the one still working.
        parseCache?.save()
        let history = try pending.wait(events: parsed.events)
        let rosters = try trustedRosters(config: config, at: head.commit, walked: history.walked)
        // Records that fail verification are left out of the ledger (so they count as absent) and named among its problems.
        let verifications = try recordVerifier(for: parsed, at: head.commit, rosters: rosters).verifications(of: parsed.ledger)
        let library = parsed.replacingLedger(parsed.ledger.keepingVerified(verifications))
        try library.requireRolesOnRoster()
        let today = CalendarDate(now, in: library.config.timeZone)
        let day = asOf ?? notAfter.map { min($0, today) } ?? today
        let engine = ReviewEngine(library: library, asOf: day, lastChanges: history.lastChanges, eventsRecorded: history.eventsRecorded)
        let reviews = library.modules.mapOnBothCores { engine.review($0) } + library.invalidModules.map(engine.review)
        let report = ReviewReport(
            asOf: day,
            timeZone: library.config.timeZoneName,
            head: head.commit.id,
            branch: head.branch,
            contentFolder: library.config.contentFolder,
            modules: Self.mostUrgentFirst(reviews),
            warnings: library.warnings
        )
        return ReviewSession(report: report, library: library, head: head.commit,
                             lastChanges: history.lastChanges, eventsRecorded: history.eventsRecorded,
                             approvedCommits: verifications.map(\.record.commit), trustedBranchTip: rosters.branchTip)
    }
}

extension ContentRepository {
    /// By most urgent verdict, then id. Sorting keys rather than the reviews themselves avoids moving large values.
    static func mostUrgentFirst(_ reviews: [ModuleReview]) -> [ModuleReview] {
        let keys = reviews.indices.map { (verdict: reviews[$0].verdicts.first ?? .current, id: reviews[$0].id, index: $0) }
        return keys.sorted { ($0.verdict, $0.id) < ($1.verdict, $1.id) }.map { reviews[$0.index] }
    }
}

/// A review and the library, history and head it was made from.
final class ReviewSession {
    let report: ReviewReport
    let library: ContentLibrary
    let head: Commit
    let lastChanges: [String: Reason.CommitReference]
    let eventsRecorded: [String: Date]
    /// The commits the sign-off records name, whether or not they still exist.
    let approvedCommits: [ObjectID]
    /// The tip of `trust.branch` the records were judged by; nil when that branch does not exist.
    let trustedBranchTip: ObjectID?
    /// Each module's review by its path, for the reports built on the review; made when first asked for, since a
    /// plain review never needs it and copying ten thousand reviews into it costs more than the verdicts.
    private(set) lazy var reviewsByPath = Dictionary(report.modules.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })

    init(report: ReviewReport, library: ContentLibrary, head: Commit, lastChanges: [String: Reason.CommitReference], eventsRecorded: [String: Date],
         approvedCommits: [ObjectID], trustedBranchTip: ObjectID?) {
        self.report = report
        self.library = library
        self.head = head
        self.lastChanges = lastChanges
        self.eventsRecorded = eventsRecorded
        self.approvedCommits = approvedCommits
        self.trustedBranchTip = trustedBranchTip
    }
}

extension ContentLibrary {
    /// Problems that do not stop a command: unknown front-matter keys, files without front matter, bad ledger files.
    public var warnings: [String] {
        var warnings = modules.flatMap(\.warnings)
        let bare = modulesWithoutFrontMatter
        if !bare.isEmpty {
            let names = bare.prefix(5).map(\.path).joined(separator: ", ")
            warnings.append("\(bare.count) module\(bare.count == 1 ? " has" : "s have") no front matter (defaults used): \(names)\(bare.count > 5 ? ", ..." : "")")
        }
        warnings += ledger.problems
        return warnings
    }
}
