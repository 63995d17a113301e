import Foundation

/// Splits a Markdown file into its YAML front matter (between `---` lines at the top) and the body.
enum FrontMatter {
    struct Split {
        /// The YAML text, or nil when the file has no front matter.
        let yaml: String?
        /// The line number of the first YAML line, for error messages.
        let yamlFirstLine: Int
        let body: String
        /// The line number of the first body line.
        let bodyFirstLine: Int
    }

    static func split(_ text: String, file: String) throws(ContentError) -> Split {
        // Only the lines up to the closing fence are split off; the body is the rest of the text as it is.
        var lines = TextLines.Cursor(text)
        guard let first = lines.next(), isFence(first) else {
            return Split(yaml: nil, yamlFirstLine: 1, body: text, bodyFirstLine: 1)
        }
        var yaml: [Substring] = []
        var hasCarriageReturns = false
        while let line = lines.next() {
            if isFence(line) {
                return Split(yaml: joined(yaml, in: text, droppingCarriageReturns: hasCarriageReturns), yamlFirstLine: 2,
                             body: String(lines.rest), bodyFirstLine: yaml.count + 3)
            }
            hasCarriageReturns = hasCarriageReturns || line.utf8.last == UInt8(ascii: "\r")
            yaml.append(line)
        }
        throw .badContent(file, line: 1, "front matter opened with --- is never closed (add a line with ---)")
    }

    /// The lines joined by line feeds, each without a final carriage return. Lines taken in a row from `text` are
    /// already joined there, so without carriage returns the text between the first and the last is the answer.
    private static func joined(_ lines: [Substring], in text: String, droppingCarriageReturns: Bool) -> String {
        guard let first = lines.first, let last = lines.last else { return "" }
        guard droppingCarriageReturns else { return String(text[first.startIndex..<last.endIndex]) }
        return lines.map { $0.utf8.last == UInt8(ascii: "\r") ? $0.dropLast() : $0 }.joined(separator: "\n")
    }

    /// The text of the first level-one heading, used as the title when the front matter has none.
    static func heading(in body: String) -> String? {
        for line in TextLines.split(body) where line.hasPrefix("# ") {
            let title = line.dropFirst(2).trimmingCharacters(in: .whitespacesAndNewlines)
            if !title.isEmpty { return title }
        }
        return nil
    }

    /// Only `---` opens and closes front matter. YAML's `...` is not accepted as a close: it would turn
    /// the YAML after it into body text and silently widen the module's scope.
    private static func isFence(_ line: Substring) -> Bool {
        var bytes = line.utf8[...]
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") || last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        return bytes.elementsEqual("---".utf8)
    }
}
