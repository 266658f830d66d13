/* Shared pieces of the fuzz targets: the context, temporary files and the
 * offset checks (fuzz.h). */
#include "fuzz.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static cx_ctx *S_ctx;
static char S_tmp[256];
int cx_fuzz_exit_on_fail;

static void S_cleanup(void)
{
    cx_ctx_free(S_ctx);
    S_ctx = NULL;
    if (S_tmp[0])
        unlink(S_tmp);
}

void cx_fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz check failed: %s%s%s\n", what, detail ? ": " : "",
            detail ? detail : "");
    if (cx_fuzz_exit_on_fail)
        exit(1);
    abort();
}

const cx_ctx *cx_fuzz_ctx(void)
{
    if (S_ctx)
        return S_ctx;
    cx_config cfg = cx_config_default();
    cx_error err;
    S_ctx = cx_ctx_new(&cfg, &err);
    if (!S_ctx) {
        fprintf(stderr, "fuzz: cannot load data: %s:%ld: %s\n", err.file, err.line,
                err.message);
        abort();
    }
    atexit(S_cleanup);
    return S_ctx;
}

const char *cx_fuzz_tmpfile(const uint8_t *data, size_t size, const char *suffix)
{
    if (!S_tmp[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(S_tmp, sizeof S_tmp, "%s/cx-fuzz-%ld%s", dir && *dir ? dir : "/tmp",
                 (long)getpid(), suffix ? suffix : "");
        if (!S_ctx)
            atexit(S_cleanup);
    }
    FILE *f = fopen(S_tmp, "wb");
    if (!f)
        return NULL;
    int ok = fwrite(data, 1, size, f) == size;
    ok &= fclose(f) == 0;
    return ok ? S_tmp : NULL;
}

char *cx_fuzz_strdup(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t S_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return c ? 1 : 0;
    size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (!k || c > 0xF4 || k > n)
        return 0;
    for (size_t i = 1; i < k; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) ||
        (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
        return 0;
    return k;
}

/* Byte offset of each code point of res->text, plus the end: a new array
 * of res->text_cps + 1 entries. Aborts when the text is not valid UTF-8. */
static size_t *S_cp_index(const cx_result *res)
{
    const unsigned char *t = (const unsigned char *)res->text;
    size_t *ix = malloc((res->text_cps + 1) * sizeof *ix);
    if (!ix)
        abort();
    size_t cp = 0, i = 0;
    while (i < res->text_len) {
        size_t k = S_seq(t + i, res->text_len - i);
        if (!k)
            cx_fuzz_fail("result text is not valid UTF-8 without NUL", NULL);
        if (cp >= res->text_cps)
            cx_fuzz_fail("text_cps is smaller than the text", NULL);
        ix[cp++] = i;
        i += k;
    }
    if (cp != res->text_cps)
        cx_fuzz_fail("text_cps differs from the code points of the text", NULL);
    ix[cp] = res->text_len;
    return ix;
}

static void S_check_span(const size_t *ix, const cx_result *res, const cx_span *sp,
                         const char *what)
{
    if (sp->start > sp->end || sp->end > res->text_len)
        cx_fuzz_fail(what, "byte span out of order or past the text");
    if (sp->cp_start > sp->cp_end || sp->cp_end > res->text_cps)
        cx_fuzz_fail(what, "code point span out of order or past the text");
    if (ix[sp->cp_start] != sp->start || ix[sp->cp_end] != sp->end)
        cx_fuzz_fail(what, "code point offsets disagree with byte offsets");
}

void cx_fuzz_check_result(const cx_result *res)
{
    if (!res)
        cx_fuzz_fail("no result", NULL);
    if (!res->text && res->text_len)
        cx_fuzz_fail("text missing", NULL);
    size_t *ix = S_cp_index(res);
    for (size_t i = 0; i < res->n_timexes; i++) {
        S_check_span(ix, res, &res->timexes[i].span, "timex");
        if (i && res->timexes[i].span.start < res->timexes[i - 1].span.start)
            cx_fuzz_fail("timexes", "not in text order");
        if (!memchr(res->timexes[i].value, '\0', sizeof res->timexes[i].value))
            cx_fuzz_fail("timex value", "not NUL-terminated");
        int rw = res->timexes[i].range_with;
        if (rw != -1 && (rw < 0 || (size_t)rw >= res->n_timexes))
            cx_fuzz_fail("timex range_with", "out of range");
    }
    for (size_t i = 0; i < res->n_entities; i++) {
        const cx_entity *e = &res->entities[i];
        if (!e->name || !e->n_mentions)
            cx_fuzz_fail("entity", "no name or no mention");
        for (size_t k = 0; k < e->n_mentions; k++)
            S_check_span(ix, res, &e->mentions[k].span, "mention");
        for (size_t k = 0; k < e->n_aliases; k++)
            if (!e->aliases[k])
                cx_fuzz_fail("entity", "NULL alias");
    }
    for (size_t i = 0; i < res->n_events; i++) {
        const cx_event *ev = &res->events[i];
        S_check_span(ix, res, &ev->span, "event");
        if (ev->timex >= res->n_timexes)
            cx_fuzz_fail("event", "timex index out of range");
        for (size_t k = 0; k < ev->n_entities; k++)
            if (ev->entities[k] >= res->n_entities)
                cx_fuzz_fail("event", "entity index out of range");
    }
    for (size_t i = 0; i < res->n_warnings; i++) {
        long off = res->warnings[i].offset;
        if (off < -1 || off > (long)res->text_cps)
            cx_fuzz_fail("warning", "offset out of range");
        if (!memchr(res->warnings[i].message, '\0', sizeof res->warnings[i].message))
            cx_fuzz_fail("warning", "message not NUL-terminated");
        /* the decoding warning points at the first replacement character */
        if (strstr(res->warnings[i].message, "replaced by U+FFFD") && off >= 0 &&
            ((size_t)off >= res->text_cps ||
             memcmp(res->text + ix[off], "\xef\xbf\xbd", 3) != 0))
            cx_fuzz_fail("decoding warning", "offset is not at a U+FFFD");
    }
    free(ix);
}

/* Every object with numeric "start" and "end" and a string "text". */
static void S_walk(const cJSON *j, const cx_result *res, const size_t *ix)
{
    if (!j)
        return;
    if (cJSON_IsObject(j)) {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(j, "start");
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "end");
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "text");
        if (cJSON_IsNumber(s) && cJSON_IsNumber(e) && cJSON_IsString(t)) {
            double a = s->valuedouble, b = e->valuedouble;
            if (a < 0 || b < a || b > (double)res->text_cps)
                cx_fuzz_fail("JSON span", "out of range");
            size_t bs = ix[(size_t)a], be = ix[(size_t)b];
            if (strlen(t->valuestring) != be - bs ||
                memcmp(t->valuestring, res->text + bs, be - bs) != 0)
                cx_fuzz_fail("JSON span", "text is not the code point slice");
        }
    }
    for (const cJSON *c = j->child; c; c = c->next)
        S_walk(c, res, ix);
}

void cx_fuzz_check_json(const cx_result *res, const char *json)
{
    cJSON *root = cJSON_Parse(json);
    if (!root)
        cx_fuzz_fail("output", "not valid JSON");
    size_t *ix = S_cp_index(res);
    S_walk(root, res, ix);
    free(ix);
    cJSON_Delete(root);
}
