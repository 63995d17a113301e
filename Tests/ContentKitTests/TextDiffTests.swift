@testable import ContentKit
import Testing
import TestSupport

@Suite struct TextDiffTests {
    typealias Segment = TextDiff.Segment

    static func eq(_ text: String) -> Segment { Segment(kind: .equal, text: text) }
    static func del(_ text: String) -> Segment { Segment(kind: .deleted, text: text) }
    static func ins(_ text: String) -> Segment { Segment(kind: .inserted, text: text) }

    // MARK: - Examples

    @Test func oneWordChangeInALongParagraph() {
        let before = "Zentrava lowers LDL cholesterol by up to 40 percent in adults when taken once daily with food, "
        let after = " according to the phase III trial; patients should not stop treatment without advice.\n"
        let segments = TextDiff.words(old: before + "forty" + after, new: before + "fifty" + after)
        #expect(segments == [Self.eq(before), Self.del("forty"), Self.ins("fifty"), Self.eq(after)])
        expectExact(old: before + "forty" + after, new: before + "fifty" + after, segments)

        let claim = TextDiff.words(old: "Zentrava lowers LDL by 40 percent.", new: "Zentrava reduces LDL by 40 percent.")
        #expect(claim == [Self.eq("Zentrava "), Self.del("lowers"), Self.ins("reduces"), Self.eq(" LDL by 40 percent.")])
    }

    @Test func paragraphInsertedBetweenTwoOthers() {
        let old = "First paragraph.\n\nThird paragraph.\n"
        let new = "First paragraph.\n\nSecond paragraph, new.\n\nThird paragraph.\n"
        let segments = TextDiff.words(old: old, new: new)
        #expect(segments == [Self.eq("First paragraph.\n\n"), Self.ins("Second paragraph, new.\n\n"), Self.eq("Third paragraph.\n")])
        expectExact(old: old, new: new, segments)
    }

    @Test func paragraphDeleted() {
        let old = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n"
        let new = "First paragraph.\n\nThird paragraph.\n"
        let segments = TextDiff.words(old: old, new: new)
        #expect(segments == [Self.eq("First paragraph.\n\n"), Self.del("Second paragraph.\n\n"), Self.eq("Third paragraph.\n")])
        expectExact(old: old, new: new, segments)
    }

    @Test func lastParagraphAddedWithoutTrailingNewline() {
        let segments = TextDiff.words(old: "One.\n\nTwo.", new: "One.\n\nTwo.\n\nThree.")
        #expect(segments == [Self.eq("One.\n\nTwo."), Self.ins("\n\nThree.")])
    }

    @Test func crlfText() {
        let old = "Take one tablet.\r\n\r\nStore below 25 °C.\r\n"
        let new = "Take two tablets.\r\n\r\nStore below 25 °C.\r\n"
        let segments = TextDiff.words(old: old, new: new)
        #expect(segments == [Self.eq("Take "), Self.del("one tablet"), Self.ins("two tablets"), Self.eq(".\r\n\r\nStore below 25 °C.\r\n")])
        expectExact(old: old, new: new, segments)

        // Only the line endings change: LF becomes CRLF, and nothing else is reported.
        let endings = TextDiff.words(old: "a\nb\n", new: "a\r\nb\n")
        #expect(endings.map(\.kind) == [.equal, .deleted, .inserted, .equal])
        #expect(endings.map { Array($0.text.utf8) } == [Array("a".utf8), [10], [13, 10], Array("b\n".utf8)])
        expectExact(old: "a\nb\n", new: "a\r\nb\n", endings)
        expectExact(old: "a\r\n\r\nb\r\n", new: "a\r\n\r\nc\r\n", TextDiff.words(old: "a\r\n\r\nb\r\n", new: "a\r\n\r\nc\r\n"))
        expectExact(old: "a\r\nb", new: "a\nb", TextDiff.lines(old: "a\r\nb", new: "a\nb"))
    }

