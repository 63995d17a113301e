extension TextDiff {
    /// Byte ranges of UTF-8 text split into lines; each line keeps its "\n" (and so any "\r" before it).
    /// Splitting after "\n" never cuts a character: a grapheme cluster always ends after a line feed.
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            ranges.append(start..<index + 1)
            start = index + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    /// Byte ranges of paragraphs: a paragraph is its lines plus the blank lines (only spaces, tabs and "\r")
    /// after it, so the separators travel with the text and the ranges tile the whole input. Blank lines at
    /// the very start form a range of their own.
    static func paragraphRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var paragraphStart = 0
        var previousLineIsBlank = false
        for line in lineRanges(bytes) {
            let isBlank = bytes[line].allSatisfy {
                $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n")
            }
            if !isBlank, previousLineIsBlank, line.lowerBound > paragraphStart {
                ranges.append(paragraphStart..<line.lowerBound)
                paragraphStart = line.lowerBound
            }
            previousLineIsBlank = isBlank
        }
        if paragraphStart < bytes.count { ranges.append(paragraphStart..<bytes.count) }
        return ranges
    }

    /// How a character takes part in a token.
    enum CharacterClass: UInt8 {
        /// Letters, digits and other numbers (Unicode-aware, with whatever marks combine with them).
        case word
        /// Runs of these form one token; "\r\n" is a single whitespace character.
        case space
        /// `'`, `-`, `’` (U+2019), `‐` (U+2010) and `‑` (U+2011): part of a word between two word characters
        /// ("don't", "once-daily"), a punctuation token anywhere else.
        case joiner
        /// Punctuation, symbols, emoji: one token per character (grapheme cluster).
        case other

        init(ascii: UInt8) {
            switch ascii {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "a")...UInt8(ascii: "z"):
                self = .word
            case 0x09...0x0D, 0x20: self = .space
            case UInt8(ascii: "'"), UInt8(ascii: "-"): self = .joiner
            default: self = .other
            }
        }

        /// The class of each ASCII byte, looked up rather than decided: word counts and tokens of a far diff take
        /// tens of millions of bytes.
        static let ofASCII: [CharacterClass] = (0..<128).map { CharacterClass(ascii: UInt8($0)) }

        init(_ character: Character) {
            if let ascii = character.asciiValue {  // "\r\n" reports "\n": whitespace, as wanted
                self.init(ascii: ascii)
            } else if character.isLetter || character.isNumber {
                self = .word
            } else if character.isWhitespace {
                self = .space
            } else if character == "\u{2019}" || character == "\u{2010}" || character == "\u{2011}" {
                self = .joiner
            } else {
                self = .other
            }
        }
    }

    /// The characters (grapheme clusters) of bytes[range] as classes and byte lengths; the range must start
    /// and end on character boundaries.
    ///
    /// Grapheme breaking is slow, so it is only used where needed: between two ASCII bytes there is always a
    /// character boundary (except inside "\r\n"), because every rule that joins scalars involves a non-ASCII
    /// one. ASCII stretches are classified byte by byte; each stretch between two such certain boundaries that
    /// holds non-ASCII bytes (or a CRLF) is decoded and split by Swift's `Character` iteration.
    static func characters(_ bytes: [UInt8], _ range: Range<Int>) -> [(kind: CharacterClass, byteCount: Int)] {
        var characters: [(kind: CharacterClass, byteCount: Int)] = []
        characters.reserveCapacity(range.count)
        let end = range.upperBound
        /// Whether a character certainly starts at `index`, judging from the bytes on both sides of it.
        func isCertainBoundary(_ index: Int) -> Bool {
            index == end || (bytes[index - 1] < 0x80 && bytes[index] < 0x80
                && !(bytes[index - 1] == UInt8(ascii: "\r") && bytes[index] == UInt8(ascii: "\n")))
        }
        var index = range.lowerBound
        while index < end {
            if bytes[index] < 0x80, isCertainBoundary(index + 1) {
                characters.append((CharacterClass(ascii: bytes[index]), 1))
                index += 1
                continue
            }
            var stretchEnd = index + 1
            while !isCertainBoundary(stretchEnd) { stretchEnd += 1 }
            for character in String(decoding: bytes[index..<stretchEnd], as: UTF8.self) {
                characters.append((CharacterClass(character), character.utf8.count))
            }
            index = stretchEnd
        }
        return characters
    }

    /// Tokens of bytes[range], in order: runs of word characters (with inner joiners), runs of whitespace, and
    /// single other characters. Tokens never split a grapheme cluster, so "e" + U+0301, CRLF and emoji sequences
    /// stay whole, and every token boundary is a valid UTF-8 boundary.
    static func tokens(_ bytes: [UInt8], _ range: Range<Int>) -> [Token] {
        if let tokens = asciiTokens(bytes, range) { return tokens }
        let characters = characters(bytes, range)
        var tokens: [Token] = []
        tokens.reserveCapacity(characters.count / 2 + 1)
        var index = 0
        while index < characters.count {
            let kind = characters[index].kind
            var end = index + 1
            switch kind {
            case .word:
                while end < characters.count {
                    if characters[end].kind == .word {
                        end += 1
                    } else if characters[end].kind == .joiner, end + 1 < characters.count,
                              characters[end + 1].kind == .word {
                        end += 2
                    } else {
                        break
                    }
                }
            case .space:
                while end < characters.count, characters[end].kind == .space { end += 1 }
            case .joiner, .other:
                break
            }
            var byteCount = 0
            for position in index..<end { byteCount += characters[position].byteCount }
            tokens.append(Token(byteCount: byteCount, kind: kind))
            index = end
        }
        return tokens
    }

    /// The same tokens for ASCII text, straight from the bytes (each byte is a character there); nil when the
    /// range holds any other byte.
    private static func asciiTokens(_ bytes: [UInt8], _ range: Range<Int>) -> [Token]? {
        CharacterClass.ofASCII.withUnsafeBufferPointer { classes in
            bytes.withUnsafeBufferPointer { bytes -> [Token]? in
                func kind(_ index: Int) -> CharacterClass? { bytes[index] < 0x80 ? classes[Int(bytes[index])] : nil }
                var tokens: [Token] = []
                tokens.reserveCapacity(range.count / 3 + 1)
                var index = range.lowerBound
                let end = range.upperBound
                while index < end {
                    guard let first = kind(index) else { return nil }
                    var next = index + 1
                    switch first {
                    case .word:
                        while next < end {
                            guard let following = kind(next) else { return nil }
                            if following == .word {
                                next += 1
                            } else if following == .joiner, next + 1 < end, kind(next + 1) == .word {
                                next += 2
                            } else {
                                break
                            }
                        }
                    case .space:
                        while next < end, kind(next) == .space { next += 1 }
                    case .joiner, .other:
                        break
                    }
                    tokens.append(Token(byteCount: next - index, kind: first))
                    index = next
                }
                return tokens
            }
        }
    }

    /// One token: its length and the class of its first character (a run of word characters is a word even where
    /// it holds joiners).
    struct Token {
        let byteCount: Int
        let kind: CharacterClass

        var isWord: Bool { kind == .word }
    }

    static func tokens(of text: String) -> [Token] {
        let bytes = Array(text.utf8)
        return tokens(bytes, bytes.indices)
    }

    /// Gives equal byte strings of `old` and `new` equal small integer ids (0, 1, 2, ... in order of first
    /// appearance), so the diff compares integers. Comparison is by bytes, never by `String` equality, which
    /// would treat "é" and "e" + U+0301 as equal and break exactness.
    struct Interner {
        /// `old` followed by `new`, so that one offset names a byte string of either text.
        private let bytes: [UInt8]
        private let newOffset: Int
        /// Open addressing with linear probing: each slot is −1 or an id; capacity is a power of two.
        private var slots: [Int32]
        private var entries: [(hash: UInt64, start: Int, count: Int)] = []

        init(old: [UInt8], new: [UInt8]) {
            bytes = old + new
            newOffset = old.count
            slots = [Int32](repeating: -1, count: 64)
        }

        /// How many distinct byte strings have ids so far; every id is below this.
        var count: Int { entries.count }

        mutating func id(old range: Range<Int>) -> Int32 { id(start: range.lowerBound, count: range.count) }

        mutating func id(new range: Range<Int>) -> Int32 { id(start: newOffset + range.lowerBound, count: range.count) }

        private mutating func id(start: Int, count: Int) -> Int32 {
            let hash = hash(start: start, count: count)
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
            while slots[slot] >= 0 {
                let entry = entries[Int(slots[slot])]
                if entry.hash == hash, entry.count == count, equal(entry.start, start, count: count) { return slots[slot] }
                slot = (slot + 1) & mask
            }
            let id = Int32(truncatingIfNeeded: entries.count)
            entries.append((hash, start, count))
            slots[slot] = id
            if entries.count * 2 > slots.count { grow() }
            return id
        }

        /// FNV-1a, 64 bits: keys are mostly short words, and it needs no setup.
        private func hash(start: Int, count: Int) -> UInt64 {
            bytes.withUnsafeBufferPointer { bytes in
                var hash: UInt64 = 0xCBF2_9CE4_8422_2325
                for index in start..<start + count { hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3 }
                return hash
            }
        }

        private func equal(_ first: Int, _ second: Int, count: Int) -> Bool {
            bytes.withUnsafeBufferPointer { bytes in
                for offset in 0..<count where bytes[first + offset] != bytes[second + offset] { return false }
                return true
            }
        }

        private mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for (id, entry) in entries.enumerated() {
                var slot = Int(truncatingIfNeeded: entry.hash ^ (entry.hash >> 29)) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(truncatingIfNeeded: id)
            }
        }
    }

    /// The tokens of one paragraph of `old` or `new`: byte lengths, interned ids, and which are whitespace.
    struct TokenIDs {
        var lengths: [Int] = []
        var ids: [Int32] = []
        var isSpace: [Bool] = []
    }

    static func tokenIDs(_ bytes: [UInt8], _ range: Range<Int>, isNew: Bool, interner: inout Interner) -> TokenIDs {
        let pieces = tokens(bytes, range)
        var result = TokenIDs()
        result.lengths.reserveCapacity(pieces.count)
        result.ids.reserveCapacity(pieces.count)
        result.isSpace.reserveCapacity(pieces.count)
        var start = range.lowerBound
        for piece in pieces {
            let token = start..<start + piece.byteCount
            result.lengths.append(piece.byteCount)
            result.ids.append(isNew ? interner.id(new: token) : interner.id(old: token))
            result.isSpace.append(piece.kind == .space)
            start = token.upperBound
        }
        return result
    }
}
