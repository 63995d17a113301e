import Foundation

/// Splits a Markdown file into its YAML front matter (between `---` lines at the top) and the body.
enum FrontMatter {
    struct Split {
        /// The YAML text, or nil when the file has no front matter.
        let yaml: String?
        /// The line number of the first YAML line, for error messages.
        let yamlFirstLine: Int
        let body: String
    }

    static func split(_ text: String, file: String) throws(ContentError) -> Split {
        // Split on LF code units so a CRLF file splits too (in Swift, "\r\n" is one Character, not "\n").
        let lines = text.components(separatedBy: "\n").map { Substring($0) }
        guard let first = lines.first, isFence(first, closing: false) else {
            return Split(yaml: nil, yamlFirstLine: 1, body: text)
        }
        guard let closing = lines.indices.dropFirst().first(where: { isFence(lines[$0], closing: true) }) else {
            throw .badContent(file, line: 1, "front matter opened with --- is never closed (add a line with ---)")
        }
        let yaml = lines[1..<closing].map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }.joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n")
        return Split(yaml: yaml, yamlFirstLine: 2, body: body)
    }

    /// The text of the first level-one heading, used as the title when the front matter has none.
    static func heading(in body: String) -> String? {
        for line in body.components(separatedBy: "\n") where line.hasPrefix("# ") {
            let title = line.dropFirst(2).trimmingCharacters(in: .whitespacesAndNewlines)
            if !title.isEmpty { return title }
        }
        return nil
    }

    private static func isFence(_ line: Substring, closing: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == " " || last == "\t" || last == "\r" { trimmed.removeLast() }
        return trimmed == "---" || (closing && trimmed == "...")
    }
}
