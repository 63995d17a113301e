import Foundation
import Testing
import TestSupport
@testable import ContentKit

/// Record times are RFC 3339 in UTC with whole seconds; Foundation's ISO 8601 formatter is the oracle (from 1583, where its
/// calendar and gmtime's are both Gregorian).
@Suite struct TimestampTests {
    @Test func timesAreWrittenAsFoundationWritesThemAndReadBack() {
        let oracle = ISO8601DateFormatter()
        oracle.timeZone = TimeZone(identifier: "UTC")
        var generator = SeededGenerator(seed: 3339)
        var instants = (0..<2_000).map { _ in Date(timeIntervalSince1970: Double(Int64.random(in: -12_212_553_600...253_402_300_799, using: &generator))) }
        instants += [0, -1, 59, 86_399, 1_774_708_991, 253_402_300_799].map { Date(timeIntervalSince1970: $0) }
        for instant in instants {
            let text = Timestamp.format(instant)
            #expect(text == oracle.string(from: instant), "\(instant.timeIntervalSince1970)")
            #expect(Timestamp.parse(text) == instant, "\(text)")
        }
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_774_708_991.9)) == "2026-03-28T14:43:11Z")
    }
}
