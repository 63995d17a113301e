/// Exact word and line diffs of prose, for showing reviewers which words of a module changed.
///
/// Both diffs are exact: the `.equal` and `.deleted` texts in order are `old` byte for byte, the `.equal` and
/// `.inserted` texts are `new`. Adjacent segments of one kind are merged, no segment is empty, and where text
/// is replaced the deletion comes first. All comparisons are on UTF-8 bytes (never `String` equality, which
/// would equate different normalisations), and every cut falls on a character boundary.
public enum TextDiff {
    public enum Kind: String, Sendable { case equal, deleted, inserted }

    public struct Segment: Equatable, Sendable {
        public let kind: Kind
        public let text: String

        public init(kind: Kind, text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// Work limits for the Myers searches, in steps: one diagonal visited or one pair of tokens compared,
    /// about 3 ns each in a release build (measured on a 2-core x86-64 VM).
    ///
    /// The bound: a pair of paragraphs whose search needs more than `pairSteps` is shown as one deletion plus
    /// one insertion between its common prefix and suffix. The search costs about D²/2 steps for D edited
    /// tokens (tokens found on one side only are not searched), so 10^7 steps allow D up to about 4,000 and
    /// cost at most about 30 ms. Once a call has spent `callSteps` on word searches, its remaining changed
    /// pairs are shown the same way, so no input, however large or scrambled, takes much more than 0.1 s of
    /// search. The paragraph alignment and the line diff each get `pairSteps` on their own.
    struct Limits {
        var pairSteps: Int
        var callSteps: Int

        static let standard = Limits(pairSteps: 10_000_000, callSteps: 20_000_000)
    }

    /// Word-level diff: paragraphs (blocks separated by blank lines) are aligned first, then words are
    /// diffed inside each aligned pair of changed paragraphs.
    public static func words(old: String, new: String) -> [Segment] {
        words(old: old, new: new, limits: .standard)
    }

    static func words(old: String, new: String, limits: Limits) -> [Segment] {
        if let whole = wholeSide(old: old, new: new) { return whole }
        let oldBytes = Array(old.utf8)
        let newBytes = Array(new.utf8)
        var output = SegmentBuilder(old: oldBytes, new: newBytes)

        // Align whole paragraphs first: unchanged paragraphs cost one hash each, and the word search only
        // ever sees one changed paragraph at a time.
        let oldParagraphs = paragraphRanges(oldBytes)
        let newParagraphs = paragraphRanges(newBytes)
        var paragraphInterner = Interner(old: oldBytes, new: newBytes)
        let oldIDs = oldParagraphs.map { paragraphInterner.id(old: $0) }
        let newIDs = newParagraphs.map { paragraphInterner.id(new: $0) }
        var search = ShortestEdit()
        var paragraphSteps = limits.pairSteps
        let marks = search.marks(oldIDs, newIDs, stepLimit: &paragraphSteps)

        var tokenInterner = Interner(old: oldBytes, new: newBytes)
        var callSteps = limits.callSteps
        var oldIndex = 0
        var newIndex = 0
        while oldIndex < oldParagraphs.count || newIndex < newParagraphs.count {
            var deleted: [Range<Int>] = []
            var inserted: [Range<Int>] = []
            while oldIndex < oldParagraphs.count, marks.deleted[oldIndex] {
                deleted.append(oldParagraphs[oldIndex])
                oldIndex += 1
            }
            while newIndex < newParagraphs.count, marks.inserted[newIndex] {
                inserted.append(newParagraphs[newIndex])
                newIndex += 1
            }
            if deleted.isEmpty, inserted.isEmpty {
                output.equal(oldParagraphs[oldIndex].count)
                oldIndex += 1
                newIndex += 1
                continue
            }
            // A changed region: pair its paragraphs in order and diff each pair by words; the leftovers are
            // whole paragraphs deleted or inserted.
            let paired = min(deleted.count, inserted.count)
            for index in 0..<paired {
                let oldTokens = tokenIDs(oldBytes, deleted[index], isNew: false, interner: &tokenInterner)
                let newTokens = tokenIDs(newBytes, inserted[index], isNew: true, interner: &tokenInterner)
                var steps = min(limits.pairSteps, max(callSteps, 0))
                let budget = steps
                let tokenMarks = search.wordMarks(oldTokens, newTokens, stepLimit: &steps)
                callSteps -= budget - steps
                output.append(tokenMarks, oldLengths: oldTokens.lengths, newLengths: newTokens.lengths)
            }
            for range in deleted[paired...] { output.delete(range.count) }
            for range in inserted[paired...] { output.insert(range.count) }
        }
        return slidingToLineStarts(output.finish())
    }

    /// Line-level diff (for --line). Lines include their "\n".
    public static func lines(old: String, new: String) -> [Segment] {
        lines(old: old, new: new, limits: .standard)
    }

    static func lines(old: String, new: String, limits: Limits) -> [Segment] {
        if let whole = wholeSide(old: old, new: new) { return whole }
        let oldBytes = Array(old.utf8)
        let newBytes = Array(new.utf8)
        let oldLines = lineRanges(oldBytes)
        let newLines = lineRanges(newBytes)
        var interner = Interner(old: oldBytes, new: newBytes)
        let oldIDs = oldLines.map { interner.id(old: $0) }
        let newIDs = newLines.map { interner.id(new: $0) }
        var search = ShortestEdit()
        var steps = limits.pairSteps
        let marks = search.marks(oldIDs, newIDs, stepLimit: &steps)
        var output = SegmentBuilder(old: oldBytes, new: newBytes)
        output.append(marks, oldLengths: oldLines.map(\.count), newLengths: newLines.map(\.count))
        return output.finish()
    }

    /// The diff when one side is empty (a module added or removed: most of a far diff): the other side whole.
    private static func wholeSide(old: String, new: String) -> [Segment]? {
        if old.isEmpty { return new.isEmpty ? [] : [Segment(kind: .inserted, text: new)] }
        return new.isEmpty ? [Segment(kind: .deleted, text: old)] : nil
    }

    /// Words (not whitespace or punctuation-only tokens) in a text.
    public static func wordCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8(asciiWordCount) ?? tokens(of: text).count { $0.isWord }
    }

