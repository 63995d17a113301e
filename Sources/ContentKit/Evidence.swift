import Foundation
import GitKit

/// The exact text of a module in force on one day, with every sign-off that covered that text by then.
public struct Evidence: Sendable {
    public let module: String
    public let title: String
    public let path: String
    public let day: CalendarDate
    public let timeZone: String
    /// The last first-parent commit on or before the end of the day, and when it was made.
    public let commit: ObjectID
    public let commitTime: Date
    public let fingerprint: Fingerprint
    public let text: String
    /// Records on this text made by the end of the day: whether a revocation had withdrawn them by then, and
    /// why each fails verification (empty when it verifies).
    public let records: [(record: SignoffRecord, revokedByThen: Bool, problems: [String])]
}

extension ContentRepository {
    public func evidence(module name: String, asOf day: CalendarDate) throws(ContentError) -> Evidence {
        let head = try requireHeadCommit()
        let current = try library(at: head.commit)
        return try ContentError.readingGit {
            let id = try commitOnOrBefore(day, timeZone: current.config.timeZone, from: head.commit)
            let commit = id == head.commit.id ? head.commit : try repository.commit(id)
            let then = id == head.commit.id ? current : try library(at: commit)
            guard let module = module(named: name, in: then) else {
                throw ContentError(.unknown, "no module '\(name)' was in force on \(day) (at \(commit.id.hex.prefix(7)))")
            }
            let end = day.end(in: current.config.timeZone)
            let verifier = try recordVerifier(for: current, at: head.commit)
            let records = current.ledger.records(for: module.id).filter { $0.time < end }
            let revoked = Set(records.compactMap(\.revokes))
            var covering: [(record: SignoffRecord, revokedByThen: Bool, problems: [String])] = []
            for record in records where record.fingerprint == module.fingerprint && record.meaning != .revoked {
                covering.append((record, revoked.contains(record.id), try verifier.problems(record)))
            }
            return Evidence(module: module.id, title: module.title, path: module.path, day: day, timeZone: current.config.timeZoneName,
                            commit: commit.id, commitTime: commit.time, fingerprint: module.fingerprint,
                            text: String(decoding: try repository.blob(module.blob), as: UTF8.self), records: covering)
        }
    }
}

extension Evidence {
    private var facts: [(String, String)] {
        [("Module", "\(module) (\(path))"), ("In force on", "\(day) (\(timeZone))"),
         ("Commit", "\(commit.hex), \(Timestamp.format(commitTime))"), ("Fingerprint", fingerprint.value)]
    }

    private func status(_ entry: (record: SignoffRecord, revokedByThen: Bool, problems: [String])) -> String {
        var parts = [entry.record.signature == nil ? "attestation (unsigned)" : "SSH signature"]
        parts.append(entry.problems.isEmpty ? "verified" : "FAILS: " + entry.problems.joined(separator: "; "))
        if entry.revokedByThen { parts.append("revoked by then") }
        return parts.joined(separator: ", ")
    }

    private static let signatureColumns = ["Record", "Time (UTC)", "Reviewer", "Reviewer id", "Role", "Meaning", "Comment", "Signature"]

    private var signatureRows: [[String]] {
        records.map { entry in
            let record = entry.record
            return [record.id, Timestamp.format(record.time), "\(record.reviewerName) <\(record.reviewerEmail)>", record.reviewerID,
                    record.role, record.meaning.rawValue, record.comment, status(entry)]
        }
    }

    public var markdown: String {
        let cell = ReviewReport.cell
        var lines = ["# Evidence: \(title)", ""]
        lines += facts.map { "- **\($0.0)**: \(cell($0.1))" }
        lines += ["", "## Sign-offs on this text by the end of \(day)", ""]
        if records.isEmpty {
            lines.append("None: no sign-off covered this text on that day.")
        } else {
            lines.append("| " + Self.signatureColumns.joined(separator: " | ") + " |")
            lines.append("|" + String(repeating: "---|", count: Self.signatureColumns.count))
            lines += signatureRows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
        }
        let fence = String(repeating: "`", count: max(4, (text.components(separatedBy: "\n").map { $0.prefix { $0 == "`" }.count }.max() ?? 0) + 1))
        lines += ["", "## Text in force", "", fence + "markdown", text.hasSuffix("\n") ? String(text.dropLast()) : text, fence, ""]
        return lines.joined(separator: "\n")
    }

    public var html: String {
        var body = "<h1>Evidence: \(HTMLPage.escape(title))</h1>\n<table>\n"
        body += facts.map { "<tr><th>\(HTMLPage.escape($0.0))</th><td>\(HTMLPage.escape($0.1))</td></tr>\n" }.joined() + "</table>\n"
        body += "<section>\n<h2>Sign-offs on this text by the end of \(day)</h2>\n"
        if records.isEmpty {
            body += "<p class=\"note\">None: no sign-off covered this text on that day.</p>\n"
        } else {
            body += "<table>\n<tr>" + Self.signatureColumns.map { "<th>\(HTMLPage.escape($0))</th>" }.joined() + "</tr>\n"
            for (entry, row) in zip(records, signatureRows) {
                body += "<tr" + (entry.problems.isEmpty ? "" : " class=\"fails\"") + ">"
                    + row.map { "<td>\(HTMLPage.escape($0))</td>" }.joined() + "</tr>\n"
            }
            body += "</table>\n"
        }
        body += "</section>\n<section>\n<h2>Text in force</h2>\n<div class=\"text\">\(HTMLPage.escape(text))</div>\n</section>\n"
        return HTMLPage.document(title: "Evidence: \(title) on \(day)", body: body)
    }
}
