import Foundation
import GitKit

/// Everything in a content repository at one point: configuration, modules, change events, roster and ledger.
public struct ContentLibrary: Sendable {
    public let config: ContentConfig
    /// Readable modules, in path order.
    public let modules: [Module]
    public let invalidModules: [InvalidModule]
    /// Events in date order.
    public let events: [ChangeEvent]
    /// Nil when the repository has no roster file yet.
    public let roster: Roster?
    public let ledger: Ledger
    /// Where the content was read from.
    public let sourceName: String

    public var rosterPath: String { config.rosterPath }
    public var changesFolder: String { config.contentFolder + "/changes" }

    /// Modules written without front matter, for one summary warning.
    public var modulesWithoutFrontMatter: [Module] { modules.filter { !$0.hasFrontMatter } }

    public func module(id: String) -> Module? {
        modules.first { $0.id == id }
    }

    /// The roster, or an error saying how to create one.
    public func requireRoster() throws(ContentError) -> Roster {
        guard let roster else {
            throw ContentError(.badContent, "\(rosterPath): no roster (create it with roles: mapping sales and product to their people)")
        }
        return roster
    }

    /// Fails when an active module needs a role the roster does not have: nobody could ever sign it.
    public func requireRolesOnRoster() throws(ContentError) {
        let roster = try requireRoster()
        for module in modules where module.status != .retired {
            if let missing = module.signoffRoles.first(where: { roster.people(in: $0) == nil }) {
                throw ContentError(.badContent, "\(roster.path): roster has no role '\(missing)' (required by \(module.path))")
            }
        }
    }

    /// Reads the library; `imposed` replaces the source's own configuration (a pull request is judged by its base's rules).
    /// `cache` supplies modules and events already parsed from the same blobs. `listed`: the source's files, if the
    /// caller already listed them under this configuration.
    static func load(from source: ContentSource, imposing imposed: ContentConfig? = nil, cache: ParseCache? = nil,
                     listed: LibraryFiles? = nil) throws(ContentError) -> ContentLibrary {
        let config: ContentConfig
        if let imposed { config = imposed } else { config = try configuration(in: source) }
        let cache = cache.flatMap { $0.serves(config) ? $0 : nil }
        let files: LibraryFiles
        if let listed { files = listed } else { files = try LibraryFiles(in: source, config: config) }
        let parser = ModuleParser(config: config) { (path) throws(ContentError) in try source.blob(at: path) }
        var modules: [Module] = []
        var invalid: [InvalidModule] = []
        for file in files.modules {
            if let cached = cache?.module(path: file.path, blob: file.blob, assetBlob: { (path) throws(ContentError) in try source.blob(at: path) }) {
                modules.append(cached)
                continue
            }
            do {
                guard let bytes = try source.read(file.path) else { continue }
                let module = try parser.parse(path: file.path, blob: file.blob, data: bytes)
                cache?.store(module)
                modules.append(module)
            } catch {
                invalid.append(InvalidModule(path: file.path, id: parser.defaultID(path: file.path), message: error.message))
            }
        }
        (modules, invalid) = separatingDuplicateIDs(modules, invalid)

        var events: [ChangeEvent] = []
        for file in files.events {
            let event: ChangeEvent
            if let cached = cache?.event(path: file.path, blob: file.blob) {
                event = cached
            } else {
                guard let bytes = try source.read(file.path) else { continue }
                event = try ChangeEvent.parse(bytes, path: file.path, config: config)
                cache?.store(event, blob: file.blob)
            }
            if let earlier = events.first(where: { $0.id == event.id }) {
                throw ContentError.badContent(file.path, "event id '\(event.id)' is also used by \(earlier.path)")
            }
            events.append(event)
        }
        let roster = try source.read(config.rosterPath).map { (bytes) throws(ContentError) in try Roster.parse(bytes, path: config.rosterPath, config: config) }
        return ContentLibrary(
            config: config,
            modules: modules,
            invalidModules: invalid,
            events: events.sorted { ($0.date, $0.id) < ($1.date, $1.id) },
            roster: roster,
            ledger: try Ledger.load(files.records, from: source, contentFolder: config.contentFolder, cache: cache),
            sourceName: source.name
        )
    }

