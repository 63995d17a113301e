import Crypto
import Foundation
import GitKit

/// Parsed modules, change events and sign-off records, keyed by path and blob id, kept under `.git/contentctl/cache/` so an
/// unchanged file is never read or parsed twice across runs. A module is taken from here only while the assets
/// it lists still hold the blobs it was parsed with. The file records a digest of the configuration that shapes
/// parsing; under another configuration, or when the file is unreadable or of another format, it starts empty. It is
/// written when the command is done with the repository, and by `review` as soon as its library is read; a save with
/// nothing added since the last writes nothing.
final class ParseCache {
    static let formatLine = "contentctl-parse-cache 1"

    /// Nil for a cache that lives only in memory, for this run.
    private let path: String?
    private var digest: String?
    private var modules = Shelf<Module>()
    private var events = Shelf<ChangeEvent>()
    private var records = Shelf<SignoffRecord>()
    private var added = false
    private var loaded = false
    /// Lines in the file, and its inode and size as this run last saw them: new entries are appended to a file that
    /// is still the one read and not mostly stale, rather than rewriting megabytes for a few modules.
    private var fileEntries = 0
    private var fileIdentity: (inode: UInt64, size: Int64)?

    /// Parsed values by key, and which of them this run used or added: what the next run will most likely ask for again.
    private struct Shelf<Value> {
        var values: [String: Value] = [:]
        var used: Set<String> = []

        mutating func take(_ key: String) -> Value? {
            guard let value = values[key] else { return nil }
            used.insert(key)
            return value
        }

        /// Keys put since the last save: the lines an append writes.
        var fresh: [String] = []

        mutating func put(_ value: Value, at key: String) {
            values[key] = value
            used.insert(key)
            fresh.append(key)
        }

        /// The used values in key order, for writing.
        var usedInOrder: [(key: String, value: Value)] {
            used.sorted().compactMap { key in values[key].map { (key, $0) } }
        }
    }

    init(repository: Repository) {
        path = CacheFile.path("parsed", in: repository)
    }

    /// A cache kept for this run only: a walk over many old libraries parses each version of a file once, without
    /// filling the file every later run loads.
    private init() {
        path = nil
    }

    static func inMemory() -> ParseCache {
        ParseCache()
    }

    /// Whether the cache serves a library read under `config`. The first configuration a run asks about (HEAD's, in
    /// every command) is the cache's; a library under another one, such as an old commit's, is parsed without the
    /// cache, so it neither empties nor fills it.
    func serves(_ config: ContentConfig) -> Bool {
        let wanted = Self.digest(of: config)
        if !loaded {
            loaded = true
            load(expecting: wanted)
            digest = wanted
        }
        return digest == wanted
    }

    /// Whether a module, event or record was kept for this file: such a file need not be read ahead.
    func holds(path: String, blob: ObjectID) -> Bool {
        let key = Self.key(path, blob)
        return modules.values[key] != nil || events.values[key] != nil || records.values[key] != nil
    }

    func module(path: String, blob: ObjectID, assetBlob: (String) throws(ContentError) -> ObjectID?) -> Module? {
        let key = Self.key(path, blob)
        guard let module = modules.values[key] else { return nil }
        for asset in module.assetFiles {
            guard (try? assetBlob(asset.path)) == asset.blob else { return nil }
        }
        return modules.take(key)
    }

    func store(_ module: Module) {
        modules.put(module, at: Self.key(module.path, module.blob))
        added = true
    }

    func event(path: String, blob: ObjectID) -> ChangeEvent? {
        events.take(Self.key(path, blob))
    }

    func store(_ event: ChangeEvent, blob: ObjectID) {
        events.put(event, at: Self.key(event.path, blob))
        added = true
    }

    /// A ledger file parsed before (records never change: the blob is the content).
    func record(path: String, blob: ObjectID) -> SignoffRecord? {
        records.take(Self.key(path, blob))
    }

    func store(_ record: SignoffRecord, path: String, blob: ObjectID) {
        records.put(record, at: Self.key(path, blob))
        added = true
    }

    /// Writes what this run used, when it added anything; a failure (a read-only clone) only costs speed. The new
    /// entries are appended when the file is the one this run read and at most half of it is stale; otherwise the
    /// file is replaced by the used entries alone.
    func save() {
        guard added, let digest, let path else { return }
        let freshCount = modules.fresh.count + events.fresh.count + records.fresh.count
        let usedFromFile = modules.used.count + events.used.count + records.used.count - freshCount
        if fileEntries > 0, fileEntries - usedFromFile <= usedFromFile, append(freshLines(), to: path) {
            fileEntries += freshCount
        } else {
            var bytes = Array((Self.formatLine + "\n" + digest + "\n").utf8)
            var count = 0
            Self.appendLines(modules.usedInOrder.map(\.value), events.usedInOrder, records.usedInOrder, to: &bytes, count: &count)
            // Only a file this run wrote (or read) may be appended to later: after a failed write, whatever is there
            // may belong to another configuration.
            let written = (try? WholeFile.write(Data(bytes), to: path, durably: false)) != nil
            fileEntries = written ? count : 0
            fileIdentity = written ? Self.identity(of: path) : nil
        }
        modules.fresh = []
        events.fresh = []
        records.fresh = []
        added = false
    }

