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

    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
