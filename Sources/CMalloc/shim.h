#ifndef PODIUM_CMALLOC_SHIM_H
#define PODIUM_CMALLOC_SHIM_H
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>

/* glibc's mallopt for Swift (malloc.h is not in Swift's Glibc module): keep freed blocks of up to 32 MiB for
   reuse, never trim the heap, use one arena. Returns 1 when every setting took. */
static inline int podium_keep_freed_memory(void) {
    return mallopt(M_MMAP_THRESHOLD, 32 << 20) & mallopt(M_TRIM_THRESHOLD, 1 << 30) & mallopt(M_ARENA_MAX, 1);
}
#else
static inline int podium_keep_freed_memory(void) { return 0; }
#endif
#endif
