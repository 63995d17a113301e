import Foundation

/// A unified line diff between two texts, enough to show a reviewer what changed since they last signed.
enum LineDiff {
    static func unified(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 2) -> String {
        let oldLines = TextLines.split(old).map(String.init)
        let newLines = TextLines.split(new).map(String.init)
        let changes = newLines.difference(from: oldLines)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in changes {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        guard !removed.isEmpty || !inserted.isEmpty else { return "" }
        // Walk both texts in step, emitting context, removals and insertions in order.
        var rows: [(kind: Character, text: String)] = []
        var oldIndex = 0
        var newIndex = 0
        while oldIndex < oldLines.count || newIndex < newLines.count {
            if oldIndex < oldLines.count, removed.contains(oldIndex) {
                rows.append(("-", oldLines[oldIndex]))
                oldIndex += 1
            } else if newIndex < newLines.count, inserted.contains(newIndex) {
                rows.append(("+", newLines[newIndex]))
                newIndex += 1
            } else {
                if oldIndex < oldLines.count { rows.append((" ", oldLines[oldIndex])) }
                oldIndex += 1
                newIndex += 1
            }
        }
        let changed = rows.indices.filter { rows[$0].kind != " " }
        var shown = Set<Int>()
        for index in changed {
            for nearby in max(0, index - context)...min(rows.count - 1, index + context) { shown.insert(nearby) }
        }
        var output = "--- \(oldLabel)\n+++ \(newLabel)\n"
        var previous = -1
        for index in shown.sorted() {
            if index != previous + 1 { output += "@@\n" }
            output += String(rows[index].kind) + rows[index].text + "\n"
            previous = index
        }
        return output
    }
}
