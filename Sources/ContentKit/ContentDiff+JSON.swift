extension ContentDiff {
    /// The documented `--format json` document.
    public var json: JSONValue {
        .object([
            ("schemaVersion", .number(Self.schemaVersion)),
            ("from", revisionJSON(from)),
            ("to", to.map(revisionJSON) ?? .object([("label", .string("work tree")), ("commit", .null)])),
            ("reversed", .bool(reversed)),
            ("granularity", .string(granularity.rawValue)),
            ("modules", .lazyArray(count: modules.count) { [modules] in modules[$0].json }),
            ("files", .array(files.map { file in
                .object([("path", .string(file.path)), ("oldPath", .optional(file.oldPath)), ("status", .string(file.status.rawValue)),
                         ("similarity", file.similarity.map(JSONValue.number) ?? .null)])
            })),
            ("events", .array(events.map { event in
                .object([("id", .string(event.id)), ("path", .string(event.path)), ("status", .string(event.status.rawValue)),
                         ("date", .optional(event.date?.description)), ("kind", .optional(event.kind)), ("summary", .optional(event.summary))])
            })),
            ("marketUpdates", .array(marketUpdates.map { update in
                .object([("name", .string(update.name)), ("commit", .string(update.commit.hex)), ("date", .string(Timestamp.format(update.date)))])
            })),
            ("signoffs", .array(signoffs.map { $0.summaryJSON(standing: true) })),
            ("stat", statJSON),
        ])
    }

    private func revisionJSON(_ revision: Revision) -> JSONValue {
        .object([("label", .string(revision.label)), ("commit", .string(revision.commit.hex))])
    }

    private var statJSON: JSONValue {
        let stat = self.stat
        func totals(_ groups: [(name: String, added: Int, removed: Int)]) -> JSONValue {
            .object(groups.map { ($0.name, .object([("added", .number($0.added)), ("removed", .number($0.removed))])) })
        }
        return .object([
            ("wordsAdded", .number(stat.added)), ("wordsRemoved", .number(stat.removed)),
            ("products", totals(stat.products)), ("markets", totals(stat.markets)),
        ])
    }
}

extension ContentDiff.ModuleChange {
    var json: JSONValue {
        let counts = wordCounts
        return .object([
            ("id", .string(id)),
            ("title", .string(title)),
            ("path", .string(path)),
            ("oldPath", .optional(oldPath)),
            ("status", .string(status.rawValue)),
            ("similarity", similarity.map(JSONValue.number) ?? .null),
            ("fields", .array(fields.map { .object([("name", .string($0.name)), ("old", .optional($0.old)), ("new", .optional($0.new))]) })),
            ("assets", .array(assets.map { .object([("path", .string($0.path)), ("status", .string($0.status.rawValue))]) })),
            ("binary", .bool(binary)),
            ("wordsAdded", .number(counts.added)),
            ("wordsRemoved", .number(counts.removed)),
            ("hunks", .array(hunks.map { hunk in
                .object([
                    ("oldLine", .number(hunk.oldLine)), ("newLine", .number(hunk.newLine)),
                    ("segments", .array(hunk.segments.map { .object([("kind", .string($0.kind.rawValue)), ("text", .string($0.text))]) })),
                ])
            })),
        ])
    }
}
