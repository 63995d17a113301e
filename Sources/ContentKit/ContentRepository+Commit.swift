import Foundation
import GitKit

extension ContentRepository {
    /// How long a write waits for other writers (contentctl's lock, git's index and branch locks) before giving up.
    static let writeTimeout: TimeInterval = 5

    /// Commits a plan's records (and snapshots) on its branch and returns the new commit.
    @discardableResult
    public func commit(_ plan: SignoffPlan) throws(ContentError) -> ObjectID {
        let contentFolder = plan.config.contentFolder
        let signer = Signature(name: plan.signer.name, email: plan.signer.email, time: plan.items.first?.record.time ?? Date())
        let write = BranchWrite(
            branch: plan.branch, base: plan.base, author: signer, message: Self.commitMessage(plan),
            reflog: "contentctl: \(plan.items.first?.record.meaning.rawValue ?? "signoff")", what: "the sign-off",
            files: { tree in try self.files(of: plan, on: tree, contentFolder: contentFolder) },
            requireStillValid: { tip in try self.requireApprovedTextUnchanged(plan, at: tip) })
        return try commit(write)
    }

    /// Commits files on a branch and returns the new commit.
    ///
    /// Under contentctl's writer lock: the commit is built from the branch tip's tree plus the new files (never from
    /// the user's index, so nothing the user staged is swept in); the files are written to the work tree and staged;
    /// and only then is the branch moved, with compare-and-swap against the tip the commit was built on. A kill before
    /// the move leaves staged files that the user's next commit keeps; once the move is done the write is
    /// acknowledged. If the branch moved (another writer), the files go on the new tip when `requireStillValid`
    /// accepts it; waits past `writeTimeout` end with exit 75 naming the lock.
    func commit(_ write: BranchWrite) throws(ContentError) -> ObjectID {
        guard let root = repository.workingDirectory else {
            throw ContentError(.unsupportedRepository, "bare repository: contentctl writes records into a work tree; run it in a clone")
        }
        do {
            try Libgit2.enableFsync()
        } catch {
            throw ContentError(error)
        }
        let lock = try WriterLock.acquire(gitDirectory: repository.commonDirectory, timeout: Self.writeTimeout)
        lock.recoverAfterCrashedHolder()
        let deadline = Date().addingTimeInterval(Self.writeTimeout)
        let branchName = Self.shortBranch(write.branch)
        return try ContentError.readingGit(otherwise: { error in ContentError(.badContent, "cannot write \(write.what): \(error.localizedDescription)") }) {
            while true {
                let tip = try branchTip(write.branch)
                if tip.id != write.base.id { try write.requireStillValid(tip) }
                let files = try write.files(try repository.tree(tip.tree))
                let newTree = try repository.tree(updating: tip.tree, with: files)
                let commit = try repository.createCommit(tree: newTree, parents: [tip.id], author: write.author, committer: write.author,
                                                         message: write.message)
                CrashPoint.afterObjects.reach()
                for file in files { try WholeFile.write(try repository.blob(file.blob), to: root + file.path, durably: true) }
                CrashPoint.afterWorkTree.reach()
                do {
                    try stage(files, lock: lock, deadline: deadline)
                } catch {
                    for file in files { try? FileManager.default.removeItem(atPath: root + file.path) }
                    throw error
                }
                CrashPoint.afterIndex.reach()
                lock.intend(repository.commonDirectory + write.branch + ".lock")
                let moved = try moveBranch(write.branch, from: tip.id, to: commit, message: write.reflog)
                lock.clearIntent()
                if moved {
                    CrashPoint.afterReference.reach()
                    return commit
                }
                guard Date() < deadline else {
                    try? unstage(files, root: root)
                    throw ContentError(.busy, "\(repository.commonDirectory)\(write.branch).lock: \(branchName) kept moving or stayed locked by another process; nothing was recorded, run the command again")
                }
                Jitter.pause()
            }
        }
    }

