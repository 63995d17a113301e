import Foundation
import Yams

/// A YAML value as the user wrote it: scalars keep their text (so `NO` stays `NO` and `1.10` stays `1.10`),
/// with the line each value starts on for error messages.
indirect enum YAMLValue {
    case scalar(String, line: Int)
    case null(line: Int)
    case sequence([YAMLValue], line: Int)
    case mapping([(key: String, value: YAMLValue)], line: Int)

    var line: Int {
        switch self {
        case .scalar(_, let line), .null(let line), .sequence(_, let line), .mapping(_, let line): return line
        }
    }
}

/// Strict YAML loading shared by every file contentctl reads: size-capped, one document,
/// no anchors or aliases (an alias bomb must not hang the tool), UTF-8 without NUL bytes.
enum YAMLDocument {
    static let maximumSize = 256 * 1024

    /// Parses `text` from `file`; `firstLine` offsets line numbers when the YAML sits inside a larger file.
    static func parse(_ text: String, file: String, firstLine: Int = 1) throws(ContentError) -> YAMLValue? {
        guard text.utf8.count <= maximumSize else {
            throw .badContent(file, "YAML larger than \(maximumSize / 1024) KiB")
        }
        if let flat = YAMLFlatMapping.parse(text, firstLine: firstLine) { return flat }
        return try parseFully(text, file: file, firstLine: firstLine)
    }

    /// `parse` without the shortcut for flat front matter: every document through Yams.
    static func parseFully(_ text: String, file: String, firstLine: Int = 1) throws(ContentError) -> YAMLValue? {
        if let nul = text.firstIndex(of: "\u{0}") {
            let line = text[..<nul].filter { $0 == "\n" }.count + firstLine
            throw .badContent(file, line: line, "NUL byte in YAML")
        }
        if let line = YAMLAliasScan.firstAnchorOrAlias(in: text) {
            throw .badContent(file, line: line + firstLine - 1, "YAML anchors and aliases are not allowed")
        }
        let parser: Parser
        let root: Node?
        do {
            // Scalars are kept as the text written (tags are never used), so no resolver rules run; the encoding is
            // given so Yams does not read the environment for it on every parse.
            parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw describe(error, file: file, firstLine: firstLine)
        } catch {
            throw .badContent(file, "malformed YAML: \(error)")
        }
        guard let root else { return nil }
        // Yams holds anchors weakly through the parser: keep it alive so `convert` still sees any the scan missed.
        return try withExtendedLifetime(parser) { () throws(ContentError) in try convert(root, file: file, firstLine: firstLine) }
    }

    private static func convert(_ node: Node, file: String, firstLine: Int) throws(ContentError) -> YAMLValue {
        let line = (node.mark?.line ?? 1) + firstLine - 1
        if node.anchor != nil {
            throw .badContent(file, line: line, "YAML anchors and aliases are not allowed")
        }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return .null(line: line)
            }
            return .scalar(scalar.string, line: line)
        case .sequence(let sequence):
            var items: [YAMLValue] = []
            for item in sequence {
                items.append(try convert(item, file: file, firstLine: firstLine))
            }
            return .sequence(items, line: line)
        case .mapping(let mapping):
            var pairs: [(key: String, value: YAMLValue)] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key, key.anchor == nil else {
                    throw .badContent(file, line: line, "mapping keys must be plain text")
                }
                pairs.append((keyScalar.string, try convert(value, file: file, firstLine: firstLine)))
            }
            return .mapping(pairs, line: line)
        case .alias:
            throw .badContent(file, line: line, "YAML anchors and aliases are not allowed")
        }
    }

    private static func describe(_ error: YamlError, file: String, firstLine: Int) -> ContentError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .badContent(file, line: mark.line + firstLine - 1, "malformed YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let line = context.mark.line > 0 ? context.mark.line + firstLine - 1 : nil
            return .badContent(file, line: line, "duplicate key \(duplicates.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return .badContent(file, "unreadable YAML: \(problem)")
        default:
            return .badContent(file, "malformed YAML: \(error)")
        }
    }
}
