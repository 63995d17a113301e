import Foundation

/// Whether training keeps pace with the market: figures computed from one review's history walk, never a second one.
public struct ReviewMetrics: Sendable {
    /// How fast the required sign-offs followed one change event.
    public struct EventResponse: Sendable {
        public let id: String
        public let kind: String
        public let summary: String
        public let effective: CalendarDate
        public let recorded: CalendarDate
        /// Active modules the event affects, and their required (module, role) sign-offs.
        public let modules: Int
        public let required: Int
        /// Required sign-offs made since the event was announced (the same rule that clears it in a review).
        public let gathered: Int
        /// The day of the last sign-off that cleared every affected module; nil while the event is open.
        public let clearedOn: CalendarDate?
        /// Days from the effective date to `clearedOn` (negative when cleared ahead of it), or for an open event
        /// in effect, days it has been running.
        public let days: Int?

        public var isOpen: Bool { clearedOn == nil }
    }

    /// From a module's text change to a role's sign-off of that text.
    public struct Latency: Sendable {
        public let role: String
        /// Days, one per sign-off, ascending.
        public let samples: [Double]
        /// Changed texts this role has not signed yet, and the oldest one's age in days.
        public let waiting: Int
        public let oldestWaitingDays: Int?

        public var median: Double? { Self.percentile(samples, 0.5) }
        public var p90: Double? { Self.percentile(samples, 0.9) }

        /// Percentile of sorted values, interpolating between neighbours as spreadsheets' PERCENTILE.INC does.
        static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
            guard let first = sorted.first else { return nil }
            let position = fraction * Double(sorted.count - 1)
            let below = Int(position.rounded(.down))
            guard below + 1 < sorted.count else { return sorted.last ?? first }
            return sorted[below] + (sorted[below + 1] - sorted[below]) * (position - Double(below))
        }
    }

    /// Share of active modules that are current, for one product, market or owner.
    public struct Coverage: Sendable {
        public let name: String
        public let active: Int
        public let current: Int

        public var percent: Int { ContentKit.percent(current, of: active) }
    }

    public struct Overdue: Sendable {
        public let id: String
        public let title: String
        public let due: CalendarDate
        public let days: Int
    }

    /// Modules changed between one market update and the one before it.
    public struct Churn: Sendable {
        public let update: String
        public let date: CalendarDate
        public let modulesChanged: Int
    }

    public let asOf: CalendarDate
    /// Only events taking effect and sign-offs made on or after this day count; nil for all.
    public let since: CalendarDate?
    public let events: [EventResponse]
    public let latency: [Latency]
    public let overall: Coverage
    public let byProduct: [Coverage]
    public let byMarket: [Coverage]
    public let byOwner: [Coverage]
    /// Most overdue first.
    public let overdue: [Overdue]
    public let churn: [Churn]
}

extension ReviewMetrics {
    static func compute(_ session: ReviewSession, marketUpdates: [MarketUpdate], since: CalendarDate?) -> ReviewMetrics {
        let library = session.library
        let zone = library.config.timeZone
        let active = library.modules.filter(\.isActive)
        let activeReviews = active.compactMap { session.reviewsByPath[$0.path] }
        let sinceStart = since?.start(in: zone)
        // Standing approvals of a module made since `since`: what the figures count.
        func approvals(of module: Module) -> [SignoffRecord] {
            library.ledger.standingRecords(for: module.id).filter { record in
                record.meaning.satisfiesRole && sinceStart.map { record.time >= $0 } ?? true
            }
        }
        return ReviewMetrics(
            asOf: session.report.asOf, since: since,
            events: eventResponses(session, active: active, since: since, approvals: approvals),
            latency: latencies(session, active: active, sinceStart: sinceStart, approvals: approvals),
            overall: Coverage(name: "all active modules", active: activeReviews.count, current: activeReviews.filter(\.isCurrent).count),
            byProduct: coverage(activeReviews) { $0.products.isEmpty ? [Scope.allProducts] : $0.products },
            byMarket: coverage(activeReviews) { $0.markets.isEmpty ? [Scope.allMarkets] : $0.markets },
            byOwner: coverage(activeReviews) { [$0.owner ?? "(no owner)"] },
            overdue: overdue(activeReviews, asOf: session.report.asOf),
            churn: marketUpdates.filter { !$0.isFirst }.map {
                Churn(update: $0.name, date: CalendarDate($0.date, in: zone), modulesChanged: $0.changedModules.count)
            })
    }

