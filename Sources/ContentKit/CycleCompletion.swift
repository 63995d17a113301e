import Foundation

/// How far one review cycle got: required sign-offs gathered per role and per change event.
/// Reported per role and per event, never per named person.
public struct CycleCompletion: Sendable {
    public struct RoleProgress: Sendable {
        public let role: String
        /// Module sign-offs this role owes now plus those it gave on current text within the cycle.
        public let required: Int
        public let gathered: Int
        /// Days from the cycle's start (or the module's later text change) to each gathered sign-off.
        public let medianDays: Double?
    }

    public let roles: [RoleProgress]
    /// Events taking effect within the cycle, and any still open that are in effect or within the horizon.
    public let events: [ReviewMetrics.EventResponse]

    public var required: Int { roles.reduce(0) { $0 + $1.required } }
    public var gathered: Int { roles.reduce(0) { $0 + $1.gathered } }
}

extension CycleCompletion {
    static func compute(_ session: ReviewSession, cycle: ReviewCycle, metrics: ReviewMetrics) -> CycleCompletion {
        let library = session.library
        let zone = library.config.timeZone
        let start = cycle.start.start(in: zone), end = cycle.end.end(in: zone)
        let reviews = session.reviewsByPath
        var owed: [String: Int] = [:]
        var gathered: [String: [Double]] = [:]
        for module in library.modules where module.isActive {
            let owing = Set(reviews[module.path]?.reasons.flatMap(\.owedBy) ?? [])
            let since = max(start, session.lastChanges[module.path]?.date ?? start)
            let standing = library.ledger.standingRecords(for: module.id).filter {
                $0.meaning.satisfiesRole && $0.fingerprint == module.fingerprint && $0.time >= start && $0.time < end
            }
            for role in module.signoffRoles {
                if owing.contains(role) {
                    owed[role, default: 0] += 1
                } else if let first = standing.first(where: { $0.role == role }) {
                    gathered[role, default: []].append(max(first.time.timeIntervalSince(since), 0) / 86_400)
                }
            }
        }
        let names = metrics.latency.map(\.role)
        let roles = names.map { role in
            let days = (gathered[role] ?? []).sorted()
            return RoleProgress(role: role, required: (owed[role] ?? 0) + days.count, gathered: days.count,
                                medianDays: ReviewMetrics.Latency.percentile(days, 0.5))
        }
        let horizonEnd = max(cycle.end, session.report.asOf.adding(days: library.config.horizonDays))
        let events = metrics.events.filter { cycle.contains($0.effective) || ($0.isOpen && $0.effective <= horizonEnd) }
        return CycleCompletion(roles: roles, events: events)
    }
}
