import Foundation
internal import Clibgit2

/// How a work-tree path differs from HEAD and the index.
public struct FileStatus: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let stagedNew = FileStatus(rawValue: GIT_STATUS_INDEX_NEW.rawValue)
    public static let stagedModified = FileStatus(rawValue: GIT_STATUS_INDEX_MODIFIED.rawValue)
    public static let stagedDeleted = FileStatus(rawValue: GIT_STATUS_INDEX_DELETED.rawValue)
    public static let stagedRenamed = FileStatus(rawValue: GIT_STATUS_INDEX_RENAMED.rawValue)
    public static let stagedTypeChange = FileStatus(rawValue: GIT_STATUS_INDEX_TYPECHANGE.rawValue)
    public static let untracked = FileStatus(rawValue: GIT_STATUS_WT_NEW.rawValue)
    public static let modified = FileStatus(rawValue: GIT_STATUS_WT_MODIFIED.rawValue)
    public static let deleted = FileStatus(rawValue: GIT_STATUS_WT_DELETED.rawValue)
    public static let typeChange = FileStatus(rawValue: GIT_STATUS_WT_TYPECHANGE.rawValue)
    public static let renamed = FileStatus(rawValue: GIT_STATUS_WT_RENAMED.rawValue)
    public static let unreadable = FileStatus(rawValue: GIT_STATUS_WT_UNREADABLE.rawValue)
    public static let ignored = FileStatus(rawValue: GIT_STATUS_IGNORED.rawValue)
    public static let conflicted = FileStatus(rawValue: GIT_STATUS_CONFLICTED.rawValue)

    /// True when the path in the work tree or index is not what HEAD holds.
    public var isUncommitted: Bool {
        !subtracting(.ignored).isEmpty
    }
}

extension Repository {
    /// The status of one file, relative to the work tree; a clean tracked file or a missing untracked one is empty.
    public func status(ofPath path: String) throws(GitError) -> FileStatus {
        var flags: UInt32 = 0
        let result = git_status_file(&flags, pointer, path)
        if result == GIT_ENOTFOUND.rawValue { return [] }
        try check(result, "status of \(path)")
        return FileStatus(rawValue: flags)
    }
}

extension Repository {
    /// Every path below `folder` whose work tree or index differs from HEAD, untracked files included
    /// and ignored files left out.
    public func uncommittedPaths(under folder: String) throws(GitError) -> [(path: String, status: FileStatus)] {
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "read status")
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
        let pattern = strdup(folder + "/")
        defer { free(pattern) }
        var patterns: [UnsafeMutablePointer<CChar>?] = [pattern]
        var list: OpaquePointer?
        let result = patterns.withUnsafeMutableBufferPointer { buffer in
            options.pathspec = git_strarray(strings: buffer.baseAddress, count: 1)
            return git_status_list_new(&list, pointer, &options)
        }
        try check(result, "read status of \(folder)")
        defer { git_status_list_free(list) }
        var entries: [(path: String, status: FileStatus)] = []
        for index in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, index)?.pointee else { continue }
            let delta = entry.index_to_workdir ?? entry.head_to_index
            guard let path = delta?.pointee.new_file.path ?? delta?.pointee.old_file.path else { continue }
            entries.append((String(cString: path), FileStatus(rawValue: entry.status.rawValue)))
        }
        return entries
    }
}

extension Repository {
    /// The staged blob of every regular file the work tree has not changed since it was staged, by path. git's own
    /// status decides "unchanged" from the size and times the index recorded (hashing only files changed too recently
    /// to tell), so these files need not be read to be named. Conflicted paths and files changed, deleted or turned
    /// into another kind of entry are left out.
    public func filesUnchangedSinceStaged() throws(GitError) -> [String: ObjectID] {
        let index = try self.index()
        try index.reload(force: false)
        var files = index.stagedRegularFiles()
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "read status")
        options.show = GIT_STATUS_SHOW_WORKDIR_ONLY
        options.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        var list: OpaquePointer?
        try check(git_status_list_new(&list, pointer, &options), "read status")
        defer { git_status_list_free(list) }
        for position in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, position)?.pointee, let delta = entry.index_to_workdir?.pointee else { continue }
            for path in [delta.old_file.path, delta.new_file.path] {
                if let path { files.removeValue(forKey: String(cString: path)) }
            }
        }
        return files
    }
}
