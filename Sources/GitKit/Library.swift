internal import Clibgit2

/// libgit2 must be initialised exactly once per process; a global `let` runs its initialiser once, thread-safely.
/// It is never shut down: the process exit releases everything.
private let libgit2Initialization: Int32 = git_libgit2_init()

func ensureLibgit2() {
    _ = libgit2Initialization
}
