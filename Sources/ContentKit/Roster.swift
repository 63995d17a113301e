import Foundation

/// A person who may sign for a role, limited to products and markets and to a validity window.
public struct Reviewer: Equatable, Sendable {
    /// The unique user id on records: the roster's `id`, or the email in lower case.
    public let id: String
    public let name: String
    public let email: String
    public let products: [String]
    public let markets: [String]
    /// SSH public keys that may sign this person's records, each with its own optional validity window.
    public let keys: [RosterKey]
    public let validFrom: CalendarDate?
    /// Valid through this day.
    public let validUntil: CalendarDate?

    public var scope: Scope { Scope(products: products, markets: markets) }

    public func isValid(at instant: Date, in zone: TimeZone) -> Bool {
        if let validFrom, instant < validFrom.start(in: zone) { return false }
        if let validUntil, instant >= validUntil.end(in: zone) { return false }
        return true
    }

    /// Whether this person may speak for `module`: in products and markets, either side is open or they share a value.
    public func covers(_ module: Module) -> Bool {
        scope.overlaps(Scope(products: module.products, markets: module.markets))
    }

    public func hasEmail(_ other: String) -> Bool {
        email.caseInsensitiveCompare(other) == .orderedSame
    }
}

/// `roster.yml`: who may sign for which role.
public struct Roster: Sendable {
    /// Roles in file order, each with its people in file order.
    public let roles: [(name: String, people: [Reviewer])]
    public let path: String

    public func people(in role: String) -> [Reviewer]? {
        roles.first { $0.name == role }?.people
    }

    public func reviewer(email: String, role: String) -> Reviewer? {
        people(in: role)?.first { $0.hasEmail(email) }
    }

    public func roles(of email: String) -> [String] {
        roles.filter { $0.people.contains { $0.hasEmail(email) } }.map(\.name)
    }

    static let personKeys: Set<String> = ["id", "name", "email", "products", "markets", "keys", "valid_from", "valid_until"]

    static func parse(_ data: [UInt8], path: String, config: ContentConfig) throws(ContentError) -> Roster {
        let text = try TextFile.decode(data, file: path, limit: YAMLDocument.maximumSize)
        let top = try YAMLFields(try YAMLDocument.parse(text, file: path), file: path, what: "roster")
        try top.requireKnownKeys(["roles"], in: "roster")
        guard let roleMap = try top.mapping("roles"), !roleMap.keys.isEmpty else {
            throw .badContent(path, line: top.line, "roster has no roles: (map each role, e.g. sales and product, to its people)")
        }
        var roles: [(name: String, people: [Reviewer])] = []
        for role in roleMap.keys {
            // Roles, ids and emails are written into records as tokens; one with white space would make every record
            // it signs unreadable.
            guard SignoffRecord.isToken(role) else {
                throw .badContent(path, line: roleMap.line(of: role), "role '\(role)' must be a name without spaces")
            }
            guard case .sequence(let entries, _)? = roleMap.value(role) else {
                throw .badContent(path, line: roleMap.line(of: role), "role '\(role)' must be a list of people")
            }
            var people: [Reviewer] = []
            for entry in entries {
                guard case .mapping(let pairs, let line) = entry else {
                    throw .badContent(path, line: entry.line, "each person in role '\(role)' must have name: and email:")
                }
                let person = try reviewer(YAMLFields(mapping: pairs, line: line, file: path), role: role, config: config)
                if people.contains(where: { $0.hasEmail(person.email) }) {
                    throw .badContent(path, line: line, "\(person.email) is listed twice in role '\(role)'")
                }
                people.append(person)
            }
            roles.append((role, people))
        }
        return Roster(roles: roles, path: path)
    }

    private static func reviewer(_ fields: YAMLFields, role: String, config: ContentConfig) throws(ContentError) -> Reviewer {
        try fields.requireKnownKeys(personKeys, in: "roster entry")
        guard let name = try fields.string("name"), !name.isEmpty else {
            throw .badContent(fields.file, line: fields.line, "person in role '\(role)' has no name")
        }
        guard let email = try fields.string("email"), email.contains("@"), SignoffRecord.isToken(email) else {
            throw .badContent(fields.file, line: fields.line(of: "email"), "\(name) in role '\(role)' needs an email such as name@example.com")
        }
        let id = try fields.string("id") ?? email.lowercased()
        guard SignoffRecord.isToken(id) else {
            throw .badContent(fields.file, line: fields.line(of: "id"), "\(name) in role '\(role)': id must be a word without spaces (or left out, so the email is the id)")
        }
        let keys = try RosterKey.parse(fields, owner: name)
        let validFrom = try fields.date("valid_from")
        let validUntil = try fields.date("valid_until")
        if let validFrom, let validUntil, validUntil < validFrom {
            throw .badContent(fields.file, line: fields.line(of: "valid_until"), "\(name): valid_until \(validUntil) is before valid_from \(validFrom)")
        }
        let products = try fields.strings("products", allowedBy: config.vocabularies.products)
        let markets = try fields.strings("markets", allowedBy: config.vocabularies.markets)
        return Reviewer(id: id, name: name, email: email,
                        products: products, markets: markets, keys: keys,
                        validFrom: validFrom, validUntil: validUntil)
    }
}

/// A public key on the roster: `ssh-ed25519 AAAA... comment`, or a mapping with `key:` and an optional
/// `valid_from:`/`valid_until:` so a rotated or lost key stops counting from a given day.
public struct RosterKey: Equatable, Sendable {
    public let key: SSHPublicKey
    public let validFrom: CalendarDate?
    /// Valid through this day.
    public let validUntil: CalendarDate?

    public func isValid(at instant: Date, in zone: TimeZone) -> Bool {
        if let validFrom, instant < validFrom.start(in: zone) { return false }
        if let validUntil, instant >= validUntil.end(in: zone) { return false }
        return true
    }

    static func parse(_ fields: YAMLFields, owner: String) throws(ContentError) -> [RosterKey] {
        guard let value = fields.value("keys") else { return [] }
        guard case .sequence(let items, _) = value else {
            throw .badContent(fields.file, line: value.line, "keys of \(owner) must be a list of SSH public keys")
        }
        var keys: [RosterKey] = []
        for item in items {
            var line: String
            var validFrom: CalendarDate?
            var validUntil: CalendarDate?
            switch item {
            case .scalar(let text, _):
                line = text
            case .mapping(let pairs, let mappingLine):
                let entry = YAMLFields(mapping: pairs, line: mappingLine, file: fields.file)
                try entry.requireKnownKeys(["key", "valid_from", "valid_until"], in: "key of \(owner)")
                guard let text = try entry.string("key") else {
                    throw .badContent(fields.file, line: mappingLine, "key entry of \(owner) has no key:")
                }
                line = text
                validFrom = try entry.date("valid_from")
                validUntil = try entry.date("valid_until")
            default:
                throw .badContent(fields.file, line: item.line, "keys of \(owner) must be SSH public key lines")
            }
            do {
                keys.append(RosterKey(key: try SSHPublicKey(line: line), validFrom: validFrom, validUntil: validUntil))
            } catch {
                throw .badContent(fields.file, line: item.line, "key of \(owner): \(error.reason)")
            }
        }
        return keys
    }
}
