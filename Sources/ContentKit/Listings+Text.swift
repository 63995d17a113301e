import Foundation

/// Table and JSON views of `modules`, `changes` and `signoffs`.
public enum ListingFormatter {
    public static let schemaVersion = 1

    public static func table(_ listing: ModuleListing, style: OutputStyle) -> String {
        var rows: [[String]] = [["ID", "STATUS", "CADENCE", "PRODUCTS", "MARKETS", "ROLES", "LAST CHANGED", "PATH"]]
        for module in listing.library.modules {
            rows.append([
                module.id, module.status.rawValue, module.cadence.description,
                list(module.products), list(module.markets), module.signoffRoles.joined(separator: ","),
                listing.lastChanges[module.path].map { "\($0.id.hex.prefix(7)) \(Timestamp.format($0.date).prefix(10))" } ?? "uncommitted",
                module.path,
            ])
        }
        var output = columns(rows, style: style)
        for invalid in listing.library.invalidModules {
            output += style.paint("invalid", .red) + "  " + invalid.message + "\n"
        }
        output += "\(listing.library.modules.count) modules read from \(listing.library.sourceName)"
        output += listing.library.invalidModules.isEmpty ? "\n" : ", \(listing.library.invalidModules.count) invalid\n"
        return output
    }

    public static func json(_ listing: ModuleListing) -> JSONValue {
        .object([
            ("schemaVersion", .number(schemaVersion)),
            ("source", .string(listing.library.sourceName)),
            ("modules", .array(listing.library.modules.map { module in
                .object([
                    ("id", .string(module.id)),
                    ("path", .string(module.path)),
                    ("title", .string(module.title)),
                    ("type", .optional(module.type)),
                    ("owner", .optional(module.owner)),
                    ("status", .string(module.status.rawValue)),
                    ("products", .strings(module.products)),
                    ("markets", .strings(module.markets)),
                    ("therapeuticAreas", .strings(module.therapeuticAreas)),
                    ("audience", .strings(module.audience)),
                    ("assets", .strings(module.assetFiles.map(\.path))),
                    ("cadence", .string(module.cadence.description)),
                    ("signoffRoles", .strings(module.signoffRoles)),
                    ("expires", .optional(module.expires?.description)),
                    ("hasExplicitId", .bool(module.hasExplicitID)),
                    ("fingerprint", .string(module.fingerprint.value)),
                    ("lastChanged", listing.lastChanges[module.path]?.lastChangedJSON ?? .null),
                ])
            })),
            ("invalid", .array(listing.library.invalidModules.map {
                .object([("path", .string($0.path)), ("message", .string($0.message))])
            })),
            ("warnings", .strings(listing.library.warnings)),
        ])
    }

    public static func table(_ impacts: [EventImpact], style: OutputStyle) -> String {
        guard !impacts.isEmpty else { return "No change events.\n" }
        var output = ""
        for impact in impacts {
            let event = impact.event
            let scope = event.appliesToAll ? "all modules" : ContentRepository.scopeText(event.scope)
            output += "\(style.paint(event.date.description, .bold))  \(style.paint(event.id, .bold))  \(event.kind)  (\(scope))\n"
            output += "    \(event.summary)\n"
            output += "    recorded: \(impact.recorded.map(Timestamp.format) ?? "not committed yet")\n"
            output += "    modules (\(impact.moduleIDs.count)): \(impact.moduleIDs.joined(separator: ", "))\n"
            let people = impact.reviewers.map { "\($0.reviewer.name) (\($0.role))" }
            output += "    reviewers (\(people.count)): \(people.joined(separator: ", "))\n"
        }
        return output
    }

    public static func json(_ impacts: [EventImpact]) -> JSONValue {
        .object([
            ("schemaVersion", .number(schemaVersion)),
            ("events", .array(impacts.map { impact in
                let event = impact.event
                return .object([
                    ("id", .string(event.id)),
                    ("path", .string(event.path)),
                    ("kind", .string(event.kind)),
                    ("date", .string(event.date.description)),
                    ("scope", event.appliesToAll ? .string("all") : .object([
                        ("products", .strings(event.scope.products)),
                        ("markets", .strings(event.scope.markets)),
                        ("therapeuticAreas", .strings(event.scope.therapeuticAreas)),
                    ])),
                    ("summary", .string(event.summary)),
                    ("source", .optional(event.source)),
                    ("recorded", .optional(impact.recorded.map(Timestamp.format))),
                    ("modules", .strings(impact.moduleIDs)),
                    ("reviewers", .array(impact.reviewers.map {
                        .object([("role", .string($0.role)), ("name", .string($0.reviewer.name)), ("email", .string($0.reviewer.email))])
                    })),
                ])
            })),
        ])
    }