    /// The lines of the entries put since the last save.
    private func freshLines() -> [UInt8] {
        var bytes: [UInt8] = []
        var count = 0
        Self.appendLines(modules.fresh.compactMap { modules.values[$0] }, events.fresh.compactMap { key in events.values[key].map { (key, $0) } },
                         records.fresh.compactMap { key in records.values[key].map { (key, $0) } }, to: &bytes, count: &count)
        return bytes
    }

    private static func appendLines(_ modules: [Module], _ events: [(key: String, value: ChangeEvent)], _ records: [(key: String, value: SignoffRecord)],
                                    to bytes: inout [UInt8], count: inout Int) {
        func append(_ line: String) {
            bytes += line.utf8
            bytes.append(UInt8(ascii: "\n"))
            count += 1
        }
        for module in modules { append(line(module)) }
        for (key, event) in events { append(line(event, key: key)) }
        for (key, record) in records {
            let parts = key.split(separator: "\u{0}")
            append("R\t" + escape(String(parts[0])) + "\t" + String(parts[1]) + "\t" + escape(record.fileContents))
        }
    }

    /// Appends `bytes` in one write, if the file is still the one this run read or last wrote (another run may have
    /// replaced it, under another configuration). A write cut short leaves a last line without its line feed, and
    /// the next load discards the whole file.
    private func append(_ bytes: [UInt8], to path: String) -> Bool {
        guard let expected = fileIdentity else { return false }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, UInt64(status.st_ino) == expected.inode, Int64(status.st_size) == expected.size else { return false }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { return false }
        fileIdentity = (expected.inode, expected.size + Int64(written))
        return true
    }

