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
    /// When the last missing role signed, or the text was replaced; nil while it is still live and unsigned.
    public let until: Date?
    public let endedBy: Ending
    /// The roles that had not signed this text when it went live.
    public let missingRoles: [String]

    public enum Ending: String, Sendable {
        case signed, replaced, ongoing
    }
}

extension ContentRepository {
    /// Walks the trusted branch's first-parent history oldest first and finds each version of each active module's
    /// text that went live before its required roles had signed it (with verified records from `ledger`).
    func unsignedPeriods(config: ContentConfig, ledger: Ledger, fallback head: Commit) throws(ContentError) -> (source: String, periods: [UnsignedPeriod]) {
        do {
            let branch = try repository.referenceTarget("refs/heads/" + config.trustBranch)
            var commit = try branch.map { (id) throws(GitError) in try repository.commit(id) } ?? head
            var chain = [commit]
            while let parent = commit.parents.first {
                commit = try repository.commit(parent)
                chain.append(commit)
            }
            var live: [String: (module: Module, commit: Commit)] = [:]
            var periods: [UnsignedPeriod] = []
            var previousContent: ObjectID?
            for commit in chain.reversed() {
                let content = try repository.entry(atPath: config.contentFolder, in: try repository.tree(commit.tree))?.id
                guard content != previousContent else { continue }
                previousContent = content
                guard content != nil, let library = try? library(at: commit) else { continue }
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
            let source = branch == nil ? "HEAD (branch \(config.trustBranch) not found)" : config.trustBranch
            return (source, periods.sorted { ($0.from, $0.module) < ($1.from, $1.module) })
        } catch {
            throw ContentError(error)
        }
    }

    private static func unsignedPeriod(_ module: Module, liveSince commit: Commit, replacedAt: Date?, ledger: Ledger) -> UnsignedPeriod? {
        let records = ledger.standingRecords(for: module.id).filter { $0.fingerprint == module.fingerprint && $0.meaning.satisfiesRole }
        let signedAt = module.signoffRoles.map { role in records.filter { $0.role == role }.map(\.time).min() }
        let missing = zip(module.signoffRoles, signedAt).filter { $0.1.map { $0 > commit.time } ?? true }.map(\.0)
        guard !missing.isEmpty else { return nil }
        let allSigned: Date? = signedAt.contains(where: { $0 == nil }) ? nil : signedAt.compactMap { $0 }.max()
        let until: Date?
        let ending: UnsignedPeriod.Ending
        switch (allSigned, replacedAt) {
        case let (signed?, replaced?) where signed < replaced: (until, ending) = (signed, .signed)
        case let (_, replaced?): (until, ending) = (replaced, .replaced)
        case let (signed?, nil): (until, ending) = (signed, .signed)
        case (nil, nil): (until, ending) = (nil, .ongoing)
        }
        return UnsignedPeriod(module: module.id, path: module.path, fingerprint: module.fingerprint, commit: commit.id,
                              from: commit.time, until: until, endedBy: ending, missingRoles: missing)
    }
}
