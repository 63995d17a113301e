import Testing
@testable import ContentKit

/// Front matter is split off by reading lines only up to the closing fence; the result is checked against splitting
/// the whole file into lines, the plain reading of the rule, on the edge cases of fences, line ends and empty parts.
@Suite struct FrontMatterTests {
    /// Every line split off, the closing fence found among them, the body joined back.
    private func splitByAllLines(_ text: String) -> (yaml: String?, body: String, bodyLine: Int)? {
        let lines = TextLines.split(text)
        func isFence(_ line: Substring) -> Bool { line.trimmingCharacters(in: [" ", "\t", "\r"]) == "---" }
        guard let first = lines.first, isFence(first) else { return (nil, text, 1) }
        guard let closing = lines.indices.dropFirst().first(where: { isFence(lines[$0]) }) else { return nil }
        let yaml = lines[1..<closing].map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }.joined(separator: "\n")
        return (yaml, lines[(closing + 1)...].joined(separator: "\n"), closing + 2)
    }

    static let texts = [
        "", "---", "---\n", "---\n---", "---\n---\n", "---\n---\n\n", "\n---\nid: x\n---\n",
        "---\nid: x\ntitle: Dosing\n---\n\n# Dosing\n\nTake 15 mg.\n", "---\r\nid: x\r\n---\r\nBody\r\nMore\r\n",
        "--- \nid: x\n---\t\nBody", "---\nid: x\n---", "---\nid: x\n", "---\nid: x\n...\nBody\n", "No front matter\n---\nid: x\n---\n",
        "---\nnote: \"a --- b\"\n----\n---\nBody with --- inside\n---\n", "---\ntitle: Café ☕\n---\nÜber 👩🏽‍⚕️\n",
        "---\nid: x\r\ntitle: y\n---\nBody", "---\r\n---\r\nBody", "---\n\n\n---\n", "---\nid: x\r\r\n---\n",
    ]

    @Test(arguments: texts) func splitsAsWholeLinesWould(_ text: String) throws {
        let expected = splitByAllLines(text)
        guard let expected else {
            #expect(throws: ContentError.self) { try FrontMatter.split(text, file: "m.md") }
            return
        }
        let split = try FrontMatter.split(text, file: "m.md")
        #expect(split.yaml == expected.yaml)
        #expect(split.body == expected.body)
        #expect(split.bodyFirstLine == expected.bodyLine)
    }
}
