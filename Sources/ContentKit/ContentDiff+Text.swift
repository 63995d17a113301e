extension ContentDiff {
    /// The terminal view: each changed module with its fields, assets and changed paragraphs, then what else
    /// happened in the range. Without colour, deletions read `[-old-]` and insertions `{+new+}`, as in git's word diff.
    public func text(style: OutputStyle) -> String {
        var output = heading(style: style) + "\n"
        if modules.isEmpty { output += "No module changed.\n" }
        for module in modules {
            let counts = module.wordCounts
            output += "\n" + style.paint("\(Self.statusName(module.status, similarity: module.similarity))  \(module.id)", .bold)
                + "  \(module.oldPath.map { "\($0) -> " } ?? "")\(module.path)  (+\(counts.added) -\(counts.removed) words)\n"
            for field in module.fields {
                output += "  \(field.name): \(field.old ?? "(none)") -> \(field.new ?? "(none)")\n"
            }
            for asset in module.assets {
                output += "  asset \(Self.statusName(asset.status, similarity: nil)): \(asset.path)\n"
            }
            if module.binary {
                output += "  binary or not UTF-8: text not shown\n"
                continue
            }
            for hunk in module.hunks {
                output += style.paint("  @@ line \(hunk.oldLine) -> \(hunk.newLine) @@", .blue) + "\n"
                output += Self.inline(TextDiff.readable(hunk.segments), style: style)
            }
        }
        output += context(style: style)
        return output
    }

    /// Segments as running text, marking each changed run line by line so no marker spans a line break.
    static func inline(_ segments: [TextDiff.Segment], style: OutputStyle) -> String {
        var text = ""
        for segment in segments {
            switch segment.kind {
            case .equal:
                text += segment.text
            case .deleted, .inserted:
                let deleted = segment.kind == .deleted
                text += TextLines.split(segment.text).map { part -> String in
                    guard !part.isEmpty else { return "" }
                    if style.colored { return style.paint(String(part), deleted ? .red : .green) }
                    return deleted ? "[-\(part)-]" : "{+\(part)+}"
                }.joined(separator: "\n")
            }
        }
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    /// Events, market updates and sign-offs in the range.
    func context(style: OutputStyle) -> String {
        var output = ""
        if !events.isEmpty {
            output += "\n" + style.paint("Change events", .bold) + "\n"
            for event in events {
                output += "  \(Self.statusName(event.status, similarity: nil))  \(event.date?.description ?? "")  \(event.id)  \(event.summary ?? "")\n"
            }
        }
        if !marketUpdates.isEmpty {
            output += "\n" + style.paint("Market updates", .bold) + "\n"
            for update in marketUpdates {
                output += "  \(update.name)  \(Timestamp.format(update.date))  \(update.commit.hex.prefix(7))\n"
            }
        }
        if !signoffs.isEmpty {
            output += "\n" + style.paint("Sign-offs", .bold) + "\n"
            let shown = 10
            for record in signoffs.prefix(shown) {
                output += "  \(Timestamp.format(record.time))  \(record.module)  \(record.role)  \(record.meaning.rawValue)  \(record.reviewerName)\n"
            }
            if signoffs.count > shown {
                output += "  ... and \(signoffs.count - shown) more (--format json lists them all)\n"
            }
        }
        return output
    }
}