    @Test func nonASCIIText() {
        #expect(TextDiff.words(old: "Le Café est fermé.", new: "Le Café est ouvert.")
            == [Self.eq("Le Café est "), Self.del("fermé"), Self.ins("ouvert"), Self.eq(".")])
        #expect(TextDiff.words(old: "Die Straße ist lang.", new: "Die Strasse ist lang.")
            == [Self.eq("Die "), Self.del("Straße"), Self.ins("Strasse"), Self.eq(" ist lang.")])
        #expect(TextDiff.words(old: "日本語 テキスト。", new: "日本語 文章。")
            == [Self.eq("日本語 "), Self.del("テキスト"), Self.ins("文章"), Self.eq("。")])
        // An emoji with a skin tone and a ZWJ family are single characters, never cut.
        #expect(TextDiff.words(old: "Great job 👍 team", new: "Great job 👍🏽 team")
            == [Self.eq("Great job "), Self.del("👍"), Self.ins("👍🏽"), Self.eq(" team")])
        #expect(TextDiff.words(old: "For 👨‍👩‍👧 and 👨‍👩‍👦!", new: "For 👨‍👩‍👦 and 👨‍👩‍👦!")
            == [Self.eq("For "), Self.del("👨‍👩‍👧"), Self.ins("👨‍👩‍👦"), Self.eq(" and 👨‍👩‍👦!")])
        // A combining accent belongs to its letter: "Cafe" + U+0301 is one word, and it differs from the
        // precomposed "Café" by bytes even though Swift's String equality calls them equal.
        let composed = "Le Caf\u{E9} ouvre."
        let decomposed = "Le Cafe\u{301} ouvre."
        let segments = TextDiff.words(old: composed, new: decomposed)
        #expect(segments.map(\.kind) == [.equal, .deleted, .inserted, .equal])
        #expect(Array(segments[1].text.utf8) == Array("Caf\u{E9}".utf8))
        #expect(Array(segments[2].text.utf8) == Array("Cafe\u{301}".utf8))
        expectExact(old: composed, new: decomposed, segments)
        expectExact(old: composed, new: decomposed, TextDiff.lines(old: composed, new: decomposed))
        let accent = TextDiff.words(old: "resume now", new: "resume\u{301} now")
        #expect(accent == [Self.del("resume"), Self.ins("resume\u{301}"), Self.eq(" now")])
    }

    @Test func emptyTexts() {
        #expect(TextDiff.words(old: "", new: "") == [])
        #expect(TextDiff.words(old: "", new: "New text.\n\nMore.") == [Self.ins("New text.\n\nMore.")])
        #expect(TextDiff.words(old: "Old text.\n\nMore.", new: "") == [Self.del("Old text.\n\nMore.")])
        #expect(TextDiff.lines(old: "", new: "") == [])
        #expect(TextDiff.lines(old: "", new: "a\nb") == [Self.ins("a\nb")])
        #expect(TextDiff.lines(old: "a\nb\n", new: "") == [Self.del("a\nb\n")])
    }

    @Test func identicalTexts() {
        let text = "# Dosing\r\n\r\nTake once daily.  \n\n\n\nCafé 👍\n"
        #expect(TextDiff.words(old: text, new: text) == [Self.eq(text)])
        #expect(TextDiff.lines(old: text, new: text) == [Self.eq(text)])
    }

    @Test func whitespaceOnlyChange() {
        #expect(TextDiff.words(old: "Take  one tablet.", new: "Take one tablet.")
            == [Self.eq("Take"), Self.del("  "), Self.ins(" "), Self.eq("one tablet.")])
        #expect(TextDiff.words(old: "Take one tablet. \nDaily.", new: "Take one tablet.\nDaily.")
            == [Self.eq("Take one tablet."), Self.del(" \n"), Self.ins("\n"), Self.eq("Daily.")])
        let blankLines = TextDiff.words(old: "One.\n\nTwo.\n", new: "One.\n\n\n\nTwo.\n")
        #expect(blankLines == [Self.eq("One."), Self.del("\n\n"), Self.ins("\n\n\n\n"), Self.eq("Two.\n")])
    }

    @Test func lineDiff() {
        #expect(TextDiff.lines(old: "a\nb\nc\nd\n", new: "a\nx\nc\nd\ne")
            == [Self.eq("a\n"), Self.del("b\n"), Self.ins("x\n"), Self.eq("c\nd\n"), Self.ins("e")])
        #expect(TextDiff.lines(old: "a\nb", new: "a\nb\n") == [Self.eq("a\n"), Self.del("b"), Self.ins("b\n")])
    }

    @Test func tokens() {
        let text = "Don't stop once-daily dosing -- now, 10.5 mg\t\r\n’tis naïve co‑pay 日本語。👍🏽"
        let tokens = TextDiff.tokens(of: text)
        let bytes = Array(text.utf8)
        var pieces: [String] = []
        var start = 0
        for token in tokens {
            pieces.append(String(decoding: bytes[start..<start + token.byteCount], as: UTF8.self))
            start += token.byteCount
        }
        #expect(pieces == ["Don't", " ", "stop", " ", "once-daily", " ", "dosing", " ", "-", "-", " ", "now", ",", " ",
                           "10", ".", "5", " ", "mg", "\t\r\n", "’", "tis", " ", "naïve", " ", "co‑pay", " ", "日本語", "。",
                           "👍🏽"])
        #expect(tokens.filter(\.isWord).count == 12)
    }

    @Test func wordCounts() {
        let segments = TextDiff.words(old: "Take one tablet daily.", new: "Take two tablets once daily.")
        #expect(segments == [Self.eq("Take "), Self.del("one tablet"), Self.ins("two tablets once"), Self.eq(" daily.")])
        #expect(TextDiff.wordCounts(segments) == (added: 3, removed: 2))
        let handMade = [Self.eq("Keep "), Self.del("—, ... "), Self.ins("don't stop!"), Self.del("x2 🎉"), Self.ins("  \n")]
        #expect(TextDiff.wordCounts(handMade) == (added: 2, removed: 1))
        #expect(TextDiff.wordCounts([]) == (added: 0, removed: 0))
    }

    /// ASCII text is tokenized and its words counted straight from its bytes. On random text full of joiners,
    /// punctuation, line ends and digits, word counts equal the count of word tokens, and ASCII tokens equal those
    /// read character by character; text with other characters takes the character path.
    @Test func asciiWordCountsEqualTokenCounts() {
        var rng = SeededGenerator(seed: 12)
        let pieces = ["a", "Zentrava", "15", "mg", "don't", "once-daily", "-", "'", "--", "''", " ", "  ", "\t", "\n", "\r\n", ".", ",", "(", ")", "x-", "-y", "é", "👍", "’"]
        var ascii = 0
        for _ in 0..<3_000 {
            let text = (0..<Int(rng.next() % 12)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(TextDiff.wordCount(text) == TextDiff.tokens(of: text).count { $0.isWord }, "\(text.debugDescription)")
            if text.utf8.allSatisfy({ $0 < 0x80 }) {
                ascii += 1
                #expect(TextDiff.tokens(of: text).map(\.byteCount) == Self.testTokens(text).map(\.utf8.count), "\(text.debugDescription)")
            }
        }
        #expect(ascii > 1_000)
    }

    /// Past the step budget a pair is one deletion plus one insertion between its common prefix and suffix.
    @Test func overBudgetPairFallsBackToOneReplacement() {
        var rng = SeededGenerator(seed: 7)
        // Two unrelated sequences over one small vocabulary: every token occurs on both sides, D is large.
        let old = "Intro stays.\n\nSame start " + (0..<400).map { _ in Self.vocabulary.randomElement(using: &rng)! }
            .joined(separator: " ") + " same end.\n"
        let new = "Intro stays.\n\nSame start " + (0..<400).map { _ in Self.vocabulary.randomElement(using: &rng)! }
            .joined(separator: " ") + " same end.\n"
        let tight = TextDiff.Limits(pairSteps: 1_000, callSteps: 1_000)
        let segments = TextDiff.words(old: old, new: new, limits: tight)
        expectExact(old: old, new: new, segments)
        #expect(segments.map(\.kind) == [.equal, .deleted, .inserted, .equal])
        #expect(segments.first?.text.hasPrefix("Intro stays.\n\nSame start ") == true)
        // With the standard budget the same pair is diffed word by word.
        let full = TextDiff.words(old: old, new: new)
        expectExact(old: old, new: new, full)
        #expect(full.count(where: { $0.kind == .deleted }) > 50)
        // Line diffs fall back the same way.
        let lines = TextDiff.lines(old: "a\nb\nc\nd\ne\n", new: "a\nc\nb\ne\nd\n", limits: TextDiff.Limits(pairSteps: 0, callSteps: 0))
        #expect(lines == [Self.eq("a\n"), Self.del("b\nc\nd\ne\n"), Self.ins("c\nb\ne\nd\n")])
    }

    /// Words that occur on one side only never cost a search: a paragraph whose every word changed is one
    /// deletion and one insertion (the punctuation kept), counted word by word, even on a tiny budget.
    @Test func rewrittenParagraphCostsNoSearch() {
        var rng = SeededGenerator(seed: 8)
        let letterWords = Self.vocabulary.filter { $0 != "👍" }  // "👍x" would keep "👍" equal
        let words = (0..<400).map { _ in letterWords.randomElement(using: &rng)! }
        let old = words.joined(separator: " ") + "."
        let new = words.map { $0 + "x" }.joined(separator: " ") + "."
        let segments = TextDiff.words(old: old, new: new, limits: TextDiff.Limits(pairSteps: 1_000, callSteps: 1_000))
        expectExact(old: old, new: new, segments)
        #expect(segments == [Self.del(String(old.dropLast())), Self.ins(String(new.dropLast())), Self.eq(".")])
        #expect(TextDiff.wordCounts(segments) == (added: 400, removed: 400))
    }

    @Test func scatteredEditsInALargeModule() {
        var rng = SeededGenerator(seed: 99)
        var paragraphs = (0..<40).map { _ in (0..<50).map { _ in Self.vocabulary.randomElement(using: &rng)! } }
        let old = paragraphs.map { $0.joined(separator: " ") + "." }.joined(separator: "\n\n") + "\n"
        for (paragraph, word) in [(3, 5), (11, 10), (11, 30), (25, 0), (39, 49)] {
            paragraphs[paragraph][word] = "CHANGED"
        }
        let new = paragraphs.map { $0.joined(separator: " ") + "." }.joined(separator: "\n\n") + "\n"
        let segments = TextDiff.words(old: old, new: new)
        expectExact(old: old, new: new, segments)
        #expect(TextDiff.wordCounts(segments) == (added: 5, removed: 5))
        #expect(segments.filter { $0.kind == .inserted }.map(\.text) == Array(repeating: "CHANGED", count: 5))

        // One paragraph of 2,000 words (4,000 tokens) is first split at middle snakes, with the same result.
        var words = paragraphs.flatMap { $0 }
        let oldParagraph = words.joined(separator: " ") + ".\n"
        var replacedWords = 0
        for index in stride(from: 7, to: words.count, by: 97) {
            if words[index] != "👍" { replacedWords += 1 }  // an emoji is not a word
            words[index] = "CHANGED"
        }
        let newParagraph = words.joined(separator: " ") + ".\n"
        let paragraphSegments = TextDiff.words(old: oldParagraph, new: newParagraph)
        expectExact(old: oldParagraph, new: newParagraph, paragraphSegments)
        #expect(TextDiff.wordCounts(paragraphSegments) == (added: 21, removed: replacedWords))
        // Where the replaced word repeats its neighbour, either copy may be the one kept: the change then sits one
        // word along, with its space.
        #expect(paragraphSegments.filter { $0.kind == .inserted }.map { $0.text.trimmingCharacters(in: .whitespaces) }
            == Array(repeating: "CHANGED", count: 21))
    }

    // MARK: - Properties over random edits

    static let vocabulary = ["the", "dose", "is", "once", "daily", "twice", "tablet", "tablets", "mg", "10", "20", "patients",
                             "should", "take", "with", "food", "don't", "once-daily", "Café", "Straße", "日本語", "👍", "LDL",
                             "a", "a", "the", "the", "is"]
    static let wordEndings = [" ", " ", " ", " ", " ", " ", ", ", ". ", "  ", "\n", "; ", " (", ") ", " - "]
    static let paragraphEndings = ["\n\n", "\n\n", "\n\n", "\r\n\r\n", "\n \n", "\n\n\n", ".\n\n"]

    /// A document as paragraphs of words, each word carrying what follows it, so untouched text renders the same.
    struct Document {
        var paragraphs: [[String]]
        var endings: [String]

        var text: String { zip(paragraphs, endings).map { $0.joined() + $1 }.joined() }
    }

    static func randomWord(_ rng: inout SeededGenerator) -> String {
        vocabulary.randomElement(using: &rng)! + wordEndings.randomElement(using: &rng)!
    }

    static func randomParagraph(_ rng: inout SeededGenerator, maxWords: Int) -> [String] {
        (0..<Int.random(in: 1...maxWords, using: &rng)).map { _ in randomWord(&rng) }
    }

    static func randomDocument(_ rng: inout SeededGenerator) -> Document {
        let count = Int.random(in: 0...5, using: &rng)
        var document = Document(paragraphs: (0..<count).map { _ in randomParagraph(&rng, maxWords: 14) },
                                endings: (0..<count).map { _ in paragraphEndings.randomElement(using: &rng)! })
        if !document.endings.isEmpty, Bool.random(using: &rng) { document.endings[count - 1] = "" }
        return document
    }

    static func edit(_ document: Document, _ rng: inout SeededGenerator) -> Document {
        var document = document
        for _ in 0..<Int.random(in: 0...6, using: &rng) {
            let choice = Int.random(in: 0..<10, using: &rng)
            if choice >= 7 || document.paragraphs.isEmpty {
                // Paragraph edits: insert, delete, move.
                let count = document.paragraphs.count
                if choice == 7 || count == 0 {
                    let at = Int.random(in: 0...count, using: &rng)
                    document.paragraphs.insert(randomParagraph(&rng, maxWords: 10), at: at)
                    document.endings.insert(paragraphEndings.randomElement(using: &rng)!, at: at)
                } else if choice == 8 {
                    let at = Int.random(in: 0..<count, using: &rng)
                    document.paragraphs.remove(at: at)
                    document.endings.remove(at: at)
                } else {
                    let from = Int.random(in: 0..<count, using: &rng)
                    let paragraph = document.paragraphs.remove(at: from)
                    let ending = document.endings.remove(at: from)
                    let to = Int.random(in: 0...count - 1, using: &rng)
                    document.paragraphs.insert(paragraph, at: to)
                    document.endings.insert(ending, at: to)
                }
                continue
            }
            let index = Int.random(in: 0..<document.paragraphs.count, using: &rng)
            var words = document.paragraphs[index]
            switch choice {
            case 0, 1: words.insert(randomWord(&rng), at: Int.random(in: 0...words.count, using: &rng))
            case 2, 3: if words.count > 1 { words.remove(at: Int.random(in: 0..<words.count, using: &rng)) }
            case 4, 5: words[Int.random(in: 0..<words.count, using: &rng)] = randomWord(&rng)
            default:
                let word = words.remove(at: Int.random(in: 0..<words.count, using: &rng))
                words.insert(word, at: Int.random(in: 0...words.count, using: &rng))
            }
            document.paragraphs[index] = words
        }
        return document
    }

    @Test func randomEditsReconstructExactly() {
        for seed in 0..<400 as Range<UInt64> {
            var rng = SeededGenerator(seed: seed)
            let old = Self.randomDocument(&rng)
            let new = Self.edit(old, &rng)
            expectExact(old: old.text, new: new.text, TextDiff.words(old: old.text, new: new.text), seed: seed)
            expectExact(old: old.text, new: new.text, TextDiff.lines(old: old.text, new: new.text), seed: seed)
            // A tight budget changes the shape of the diff, never its exactness.
            let tight = TextDiff.Limits(pairSteps: Int(seed % 7) * 5, callSteps: Int(seed % 11) * 5)
            expectExact(old: old.text, new: new.text, TextDiff.words(old: old.text, new: new.text, limits: tight), seed: seed)
        }
    }

    /// Inside one paragraph the word diff is a shortest edit script over its words and punctuation (whitespace is
    /// not searched): it changes exactly |old| + |new| − 2·LCS of those tokens, with the LCS from a plain quadratic DP.
    @Test func smallParagraphDiffsAreMinimal() {
        for seed in 1_000..<1_400 as Range<UInt64> {
            var rng = SeededGenerator(seed: seed)
            // Words separated by spaces only: no blank line, so old and new are one paragraph each.
            let words = (0..<Int.random(in: 0...5, using: &rng)).map { _ in Self.vocabulary.randomElement(using: &rng)! }
            var edited = words
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                let word = Self.vocabulary.randomElement(using: &rng)!
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: edited.insert(word, at: Int.random(in: 0...edited.count, using: &rng))
                case 1: if !edited.isEmpty { edited.remove(at: Int.random(in: 0..<edited.count, using: &rng)) }
                case 2: if !edited.isEmpty { edited[Int.random(in: 0..<edited.count, using: &rng)] = word }
                default: edited.append(word)
                }
            }
            let separator = Bool.random(using: &rng) ? " " : ", "
            let old = words.joined(separator: separator)
            let new = edited.joined(separator: Bool.random(using: &rng) ? separator : " ")
            let oldTokens = Self.testTokens(old).filter(Self.isSearched)
            let newTokens = Self.testTokens(new).filter(Self.isSearched)

            let segments = TextDiff.words(old: old, new: new)
            expectExact(old: old, new: new, segments, seed: seed)
            let changed = segments.filter { $0.kind != .equal }.map { Self.testTokens($0.text).count(where: Self.isSearched) }.reduce(0, +)
            let lcs = Self.lcsLength(oldTokens, newTokens)
            #expect(changed == oldTokens.count + newTokens.count - 2 * lcs, "seed \(seed): \(old.debugDescription) → \(new.debugDescription)")

            // The same holds for lines, with the words as lines.
            let oldLines = words.map { $0 + "\n" }
            let newLines = edited.map { $0 + "\n" }
            let lineSegments = TextDiff.lines(old: oldLines.joined(), new: newLines.joined())
            expectExact(old: oldLines.joined(), new: newLines.joined(), lineSegments, seed: seed)
            let changedLines = lineSegments.filter { $0.kind != .equal }.map { $0.text.count(where: { $0 == "\n" }) }.reduce(0, +)
            #expect(changedLines == oldLines.count + newLines.count - 2 * Self.lcsLength(oldLines, newLines), "seed \(seed)")
        }
    }

    /// The search itself, on random id sequences over tiny alphabets (long runs of repeats, many equally short
    /// scripts), with the forward search (default), with middle-snake splits all the way down (limit 0), and
    /// with splits above a few elements: always a common subsequence of maximal length.
    @Test func searchIsMinimalOnRandomSequences() {
        var rng = SeededGenerator(seed: 3_000)
        for round in 0..<600 {
            let alphabet = Int32.random(in: 1...5, using: &rng)
            let a = (0..<Int.random(in: 0...40, using: &rng)).map { _ in Int32.random(in: 0..<alphabet, using: &rng) }
            var b = (0..<Int.random(in: 0...40, using: &rng)).map { _ in Int32.random(in: 0..<alphabet, using: &rng) }
            if round % 3 == 0 {  // a few edits of a instead of an unrelated b
                b = a
                for _ in 0..<Int.random(in: 0...4, using: &rng) { b.insert(alphabet, at: Int.random(in: 0...b.count, using: &rng)) }
            }
            let lcs = Self.lcsLength(a, b)
            for greedyLimit in [2_048, 0, 7] {
                var search = TextDiff.ShortestEdit()
                search.greedyLimit = greedyLimit
                var steps = Int.max / 2
                let marks = search.marks(a, b, stepLimit: &steps)
                let keptA = zip(a, marks.deleted).filter { !$0.1 }.map(\.0)
                let keptB = zip(b, marks.inserted).filter { !$0.1 }.map(\.0)
                #expect(keptA == keptB, "round \(round), limit \(greedyLimit)")
                #expect(keptA.count == lcs, "round \(round), limit \(greedyLimit): \(a) \(b)")
            }
        }
    }

    /// Many repeated tokens and paragraphs stress the alignment.
    @Test func repetitiveTextsReconstructExactly() {
        for seed in 2_000..<2_100 as Range<UInt64> {
            var rng = SeededGenerator(seed: seed)
            let pieces = ["a ", "a ", "b ", "a\n\n", "\n", " "]
            let old = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let new = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            expectExact(old: old, new: new, TextDiff.words(old: old, new: new), seed: seed)
            expectExact(old: old, new: new, TextDiff.lines(old: old, new: new), seed: seed)
        }
    }

    // MARK: - Helpers

    /// Tokens as the contract defines them, written independently of the implementation: runs of letters and
    /// digits (with inner ' and -), runs of whitespace, single other characters.
    static func testTokens(_ text: String) -> [String] {
        let characters = Array(text)
        func isWord(_ index: Int) -> Bool {
            index < characters.count && (characters[index].isLetter || characters[index].isNumber)
        }
        var tokens: [String] = []
        var index = 0
        while index < characters.count {
            var end = index + 1
            if isWord(index) {
                while isWord(end) || ((characters[end...].first == "'" || characters[end...].first == "-") && isWord(end + 1)) {
                    end += isWord(end) ? 1 : 2
                }
            } else if characters[index].isWhitespace {
                while end < characters.count, characters[end].isWhitespace { end += 1 }
            }
            tokens.append(String(characters[index..<end]))
            index = end
        }
        return tokens
    }

    /// Whether a token takes part in the word search: everything but whitespace.
    static func isSearched(_ token: String) -> Bool {
        !token.allSatisfy(\.isWhitespace)
    }

    static func lcsLength<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in a.indices {
            for j in b.indices {
                table[i + 1][j + 1] = a[i] == b[j] ? table[i][j] + 1 : max(table[i][j + 1], table[i + 1][j])
            }
        }
        return table[a.count][b.count]
    }

    /// The contract of both diffs: exact reconstruction byte for byte, no empty segments, adjacent segments of
    /// different kinds, and a deletion never directly after an insertion.
    func expectExact(old: String, new: String, _ segments: [TextDiff.Segment], seed: UInt64? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        let context = seed.map { "seed \($0)" } ?? ""
        let rebuiltOld = segments.filter { $0.kind != .inserted }.flatMap { Array($0.text.utf8) }
        let rebuiltNew = segments.filter { $0.kind != .deleted }.flatMap { Array($0.text.utf8) }
        #expect(rebuiltOld == Array(old.utf8), "old not reconstructed \(context)", sourceLocation: sourceLocation)
        #expect(rebuiltNew == Array(new.utf8), "new not reconstructed \(context)", sourceLocation: sourceLocation)
        #expect(!segments.contains { $0.text.isEmpty }, "empty segment \(context)", sourceLocation: sourceLocation)
        for (first, second) in zip(segments, segments.dropFirst()) {
            #expect(first.kind != second.kind, "unmerged \(first.kind) segments \(context)", sourceLocation: sourceLocation)
            #expect(!(first.kind == .inserted && second.kind == .deleted), "insertion before deletion \(context)",
                    sourceLocation: sourceLocation)
        }
    }

}

