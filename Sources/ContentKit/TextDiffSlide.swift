extension TextDiff {
    /// Moves a lone multi-line insertion or deletion so that it starts at the beginning of a line, when the text
    /// around it allows (the diff stays exact and minimal). A row added to a table then reads as the whole new row,
    /// `{+| 7.5 mg | ... |\n+}| Below 15 ...`, instead of starting mid-row and ending inside the next one.
    static func slidingToLineStarts(_ segments: [Segment]) -> [Segment] {
        var result = segments
        var anySlid = false
        var index = 1
        while index + 1 < result.count {
            let before = result[index - 1]
            let change = result[index]
            let after = result[index + 1]
            guard before.kind == .equal, after.kind == .equal, change.kind != .equal, change.text.utf8.contains(0x0A),
                  let slid = slide(Array(before.text.utf8), Array(change.text.utf8), Array(after.text.utf8)) else {
                index += 1
                continue
            }
            var replacement: [Segment] = []
            if !slid.before.isEmpty { replacement.append(Segment(kind: .equal, text: String(decoding: slid.before, as: UTF8.self))) }
            replacement.append(Segment(kind: change.kind, text: String(decoding: slid.change, as: UTF8.self)))
            replacement.append(Segment(kind: .equal, text: String(decoding: slid.after, as: UTF8.self)))
            result.replaceSubrange((index - 1)...(index + 1), with: replacement)
            anySlid = true
            index += replacement.count - 1
        }
        // The builder's segments are grouped already; only a slide can leave two changes side by side.
        return anySlid ? regrouped(result) : result
    }

    /// Joins each run of changes between equal stretches into one deletion followed by one insertion, as the
    /// builder does; a slide can leave two changes side by side where it emptied the equal text between them.
    static func regrouped(_ segments: [Segment]) -> [Segment] {
        var result: [Segment] = []
        var deleted = ""
        var inserted = ""
        func flush() {
            if !deleted.isEmpty { result.append(Segment(kind: .deleted, text: deleted)) }
            if !inserted.isEmpty { result.append(Segment(kind: .inserted, text: inserted)) }
            deleted = ""
            inserted = ""
        }
        for segment in segments {
            switch segment.kind {
            case .deleted: deleted += segment.text
            case .inserted: inserted += segment.text
            case .equal:
                flush()
                if let last = result.last, last.kind == .equal {
                    result[result.count - 1] = Segment(kind: .equal, text: last.text + segment.text)
                } else {
                    result.append(segment)
                }
            }
        }
        flush()
        return result
    }

    /// The shortest shift, leftwards first, that makes the change start right after a line feed (or at the start).
    /// Both cuts then fall after an ASCII line feed, so they are character boundaries.
    private static func slide(_ before: [UInt8], _ change: [UInt8], _ after: [UInt8]) -> (before: [UInt8], change: [UInt8], after: [UInt8])? {
        if before.isEmpty || before.last == 0x0A { return nil }
        var shift = 1
        while shift <= min(before.count, change.count), before[before.count - shift] == change[change.count - shift] {
            let cut = before.count - shift
            if cut == 0 || before[cut - 1] == 0x0A {
                return (Array(before[..<cut]), Array(before[cut...]) + Array(change[..<(change.count - shift)]),
                        Array(change[(change.count - shift)...]) + after)
            }
            shift += 1
        }
        shift = 1
        while shift <= min(after.count, change.count), after[shift - 1] == change[shift - 1] {
            if change[shift - 1] == 0x0A {
                return (before + Array(change[..<shift]), Array(change[shift...]) + Array(after[..<shift]), Array(after[shift...]))
            }
            shift += 1
        }
        return nil
    }
}

extension TextDiff {
    /// For reading, not for data: changes separated only by spaces are shown as one change, so
    /// "once a year" → "every six months" reads `[-once a year-]{+every six months+}` rather than word by word.
    /// The segments stay exact (equal and deleted text still give the old text); they are just no longer minimal.
    public static func readable(_ segments: [Segment]) -> [Segment] {
        var result: [Segment] = []
        var index = 0
        while index < segments.count {
            let segment = segments[index]
            let isGap = segment.kind == .equal && !segment.text.isEmpty && segment.text.allSatisfy { $0 == " " || $0 == "\t" }
            if isGap, index > 0, index + 1 < segments.count, segments[index - 1].kind != .equal, segments[index + 1].kind != .equal {
                result.append(Segment(kind: .deleted, text: segment.text))
                result.append(Segment(kind: .inserted, text: segment.text))
            } else {
                result.append(segment)
            }
            index += 1
        }
        return regrouped(result)
    }
}
