import Foundation

extension ReviewMetrics {
    /// The documented `metrics --format json` document (also the `metrics` object of a review packet).
    public var json: JSONValue {
        .object([
            ("asOf", .string(asOf.description)),
            ("since", .optional(since?.description)),
            ("eventResponse", .array(events.map(\.json))),
            ("signoffLatency", .array(latency.map(\.json))),
            ("coverage", .object([
                ("overall", overall.json),
                ("products", .array(byProduct.map(\.json))),
                ("markets", .array(byMarket.map(\.json))),
                ("owners", .array(byOwner.map(\.json))),
            ])),
            ("overdue", .array(overdue.map { .object([("id", .string($0.id)), ("title", .string($0.title)),
                                                      ("due", .string($0.due.description)), ("daysOverdue", .number($0.days))]) })),
            ("churn", .array(churn.map { .object([("marketUpdate", .string($0.update)), ("date", .string($0.date.description)),
                                                  ("modulesChanged", .number($0.modulesChanged))]) })),
        ])
    }

    public var text: String {
        var lines = ["Metrics as of \(asOf)" + (since.map { ", since \($0)" } ?? "")]
        lines += ["", "Coverage: \(overall.current) of \(overall.active) active modules current (\(overall.percent)%)"]
        for (label, rows) in [("product", byProduct), ("market", byMarket), ("owner", byOwner)] {
            lines.append("  by \(label): " + rows.map { "\($0.name) \($0.current)/\($0.active)" }.joined(separator: ", "))
        }
        lines += ["", "Change event response (effective date to the last sign-off clearing every module it affects)"]
        if events.isEmpty { lines.append("  none") }
        for event in events { lines.append("  " + event.line) }
        lines += ["", "Sign-off latency (text change to sign-off, days)"]
        for role in latency { lines.append("  " + role.line) }
        lines += ["", "Overdue"]
        if overdue.isEmpty { lines.append("  none") }
        for module in overdue { lines.append("  \(module.id): due \(module.due), \(counted(module.days, "day")) overdue") }
        lines += ["", "Churn (modules changed per market update)"]
        if churn.isEmpty { lines.append("  no market update after the first") }
        for update in churn { lines.append("  \(update.update) (\(update.date)): \(counted(update.modulesChanged, "module"))") }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ReviewMetrics.EventResponse {
    var json: JSONValue {
        .object([
            ("id", .string(id)), ("kind", .string(kind)), ("summary", .string(summary)),
            ("effective", .string(effective.description)), ("recorded", .string(recorded.description)),
            ("modules", .number(modules)), ("required", .number(required)), ("gathered", .number(gathered)),
            ("open", .bool(isOpen)), ("clearedOn", .optional(clearedOn?.description)), ("days", days.map(JSONValue.number) ?? .null),
        ])
    }

    /// What a reader needs in one line: how long, or how long so far.
    public var outcome: String {
        if let clearedOn, let days {
            return days < 0 ? "cleared \(clearedOn), \(counted(-days, "day")) before it took effect" : "cleared \(clearedOn), \(counted(days, "day")) after it took effect"
        }
        if let days { return "open, running \(counted(days, "day"))" }
        return "open, takes effect \(effective)"
    }

    var line: String {
        "\(id) (\(effective)): \(gathered)/\(required) sign-offs from \(counted(modules, "module")); \(outcome)"
    }
}

extension ReviewMetrics.Latency {
    var json: JSONValue {
        .object([
            ("role", .string(role)), ("signoffs", .number(samples.count)),
            ("medianDays", median.map(JSONValue.decimal) ?? .null), ("p90Days", p90.map(JSONValue.decimal) ?? .null),
            ("waiting", .number(waiting)), ("oldestWaitingDays", oldestWaitingDays.map(JSONValue.number) ?? .null),
        ])
    }

    var line: String {
        let measured = median.map { String(format: "median %.1f, 90th percentile %.1f over %d sign-offs", $0, p90 ?? $0, samples.count) } ?? "no sign-off measured"
        return "\(role): \(measured); \(waiting) waiting" + (oldestWaitingDays.map { " (oldest \(counted($0, "day")))" } ?? "")
    }
}

extension ReviewMetrics.Coverage {
    var json: JSONValue {
        .object([("name", .string(name)), ("active", .number(active)), ("current", .number(current)), ("percent", .number(percent))])
    }
}