    /// The same count for ASCII text, without building tokens: a word is a run of word characters, continued
    /// across a joiner that stands between two of them. Nil for text with non-ASCII bytes, which needs grapheme
    /// clusters. A diff of thousands of modules counts every changed word.
    private static func asciiWordCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        CharacterClass.ofASCII.withUnsafeBufferPointer { classes in
            var count = 0
            // A word character starts a word unless it follows one, or a joiner that follows one.
            var previous = CharacterClass.space
            var beforePrevious = CharacterClass.space
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                let kind = classes[Int(byte)]
                if kind == .word, previous != .word, previous != .joiner || beforePrevious != .word { count += 1 }
                beforePrevious = previous
                previous = kind
            }
            return count
        }
    }

    /// Words (not whitespace or punctuation-only tokens) in deleted and inserted segments.
    public static func wordCounts(_ segments: [Segment]) -> (added: Int, removed: Int) {
        var added = 0
        var removed = 0
        for segment in segments where segment.kind != .equal {
            let words = wordCount(segment.text)
            if segment.kind == .inserted { added += words } else { removed += words }
        }
        return (added, removed)
    }
}

extension TextDiff {
    /// Builds the segment list by consuming `old` and `new` from the front: equal text advances both,
    /// deleted text only `old`, inserted text only `new`. Taking every text from the inputs in order is
    /// what makes the reconstruction exact by construction. Changes between two equal stretches are
    /// gathered into one deletion followed by one insertion.
    struct SegmentBuilder {
        private let old: [UInt8]
        private let new: [UInt8]
        private var oldPosition = 0
        private var newPosition = 0
        /// Start of the pending stretch: an equal one (in `old`), or a change (in both).
        private var pendingIsEqual = true
        private var pendingOldStart = 0
        private var pendingNewStart = 0
        private var segments: [Segment] = []

        init(old: [UInt8], new: [UInt8]) {
            self.old = old
            self.new = new
        }

        mutating func equal(_ byteCount: Int) {
            guard byteCount > 0 else { return }
            assert(old[oldPosition..<oldPosition + byteCount] == new[newPosition..<newPosition + byteCount])
            if !pendingIsEqual { flush(); pendingIsEqual = true }
            oldPosition += byteCount
            newPosition += byteCount
        }

        mutating func delete(_ byteCount: Int) {
            guard byteCount > 0 else { return }
            if pendingIsEqual { flush(); pendingIsEqual = false }
            oldPosition += byteCount
        }

        mutating func insert(_ byteCount: Int) {
            guard byteCount > 0 else { return }
            if pendingIsEqual { flush(); pendingIsEqual = false }
            newPosition += byteCount
        }

        /// Replays an edit script over elements of the given byte lengths.
        mutating func append(_ marks: EditMarks, oldLengths: [Int], newLengths: [Int]) {
            var oldIndex = 0
            var newIndex = 0
            while oldIndex < oldLengths.count || newIndex < newLengths.count {
                if oldIndex < oldLengths.count, marks.deleted[oldIndex] {
                    delete(oldLengths[oldIndex])
                    oldIndex += 1
                } else if newIndex < newLengths.count, marks.inserted[newIndex] {
                    insert(newLengths[newIndex])
                    newIndex += 1
                } else {
                    equal(oldLengths[oldIndex])
                    oldIndex += 1
                    newIndex += 1
                }
            }
        }

        mutating func finish() -> [Segment] {
            precondition(oldPosition == old.count && newPosition == new.count, "diff did not consume both texts")
            flush()
            return segments
        }

        /// Emits the pending stretch (if not empty) and starts a new one at the current positions.
        private mutating func flush() {
            if pendingIsEqual {
                emit(.equal, old[pendingOldStart..<oldPosition])
            } else {
                emit(.deleted, old[pendingOldStart..<oldPosition])
                emit(.inserted, new[pendingNewStart..<newPosition])
            }
            pendingOldStart = oldPosition
            pendingNewStart = newPosition
        }

        private mutating func emit(_ kind: Kind, _ bytes: ArraySlice<UInt8>) {
            guard !bytes.isEmpty else { return }
            // Cuts are on character boundaries of valid UTF-8, so decoding reproduces the bytes exactly.
            segments.append(Segment(kind: kind, text: String(decoding: bytes, as: UTF8.self)))
        }
    }
}
