import Foundation
import GitKit

/// The answers of the last history walk, kept under `.git/contentctl/cache/` so the next walk stops where the
/// last one started: a walk that reaches the cached head takes its answers from here instead of walking on.
/// Reaching that commit from HEAD is itself the proof that it is an ancestor, so a rewritten history simply
/// never reaches it and is walked in full. A file that is missing, unreadable or of another format is ignored.
struct HistoryCache {
    static let formatLine = "contentctl-history-cache 1"

    /// The commit the answers were computed from.
    let head: ObjectID
    let answers: [String: (question: History.Question, commit: ObjectID)]

    static func path(in repository: Repository) -> String {
        CacheFile.path("history", in: repository)
    }

    static func load(from repository: Repository) -> HistoryCache? {
        guard let data = FileManager.default.contents(atPath: path(in: repository)),
              let text = String(data: data, encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, lines[0] == Substring(formatLine), let head = ObjectID(hex: String(lines[1])), lines.last == "" else { return nil }
        lines.removeLast()
        var answers: [String: (question: History.Question, commit: ObjectID)] = [:]
        for line in lines.dropFirst(2) {
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let commit = ObjectID(hex: String(parts[1])) else { return nil }
            switch parts[0] {
            case "L": answers[String(parts[2])] = (.lastChange, commit)
            case "I": answers[String(parts[2])] = (.introduction, commit)
            default: return nil
            }
        }
        return HistoryCache(head: head, answers: answers)
    }

    /// Writes the cache beside the repository's own files; a failure (a read-only clone) only costs speed.
    func save(to repository: Repository) {
        var text = Self.formatLine + "\n" + head.hex + "\n"
        for (path, answer) in answers.sorted(by: { $0.key < $1.key }) where !path.contains("\n") {
            text += (answer.question == .lastChange ? "L " : "I ") + answer.commit.hex + " " + path + "\n"
        }
        try? WholeFile.write(Data(text.utf8), to: Self.path(in: repository), durably: false)
    }
}
