import Foundation
import GitKit

/// What a sign-off request asks for.
public struct SignoffRequest: Sendable {
    /// Module ids or paths (from the repository root or the current folder).
    public var modules: [String]
    public var role: String
    public var meaning: SignoffMeaning
    public var comment: String
    public var environment: [String: String]

    public init(modules: [String], role: String, meaning: SignoffMeaning, comment: String, environment: [String: String]) {
        self.modules = modules
        self.role = role
        self.meaning = meaning
        self.comment = comment
        self.environment = environment
    }
}

/// Records checked and ready to commit, with what the signer is about to attest to.
public struct SignoffPlan {
    /// One entry per record: the record and, for the signer to read first, what changed since they last signed.
    public struct Item {
        public let record: SignoffRecord
        public let preview: SignoffPreview
        /// Files to add beside the record so the approved text stays retrievable.
        let snapshots: [(path: String, blob: ObjectID)]
        /// The module file and its assets as they were approved; if the branch moves before the record is
        /// committed, the record goes on the new tip only if these are unchanged there.
        let approvedFiles: [(path: String, blob: ObjectID)]
    }

    public let items: [Item]
    public let signer: Identity
    /// The configuration at `base`: its signing policy, time zone and content folder.
    let config: ContentConfig
    /// The signer's keys on the roster: a signature by any other key is refused.
    let signerKeys: [RosterKey]
    /// The commit the records are made on, and the branch (full reference name) they go to.
    let base: Commit
    let branch: String

    public var branchName: String { ContentRepository.shortBranch(branch) }

    /// Whether the records carry signatures.
    public var isSigned: Bool { items.allSatisfy { $0.record.signature != nil } }

    /// The same plan with each record replaced (in order), e.g. by its signed form.
    func replacingRecords(_ records: [SignoffRecord]) -> SignoffPlan {
        let replaced = zip(items, records).map { item, record in
            Item(record: record, preview: item.preview, snapshots: item.snapshots, approvedFiles: item.approvedFiles)
        }
        return SignoffPlan(items: replaced, signer: signer, config: config, signerKeys: signerKeys, base: base, branch: branch)
    }
}

/// What a signer reads before confirming.
public enum SignoffPreview {
    /// Their first sign-off of the module: the whole text.
    case wholeText(String)
    /// Nothing changed since their last sign-off.
    case unchanged(since: SignoffRecord)
    /// The change since their last sign-off, word by word.
    case changes(ContentDiff)
    /// The text they signed last cannot be found; the whole text follows.
    case unretrievable(since: SignoffRecord, text: String)
    /// A revocation withdraws this record.
    case revocation(of: SignoffRecord)
}
