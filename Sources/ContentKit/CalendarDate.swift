import Foundation

/// A day on the calendar (no time, no zone), as written in front matter and events: `YYYY-MM-DD`.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses exactly `YYYY-MM-DD` naming a real day; anything else is nil.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The calendar day of an instant in `zone`.
    public init(_ instant: Date, in zone: TimeZone) {
        let local = instant.timeIntervalSince1970 + TimeInterval(zone.secondsFromGMT(for: instant))
        let days = Int((local / 86_400).rounded(.down))
        if days >= Self.arithmeticFrom, days < Self.arithmeticUntil {
            self = Self(dayNumber: days)
            return
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    public var description: String {
        func digits(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        guard year >= 0 else { return String(format: "%04d-%02d-%02d", year, month, day) }
        return digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// 00:00 of this day in `zone`: the moment a date takes effect.
    public func start(in zone: TimeZone) -> Date {
        // UTC by arithmetic: every record's time is parsed through here.
        if let number = dayNumber, zone.secondsFromGMT() == 0, zone.identifier == "UTC" || zone.identifier == "GMT" {
            return Date(timeIntervalSince1970: TimeInterval(number * 86_400))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day)
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    /// 00:00 of the next day in `zone`: the first moment after this day ends.
    public func end(in zone: TimeZone) -> Date {
        adding(days: 1).start(in: zone)
    }

    public func adding(days: Int) -> CalendarDate {
        if let number = dayNumber, number + days >= Self.arithmeticFrom, number + days < Self.arithmeticUntil {
            return Self(dayNumber: number + days)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let utc = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let moved = calendar.date(byAdding: .day, value: days, to: start(in: utc)) ?? start(in: utc)
        return CalendarDate(moved, in: utc)
    }

    /// Whole days from this day to `later` (negative when `later` is earlier).
    public func days(until later: CalendarDate) -> Int {
        if let from = dayNumber, let to = later.dayNumber { return to - from }
        let utc = Timestamp.utc
        return Int((later.start(in: utc).timeIntervalSince(start(in: utc)) / 86_400).rounded())
    }

    // Day numbers: days since 1970-01-01 on the Gregorian calendar. Reviews convert thousands of instants and days,
    // and Foundation's Calendar is slow at it. Foundation's Gregorian calendar switches to the Julian one before
    // October 1582, so days before 1583 (and after 9999) are left to it.
    private static let arithmeticFrom = -141_349   // 1583-01-01
    private static let arithmeticUntil = 2_932_897 // 10000-01-01

    /// The day's number, when within the range computed here.
    private var dayNumber: Int? {
        // Civil-to-days in the manner of H. Hinnant's public-domain date algorithms: years start in March.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let number = era * 146_097 + dayOfEra - 719_468
        return number >= Self.arithmeticFrom && number < Self.arithmeticUntil ? number : nil
    }

    private init(dayNumber: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
