internal import Clibgit2

/// libgit2 must be initialised exactly once per process; a global `let` runs its initialiser once, thread-safely.
/// It is never shut down: the process exit releases everything.
private let libgit2Initialization: Int32 = {
    let result = git_libgit2_init()
    // 64 MiB of parsed objects: enough for the trees a history walk revisits, far below libgit2's 256 MiB default.
    _ = contentctl_git_configure_reads(256 << 20, 0)
    return result
}()

func ensureLibgit2() {
    _ = libgit2Initialization
}

public enum Libgit2 {
    /// Makes libgit2 fsync objects, references and the index it writes, for writes that must survive a crash.
    public static func enableFsync() throws(GitError) {
        ensureLibgit2()
        try check(contentctl_git_enable_fsync(1), "enable fsync")
    }
}
