/* output: JSON via cJSON, for documents and merged timelines. */
#include "output_int.h"
#include "ctx_int.h"
#include "rules_int.h"
#include "timeline_int.h"
#include "util_int.h"
#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cx_entity_type_name(cx_entity_type t)
{
    static const char *const n[] = {"PERSON", "ORGANIZATION", "LOCATION"};
    return (unsigned)t < 3 ? n[t] : "UNKNOWN";
}

const char *cx_timex_type_name(cx_timex_type t)
{
    static const char *const n[] = {"DATE", "TIME", "DURATION", "SET"};
    return (unsigned)t < 4 ? n[t] : "DATE";
}

const char *cx_dct_source_name(cx_dct_source s)
{
    static const char *const n[] = {"none", "option", "dateline"};
    return (unsigned)s < 3 ? n[s] : "none";
}

/* ---- the document writer ----------------------------------------------
 *
 * Documents are written straight into a growing buffer rather than built
 * as a cJSON tree and printed: on news text building, printing and freeing
 * the tree took a fifth of the time of a batch run. The layout is cJSON's
 * own, byte for byte (cJSON_Print: members on their own lines indented
 * with tabs, a tab after the colon, array items after ", "; or
 * cJSON_PrintUnformatted), so outputs do not change with the writer and
 * timelines, still printed by cJSON, look the same. */

typedef struct {
    char *s;
    size_t n, cap;
    int pretty, oom;
    int depth;
    unsigned count[16]; /* members written at each depth */
} S_w;

/* Room for n more bytes and the final NUL: the place to write them, or
 * NULL (out of memory, remembered in w->oom). */
static char *S_grow(S_w *w, size_t n)
{
    if (w->oom)
        return NULL;
    size_t nc = w->cap ? w->cap : 4096;
    while (w->n + n + 1 > nc) {
        if (nc > SIZE_MAX / 2) {
            w->oom = 1;
            return NULL;
        }
        nc *= 2;
    }
    char *ns = realloc(w->s, nc);
    if (!ns) {
        w->oom = 1;
        return NULL;
    }
    w->s = ns;
    w->cap = nc;
    return w->s + w->n;
}

static inline char *S_room(S_w *w, size_t n)
{
    if (w->n + n + 1 <= w->cap && !w->oom)
        return w->s + w->n;
    return S_grow(w, n);
}

static inline void S_raw(S_w *w, const char *p, size_t n)
{
    char *d = S_room(w, n);
    if (!d)
        return;
    memcpy(d, p, n);
    w->n += n;
}

static inline void S_ch(S_w *w, char c)
{
    char *d = S_room(w, 1);
    if (!d)
        return;
    *d = c;
    w->n++;
}

