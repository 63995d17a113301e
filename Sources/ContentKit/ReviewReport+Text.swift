import Foundation

extension ReviewReport {
    /// The terminal view: one block per module, most urgent first, then the summary.
    public func table(style: OutputStyle) -> String {
        var lines: [String] = []
        lines.append(style.paint("Review of \(contentFolder) at \(head.hex.prefix(7))\(branch.map { " (\($0))" } ?? ""), as of \(asOf) (\(timeZone))", .bold))
        lines.append("")
        for module in modules {
            let verdicts = module.verdicts.map { style.paint($0) }.joined(separator: ", ")
            lines.append("\(verdicts)  \(style.paint(module.id, .bold))  \(module.title)")
            for reason in module.reasons where reason.verdict != .current || module.verdicts == [.current] {
                lines.append("    \(style.paint(reason.verdict.rawValue, .gray)): \(reason.message)")
            }
        }
        lines.append("")
        lines += summaryLines(style: style)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `24 modules: 5 current, 3 stale, ...` and one line per product and market.
    func summaryLines(style: OutputStyle) -> [String] {
        let totals = counts
        let parts = Verdict.allCases.compactMap { verdict in totals[verdict].map { "\($0) \(style.paint(verdict))" } }
        var lines = ["\(modules.count) modules: " + parts.joined(separator: ", ")]
        for (label, keyPath) in [("By product", \ModuleReview.products), ("By market", \ModuleReview.markets)] {
            let groups = counts(by: keyPath).map { group in
                let active = modules.filter { module in
                    (module[keyPath: keyPath].isEmpty ? [Self.allLabel] : module[keyPath: keyPath]).contains(group.name)
                        && module.status == .active
                }
                let current = active.filter(\.isCurrent).count
                return "\(group.name) \(current)/\(active.count) current"
            }
            lines.append("\(label): " + groups.joined(separator: ", "))
        }
        return lines
    }

    /// The same content for a pull request or wiki page.
    public var markdown: String {
        var lines: [String] = []
        lines.append("# Content review as of \(asOf)")
        lines.append("")
        lines.append("`\(contentFolder)` at `\(head.hex.prefix(7))`\(branch.map { " (\($0))" } ?? ""), time zone \(timeZone).")
        lines.append("")
        lines.append("## Summary")
        lines.append("")
        lines += summaryLines(style: OutputStyle(colored: false)).map { "- " + $0 }
        lines.append("")
        lines.append("| Module | Title | Verdicts | Last changed |")
        lines.append("|---|---|---|---|")
        for module in modules {
            let changed = module.lastChanged.map { "`\($0.id.hex.prefix(7))` \(Timestamp.format($0.date).prefix(10))" } ?? ""
            lines.append("| `\(module.id)` | \(Self.cell(module.title)) | \(module.verdicts.map(\.rawValue).joined(separator: ", ")) | \(changed) |")
        }
        lines.append("")
        lines.append("## Reasons")
        for module in modules where module.verdicts != [.current] {
            lines.append("")
            lines.append("### \(module.id): \(module.title)")
            lines.append("")
            for reason in module.reasons where reason.verdict != .current {
                lines.append("- **\(reason.verdict.rawValue)**: \(reason.message)")
            }
        }
        if !warnings.isEmpty {
            lines.append("")
            lines.append("## Warnings")
            lines.append("")
            lines += warnings.map { "- " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
