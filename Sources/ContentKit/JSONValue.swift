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
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// Pretty-printed with two-space indentation and a final line feed.
    public func serialized() -> String {
        var output = ""
        write(to: &output, indent: "")
        output += "\n"
        return output
    }

    private func write(to output: inout String, indent: String) {
        switch self {
        case .string(let text): Self.appendQuoted(text, to: &output)
        case .number(let number): output += String(number)
        case .decimal(let number): output += String(format: "%.1f", number)
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "[\n"
            let inner = indent + "  "
            for (index, item) in items.enumerated() {
                output += inner
                item.write(to: &output, indent: inner)
                output += index < items.count - 1 ? ",\n" : "\n"
            }
            output += indent + "]"
        case .object(let pairs):
            guard !pairs.isEmpty else { output += "{}"; return }
            output += "{\n"
            let inner = indent + "  "
            for (index, pair) in pairs.enumerated() {
                output += inner
                Self.appendQuoted(pair.0, to: &output)
                output += ": "
                pair.1.write(to: &output, indent: inner)
                output += index < pairs.count - 1 ? ",\n" : "\n"
            }
            output += indent + "}"
        }
    }

    private static func appendQuoted(_ text: String, to output: inout String) {
        output += "\""
        // Most text needs no escape: copy it whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) {
            output += text
            output += "\""
            return
        }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        output += result
        output += "\""
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