@Suite struct TextDiffSlideTests {
    @Test func addedTableRowReadsAsAWholeRow() {
        let old = "| CrCl | Dose |\n|---|---|\n| 15 to 49 | 10 mg |\n| Below 15 | Not recommended |\n"
        let new = "| CrCl | Dose |\n|---|---|\n| 15 to 49 | 10 mg |\n| 15 to 29, age 80 or over | 7.5 mg |\n| Below 15 | Not recommended |\n"
        let segments = TextDiff.words(old: old, new: new)
        #expect(segments == [
            .init(kind: .equal, text: "| CrCl | Dose |\n|---|---|\n| 15 to 49 | 10 mg |\n"),
            .init(kind: .inserted, text: "| 15 to 29, age 80 or over | 7.5 mg |\n"),
            .init(kind: .equal, text: "| Below 15 | Not recommended |\n"),
        ])
    }

    @Test func aWordChangeInsideALineIsNotMoved() {
        let segments = TextDiff.words(old: "Take one tablet.\nDaily.\n", new: "Take two tablets.\nDaily.\n")
        #expect(segments.first == .init(kind: .equal, text: "Take "))
    }
}

@Suite struct TextDiffReadableTests {
    @Test func changesSeparatedBySpacesReadAsOnePhrase() {
        let segments = TextDiff.words(old: "check at least once a year, more", new: "check at least every six months, more")
        let phrase: [TextDiff.Segment] = [
            .init(kind: .equal, text: "check at least "),
            .init(kind: .deleted, text: "once a year"),
            .init(kind: .inserted, text: "every six months"),
            .init(kind: .equal, text: ", more"),
        ]
        #expect(segments == phrase)
        // Segments that keep the spaces between changed words equal (a line diff's, or hand-made) read the same way.
        let wordByWord: [TextDiff.Segment] = [
            .init(kind: .equal, text: "check at least "), .init(kind: .deleted, text: "once"), .init(kind: .inserted, text: "every"),
            .init(kind: .equal, text: " "), .init(kind: .deleted, text: "a year"), .init(kind: .inserted, text: "six months"),
            .init(kind: .equal, text: ", more"),
        ]
        #expect(TextDiff.readable(wordByWord) == phrase)
    }
}
