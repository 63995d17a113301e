import Testing
@testable import ContentKit

/// Record values escape backslash, tab and line ends, and nothing else; unescaping gives the value back, whatever
/// characters surround the escaped ones.
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
}
