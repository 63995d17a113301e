import Foundation
import GitKit

extension ContentRepository {
    /// The CI gate for a pull request: the modules changed in `merge-base(base, HEAD)..HEAD` each need a verified,
    /// standing sign-off on their current text from every required role, and every record must verify. The rules
    /// (configuration, roster and its history, each module's `signoff_roles` and `status`) come from `base`, so a
    /// branch cannot lower its own bar or approve itself through a reviewer it adds.
    public func check(base spec: String) throws(ContentError) -> CheckReport {
        let head = try requireHeadCommit()
        let revision = try resolveRevision(spec, timeZone: TimeZone(identifier: "UTC") ?? .current)
        return try ContentError.readingGit {
            let base = try repository.commit(revision.commit)
            guard let mergeBase = try repository.mergeBase(base.id, head.commit.id) else {
                throw ContentError(.unknown, "\(spec) and HEAD share no history; check needs the pull request's base branch (fetch-depth: 0)")
            }
            let rules = try library(at: base)
            let library = try library(at: head.commit, imposing: rules.config)
            let verifier = RecordVerifier(repository: self, config: rules.config,
                                          // The cache holds the trusted branch's roster history; a pull request's base is walked on its own.
                                          rosters: try TrustedRosters.load(repository: repository, config: rules.config, tip: base, source: spec, cached: false),
                                          tree: try TreeLookup(repository: repository, commit: head.commit))
            let verifications = try verifier.verifications(of: library.ledger)
            var problems: [CheckReport.Problem] = verifications.filter { !$0.isVerified }.map { failed in
                let record = failed.record
                return .init(file: failed.file, message: "record \(record.shortID) (\(record.module), \(record.role)) does not verify: "
                    + failed.problems.joined(separator: "; "))
            }
            for problem in library.ledger.problems {
                problems.append(.init(file: nil, message: problem))
            }
            let changed = try TreeChanges.between(try repository.commit(mergeBase).tree, head.commit.tree,
                                                  under: rules.config.contentFolder, repository: repository)
            let changedPaths = Set(changed.map(\.path))
            let modules = library.modules.filter { module in
                changedPaths.contains(module.path) || module.assetFiles.contains { changedPaths.contains($0.path) }
            }
            for invalid in library.invalidModules where changedPaths.contains(invalid.path) {
                problems.append(.init(file: invalid.path, message: invalid.message))
            }
            let verified = library.ledger.keepingVerified(verifications)
            for module in modules {
                problems += missingSignoffs(module, rules: rules, ledger: verified)
            }
            return CheckReport(base: spec, baseCommit: base.id, mergeBase: mergeBase, head: head.commit.id,
                               checkedModules: modules.map(\.id), problems: problems)
        }
    }

    /// The roles, per the base's rules, without a standing sign-off on the module's current text in `ledger` (verified records only).
    private func missingSignoffs(_ module: Module, rules: ContentLibrary, ledger: Ledger) -> [CheckReport.Problem] {
        let before = rules.module(id: module.id)
        let status = before?.status ?? module.status
        guard status == .active else { return [] }
        // A module new in this branch needs at least the base's default roles; it cannot opt out of them.
        let roles = before?.signoffRoles ?? Array(Set(module.signoffRoles + rules.config.signoffRoles)).sorted()
        let standing = ledger.standingRecords(for: module.id).filter { $0.meaning.satisfiesRole && $0.fingerprint == module.fingerprint }
        var problems: [CheckReport.Problem] = []
        for role in roles where !standing.contains(where: { $0.role == role }) {
            problems.append(.init(file: module.path, message: "\(module.id) changed and has no verified \(role) sign-off on its current text "
                + "(fingerprint \(module.fingerprint.short)); run contentctl signoff \(module.id) --role \(role)"))
        }
        return problems
    }
}

/// The result of `contentctl check`: one problem per line, for CI logs.
public struct CheckReport: Sendable {
    public struct Problem: Sendable, Equatable {
        /// The file to annotate, when there is one.
        public let file: String?
        public let message: String
    }

    public let base: String
    public let baseCommit: ObjectID
    public let mergeBase: ObjectID
    public let head: ObjectID
    /// Modules changed since the merge base, in path order.
    public let checkedModules: [String]
    public let problems: [Problem]

    public var summary: String {
        "check against \(base) (\(baseCommit.hex.prefix(7)), merge base \(mergeBase.hex.prefix(7))): "
            + "\(counted(checkedModules.count, "changed module")), \(counted(problems.count, "problem"))"
    }

    public func text(style: OutputStyle) -> String {
        problems.map { style.paint("FAIL", .red) + " " + ($0.file.map { $0 + ": " } ?? "") + $0.message + "\n" }.joined() + summary + "\n"
    }

    /// GitHub Actions workflow commands: each problem becomes an error annotation on its file.
    public var github: String {
        problems.map { problem in
            let file = problem.file.map { "file=\(Self.escapeProperty($0))," } ?? ""
            return "::error \(file)title=contentctl check::\(Self.escapeData(problem.message))\n"
        }.joined() + (problems.isEmpty ? "::notice title=contentctl check::\(summary)\n" : "") + summary + "\n"
    }

    private static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
