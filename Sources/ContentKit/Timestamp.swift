import Foundation

/// RFC 3339 times in UTC with whole seconds (`2026-03-28T14:03:11Z`), as records store them.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        // gmtime_r, not Calendar, and bytes, not joined Strings: a review formats a time for every module and record.
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "0000-00-00T00:00:00Z" }
        var text: [UInt8] = []
        text.reserveCapacity(21)
        let year = Int(parts.tm_year) + 1900
        if year < 0 { text.append(UInt8(ascii: "-")) }
        appendDigits(abs(year), width: 4, to: &text)
        func append(_ separator: Unicode.Scalar, _ value: Int32) {
            text.append(UInt8(ascii: separator))
            appendDigits(Int(value), width: 2, to: &text)
        }
        append("-", parts.tm_mon + 1)
        append("-", parts.tm_mday)
        append("T", parts.tm_hour)
        append(":", parts.tm_min)
        append(":", parts.tm_sec)
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    /// `value` (not negative) in decimal, zero-padded to at least `width` digits.
    private static func appendDigits(_ value: Int, width: Int, to text: inout [UInt8]) {
        var divisor = 1
        var count = 1
        while divisor <= value / 10 {
            divisor *= 10
            count += 1
        }
        text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, width - count)))
        while divisor > 0 {
            text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// Parses exactly the form `format` writes.
    public static func parse(_ text: String) -> Date? {
        let characters = Array(text.utf8)
        guard characters.count == 20, characters[10] == UInt8(ascii: "T"), characters[19] == UInt8(ascii: "Z"),
              let day = CalendarDate(String(text.prefix(10))) else { return nil }
        let clock = text.dropFirst(11).dropLast().split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }),
              let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
              hour < 24, minute < 60, second < 60 else { return nil }
        return day.start(in: utc).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60 + second))
    }

    /// The moment to stamp on a new record: `GIT_COMMITTER_DATE` when set (as git honours it), otherwise now,
    /// truncated to whole seconds.
    public static func now(environment: [String: String]) throws(ContentError) -> Date {
        guard let written = environment["GIT_COMMITTER_DATE"], !written.isEmpty else {
            return Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        }
        guard let parsed = parseGitDate(written) else {
            throw ContentError(.usage, "GIT_COMMITTER_DATE '\(written)' is not a date git understands here (use @SECONDS +ZZZZ or 2026-03-28T14:03:11Z)")
        }
        return Date(timeIntervalSince1970: parsed.timeIntervalSince1970.rounded(.down))
    }

    /// The forms of git's date syntax that scripts use: `@1700000000 +0100`, `1700000000 +0100`,
    /// ISO 8601 with `T` or a space, and a `Z`, `+hh:mm` or `+hhmm` zone.
    static func parseGitDate(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        if let first = parts.first {
            let digits = first.hasPrefix("@") ? first.dropFirst() : first
            if !digits.isEmpty, digits.allSatisfy(\.isNumber), parts.count <= 2, let seconds = TimeInterval(digits) {
                return Date(timeIntervalSince1970: seconds)
            }
        }
        var iso = text.replacingOccurrences(of: " ", with: "T", options: [], range: nil)
        if let range = iso.range(of: "T", options: .backwards), iso[range.upperBound...].first.map({ "+-".contains($0) }) == true {
            iso.replaceSubrange(range, with: "")
        }
        guard iso.count >= 19, let day = CalendarDate(String(iso.prefix(10))), iso.dropFirst(10).first == "T" else { return nil }
        let rest = iso.dropFirst(11)
        let clock = rest.prefix(8).split(separator: ":")
        guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]) else { return nil }
        var zone = rest.dropFirst(8)
        var offset = 0
        if zone == "Z" || zone.isEmpty {
            offset = 0
        } else if let sign = zone.first, sign == "+" || sign == "-" {
            zone = zone.dropFirst()
            let digits = zone.filter(\.isNumber)
            guard digits.count == 4, let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)) else { return nil }
            offset = (hours * 60 + minutes) * 60 * (sign == "-" ? -1 : 1)
        } else {
            return nil
        }
        let local = day.start(in: utc).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60 + second))
        return local.addingTimeInterval(TimeInterval(-offset))
    }

    static let utc = TimeZone(identifier: "UTC") ?? .current
}
