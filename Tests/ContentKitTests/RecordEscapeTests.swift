import Foundation
import GitKit
import Testing
@testable import ContentKit

/// Record values escape backslash, tab and line ends, and nothing else; unescaping gives the value back, whatever
/// characters surround the escaped ones, and a whole record reads back as written.
@Suite struct RecordEscapeTests {
    @Test func escapesOnlyBackslashTabAndLineEnds() {
        #expect(SignoffRecord.escape("plain Café 👩🏽‍⚕️") == "plain Café 👩🏽‍⚕️")
        #expect(SignoffRecord.escape("a\\b\tc\nd\r\ne") == "a\\\\b\\tc\\nd\\r\\ne")
        #expect(SignoffRecord.escape("Zoe\u{0308}\n👍\t") == "Zoe\u{0308}\\n👍\\t")
    }

    @Test func unescapingGivesTheValueBack() {
        let values = ["", "\\", "\\n", "line one\nline two\r\n", "tab\there", "e\u{0301}\\\u{0301}", "👩🏽‍⚕️\n👩🏽‍⚕️", "\u{85}\u{2028}x"]
        for value in values {
            #expect(SignoffRecord.unescape(Substring(SignoffRecord.escape(value))) == value, "\(value.debugDescription)")
        }
    }

    /// A value is what follows its key and one space, scalar by scalar: a comment that starts with a combining mark
    /// keeps it (by Character, the space and the mark are one character, and the mark was lost).
    @Test func aRecordReadsBackWholeEvenWhenAValueStartsWithACombiningMark() throws {
        let record = SignoffRecord(
            module: "dosing", path: "Content/Caf\u{00E9} dosing.md",
            fingerprint: try #require(Fingerprint("fp1:sha256:" + String(repeating: "ab", count: 32))), role: "sales",
            meaning: .approved, reviewerID: "dan", reviewerName: "Zoe\u{0308} Mu\u{0308}ller", reviewerEmail: "zoe@example.com",
            time: Date(timeIntervalSince1970: 1_780_000_000), commit: try #require(ObjectID(hex: String(repeating: "1f", count: 20))),
            comment: "\u{0301}accent first, then a\ttab and\nlines", nonce: String(repeating: "0a", count: 16))
        let read = try SignoffRecord.parse(record.fileContents, file: "record")
        #expect(read.comment == record.comment)
        #expect(read.reviewerName == record.reviewerName)
        #expect(read.path == record.path)
        #expect(read.fileContents == record.fileContents)
        #expect(throws: ContentError.self) { try SignoffRecord.parse(record.fileContents.replacingOccurrences(of: "\npath ", with: "\npath  "), file: "record") }
    }

    /// Role, reviewer id and email are tokens: white space of any kind in them, even inside a cluster that begins
    /// with another character, makes the record unreadable, so no two of them can be padded to look alike.
    @Test func tokensWithWhiteSpaceAreRefused() throws {
        func record(email: String) throws -> SignoffRecord {
            SignoffRecord(module: "dosing", path: "Content/dosing.md",
                          fingerprint: try #require(Fingerprint("fp1:sha256:" + String(repeating: "ab", count: 32))), role: "sales",
                          meaning: .approved, reviewerID: "dan", reviewerName: "Dan", reviewerEmail: email,
                          time: Date(timeIntervalSince1970: 1_780_000_000), commit: try #require(ObjectID(hex: String(repeating: "1f", count: 20))),
                          comment: "", nonce: String(repeating: "0a", count: 16))
        }
        #expect(try SignoffRecord.parse(try record(email: "dan@example.com").fileContents, file: "record").reviewerEmail == "dan@example.com")
        for email in ["dan@example.com\u{00A0}", "dan\u{2003}@example.com", "\u{3000}dan@example.com", "dan@\u{0600} example.com"] {
            #expect(throws: ContentError.self, "\(email.debugDescription)") { try SignoffRecord.parse(try record(email: email).fileContents, file: "record") }
        }
    }
}
