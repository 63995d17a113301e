import Foundation
internal import Clibgit2

/// An annotated or lightweight tag, copied out of libgit2.
public struct TagInfo: Equatable, Sendable {
    /// The name under `refs/tags/`, e.g. `market-update/2026-Q2`.
    public let name: String
    /// The commit the tag points at, after peeling.
    public let commit: ObjectID
    /// Nil for a lightweight tag.
    public let tagger: Signature?
    public let message: String
}

extension Repository {
    /// Creates an annotated tag `refs/tags/<name>` on `target`; fails with `.exists` if the tag is already there.
    @discardableResult
    public func createAnnotatedTag(_ name: String, target: ObjectID, tagger: Signature, message: String) throws(GitError) -> ObjectID {
        let operation = "create tag \(name)"
        var raw = target.raw
        var object: OpaquePointer?
        try check(git_object_lookup(&object, pointer, &raw, GIT_OBJECT_COMMIT), operation)
        defer { git_object_free(object) }
        var created = git_oid()
        try tagger.withGitSignature(operation) { (signature) throws(GitError) in
            _ = try check(git_tag_create(&created, pointer, name, object, signature, message, 0), operation)
        }
        return ObjectID(created)
    }

    /// Tags whose names match the glob `pattern` (e.g. `market-update/*`), in name order.
    /// Only `refs/tags/` is listed: `git_tag_list_match` reads every reference first, and a repository with
    /// thousands of loose branches pays a file read for each. Each tag's target comes from the listing itself.
    public func tags(matching pattern: String) throws(GitError) -> [TagInfo] {
        let namespace = "refs/tags/"
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, pointer, namespace + pattern), "list tags")
        defer { git_reference_iterator_free(iterator) }
        var result: [TagInfo] = []
        while true {
            var reference: OpaquePointer?
            let status = git_reference_next(&reference, iterator)
            if status == GIT_ITEROVER.rawValue { break }
            try check(status, "list tags")
            defer { git_reference_free(reference) }
            let name = String(String(cString: git_reference_name(reference)).dropFirst(namespace.count))
            var resolved: OpaquePointer?
            try check(git_reference_resolve(&resolved, reference), "read tag \(name)")
            defer { git_reference_free(resolved) }
            guard let target = git_reference_target(resolved) else { continue }
            if let tag = try tag(named: name, target: ObjectID(target)) { result.append(tag) }
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The tag `refs/tags/<name>`, or nil when there is none or it does not lead to a commit.
    public func tag(named name: String) throws(GitError) -> TagInfo? {
        guard let target = try referenceTarget("refs/tags/" + name) else { return nil }
        return try tag(named: name, target: target)
    }

    /// The tag named `name` whose reference points at `target`: an annotated tag peeled to its commit, or a
    /// lightweight tag on a commit; nil when it does not lead to a commit.
    private func tag(named name: String, target: ObjectID) throws(GitError) -> TagInfo? {
        var raw = target.raw
        var tag: OpaquePointer?
        let result = git_tag_lookup(&tag, pointer, &raw)
        if result == GIT_ENOTFOUND.rawValue || result == GIT_EINVALIDSPEC.rawValue {
            return try isCommit(target) ? TagInfo(name: name, commit: target, tagger: nil, message: "") : nil
        }
        try check(result, "read tag \(name)")
        defer { git_tag_free(tag) }
        var peeled: OpaquePointer?
        guard git_object_peel(&peeled, tag, GIT_OBJECT_COMMIT) == 0 else { return nil }
        defer { git_object_free(peeled) }
        return TagInfo(
            name: name,
            commit: ObjectID(git_object_id(peeled)),
            tagger: git_tag_tagger(tag).map(Signature.init),
            message: git_tag_message(tag).map { String(cString: $0) } ?? ""
        )
    }

    private func isCommit(_ id: ObjectID) throws(GitError) -> Bool {
        var raw = id.raw
        var object: OpaquePointer?
        let result = git_object_lookup(&object, pointer, &raw, GIT_OBJECT_ANY)
        if result == GIT_ENOTFOUND.rawValue { return false }
        try check(result, "read \(id)")
        defer { git_object_free(object) }
        return git_object_type(object) == GIT_OBJECT_COMMIT
    }

    /// Whether `name` is acceptable as a full reference name (e.g. `refs/tags/market-update/2026-Q2`).
    public static func isValidReferenceName(_ name: String) -> Bool {
        guard (try? ensureLibgit2()) != nil else { return false }
        var valid: Int32 = 0
        return git_reference_name_is_valid(&valid, name) == 0 && valid == 1
    }
}
