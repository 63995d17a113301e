import GitKit

/// Reads a module file: splits front matter from body, decodes each key into its typed field,
/// resolves assets and computes the fingerprint.
struct ModuleParser {
    static let knownKeys: Set<String> = [
        "id", "title", "type", "owner", "products", "markets", "therapeutic_areas", "audience",
        "assets", "cadence", "signoff_roles", "status", "expires",
    ]
    static let maximumSize = 1024 * 1024

    let config: ContentConfig
    /// The blob at a repository path, or nil when there is no file there.
    let blobAtPath: (String) throws(ContentError) -> ObjectID?

    /// The id a module has when its front matter names none: its path under the content folder without `.md`.
    func defaultID(path: String) -> String {
        Self.defaultID(path: path, contentFolder: config.contentFolder)
    }

    static func defaultID(path: String, contentFolder: String) -> String {
        var relative = Substring(path)
        if relative.hasPrefix(contentFolder + "/") { relative = relative.dropFirst(contentFolder.count + 1) }
        if relative.hasSuffix(".md") { relative = relative.dropLast(3) }
        return String(relative)
    }

    func parse(path: String, blob: ObjectID, data: [UInt8]) throws(ContentError) -> Module {
        let text = try TextFile.decode(data, file: path, limit: Self.maximumSize)
        let split = try FrontMatter.split(text, file: path)
        let fields = try YAMLFields(try YAMLDocument.parse(split.yaml ?? "", file: path, firstLine: split.yamlFirstLine),
                                    file: path, what: "front matter")
        let warnings = fields.unknownKeys(known: Self.knownKeys).map { "\(path):\($0.line): unknown front-matter key '\($0.key)'" }

        let explicitID = try fields.string("id")
        if let explicitID, !ModuleID.isValid(explicitID) {
            throw .badContent(path, line: fields.line(of: "id"), "id '\(explicitID)' must be letters, digits, '.', '_' or '-', starting with a letter or digit")
        }
        let products = try fields.strings("products", allowedBy: config.vocabularies.products)
        let markets = try fields.strings("markets", allowedBy: config.vocabularies.markets)
        let areas = try fields.strings("therapeutic_areas", allowedBy: config.vocabularies.therapeuticAreas)
        let audience = try fields.strings("audience", allowedBy: config.vocabularies.audience)

        var cadence = config.defaultCadence
        if let written = try fields.string("cadence") {
            guard let parsed = Cadence(written) else {
                throw .badContent(path, line: fields.line(of: "cadence"), "cadence must be weekly, monthly, quarterly, yearly or Nd, not '\(written)'")
            }
            cadence = parsed
        }
        var status = ModuleStatus.active
        if let written = try fields.string("status") {
            guard let parsed = ModuleStatus(rawValue: written) else {
                throw .badContent(path, line: fields.line(of: "status"), "status must be active, draft or retired, not '\(written)'")
            }
            status = parsed
        }
        var roles = config.signoffRoles
        if fields.value("signoff_roles") != nil {
            roles = try fields.strings("signoff_roles")
            guard !roles.isEmpty else {
                throw .badContent(path, line: fields.line(of: "signoff_roles"), "signoff_roles must name at least one role")
            }
        }
        let assets = try fields.strings("assets")
        var assetFiles: [(path: String, blob: ObjectID)] = []
        for asset in assets {
            guard let resolved = RepositoryPath.resolve(asset, relativeTo: RepositoryPath.folder(of: path)) else {
                throw .badContent(path, line: fields.line(of: "assets"), "asset '\(asset)' points outside the repository")
            }
            guard let blob = try blobAtPath(resolved) else {
                throw .badContent(path, line: fields.line(of: "assets"), "asset '\(asset)' not found (looked for \(resolved))")
            }
            assetFiles.append((resolved, blob))
        }
        let title = try fields.string("title") ?? FrontMatter.heading(in: split.body) ?? RepositoryPath.baseName(of: path, dropping: ".md")
        return Module(
            path: path,
            id: explicitID ?? defaultID(path: path),
            hasExplicitID: explicitID != nil,
            title: title,
            type: try fields.string("type"),
            owner: try fields.string("owner"),
            products: products,
            markets: markets,
            therapeuticAreas: areas,
            audience: audience,
            assets: assets,
            assetFiles: assetFiles,
            cadence: cadence,
            signoffRoles: roles,
            status: status,
            expires: try fields.date("expires"),
            hasFrontMatter: split.yaml != nil,
            warnings: warnings,
            fingerprint: Fingerprint(title: title, products: products, markets: markets, therapeuticAreas: areas,
                                     audience: audience, assetBlobs: assetFiles.map(\.blob), body: split.body),
            blob: blob
        )
    }
}

/// Module ids that can name a ledger folder: no slashes, no hidden names.
enum ModuleID {
    static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 128 else { return false }
        func allowed(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
        }
        return allowed(first) && id.unicodeScalars.allSatisfy { allowed($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }
}
