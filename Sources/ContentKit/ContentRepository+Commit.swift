import Foundation
import GitKit

extension ContentRepository {
    /// Commits a plan's records (and snapshots) on its branch and returns the new commit.
    ///
    /// The commit is built from the base commit's tree plus the new files, never from the user's index,
    /// so nothing the user staged is swept in. The files are then written to the work tree and staged,
    /// and only then is the branch moved, with compare-and-swap: a kill before that leaves staged records
    /// that the user's next commit keeps; a branch that moved meanwhile is reported and nothing is recorded.
    @discardableResult
    public func commit(_ plan: SignoffPlan) throws(ContentError) -> ObjectID {
        guard let root = repository.workingDirectory else {
            throw ContentError(.unsupportedRepository, "bare repository: sign-off writes records into a work tree; run it in a clone")
        }
        let contentFolder = try library(at: plan.base).config.contentFolder
        do {
            let (commit, files) = try createCommit(plan, contentFolder: contentFolder)
            try writeToWorkTree(files, root: root)
            try stage(files)
            if let failure = moveBranch(plan, to: commit) {
                try? unstage(files, root: root)
                throw failure
            }
            return commit
        } catch let error as ContentError {
            throw error
        } catch let error as GitError {
            throw error.code == .locked
                ? ContentError(.busy, "\(error.message.isEmpty ? "the index is locked" : error.message): another git process is running")
                : ContentError(error)
        } catch {
            throw ContentError(.badContent, "cannot write the sign-off: \(error.localizedDescription)")
        }
    }

    /// The commit object holding the plan's files on top of its base; no reference moves.
    private func createCommit(_ plan: SignoffPlan, contentFolder: String) throws(GitError) -> (ObjectID, [(path: String, blob: ObjectID)]) {
        var files: [(path: String, blob: ObjectID)] = []
        for item in plan.items {
            let record = item.record
            files.append((Ledger.recordPath(contentFolder: contentFolder, record: record), try repository.writeBlob(Data(record.fileContents.utf8))))
            files += item.snapshots.filter { snapshot in !files.contains { $0.path == snapshot.path } }
        }
        let tree = try repository.tree(updating: plan.base.tree, with: files)
        let signer = Signature(name: plan.signer.name, email: plan.signer.email, time: plan.items.first?.record.time ?? Date())
        let commit = try repository.createCommit(tree: tree, parents: [plan.base.id], author: signer, committer: signer,
                                                 message: Self.commitMessage(plan))
        return (commit, files)
    }

    private func stage(_ files: [(path: String, blob: ObjectID)]) throws(GitError) {
        let index = try repository.index()
        try index.reload()
        for file in files { try index.addFromWorkingDirectory(file.path) }
        try index.write()
    }

    /// Moves the branch from the base to `commit` unless someone else moved it first; returns why it could not.
    private func moveBranch(_ plan: SignoffPlan, to commit: ObjectID) -> ContentError? {
        do {
            try repository.updateReference(plan.branch, to: commit, expecting: plan.base.id,
                                           message: "contentctl: \(plan.items.first?.record.meaning.rawValue ?? "signoff")")
            return nil
        } catch {
            if error.code == .modified || error.code == .locked {
                return ContentError(.busy, "\(plan.branchName) moved or is locked by another process while signing; nothing was recorded, run the command again")
            }
            return ContentError(error)
        }
    }

    private func writeToWorkTree(_ files: [(path: String, blob: ObjectID)], root: String) throws {
        for file in files {
            let url = URL(fileURLWithPath: root + file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try repository.blob(file.blob).write(to: url, options: .atomic)
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
