/* Small shared helpers. */
#include "util_int.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    size_t cap = 1 << 16, n = 0;
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
    case CX_OK: return "success";
    case CX_ERR_NOMEM: return "out of memory";
    case CX_ERR_IO: return "input/output error";
    case CX_ERR_DATA: return "malformed data file";
    case CX_ERR_PATTERN: return "pattern does not compile";
    case CX_ERR_INPUT: return "input cannot be processed";
    case CX_ERR_ARG: return "invalid argument";
    case CX_ERR_LIMIT: return "resource limit reached";
    default: return "unknown error";
    }
}
