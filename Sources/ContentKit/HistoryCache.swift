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
        // Bytes, not Characters: splitting a large file by Character costs more than the walk it saves.
        guard let data = FileManager.default.contents(atPath: path(in: repository)), data.last == UInt8(ascii: "\n") else { return nil }
        let lines = [UInt8](data).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
        guard lines.count >= 2, lines[0].elementsEqual(formatLine.utf8), let head = ObjectID(hexDigits: lines[1]) else { return nil }
        var answers: [String: (question: History.Question, commit: ObjectID)] = [:]
        answers.reserveCapacity(lines.count - 2)
        for line in lines.dropFirst(2) {
            // "L <40 hex digits> <path>"
            guard line.count > 43, line[line.startIndex + 1] == UInt8(ascii: " "), line[line.startIndex + 42] == UInt8(ascii: " "),
                  let commit = ObjectID(hexDigits: line[(line.startIndex + 2)..<(line.startIndex + 42)]),
                  let path = String(bytes: line[(line.startIndex + 43)...], encoding: .utf8) else { return nil }
            switch line[line.startIndex] {
            case UInt8(ascii: "L"): answers[path] = (.lastChange, commit)
            case UInt8(ascii: "I"): answers[path] = (.introduction, commit)
            default: return nil
            }
        }
        return HistoryCache(head: head, answers: answers)
    }

    /// Writes the cache beside the repository's own files; a failure (a read-only clone) only costs speed.
    func save(to repository: Repository) {
        var bytes = Array((Self.formatLine + "\n" + head.hex + "\n").utf8)
        for (path, answer) in answers.sorted(by: { $0.key < $1.key }) where !path.contains("\n") {
            bytes += (answer.question == .lastChange ? "L " : "I ").utf8
            bytes += answer.commit.hex.utf8
            bytes.append(UInt8(ascii: " "))
            bytes += path.utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        try? WholeFile.write(Data(bytes), to: Self.path(in: repository), durably: false)
    }
}
