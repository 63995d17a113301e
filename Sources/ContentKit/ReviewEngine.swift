import Foundation
import GitKit

/// Applies the verdict rules to each module of a library, as of the end of one day.
struct ReviewEngine {
    let library: ContentLibrary
    let asOf: CalendarDate
    /// The commit that last changed each module file.
    let lastChanges: [String: Reason.CommitReference]
    /// When each event was recorded (the commit that added its file), by event id.
    let eventsRecorded: [String: Date]
    /// The library's events in effect by the as-of day, and those taking effect within the horizon after it: chosen
    /// once, rather than once per module.
    private let eventsInEffect: [ChangeEvent]
    private let eventsUpcoming: [ChangeEvent]

    init(library: ContentLibrary, asOf: CalendarDate, lastChanges: [String: Reason.CommitReference], eventsRecorded: [String: Date]) {
        self.library = library
        self.asOf = asOf
        self.lastChanges = lastChanges
        self.eventsRecorded = eventsRecorded
        let horizonEnd = asOf.adding(days: library.config.horizonDays)
        eventsInEffect = library.events.filter { $0.date <= asOf }
        eventsUpcoming = library.events.filter { $0.date > asOf && $0.date <= horizonEnd }
    }

    private var zone: TimeZone { library.config.timeZone }
    /// The first moment after the as-of day: everything before it has happened.
    private var now: Date { asOf.end(in: zone) }

    func review(_ module: Module) -> ModuleReview {
        let records = library.ledger.records(for: module.id)
        let revoked = library.ledger.revokedIDs
        let reasons = reasons(for: module, standing: library.ledger.standingRecords(for: module.id))
        return ModuleReview(
            id: module.id, path: module.path, title: module.title, status: module.status,
            owner: module.owner, products: module.products, markets: module.markets, signoffRoles: module.signoffRoles,
            lastChanged: lastChanges[module.path],
            fingerprint: module.fingerprint,
            verdicts: Array(Set(reasons.map(\.verdict))).sorted(),
            reasons: reasons.sorted { $0.verdict < $1.verdict },
            signoffs: records.map { ($0, $0.meaning != .revoked && !revoked.contains($0.id)) }
        )
    }

    func review(_ invalid: InvalidModule) -> ModuleReview {
        ModuleReview(id: invalid.id, path: invalid.path, title: RepositoryPath.baseName(of: invalid.path), status: nil, owner: nil, products: [], markets: [],
                     signoffRoles: [], lastChanged: lastChanges[invalid.path],
                     fingerprint: nil, verdicts: [.invalid],
                     reasons: [Reason(verdict: .invalid, message: invalid.message)], signoffs: [])
    }

    private func reasons(for module: Module, standing: [SignoffRecord]) -> [Reason] {
        switch module.status {
        case .retired: return [Reason(verdict: .retired, message: "status is retired: kept in history, not reviewed")]
        case .draft: return [Reason(verdict: .draft, message: "status is draft: not reviewed until it is active")]
        case .active: break
        }
        let roles = module.signoffRoles
        let signoffs = standing.filter { $0.meaning.satisfiesRole && roles.contains($0.role) }
        let onCurrent = signoffs.filter { $0.fingerprint == module.fingerprint }
        var reasons: [Reason] = []
        if signoffs.isEmpty {
            reasons.append(Reason(verdict: .neverReviewed,
                                  message: "no \(Self.list(roles)) sign-off on any version of this module",
                                  commits: lastChange(module), owedBy: roles, waitingSince: lastChangeDay(module)))
        } else {
            reasons += unsignedChanges(module, signoffs: signoffs, onCurrent: onCurrent)
            if reasons.isEmpty, let overdue = overdue(module, onCurrent: onCurrent) { reasons.append(overdue) }
            reasons += events(affecting: module, onCurrent: onCurrent, upcoming: false)
        }
        reasons += events(affecting: module, onCurrent: onCurrent, upcoming: true)
        if let expires = module.expires, asOf > expires {
            reasons.append(Reason(verdict: .expired, message: "valid through \(expires)"))
        }
        reasons += changesRequested(module, standing: standing)
        if !reasons.contains(where: { $0.verdict.isProblem }) {
            reasons.append(current(module, onCurrent: onCurrent))
        }
        return reasons
    }

    private func unsignedChanges(_ module: Module, signoffs: [SignoffRecord], onCurrent: [SignoffRecord]) -> [Reason] {
        var parts: [String] = []
        var evidence: [SignoffRecord] = []
        var owing: [String] = []
        for role in module.signoffRoles where !onCurrent.contains(where: { $0.role == role }) {
            owing.append(role)
            if let last = signoffs.last(where: { $0.role == role }) {
                parts.append("\(role) last signed an earlier version on \(day(last.time)) (\(last.reviewerName), \(last.shortID))")
                evidence.append(last)
            } else {
                parts.append("\(role) has not signed")
            }
        }
        guard !parts.isEmpty else { return [] }
        var message = "text not signed by every required role: " + parts.joined(separator: "; ")
        if let change = lastChanges[module.path] {
            message += "; last change \(change.id.hex.prefix(7)) on \(day(change.date))"
        }
        return [Reason(verdict: .unsignedChanges, message: message,
                       signoffs: evidence.map(Reason.SignoffReference.init), commits: lastChange(module),
                       owedBy: owing, waitingSince: lastChangeDay(module))]
    }

