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
