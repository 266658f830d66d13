/* rules: word lists and PCRE2 patterns kept as data files. */
#include "rules_int.h"
#include "util_int.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Match limits: generous for news sentences, small enough that a hostile
 * input cannot make one match run for seconds. */
#define CX_MATCH_LIMIT 200000
#define CX_DEPTH_LIMIT 5000

void cx_error_set(cx_error *err, int code, const char *file, long line, const char *fmt, ...)
{
    if (!err)
        return;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->offset = -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

char *cx_path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

/* Calls fn on each non-comment, non-blank line (trailing CR and blanks
 * stripped). Stops at the first non-zero return. */
typedef int (*S_line_fn)(void *arg, char *line, size_t len, long lineno);

static int S_each_line(char *buf, size_t len, S_line_fn fn, void *arg)
{
    long lineno = 0;
    char *p = buf, *end = buf + len;
    if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        p += 3;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;
        lineno++;
        size_t n = (size_t)(e - p);
        while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        if (n && p[0] != '#') {
            p[n] = '\0';
            int rc = fn(arg, p, n, lineno);
            if (rc)
                return rc;
        }
        p = nl ? nl + 1 : end;
    }
    return 0;
}

static int S_add_entry(void *arg, char *line, size_t len, long lineno)
{
    cx_strlist *l = arg;
    size_t cap = l->n; /* grows by doubling past powers of two */
    size_t want = l->n + 1;
    if ((want & (want - 1)) == 0 || l->n == 0) {
        cap = want * 2;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return CX_ERR_NOMEM;
        l->v = v;
    }
    l->v[l->n] = cx_strndup(line, len);
    if (!l->v[l->n])
        return CX_ERR_NOMEM;
    l->n++;
    return 0;
}

int cx_strlist_load(const char *path, cx_strlist *out, cx_error *err)
{
    memset(out, 0, sizeof *out);
    char *buf;
    size_t len;
    int rc = cx_read_file(path, &buf, &len);
    if (rc != CX_OK) {
        cx_error_set(err, rc, path, 0, "cannot read list file");
        return rc;
    }
    if (memchr(buf, '\0', len)) {
        free(buf);
        cx_error_set(err, CX_ERR_DATA, path, 0, "list file holds a NUL byte");
        return CX_ERR_DATA;
    }
    rc = S_each_line(buf, len, S_add_entry, out);
    free(buf);
    if (rc) {
        cx_strlist_fini(out);
        cx_error_set(err, rc, path, 0, "cannot load list file");
    }
    return rc;
}

void cx_strlist_fini(cx_strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

long cx_strlist_find(const cx_strlist *l, const char *s, size_t len)
{
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->v[i]) == len && cx_ascii_strncasecmp(l->v[i], s, len) == 0)
            return (long)i;
    return -1;
}

