import Foundation

/// Turns file bytes into text the way every contentctl reader expects: UTF-8, no NUL bytes,
/// a leading byte-order mark dropped, size capped so a stray binary cannot stall a review.
enum TextFile {
    static let maximumSize = 2 * 1024 * 1024

    /// Whether git would call these bytes binary: a NUL among the first 8000 of them.
    static func looksBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.baseAddress.map { memchr($0, 0, min(bytes.count, 8_000)) != nil } ?? false
    }

    static func decode(_ data: Data, file: String, limit: Int = maximumSize) throws(ContentError) -> String {
        guard data.count <= limit else {
            throw .badContent(file, "file is larger than \(limit / 1024) KiB")
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            throw .badContent(file, line: lineNumber(in: bytes, at: nul), "NUL byte: not a text file")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .badContent(file, line: firstInvalidLine(in: bytes), "not valid UTF-8")
        }
        return text
    }

    private static func lineNumber(in bytes: Data.SubSequence, at index: Data.Index) -> Int {
        bytes[bytes.startIndex..<index].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    private static func firstInvalidLine(in bytes: Data.SubSequence) -> Int {
        var line = 1
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = bytes.index(after: index)
        }
        return line
    }
}
