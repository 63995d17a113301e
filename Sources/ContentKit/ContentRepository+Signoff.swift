import Foundation
import GitKit

extension ContentRepository {
    /// Checks a sign-off against every rule and prepares its records; nothing is written.
    public func planSignoff(_ request: SignoffRequest) throws(ContentError) -> SignoffPlan {
        let (base, branch) = try requireWritableBranch()
        let library = try library(at: base)
        let roster = try library.requireRoster()
        let signer = try Identity.resolve(environment: request.environment, repository: repository)
        let now = try Timestamp.now(environment: request.environment)
        let zone = library.config.timeZone
        guard roster.people(in: request.role) != nil else {
            throw ContentError(.refused, "\(roster.path): no role '\(request.role)' (roles: \(roster.roles.map(\.name).joined(separator: ", ")))")
        }
        guard let reviewer = roster.reviewer(email: signer.email, role: request.role) else {
            throw ContentError(.refused, "\(signer.email) is not on the roster for role '\(request.role)' (\(roster.path))")
        }
        guard reviewer.isValid(at: now, in: zone) else {
            throw ContentError(.refused, "\(reviewer.name) may sign for '\(request.role)' only \(Self.window(reviewer)); today is \(CalendarDate(now, in: zone))")
        }
        guard SignoffRecord.isAcceptable(request.comment) else {
            throw ContentError(.usage, "the comment contains control characters")
        }
        let modules = try resolveModules(request.modules, in: library)
        let lastChanges = try history(of: library, from: base).lastChanges
        let tree: Tree
        do { tree = try repository.tree(base.tree) } catch { throw ContentError(error) }
        var items: [SignoffPlan.Item] = []
        for module in modules {
            try checkSignable(module, role: request.role, reviewer: reviewer, library: library, lastChange: lastChanges[module.path])
            let record = SignoffRecord(
                module: module.id, path: module.path, fingerprint: module.fingerprint, role: request.role,
                meaning: request.meaning, reviewerID: reviewer.id, reviewerName: reviewer.name, reviewerEmail: reviewer.email,
                time: now, commit: base.id, comment: request.comment.precomposedStringWithCanonicalMapping,
                nonce: SignoffRecord.makeNonce())
            items.append(SignoffPlan.Item(
                record: record,
                preview: try preview(of: module, for: reviewer, library: library, tree: tree, head: base.id),
                snapshots: try snapshots(of: module, library: library, tree: tree),
                approvedFiles: [(module.path, module.blob)] + module.assetFiles))
        }
        return SignoffPlan(items: items, signer: signer, config: library.config, signerKeys: reviewer.keys, base: base, branch: branch)
    }

