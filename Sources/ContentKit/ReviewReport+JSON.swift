import Foundation

extension ReviewReport {
    /// The documented `--format json` document.
    public var json: JSONValue {
        .object([
            ("schemaVersion", .number(Self.schemaVersion)),
            ("asOf", .string(asOf.description)),
            ("timeZone", .string(timeZone)),
            ("head", .string(head.hex)),
            ("branch", .optional(branch)),
            ("content", .string(contentFolder)),
            ("modules", .lazyArray(count: modules.count) { [modules] in modules[$0].json }),
            ("summary", summaryJSON),
            ("warnings", .strings(warnings)),
        ])
    }

    private var summaryJSON: JSONValue {
        func verdictCounts(_ counts: [Verdict: Int]) -> JSONValue {
            .object(Verdict.allCases.compactMap { verdict in counts[verdict].map { (verdict.rawValue, .number($0)) } })
        }
        return .object([
            ("modules", .number(modules.count)),
            ("verdicts", verdictCounts(counts)),
            ("products", .object(counts(by: \.products).map { ($0.name, verdictCounts($0.counts)) })),
            ("markets", .object(counts(by: \.markets).map { ($0.name, verdictCounts($0.counts)) })),
        ])
    }
}

extension ModuleReview {
    var json: JSONValue {
        .object([
            ("id", .string(id)),
            ("path", .string(path)),
            ("title", .string(title)),
            ("status", .optional(status?.rawValue)),
            ("owner", .optional(owner)),
            ("products", .strings(products)),
            ("markets", .strings(markets)),
            ("signoffRoles", .strings(signoffRoles)),
            ("lastChanged", lastChanged?.lastChangedJSON ?? .null),
            ("fingerprint", .optional(fingerprint?.value)),
            ("verdicts", .strings(verdicts.map(\.rawValue))),
            ("reasons", .array(reasons.map(\.json))),
            ("signoffs", .array(signoffs.map { $0.record.summaryJSON(standing: $0.standing) })),
        ])
    }
}

extension Reason {
    var json: JSONValue {
        .object([
            ("verdict", .string(verdict.rawValue)),
            ("message", .string(message)),
            ("events", .array(events.map { .object([("id", .string($0.id)), ("date", .string($0.date.description))]) })),
            ("signoffs", .array(signoffs.map {
                .object([("id", .string($0.id)), ("role", .string($0.role)), ("name", .string($0.name)),
                         ("email", .string($0.email)), ("time", .string(Timestamp.format($0.time)))])
            })),
            ("commits", .array(commits.map(\.json))),
            ("owedBy", .strings(owedBy)),
            ("waitingSince", .optional(waitingSince?.description)),
        ])
    }
}

extension Reason.CommitReference {
    var json: JSONValue {
        .object([("id", .string(id.hex)), ("date", .string(Timestamp.format(date)))])
    }

    /// The same, as the `lastChanged` field of a module names it.
    var lastChangedJSON: JSONValue {
        .object([("commit", .string(id.hex)), ("date", .string(Timestamp.format(date)))])
    }
}

extension SignoffRecord {
    /// The record's fields as listed by `signoffs list` and `review --format json`.
    func summaryJSON(standing: Bool) -> JSONValue {
        .object([
            ("id", .string(id)),
            ("module", .string(module)),
            ("path", .string(path)),
            ("fingerprint", .string(fingerprint.value)),
            ("role", .string(role)),
            ("meaning", .string(meaning.rawValue)),
            ("revokes", .optional(revokes)),
            ("reviewerId", .string(reviewerID)),
            ("name", .string(reviewerName)),
            ("email", .string(reviewerEmail)),
            ("time", .string(Timestamp.format(time))),
            ("commit", .string(commit.hex)),
            ("comment", .string(comment)),
            ("signed", .bool(signature != nil)),
            ("standing", .bool(standing)),
        ])
    }
}
