/* Small shared helpers. */
#include "util_int.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cx_grow(void **v, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / sz)
            return -1;
        ncap *= 2;
    }
    void *p = realloc(*v, ncap * sz);
    if (!p)
        return -1;
    *v = p;
    *cap = ncap;
    return 0;
}

void cx_warn(cx_warning_vec *w, long offset, const char *fmt, ...)
{
    if (w->n >= 1000 || cx_grow((void **)&w->v, &w->cap, w->n + 1, sizeof *w->v))
        return;
    cx_warning *x = &w->v[w->n++];
    x->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->message, sizeof x->message, fmt, ap);
    va_end(ap);
}

int cx_read_file(const char *path, char **buf, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return CX_ERR_IO;
    /* a regular file is read into a buffer of its size at once: data
     * files are megabytes, and growing by doubling copies them twice */
    struct stat st;
    size_t cap = 1 << 16, n = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uint64_t)st.st_size < SIZE_MAX / 2)
        cap = (size_t)st.st_size + 2; /* + 1 to see the end without growing */
    char *b = malloc(cap);
    int rc = CX_OK;
    while (b) {
        if (n + 1 >= cap) {
            char *nb = cap > SIZE_MAX / 2 ? NULL : realloc(b, cap * 2);
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
        size_t r = fread(b + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0) {
            if (ferror(f))
                rc = CX_ERR_IO;
            break;
        }
    }
    int saved = errno;
    fclose(f);
    if (!b)
        return CX_ERR_NOMEM;
    if (rc != CX_OK) {
        free(b);
        errno = saved;
        return rc;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return CX_OK;
}

char *cx_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *cx_strdup(const char *s) { return cx_strndup(s, strlen(s)); }

uint64_t cx_fnv1a(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Eight bytes a step, read little-endian whatever the machine, so that a
 * data hash is the same everywhere. Each step mixes the word in fully
 * (multiply, fold the high half down), as FNV does a byte. */
static uint64_t S_le64(const unsigned char *s)
{
    /* compilers turn this into one load on little-endian machines */
    return (uint64_t)s[0] | (uint64_t)s[1] << 8 | (uint64_t)s[2] << 16 | (uint64_t)s[3] << 24 |
           (uint64_t)s[4] << 32 | (uint64_t)s[5] << 40 | (uint64_t)s[6] << 48 |
           (uint64_t)s[7] << 56;
}

static uint64_t S_fold64(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

uint64_t cx_hash64(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        h = S_fold64(h, S_le64(s + i));
    uint64_t tail = 0;
    for (size_t k = n; k > i; k--)
        tail = tail << 8 | s[k - 1];
    h = S_fold64(h, tail);
    return S_fold64(h, (uint64_t)n); /* "ab" + "" differs from "a" + "b" */
}

int cx_ascii_lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

int cx_ascii_strncasecmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int x = cx_ascii_lower((unsigned char)a[i]);
        int y = cx_ascii_lower((unsigned char)b[i]);
        if (x != y || !x)
            return x - y;
    }
    return 0;
}

const char *cx_strerror(int code)
{
    switch (code) {
    case CX_OK:
        return "success";
    case CX_ERR_NOMEM:
        return "out of memory";
    case CX_ERR_IO:
        return "input/output error";
    case CX_ERR_DATA:
        return "malformed data file";
    case CX_ERR_PATTERN:
        return "pattern does not compile";
    case CX_ERR_INPUT:
        return "input cannot be processed";
    case CX_ERR_ARG:
        return "invalid argument";
    case CX_ERR_LIMIT:
        return "resource limit reached";
    default:
        return "unknown error";
    }
}

void cx_strlcpy(char *dst, const char *src, size_t cap)
{
    size_t n = strnlen(src, cap - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

uint64_t cx_hash_bytes(uint64_t h, const void *p, size_t n) { return cx_hash64(h, p, n); }

void cx_hash_hex(uint64_t v, char out[17])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--, v >>= 4)
        out[i] = hex[v & 15];
    out[16] = '\0';
}

int cx_buf_put(cx_buf *b, const char *s, size_t n)
{
    if (cx_grow((void **)&b->s, &b->cap, b->n + n + 1, 1))
        return -1;
    if (n)
        memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
    return 0;
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if invalid.
 * Rejects overlongs, surrogates and code points past U+10FFFF. */
size_t cx_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

/* The length of the valid UTF-8 prefix of b (no NUL either). News is
 * mostly ASCII, so eight bytes are checked a step while they are all
 * ASCII and none is NUL. */
size_t cx_utf8_prefix(const unsigned char *b, size_t len)
{
    size_t i = 0;
    while (i < len) {
        while (i + 8 <= len) {
            uint64_t v = cx_load8(b + i);
            /* a byte past ASCII sets its top bit in v, a NUL in v - CX_BYTES_LO
             * (and nothing else does while neither is there) */
            if ((v | (v - CX_BYTES_LO)) & CX_BYTES_HI)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        size_t k = cx_utf8_seq(b + i, len - i);
        if (k == 0 || (k == 1 && b[i] == 0))
            return i;
        i += k;
    }
    return len;
}
