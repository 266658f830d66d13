/* output: JSON via cJSON, for documents and merged timelines. */
#include "output_int.h"
#include "ctx_int.h"
#include "rules_int.h"
#include "timeline_int.h"
#include "util_int.h"
#include <cjson/cJSON.h>
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
 * timelines, still printed by cJSON, look the same.
 *
 * The output is nearly three bytes for every byte of input, so the
 * writer should cost little more than copying: each item (an entity's
 * head, an alias, a mention, a timex, an event) reserves room for the
 * most it can take once (S_room) and is written at a cursor d without
 * further checks, keys as string literals of known length. */

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
    if (w->oom || n > SIZE_MAX / 2 - w->n) {
        w->oom = 1;
        return NULL;
    }
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
    if (w->cap - w->n > n && !w->oom)
        return w->s + w->n;
    return S_grow(w, n);
}

/* The cursor d, at or after w->s + w->n, becomes the end of the output. */
static inline void S_end(S_w *w, char *d) { w->n = (size_t)(d - w->s); }

/* Room for a JSON string of n bytes and its quotes, escaped at worst
 * (six bytes a byte), and a little more. A string too long for that is
 * given SIZE_MAX / 8, which S_grow refuses, and a few of them still add
 * up without overflow. */
static size_t S_qroom(size_t n) { return n > SIZE_MAX / 16 ? SIZE_MAX / 8 : n * 6 + 10; }

/* Room for what comes before a value of chronex's own: a comma, a line
 * break, sixteen tabs (copied whole), the longest key, quotes, colon, tab. */
enum { S_KEYROOM = 48 };

static const char S_tab16[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";

static inline __attribute__((always_inline)) char *S_dtabs(const S_w *w, char *d, int k)
{
    memcpy(d, S_tab16, 16);
    return d + (k < 16 ? (k > 0 ? k : 0) : 16);
}

/* Starts member k of the object being written; qk is "\"k\":\t", n its
 * length (S_DKEY passes a string literal, so the copy is a few moves). */
static inline __attribute__((always_inline)) char *S_dkey(S_w *w, char *d, const char *qk,
                                                          size_t n)
{
    unsigned first = w->count[w->depth]++ == 0;
    if (w->pretty) {
        if (!first) {
            memcpy(d, ",\n", 2);
            d += 2;
        }
        d = S_dtabs(w, d, w->depth);
        memcpy(d, qk, n);
        return d + n;
    }
    *d = ',';
    d += !first;
    memcpy(d, qk, n);
    return d + n - 1; /* no tab */
}
#define S_DKEY(w, d, k) S_dkey((w), (d), "\"" k "\":\t", sizeof(k) + 3)

/* Starts an item of the array being written. */
static inline char *S_ditem(S_w *w, char *d)
{
    if (w->count[w->depth]++) {
        *d++ = ',';
        if (w->pretty)
            *d++ = ' ';
    }
    return d;
}

static inline char *S_dopen(S_w *w, char *d, char c)
{
    *d++ = c;
    if (w->depth < 15)
        w->count[++w->depth] = 0;
    else
        w->oom = 1; /* deeper than any chronex document */
    if (c == '{' && w->pretty)
        *d++ = '\n';
    return d;
}

static inline char *S_dclose(S_w *w, char *d, char c)
{
    if (c == '}' && w->pretty) {
        if (w->count[w->depth])
            *d++ = '\n';
        d = S_dtabs(w, d, w->depth - 1);
    }
    *d++ = c;
    w->depth--;
    return d;
}

/* The digits of v beyond the fifth: rare (offsets past 99,999). */
static size_t S_ndigits(size_t v)
{
    size_t n = 6;
    for (v /= 1000000; v; v /= 10)
        n++;
    return n;
}

/* A number in decimal, at most 20 digits: its length found by comparison
 * for the usual sizes, then two digits a division from the last. */
static inline char *S_du(char *d, size_t v)
{
    static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    size_t n = v < 10       ? 1
               : v < 100    ? 2
               : v < 1000   ? 3
               : v < 10000  ? 4
               : v < 100000 ? 5
                            : S_ndigits(v);
    char *e = d + n;
    while (v >= 100) {
        size_t q = v / 100;
        e -= 2;
        memcpy(e, pairs + 2 * (v - q * 100), 2);
        v = q;
    }
    if (v >= 10)
        memcpy(e - 2, pairs + 2 * v, 2);
    else
        e[-1] = (char)('0' + v);
    return d + n;
}

/* "E12": an id written by hand; snprintf was a tenth of the output time. */
static inline char *S_did(char *d, char prefix, size_t i)
{
    *d++ = '"';
    *d++ = prefix;
    d = S_du(d, i + 1);
    *d++ = '"';
    return d;
}

/* Bytes a JSON string must escape: 1 by a two-character form, 2 as \u00xx;
 * '"' and '\\' and the control characters, as cJSON escapes them. */
static const unsigned char S_esc[256] = {
    2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 1, 1, 2, 2, /* \b \t \n \f \r */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 1, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, /* " */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* \\ */
};

/* Whether one of the eight bytes of v must be escaped: a byte below 0x20,
 * a quote or a backslash sets its high bit in the result. */
static inline uint64_t S_esc8(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
    return ((v - ones * 0x20) | (q - ones) | (b - ones)) & ~v & high;
}

static inline uint64_t S_ld8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline uint32_t S_ld4(const char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* The string p[0, n) quoted at d with escapes, as cJSON escapes: the
 * two-character forms, \u00xx for other control characters, everything
 * else (UTF-8) as it is. */
static char *S_dq_escaped(char *d, const char *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)p;
    *d++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = u[i];
        if (!S_esc[c]) {
            *d++ = (char)c;
            continue;
        }
        *d++ = '\\';
        switch (c) {
        case '"':
            *d++ = '"';
            break;
        case '\\':
            *d++ = '\\';
            break;
        case '\b':
            *d++ = 'b';
            break;
        case '\f':
            *d++ = 'f';
            break;
        case '\n':
            *d++ = 'n';
            break;
        case '\r':
            *d++ = 'r';
            break;
        case '\t':
            *d++ = 't';
            break;
        default:
            memcpy(d, "u00", 3);
            d[3] = hex[c >> 4];
            d[4] = hex[c & 15];
            d += 5;
        }
    }
    *d++ = '"';
    return d;
}

