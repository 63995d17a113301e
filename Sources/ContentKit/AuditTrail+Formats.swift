import Foundation

extension AuditTrail {
    /// The columns of the CSV and the fields of each JSON row, in order.
    static let columns = ["time", "type", "commit", "name", "email", "reviewer_id", "role", "meaning", "fingerprint",
                          "words_added", "words_removed", "reason_or_comment", "record", "signature", "verification", "moved_from"]

    /// One row per entry, values as text, in `columns` order.
    var rows: [[String]] {
        entries.map { entry in
            switch entry {
            case .change(let change):
                return [Timestamp.format(change.time), change.fingerprint == nil ? "deletion" : "change", change.commit.hex,
                        change.author, change.authorEmail, "", "", "", change.fingerprint?.value ?? "",
                        String(change.wordsAdded), String(change.wordsRemoved), change.reason, "", "", "", change.movedFrom ?? ""]
            case .record(let record, let problems):
                return [Timestamp.format(record.time), "signoff", record.commit.hex, record.reviewerName, record.reviewerEmail,
                        record.reviewerID, record.role, record.meaning.rawValue, record.fingerprint.value, "", "",
                        record.comment, record.id, record.signature == nil ? "attestation" : "ssh",
                        problems.isEmpty ? "verified" : "failed: " + problems.joined(separator: "; "), ""]
            }
        }
    }

    public func text(style: OutputStyle) -> String {
        var output = style.paint("Audit trail of \(module) (\(path)), oldest first", .bold) + "\n"
        for entry in entries {
            switch entry {
            case .change(let change):
                let what = change.fingerprint.map { "text \($0.short)" } ?? "deleted"
                output += "\(Timestamp.format(change.time))  change   \(change.commit.hex.prefix(7))  \(change.author) <\(change.authorEmail)>"
                    + "  +\(change.wordsAdded) -\(change.wordsRemoved) words  \(what)  \"\(change.reason)\""
                    + (change.movedFrom.map { "  moved from \($0)" } ?? "") + "\n"
            case .record(let record, let problems):
                let kind = record.signature == nil ? "attestation" : "SSH-signed"
                let status = problems.isEmpty ? style.paint("verified", .green) : style.paint("FAILS: " + problems.joined(separator: "; "), .red)
                output += "\(Timestamp.format(record.time))  signoff  \(record.shortID)  \(record.reviewerName) <\(record.reviewerEmail)>"
                    + "  \(record.role) \(record.meaning.rawValue)  text \(record.fingerprint.short)  \(kind), \(status)"
                    + (record.comment.isEmpty ? "" : "  \"\(record.comment)\"") + "\n"
            }
        }
        return output
    }

    public var json: JSONValue {
        .object([
            ("schemaVersion", .number(Self.schemaVersion)),
            ("module", .string(module)),
            ("path", .string(path)),
            ("entries", .array(rows.map { row in .object(zip(Self.columns, row).map { ($0, .string($1)) }) })),
        ])
    }

    /// RFC 4180: every field quoted, quotes doubled, CRLF between rows; no field starts a spreadsheet formula.
    public var csv: String {
        ([Self.columns] + rows).map { row in
            row.map { "\"" + ReportFormat.defusingFormula($0).replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }
}
