import Foundation

/// Turns file bytes into text the way every contentctl reader expects: UTF-8, no NUL bytes,
/// a leading byte-order mark dropped, size capped so a stray binary cannot stall a review.
enum TextFile {
    static let maximumSize = 2 * 1024 * 1024

    /// Whether git would call these bytes binary: a NUL among the first 8000 of them.
    static func looksBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.baseAddress.map { memchr($0, 0, min(bytes.count, 8_000)) != nil } ?? false
    }

    /// Scanned and validated through the bytes' own buffer: reading a `Data` byte by byte as a collection checks
    /// exclusive access on every byte, which cost a fifth of parsing a library.
    static func decode(_ bytes: [UInt8], file: String, limit: Int = maximumSize) throws(ContentError) -> String {
        guard bytes.count <= limit else {
            throw .badContent(file, "file is larger than \(limit / 1024) KiB")
        }
        return try bytes.withUnsafeBufferPointer { (all) throws(ContentError) -> String in
            let text = all.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: all.dropFirst(3)) : all
            if let base = text.baseAddress, let nul = memchr(base, 0, text.count) {
                let offset = UnsafePointer<UInt8>(nul.assumingMemoryBound(to: UInt8.self)) - base
                throw .badContent(file, line: lineNumber(in: text, at: offset), "NUL byte: not a text file")
            }
            guard let decoded = String(validating: text, as: UTF8.self) else {
                throw .badContent(file, line: firstInvalidLine(in: text), "not valid UTF-8")
            }
            return decoded
        }
    }

    private static func lineNumber(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    private static func firstInvalidLine(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            if String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}