    public static func table(_ records: [(record: SignoffRecord, standing: Bool)], style: OutputStyle) -> String {
        guard !records.isEmpty else { return "No sign-off records.\n" }
        var rows: [[String]] = [["RECORD", "TIME", "MODULE", "ROLE", "MEANING", "REVIEWER", "FINGERPRINT", "KIND"]]
        for (record, standing) in records {
            let meaning = standing || record.meaning == .revoked ? record.meaning.rawValue : record.meaning.rawValue + " (revoked)"
            rows.append([record.shortID, Timestamp.format(record.time), record.module, record.role, meaning,
                         record.reviewerName, record.fingerprint.short, record.signature == nil ? "attestation" : "signed"])
        }
        return columns(rows, style: style)
    }

    public static func json(_ records: [(record: SignoffRecord, standing: Bool)]) -> JSONValue {
        .object([
            ("schemaVersion", .number(schemaVersion)),
            ("signoffs", .array(records.map { $0.record.summaryJSON(standing: $0.standing) })),
        ])
    }

    /// Every field of one record, then its exact payload.
    public static func detail(_ record: SignoffRecord, standing: Bool) -> String {
        var output = ""
        let fields: [(String, String)] = [
            ("Record", record.id), ("Module", "\(record.module) (\(record.path))"), ("Fingerprint", record.fingerprint.value),
            ("Role", record.role), ("Meaning", record.meaning.rawValue + (standing || record.meaning == .revoked ? "" : " (revoked)")),
            ("Revokes", record.revokes ?? ""), ("Reviewer", "\(record.reviewerName) <\(record.reviewerEmail)> (id \(record.reviewerID))"),
            ("Time", Timestamp.format(record.time)), ("Commit", record.commit.hex), ("Comment", record.comment),
            ("Kind", record.signature == nil ? "attestation (unsigned)" : "electronic signature (SSH)"),
        ]
        for (name, value) in fields where !value.isEmpty {
            output += name.padding(toLength: 12, withPad: " ", startingAt: 0) + value + "\n"
        }
        return output
    }

    public static func json(_ record: SignoffRecord, standing: Bool) -> JSONValue {
        guard case .object(var pairs) = record.summaryJSON(standing: standing) else { return .null }
        pairs.insert(("schemaVersion", .number(schemaVersion)), at: 0)
        pairs.append(("payload", .string(record.payload)))
        pairs.append(("signature", .optional(record.signature)))
        return .object(pairs)
    }

    static func list(_ values: [String]) -> String {
        values.isEmpty ? "all" : values.joined(separator: ",")
    }

    /// Left-aligned columns, the first row as a bold header.
    static func columns(_ rows: [[String]], style: OutputStyle) -> String {
        guard let header = rows.first else { return "" }
        let counts = rows.map { $0.map(width) }
        let widths = header.indices.map { column in counts.map { $0[column] }.max() ?? 0 }
        // One string grown in place: a far diff's --stat lists tens of thousands of rows.
        var output = ""
        output.reserveCapacity(rows.count * (widths.reduce(0, +) + 2 * widths.count + 1))
        for (index, row) in rows.enumerated() {
            // Padded by characters, the unit widths are measured in (Foundation's padding counts UTF-16 units, which
            // cuts off the end of a cell with an emoji).
            var line = ""
            for column in row.indices {
                if column > 0 { line += "  " }
                line += row[column]
                if column < row.count - 1 { line += String(repeating: " ", count: widths[column] - counts[index][column]) }
            }
            output += index == 0 ? style.paint(line, .bold) : line
            output += "\n"
        }
        return output
    }

    /// A cell's width in characters; ASCII text, nearly every cell, is measured by its bytes (a far diff lists
    /// tens of thousands of rows). A carriage return is excluded: before a line feed the two are one character.
    private static func width(_ cell: String) -> Int {
        cell.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? cell.utf8.count : cell.count
    }
}
