import Foundation
import GitKit

/// The verdicts of a review; several can apply to one module. Listed from most to least urgent.
public enum Verdict: String, Sendable, CaseIterable, Comparable {
    case invalid
    case expired
    case stale
    case changesRequested = "changes-requested"
    case unsignedChanges = "unsigned-changes"
    case neverReviewed = "never-reviewed"
    case overdue
    case upcoming
    case current
    case draft
    case retired

    /// Verdicts that keep a module from being current.
    public var isProblem: Bool {
        switch self {
        case .current, .upcoming, .draft, .retired: return false
        default: return true
        }
    }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// Why a verdict applies, with the evidence behind it.
public struct Reason: Sendable {
    public struct EventReference: Sendable, Equatable {
        public let id: String
        public let date: CalendarDate
    }

    public struct SignoffReference: Sendable, Equatable {
        public let id: String
        public let role: String
        public let name: String
        public let email: String
        public let time: Date
    }

    public struct CommitReference: Sendable, Equatable {
        public let id: ObjectID
        public let date: Date
    }

    public let verdict: Verdict
    public let message: String
    public var events: [EventReference] = []
    public var signoffs: [SignoffReference] = []
    public var commits: [CommitReference] = []
    /// The roles whose sign-off this reason waits for (none when the content owner must act), and since when.
    public var owedBy: [String] = []
    public var waitingSince: CalendarDate?
}

extension Reason.SignoffReference {
    init(_ record: SignoffRecord) {
        self.init(id: record.id, role: record.role, name: record.reviewerName, email: record.reviewerEmail, time: record.time)
    }
}

extension Reason.EventReference {
    init(_ event: ChangeEvent) {
        self.init(id: event.id, date: event.date)
    }
}

