import Foundation

extension PendingList {
    public var json: JSONValue {
        .object([
            ("asOf", .string(asOf.description)),
            ("cycle", .optional(cycle?.name)),
            ("reviewers", .array(people.map { person in
                .object([
                    ("name", .string(person.name)), ("email", .string(person.email)), ("roles", .strings(person.roles)),
                    ("scope", .string(person.scope)),
                    ("modules", .array(person.items.map { item in
                        .object([("id", .string(item.module)), ("title", .string(item.title)), ("path", .string(item.path)),
                                 ("role", .string(item.role)), ("verdict", .string(item.verdict.rawValue)), ("why", .string(item.why)),
                                 ("waitingSince", .optional(item.since?.description)), ("days", item.days.map(JSONValue.number) ?? .null)])
                    })),
                ])
            })),
        ])
    }

    /// Rendered through `reports/pending.<ext>.mustache` (text or CSV).
    public func render(_ format: ReportFormat, templates: TemplateLibrary) throws(ContentError) -> String {
        let t = format.text
        func item(_ item: Item, of person: Person) -> [String: Any] {
            ["name": t(person.name), "email": t(person.email), "module": t(item.module), "title": t(item.title), "path": t(item.path),
             "role": t(item.role), "verdict": item.verdict.rawValue, "why": t(item.why), "since": item.since?.description ?? "",
             "days": item.days.map { String($0) } ?? "", "waited": item.days.map { counted($0, "day") } ?? "not dated"]
        }
        // Each item's values are made once and shared by the per-person lists and the flat rows (the CSV's): on a
        // library of ten thousand modules they run to a hundred thousand items.
        let items = people.map { person in person.items.map { item($0, of: person) } }
        let context: [String: Any] = [
            "asOf": asOf.description, "cycle": t(cycle?.name ?? ""), "hasCycle": cycle != nil,
            "people": zip(people, items).map { person, items in
                ["name": t(person.name), "email": t(person.email), "roles": t(person.roles.joined(separator: ", ")), "scope": t(person.scope),
                 "count": counted(person.items.count, "module"), "hasItems": !person.items.isEmpty, "items": items] as [String: Any]
            },
            "rows": Array(items.joined()),
        ]
        return try templates.renderReport("pending", format: format, context: context)
    }
}
