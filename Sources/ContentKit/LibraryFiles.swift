import GitKit

/// The files a library is read from, listed once: modules, change events, the ledger's records and the roster.
struct LibraryFiles {
    let modules: [(path: String, blob: ObjectID)]
    let events: [(path: String, blob: ObjectID)]
    let records: [(path: String, blob: ObjectID)]
    let roster: (path: String, blob: ObjectID)?

    init(in source: ContentSource, config: ContentConfig) throws(ContentError) {
        (modules, events) = try ContentLibrary.files(in: source, config: config)
        records = try Ledger.files(in: source, contentFolder: config.contentFolder)
        roster = try source.blob(at: config.rosterPath).map { (config.rosterPath, $0) }
    }

    /// The files `ContentLibrary.load` reads under `config`: those `cache` holds no parse of.
    func unparsed(by cache: ParseCache?, config: ContentConfig) -> [(path: String, blob: ObjectID)] {
        let cache = cache.flatMap { $0.serves(config) ? $0 : nil }
        let all = modules + events + records + (roster.map { [$0] } ?? [])
        return all.filter { cache?.holds(path: $0.path, blob: $0.blob) != true }
    }
}
