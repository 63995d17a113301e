/// A run of changed paragraphs in a diffed text, with where it starts on each side.
public struct DiffHunk: Sendable {
    /// 1-based line numbers where the hunk starts in the old and the new text.
    public let oldLine: Int
    public let newLine: Int
    public let segments: [TextDiff.Segment]

    /// Groups segments into hunks: paragraphs (split at blank lines inside unchanged text) that contain a change,
    /// consecutive changed paragraphs together; unchanged paragraphs between hunks are left out.
    /// `oldOffset` and `newOffset` are the line numbers the texts start on (e.g. after front matter).
    public static func make(_ segments: [TextDiff.Segment], oldOffset: Int = 1, newOffset: Int = 1) -> [DiffHunk] {
        // Cut unchanged text after each blank line so every piece belongs to one paragraph.
        var pieces: [[TextDiff.Segment]] = [[]]
        for segment in segments {
            guard segment.kind == .equal else {
                pieces[pieces.count - 1].append(segment)
                continue
            }
            var rest = Substring(segment.text)
            while let range = rest.range(of: "\n\n") {
                let head = rest[..<range.upperBound]
                pieces[pieces.count - 1].append(TextDiff.Segment(kind: .equal, text: String(head)))
                pieces.append([])
                rest = rest[range.upperBound...]
            }
            if !rest.isEmpty { pieces[pieces.count - 1].append(TextDiff.Segment(kind: .equal, text: String(rest))) }
        }
        var hunks: [DiffHunk] = []
        var oldLine = oldOffset
        var newLine = newOffset
        var current: (oldLine: Int, newLine: Int, segments: [TextDiff.Segment])?
        for piece in pieces {
            let changed = piece.contains { $0.kind != .equal }
            if changed {
                if current == nil { current = (oldLine, newLine, []) }
                current?.segments += piece
            } else if let finished = current {
                hunks.append(DiffHunk(oldLine: finished.oldLine, newLine: finished.newLine, segments: merged(finished.segments)))
                current = nil
            }
            for segment in piece {
                let breaks = segment.text.utf8.filter { $0 == 0x0A }.count
                if segment.kind != .inserted { oldLine += breaks }
                if segment.kind != .deleted { newLine += breaks }
            }
        }
        if let finished = current {
            hunks.append(DiffHunk(oldLine: finished.oldLine, newLine: finished.newLine, segments: merged(finished.segments)))
        }
        return hunks
    }

    private static func merged(_ segments: [TextDiff.Segment]) -> [TextDiff.Segment] {
        var result: [TextDiff.Segment] = []
        for segment in segments where !segment.text.isEmpty {
            if let last = result.last, last.kind == segment.kind {
                result[result.count - 1] = TextDiff.Segment(kind: last.kind, text: last.text + segment.text)
            } else {
                result.append(segment)
            }
        }
        return result
    }
}
