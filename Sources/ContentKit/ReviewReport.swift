import Foundation
import GitKit

/// One module's outcome in a review.
public struct ModuleReview: Sendable {
    public let id: String
    public let path: String
    public let title: String
    public let status: ModuleStatus?
    public let owner: String?
    public let products: [String]
    public let markets: [String]
    public let signoffRoles: [String]
    /// The commit that last changed the file, as `git log -1 -- PATH` gives it.
    public let lastChanged: Reason.CommitReference?
    public let fingerprint: Fingerprint?
    /// Most urgent first.
    public let verdicts: [Verdict]
    public let reasons: [Reason]
    /// Every record on this module, oldest first, with whether it still stands.
    public let signoffs: [(record: SignoffRecord, standing: Bool)]

    public var isCurrent: Bool { verdicts.contains(.current) }
    /// Active modules that are not current fail a strict review; drafts and retired modules never do.
    public var failsStrictReview: Bool { verdicts.contains(where: \.isProblem) }
}

/// The outcome of `contentctl review`.
public struct ReviewReport: Sendable {
    public static let schemaVersion = 1

    public let asOf: CalendarDate
    public let timeZone: String
    public let head: ObjectID
    public let branch: String?
    public let contentFolder: String
    public let modules: [ModuleReview]
    /// Things that did not stop the review but deserve a look: unreadable records, unknown keys.
    public let warnings: [String]

    public var hasInvalidModules: Bool { modules.contains { $0.verdicts.contains(.invalid) } }

    /// How many modules carry each verdict.
    public var counts: [Verdict: Int] {
        var counts: [Verdict: Int] = [:]
        // By index: iterating the reviews copies each whole review (a dozen references) to read one field.
        for index in modules.indices {
            for verdict in modules[index].verdicts { counts[verdict, default: 0] += 1 }
        }
        return counts
    }

    /// Per product (or market), how many modules carry each verdict; a module for all products counts under "(all)".
    public func counts(by dimension: KeyPath<ModuleReview, [String]>) -> [(name: String, counts: [Verdict: Int])] {
        var table: [String: [Verdict: Int]] = [:]
        for index in modules.indices {
            let values = modules[index][keyPath: dimension]
            let names = values.isEmpty ? [Self.allLabel] : values
            for name in Set(names) {
                for verdict in modules[index].verdicts { table[name, default: [:]][verdict, default: 0] += 1 }
            }
        }
        return table.keys.sorted().map { ($0, table[$0] ?? [:]) }
    }

    public static let allLabel = "(all)"
}
