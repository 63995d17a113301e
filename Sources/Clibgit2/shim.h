#ifndef CONTENTCTL_CLIBGIT2_SHIM_H
#define CONTENTCTL_CLIBGIT2_SHIM_H

/* Deprecated libgit2 calls must not compile. */
#define GIT_DEPRECATE_HARD
#include <git2.h>
#include <git2/sys/repository.h>

/* git_libgit2_opts is variadic, which Swift cannot call; these wrappers fix its arguments. */
static inline int contentctl_git_enable_fsync(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}

/* Object reads are not re-hashed (as git does not re-hash on read; git fsck checks integrity); libgit2's object
   cache is capped and keeps no trees or commits, which a walk over a long history reads once each; and packs are
   mapped in windows of bounded total size, so touching a whole pack does not keep all of it resident. */
static inline int contentctl_git_configure_reads(ssize_t cache_bytes, size_t window_bytes, size_t mapped_bytes) {
    int error = git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    if (error < 0) return error;
    error = git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)0);
    if (error < 0) return error;
    error = git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT, (size_t)0);
    if (error < 0) return error;
    error = git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, window_bytes);
    if (error < 0) return error;
    error = git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, mapped_bytes);
    if (error < 0) return error;
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, cache_bytes);
}

#endif
