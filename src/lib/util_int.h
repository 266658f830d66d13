/* Small helpers shared by the modules: growable arrays, warnings, files. */
#ifndef CX_UTIL_INT_H
#define CX_UTIL_INT_H
#include "chronex.h"
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

/* Grows *v (element size sz) so that it holds at least need elements.
 * Returns 0, or -1 when out of memory (the array is left as it was). */
int cx_grow(void **v, size_t *cap, size_t need, size_t sz);

typedef struct {
    cx_warning *v;
    size_t n, cap;
} cx_warning_vec;

/* Appends a warning (offset in code points, or -1); drops it silently
 * when out of memory or past 1000 warnings. */
void cx_warn(cx_warning_vec *w, long offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reads a whole file into a new NUL-terminated buffer (caller frees).
 * CX_OK, CX_ERR_IO (errno kept) or CX_ERR_NOMEM. */
int cx_read_file(const char *path, char **buf, size_t *len);

/* A growable string, NUL-terminated once anything is put in it. */
typedef struct {
    char *s;
    size_t n, cap;
} cx_buf;

/* Appends s[n] (s may be NULL when n is 0). 0, or -1 when out of memory
 * (b is left as it was). */
int cx_buf_put(cx_buf *b, const char *s, size_t n);

/* Copies src into dst[cap] (cap > 0), cut to fit and always terminated;
 * snprintf(dst, cap, "%s", src) without the format machinery. */
void cx_strlcpy(char *dst, const char *src, size_t cap);

/* strdup / strndup that return NULL on failure. */
char *cx_strdup(const char *s);
char *cx_strndup(const char *s, size_t n);

/* 64-bit FNV-1a, continuing from h (start with CX_FNV_INIT). */
#define CX_FNV_INIT 14695981039346656037ULL
uint64_t cx_fnv1a(uint64_t h, const void *p, size_t n);

/* A fast 64-bit hash of large buffers (data files), continuing from h;
 * not FNV, and not for hash tables of short keys. */
uint64_t cx_hash64(uint64_t h, const void *p, size_t n);

/* ASCII-only case folding helpers (locale-independent). */
/* Eight bytes from s, in memory order whatever the machine, and the
 * masks of each byte's top and bottom bit: for reading text eight ASCII
 * bytes a step. */
static inline uint64_t cx_load8(const unsigned char *s)
{
    uint64_t v;
    memcpy(&v, s, 8);
    return v;
}
#define CX_BYTES_HI 0x8080808080808080ULL
#define CX_BYTES_LO 0x0101010101010101ULL

/* The length of the valid UTF-8 sequence at s[0..n) (n >= 1), or 0 when
 * it is none: overlongs, surrogates and code points past U+10FFFF are
 * invalid. */
size_t cx_utf8_seq(const unsigned char *s, size_t n);
/* The length of the longest prefix of b[0..len) that is valid UTF-8
 * without a NUL byte (len when all of it is). */
size_t cx_utf8_prefix(const unsigned char *b, size_t len);

int cx_ascii_lower(int c);
int cx_ascii_strncasecmp(const char *a, const char *b, size_t n);

#endif