static void S_tabs(S_w *w, int k)
{
    static const char t[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
    S_raw(w, t, (size_t)(k < 16 ? (k > 0 ? k : 0) : 16));
}

/* Bytes a JSON string must escape: 1 by a two-character form, 2 as \u00xx;
 * '"' and '\\' and the control characters, as cJSON escapes them. */
static const unsigned char S_esc[256] = {
    2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 1, 1, 2, 2, /* \b \t \n \f \r */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* " */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* \\ */
};

/* A JSON string, escaped as cJSON escapes: the two-character forms, \u00xx
 * for other control characters, everything else (UTF-8) as it is. Written
 * straight into room for the worst case, six bytes a byte. */
static void S_qstr(S_w *w, const char *p, size_t n)
{
    if (n > (SIZE_MAX - 2) / 6) {
        w->oom = 1;
        return;
    }
    char *d = S_room(w, n * 6 + 2);
    if (!d)
        return;
    char *d0 = d;
    *d++ = '"';
    const unsigned char *u = (const unsigned char *)p;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        /* eight bytes at a time while none needs escaping (the usual
         * case): a byte below 0x20, a quote or a backslash sets its high
         * bit in the test word */
        while (i + 8 <= n) {
            uint64_t v;
            memcpy(&v, u + i, 8);
            const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
            uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
            uint64_t t = ((v - ones * 0x20) | (q - ones) | (b - ones)) & ~v & high;
            if (t)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = u[i];
        if (!S_esc[c])
            continue;
        memcpy(d, p + run, i - run);
        d += i - run;
        run = i + 1;
        static const char hex[] = "0123456789abcdef";
        *d++ = '\\';
        switch (c) {
        case '"': *d++ = '"'; break;
        case '\\': *d++ = '\\'; break;
        case '\b': *d++ = 'b'; break;
        case '\f': *d++ = 'f'; break;
        case '\n': *d++ = 'n'; break;
        case '\r': *d++ = 'r'; break;
        case '\t': *d++ = 't'; break;
        default:
            memcpy(d, "u00", 3);
            d[3] = hex[c >> 4];
            d[4] = hex[c & 15];
            d += 5;
        }
    }
    memcpy(d, p + run, n - run);
    d += n - run;
    *d++ = '"';
    w->n += (size_t)(d - d0);
}

static void S_cstr(S_w *w, const char *s) { S_qstr(w, s, strlen(s)); }

static void S_uint(S_w *w, size_t v)
{
    char b[24];
    size_t k = sizeof b;
    do {
        b[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    S_raw(w, b + k, sizeof b - k);
}

static void S_open(S_w *w, char c)
{
    S_ch(w, c);
    if (w->depth < 15)
        w->count[++w->depth] = 0;
    else
        w->oom = 1; /* deeper than any chronex document */
    if (c == '{' && w->pretty)
        S_ch(w, '\n');
}

static void S_close(S_w *w, char c)
{
    if (c == '}' && w->pretty) {
        if (w->count[w->depth])
            S_ch(w, '\n');
        S_tabs(w, w->depth - 1);
    }
    S_ch(w, c);
    w->depth--;
}

/* Starts a member of the object being written. */
static void S_key(S_w *w, const char *k)
{
    if (w->count[w->depth]++) {
        S_ch(w, ',');
        if (w->pretty)
            S_ch(w, '\n');
    }
    if (w->pretty)
        S_tabs(w, w->depth);
    S_cstr(w, k);
    S_ch(w, ':');
    if (w->pretty)
        S_ch(w, '\t');
}

/* S_key for chronex's own keys: plain ASCII, nothing to escape; k is a
 * string literal (S_keyc passes its length). */
static inline void S_keyn(S_w *w, const char *k, size_t n)
{
    if (w->pretty) {
        if (w->count[w->depth]++)
            S_raw(w, ",\n", 2);
        S_tabs(w, w->depth);
    } else if (w->count[w->depth]++) {
        S_ch(w, ',');
    }
    char *d = S_room(w, n + 4);
    if (!d)
        return;
    d[0] = '"';
    memcpy(d + 1, k, n);
    d[n + 1] = '"';
    d[n + 2] = ':';
    d[n + 3] = '\t';
    w->n += n + (w->pretty ? 4 : 3);
}
#define S_keyc(w, k) S_keyn((w), "" k, sizeof(k) - 1)

/* Starts an item of the array being written. */
static void S_item(S_w *w)
{
    if (w->count[w->depth]++) {
        S_ch(w, ',');
        if (w->pretty)
            S_ch(w, ' ');
    }
}

/* "E12": by hand, as S_uint; snprintf was a tenth of the output time. */
static void S_id_str(S_w *w, char prefix, size_t i)
{
    char b[32];
    size_t k = sizeof b, v = i + 1;
    b[--k] = '"';
    do {
        b[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    b[--k] = prefix;
    b[--k] = '"';
    S_raw(w, b + k, sizeof b - k);
}

/* A number as cJSON prints it. */
static void S_number(S_w *w, double d)
{
    char b[32];
    int k;
    if (d != d || d - d != 0) {
        S_raw(w, "null", 4);
        return;
    }
    int vi = d >= 2147483647.0 ? 2147483647 : d <= -2147483648.0 ? -2147483647 - 1 : (int)d;
    if (d == (double)vi) {
        k = snprintf(b, sizeof b, "%d", vi);
    } else {
        k = snprintf(b, sizeof b, "%1.15g", d);
        if (strtod(b, NULL) != d)
            k = snprintf(b, sizeof b, "%1.17g", d);
    }
    S_raw(w, b, (size_t)(k > 0 ? k : 0));
}

/* Any cJSON value (fields passed through from JSON Lines input). */
static void S_value(S_w *w, const cJSON *v)
{
    const cJSON *c;
    if (cJSON_IsString(v)) {
        S_cstr(w, v->valuestring ? v->valuestring : "");
    } else if (cJSON_IsNumber(v)) {
        S_number(w, v->valuedouble);
    } else if (cJSON_IsTrue(v)) {
        S_raw(w, "true", 4);
    } else if (cJSON_IsFalse(v)) {
        S_raw(w, "false", 5);
    } else if (cJSON_IsRaw(v) && v->valuestring) {
        S_raw(w, v->valuestring, strlen(v->valuestring));
    } else if (cJSON_IsArray(v)) {
        S_open(w, '[');
        cJSON_ArrayForEach(c, v)
        {
            S_item(w);
            S_value(w, c);
        }
        S_close(w, ']');
    } else if (cJSON_IsObject(v)) {
        S_open(w, '{');
        cJSON_ArrayForEach(c, v)
        {
            S_key(w, c->string ? c->string : "");
            S_value(w, c);
        }
        S_close(w, '}');
    } else {
        S_raw(w, "null", 4);
    }
}

/* "start", "end" (code points) and "text" (the slice). */
static void S_span(S_w *w, const cx_result *r, const cx_span *sp)
{
    S_keyc(w, "start");
    S_uint(w, sp->cp_start);
    S_keyc(w, "end");
    S_uint(w, sp->cp_end);
    S_keyc(w, "text");
    /* a span past the text (a bug elsewhere) prints what there is */
    size_t st = sp->start < r->text_len ? sp->start : r->text_len;
    size_t en = sp->end < r->text_len ? sp->end : r->text_len;
    S_qstr(w, r->text + st, en > st ? en - st : 0);
}

/* Whether key is among the first n keys written to the document object,
 * or among the extra fields before f: the first of equal keys wins. */
static int S_doc_has(const char *const *keys, size_t n, const cJSON *first, const cJSON *f)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i], f->string) == 0)
            return 1;
    for (const cJSON *g = first; g && g != f; g = g->next)
        if (g->string && strcmp(g->string, f->string) == 0)
            return 1;
    return 0;
}

static void S_document(S_w *w, const cx_result *r, const cx_doc_info *info, const cx_ctx *ctx)
{
    const char *keys[5];
    size_t nk = 0;
    S_keyc(w, "document");
    S_open(w, '{');
    keys[nk++] = "id";
    S_keyc(w, "id");
    S_cstr(w, info && info->id ? info->id : "doc");
    if (info && info->source) {
        keys[nk++] = "source";
        S_keyc(w, "source");
        S_cstr(w, info->source);
    }
    keys[nk++] = "dct";
    S_keyc(w, "dct");
    if (r->dct[0])
        S_cstr(w, r->dct);
    else
        S_raw(w, "null", 4);
    keys[nk++] = "dct_source";
    S_keyc(w, "dct_source");
    S_cstr(w, cx_dct_source_name(r->dct_source));
    keys[nk++] = "chronex";
    S_keyc(w, "chronex");
    S_open(w, '{');
    S_keyc(w, "version");
    S_cstr(w, CX_VERSION);
    if (ctx) {
        char h[24];
        snprintf(h, sizeof h, "%016" PRIx64, cx_ctx_data_hash(ctx));
        S_keyc(w, "data_hash");
        S_cstr(w, h);
    }
    if (info && info->input_hash) {
        S_keyc(w, "input_hash");
        S_cstr(w, info->input_hash);
    }
    S_close(w, '}');
    cJSON *x = info && info->extra_json ? cJSON_Parse(info->extra_json) : NULL;
    if (x && cJSON_IsObject(x)) {
        for (const cJSON *f = x->child; f; f = f->next) {
            if (!f->string || S_doc_has(keys, nk, x->child, f))
                continue;
            S_key(w, f->string);
            S_value(w, f);
        }
    }
    cJSON_Delete(x);
    S_close(w, '}');
}

static void S_entities(S_w *w, const cx_result *r)
{
    S_keyc(w, "entities");
    S_open(w, '[');
    for (size_t i = 0; i < r->n_entities; i++) {
        const cx_entity *e = &r->entities[i];
        S_item(w);
        S_open(w, '{');
        S_keyc(w, "id");
        S_id_str(w, 'E', i);
        S_keyc(w, "type");
        S_cstr(w, cx_entity_type_name(e->type));
        S_keyc(w, "name");
        S_cstr(w, e->name ? e->name : "");
        S_keyc(w, "aliases");
        S_open(w, '[');
        for (size_t k = 0; k < e->n_aliases; k++) {
            S_item(w);
            S_cstr(w, e->aliases[k] ? e->aliases[k] : "");
        }
        S_close(w, ']');
        S_keyc(w, "mentions");
        S_open(w, '[');
        for (size_t k = 0; k < e->n_mentions; k++) {
            S_item(w);
            S_open(w, '{');
            S_span(w, r, &e->mentions[k].span);
            S_close(w, '}');
        }
        S_close(w, ']');
        S_close(w, '}');
    }
    S_close(w, ']');
}

static void S_timexes(S_w *w, const cx_result *r)
{
    S_keyc(w, "timexes");
    S_open(w, '[');
    for (size_t i = 0; i < r->n_timexes; i++) {
        const cx_timex *t = &r->timexes[i];
        S_item(w);
        S_open(w, '{');
        S_keyc(w, "id");
        S_id_str(w, 'T', i);
        S_span(w, r, &t->span);
        S_keyc(w, "type");
        S_cstr(w, cx_timex_type_name(t->type));
        S_keyc(w, "value");
        S_cstr(w, t->value);
        if (t->mod[0]) {
            S_keyc(w, "mod");
            S_cstr(w, t->mod);
        }
        if (t->in_name) {
            S_keyc(w, "in_name");
            S_raw(w, "true", 4);
        }
        if (t->range_with >= 0) {
            S_keyc(w, "range_with");
            S_id_str(w, 'T', (size_t)t->range_with);
        }
        S_close(w, '}');
    }
    S_close(w, ']');
}

static void S_events(S_w *w, const cx_result *r)
{
    S_keyc(w, "events");
    S_open(w, '[');
    for (size_t i = 0; i < r->n_events; i++) {
        const cx_event *e = &r->events[i];
        S_item(w);
        S_open(w, '{');
        S_keyc(w, "id");
        S_id_str(w, 'V', i);
        S_keyc(w, "date");
        S_open(w, '{');
        S_keyc(w, "value");
        S_cstr(w, e->date.value);
        S_keyc(w, "start");
        S_cstr(w, e->date.start);
        S_keyc(w, "end");
        S_cstr(w, e->date.end);
        S_close(w, '}');
        S_keyc(w, "timex");
        S_id_str(w, 'T', e->timex);
        S_span(w, r, &e->span);
        S_keyc(w, "entities");
        S_open(w, '[');
        for (size_t k = 0; k < e->n_entities; k++) {
            S_item(w);
            S_id_str(w, 'E', e->entities[k]);
        }
        S_close(w, ']');
        S_close(w, '}');
    }
    S_close(w, ']');
}

static void S_warnings(S_w *w, const cx_result *r)
{
    if (!r->n_warnings)
        return;
    S_keyc(w, "warnings");
    S_open(w, '[');
    for (size_t i = 0; i < r->n_warnings; i++) {
        S_item(w);
        S_open(w, '{');
        if (r->warnings[i].offset >= 0) {
            S_keyc(w, "offset");
            S_number(w, (double)r->warnings[i].offset);
        }
        S_keyc(w, "message");
        S_cstr(w, r->warnings[i].message);
        S_close(w, '}');
    }
    S_close(w, ']');
}

char *cx_result_to_json(const cx_result *r, const cx_doc_info *info,
                        const cx_ctx *ctx, int pretty)
{
    S_w w = {0};
    w.pretty = pretty;
    S_open(&w, '{');
    S_document(&w, r, info, ctx);
    S_entities(&w, r);
    S_timexes(&w, r);
    S_events(&w, r);
    S_warnings(&w, r);
    S_close(&w, '}');
    S_ch(&w, '\0');
    if (w.oom) {
        free(w.s);
        return NULL;
    }
    return w.s;
}

/* ---- merged timelines (cJSON) ------------------------------------------- */

static cJSON *S_date_obj(const cx_date *d)
{
    cJSON *o = cJSON_CreateObject();
    if (o) {
        cJSON_AddStringToObject(o, "value", d->value);
        cJSON_AddStringToObject(o, "start", d->start);
        cJSON_AddStringToObject(o, "end", d->end);
    }
    return o;
}

static char *S_print(cJSON *root, int pretty)
{
    char *s = pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    return s;
}

/* ---- reading outputs back, for chronex timeline ------------------------ */

static const char *S_str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int S_read_date(const cJSON *o, cx_date *d)
{
    const cJSON *dj = cJSON_GetObjectItemCaseSensitive(o, "date");
    const char *v = S_str(dj, "value");
    if (!v)
        return 0;
    memset(d, 0, sizeof *d);
    snprintf(d->value, sizeof d->value, "%s", v);
    return cx_date_interval(d);
}

/* Names of a JSON array of strings (or of entity ids mapped via ents). */
static char **S_names(const cJSON *arr, const cJSON *ents, size_t *n)
{
    int cnt = cJSON_GetArraySize(arr);
    *n = 0;
    char **v = cnt > 0 ? calloc((size_t)cnt, sizeof *v) : NULL;
    const cJSON *x;
    cJSON_ArrayForEach(x, arr)
    {
        if (!v || !cJSON_IsString(x))
            continue;
        const char *name = x->valuestring;
        const cJSON *e;
        cJSON_ArrayForEach(e, ents)
        {
            const char *id = S_str(e, "id");
            if (id && strcmp(id, x->valuestring) == 0 && S_str(e, "name"))
                name = S_str(e, "name");
        }
        v[(*n)++] = (char *)name;
    }
    return v;
}

/* A code point offset read from JSON; 0 when it is no number or out of
 * range (casting 1e999 to long is undefined). */
static long S_pos(const cJSON *n)
{
    if (!cJSON_IsNumber(n) || !(n->valuedouble >= 0 && n->valuedouble < 1e15))
        return 0;
    return (long)n->valuedouble;
}

static int S_add_doc_json(cx_timeline *tl, const cJSON *root)
{
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(root, "document");
    const char *id = S_str(doc, "id");
    if (!id)
        return CX_ERR_INPUT;
    int rc = cx_tl_add_doc(tl, id);
    const cJSON *ents = cJSON_GetObjectItemCaseSensitive(root, "entities");
    const cJSON *ev;
    cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(root, "events"))
    {
        cx_tl_src s = {0};
        if (rc != CX_OK || !S_read_date(ev, &s.date) || !S_str(ev, "id"))
            continue;
        s.doc = (char *)id;
        s.event = (char *)S_str(ev, "id");
        s.text = (char *)(S_str(ev, "text") ? S_str(ev, "text") : "");
        const cJSON *st = cJSON_GetObjectItemCaseSensitive(ev, "start");
        s.pos = S_pos(st);
        s.ents = S_names(cJSON_GetObjectItemCaseSensitive(ev, "entities"), ents, &s.nents);
        rc = cx_tl_add(tl, &s);
        free(s.ents);
    }
    return rc;
}

