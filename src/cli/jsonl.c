/* jsonl: a flat {"id", "text", "dct"} record without building a cJSON
 * tree. cJSON reads every string twice (to size it, then to copy it) and
 * allocates a node a member; on a JSON Lines batch that was a fifth of the
 * reading thread's time, which at -j 2 competes with the workers. */
#include "jsonl.h"
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *p, *end;
} S_in;

static void S_ws(S_in *in)
{
    while (in->p < in->end &&
           (*in->p == ' ' || *in->p == '\t' || *in->p == '\n' || *in->p == '\r'))
        in->p++;
}

static int S_hex4(const char *p, uint32_t *v)
{
    uint32_t x = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        x <<= 4;
        if (c >= '0' && c <= '9')
            x |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            x |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            x |= (uint32_t)(c - 'A' + 10);
        else
            return 0;
    }
    *v = x;
    return 1;
}

static char *S_put_utf8(char *d, uint32_t c)
{
    if (c < 0x80) {
        *d++ = (char)c;
    } else if (c < 0x800) {
        *d++ = (char)(0xC0 | c >> 6);
        *d++ = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        *d++ = (char)(0xE0 | c >> 12);
        *d++ = (char)(0x80 | (c >> 6 & 0x3F));
        *d++ = (char)(0x80 | (c & 0x3F));
    } else {
        *d++ = (char)(0xF0 | c >> 18);
        *d++ = (char)(0x80 | (c >> 12 & 0x3F));
        *d++ = (char)(0x80 | (c >> 6 & 0x3F));
        *d++ = (char)(0x80 | (c & 0x3F));
    }
    return d;
}

/* One escape after the backslash at in->p[-1]; 0 when it is one this path
 * leaves to cJSON (a bad escape, a lone surrogate, NUL). */
static int S_escape(S_in *in, char **d)
{
    if (in->p >= in->end)
        return 0;
    char c = *in->p++;
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *k = c ? strchr(from, c) : NULL;
    if (k) {
        *(*d)++ = to[k - from];
        return 1;
    }
    uint32_t u, lo;
    if (c != 'u' || in->end - in->p < 4 || !S_hex4(in->p, &u))
        return 0;
    in->p += 4;
    if (u >= 0xDC00 && u <= 0xDFFF)
        return 0;
    if (u >= 0xD800 && u <= 0xDBFF) {
        if (in->end - in->p < 6 || in->p[0] != '\\' || in->p[1] != 'u' ||
            !S_hex4(in->p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
            return 0;
        in->p += 6;
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
    }
    if (u == 0)
        return 0;
    *d = S_put_utf8(*d, u);
    return 1;
}

/* A string at in->p (on its opening quote), decoded into a new buffer
 * sized by its raw length (decoding never makes a string longer). */
static char *S_string(S_in *in, size_t *n)
{
    if (in->p >= in->end || *in->p != '"')
        return NULL;
    const char *q = ++in->p;
    /* the closing quote: the next one not escaped, that is with an even
     * run of backslashes before it (memchr runs many bytes a step; text
     * is most of a record) */
    for (;;) {
        q = memchr(q, '"', (size_t)(in->end - q));
        if (!q)
            return NULL;
        size_t bs = 0;
        while (q - bs > in->p && q[-1 - (ptrdiff_t)bs] == '\\')
            bs++;
        if (!(bs & 1))
            break;
        q++;
    }
    if (memchr(in->p, '\0', (size_t)(q - in->p)))
        return NULL; /* the cJSON path ends the string there */
    char *s = malloc((size_t)(q - in->p) + 1), *d = s;
    if (!s)
        return NULL;
    while (in->p < q) {
        const char *e = memchr(in->p, '\\', (size_t)(q - in->p));
        if (!e)
            e = q;
        memcpy(d, in->p, (size_t)(e - in->p));
        d += e - in->p;
        in->p = e;
        if (e == q)
            break;
        in->p++;
        if (!S_escape(in, &d) || in->p > q) {
            free(s);
            return NULL;
        }
    }
    in->p = q + 1;
    *d = '\0';
    *n = (size_t)(d - s);
    return s;
}

int cx_jsonl_fast(const char *line, size_t len, cx_jsonl_rec *rec)
{
    memset(rec, 0, sizeof *rec);
    S_in in = {line, line + len};
    S_ws(&in);
    if (in.p >= in.end || *in.p++ != '{')
        return 0;
    S_ws(&in);
    int first = 1;
    while (in.p < in.end && *in.p != '}') {
        if (!first) {
            if (*in.p++ != ',')
                goto no;
            S_ws(&in);
        }
        first = 0;
        size_t kn, vn;
        char *key = S_string(&in, &kn);
        if (!key)
            goto no;
        char **slot = strcmp(key, "id") == 0     ? &rec->id
                      : strcmp(key, "text") == 0 ? &rec->text
                      : strcmp(key, "dct") == 0  ? &rec->dct
                                                 : NULL;
        free(key);
        if (!slot || *slot)
            goto no; /* another member, or one given twice */
        S_ws(&in);
        if (in.p >= in.end || *in.p++ != ':')
            goto no;
        S_ws(&in);
        *slot = S_string(&in, &vn);
        if (!*slot)
            goto no;
        if (slot == &rec->text)
            rec->text_len = vn;
        S_ws(&in);
    }
    if (in.p >= in.end || *in.p++ != '}')
        goto no;
    S_ws(&in);
    if (in.p != in.end || !rec->text)
        goto no;
    return 1;
no:
    cx_jsonl_rec_fini(rec);
    return 0;
}

void cx_jsonl_rec_fini(cx_jsonl_rec *rec)
{
    free(rec->id);
    free(rec->text);
    free(rec->dct);
    memset(rec, 0, sizeof *rec);
}
