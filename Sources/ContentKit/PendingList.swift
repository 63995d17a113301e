import Foundation

/// Who owes what: per reviewer on the roster, the modules waiting for a sign-off they may give (their role, within
/// their products and markets), why, and for how long; so each person can be sent their own list.
public struct PendingList: Sendable {
    public struct Item: Sendable {
        public let module: String
        public let title: String
        public let path: String
        public let role: String
        /// The most urgent reason the module waits for this role, and since when.
        public let verdict: Verdict
        public let why: String
        public let since: CalendarDate?
        public let days: Int?
    }

    public struct Person: Sendable {
        public let name: String
        public let email: String
        public let roles: [String]
        /// "zentrava · US" or "all products · all markets".
        public let scope: String
        /// Longest waiting first.
        public let items: [Item]
    }

    public let asOf: CalendarDate
    public let cycle: ReviewCycle?
    public let people: [Person]
}

extension PendingList {
    static func compute(_ session: ReviewSession, cycle: ReviewCycle?, reviewer email: String?) throws(ContentError) -> PendingList {
        let library = session.library
        let roster = try library.requireRoster()
        let zone = library.config.timeZone
        let asOf = session.report.asOf
        let active = library.modules.filter(\.isActive)
        let reviews = session.reviewsByPath
        var emails: [String] = []
        for role in roster.roles {
            for person in role.people where !emails.contains(where: { $0.caseInsensitiveCompare(person.email) == .orderedSame }) {
                emails.append(person.email)
            }
        }
        if let email {
            guard let known = emails.first(where: { $0.caseInsensitiveCompare(email) == .orderedSame }) else {
                throw ContentError(.unknown, "\(email) is not on the roster (\(roster.path))")
            }
            emails = [known]
        }
        var people: [Person] = []
        for email in emails {
            var items: [Item] = []
            var names: [String] = [], roles: [String] = [], scopes: [String] = []
            for role in roster.roles {
                guard let person = role.people.first(where: { $0.hasEmail(email) }), person.isValid(at: asOf.end(in: zone).addingTimeInterval(-1), in: zone) else { continue }
                names.append(person.name)
                roles.append(role.name)
                scopes.append(person.scope.readable)
                for module in active where module.signoffRoles.contains(role.name) && person.covers(module) {
                    let owing = (reviews[module.path]?.reasons ?? []).filter { $0.owedBy.contains(role.name) }
                    guard let first = owing.min(by: { $0.verdict < $1.verdict }) else { continue }
                    let since = owing.compactMap(\.waitingSince).min()
                    if let cycle, let since, since > cycle.end { continue }
                    items.append(Item(module: module.id, title: module.title, path: module.path, role: role.name,
                                      verdict: first.verdict, why: first.message, since: since,
                                      days: since.map { max($0.days(until: asOf), 0) }))
                }
            }
            guard let name = names.first else { continue }
            people.append(Person(name: name, email: email, roles: roles, scope: Array(Set(scopes)).sorted().joined(separator: "; "),
                                 items: items.sorted { ($0.days ?? -1, $1.module) > ($1.days ?? -1, $0.module) }))
        }
        return PendingList(asOf: asOf, cycle: cycle, people: people)
    }
}

extension ContentRepository {
    /// Per reviewer, what waits for them. With a cycle, the as-of day defaults to the cycle's end if it is over,
    /// and modules that started waiting after the cycle are left out.
    public func pending(asOf: CalendarDate? = nil, cycle: ReviewCycle? = nil, reviewer: String? = nil, now: Date = Date()) throws(ContentError) -> PendingList {
        let session = try reviewSession(asOf: asOf, notAfter: cycle?.end, now: now, whenRead: {})
        return try PendingList.compute(session, cycle: cycle, reviewer: reviewer)
    }
}
