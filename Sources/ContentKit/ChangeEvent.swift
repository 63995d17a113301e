import Foundation

/// A dated product or market change (label change, new indication, competitor launch, ...), one YAML file each.
public struct ChangeEvent: Sendable {
    public let id: String
    public let path: String
    public let kind: String
    /// The effective date: the event takes effect at 00:00 of this day.
    public let date: CalendarDate
    /// Empty lists with `appliesToAll` false never happen: an event must be scoped.
    public let scope: Scope
    public let appliesToAll: Bool
    public let summary: String
    public let source: String?

    public func affects(_ module: Module) -> Bool {
        affects(module.scope)
    }

    /// Whether the event touches modules of `moduleScope`; taking the scope lets a caller checking one module against
    /// hundreds of events build it once.
    func affects(_ moduleScope: Scope) -> Bool {
        appliesToAll || scope.overlaps(moduleScope)
    }

    static let knownKeys: Set<String> = ["id", "kind", "date", "products", "markets", "therapeutic_areas", "summary", "source", "scope"]

    /// Parses an event file. Unknown keys, a missing date or a missing scope are errors: a careless
    /// event must neither flag the whole library nor silently flag nothing.
    static func parse(_ data: [UInt8], path: String, config: ContentConfig) throws(ContentError) -> ChangeEvent {
        let text = try TextFile.decode(data, file: path, limit: YAMLDocument.maximumSize)
        let fields = try YAMLFields(try YAMLDocument.parse(text, file: path), file: path, what: "change event")
        try fields.requireKnownKeys(knownKeys, in: "change event")
        let id = try fields.string("id") ?? RepositoryPath.baseName(of: path, dropping: ".yml")
        guard ModuleID.isValid(id) else {
            throw .badContent(path, line: fields.line(of: "id"), "event id '\(id)' must be letters, digits, '.', '_' or '-'")
        }
        guard let kind = try fields.string("kind"), !kind.isEmpty else {
            throw .badContent(path, line: fields.line, "event has no kind (e.g. label-change, new-indication, competitor-launch)")
        }
        if let kinds = config.vocabularies.eventKinds, !kinds.contains(kind) {
            throw .badContent(path, line: fields.line(of: "kind"), "kind '\(kind)' is not in the vocabulary of \(ContentConfig.fileName)")
        }
        guard let date = try fields.date("date") else {
            throw .badContent(path, line: fields.line, "event has no date (the effective date, YYYY-MM-DD)")
        }
        let scope = Scope(products: try fields.strings("products", allowedBy: config.vocabularies.products),
                          markets: try fields.strings("markets", allowedBy: config.vocabularies.markets),
                          therapeuticAreas: try fields.strings("therapeutic_areas", allowedBy: config.vocabularies.therapeuticAreas))
        var appliesToAll = false
        if let written = try fields.string("scope") {
            guard written == "all" else {
                throw .badContent(path, line: fields.line(of: "scope"), "scope may only be 'all', not '\(written)'")
            }
            guard scope.products.isEmpty, scope.markets.isEmpty, scope.therapeuticAreas.isEmpty else {
                throw .badContent(path, line: fields.line(of: "scope"), "scope: all cannot be combined with products, markets or therapeutic_areas")
            }
            appliesToAll = true
        } else if scope.products.isEmpty && scope.markets.isEmpty {
            throw .badContent(path, line: fields.line, "event names no product or market (add products:, markets:, or scope: all)")
        }
        guard let summary = try fields.string("summary"), !summary.isEmpty else {
            throw .badContent(path, line: fields.line, "event has no summary")
        }
        return ChangeEvent(id: id, path: path, kind: kind, date: date, scope: scope, appliesToAll: appliesToAll,
                           summary: summary, source: try fields.string("source"))
    }
}