static int S_add_merged_json(cx_timeline *tl, const cJSON *root)
{
    int rc = CX_OK;
    const cJSON *d;
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(root, "documents"))
    {
        if (cJSON_IsString(d) && rc == CX_OK)
            rc = cx_tl_add_doc(tl, d->valuestring);
    }
    const cJSON *ev, *src;
    cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(root, "events"))
    {
        cx_date date;
        if (rc != CX_OK || !S_read_date(ev, &date))
            continue;
        cJSON_ArrayForEach(src, cJSON_GetObjectItemCaseSensitive(ev, "sources"))
        {
            cx_tl_src s = {0};
            s.date = date;
            s.doc = (char *)S_str(src, "document");
            s.event = (char *)S_str(src, "event");
            if (!s.doc || !s.event || rc != CX_OK)
                continue;
            s.text = (char *)(S_str(src, "text") ? S_str(src, "text") : S_str(ev, "text"));
            const cJSON *st = cJSON_GetObjectItemCaseSensitive(src, "start");
            s.pos = S_pos(st);
            s.ents = S_names(cJSON_GetObjectItemCaseSensitive(src, "entities"), NULL, &s.nents);
            rc = cx_tl_add(tl, &s);
            free(s.ents);
        }
    }
    return rc;
}

int cx_timeline_add_json(cx_timeline *tl, const char *json, size_t len, cx_error *err)
{
    cJSON *root = cJSON_ParseWithLength(json, len);
    int rc;
    if (!root || !cJSON_IsObject(root)) {
        rc = CX_ERR_INPUT;
        cx_error_set(err, rc, NULL, 0, "not a JSON object");
    } else if (cJSON_GetObjectItemCaseSensitive(root, "documents")) {
        rc = S_add_merged_json(tl, root);
    } else if (cJSON_GetObjectItemCaseSensitive(root, "document")) {
        rc = S_add_doc_json(tl, root);
        if (rc == CX_ERR_INPUT)
            cx_error_set(err, rc, NULL, 0, "document has no id");
    } else {
        rc = CX_ERR_INPUT;
        cx_error_set(err, rc, NULL, 0, "neither a chronex document nor a timeline");
    }
    cJSON_Delete(root);
    return rc;
}

