import Foundation
import GitKit

/// A content repository opened for reading and writing through libgit2: the entry point of every command.
public final class ContentRepository {
    public let repository: Repository
    /// Whether history answers are read from and kept in `.git/contentctl/cache/` (`--no-cache` turns it off).
    public var usesCache = true
    /// Counts the commits history walks visit, for a progress line.
    public var progress: WalkProgress?
    /// Parsed modules and events by blob, shared by every library this run reads.
    private(set) lazy var parseCache: ParseCache? = usesCache ? ParseCache(repository: repository) : nil
    /// Cache files still being written on another thread.
    var pendingWrites: [BackgroundWrite] = []

    init(repository: Repository) {
        self.repository = repository
    }

    /// Keeps what this run parsed for the next, however many libraries the command read (a no-op when nothing was
    /// added), and waits for the cache files still being written: for a command that ends without releasing the
    /// repository (see `exitKeeping`); a release does it too.
    public func saveCaches() {
        parseCache?.save()
        for write in pendingWrites { write.wait() }
        pendingWrites = []
    }

    deinit {
        saveCaches()
    }

    /// Opens the repository containing `path` (default: the current folder), searching upwards as git does.
    public static func open(at path: String? = nil) throws(ContentError) -> ContentRepository {
        let start = path ?? FileManager.default.currentDirectoryPath
        guard FileManager.default.fileExists(atPath: start) else {
            throw ContentError(.unsupportedRepository, "\(start): no such folder")
        }
        do {
            return ContentRepository(repository: try Repository.discover(from: start))
        } catch where error.code == .notFound {
            throw ContentError(.unsupportedRepository, "not a git repository (or any parent folder): \(start)")
        } catch {
            throw ContentError(error)
        }
    }

    /// The commit HEAD points at, with its branch; refuses states where history cannot be read as git would.
    func requireHeadCommit() throws(ContentError) -> (commit: Commit, branch: String?) {
        let head: Head
        do {
            head = try repository.head()
        } catch {
            throw ContentError(error)
        }
        guard let id = head.commit else {
            if case .unborn(let branch) = head {
                throw ContentError(.unsupportedRepository, "branch \(Self.shortBranch(branch)) has no commits yet: commit your content first")
            }
            throw ContentError(.unsupportedRepository, "HEAD does not point at a commit")
        }
        if repository.isShallow {
            throw ContentError(.unsupportedRepository, "shallow clone: contentctl needs full history to date changes; run git fetch --unshallow (in CI, fetch-depth: 0)")
        }
        do {
            let commit = try repository.commit(id)
            if case .branch(let name, _) = head { return (commit, Self.shortBranch(name)) }
            return (commit, nil)
        } catch {
            throw ContentError(error)
        }
    }

    /// The library as committed in `commit`. A walk over many old commits passes its own `cache` (see
    /// `ParseCache.inMemory`): their versions would fill the parse cache that every later run loads, for no gain.
    func library(at commit: Commit, imposing config: ContentConfig? = nil, cache: ParseCache? = nil) throws(ContentError) -> ContentLibrary {
        return try ContentLibrary.load(from: try source(at: commit), imposing: config, cache: cache ?? parseCache)
    }

    /// The configuration committed in `commit` (`contentctl.yml`, or the defaults), without reading the library.
    func configuration(at commit: Commit) throws(ContentError) -> ContentConfig {
        try ContentLibrary.configuration(in: try source(at: commit))
    }

    /// The files committed in `commit`, named for messages by its short id.
    func source(at commit: Commit) throws(ContentError) -> TreeSource {
        do {
            return try TreeSource(repository: repository, root: commit.tree, name: "HEAD (\(commit.id.hex.prefix(7)))")
        } catch {
            throw ContentError(error)
        }
    }

    /// The library as it is on disk, for commands that help an author before they commit.
    func workTreeLibrary() throws(ContentError) -> ContentLibrary {
        guard let root = repository.workingDirectory else {
            throw ContentError(.unsupportedRepository, "bare repository: this command reads the work tree")
        }
        let source = WorkTreeSource(root: root, repository: repository)
        // The parse cache serves the work tree too: most of its files are the blobs HEAD holds.
        return try ContentLibrary.load(from: source, cache: parseCache)
    }

    static func shortBranch(_ name: String) -> String {
        name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : name
    }
}
