import Foundation

/// `contentctl.yml` at the repository root: where the content lives and the rules that shape verdicts.
/// Every key is optional; an unknown key is an error so a typo never silently changes the rules.
public struct ContentConfig: Equatable, Sendable {
    public static let fileName = "contentctl.yml"

    /// The content folder, relative to the repository root, without a trailing slash.
    public var contentFolder = "Content"
    /// Who may sign for which role.
    public var rosterPath: String { contentFolder + "/roster.yml" }
    public var timeZone = TimeZone(identifier: "UTC") ?? .current
    /// The zone as configured (Foundation may report UTC under another name).
    public var timeZoneName = "UTC"
    /// How long before an event's effective date a sign-off may clear it, and how far ahead `upcoming` looks.
    public var horizonDays = 30
    public var defaultCadence = Cadence.yearly
    /// Roles a module needs when its front matter names none.
    public var signoffRoles = ["sales", "product"]
    public var vocabularies = Vocabularies()
    /// Whether records carry SSH signatures: `optional` signs when the signer has a key.
    public var signing = SigningPolicy.optional
    /// The branch whose roster (and its history) decides who could sign when.
    public var trustBranch = "main"

    public init() {}

    /// `signing:` in the configuration.
    public enum SigningPolicy: String, Sendable, CaseIterable {
        /// Every record must be signed; an unsigned record fails verification.
        case required
        /// Sign when the signer has `user.signingkey`; otherwise the record is an attestation.
        case optional
        /// Never sign.
        case off
    }

    /// Allowed values; a dimension left out accepts anything.
    public struct Vocabularies: Equatable, Sendable {
        public var products: Set<String>?
        public var markets: Set<String>?
        public var therapeuticAreas: Set<String>?
        public var audience: Set<String>?
        public var eventKinds: Set<String>?

        public init() {}
    }

    static func parse(_ text: String, file: String = fileName) throws(ContentError) -> ContentConfig {
        let fields = try YAMLFields(try YAMLDocument.parse(text, file: file), file: file, what: "configuration")
        try fields.requireKnownKeys(["content", "timezone", "horizon", "default_cadence", "signoff_roles", "vocabularies", "signing", "trust"], in: "configuration")
        var config = ContentConfig()
        if let folder = try fields.string("content") {
            config.contentFolder = try validatedFolder(folder, file: file, line: fields.line(of: "content"))
        }
        if let zone = try fields.string("timezone") {
            guard let timeZone = TimeZone(identifier: zone) else {
                throw .badContent(file, line: fields.line(of: "timezone"), "unknown time zone '\(zone)' (use an IANA name such as Europe/Berlin)")
            }
            config.timeZone = timeZone
            config.timeZoneName = zone
        }
        if let horizon = try fields.string("horizon") {
            let digits = horizon.hasSuffix("d") ? String(horizon.dropLast()) : horizon
            guard let days = Int(digits), (0...3650).contains(days) else {
                throw .badContent(file, line: fields.line(of: "horizon"), "horizon must be a number of days such as 30 or 30d, not '\(horizon)'")
            }
            config.horizonDays = days
        }
        if let cadence = try fields.string("default_cadence") {
            guard let parsed = Cadence(cadence) else {
                throw .badContent(file, line: fields.line(of: "default_cadence"), "default_cadence must be weekly, monthly, quarterly, yearly or Nd, not '\(cadence)'")
            }
            config.defaultCadence = parsed
        }
        if fields.value("signoff_roles") != nil {
            let roles = try fields.strings("signoff_roles")
            guard !roles.isEmpty else {
                throw .badContent(file, line: fields.line(of: "signoff_roles"), "signoff_roles must name at least one role")
            }
            config.signoffRoles = roles
        }
        if let signing = try fields.string("signing") {
            guard let policy = SigningPolicy(rawValue: signing) else {
                throw .badContent(file, line: fields.line(of: "signing"), "signing must be required, optional or off, not '\(signing)'")
            }
            config.signing = policy
        }
        if let trust = try fields.mapping("trust") {
            try trust.requireKnownKeys(["branch"], in: "trust")
            if let branch = try trust.string("branch") {
                guard !branch.isEmpty, !branch.hasPrefix("refs/"), !branch.contains(" ") else {
                    throw .badContent(file, line: trust.line(of: "branch"), "trust.branch must be a branch name such as main, not '\(branch)'")
                }
                config.trustBranch = branch
            }
        }
        if let vocabularies = try fields.mapping("vocabularies") {
            try vocabularies.requireKnownKeys(["products", "markets", "therapeutic_areas", "audience", "event_kinds"], in: "vocabularies")
            func set(_ key: String) throws(ContentError) -> Set<String>? {
                vocabularies.value(key) == nil ? nil : Set(try vocabularies.strings(key))
            }
            config.vocabularies.products = try set("products")
            config.vocabularies.markets = try set("markets")
            config.vocabularies.therapeuticAreas = try set("therapeutic_areas")
            config.vocabularies.audience = try set("audience")
            config.vocabularies.eventKinds = try set("event_kinds")
        }
        return config
    }

    private static func validatedFolder(_ folder: String, file: String, line: Int) throws(ContentError) -> String {
        var trimmed = folder
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw .badContent(file, line: line, "content must be a folder inside the repository such as Content, not '\(folder)'")
        }
        return trimmed
    }
}
