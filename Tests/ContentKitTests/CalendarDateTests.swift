import Foundation
import Testing
import TestSupport
@testable import ContentKit

/// Days are computed by arithmetic, not Foundation's Calendar; Foundation's Gregorian calendar is the oracle.
@Suite struct CalendarDateTests {
    private func oracleDay(_ instant: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    @Test(arguments: ["UTC", "Europe/Berlin", "America/New_York", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham", "Pacific/Kiritimati"])
    func instantsFallOnTheDaysFoundationNames(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        var generator = SeededGenerator(seed: 1583)
        // From 1583 to 2200, plus the seconds around midnight and around a daylight-saving change.
        var instants = (0..<2_000).map { _ in Date(timeIntervalSince1970: Double(Int64.random(in: -12_212_553_600...7_258_118_400, using: &generator))) }
        instants += [-1, 0, 1, 1_711_846_799, 1_711_846_800, 1_711_850_400, 1_730_595_600].map { Date(timeIntervalSince1970: $0) }
        for instant in instants {
            #expect(CalendarDate(instant, in: zone).description == oracleDay(instant, in: zone), "\(instant) in \(zoneName)")
        }
    }

    @Test func dayArithmeticMatchesFoundation() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        var generator = SeededGenerator(seed: 1583)
        for _ in 0..<2_000 {
            let start = CalendarDate(Date(timeIntervalSince1970: Double(Int64.random(in: -12_000_000_000...7_000_000_000, using: &generator))), in: utc)
            let offset = Int.random(in: -40_000...40_000, using: &generator)
            let moved = try #require(calendar.date(byAdding: .day, value: offset, to: start.start(in: utc)))
            #expect(start.adding(days: offset).description == oracleDay(moved, in: utc), "\(start) + \(offset)")
            #expect(start.days(until: start.adding(days: offset)) == offset)
        }
        #expect(try #require(CalendarDate("2028-02-28")).adding(days: 1).description == "2028-02-29")
        #expect(try #require(CalendarDate("2100-02-28")).adding(days: 1).description == "2100-03-01")
        #expect(try #require(CalendarDate("2026-12-31")).days(until: try #require(CalendarDate("2027-01-01"))) == 1)
        // Before 1583, Foundation's calendar (Julian before October 1582) still decides.
        #expect(try #require(CalendarDate("1582-10-15")).adding(days: -1).description == "1582-10-04")
    }

    /// Midnight UTC is computed by arithmetic (every record's time goes through it); Foundation's calendar is the oracle.
    @Test func midnightInUTCIsFoundations() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        var generator = SeededGenerator(seed: 2026)
        var days = (0..<2_000).map { _ in CalendarDate(Date(timeIntervalSince1970: Double(Int64.random(in: -12_212_553_600...253_402_214_400, using: &generator))), in: utc) }
        days += ["1583-01-01", "1969-12-31", "1970-01-01", "2000-02-29", "9999-12-31", "1582-10-15"].compactMap(CalendarDate.init)
        for day in days {
            let oracle = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
            #expect(day.start(in: utc) == oracle, "\(day)")
        }
        #expect(try #require(CalendarDate("2026-03-28")).start(in: utc) == Date(timeIntervalSince1970: 1_774_656_000))
    }
}
