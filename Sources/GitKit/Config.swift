internal import Clibgit2

extension Repository {
    /// A string from git's configuration (repository, global and system files, as git reads them).
    public func configString(_ key: String) throws(GitError) -> String? {
        var snapshot: OpaquePointer?
        try check(git_repository_config_snapshot(&snapshot, pointer), "read git config")
        defer { git_config_free(snapshot) }
        var value: UnsafePointer<CChar>?
        let result = git_config_get_string(&value, snapshot, key)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "read \(key) from git config")
        return value.map { String(cString: $0) }
    }
}
