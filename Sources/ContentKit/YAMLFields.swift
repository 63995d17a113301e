/// Typed access to a YAML mapping, with `file:line:` errors that say which key is wrong and how.
struct YAMLFields {
    let file: String
    let line: Int
    private let pairs: [(key: String, value: YAMLValue)]

    /// `value` must be a mapping (or absent, for an empty file); `what` names it in errors ("front matter").
    init(_ value: YAMLValue?, file: String, what: String) throws(ContentError) {
        self.file = file
        switch value {
        case nil:
            pairs = []
            line = 1
        case .null(let line):
            pairs = []
            self.line = line
        case .mapping(let pairs, let line):
            self.pairs = pairs
            self.line = line
        case .scalar(_, let line)?, .sequence(_, let line)?:
            throw .badContent(file, line: line, "\(what) must be a mapping of keys to values")
        }
    }

    init(mapping pairs: [(key: String, value: YAMLValue)], line: Int, file: String) {
        self.pairs = pairs
        self.line = line
        self.file = file
    }

    var keys: [String] { pairs.map(\.key) }

    func value(_ key: String) -> YAMLValue? {
        pairs.first { $0.key == key }?.value
    }

    func line(of key: String) -> Int {
        value(key)?.line ?? line
    }

    /// Keys not in `known`, with their lines, in file order.
    func unknownKeys(known: Set<String>) -> [(key: String, line: Int)] {
        pairs.filter { !known.contains($0.key) }.map { ($0.key, $0.value.line) }
    }

    func string(_ key: String) throws(ContentError) -> String? {
        switch value(key) {
        case nil, .null?: return nil
        case .scalar(let text, _)?: return text
        case .sequence(_, let line)?, .mapping(_, let line)?:
            throw .badContent(file, line: line, "\(key) must be text, not a list or mapping")
        }
    }

    /// A list of texts; a single text counts as a list of one, and an absent key as empty.
    func strings(_ key: String) throws(ContentError) -> [String] {
        switch value(key) {
        case nil, .null?: return []
        case .scalar(let text, _)?: return [text]
        case .sequence(let items, _)?:
            var result: [String] = []
            for item in items {
                guard case .scalar(let text, _) = item else {
                    throw .badContent(file, line: item.line, "\(key) must be a list of texts")
                }
                result.append(text)
            }
            return result
        case .mapping(_, let line)?:
            throw .badContent(file, line: line, "\(key) must be a list of texts, not a mapping")
        }
    }

    /// A list of texts that must each be in `vocabulary` when the configuration declares one.
    func strings(_ key: String, allowedBy vocabulary: Set<String>?) throws(ContentError) -> [String] {
        let values = try strings(key)
        if let vocabulary, let unknown = values.first(where: { !vocabulary.contains($0) }) {
            throw .badContent(file, line: line(of: key), "\(key) value '\(unknown)' is not in the vocabulary of \(ContentConfig.fileName)")
        }
        return values
    }

    func date(_ key: String) throws(ContentError) -> CalendarDate? {
        guard let text = try string(key) else { return nil }
        guard let date = CalendarDate(text) else {
            throw .badContent(file, line: line(of: key), "\(key) must be a date written YYYY-MM-DD, not '\(text)'")
        }
        return date
    }

    /// The nested mapping under `key`, or nil when absent.
    func mapping(_ key: String) throws(ContentError) -> YAMLFields? {
        switch value(key) {
        case nil, .null?: return nil
        case .mapping(let pairs, let line)?: return YAMLFields(mapping: pairs, line: line, file: file)
        case .scalar(_, let line)?, .sequence(_, let line)?:
            throw .badContent(file, line: line, "\(key) must be a mapping")
        }
    }

    /// Fails on the first key outside `known`: configuration and rosters reject typos instead of ignoring them.
    func requireKnownKeys(_ known: Set<String>, in what: String) throws(ContentError) {
        if let unknown = unknownKeys(known: known).first {
            throw .badContent(file, line: unknown.line, "unknown key '\(unknown.key)' in \(what) (known: \(known.sorted().joined(separator: ", ")))")
        }
    }
}
