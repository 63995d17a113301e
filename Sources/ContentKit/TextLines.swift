/// Splits text into lines at LF. In Swift, "\r\n" is a single Character that is not equal to "\n",
/// so splitting by Character would leave a CRLF file in one piece; this splits by Unicode scalar
/// and leaves any "\r" at the end of its line.
enum TextLines {
    static func split(_ text: Substring) -> [Substring] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Substring($0) }
    }

    static func split(_ text: String) -> [Substring] {
        split(text[...])
    }
}
