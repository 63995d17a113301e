@testable import ContentKit
import Testing

/// The anchor and alias scan runs before Yams sees the text, so it must find every anchor or alias
/// and must not mistake text for one.
@Suite struct YAMLAliasScanTests {
    @Test(arguments: [
        ("a: &x 1\nb: *x\n", 1),
        ("title: ok\nlist: [1, *x]\n", 2),
        ("map: {a: &y 2}\n", 1),
        ("*bomb : value\n", 1),
        ("- &item one\n", 1),
        ("- - *deep\n", 1),
        ("key: !!str &t text\n", 1),
        ("? &k complex\n: value\n", 1),
        ("text: |\n  * a bullet\nnext: *alias\n", 3),
        ("quote: \"a\nb\"\nafter: &z x\n", 3),
    ])
    func findsAnchorsAndAliases(text: String, line: Int) {
        #expect(YAMLAliasScan.firstAnchorOrAlias(in: text) == line)
    }

    @Test(arguments: [
        "title: Dosing *new* table\n",
        "title: \"&amp; *bold*\"\n",
        "title: 'it''s *here*'\n",
        "note: 3 * 4 & 5\n",
        "# &commented *out\nkey: value # *trailing\n",
        "body: |\n  * first bullet\n  & second\nother: plain\n",
        "folded: >-\n  *emphasis* stays text\n\n  &more\n",
        "email: dan&co@example.com\n",
        "list: [a*b, c&d]\n",
        "markets: [NO, DE]\n",
    ])
    func leavesTextAlone(text: String) {
        #expect(YAMLAliasScan.firstAnchorOrAlias(in: text) == nil)
    }
}