    private func branchTip(_ branch: String) throws -> Commit {
        guard let id = try repository.referenceTarget(branch) else {
            throw ContentError(.unsupportedRepository, "\(Self.shortBranch(branch)) no longer exists")
        }
        return try repository.commit(id)
    }

    /// The approved module text and assets must be what the branch tip holds, or the record would approve text
    /// that is no longer there.
    private func requireApprovedTextUnchanged(_ plan: SignoffPlan, at tip: Commit) throws {
        let tree = try repository.tree(tip.tree)
        for item in plan.items {
            for file in item.approvedFiles where try repository.entry(atPath: file.path, in: tree)?.id != file.blob {
                throw ContentError(.busy, "\(file.path) changed on \(plan.branchName) while signing; nothing was recorded, review it again")
            }
        }
    }

    /// The plan's record files, and the snapshots of approved text the tip's tree does not hold yet.
    private func files(of plan: SignoffPlan, on tree: Tree, contentFolder: String) throws -> [(path: String, blob: ObjectID)] {
        var files: [(path: String, blob: ObjectID)] = []
        for item in plan.items {
            let record = item.record
            files.append((Ledger.recordPath(contentFolder: contentFolder, record: record), try repository.writeBlob(Data(record.fileContents.utf8))))
            for snapshot in item.snapshots where !files.contains(where: { $0.path == snapshot.path }) {
                if try repository.entry(atPath: snapshot.path, in: tree) == nil { files.append(snapshot) }
            }
        }
        return files
    }

    /// Re-reads the index, stages the files and writes it, retrying while git holds `index.lock`.
    private func stage(_ files: [(path: String, blob: ObjectID)], lock: WriterLock, deadline: Date) throws {
        let indexLock = repository.gitDirectory + "index.lock"
        while true {
            do {
                let index = try repository.index()
                try index.reload()
                for file in files { try index.addFromWorkingDirectory(file.path) }
                lock.intend(indexLock)
                try index.write()
                lock.clearIntent()
                return
            } catch {
                lock.clearIntent()
                guard error.code == .locked else { throw error }
                guard Date() < deadline else {
                    throw ContentError(.busy, "\(indexLock) is held by another git process; nothing was recorded, run the command again when it has finished")
                }
                Jitter.pause()
            }
        }
    }

    /// Moves the branch from `tip` to `commit` unless someone else moved or locked it first.
    private func moveBranch(_ branch: String, from tip: ObjectID, to commit: ObjectID, message: String) throws -> Bool {
        do {
            try repository.updateReference(branch, to: commit, expecting: tip, message: message)
            return true
        } catch {
            guard error.code == .modified || error.code == .locked else { throw error }
            return false
        }
    }

    /// Undoes the staging and the new files after the branch could not be moved.
    private func unstage(_ files: [(path: String, blob: ObjectID)], root: String) throws {
        let index = try repository.index()
        try index.reload()
        for file in files {
            try index.remove(file.path)
            try? FileManager.default.removeItem(atPath: root + file.path)
        }
        try index.write()
    }

    static func commitMessage(_ plan: SignoffPlan) -> String {
        let records = plan.items.map(\.record)
        guard let first = records.first else { return "signoff" }
        let subject = first.meaning == .revoked
            ? "signoff: revoke \(first.revokes.map { String($0.prefix(12)) } ?? "") on \(first.module)"
            : "signoff: \(first.role) \(first.meaning.rawValue) \(first.module)" + (records.count > 1 ? " and \(records.count - 1) more" : "")
        var body = ["Reviewer: \(first.reviewerName) <\(first.reviewerEmail)>"]
        for record in records {
            body.append("Record: \(record.id) \(record.module) \(record.fingerprint.value)")
        }
        if !first.comment.isEmpty { body.append("Comment: \(first.comment.replacingOccurrences(of: "\n", with: " "))") }
        return subject + "\n\n" + body.joined(separator: "\n") + "\n"
    }
}
