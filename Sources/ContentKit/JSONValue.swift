import Foundation

/// JSON with keys kept in the order written, so `--format json` output reads like the documented schema.
public enum JSONValue: Equatable, Sendable {
    case string(String)
    case number(Int)
    /// A measured quantity, written with one decimal.
    case decimal(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// An array whose items are made only as they are written and then dropped: a far diff's modules, with every
    /// word segment, would otherwise be held whole as values while also being written as text.
    case lazyArray(count: Int, item: @Sendable (Int) -> JSONValue)
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// Pretty-printed with two-space indentation and a final line feed.
    public func serialized() -> String {
        // Written as bytes: appending to a String checks and grows it per piece, which dominated a 19 MB review.
        var writer = Writer(sink: nil)
        writeDocument(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The same, handed to `sink` in pieces of about a megabyte as it is made: a far diff's document runs to ninety
    /// megabytes, which need not be held whole (nor twice over while a buffer grows) only to be written out.
    public func write(to sink: @escaping ([UInt8]) -> Void) {
        var writer = Writer(sink: sink)
        writeDocument(to: &writer)
        writer.flush()
    }

    /// Bytes written so far, handed on whenever a piece is full (with a sink) or kept whole (without one).
    private struct Writer {
        static let pieceSize = 1 << 20
        var bytes: [UInt8] = []
        let sink: (([UInt8]) -> Void)?

        /// Called between array items, so a piece never ends inside a string.
        mutating func handOnIfFull() {
            if bytes.count >= Self.pieceSize { flush() }
        }

        mutating func flush() {
            guard let sink, !bytes.isEmpty else { return }
            sink(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    private func writeDocument(to writer: inout Writer) {
        write(to: &writer, depth: 0)
        writer.bytes.append(0x0A)
    }

    private func write(to writer: inout Writer, depth: Int) {
        switch self {
        case .string(let text): Self.appendQuoted(text, to: &writer.bytes)
        case .number(let number): writer.bytes.append(contentsOf: String(number).utf8)
        case .decimal(let number): writer.bytes.append(contentsOf: String(format: "%.1f", number).utf8)
        case .bool(let flag): writer.bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: writer.bytes.append(contentsOf: "null".utf8)
        case .array(let items): Self.writeArray(count: items.count, item: { items[$0] }, depth: depth, to: &writer)
        case .lazyArray(let count, let item): Self.writeArray(count: count, item: item, depth: depth, to: &writer)
        case .object(let pairs):
            guard !pairs.isEmpty else { writer.bytes.append(contentsOf: "{}".utf8); return }
            writer.bytes.append(contentsOf: "{\n".utf8)
            for (index, pair) in pairs.enumerated() {
                Self.indent(depth + 1, in: &writer.bytes)
                Self.appendQuoted(pair.0, to: &writer.bytes)
                writer.bytes.append(contentsOf: ": ".utf8)
                pair.1.write(to: &writer, depth: depth + 1)
                Self.endItem(last: index == pairs.count - 1, in: &writer.bytes)
            }
            Self.indent(depth, in: &writer.bytes)
            writer.bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Items a large array is written in: each block is split between both cores and then handed on.
    private static let blockSize = 512

    private static func writeArray(count: Int, item: @Sendable (Int) -> JSONValue, depth: Int, to writer: inout Writer) {
        guard count > 0 else { writer.bytes.append(contentsOf: "[]".utf8); return }
        writer.bytes.append(contentsOf: "[\n".utf8)
        if count < BothCores.minimumCount {
            for index in 0..<count { writeItem(index, of: count, item: item, depth: depth + 1, to: &writer) }
        } else {
            // A review's thousands of modules are written on both cores, each half of a block into its own buffer.
            for start in stride(from: 0, to: count, by: blockSize) {
                let block = start..<min(start + blockSize, count)
                let (first, second) = BothCores.halves(of: block.count, splittingFrom: 0) { range in
                    var part = Writer(sink: nil)
                    for index in range { writeItem(block.lowerBound + index, of: count, item: item, depth: depth + 1, to: &part) }
                    return part.bytes
                }
                writer.bytes.append(contentsOf: first)
                writer.bytes.append(contentsOf: second)
                writer.handOnIfFull()
            }
        }
        indent(depth, in: &writer.bytes)
        writer.bytes.append(UInt8(ascii: "]"))
    }

    /// Item `index` of an array of `total` items, on its own line, with a comma unless it is the array's last.
    private static func writeItem(_ index: Int, of total: Int, item: (Int) -> JSONValue, depth: Int, to writer: inout Writer) {
        indent(depth, in: &writer.bytes)
        item(index).write(to: &writer, depth: depth)
        endItem(last: index == total - 1, in: &writer.bytes)
        writer.handOnIfFull()
    }

    private static func indent(_ depth: Int, in output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private static func endItem(last: Bool, in output: inout [UInt8]) {
        if !last { output.append(UInt8(ascii: ",")) }
        output.append(0x0A)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F
    }

    private static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most text needs no escape: copy it whole, scanned through its own buffer (a byte-by-byte walk of the UTF-8
        // view took a tenth of writing a review).
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: needsEscape) else { return false }
            output.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case 0x0A: output.append(contentsOf: "\\n".utf8)
            case 0x0D: output.append(contentsOf: "\\r".utf8)
            case 0x09: output.append(contentsOf: "\\t".utf8)
            case 0x00..<0x20, 0x7F: output.append(contentsOf: String(format: "\\u%04x", byte).utf8)
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    static func strings(_ values: [String]) -> JSONValue {
        .array(values.map(JSONValue.string))
    }

    static func optional(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }
}
