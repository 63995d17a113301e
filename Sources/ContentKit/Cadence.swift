import Foundation

/// How often unchanged text must be re-attested: a number of calendar periods.
public enum Cadence: Equatable, Sendable, CustomStringConvertible {
    case weekly
    case monthly
    case quarterly
    case yearly
    case days(Int)

    /// Parses `weekly`, `monthly`, `quarterly`, `yearly` or `Nd` (N ≥ 1).
    public init?(_ text: String) {
        switch text {
        case "weekly": self = .weekly
        case "monthly": self = .monthly
        case "quarterly": self = .quarterly
        case "yearly": self = .yearly
        default:
            guard text.hasSuffix("d"), let count = Int(text.dropLast()), count > 0, count <= 36_500 else { return nil }
            self = .days(count)
        }
    }

    public var description: String {
        switch self {
        case .weekly: return "weekly"
        case .monthly: return "monthly"
        case .quarterly: return "quarterly"
        case .yearly: return "yearly"
        case .days(let count): return "\(count)d"
        }
    }

    /// The last day a review made on `day` stays in force: the same day one period later,
    /// clamped to the month's end (a review on 31 January, monthly, is due on 28 or 29 February).
    public func dueDate(after day: CalendarDate) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        let utc = TimeZone(identifier: "UTC") ?? calendar.timeZone
        calendar.timeZone = utc
        let component: Calendar.Component
        let amount: Int
        switch self {
        case .weekly: (component, amount) = (.day, 7)
        case .monthly: (component, amount) = (.month, 1)
        case .quarterly: (component, amount) = (.month, 3)
        case .yearly: (component, amount) = (.year, 1)
        case .days(let count): (component, amount) = (.day, count)
        }
        let start = day.start(in: utc)
        let moved = calendar.date(byAdding: component, value: amount, to: start) ?? start
        return CalendarDate(moved, in: utc)
    }
}
