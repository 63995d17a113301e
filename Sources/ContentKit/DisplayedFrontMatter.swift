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

    /// The YAML text the fields were read from, nil without front matter.
    let yaml: String?

    /// `sameAs`: the other side of a change; when its YAML is the same text, its fields are taken rather than parsed
    /// again (most edits change only the body, and parsing YAML costs more than the word diff).
    init(_ text: String, sameAs other: DisplayedFrontMatter? = nil) {
        guard let split = try? FrontMatter.split(text, file: ""), let yaml = split.yaml else {
            self.init(values: [:], lists: [:], keys: [], body: text, bodyLine: 1, yaml: nil)
            return
        }
        if let other, other.yaml == yaml {
            self.init(values: other.values, lists: other.lists, keys: other.keys, body: split.body, bodyLine: split.bodyFirstLine, yaml: yaml)
            return
        }
        // Room for the fields a module usually has, so the tables are not grown key by key.
        var values = [String: String](minimumCapacity: 16)
        var lists = [String: [String]](minimumCapacity: 16)
        var keys: [String] = []
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
        self.init(values: values, lists: lists, keys: keys, body: split.body, bodyLine: split.bodyFirstLine, yaml: yaml)
    }

    private init(values: [String: String], lists: [String: [String]], keys: [String], body: String, bodyLine: Int, yaml: String?) {
        self.values = values
        self.lists = lists
        self.keys = keys
        self.body = body
        self.bodyLine = bodyLine
        self.yaml = yaml
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