static int S_cmp_len_desc(const void *a, const void *b)
{
    size_t x = strlen(*(char *const *)a), y = strlen(*(char *const *)b);
    if (x != y)
        return x < y ? 1 : -1;
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the entries of list_dir/name.txt as a regex alternation. */
static int S_expand_list(cx_buf *b, const char *list_dir, const char *name, size_t nlen,
                         cx_error *err)
{
    char fname[256];
    snprintf(fname, sizeof fname, "%.*s.txt", (int)nlen, name);
    char *path = cx_path_join(list_dir, fname);
    if (!path)
        return CX_ERR_NOMEM;
    cx_strlist l;
    int rc = cx_strlist_load(path, &l, err);
    free(path);
    if (rc)
        return rc;
    if (l.n) /* l.v is NULL for an empty list */
        qsort(l.v, l.n, sizeof *l.v, S_cmp_len_desc);
    rc = cx_buf_put(b, "(?:", 3);
    for (size_t i = 0; rc == CX_OK && i < l.n; i++) {
        if (i)
            rc = cx_buf_put(b, "|", 1);
        for (const char *c = l.v[i]; rc == CX_OK && *c; c++) {
            if (strchr("\\^$.|?*+()[]{}", *c))
                rc = cx_buf_put(b, "\\", 1);
            if (rc == CX_OK)
                rc = *c == ' ' ? cx_buf_put(b, "\\s+", 3) : cx_buf_put(b, c, 1);
        }
    }
    if (rc == CX_OK)
        rc = cx_buf_put(b, ")", 1);
    cx_strlist_fini(&l);
    return rc;
}

typedef struct {
    cx_patterns *out;
    const char *path, *list_dir;
    uint32_t opts;
    size_t cap;
    cx_error *err;
} S_pload;

static int S_add_pattern(void *arg, char *line, size_t len, long lineno)
{
    S_pload *pl = arg;
    char *tab = strchr(line, '\t');
    if (!tab || tab == line) {
        cx_error_set(pl->err, CX_ERR_PATTERN, pl->path, lineno, "expected NAME<TAB>REGEX");
        return CX_ERR_PATTERN;
    }
    cx_buf b = {0};
    int rc = CX_OK;
    for (const char *p = tab + 1; rc == CX_OK && *p;) {
        const char *m = strstr(p, "%{");
        const char *e = m ? strchr(m, '}') : NULL;
        if (!m || !e) {
            rc = cx_buf_put(&b, p, strlen(p));
            break;
        }
        rc = cx_buf_put(&b, p, (size_t)(m - p));
        if (rc == CX_OK)
            rc = S_expand_list(&b, pl->list_dir, m + 2, (size_t)(e - m - 2), pl->err);
        if (rc != CX_OK && rc != CX_ERR_NOMEM && pl->err)
            pl->err->line = lineno,
            snprintf(pl->err->file, sizeof pl->err->file, "%s", pl->path);
        p = e + 1;
    }
    if (rc != CX_OK) {
        free(b.s);
        return rc;
    }
    int ecode;
    PCRE2_SIZE eoff;
    pcre2_code *re =
        pcre2_compile((PCRE2_SPTR)b.s, b.n, PCRE2_UTF | PCRE2_UCP | pl->opts, /* UTF checked */
                      &ecode, &eoff, NULL);
    free(b.s);
    if (!re) {
        PCRE2_UCHAR msg[200];
        pcre2_get_error_message(ecode, msg, sizeof msg);
        cx_error_set(pl->err, CX_ERR_PATTERN, pl->path, lineno, "%s", (char *)msg);
        if (pl->err)
            pl->err->offset = (long)eoff;
        return CX_ERR_PATTERN;
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
    cx_patterns *o = pl->out;
    if (cx_grow((void **)&o->v, &pl->cap, o->n + 1, sizeof *o->v)) {
        pcre2_code_free(re);
        return CX_ERR_NOMEM;
    }
    o->v[o->n].name = cx_strndup(line, (size_t)(tab - line));
    o->v[o->n].re = re;
    if (!o->v[o->n].name) {
        pcre2_code_free(re);
        return CX_ERR_NOMEM;
    }
    o->n++;
    uint32_t caps = 0;
    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &caps);
    if (caps + 1 > o->max_ovec)
        o->max_ovec = caps + 1;
    (void)len;
    return 0;
}

int cx_patterns_load(const char *path, const char *list_dir, uint32_t extra_opts,
                     cx_patterns *out, cx_error *err)
{
    memset(out, 0, sizeof *out);
    char *buf;
    size_t len;
    int rc = cx_read_file(path, &buf, &len);
    if (rc != CX_OK) {
        cx_error_set(err, rc, path, 0, "cannot read pattern file");
        return rc;
    }
    S_pload pl = {out, path, list_dir, extra_opts, 0, err};
    rc = S_each_line(buf, len, S_add_pattern, &pl);
    free(buf);
    if (rc)
        cx_patterns_fini(out);
    return rc;
}

void cx_patterns_fini(cx_patterns *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].name);
        pcre2_code_free(p->v[i].re);
    }
    free(p->v);
    memset(p, 0, sizeof *p);
}

const cx_pattern *cx_patterns_get(const cx_patterns *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i].name, name) == 0)
            return &p->v[i];
    return NULL;
}

int cx_re_match(const pcre2_code *re, const char *subject, size_t len, size_t start,
                uint32_t options, pcre2_match_data *md)
{
    /* A match context is cheap and keeps the limits per call, so threads
     * share nothing mutable. */
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    if (!mc)
        return PCRE2_ERROR_NOMEMORY;
    pcre2_set_match_limit(mc, CX_MATCH_LIMIT);
    pcre2_set_depth_limit(mc, CX_DEPTH_LIMIT);
    /* PCRE2_ANCHORED given at match time sends PCRE2 from the JIT code to
     * its interpreter (several times slower with many groups); a pattern
     * compiled with PCRE2_ANCHORED needs no such flag and keeps the JIT. */
    uint32_t copts = 0;
    if ((options & PCRE2_ANCHORED) &&
        pcre2_pattern_info(re, PCRE2_INFO_ALLOPTIONS, &copts) == 0 && (copts & PCRE2_ANCHORED))
        options &= ~(uint32_t)PCRE2_ANCHORED;
    int rc =
        pcre2_match(re, (PCRE2_SPTR)subject, len, start, options | PCRE2_NO_UTF_CHECK, md, mc);
    pcre2_match_context_free(mc);
    return rc;
}