    /// Prepares a record that withdraws an earlier one of the signer's own.
    public func planRevocation(of recordID: String, reason: String, environment: [String: String]) throws(ContentError) -> SignoffPlan {
        let (base, branch) = try requireWritableBranch()
        let library = try library(at: base)
        let signer = try Identity.resolve(environment: environment, repository: repository)
        let now = try Timestamp.now(environment: environment)
        guard let target = try library.ledger.record(idPrefix: recordID) else {
            throw ContentError(.unknown, "no sign-off record \(recordID) (contentctl signoffs list shows them)")
        }
        guard target.meaning != .revoked else {
            throw ContentError(.refused, "\(target.shortID) is itself a revocation and cannot be revoked")
        }
        guard !library.ledger.revokedIDs.contains(target.id) else {
            throw ContentError(.refused, "\(target.shortID) is already revoked")
        }
        guard target.reviewerEmail.caseInsensitiveCompare(signer.email) == .orderedSame else {
            throw ContentError(.refused, "\(target.shortID) was made by \(target.reviewerName) <\(target.reviewerEmail)>; only they can revoke it")
        }
        guard SignoffRecord.isAcceptable(reason), !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ContentError(.usage, "a revocation needs a reason without control characters")
        }
        let record = SignoffRecord(
            module: target.module, path: target.path, fingerprint: target.fingerprint, role: target.role,
            meaning: .revoked, revokes: target.id, reviewerID: target.reviewerID, reviewerName: target.reviewerName,
            reviewerEmail: target.reviewerEmail, time: now, commit: base.id,
            comment: reason.precomposedStringWithCanonicalMapping, nonce: SignoffRecord.makeNonce())
        let keys = library.roster?.reviewer(email: target.reviewerEmail, role: target.role)?.keys ?? []
        return SignoffPlan(items: [SignoffPlan.Item(record: record, preview: .revocation(of: target), snapshots: [], approvedFiles: [])],
                           signer: signer, config: library.config, signerKeys: keys, base: base, branch: branch)
    }

    /// HEAD's commit and branch, refusing states in which a record could not be committed safely.
    func requireWritableBranch() throws(ContentError) -> (Commit, String) {
        if repository.isBare {
            throw ContentError(.unsupportedRepository, "bare repository: contentctl writes records into a work tree; run it in a clone")
        }
        let head: Head
        do { head = try repository.head() } catch { throw ContentError(error) }
        switch head {
        case .detached(let commit):
            throw ContentError(.unsupportedRepository, "detached HEAD at \(commit.hex.prefix(7)): check out the branch the sign-off belongs on")
        case .unborn(let branch):
            throw ContentError(.unsupportedRepository, "branch \(Self.shortBranch(branch)) has no commits yet: commit your content first")
        case .branch(let name, _):
            let (commit, _) = try requireHeadCommit()
            return (commit, name)
        }
    }

    private func resolveModules(_ names: [String], in library: ContentLibrary) throws(ContentError) -> [Module] {
        guard !names.isEmpty else { throw ContentError(.usage, "name at least one module to sign off") }
        var modules: [Module] = []
        for name in names {
            let path = relativePath(name)
            if let invalid = library.invalidModules.first(where: { $0.id == name || $0.path == path }) {
                throw ContentError(.refused, "cannot sign \(invalid.path): \(invalid.message)")
            }
            guard let module = module(named: name, in: library) else {
                throw ContentError(.refused, "unknown module '\(name)' (contentctl modules lists them)")
            }
            if !modules.contains(where: { $0.id == module.id }) { modules.append(module) }
        }
        return modules
    }

    private func checkSignable(_ module: Module, role: String, reviewer: Reviewer, library: ContentLibrary, lastChange: Reason.CommitReference?) throws(ContentError) {
        guard module.hasExplicitID else {
            throw ContentError(.refused, "\(module.path) has no id: in its front matter; add one so renaming the file never orphans its sign-offs")
        }
        guard module.status != .retired else {
            throw ContentError(.refused, "\(module.id) is retired; retired modules are not signed")
        }
        guard module.signoffRoles.contains(role) else {
            throw ContentError(.refused, "\(module.id) does not need a '\(role)' sign-off (it needs \(ReviewEngine.list(module.signoffRoles)))")
        }
        guard reviewer.covers(module) else {
            throw ContentError(.refused, "\(reviewer.name) signs for \(Self.scopeText(reviewer)); \(module.id) is for \(Self.scopeText(module.scope))")
        }
        for path in [module.path] + module.assetFiles.map(\.path) {
            let status: FileStatus
            do { status = try repository.status(ofPath: path) } catch { throw ContentError(error) }
            if status.isUncommitted {
                throw ContentError(.refused, "\(path) has uncommitted changes: commit the text to be approved first")
            }
        }
        if let lastChange {
            let author = try ContentError.readingGit { try repository.commit(lastChange.id).author }
            if author.email.caseInsensitiveCompare(reviewer.email) == .orderedSame {
                throw ContentError(.refused, "\(reviewer.name) authored the latest change to \(module.id) (\(lastChange.id.hex.prefix(7))); someone else must sign it")
            }
        }
        let otherRole = library.ledger.standingRecords(for: module.id).first {
            $0.reviewerID == reviewer.id && $0.role != role && $0.fingerprint == module.fingerprint && $0.meaning != .revoked
        }
        if let otherRole {
            throw ContentError(.refused, "\(reviewer.name) already signed \(module.id) as \(otherRole.role) (\(otherRole.shortID)); one person cannot fill two roles on a module")
        }
    }

    /// The signer's view of what they approve: the change since their last sign-off, or the whole text.
    private func preview(of module: Module, for reviewer: Reviewer, library: ContentLibrary, tree: Tree, head: ObjectID) throws(ContentError) -> SignoffPreview {
        let current = try text(of: module.blob)
        let previous = library.ledger.standingRecords(for: module.id).last { $0.reviewerID == reviewer.id && $0.meaning.satisfiesRole }
        guard let previous else { return .wholeText(current) }
        if previous.fingerprint == module.fingerprint { return .unchanged(since: previous) }
        guard let approved = try approvedText(of: previous, contentFolder: library.config.contentFolder, tree: tree) else {
            return .unretrievable(since: previous, text: current)
        }
        return .changes(Self.textDiff(module: module, approved: approved, current: current, record: previous, head: head, granularity: .word))
    }

    private func text(of blob: ObjectID) throws(ContentError) -> String {
        do {
            return String(decoding: try repository.blob(blob), as: UTF8.self)
        } catch {
            throw ContentError(error)
        }
    }

    /// The module text (and, when it has assets, a manifest of their blobs) at this fingerprint, unless already kept.
    private func snapshots(of module: Module, library: ContentLibrary, tree: Tree) throws(ContentError) -> [(path: String, blob: ObjectID)] {
        let path = Ledger.snapshotPath(contentFolder: library.config.contentFolder, module: module.id, fingerprint: module.fingerprint)
        do {
            if try repository.entry(atPath: path, in: tree) != nil { return [] }
            var files = [(path: path, blob: module.blob)]
            if !module.assetFiles.isEmpty {
                let manifest = module.assetFiles.map { "\($0.blob.hex) \($0.path)\n" }.joined()
                files.append((Ledger.assetManifestPath(snapshot: path), try repository.writeBlob(Data(manifest.utf8))))
            }
            return files
        } catch {
            throw ContentError(error)
        }
    }

    static func scopeText(_ scope: Scope) -> String {
        "\(scope.productsText) in \(scope.marketsText)"
    }

    static func scopeText(_ reviewer: Reviewer) -> String {
        scopeText(reviewer.scope)
    }

    static func window(_ reviewer: Reviewer) -> String {
        switch (reviewer.validFrom, reviewer.validUntil) {
        case (let from?, let until?): return "from \(from) through \(until)"
        case (let from?, nil): return "from \(from)"
        case (nil, let until?): return "through \(until)"
        case (nil, nil): return "at any time"
        }
    }
}
