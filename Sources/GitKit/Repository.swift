import Foundation
internal import Clibgit2

/// An open git repository: one libgit2 handle, used from one thread at a time, freed when released.
public final class Repository {
    let pointer: OpaquePointer

    private init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_repository_free(pointer)
    }

    /// Opens the repository containing `path`, searching upwards as git does.
    public static func discover(from path: String) throws(GitError) -> Repository {
        try ensureLibgit2()
        var handle: OpaquePointer?
        try check(git_repository_open_ext(&handle, path, 0, nil), "open repository at \(path)")
        return try wrap(handle, "open repository at \(path)")
    }

    /// Opens the repository whose work tree or git folder is exactly `path`.
    public static func open(at path: String) throws(GitError) -> Repository {
        try ensureLibgit2()
        var handle: OpaquePointer?
        let flags = GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue
        try check(git_repository_open_ext(&handle, path, flags, nil), "open repository at \(path)")
        return try wrap(handle, "open repository at \(path)")
    }

    /// Creates a new repository (with a work tree unless `bare`) whose unborn HEAD points at `initialBranch`.
    public static func create(at path: String, bare: Bool = false, initialBranch: String = "main") throws(GitError) -> Repository {
        try ensureLibgit2()
        var options = git_repository_init_options()
        try check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)), "create repository")
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | (bare ? GIT_REPOSITORY_INIT_BARE.rawValue : 0)
        var handle: OpaquePointer?
        let result = initialBranch.withCString { branch in
            options.initial_head = branch
            return git_repository_init_ext(&handle, path, &options)
        }
        try check(result, "create repository at \(path)")
        return try wrap(handle, "create repository at \(path)")
    }

    private static func wrap(_ handle: OpaquePointer?, _ operation: String) throws(GitError) -> Repository {
        guard let handle else { throw GitError(code: .failed(-1), message: "no repository handle", operation: operation) }
        return Repository(pointer: handle)
    }

    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    public var isShallow: Bool { git_repository_is_shallow(pointer) == 1 }

    /// The work tree folder, ending in "/"; nil for a bare repository.
    public var workingDirectory: String? {
        git_repository_workdir(pointer).map { String(cString: $0) }
    }

    /// Where to open this repository again, on another thread: the work tree, or the git folder of a bare one.
    public var location: String {
        workingDirectory ?? gitDirectory
    }

    /// The git folder (e.g. `.git/`), ending in "/".
    public var gitDirectory: String {
        String(cString: git_repository_path(pointer))
    }

    /// The folder shared by all work trees of this repository, ending in "/".
    public var commonDirectory: String {
        String(cString: git_repository_commondir(pointer))
    }

    /// Where HEAD points.
    public func head() throws(GitError) -> Head {
        var reference: OpaquePointer?
        let result = git_repository_head(&reference, pointer)
        if result == GIT_EUNBORNBRANCH.rawValue || result == GIT_ENOTFOUND.rawValue {
            return .unborn(branch: try unbornBranchName())
        }
        try check(result, "read HEAD")
        guard let reference else { throw GitError(code: .notFound, message: "HEAD has no target", operation: "read HEAD") }
        defer { git_reference_free(reference) }
        guard let target = git_reference_target(reference) else {
            throw GitError(code: .invalid, message: "HEAD does not resolve to a commit", operation: "read HEAD")
        }
        let commit = ObjectID(target)
        if git_repository_head_detached(pointer) == 1 {
            return .detached(commit: commit)
        }
        return .branch(name: String(cString: git_reference_name(reference)), commit: commit)
    }

    private func unbornBranchName() throws(GitError) -> String {
        var reference: OpaquePointer?
        try check(git_reference_lookup(&reference, pointer, "HEAD"), "read HEAD")
        guard let reference else { return "HEAD" }
        defer { git_reference_free(reference) }
        return git_reference_symbolic_target(reference).map { String(cString: $0) } ?? "HEAD"
    }
}

/// The state of HEAD.
public enum Head: Equatable, Sendable {
    /// On a branch (full reference name such as `refs/heads/main`) with at least one commit.
    case branch(name: String, commit: ObjectID)
    /// Checked out at a commit, not on a branch.
    case detached(commit: ObjectID)
    /// On a branch that has no commit yet.
    case unborn(branch: String)

    /// The commit HEAD points at, if any.
    public var commit: ObjectID? {
        switch self {
        case .branch(_, let commit), .detached(let commit): return commit
        case .unborn: return nil
        }
    }
}