    /// `contentctl.yml` of the source, or the defaults.
    static func configuration(in source: ContentSource) throws(ContentError) -> ContentConfig {
        guard let bytes = try source.read(ContentConfig.fileName) else { return ContentConfig() }
        return try ContentConfig.parse(try TextFile.decode(bytes, file: ContentConfig.fileName, limit: YAMLDocument.maximumSize))
    }

    /// The module files (every `.md` below the content folder but README files, hidden folders and `changes/`)
    /// and the change-event files, in path order, without reading them.
    static func files(in source: ContentSource, config: ContentConfig) throws(ContentError) -> (modules: [(path: String, blob: ObjectID)], events: [(path: String, blob: ObjectID)]) {
        let content = config.contentFolder
        guard try source.folderExists(content) else {
            throw ContentError(.badContent, "\(content): content folder not found in \(source.name) (set content: in \(ContentConfig.fileName))")
        }
        let changes = content + "/changes"
        let files = try source.files(under: content) { folder in
            folder == changes || RepositoryPath.baseName(of: folder).hasPrefix(".")
        }
        let modules = files.filter { isModulePath($0.path, folder: content) }
        let events = try source.files(under: changes, skipFolder: { _ in true }).filter { $0.path.hasSuffix(".yml") || $0.path.hasSuffix(".yaml") }
        return (modules, events)
    }

    /// Whether a path names a module file: Markdown under the content folder, not a README, outside `changes/` and
    /// hidden folders: the files a library reads as modules. Decided on UTF-8 bytes: a far diff asks it of every changed
    /// file.
    static func isModulePath(_ path: String, folder: String) -> Bool {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        let bytes = path.utf8[...]
        guard bytes.starts(with: folder.utf8), bytes.dropFirst(folder.utf8.count).first == slash,
              bytes.count >= 3, bytes.suffix(3).elementsEqual(".md".utf8) else { return false }
        let inside = bytes.dropFirst(folder.utf8.count + 1)
        guard let lastSlash = inside.lastIndex(of: slash) else { return !isReadme(inside) }
        let folders = inside[..<lastSlash]
        // Nor the change events' folder, `changes/` at the top.
        let changes = "changes".utf8
        if folders.starts(with: changes), (folders.dropFirst(changes.count).first ?? slash) == slash { return false }
        // No hidden folder: no folder name starts with a dot.
        var previous = slash
        for byte in folders {
            if previous == slash, byte == dot { return false }
            previous = byte
        }
        return !isReadme(inside[inside.index(after: lastSlash)...])
    }

    private static func isReadme(_ name: Substring.UTF8View) -> Bool {
        name.lazy.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }.elementsEqual("readme.md".utf8)
    }

    /// A module id used by two files makes both invalid: their sign-offs could not be told apart.
    private static func separatingDuplicateIDs(_ modules: [Module], _ invalid: [InvalidModule]) -> ([Module], [InvalidModule]) {
        // Paths, not modules, by id: copying ten thousand modules into groups cost more than the rest of the check.
        var paths: [String: [String]] = [:]
        for module in modules { paths[module.id, default: []].append(module.path) }
        guard paths.count < modules.count else { return (modules, invalid.sorted { $0.path < $1.path }) }
        var kept: [Module] = []
        var invalid = invalid
        for module in modules {
            guard let sharing = paths[module.id], sharing.count > 1 else {
                kept.append(module)
                continue
            }
            let others = sharing.filter { $0 != module.path }.joined(separator: ", ")
            invalid.append(InvalidModule(path: module.path, id: module.id, message: "\(module.path): module id '\(module.id)' is also used by \(others)"))
        }
        return (kept, invalid.sorted { $0.path < $1.path })
    }
}