static cJSON *S_source_obj(const cx_tl_src *s)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "document", s->doc);
    cJSON_AddStringToObject(o, "event", s->event);
    cJSON_AddNumberToObject(o, "start", (double)s->pos);
    cJSON_AddStringToObject(o, "text", s->text);
    cJSON *e = cJSON_AddArrayToObject(o, "entities");
    for (size_t i = 0; e && i < s->nents; i++)
        cJSON_AddItemToArray(e, cJSON_CreateString(s->ents[i]));
    return o;
}

/* The entity names of a group: the union, sorted. */
static cJSON *S_group_entities(const cx_timeline *tl, const cx_tl_group *g, const size_t *m)
{
    cJSON *arr = cJSON_CreateArray();
    size_t total = 0;
    for (size_t i = 0; i < g->n; i++)
        total += tl->src[m[g->first + i]].nents;
    const char **all = total ? malloc(total * sizeof *all) : NULL;
    size_t k = 0;
    for (size_t i = 0; all && i < g->n; i++) {
        const cx_tl_src *s = &tl->src[m[g->first + i]];
        for (size_t j = 0; j < s->nents; j++)
            all[k++] = s->ents[j];
    }
    for (size_t i = 1; i < k; i++) { /* insertion sort: groups are small */
        const char *x = all[i];
        size_t j = i;
        while (j > 0 && strcmp(all[j - 1], x) > 0) {
            all[j] = all[j - 1];
            j--;
        }
        all[j] = x;
    }
    for (size_t i = 0; arr && i < k; i++)
        if (!i || strcmp(all[i], all[i - 1]) != 0)
            cJSON_AddItemToArray(arr, cJSON_CreateString(all[i]));
    free(all);
    return arr;
}

