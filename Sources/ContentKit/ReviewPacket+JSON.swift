import Foundation

extension ReviewPacket {
    static let kind = "contentctl-review-packet"

    /// The packet as data: what `review --cycle C --record` commits as `packet.json`, and `review --format json`
    /// prints with `--cycle` or `--metrics`. It is the review document plus the cycle, its completion and the metrics.
    public var json: JSONValue {
        guard case .object(let review) = report.json else { return report.json }
        return .object([("kind", .string(Self.kind))] + review + [
            ("cycle", cycleJSON),
            ("completion", completionJSON),
            ("metrics", metrics.json),
            ("signatures", .array(signatures.map { $0.summaryJSON(standing: $0.meaning != .revoked && !revokedIDs.contains($0.id)) })),
        ])
    }

    var cycleJSON: JSONValue {
        .object([("name", .string(cycle.name)), ("start", .string(cycle.start.description)), ("end", .string(cycle.end.description))])
    }

    var completionJSON: JSONValue {
        .object([
            ("required", .number(completion.required)),
            ("gathered", .number(completion.gathered)),
            ("roles", .array(completion.roles.map { role in
                .object([("role", .string(role.role)), ("required", .number(role.required)), ("gathered", .number(role.gathered)),
                         ("medianDays", role.medianDays.map(JSONValue.decimal) ?? .null)])
            })),
            ("events", .array(completion.events.map(\.json))),
        ])
    }
}