    private static func identity(of path: String) -> (inode: UInt64, size: Int64)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return (UInt64(status.st_ino), Int64(status.st_size))
    }

    private func load(expecting wanted: String) {
        guard let path, let identity = Self.identity(of: path), let data = FileManager.default.contents(atPath: path),
              Int64(data.count) == identity.size, data.last == 0x0A else { return }
        // Bytes, not Characters: splitting a large file by Character costs more than the parsing it saves.
        let lines = ArraySlice(data.withUnsafeBytes { [UInt8]($0) }).pieces(separatedBy: 0x0A).dropLast()
        guard lines.count >= 2, Self.text(lines[0]) == Self.formatLine, Self.text(lines[1]) == wanted else { return }
        let entries = lines.count - 2
        let (first, second) = BothCores.halves(of: entries) { range in Self.parse(lines[(range.lowerBound + 2)..<(range.upperBound + 2)]) }
        // One malformed line discards the whole file.
        guard var first, let second else { return }
        first.absorb(second)
        digest = wanted
        fileEntries = entries
        fileIdentity = identity
        modules = Shelf(values: first.modules)
        events = Shelf(values: first.events)
        records = Shelf(values: first.records)
    }

    private struct Parsed: Sendable {
        var modules: [String: Module] = [:]
        var events: [String: ChangeEvent] = [:]
        var records: [String: SignoffRecord] = [:]

        /// Adds the later half's values, in place: merging into a new dictionary copied all ten thousand modules.
        mutating func absorb(_ later: Parsed) {
            modules.reserveCapacity(modules.count + later.modules.count)
            modules.merge(later.modules) { _, later in later }
            events.merge(later.events) { _, later in later }
            records.merge(later.records) { _, later in later }
        }
    }

    /// The values of cache lines by key; nil when any line is malformed.
    private static func parse(_ lines: ArraySlice<ArraySlice<UInt8>>) -> Parsed? {
        var parsed = Parsed()
        parsed.modules.reserveCapacity(lines.count)
        for line in lines {
            let fields = line.pieces(separatedBy: 0x09)
            guard fields.count > 2, let blob = ObjectID(hexDigits: fields[2]) else { return nil }
            switch fields[0].first {
            case UInt8(ascii: "M"):
                guard let module = module(fields, blob: blob) else { return nil }
                parsed.modules[key(module.path, blob)] = module
            case UInt8(ascii: "E"):
                guard let event = event(fields) else { return nil }
                parsed.events[key(event.path, blob)] = event
            case UInt8(ascii: "R"):
                let path = text(fields[1])
                guard fields.count == 4, let record = try? SignoffRecord.parse(text(fields[3]), file: path) else { return nil }
                parsed.records[key(path, blob)] = record
            default:
                return nil
            }
        }
        return parsed
    }

    private static func key(_ path: String, _ blob: ObjectID) -> String {
        path + "\u{0}" + blob.hex
    }

    /// What shapes parsing: the vocabularies, default cadence and roles.
    private static func digest(of config: ContentConfig) -> String {
        let vocabularies = config.vocabularies
        let parts = [config.contentFolder, config.defaultCadence.description, config.signoffRoles.joined(separator: ",")]
            + [vocabularies.products, vocabularies.markets, vocabularies.therapeuticAreas, vocabularies.audience, vocabularies.eventKinds]
                .map { $0.map { $0.sorted().joined(separator: ",") } ?? "*" }
        return SHA256.hash(data: Data(parts.joined(separator: "\n").utf8)).hexadecimal
    }

    // MARK: Lines

    private static func line(_ module: Module) -> String {
        ["M", escape(module.path), module.blob.hex, escape(module.id), module.hasExplicitID ? "1" : "0", escape(module.title),
         optional(module.type), optional(module.owner), list(module.products), list(module.markets), list(module.therapeuticAreas),
         list(module.audience), list(module.assets), list(module.assetFiles.flatMap { [$0.path, $0.blob.hex] }),
         module.cadence.description, list(module.signoffRoles), module.status.rawValue, optional(module.expires?.description),
         module.hasFrontMatter ? "1" : "0", list(module.warnings), module.fingerprint.value].joined(separator: "\t")
    }

    private static func module(_ fields: [ArraySlice<UInt8>], blob: ObjectID) -> Module? {
        guard fields.count == 21, let cadence = Cadence(text(fields[14])),
              let status = ModuleStatus(rawValue: text(fields[16])), let fingerprint = Fingerprint(text(fields[20])) else { return nil }
        let assetParts = list(fields[13])
        guard assetParts.count % 2 == 0 else { return nil }
        var assetFiles: [(path: String, blob: ObjectID)] = []
        for index in stride(from: 0, to: assetParts.count, by: 2) {
            guard let assetBlob = ObjectID(hex: assetParts[index + 1]) else { return nil }
            assetFiles.append((assetParts[index], assetBlob))
        }
        let expires = optional(fields[17])
        guard expires == nil || expires.flatMap(CalendarDate.init) != nil else { return nil }
        return Module(path: text(fields[1]), id: text(fields[3]), hasExplicitID: fields[4].first == UInt8(ascii: "1"), title: text(fields[5]),
                      type: optional(fields[6]), owner: optional(fields[7]), products: list(fields[8]), markets: list(fields[9]),
                      therapeuticAreas: list(fields[10]), audience: list(fields[11]), assets: list(fields[12]), assetFiles: assetFiles,
                      cadence: cadence, signoffRoles: list(fields[15]), status: status, expires: expires.flatMap(CalendarDate.init),
                      hasFrontMatter: fields[18].first == UInt8(ascii: "1"), warnings: list(fields[19]), fingerprint: fingerprint, blob: blob)
    }

    private static func line(_ event: ChangeEvent, key: String) -> String {
        ["E", escape(event.path), String(key.split(separator: "\u{0}").last ?? ""), escape(event.id), escape(event.kind),
         event.date.description, list(event.scope.products), list(event.scope.markets), list(event.scope.therapeuticAreas),
         event.appliesToAll ? "1" : "0", escape(event.summary), optional(event.source)].joined(separator: "\t")
    }

    private static func event(_ fields: [ArraySlice<UInt8>]) -> ChangeEvent? {
        guard fields.count == 12, let date = CalendarDate(text(fields[5])) else { return nil }
        return ChangeEvent(id: text(fields[3]), path: text(fields[1]), kind: text(fields[4]), date: date,
                           scope: Scope(products: list(fields[6]), markets: list(fields[7]), therapeuticAreas: list(fields[8])),
                           appliesToAll: fields[9].first == UInt8(ascii: "1"), summary: text(fields[10]), source: optional(fields[11]))
    }

    // MARK: Fields: tab-separated, lists separated by U+001F, optionals marked by a leading "=".

    /// A record's escapes (backslash, tab, line ends), and U+001F, which separates list items, as `\u`.
    private static func escape(_ value: String) -> String {
        let escaped = SignoffRecord.escape(value)
        // Checked first: Foundation's replacing costs more than all the rest of writing a line.
        guard escaped.utf8.contains(0x1F) else { return escaped }
        return escaped.replacingOccurrences(of: "\u{1F}", with: "\\u")
    }

    /// A field as text, escapes undone.
    private static func text(_ field: ArraySlice<UInt8>) -> String {
        guard field.contains(UInt8(ascii: "\\")) else { return String(decoding: field, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.count)
        var escaped = false
        for byte in field {
            if escaped {
                switch byte {
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "u"): bytes.append(0x1F)
                default: bytes.append(byte)
                }
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func list(_ values: [String]) -> String {
        values.map(escape).joined(separator: "\u{1F}")
    }

    private static func list(_ field: ArraySlice<UInt8>) -> [String] {
        field.isEmpty ? [] : field.pieces(separatedBy: 0x1F).map(text)
    }

    private static func optional(_ value: String?) -> String {
        value.map { "=" + escape($0) } ?? ""
    }

    private static func optional(_ field: ArraySlice<UInt8>) -> String? {
        field.first == UInt8(ascii: "=") ? text(field.dropFirst()) : nil
    }
}
