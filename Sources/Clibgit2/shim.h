#ifndef CONTENTCTL_CLIBGIT2_SHIM_H
#define CONTENTCTL_CLIBGIT2_SHIM_H

/* Deprecated libgit2 calls must not compile. */
#define GIT_DEPRECATE_HARD
#include <git2.h>
#include <git2/sys/repository.h>

#endif
