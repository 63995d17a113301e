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
        var contiguous = text
        // On the text's bytes: every module of a review or a far diff is split, and lines as substrings cost more
        // than the rest of the parse. Cuts fall after line feeds, so each piece decodes to exactly its bytes.
        let split = contiguous.withUTF8 { bytes -> Split? in
            guard let fences = Fences(bytes) else { return nil }
            guard let yaml = fences.yaml else { return Split(yaml: nil, yamlFirstLine: 1, body: text, bodyFirstLine: 1) }
            return Split(yaml: yaml.hasCarriageReturns ? joinedDroppingCarriageReturns(bytes, yaml.lines) : string(bytes, yaml.lines),
                         yamlFirstLine: 2, body: string(bytes, fences.body..<bytes.count), bodyFirstLine: yaml.lineCount + 3)
        }
        guard let split else {
            throw .badContent(file, line: 1, "front matter opened with --- is never closed (add a line with ---)")
        }
        return split
    }

    /// Where the front matter and the body lie in a file's bytes.
    private struct Fences {
        /// The YAML lines (without the line feed after the last), nil without front matter.
        var yaml: (lines: Range<Int>, lineCount: Int, hasCarriageReturns: Bool)?
        /// Where the body starts.
        var body: Int

        /// Nil when the opening fence is never closed.
        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            let firstEnd = Self.lineEnd(bytes, from: 0)
            guard isFence(bytes, 0..<firstEnd) else {
                yaml = nil
                body = 0
                return
            }
            var lineStart = firstEnd + 1
            var lineCount = 0
            var hasCarriageReturns = false
            // A text ending in a line feed has one more, empty line after it.
            while lineStart <= bytes.count {
                let end = Self.lineEnd(bytes, from: lineStart)
                if isFence(bytes, lineStart..<end) {
                    let yamlStart = firstEnd + 1
                    yaml = (yamlStart..<max(yamlStart, lineStart - 1), lineCount, hasCarriageReturns)
                    body = min(end + 1, bytes.count)
                    return
                }
                hasCarriageReturns = hasCarriageReturns || (end > lineStart && bytes[end - 1] == UInt8(ascii: "\r"))
                lineCount += 1
                lineStart = end + 1
            }
            return nil
        }

        /// The offset of the line feed ending the line at `start`, or the end of the bytes.
        private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            guard start < bytes.count, let base = bytes.baseAddress,
                  let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else { return bytes.count }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        }
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The lines in `range` joined by line feeds, each without a final carriage return.
    private static func joinedDroppingCarriageReturns(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var joined: [UInt8] = []
        joined.reserveCapacity(range.count)
        for index in range where bytes[index] != UInt8(ascii: "\r")
            || (index + 1 < range.upperBound && bytes[index + 1] != UInt8(ascii: "\n")) {
            joined.append(bytes[index])
        }
        return String(decoding: joined, as: UTF8.self)
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
    private static func isFence(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        var end = line.upperBound
        while end > line.lowerBound, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return end - line.lowerBound == 3 && bytes[line.lowerBound] == UInt8(ascii: "-")
            && bytes[line.lowerBound + 1] == UInt8(ascii: "-") && bytes[line.lowerBound + 2] == UInt8(ascii: "-")
    }
}
