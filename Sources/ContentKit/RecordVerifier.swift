import Foundation
import GitKit

/// Judges each sign-off record as an auditor would: the approved text matches the fingerprint, the signature
/// verifies with a key of the reviewer valid at the time, and the reviewer was on the trusted roster for that role,
/// products and markets when the record was made. A record with any problem counts as absent in every verdict.
struct RecordVerifier {
    let repository: ContentRepository
    let config: ContentConfig
    let rosters: TrustedRosters
    /// The tree the records were read from; snapshots of approved text are looked up in it.
    let tree: TreeLookup

    /// Every record of `ledger`, oldest first, with what is wrong with it.
    func verifications(of ledger: Ledger) throws(ContentError) -> [RecordVerification] {
        var verifications: [RecordVerification] = []
        for record in ledger.records {
            verifications.append(RecordVerification(record: record, file: Ledger.recordPath(contentFolder: config.contentFolder, record: record),
                                                    problems: try problems(record)))
        }
        return verifications
    }

    /// Why `record` does not hold; empty when it verifies.
    func problems(_ record: SignoffRecord) throws(ContentError) -> [String] {
        var problems: [String] = []
        var approved: Module?
        if record.meaning != .revoked {
            switch try repository.approvedModule(of: record, config: config, headTree: tree) {
            case nil:
                problems.append("the approved text is not retrievable: commit \(record.commit.hex.prefix(7)) is gone and no snapshot was kept")
            case let (module, source, problem)?:
                if let problem { problems.append(problem) }
                if let module {
                    if module.id != record.module {
                        problems.append("the approved file (\(source)) is module '\(module.id)', not '\(record.module)'")
                    } else if module.fingerprint != record.fingerprint {
                        problems.append("fingerprint \(record.fingerprint.short) does not match the approved text (\(source): \(module.fingerprint.short))")
                    }
                    approved = module
                }
            }
        }
        let reviewer = rosterProblems(record, approved: approved, into: &problems)
        problems += signatureProblems(record, reviewer: reviewer)
        return problems
    }

    /// Checks the reviewer against the roster in force on the trusted branch when the record was made.
    private func rosterProblems(_ record: SignoffRecord, approved: Module?, into problems: inout [String]) -> Reviewer? {
        let day = CalendarDate(record.time, in: config.timeZone)
        guard let version = rosters.version(at: record.time) else {
            problems.append("no roster was on \(rosters.source) on \(day), when the record was made")
            return nil
        }
        guard let roster = version.roster else {
            problems.append("the roster on \(rosters.source) at \(version.commit.hex.prefix(7)) could not be read: \(version.problem ?? "missing")")
            return nil
        }
        let rosterName = "the roster on \(rosters.source) at \(version.commit.hex.prefix(7))"
        guard let reviewer = roster.reviewer(email: record.reviewerEmail, role: record.role) else {
            problems.append("\(record.reviewerEmail) was not on \(rosterName) for role '\(record.role)' on \(day)")
            return nil
        }
        if reviewer.id != record.reviewerID {
            problems.append("reviewer id '\(record.reviewerID)' is not \(reviewer.email)'s id '\(reviewer.id)' on \(rosterName)")
        }
        if !reviewer.isValid(at: record.time, in: config.timeZone) {
            problems.append("\(reviewer.name) could sign for '\(record.role)' only \(ContentRepository.window(reviewer)), not on \(day)")
        }
        if let approved, !reviewer.covers(approved) {
            problems.append("\(reviewer.name) signs for \(ContentRepository.scopeText(reviewer)); \(approved.id) is for \(ContentRepository.scopeText(approved.scope))")
        }
        return reviewer
    }

    /// Checks the signature over the exact payload, and that its key was the reviewer's when the record was made.
    private func signatureProblems(_ record: SignoffRecord, reviewer: Reviewer?) -> [String] {
        guard let armor = record.signature else {
            return config.signing == .required ? ["unsigned (an attestation), but this library requires signed sign-offs (signing: required)"] : []
        }
        let signature: SSHSignature
        do {
            signature = try SSHSignature(armored: armor)
            try signature.verify(Array(record.payload.utf8), namespace: SignoffRecord.signatureNamespace)
        } catch {
            return ["signature does not verify: \(error.reason)"]
        }
        guard let reviewer else { return [] }
        let keys = reviewer.keys.filter { $0.key == signature.publicKey }
        guard !keys.isEmpty else {
            return ["signed by key \(signature.publicKey.fingerprint), which is not one of \(reviewer.name)'s keys on the roster"]
        }
        guard keys.contains(where: { $0.isValid(at: record.time, in: config.timeZone) }) else {
            return ["signed by key \(signature.publicKey.fingerprint), which was not valid on \(CalendarDate(record.time, in: config.timeZone))"]
        }
        return []
    }
}

/// One record and what is wrong with it.
public struct RecordVerification: Sendable {
    public let record: SignoffRecord
    /// Where the record is stored, from the repository root.
    public let file: String
    public let problems: [String]

    public var isVerified: Bool { problems.isEmpty }
}

extension ContentRepository {
    func recordVerifier(for library: ContentLibrary, at commit: Commit) throws(ContentError) -> RecordVerifier {
        try recordVerifier(for: library, at: commit, rosters: try trustedRosters(config: library.config, at: commit))
    }

    func recordVerifier(for library: ContentLibrary, at commit: Commit, rosters: TrustedRosters) throws(ContentError) -> RecordVerifier {
        try ContentError.readingGit {
            RecordVerifier(repository: self, config: library.config, rosters: rosters, tree: try TreeLookup(repository: repository, commit: commit))
        }
    }

    /// The rosters of `trust.branch` (or of `commit`'s history when that branch does not exist), taking what a
    /// history walk already read from `walked`.
    func trustedRosters(config: ContentConfig, at commit: Commit, walked: WalkedCommits? = nil) throws(ContentError) -> TrustedRosters {
        try TrustedRosters.load(repository: repository, config: config, fallback: commit, cached: usesCache, walked: walked)
    }
}

extension Ledger {
    /// The ledger without the records that failed verification, each failure added to its problems.
    func keepingVerified(_ verifications: [RecordVerification]) -> Ledger {
        let failed = verifications.filter { !$0.isVerified }
        guard !failed.isEmpty else { return self }
        let failedIDs = Set(failed.map(\.record.id))
        return Ledger(records: records.filter { !failedIDs.contains($0.id) },
                      problems: problems + failed.map { "\($0.file): does not verify: \($0.problems.joined(separator: "; "))" })
    }
}

extension ContentLibrary {
    func replacingLedger(_ ledger: Ledger) -> ContentLibrary {
        ContentLibrary(config: config, modules: modules, invalidModules: invalidModules, events: events, roster: roster,
                       ledger: ledger, sourceName: sourceName)
    }
}
