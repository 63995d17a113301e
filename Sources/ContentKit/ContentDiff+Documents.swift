extension ContentDiff {
    /// For a pull request or wiki page: changed words as `<del>` and `<ins>`, which Markdown renderers show.
    public var markdown: String {
        var lines = ["# Training content diff: \(from.label)..\(toLabel)", ""]
        if reversed { lines += ["> Reversed: \(from.label) is newer than \(toLabel); the change is shown backwards.", ""] }
        let stat = self.stat
        lines.append("\(counted(modules.count, "module")) changed, \(stat.added) words added, \(stat.removed) removed.")
        for module in modules {
            lines += ["", "## \(module.title) (`\(module.id)`)", ""]
            lines.append("\(Self.statusName(module.status, similarity: module.similarity)): `\(module.oldPath.map { "\($0)` -> `" } ?? "")\(module.path)`")
            if !module.fields.isEmpty {
                lines += ["", "| Field | Before | After |", "|---|---|---|"]
                lines += module.fields.map { "| \($0.name) | \(ReviewReport.cell($0.old ?? "")) | \(ReviewReport.cell($0.new ?? "")) |" }
            }
            for asset in module.assets { lines.append("- asset \(Self.statusName(asset.status, similarity: nil)): `\(asset.path)`") }
            for hunk in module.hunks {
                lines += ["", Self.html(TextDiff.readable(hunk.segments)).replacingOccurrences(of: "\n", with: "<br>\n")]
            }
        }
        lines += Self.markdownList("Change events", events.map { "\($0.date?.description ?? "") `\($0.id)`: \($0.summary ?? "") (\(Self.statusName($0.status, similarity: nil)))" })
        lines += Self.markdownList("Market updates", marketUpdates.map { "\($0.name), \(Timestamp.format($0.date))" })
        lines += Self.markdownList("Sign-offs", signoffs.map { "\(Timestamp.format($0.time)) \($0.module): \($0.role) \($0.meaning.rawValue) by \($0.reviewerName)" })
        return lines.joined(separator: "\n") + "\n"
    }

    /// A self-contained page (inline CSS, no scripts or fetches) that reads on a laptop and prints.
    public var html: String {
        var body = "<h1>Training content diff: \(Self.escape(from.label))..\(Self.escape(toLabel))</h1>\n"
        if reversed { body += "<p class=\"note\">Reversed: \(Self.escape(from.label)) is newer than \(Self.escape(toLabel)).</p>\n" }
        let stat = self.stat
        body += "<p>\(counted(modules.count, "module")) changed, \(stat.added) words added, \(stat.removed) removed.</p>\n"
        for module in modules {
            body += "<section>\n<h2>\(Self.escape(module.title)) <code>\(Self.escape(module.id))</code></h2>\n"
            body += "<p class=\"meta\">\(Self.statusName(module.status, similarity: module.similarity)): \(Self.escape(module.path))</p>\n"
            if !module.fields.isEmpty {
                body += "<table><tr><th>Field</th><th>Before</th><th>After</th></tr>\n"
                for field in module.fields {
                    body += "<tr><td>\(Self.escape(field.name))</td><td>\(Self.escape(field.old ?? ""))</td><td>\(Self.escape(field.new ?? ""))</td></tr>\n"
                }
                body += "</table>\n"
            }
            for hunk in module.hunks {
                body += "<div class=\"hunk\">\(Self.html(TextDiff.readable(hunk.segments)))</div>\n"
            }
            body += "</section>\n"
        }
        return HTMLPage.document(title: "Training content diff", body: body)
    }

    static func html(_ segments: [TextDiff.Segment]) -> String {
        segments.map { segment in
            switch segment.kind {
            case .equal: return escape(segment.text)
            case .deleted: return "<del>\(escape(segment.text))</del>"
            case .inserted: return "<ins>\(escape(segment.text))</ins>"
            }
        }.joined()
    }

    static func escape(_ text: String) -> String {
        HTMLPage.escape(text)
    }

    private static func markdownList(_ title: String, _ items: [String]) -> [String] {
        items.isEmpty ? [] : ["", "## \(title)", ""] + items.map { "- " + $0 }
    }
}
