import Foundation

extension RecordedCycle {
    public var json: JSONValue {
        .object([
            ("cycle", .string(cycle.name)), ("start", .string(cycle.start.description)), ("end", .string(cycle.end.description)),
            ("asOf", .string(asOf.description)), ("path", .string(path)), ("modules", .number(modules)),
            ("verdicts", .object(verdicts.map { ($0.verdict, .number($0.count)) })),
            ("roles", .array(roles.map { role in
                .object([("role", .string(role.role)), ("required", .number(role.required)), ("gathered", .number(role.gathered)),
                         ("medianDays", role.medianDays.map(JSONValue.decimal) ?? .null)])
            })),
            ("events", .array(events.map { event in
                .object([("id", .string(event.id)), ("required", .number(event.required)), ("gathered", .number(event.gathered)),
                         ("open", .bool(event.isOpen)), ("days", event.days.map(JSONValue.number) ?? .null)])
            })),
        ])
    }

    /// A few lines per cycle: scope, completion per role and per change event (never per named person).
    public var text: String {
        let gathered = roles.reduce(0) { $0 + $1.gathered }, required = roles.reduce(0) { $0 + $1.required }
        var lines = ["\(cycle.name) (\(cycle.start) to \(cycle.end)), recorded as of \(asOf): \(gathered) of \(required) required sign-offs (\(percent(gathered, of: required))%)"]
        lines.append("  \(counted(modules, "module")): " + verdicts.map { "\($0.count) \($0.verdict)" }.joined(separator: ", "))
        for role in roles {
            let median = role.medianDays.map { String(format: ", median %.1f days", $0) } ?? ""
            lines.append("  \(role.role): \(role.gathered) of \(role.required) (\(percent(role.gathered, of: role.required))%)\(median)")
        }
        for event in events {
            let state = event.isOpen ? "open" + (event.days.map { ", running \(counted($0, "day"))" } ?? "") : "cleared" + (event.days.map { " in \(counted($0, "day"))" } ?? "")
            lines.append("  event \(event.id): \(event.gathered) of \(event.required), \(state)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
