internal import Clibgit2

/// libgit2 must be initialised exactly once per process; a global `let` runs its initialiser once, thread-safely.
/// It is never shut down: the process exit releases everything.
private let libgit2Initialization: (initialized: Int32, configured: Int32) = {
    let initialized = git_libgit2_init()
    guard initialized >= 0 else { return (initialized, 0) }
    // No strict hash verification (a sixth of a history walk's time). No trees or commits in libgit2's object cache:
    // a long walk would fill it, and the walk keeps the few trees it revisits itself; the cache's total stays at the
    // default. Packs are mapped in 32 MB windows, at most 96 MB at once: by default libgit2 maps a whole pack and a
    // walk touches all of it, which kept a 200 MB pack resident (peak memory 430 MB instead of 250 MB on a
    // 100,000-commit repository, at no measurable cost in time).
    return (initialized, contentctl_git_configure_reads(256 << 20, 32 << 20, 96 << 20))
}()

/// Initialises libgit2 on first use; a failure is reported by every call that needs it.
func ensureLibgit2() throws(GitError) {
    try check(libgit2Initialization.initialized, "initialise libgit2")
    try check(libgit2Initialization.configured, "configure libgit2's object reads")
}

public enum Libgit2 {
    /// Makes libgit2 fsync objects, references and the index it writes, for writes that must survive a crash.
    public static func enableFsync() throws(GitError) {
        try ensureLibgit2()
        try check(contentctl_git_enable_fsync(1), "enable fsync")
    }
}
