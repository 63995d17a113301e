extension ContentDiff {
    /// Words added and removed in total, per product and per market (a module for all products or markets counts under "(all)").
    public var stat: (added: Int, removed: Int, products: [(name: String, added: Int, removed: Int)], markets: [(name: String, added: Int, removed: Int)]) {
        var added = 0
        var removed = 0
        var products: [String: (Int, Int)] = [:]
        var markets: [String: (Int, Int)] = [:]
        /// Counts once under each name a module lists (a name listed twice counts once), or under "(all)".
        func add(_ counts: (added: Int, removed: Int), to table: inout [String: (Int, Int)], for names: [String]) {
            for (index, name) in (names.isEmpty ? [ReviewReport.allLabel] : names).enumerated() where !names[..<index].contains(name) {
                table[name, default: (0, 0)].0 += counts.added
                table[name, default: (0, 0)].1 += counts.removed
            }
        }
        for module in modules {
            let counts = module.wordCounts
            added += counts.added
            removed += counts.removed
            add(counts, to: &products, for: module.products)
            add(counts, to: &markets, for: module.markets)
        }
        func sorted(_ table: [String: (Int, Int)]) -> [(name: String, added: Int, removed: Int)] {
            table.keys.sorted().map { ($0, table[$0]?.0 ?? 0, table[$0]?.1 ?? 0) }
        }
        return (added, removed, sorted(products), sorted(markets))
    }

    /// `--stat`: one line per module, then the totals per product and market.
    public func statText(style: OutputStyle) -> String {
        var rows: [[String]] = [["STATUS", "MODULE", "WORDS +", "WORDS -", "PATH"]]
        for module in modules {
            let counts = module.wordCounts
            rows.append([Self.statusName(module.status, similarity: module.similarity), module.id, "+\(counts.added)", "-\(counts.removed)",
                         module.oldPath.map { "\($0) -> \(module.path)" } ?? module.path])
        }
        let stat = self.stat
        var output = heading(style: style) + "\n"
        // Nothing changed: no totals of nothing, and no empty product and market lines.
        guard !modules.isEmpty else { return output + "No module changed.\n" }
        output += ListingFormatter.columns(rows, style: style)
        output += "\(counted(modules.count, "module")) changed, \(stat.added) words added, \(stat.removed) removed\n"
        output += "By product: " + stat.products.map { "\($0.name) +\($0.added) -\($0.removed)" }.joined(separator: ", ") + "\n"
        output += "By market: " + stat.markets.map { "\($0.name) +\($0.added) -\($0.removed)" }.joined(separator: ", ") + "\n"
        return output
    }

    static func statusName(_ status: FileChange.Status, similarity: Int?) -> String {
        switch status {
        case .added: return "added"
        case .deleted: return "removed"
        case .modified: return "modified"
        case .renamed: return "renamed (\(similarity ?? 100)%)"
        case .typeChanged: return "type changed"
        }
    }

    /// `diff 2026-Q2..2026-Q3 (1a2b3c4..5d6e7f8)`, noting a reversed diff.
    func heading(style: OutputStyle) -> String {
        let range = "\(from.label)..\(toLabel) (\(from.commit.hex.prefix(7))..\(to.map { String($0.commit.hex.prefix(7)) } ?? "work tree"))"
        return style.paint("diff " + range, .bold) + (reversed ? "\n" + style.paint("reversed: \(from.label) is newer than \(toLabel); showing the change backwards", .yellow) : "")
    }
}
