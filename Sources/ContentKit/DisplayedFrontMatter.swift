/// A module's front matter as text to show in a diff: each key's value as written (lists as `[a, b]`),
/// read leniently so that a diff can still show a file that is not a valid module.
struct DisplayedFrontMatter {
    /// Scalars as written; lists joined as `[a, b]`.
    let values: [String: String]
    /// Keys whose value is a list (or a single text), as lists.
    let lists: [String: [String]]
    let keys: [String]
    let body: String
    /// The file line the body starts on.
    let bodyLine: Int

    init(_ text: String) {
        var values: [String: String] = [:]
        var lists: [String: [String]] = [:]
        var keys: [String] = []
        var body = text
        var bodyLine = 1
        if let split = try? FrontMatter.split(text, file: ""), let yaml = split.yaml {
            body = split.body
            bodyLine = split.bodyFirstLine
            if let parsed = try? YAMLDocument.parse(yaml, file: ""), case .mapping(let pairs, _) = parsed {
                for (key, value) in pairs {
                    keys.append(key)
                    switch value {
                    case .scalar(let text, _):
                        values[key] = text
                        lists[key] = [text]
                    case .null:
                        values[key] = ""
                        lists[key] = []
                    case .sequence(let items, _):
                        let texts = items.map { item -> String in
                            if case .scalar(let text, _) = item { return text }
                            return "..."
                        }
                        values[key] = "[" + texts.joined(separator: ", ") + "]"
                        lists[key] = texts
                    case .mapping:
                        values[key] = "{...}"
                        lists[key] = []
                    }
                }
            }
        }
        self.values = values
        self.lists = lists
        self.keys = keys
        self.body = body
        self.bodyLine = bodyLine
    }

    /// Fields whose displayed value differs, in the order they appear (new side first, then removed keys).
    static func changes(from old: DisplayedFrontMatter?, to new: DisplayedFrontMatter?) -> [ContentDiff.FieldChange] {
        var order = new?.keys ?? []
        for key in old?.keys ?? [] where !order.contains(key) { order.append(key) }
        return order.compactMap { key in
            let before = old?.values[key]
            let after = new?.values[key]
            return before == after ? nil : ContentDiff.FieldChange(name: key, old: before, new: after)
        }
    }
}
