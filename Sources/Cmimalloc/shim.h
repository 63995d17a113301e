#ifndef CONTENTCTL_CMIMALLOC_SHIM_H
#define CONTENTCTL_CMIMALLOC_SHIM_H

#include <mimalloc.h>

#endif