/* The string p[0, n) quoted at d (room: S_qroom(n)). Names and mention
 * texts seldom need an escape, so they are checked and copied eight
 * bytes a step (the last step overlapping the one before: the room
 * holds it), shorter ones as two overlapping halves; on the first byte
 * to escape, S_dq_escaped writes the string again from the start. */
static char *S_dq(char *d, const char *p, size_t n)
{
    char *o = d + 1;
    if (n >= 8) {
        size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            uint64_t v = S_ld8(p + i);
            if (S_esc8(v))
                return S_dq_escaped(d, p, n);
            memcpy(o + i, &v, 8);
        }
        if (i < n) {
            uint64_t v = S_ld8(p + n - 8);
            if (S_esc8(v))
                return S_dq_escaped(d, p, n);
            memcpy(o + n - 8, &v, 8);
        }
    } else if (n >= 4) {
        uint32_t a = S_ld4(p), b = S_ld4(p + n - 4);
        if (S_esc8(a | (uint64_t)b << 32))
            return S_dq_escaped(d, p, n);
        memcpy(o, &a, 4);
        memcpy(o + n - 4, &b, 4);
    } else {
        for (size_t i = 0; i < n; i++) {
            if (S_esc[(unsigned char)p[i]])
                return S_dq_escaped(d, p, n);
            o[i] = p[i];
        }
    }
    *d = '"';
    o[n] = '"';
    return o + n + 1;
}

/* ---- the same, each reserving its room: the rest of the document ------ */

static inline void S_raw(S_w *w, const char *p, size_t n)
{
    char *d = S_room(w, n);
    if (!d)
        return;
    memcpy(d, p, n);
    w->n += n;
}

static void S_qstr(S_w *w, const char *p, size_t n)
{
    char *d = S_room(w, S_qroom(n));
    if (d)
        S_end(w, S_dq(d, p, n));
}

static void S_cstr(S_w *w, const char *s) { S_qstr(w, s, strlen(s)); }

static void S_open(S_w *w, char c)
{
    char *d = S_room(w, 2);
    if (d)
        S_end(w, S_dopen(w, d, c));
}

static void S_close(S_w *w, char c)
{
    char *d = S_room(w, 18);
    if (d)
        S_end(w, S_dclose(w, d, c));
}

/* Starts a member of the object being written, any key. */
static void S_key(S_w *w, const char *k)
{
    char *d = S_room(w, 18);
    if (!d)
        return;
    if (w->count[w->depth]++) {
        *d++ = ',';
        if (w->pretty)
            *d++ = '\n';
    }
    if (w->pretty)
        d = S_dtabs(w, d, w->depth);
    S_end(w, d);
    S_cstr(w, k);
    S_raw(w, w->pretty ? ":\t" : ":", w->pretty ? 2 : 1);
}

/* S_key for chronex's own keys (string literals). */
#define S_keyc(w, k)                        \
    do {                                    \
        char *d_ = S_room((w), S_KEYROOM);  \
        if (d_)                             \
            S_end((w), S_DKEY((w), d_, k)); \
    } while (0)

static void S_ch(S_w *w, char c) { S_raw(w, &c, 1); }

