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

extension TextLines {
    /// Lines one at a time, as `split` would give them, and the text after the last one taken: for reading the top
    /// of a file without splitting all of it.
    struct Cursor {
        let text: String
        /// Where the next line starts; nil once the last line was taken.
        private var position: String.Index?

        init(_ text: String) {
            self.text = text
            position = text.startIndex
        }

        mutating func next() -> Substring? {
            guard let start = position else { return nil }
            guard let newline = text.utf8[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                position = nil
                return text[start...]
            }
            position = text.utf8.index(after: newline)
            return text[start..<newline]
        }

        /// The text after the line last taken and its line feed.
        var rest: Substring {
            position.map { text[$0...] } ?? ""
        }
    }
}
