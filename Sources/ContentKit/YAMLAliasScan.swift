/// Finds YAML anchors (`&name`) and aliases (`*name`) without composing the document.
///
/// Composing first is not safe: Yams hashes mapping keys to find duplicates, and an alias used as a key
/// expands an alias bomb while hashing. So the text is scanned for anchor and alias indicators where a YAML
/// node can start (line start, after `- `, `? `, `: `, `[`, `{`, `,`, or a tag), skipping comments, quoted
/// scalars and block scalars; `*` or `&` inside a plain scalar (`Dosing *new*`) is text and is left alone.
enum YAMLAliasScan {
    /// The line of the first anchor or alias, or nil when there is none.
    static func firstAnchorOrAlias(in text: String) -> Int? {
        enum Mode { case plain, doubleQuoted, singleQuoted, block(parentIndent: Int) }
        var mode = Mode.plain
        var flowDepth = 0
        for (offset, line) in TextLines.split(text).enumerated() {
            let characters = Array(line.unicodeScalars)
            let indent = characters.prefix { $0 == " " }.count
            if case .block(let parentIndent) = mode {
                let blank = characters.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
                if blank || indent > parentIndent { continue }
                mode = .plain
            }
            var atNodeStart = true
            var index = 0
            func next(_ at: Int) -> Unicode.Scalar? { at + 1 < characters.count ? characters[at + 1] : nil }
            func isBreak(_ scalar: Unicode.Scalar?) -> Bool { scalar == nil || scalar == " " || scalar == "\t" || scalar == "\r" }
            scanning: while index < characters.count {
                let character = characters[index]
                defer { index += 1 }
                switch mode {
                case .doubleQuoted:
                    if character == "\\" { index += 1 } else if character == "\"" { mode = .plain; atNodeStart = false }
                    continue
                case .singleQuoted:
                    if character == "'" {
                        if next(index) == "'" { index += 1 } else { mode = .plain; atNodeStart = false }
                    }
                    continue
                case .block:
                    continue
                case .plain:
                    break
                }
                if character == " " || character == "\t" || character == "\r" { continue }
                if character == "#", index == 0 || isBreak(characters[index - 1]) { break scanning }
                if atNodeStart {
                    switch character {
                    case "&", "*":
                        if let following = next(index), !isBreak(following), !",[]{}".unicodeScalars.contains(following) {
                            return offset + 1
                        }
                        atNodeStart = false
                    case "!":
                        while index + 1 < characters.count, !isBreak(characters[index + 1]) { index += 1 }
                    case "-", "?":
                        if !isBreak(next(index)) { atNodeStart = false }
                    case "\"": mode = .doubleQuoted
                    case "'": mode = .singleQuoted
                    case "|", ">":
                        mode = .block(parentIndent: indent)
                        break scanning
                    case "[", "{": flowDepth += 1
                    case "]", "}":
                        flowDepth = max(0, flowDepth - 1)
                        atNodeStart = false
                    default:
                        atNodeStart = false
                    }
                    continue
                }
                if character == ":", isBreak(next(index)) || (flowDepth > 0 && next(index).map { ",[]{}".unicodeScalars.contains($0) } == true) {
                    atNodeStart = true
                } else if flowDepth > 0, character == "," || character == "[" || character == "{" {
                    if character != "," { flowDepth += 1 }
                    atNodeStart = true
                } else if flowDepth > 0, character == "]" || character == "}" {
                    flowDepth = max(0, flowDepth - 1)
                }
            }
        }
        return nil
    }
}
