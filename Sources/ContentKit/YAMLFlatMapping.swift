/// The shape nearly all front matter has, read without a YAML parser: one `key: value` per line, each value plain
/// text, empty, or a one-line list of plain words (`markets: [US, DE]`). A diff of ten thousand modules spends most
/// of its time in Yams otherwise. Anything outside this shape (quotes, comments, indentation, block lists, duplicate
/// keys, characters YAML treats specially) gives nil, and the full parser reads the text; within it the value is
/// the one Yams gives, line numbers included (tests compare the two on generated documents).
enum YAMLFlatMapping {
    static func parse(_ text: String, firstLine: Int) -> YAMLValue? {
        var bytes = Array(text.utf8)
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        guard !bytes.isEmpty else { return nil }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var pairs: [(key: String, value: YAMLValue)] = []
        pairs.reserveCapacity(lines.count)
        var keys: Set<String> = []
        keys.reserveCapacity(lines.count)
        for (offset, line) in lines.enumerated() {
            let number = firstLine + offset
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), isKey(line[..<colon]),
                  let value = value(line[(colon + 1)...], line: number) else { return nil }
            let key = String(decoding: line[..<colon], as: UTF8.self)
            guard keys.insert(key).inserted else { return nil }
            pairs.append((key, value))
        }
        return .mapping(pairs, line: firstLine)
    }

    private static func isKey(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, isAlphanumeric(first) || first == UInt8(ascii: "_") else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// What follows the key's colon: nothing (null), or one space and a plain scalar or a one-line list.
    private static func value(_ bytes: ArraySlice<UInt8>, line: Int) -> YAMLValue? {
        guard let space = bytes.first else { return .null(line: line) }
        let rest = bytes.dropFirst()
        guard space == UInt8(ascii: " "), let first = rest.first else { return nil }
        guard first == UInt8(ascii: "[") else { return scalar(rest, inList: false, line: line) }
        guard rest.last == UInt8(ascii: "]") else { return nil }
        let inside = rest.dropFirst().dropLast()
        guard !inside.isEmpty else { return .sequence([], line: line) }
        var items: [YAMLValue] = []
        for (index, part) in inside.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).enumerated() {
            // Items after the first follow ", " exactly.
            let item = index == 0 ? part : (part.first == UInt8(ascii: " ") ? part.dropFirst() : [])
            guard let value = scalar(item, inList: true, line: line) else { return nil }
            items.append(value)
        }
        return .sequence(items, line: line)
    }

    /// Plain text that starts with a letter or digit, ends without a space, and holds no character that could start
    /// or end YAML syntax here; the null words read as null, as Yams reads them.
    private static func scalar(_ bytes: ArraySlice<UInt8>, inList: Bool, line: Int) -> YAMLValue? {
        guard let first = bytes.first, isAlphanumeric(first) || first >= 0x80, bytes.last != UInt8(ascii: " ") else { return nil }
        var previous: UInt8 = 0
        var ascii = true
        for byte in bytes {
            // ": " would start a mapping; a colon before anything else stays text.
            if previous == UInt8(ascii: ":"), byte == UInt8(ascii: " ") { return nil }
            guard byte >= 0x80 || isAlphanumeric(byte) || isPlainPunctuation(byte) || (!inList && isBlockOnlyPunctuation(byte)) else {
                return nil
            }
            ascii = ascii && byte < 0x80
            previous = byte
        }
        guard previous != UInt8(ascii: ":") else { return nil }
        // Every ASCII byte allowed above is printable; only other characters need checking.
        // ASCII is valid UTF-8 as it is; only other text is validated.
        let decoded: String? = ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
        guard let text = decoded, ascii || text.unicodeScalars.allSatisfy(isPrintable) else { return nil }
        switch text {
        case "null", "Null", "NULL": return .null(line: line)
        default: return .scalar(text, line: line)
        }
    }

    private static func isPlainPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "+"),
             UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "-"): return true
        default: return false
        }
    }

    /// Allowed in a plain value of its own line, where only flow lists give them meaning.
    private static func isBlockOnlyPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "'"), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "?"), UInt8(ascii: "%"),
             UInt8(ascii: "$"), UInt8(ascii: "="): return true
        default: return false
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// YAML's printable characters beyond ASCII, less the line and paragraph separators and the byte order mark,
    /// which a YAML reader treats as breaks or markers rather than text.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: return true
        case 0x2028, 0x2029, 0xFEFF: return false
        case 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
