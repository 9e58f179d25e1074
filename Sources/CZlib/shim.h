#ifndef PODIUM_CZLIB_SHIM_H
#define PODIUM_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro: a function Swift can call, for the raw deflate streams of zip entries. */
static inline int podium_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

/* The same for gzip streams (tar.gz archives of code submissions). */
static inline int podium_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 16 + MAX_WBITS);
}
/* deflateInit2 for gzip output (event archives), at `level` (1 fastest, 9 smallest). */
static inline int podium_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
#endif
