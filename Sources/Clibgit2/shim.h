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

#endif
