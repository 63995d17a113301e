@testable import ContentKit
import Testing

/// A document written out in pieces as it is made says exactly what the whole document says.
@Suite struct JSONStreamingTests {
    /// An array long enough to be written on both cores, in blocks, with items large enough to fill several pieces.
    private func largeDocument() -> JSONValue {
        let paragraph = String(repeating: "Dosing \"card\" text,\tsecond line\n", count: 40)
        return .object([
            ("schemaVersion", .number(1)),
            ("modules", .lazyArray(count: 3_000) { index in
                .object([("id", .string("m\(index)")), ("segments", .array([.string(paragraph), .number(index)]))])
            }),
            ("files", .array([.string("Content/a.md")])),
        ])
    }

    @Test func piecesJoinedAreTheWholeDocument() {
        let document = largeDocument()
        let pieces = Pieces()
        document.write(to: pieces.add)
        let whole = Array(document.serialized().utf8)
        #expect(pieces.all.count > 2, "a document of \(whole.count) bytes comes in several pieces")
        #expect(pieces.all.joined().elementsEqual(whole))
        // Each piece but the last ends between array items, at the end of a line.
        #expect(pieces.all.dropLast().allSatisfy { $0.last == 0x0A })
    }

    @Test func aSmallDocumentIsOnePiece() {
        let pieces = Pieces()
        JSONValue.object([("name", .string("dosing"))]).write(to: pieces.add)
        #expect(pieces.all.map { String(decoding: $0, as: UTF8.self) } == ["{\n  \"name\": \"dosing\"\n}\n"])
    }

    private final class Pieces {
        var all: [[UInt8]] = []
        func add(_ piece: [UInt8]) { all.append(piece) }
    }
}
