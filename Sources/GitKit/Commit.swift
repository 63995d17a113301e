import Foundation
internal import Clibgit2

/// A commit's header and message, copied out of libgit2.
public struct Commit: Equatable, Sendable {
    public let id: ObjectID
    public let tree: ObjectID
    public let parents: [ObjectID]
    public let author: Signature
    public let committer: Signature
    public let message: String

    /// The committer time, which orders git's history walks.
    public var time: Date { committer.time }

    /// The first line of the message.
    public var summary: String {
        String(message.prefix { $0 != "\n" })
    }
}

extension Repository {
    public func commit(_ id: ObjectID) throws(GitError) -> Commit {
        var raw = id.raw
        var handle: OpaquePointer?
        try check(git_commit_lookup(&handle, pointer, &raw), "read commit \(id)")
        guard let handle else { throw GitError(code: .notFound, message: "no commit \(id)", operation: "read commit") }
        defer { git_commit_free(handle) }
        var parents: [ObjectID] = []
        let count = git_commit_parentcount(handle)
        for index in 0..<count {
            guard let parent = git_commit_parent_id(handle, index) else { continue }
            parents.append(ObjectID(parent))
        }
        return Commit(
            id: id,
            tree: ObjectID(git_commit_tree_id(handle)),
            parents: parents,
            author: Signature(git_commit_author(handle)),
            committer: Signature(git_commit_committer(handle)),
            message: git_commit_message(handle).map { String(cString: $0) } ?? ""
        )
    }

    /// Writes a commit object without moving any reference; the caller moves the branch with `updateReference`.
    public func createCommit(tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature, message: String) throws(GitError) -> ObjectID {
        let operation = "create commit"
        var treeID = tree.raw
        var treeHandle: OpaquePointer?
        try check(git_tree_lookup(&treeHandle, pointer, &treeID), operation)
        defer { git_tree_free(treeHandle) }
        var parentHandles: [OpaquePointer?] = []
        defer { parentHandles.forEach { git_commit_free($0) } }
        for parent in parents {
            var parentID = parent.raw
            var handle: OpaquePointer?
            try check(git_commit_lookup(&handle, pointer, &parentID), operation)
            parentHandles.append(handle)
        }
        var created = git_oid()
        try author.withGitSignature(operation) { (authorSignature) throws(GitError) in
            try committer.withGitSignature(operation) { (committerSignature) throws(GitError) in
                let result = parentHandles.withUnsafeMutableBufferPointer { buffer in
                    git_commit_create(&created, pointer, nil, authorSignature, committerSignature, "UTF-8", message,
                                      treeHandle, buffer.count, buffer.baseAddress)
                }
                try check(result, operation)
            }
        }
        return ObjectID(created)
    }
}
