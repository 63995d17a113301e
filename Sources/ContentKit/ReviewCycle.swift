import Foundation

/// One periodic review, named by its period: a quarter (`2026-Q4`), a half (`2026-H2`), a month (`2026-11`) or a year (`2026`).
public struct ReviewCycle: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    /// First and last day of the period.
    public let start: CalendarDate
    public let end: CalendarDate

    public init?(_ name: String) {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count == 4, parts[0].allSatisfy(\.isASCII), let year = Int(parts[0]),
              parts[0].allSatisfy(\.isNumber) else { return nil }
        let months: ClosedRange<Int>
        if parts.count == 1 {
            months = 1...12
        } else {
            let period = parts[1]
            if period.count == 2, period.first == "Q", let quarter = Int(period.dropFirst()), (1...4).contains(quarter) {
                months = (quarter * 3 - 2)...(quarter * 3)
            } else if period.count == 2, period.first == "H", let half = Int(period.dropFirst()), (1...2).contains(half) {
                months = (half * 6 - 5)...(half * 6)
            } else if period.count == 2, period.allSatisfy(\.isNumber), let month = Int(period), (1...12).contains(month) {
                months = month...month
            } else {
                return nil
            }
        }
        self.name = name
        start = CalendarDate(year: year, month: months.lowerBound, day: 1)
        end = CalendarDate(year: year, month: months.upperBound, day: CalendarDate.daysIn(month: months.upperBound, year: year))
    }

    /// The quarter a day falls in: the default cycle.
    public init(quarterOf day: CalendarDate) {
        let quarter = (day.month - 1) / 3 + 1
        self.name = "\(day.year)-Q\(quarter)"
        start = CalendarDate(year: day.year, month: quarter * 3 - 2, day: 1)
        end = CalendarDate(year: day.year, month: quarter * 3, day: CalendarDate.daysIn(month: quarter * 3, year: day.year))
    }

    public static let expectedForm = "a period such as 2026-Q4, 2026-H2, 2026-11 or 2026"

    public var description: String { name }

    public func contains(_ day: CalendarDate) -> Bool { day >= start && day <= end }

    public func contains(_ instant: Date, in zone: TimeZone) -> Bool { contains(CalendarDate(instant, in: zone)) }
}
