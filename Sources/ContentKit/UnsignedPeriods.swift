import Foundation
import GitKit

/// A stretch of time in which a version of a module's text was live on the trusted branch without a verified
/// sign-off from every required role.
public struct UnsignedPeriod: Sendable {
    public let module: String
    public let path: String
    public let fingerprint: Fingerprint
    /// The first-parent commit of the trusted branch that made this text live, and when.
    public let commit: ObjectID
    public let from: Date
    public let ending: Ending
    /// The roles that had not signed this text when it went live.
    public let missingRoles: [String]

    public enum Ending: Sendable {
        /// The last missing role signed at this moment.
        case signed(Date)
        /// The text was replaced at this moment, before every role had signed it.
        case replaced(Date)
        /// Still live and unsigned.
        case ongoing

        public var name: String {
            switch self {
            case .signed: return "signed"
            case .replaced: return "replaced"
            case .ongoing: return "ongoing"
            }
        }

        public var date: Date? {
            switch self {
            case .signed(let date), .replaced(let date): return date
            case .ongoing: return nil
            }
        }
    }
}

extension ContentRepository {
    /// Walks the trusted branch's first-parent history oldest first and finds each version of each active module's
    /// text that went live before its required roles had signed it (with verified records from `ledger`).
    /// A commit whose library cannot be read as content (a broken configuration then) is passed over; git errors stop it.
    func unsignedPeriods(config: ContentConfig, ledger: Ledger, fallback head: Commit) throws(ContentError) -> [UnsignedPeriod] {
        try ContentError.readingGit {
            let branch = try TrustedBranch.resolve(repository: repository, config: config, fallback: head)
            let chain = try repository.firstParentChain(from: branch.tip)
            let contents = try repository.objectDatabase().versions(atPath: config.contentFolder, in: chain.map(\.tree))
            var live: [String: (module: Module, commit: Commit)] = [:]
            var periods: [UnsignedPeriod] = []
            var previousContent: ObjectID?
            let parsed = ParseCache.inMemory()
            for (commit, content) in zip(chain, contents).reversed() {
                guard content != previousContent else { continue }
                previousContent = content
                guard content != nil else { continue }
                let library: ContentLibrary
                do throws(ContentError) {
                    library = try self.library(at: commit, cache: parsed)
                } catch {
                    guard error.status == .badContent else { throw error }
                    continue
                }
                let active = Dictionary(library.modules.filter { $0.status == .active }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                for (id, current) in live where active[id]?.fingerprint != current.module.fingerprint {
                    if let period = Self.unsignedPeriod(current.module, liveSince: current.commit, replacedAt: commit.time, ledger: ledger) {
                        periods.append(period)
                    }
                    live[id] = nil
                }
                for (id, module) in active where live[id] == nil {
                    live[id] = (module, commit)
                }
            }
            for current in live.values {
                if let period = Self.unsignedPeriod(current.module, liveSince: current.commit, replacedAt: nil, ledger: ledger) {
                    periods.append(period)
                }
            }
            return periods.sorted { ($0.from, $0.module) < ($1.from, $1.module) }
        }
    }

    private static func unsignedPeriod(_ module: Module, liveSince commit: Commit, replacedAt: Date?, ledger: Ledger) -> UnsignedPeriod? {
        let records = ledger.standingRecords(for: module.id).filter { $0.fingerprint == module.fingerprint && $0.meaning.satisfiesRole }
        let signedAt = module.signoffRoles.map { role in records.filter { $0.role == role }.map(\.time).min() }
        let missing = zip(module.signoffRoles, signedAt).filter { $0.1.map { $0 > commit.time } ?? true }.map(\.0)
        guard !missing.isEmpty else { return nil }
        let allSigned: Date? = signedAt.contains(where: { $0 == nil }) ? nil : signedAt.compactMap { $0 }.max()
        let ending: UnsignedPeriod.Ending
        switch (allSigned, replacedAt) {
        case let (signed?, replaced?) where signed < replaced: ending = .signed(signed)
        case let (_, replaced?): ending = .replaced(replaced)
        case let (signed?, nil): ending = .signed(signed)
        case (nil, nil): ending = .ongoing
        }
        return UnsignedPeriod(module: module.id, path: module.path, fingerprint: module.fingerprint, commit: commit.id,
                              from: commit.time, ending: ending, missingRoles: missing)
    }
}
