import GitKit

/// Whether a module is in use; drafts and retired modules are kept but left out of strict checks.
public enum ModuleStatus: String, Sendable, CaseIterable {
    case active
    case draft
    case retired
}

/// One training module: a Markdown file with YAML front matter, as read from one commit or the work tree.
public struct Module: Sendable {
    /// Path from the repository root, e.g. `Content/products/zentrava/dosing.md`.
    public let path: String
    public let id: String
    /// Sign-off needs an `id:` in the front matter, so renaming the file never orphans its records.
    public let hasExplicitID: Bool
    public let title: String
    public let type: String?
    public let owner: String?
    public let products: [String]
    public let markets: [String]
    public let therapeuticAreas: [String]
    public let audience: [String]
    /// Asset paths as written, relative to the module's folder.
    public let assets: [String]
    /// Asset paths from the repository root with the blob each holds.
    public let assetFiles: [(path: String, blob: ObjectID)]
    public let cadence: Cadence
    public let signoffRoles: [String]
    public let status: ModuleStatus
    public let expires: CalendarDate?
    public let hasFrontMatter: Bool
    /// Unknown front-matter keys, as `file:line: ...` warnings.
    public let warnings: [String]
    public let fingerprint: Fingerprint
    /// The blob of the module file itself.
    public let blob: ObjectID

    public var isActive: Bool { status == .active }
}

/// A module file that could not be read; it gets the `invalid` verdict and the rest of the library is still reviewed.
public struct InvalidModule: Sendable {
    public let path: String
    /// The id, when the file got far enough to name one.
    public let id: String
    /// `file:line: reason`.
    public let message: String
}
