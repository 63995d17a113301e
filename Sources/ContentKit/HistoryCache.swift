import Crypto
import Foundation
import GitKit

/// The answers of the last history walk, kept under `.git/contentctl/cache/` so the next walk stops where the
/// last one started: a walk that reaches the cached head takes its answers from here instead of walking on.
/// Reaching that commit from HEAD is itself the proof that it is an ancestor, so a rewritten history simply
/// never reaches it and is walked in full. Each answer keeps its commit's time, so a cached answer costs no
/// commit read. A file that is missing, unreadable, of another format or whose digest does not match is ignored.
struct HistoryCache {
    static let formatLine = "contentctl-history-cache 2"

    /// The commit the answers were computed from.
    let head: ObjectID
    let answers: [String: (question: History.Question, commit: Reason.CommitReference)]

    static func path(in repository: Repository) -> String {
        CacheFile.path("history", in: repository)
    }

    /// Whether a cache file is there at all (whether it can be trusted is only known once it is loaded).
    static func exists(in repository: Repository) -> Bool {
        FileManager.default.fileExists(atPath: path(in: repository))
    }

    /// The file: the format line, the head, one line per answer ("L <commit> <seconds> <path>", "I" for an
    /// introduction), then "sha256 <digest of everything before>".
    static func load(from repository: Repository) -> HistoryCache? {
        // Bytes, not Characters: splitting a large file by Character costs more than the walk it saves.
        guard let data = FileManager.default.contents(atPath: path(in: repository)) else { return nil }
        let bytes = [UInt8](data)
        guard let body = verifiedBody(bytes) else { return nil }
        let lines = body.pieces(separatedBy: UInt8(ascii: "\n")).dropLast()
        guard lines.count >= 2, lines[0].elementsEqual(formatLine.utf8), let head = ObjectID(hexDigits: lines[1]) else { return nil }
        var answers: [String: (question: History.Question, commit: Reason.CommitReference)] = [:]
        answers.reserveCapacity(lines.count - 2)
        for line in lines.dropFirst(2) {
            guard let (question, commit, path) = answer(line) else { return nil }
            answers[path] = (question, commit)
        }
        return HistoryCache(head: head, answers: answers)
    }

    /// The text before the digest line, if the digest matches it.
    private static func verifiedBody(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        let digestLine = 7 + 64 + 1
        guard bytes.count > digestLine, bytes.last == UInt8(ascii: "\n") else { return nil }
        let body = bytes[..<(bytes.count - digestLine)]
        let line = bytes[(bytes.count - digestLine)...]
        guard body.last == UInt8(ascii: "\n"), line.starts(with: "sha256 ".utf8),
              line.dropFirst(7).dropLast().elementsEqual(SHA256.hash(data: body).hexadecimal.utf8) else { return nil }
        return body
    }

    private static func answer(_ line: ArraySlice<UInt8>) -> (History.Question, Reason.CommitReference, String)? {
        let question: History.Question
        switch line.first {
        case UInt8(ascii: "L"): question = .lastChange
        case UInt8(ascii: "I"): question = .introduction
        default: return nil
        }
        let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0].count == 1, let commit = ObjectID(hexDigits: fields[1]),
              let seconds = Int64(String(decoding: fields[2], as: UTF8.self)), let path = String(validating: fields[3], as: UTF8.self) else { return nil }
        return (question, Reason.CommitReference(id: commit, date: Date(timeIntervalSince1970: TimeInterval(seconds))), path)
    }

    /// Writes the cache beside the repository's own files; a failure (a read-only clone) only costs speed.
    func save(to repository: Repository) {
        var bytes = Array((Self.formatLine + "\n" + head.hex + "\n").utf8)
        for (path, answer) in answers.sorted(by: { $0.key < $1.key }) where !path.utf8.contains(0x0A) {
            bytes += (answer.question == .lastChange ? "L " : "I ").utf8
            bytes += answer.commit.id.hex.utf8
            bytes += " \(Int64(answer.commit.date.timeIntervalSince1970)) ".utf8
            bytes += path.utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        bytes += ("sha256 " + SHA256.hash(data: bytes).hexadecimal + "\n").utf8
        try? WholeFile.write(Data(bytes), to: Self.path(in: repository), durably: false)
    }
}