    /// Each event taking effect since `since`: its required sign-offs, those made since it could first be cleared, and
    /// when the last module it affects was cleared (never while a review still names it).
    private static func eventResponses(_ session: ReviewSession, active: [Module], since: CalendarDate?,
                                       approvals: (Module) -> [SignoffRecord]) -> [EventResponse] {
        let library = session.library
        let zone = library.config.timeZone
        let asOf = session.report.asOf
        let engine = ReviewEngine(library: library, asOf: asOf, lastChanges: session.lastChanges, eventsRecorded: session.eventsRecorded)
        var events: [EventResponse] = []
        for event in library.events where since.map({ event.date >= $0 }) ?? true {
            let affected = active.filter(event.affects)
            let threshold = engine.clearingThreshold(of: event)
            var required = 0
            var clearing: [Date] = []
            for module in affected {
                let records = approvals(module).filter { $0.time >= threshold }
                for role in module.signoffRoles {
                    required += 1
                    if let first = records.first(where: { $0.role == role }) { clearing.append(first.time) }
                }
            }
            let open = affected.contains { module in
                session.reviewsByPath[module.path]?.reasons.contains { $0.events.contains { $0.id == event.id } } ?? false
            }
            let clearedOn = open || clearing.count < required ? nil : clearing.max().map { CalendarDate($0, in: zone) } ?? event.date
            let days = clearedOn.map { event.date.days(until: $0) } ?? (event.date <= asOf ? event.date.days(until: asOf) : nil)
            events.append(EventResponse(id: event.id, kind: event.kind, summary: event.summary, effective: event.date,
                                        recorded: CalendarDate(engine.recordedTime(of: event), in: zone), modules: affected.count,
                                        required: required, gathered: clearing.count, clearedOn: clearedOn, days: days))
        }
        return events.sorted { ($0.effective, $0.id) < ($1.effective, $1.id) }
    }

    /// Per role (roster order first), days from each module's last text change to the role's first approval of that
    /// text, and the changed texts still waiting.
    private static func latencies(_ session: ReviewSession, active: [Module], sinceStart: Date?,
                                  approvals: (Module) -> [SignoffRecord]) -> [Latency] {
        let zone = session.library.config.timeZone
        var samples: [String: [Double]] = [:]
        var waiting: [String: [Int]] = [:]
        for module in active {
            guard let change = session.lastChanges[module.path] else { continue }
            let records = approvals(module).filter { $0.fingerprint == module.fingerprint && $0.time >= change.date }
            for role in module.signoffRoles {
                if let first = records.first(where: { $0.role == role }) {
                    samples[role, default: []].append(first.time.timeIntervalSince(change.date) / 86_400)
                } else if sinceStart.map({ change.date >= $0 }) ?? true {
                    waiting[role, default: []].append(CalendarDate(change.date, in: zone).days(until: session.report.asOf))
                }
            }
        }
        var roles = session.library.roster?.roles.map(\.name) ?? []
        for role in Set(samples.keys).union(waiting.keys).sorted() where !roles.contains(role) { roles.append(role) }
        return roles.map { role in
            Latency(role: role, samples: (samples[role] ?? []).sorted(), waiting: waiting[role]?.count ?? 0, oldestWaitingDays: waiting[role]?.max())
        }
    }

    private static func coverage(_ reviews: [ModuleReview], by names: (ModuleReview) -> [String]) -> [Coverage] {
        var table: [String: (active: Int, current: Int)] = [:]
        for review in reviews {
            for name in Set(names(review)) {
                table[name, default: (0, 0)].active += 1
                if review.isCurrent { table[name, default: (0, 0)].current += 1 }
            }
        }
        return table.keys.sorted().map { Coverage(name: $0, active: table[$0]?.active ?? 0, current: table[$0]?.current ?? 0) }
    }

    /// Most overdue first.
    private static func overdue(_ reviews: [ModuleReview], asOf: CalendarDate) -> [Overdue] {
        reviews.compactMap { review -> Overdue? in
            guard let due = review.reasons.first(where: { $0.verdict == .overdue })?.waitingSince else { return nil }
            return Overdue(id: review.id, title: review.title, due: due, days: due.days(until: asOf))
        }.sorted { ($0.days, $1.id) > ($1.days, $0.id) }
    }
}

extension ContentRepository {
    /// The metrics of a review as of `asOf`, from the same walk (and cache) as the review itself.
    public func metrics(asOf: CalendarDate? = nil, since: CalendarDate? = nil, now: Date = Date()) throws(ContentError) -> ReviewMetrics {
        let session = try reviewSession(asOf: asOf, now: now, whenRead: {})
        return ReviewMetrics.compute(session, marketUpdates: try marketUpdates(), since: since)
    }
}
