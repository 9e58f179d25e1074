#ifndef PODIUM_CMALLOC_SHIM_H
#define PODIUM_CMALLOC_SHIM_H
#if defined(__linux__)
#include <malloc.h>
#endif

/* glibc's mallopt for Swift (malloc.h is not in Swift's Glibc module): keep freed blocks of up to 32 MiB for
   reuse, never trim the heap, one arena (a second arena's heaps hold at most 64 MiB each and are unmapped as
   they empty, so a file's columns were faulted in afresh; the threads allocate a few large blocks, and do not
   contend for one). Returns 1 when every setting took; 0 on a C library without them. */
static inline int podium_keep_freed_memory(void) {
#if defined(M_ARENA_MAX) && defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
    return mallopt(M_MMAP_THRESHOLD, 32 << 20) & mallopt(M_TRIM_THRESHOLD, 1 << 30) & mallopt(M_ARENA_MAX, 1);
#else
    return 0;
#endif
}
#endif
