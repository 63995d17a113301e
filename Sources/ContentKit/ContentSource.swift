import Foundation
import GitKit

/// Where content is read from: the tree of a commit, or the work tree for files not yet committed.
protocol ContentSource {
    /// Every regular file below `folder` with its blob id, in path order; folders for which `skipFolder`
    /// returns true (given the folder's path) are not entered. Empty when the folder does not exist.
    func files(under folder: String, skipFolder: (String) -> Bool) throws(ContentError) -> [(path: String, blob: ObjectID)]
    func read(_ path: String) throws(ContentError) -> [UInt8]?
    func blob(at path: String) throws(ContentError) -> ObjectID?
    func folderExists(_ path: String) throws(ContentError) -> Bool
    /// Describes the source in messages, e.g. "HEAD (3f2a9c1)" or "the work tree".
    var name: String { get }
}

extension ContentError {
    /// A libgit2 failure while reading: the repository cannot be read as it is.
    init(_ error: GitError) {
        self.init(.unsupportedRepository, "git: \(error)")
    }
}

/// Content as committed in one tree.
struct TreeSource: ContentSource {
    let lookup: TreeLookup
    let name: String
    private let preloaded = PreloadedFiles()

    init(repository: Repository, root: ObjectID, name: String) throws(GitError) {
        lookup = try TreeLookup(repository: repository, root: root)
        self.name = name
    }

    private var repository: Repository { lookup.repository }

    func files(under folder: String, skipFolder: (String) -> Bool) throws(ContentError) -> [(path: String, blob: ObjectID)] {
        do {
            guard let tree = try lookup.folder(TreeChanges.normalized(folder)) else { return [] }
            var result: [(path: String, blob: ObjectID)] = []
            try collect(tree, prefix: folder, skipFolder: skipFolder, into: &result)
            return result
        } catch {
            throw ContentError(error)
        }
    }

    private func collect(_ tree: RawTree, prefix: String, skipFolder: (String) -> Bool,
                         into result: inout [(path: String, blob: ObjectID)]) throws(GitError) {
        for entry in tree.allEntries {
            let path = RepositoryPath.join(prefix, entry.name)
            if entry.isTree {
                if !skipFolder(path) { try collect(try lookup.folder(path, tree: entry.id), prefix: path, skipFolder: skipFolder, into: &result) }
            } else if entry.isFile {
                result.append((path, entry.id))
            }
        }
    }

    /// Reads `files` now, so that reading them later asks nothing more of libgit2 (see `ContentRepository.reviewSession`).
    func preload(_ files: [(path: String, blob: ObjectID)]) throws(ContentError) {
        do {
            for file in files { preloaded.put([UInt8](try repository.blob(file.blob)), at: file.path) }
        } catch {
            throw ContentError(error)
        }
    }

    func read(_ path: String) throws(ContentError) -> [UInt8]? {
        if let bytes = preloaded.take(path) { return bytes }
        do {
            guard let entry = try lookup.entry(atPath: path), entry.isFile else { return nil }
            return [UInt8](try repository.blob(entry.id))
        } catch {
            throw ContentError(error)
        }
    }

    func blob(at path: String) throws(ContentError) -> ObjectID? {
        do {
            guard let entry = try lookup.entry(atPath: path), entry.isFile else { return nil }
            return entry.id
        } catch {
            throw ContentError(error)
        }
    }

    func folderExists(_ path: String) throws(ContentError) -> Bool {
        do {
            return try lookup.folder(TreeChanges.normalized(path)) != nil
        } catch {
            throw ContentError(error)
        }
    }
}

/// A tree's files read ahead of their parsing, each handed out once and then dropped.
private final class PreloadedFiles {
    private var bytes: [String: [UInt8]] = [:]

    func put(_ file: [UInt8], at path: String) {
        bytes[path] = file
    }

    func take(_ path: String) -> [UInt8]? {
        bytes.removeValue(forKey: path)
    }
}

/// Content as it is on disk, committed or not. A file git knows to be unchanged since it was staged is named by its
/// staged blob and read from the object database (see `Repository.filesUnchangedSinceStaged`): a library of ten
/// thousand files is then neither read nor hashed to be listed, and such a file's text is exactly the blob its id
/// names, whatever line-end conversion the checkout applied. Any other file is read from disk and hashed.
struct WorkTreeSource: ContentSource {
    /// The work tree folder, ending in "/".
    let root: String
    private let repository: Repository?
    private let unchanged: [String: ObjectID]
    var name: String { "the work tree" }

    /// `repository` supplies the staged blobs; without it (or when git cannot tell), every file is read from disk.
    init(root: String, repository: Repository?) {
        self.root = root
        self.repository = repository
        unchanged = (try? repository?.filesUnchangedSinceStaged()) ?? [:]
    }

    func files(under folder: String, skipFolder: (String) -> Bool) throws(ContentError) -> [(path: String, blob: ObjectID)] {
        var result: [(path: String, blob: ObjectID)] = []
        try collect(folder, skipFolder: skipFolder, into: &result)
        return result.sorted { $0.path < $1.path }
    }

    private enum EntryKind { case file, folder, other }

    /// One lstat: a symbolic link is neither file nor folder, as in the tree git would commit.
    private func kind(of path: String) -> EntryKind? {
        var status = stat()
        guard lstat(root + path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    private func collect(_ folder: String, skipFolder: (String) -> Bool, into result: inout [(path: String, blob: ObjectID)]) throws(ContentError) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root + folder) else { return }
        for name in names.sorted() {
            let path = RepositoryPath.join(folder, name)
            switch kind(of: path) {
            case .folder?:
                if name != ".git", !skipFolder(path) { try collect(path, skipFolder: skipFolder, into: &result) }
            case .file?:
                if let blob = try blob(at: path) { result.append((path, blob)) }
            case .other?, nil:
                continue
            }
        }
    }

    func read(_ path: String) throws(ContentError) -> [UInt8]? {
        if let blob = unchanged[path], let repository {
            do {
                return [UInt8](try repository.blob(blob))
            } catch {
                throw ContentError(error)
            }
        }
        guard kind(of: path) == .file else { return nil }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + path)))
        } catch {
            throw ContentError(.badContent, "\(path): cannot read: \(error.localizedDescription)")
        }
    }

    func blob(at path: String) throws(ContentError) -> ObjectID? {
        if let blob = unchanged[path] { return blob }
        guard let bytes = try read(path) else { return nil }
        do {
            return try Repository.blobID(of: Data(bytes))
        } catch {
            throw ContentError(error)
        }
    }

    func folderExists(_ path: String) throws(ContentError) -> Bool {
        kind(of: path) == .folder
    }

    /// Whether the file at `path` is read from disk rather than from the object database.
    func readsFromDisk(_ path: String) -> Bool {
        unchanged[path] == nil
    }
}