static void S_item(S_w *w)
{
    char *d = S_room(w, 2);
    if (d)
        S_end(w, S_ditem(w, d));
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

/* ---- the hot items ----------------------------------------------------- */

/* The text of a span; a span past the text (a bug elsewhere) gives what
 * there is. */
static size_t S_span_text(const cx_result *r, const cx_span *sp, const char **p)
{
    size_t st = sp->start < r->text_len ? sp->start : r->text_len;
    size_t en = sp->end < r->text_len ? sp->end : r->text_len;
    *p = r->text + st;
    return en > st ? en - st : 0;
}

/* Room for S_dspan of a text of n bytes. */
static size_t S_span_room(size_t n) { return S_qroom(n) + 3 * S_KEYROOM + 2 * 20; }

/* "start", "end" (code points) and "text" (the slice), at d. */
static char *S_dspan(S_w *w, char *d, const cx_span *sp, const char *p, size_t n)
{
    d = S_DKEY(w, d, "start");
    d = S_du(d, sp->cp_start);
    d = S_DKEY(w, d, "end");
    d = S_du(d, sp->cp_end);
    d = S_DKEY(w, d, "text");
    return S_dq(d, p, n);
}

/* A quoted name of chronex's (a type name): its length known. */
typedef struct {
    const char *q;
    size_t n;
} S_lit;
#define S_LIT(s)                   \
    {                              \
        "\"" s "\"", sizeof(s) + 1 \
    }

static S_lit S_entity_type_lit(cx_entity_type t)
{
    static const S_lit n[] = {S_LIT("PERSON"), S_LIT("ORGANIZATION"), S_LIT("LOCATION")};
    static const S_lit unknown = S_LIT("UNKNOWN");
    return (unsigned)t < 3 ? n[t] : unknown;
}

static S_lit S_timex_type_lit(cx_timex_type t)
{
    static const S_lit n[] = {S_LIT("DATE"), S_LIT("TIME"), S_LIT("DURATION"), S_LIT("SET")};
    return (unsigned)t < 4 ? n[t] : n[0];
}

static const S_lit S_creation = S_LIT("CREATION_TIME");

static char *S_dlit(char *d, S_lit l)
{
    memcpy(d, l.q, l.n);
    return d + l.n;
}

/* The first members of an entity: up to its list of aliases. */
static void S_entity_head(S_w *w, const cx_entity *e, size_t i)
{
    const char *name = e->name ? e->name : "";
    size_t nn = strlen(name);
    /* item, "{", four keys, id, type, name, "[" */
    char *d = S_room(w, 2 + 2 + 4 * S_KEYROOM + 24 + 16 + S_qroom(nn) + 2);
    if (!d)
        return;
    d = S_ditem(w, d);
    d = S_dopen(w, d, '{');
    d = S_DKEY(w, d, "id");
    d = S_did(d, 'E', i);
    d = S_DKEY(w, d, "type");
    d = S_dlit(d, S_entity_type_lit(e->type));
    d = S_DKEY(w, d, "name");
    d = S_dq(d, name, nn);
    d = S_DKEY(w, d, "aliases");
    S_end(w, S_dopen(w, d, '['));
}

static void S_alias(S_w *w, const char *a)
{
    size_t n = strlen(a);
    char *d = S_room(w, 2 + S_qroom(n));
    if (d)
        S_end(w, S_dq(S_ditem(w, d), a, n));
}

/* One mention: {"start", "end", "text"} as an array item. */
static void S_mention(S_w *w, const cx_result *r, const cx_span *sp)
{
    const char *p;
    size_t n = S_span_text(r, sp, &p);
    char *d = S_room(w, 2 + 2 + S_span_room(n) + 18);
    if (!d)
        return;
    d = S_ditem(w, d);
    d = S_dopen(w, d, '{');
    d = S_dspan(w, d, sp, p, n);
    S_end(w, S_dclose(w, d, '}'));
}

static void S_entities(S_w *w, const cx_result *r)
{
    S_keyc(w, "entities");
    S_open(w, '[');
    for (size_t i = 0; i < r->n_entities; i++) {
        const cx_entity *e = &r->entities[i];
        S_entity_head(w, e, i);
        for (size_t k = 0; k < e->n_aliases; k++)
            S_alias(w, e->aliases[k] ? e->aliases[k] : "");
        S_close(w, ']');
        S_keyc(w, "mentions");
        S_open(w, '[');
        for (size_t k = 0; k < e->n_mentions; k++)
            S_mention(w, r, &e->mentions[k].span);
        S_close(w, ']');
        S_close(w, '}');
    }
    S_close(w, ']');
}

static void S_timex(S_w *w, const cx_result *r, const cx_timex *t, size_t i)
{
    const char *p;
    size_t n = S_span_text(r, &t->span, &p), nv = strlen(t->value), nm = strlen(t->mod);
    /* item, "{", seven keys besides the span's, two ids, type, value,
     * mod, "true", the function, "}" */
    char *d = S_room(w, 2 + 2 + 7 * S_KEYROOM + S_span_room(n) + 2 * 24 + 16 + S_qroom(nv) +
                            S_qroom(nm) + 4 + S_creation.n + 18);
    if (!d)
        return;
    d = S_ditem(w, d);
    d = S_dopen(w, d, '{');
    d = S_DKEY(w, d, "id");
    d = S_did(d, 'T', i);
    d = S_dspan(w, d, &t->span, p, n);
    d = S_DKEY(w, d, "type");
    d = S_dlit(d, S_timex_type_lit(t->type));
    d = S_DKEY(w, d, "value");
    d = S_dq(d, t->value, nv);
    if (nm) {
        d = S_DKEY(w, d, "mod");
        d = S_dq(d, t->mod, nm);
    }
    if (t->in_name) {
        d = S_DKEY(w, d, "in_name");
        memcpy(d, "true", 4);
        d += 4;
    }
    if (t->creation) {
        d = S_DKEY(w, d, "function");
        d = S_dlit(d, S_creation);
    }
    if (t->range_with >= 0) {
        d = S_DKEY(w, d, "range_with");
        d = S_did(d, 'T', (size_t)t->range_with);
    }
    S_end(w, S_dclose(w, d, '}'));
}

static void S_timexes(S_w *w, const cx_result *r)
{
    S_keyc(w, "timexes");
    S_open(w, '[');
    for (size_t i = 0; i < r->n_timexes; i++)
        S_timex(w, r, &r->timexes[i], i);
    S_close(w, ']');
}

/* An event up to its list of entities. */
static void S_event_head(S_w *w, const cx_result *r, const cx_event *e, size_t i)
{
    const char *p;
    size_t n = S_span_text(r, &e->span, &p), nv = strlen(e->date.value),
           ns = strlen(e->date.start), ne = strlen(e->date.end);
    /* item, "{", seven keys besides the span's, two ids, "{", three
     * dates, "}", "[" */
    char *d = S_room(w, 2 + 2 + 7 * S_KEYROOM + S_span_room(n) + 2 * 24 + 2 + S_qroom(nv) +
                            S_qroom(ns) + S_qroom(ne) + 18 + 2);
    if (!d)
        return;
    d = S_ditem(w, d);
    d = S_dopen(w, d, '{');
    d = S_DKEY(w, d, "id");
    d = S_did(d, 'V', i);
    d = S_DKEY(w, d, "date");
    d = S_dopen(w, d, '{');
    d = S_DKEY(w, d, "value");
    d = S_dq(d, e->date.value, nv);
    d = S_DKEY(w, d, "start");
    d = S_dq(d, e->date.start, ns);
    d = S_DKEY(w, d, "end");
    d = S_dq(d, e->date.end, ne);
    d = S_dclose(w, d, '}');
    d = S_DKEY(w, d, "timex");
    d = S_did(d, 'T', e->timex);
    d = S_dspan(w, d, &e->span, p, n);
    d = S_DKEY(w, d, "entities");
    S_end(w, S_dopen(w, d, '['));
}

static void S_events(S_w *w, const cx_result *r)
{
    S_keyc(w, "events");
    S_open(w, '[');
    for (size_t i = 0; i < r->n_events; i++) {
        const cx_event *e = &r->events[i];
        S_event_head(w, r, e, i);
        for (size_t k = 0; k < e->n_entities; k++) {
            char *d = S_room(w, 2 + 24);
            if (d)
                S_end(w, S_did(S_ditem(w, d), 'E', e->entities[k]));
        }
        S_close(w, ']');
        S_close(w, '}');
    }
    S_close(w, ']');
}

/* v as sixteen hex digits, as "%016" PRIx64 prints it (snprintf was
 * a fifth of the cost of a document's head). */
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
        char h[17];
        cx_hash_hex(cx_ctx_data_hash(ctx), h);
        S_keyc(w, "data_hash");
        S_qstr(w, h, 16);
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

char *cx_result_to_json(const cx_result *r, const cx_doc_info *info, const cx_ctx *ctx,
                        int pretty)
{
    S_w w = {0};
    w.pretty = pretty;
    /* about three bytes of output a byte of text (more, pretty): room
     * for that at once instead of growing through the powers of two on
     * the way; a failure here is left to S_grow */
    size_t guess = r->text_len < SIZE_MAX / 8 ? r->text_len * (pretty ? 5 : 3) + 4096 : 4096;
    if ((w.s = malloc(guess)) != NULL)
        w.cap = guess;
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