char *cx_timeline_to_json(const cx_timeline *ctl, int pretty)
{
    cx_timeline *tl = (cx_timeline *)ctl; /* merging sorts in place */
    cx_tl_group *g;
    size_t ng, *m;
    if (cx_tl_merge(tl, &g, &ng, &m) != CX_OK)
        return NULL;
    cJSON *root = cJSON_CreateObject();
    cJSON *docs = cJSON_AddArrayToObject(root, "documents");
    for (size_t i = 0; docs && i < tl->ndocs; i++)
        cJSON_AddItemToArray(docs, cJSON_CreateString(tl->docs[i]));
    cJSON *evs = cJSON_AddArrayToObject(root, "events");
    for (size_t i = 0; evs && i < ng; i++) {
        const cx_tl_src *first = &tl->src[m[g[i].first]];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(evs, o);
        char id[32];
        snprintf(id, sizeof id, "M%zu", i + 1);
        cJSON_AddStringToObject(o, "id", id);
        cJSON_AddItemToObject(o, "date", S_date_obj(&first->date));
        cJSON_AddStringToObject(o, "text", first->text);
        cJSON_AddItemToObject(o, "entities", S_group_entities(tl, &g[i], m));
        cJSON *srcs = cJSON_AddArrayToObject(o, "sources");
        for (size_t k = 0; srcs && k < g[i].n; k++)
            cJSON_AddItemToArray(srcs, S_source_obj(&tl->src[m[g[i].first + k]]));
    }
    free(g);
    free(m);
    return S_print(root, pretty);
}
