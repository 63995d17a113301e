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

/* Object reads are not re-hashed (as git does not re-hash on read; git fsck checks integrity), and libgit2's
   object cache is capped so a walk over a long history keeps its memory bounded. */
static inline int contentctl_git_configure_reads(ssize_t cache_bytes, size_t tree_limit) {
    int error = git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    if (error < 0) return error;
    error = git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, tree_limit);
    if (error < 0) return error;
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, cache_bytes);
}

#endif
