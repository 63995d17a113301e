import Foundation

/// JSON with keys kept in the order written, so `--format json` output reads like the documented schema.
public indirect enum JSONValue: Equatable, Sendable {
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
        String(decoding: serializedBytes(), as: UTF8.self)
    }

    /// The same as UTF-8 bytes, to write out without first copying a large document into a String.
    public func serializedBytes() -> [UInt8] {
        // Written as bytes: appending to a String checks and grows it per piece, which dominated a 19 MB review.
        var output: [UInt8] = []
        write(to: &output, depth: 0)
        output.append(0x0A)
        return output
    }

    private func write(to output: inout [UInt8], depth: Int) {
        switch self {
        case .string(let text): Self.appendQuoted(text, to: &output)
        case .number(let number): output.append(contentsOf: String(number).utf8)
        case .decimal(let number): output.append(contentsOf: String(format: "%.1f", number).utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        case .array(let items): Self.writeArray(count: items.count, item: { items[$0] }, depth: depth, to: &output)
        case .lazyArray(let count, let item): Self.writeArray(count: count, item: item, depth: depth, to: &output)
        case .object(let pairs):
            guard !pairs.isEmpty else { output.append(contentsOf: "{}".utf8); return }
            output.append(contentsOf: "{\n".utf8)
            for (index, pair) in pairs.enumerated() {
                Self.indent(depth + 1, in: &output)
                Self.appendQuoted(pair.0, to: &output)
                output.append(contentsOf: ": ".utf8)
                pair.1.write(to: &output, depth: depth + 1)
                Self.endItem(last: index == pairs.count - 1, in: &output)
            }
            Self.indent(depth, in: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeArray(count: Int, item: @Sendable (Int) -> JSONValue, depth: Int, to output: inout [UInt8]) {
        guard count > 0 else { output.append(contentsOf: "[]".utf8); return }
        output.append(contentsOf: "[\n".utf8)
        if count < BothCores.minimumCount {
            writeItems(0..<count, of: count, item: item, depth: depth + 1, to: &output)
        } else {
            // A review's thousands of modules are written on both cores, each half into its own buffer.
            let (first, second) = BothCores.halves(of: count) { range in
                var part: [UInt8] = []
                writeItems(range, of: count, item: item, depth: depth + 1, to: &part)
                return part
            }
            output.append(contentsOf: first)
            output.append(contentsOf: second)
        }
        indent(depth, in: &output)
        output.append(UInt8(ascii: "]"))
    }

    /// The items in `range` of an array of `total` items, each on its own line, with a comma after all but the array's last.
    private static func writeItems(_ range: Range<Int>, of total: Int, item: (Int) -> JSONValue, depth: Int, to output: inout [UInt8]) {
        for index in range {
            indent(depth, in: &output)
            item(index).write(to: &output, depth: depth)
            endItem(last: index == total - 1, in: &output)
        }
    }

    private static func indent(_ depth: Int, in output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private static func endItem(last: Bool, in output: inout [UInt8]) {
        if !last { output.append(UInt8(ascii: ",")) }
        output.append(0x0A)
    }

    private static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most text needs no escape: copy it whole.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) else {
            output.append(contentsOf: text.utf8)
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
