import Testing
import TestSupport
@testable import ContentKit

/// The shortcut for flat front matter against Yams: on thousands of generated documents, many in the shape and many
/// just outside it, whatever the shortcut reads equals what Yams reads (values, order and line numbers), and it
/// declines every document Yams rejects.
@Suite struct YAMLFlatMappingTests {
    static let keys = ["id", "title", "products", "markets", "signoff_roles", "review-by", "cadence", "status", "owner", "id", "x1", "Id", "on"]
        + (1...20).map { "field\($0)" }
    static let words = ["Dosing", "zentrava", "US", "DE", "yearly", "2026-03-01", "1.10", "NO", "null", "Null", "yes", "Café", "Über",
                        "👩🏽‍⚕️", "a:b", "10:30", "it's", "50%", "a=b", "semi;colon", "maya@example.com", "path/to/x.md", "(draft)", "x,y"]
    static let tricky = ["~", "R&D", "*new*", "!tag", "#5", "a #5", "\"quoted\"", "'single'", "[x]",
                        "{a: 1}", "- item", "? q", "-5", "a:", "key: value",
                        ".5", "\u{2028}", "\u{FEFF}x", "\u{85}", "tab\there", "", " ", "trailing ", "|", ">", "@at", "`tick`", "a\\b"]

    private func word(_ numbers: inout SeededGenerator) -> String {
        numbers.next(12) == 0 ? numbers.pick(Self.tricky) : numbers.pick(Self.words)
    }

    private func value(_ numbers: inout SeededGenerator) -> String {
        switch numbers.next(6) {
        case 0: return ""
        case 1, 2: return (0...numbers.next(3)).map { _ in word(&numbers) }.joined(separator: numbers.pick([" ", " ", " ", "  ", ", "]))
        default:
            let items = (0..<numbers.next(4)).map { _ in word(&numbers) }
            return "[" + items.joined(separator: numbers.pick([", ", ", ", ", ", ",", " , "])) + "]"
        }
    }

    private func document(_ numbers: inout SeededGenerator) -> String {
        var lines: [String] = []
        for _ in 0..<(1 + numbers.next(7)) {
            let value = value(&numbers)
            lines.append(numbers.pick(Self.keys) + (numbers.next(30) == 0 ? " :" : ":") + (value.isEmpty && numbers.next(2) == 0 ? "" : " " + value))
        }
        if numbers.next(10) == 0 { lines.insert(numbers.pick(["", "# comment", "  indented: x", "- item"]), at: numbers.next(lines.count + 1)) }
        return lines.joined(separator: "\n") + (numbers.next(10) == 0 ? numbers.pick(["\n\n", "\r\n"]) : numbers.pick(["", "\n"]))
    }

    /// The value as text, line numbers included, for comparing.
    private func describe(_ value: YAMLValue?) -> String {
        switch value {
        case nil: return "none"
        case .scalar(let text, let line)?: return "scalar(\(text.debugDescription)@\(line))"
        case .null(let line)?: return "null@\(line)"
        case .sequence(let items, let line)?: return "[" + items.map(describe).joined(separator: ", ") + "]@\(line)"
        case .mapping(let pairs, let line)?: return "{" + pairs.map { "\($0.key.debugDescription): \(describe($0.value))" }.joined(separator: ", ") + "}@\(line)"
        }
    }

    @Test func readsWhatYamsReadsAndDeclinesTheRest() {
        var numbers = SeededGenerator(seed: 20261202)
        var read = 0
        for _ in 0..<8000 {
            let text = document(&numbers)
            let firstLine = 1 + numbers.next(3)
            guard let flat = YAMLFlatMapping.parse(text, firstLine: firstLine) else { continue }
            read += 1
            let full = try? YAMLDocument.parseFully(text, file: "m.md", firstLine: firstLine)
            #expect(describe(flat) == describe(full), "\(text.debugDescription)")
        }
        // The generator must put plenty of documents in the shape, or the comparison proves little.
        #expect(read > 1000, "only \(read) documents were read by the shortcut")
    }

    @Test func readsTypicalFrontMatterAndDeclinesQuotesCommentsAndNesting() throws {
        let typical = "id: zentrava-dosing\ntitle: Zentrava dosing, part 2 (titration)\nproducts: [zentrava]\nmarkets: [US, DE]\nreview_by:\nowner: maya@helixora.example"
        #expect(YAMLFlatMapping.parse(typical, firstLine: 2) != nil)
        #expect(describe(YAMLFlatMapping.parse(typical, firstLine: 2)) == describe(try YAMLDocument.parseFully(typical, file: "m.md", firstLine: 2)))
        for declined in ["title: \"Quoted\"", "title: x # comment", "assets:\n  - a.pdf", "a: 1\na: 2", "title: *alias", "meta: {a: 1}", "title: a: b"] {
            #expect(YAMLFlatMapping.parse(declined, firstLine: 1) == nil, "\(declined)")
        }
    }
}

extension SeededGenerator {
    mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func pick<T>(_ choices: [T]) -> T { choices[next(choices.count)] }
}
