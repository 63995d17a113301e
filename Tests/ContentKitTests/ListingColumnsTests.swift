import Testing
@testable import ContentKit

/// Table columns are measured and padded in characters, so a cell with combining marks or an emoji is neither cut
/// off nor misaligned.
@Suite struct ListingColumnsTests {
    @Test func cellsWithCombiningMarksAndEmojiKeepTheirTextAndAlignment() {
        let decomposedName = "Zoe\u{0308} Mu\u{0308}ller"
        let text = ListingFormatter.columns([["REVIEWER", "ROLE"], [decomposedName, "sales"], ["Dr 👩🏽‍⚕️ Ana", "product"], ["Li", "sales"]],
                                            style: OutputStyle(colored: false))
        #expect(text == """
            REVIEWER    ROLE
            Zoe\u{0308} Mu\u{0308}ller  sales
            Dr 👩🏽‍⚕️ Ana    product
            Li          sales

            """)
    }
}
