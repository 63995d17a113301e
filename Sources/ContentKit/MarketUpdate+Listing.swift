extension ListingFormatter {
    public static func table(_ updates: [MarketUpdate], style: OutputStyle) -> String {
        guard !updates.isEmpty else { return "No market updates yet (contentctl mark NAME creates one).\n" }
        var rows: [[String]] = [["NAME", "DATE", "COMMIT", "TAGGER", "MODULES CHANGED"]]
        for update in updates {
            rows.append([update.name, Timestamp.format(update.date), String(update.commit.hex.prefix(7)),
                         update.tagger ?? "(lightweight tag)", String(update.changedModules.count)])
        }
        return columns(rows, style: style)
    }

    public static func json(_ updates: [MarketUpdate]) -> JSONValue {
        .object([
            ("schemaVersion", .number(schemaVersion)),
            ("updates", .array(updates.map { update in
                .object([
                    ("name", .string(update.name)),
                    ("tag", .string(update.tagName)),
                    ("date", .string(Timestamp.format(update.date))),
                    ("commit", .string(update.commit.hex)),
                    ("tagger", .optional(update.tagger)),
                    ("message", .string(update.message)),
                    ("modulesChanged", .number(update.changedModules.count)),
                    ("changedModules", .strings(update.changedModules)),
                ])
            })),
        ])
    }
}