    /// The review date is the oldest of the required roles' latest sign-offs on the current text.
    private func overdue(_ module: Module, onCurrent: [SignoffRecord]) -> Reason? {
        let latest = module.signoffRoles.compactMap { role in onCurrent.last { $0.role == role } }
        guard latest.count == module.signoffRoles.count, let oldest = latest.min(by: { $0.time < $1.time }) else { return nil }
        let reviewed = CalendarDate(oldest.time, in: zone)
        let due = module.cadence.dueDate(after: reviewed)
        guard asOf > due else { return nil }
        let owing = latest.filter { module.cadence.dueDate(after: CalendarDate($0.time, in: zone)) < asOf }.map(\.role)
        return Reason(verdict: .overdue,
                      message: "\(module.cadence) re-attestation was due \(due): reviewed \(reviewed) (\(oldest.role), \(oldest.reviewerName))",
                      signoffs: [Reason.SignoffReference(oldest)], owedBy: owing, waitingSince: due)
    }

    /// Stale events (in effect by the as-of day) or upcoming ones (taking effect within the horizon) not yet cleared.
    /// A sign-off clears an event when it is on the current text and made at or after the later of
    /// (effective date minus the horizon) and the moment the event was recorded.
    private func events(affecting module: Module, onCurrent: [SignoffRecord], upcoming: Bool) -> [Reason] {
        let scope = module.scope
        var reasons: [Reason] = []
        for event in upcoming ? eventsUpcoming : eventsInEffect where event.affects(scope) {
            let recorded = recordedTime(of: event)
            let threshold = clearingThreshold(of: event)
            let uncleared = module.signoffRoles.filter { role in
                !onCurrent.contains { $0.role == role && $0.time >= threshold }
            }
            guard !uncleared.isEmpty else { continue }
            let clearedBy = onCurrent.filter { $0.time >= threshold && !uncleared.contains($0.role) }
            let message = upcoming
                ? "\(event.kind) \(event.id) takes effect \(event.date) (in \(asOf.days(until: event.date)) days); not yet signed since by \(Self.list(uncleared))"
                : "\(event.kind) \(event.id) took effect \(event.date) (recorded \(day(recorded))); not cleared by \(Self.list(uncleared))"
            reasons.append(Reason(verdict: upcoming ? .upcoming : .stale, message: message,
                                  events: [Reason.EventReference(event)],
                                  signoffs: clearedBy.map(Reason.SignoffReference.init),
                                  owedBy: uncleared, waitingSince: day(threshold)))
        }
        return reasons
    }

    /// When the event was recorded (the commit that added its file), or its effective date if not yet committed.
    func recordedTime(of event: ChangeEvent) -> Date {
        eventsRecorded[event.id] ?? event.date.start(in: zone)
    }

    /// A sign-off at or after this moment clears the event: the later of (effective date minus the horizon) and
    /// the moment the event was recorded.
    func clearingThreshold(of event: ChangeEvent) -> Date {
        let earliest = event.date.start(in: zone).addingTimeInterval(-Double(library.config.horizonDays) * 86_400)
        return max(earliest, recordedTime(of: event))
    }

    /// A reviewer whose latest word on the current text asks for changes.
    private func changesRequested(_ module: Module, standing: [SignoffRecord]) -> [Reason] {
        let onCurrent = standing.filter { $0.fingerprint == module.fingerprint }
        var latest: [String: SignoffRecord] = [:]
        for record in onCurrent { latest[record.reviewerID] = record }
        return latest.values.filter { $0.meaning == .changesRequested }.sorted { $0.time < $1.time }.map { record in
            Reason(verdict: .changesRequested,
                   message: "\(record.reviewerName) (\(record.role)) asked for changes on \(day(record.time)): \(record.comment)",
                   signoffs: [Reason.SignoffReference(record)])
        }
    }

    private func current(_ module: Module, onCurrent: [SignoffRecord]) -> Reason {
        let latest = module.signoffRoles.compactMap { role in onCurrent.last { $0.role == role } }
        let reviewed = latest.map(\.time).min().map { CalendarDate($0, in: zone) }
        var message = "signed on the current text by " + latest.map { "\($0.role) (\($0.reviewerName), \(day($0.time)))" }.joined(separator: ", ")
        if let reviewed { message += "; next re-attestation due \(module.cadence.dueDate(after: reviewed))" }
        return Reason(verdict: .current, message: message, signoffs: latest.map(Reason.SignoffReference.init))
    }

    private func lastChangeDay(_ module: Module) -> CalendarDate? {
        lastChanges[module.path].map { day($0.date) }
    }

    private func lastChange(_ module: Module) -> [Reason.CommitReference] {
        lastChanges[module.path].map { [$0] } ?? []
    }

    private func day(_ instant: Date) -> CalendarDate {
        CalendarDate(instant, in: zone)
    }

    static func list(_ roles: [String]) -> String {
        switch roles.count {
        case 0: return "no role"
        case 1: return roles[0]
        default: return roles.dropLast().joined(separator: ", ") + " and " + (roles.last ?? "")
        }
    }
}
