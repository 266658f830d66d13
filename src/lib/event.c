/* event: one event per dated clause. A date expression that is part of a
 * name or title makes no event; the ends of a range make one event over
 * the interval; the same date told twice in one sentence is one event. */
#include "event_int.h"
#include "util_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int S_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int S_mdays(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && S_leap(y) ? 29 : d[m - 1];
}

/* Day number of a date (days since 0000-03-01), and back. */
static long S_days(int y, int m, int d)
{
    if (m < 3) {
        y--;
        m += 12;
    }
    return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 1;
}

static void S_from_days(long n, int *y, int *m, int *d)
{
    int yy = (int)((10000L * n + 14780) / 3652425);
    long ddd = n - (365L * yy + yy / 4 - yy / 100 + yy / 400);
    if (ddd < 0) {
        yy--;
        ddd = n - (365L * yy + yy / 4 - yy / 100 + yy / 400);
    }
    int mi = (int)((100 * ddd + 52) / 3060);
    *m = (mi + 2) % 12 + 1;
    *y = yy + (mi + 2) / 12;
    *d = (int)(ddd - (mi * 306 + 5) / 10 + 1);
}

/* YYYY-MM-DD by hand for the usual years: snprintf was most of the cost
 * of building events. */
static void S_fmt(char *out, int y, int m, int d)
{
    if (y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99) {
        snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
        return;
    }
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

static int S_digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int S_num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* The first and last day of one TIMEX3 date value (no '/'). */
static int S_interval(const char *v, int *y0, int *m0, int *d0, int *y1, int *m1, int *d1)
{
    size_t n = strlen(v);
    if (n >= 4 && S_digits(v, 4) && (n == 4 || v[4] == '-' || v[4] == 'T')) {
        int y = S_num(v, 4);
        *y0 = *y1 = y;
        *m0 = 1, *d0 = 1, *m1 = 12, *d1 = 31;
        if (n == 4 || v[4] == 'T')
            return 1;
        const char *r = v + 5;
        if (S_digits(r, 2) && (r[2] == '\0' || r[2] == '-' || r[2] == 'T')) {
            int m = S_num(r, 2);
            if (m < 1 || m > 12)
                return 0;
            *m0 = *m1 = m, *d1 = S_mdays(y, m);
            if (r[2] == '-' && S_digits(r + 3, 2)) {
                int d = S_num(r + 3, 2);
                if (d < 1 || d > S_mdays(y, m))
                    return 0;
                *d0 = *d1 = d;
            }
            return 1;
        }
        if (r[0] == 'W' && S_digits(r + 1, 2)) {
            int w = S_num(r + 1, 2);
            if (w < 1 || w > 53)
                return 0;
            long jan4 = S_days(y, 1, 4);
            long mon1 = jan4 - ((jan4 + 2) % 7); /* the Monday of week 1 */
            long a = mon1 + 7L * (w - 1), b = a + 6;
            S_from_days(a, y0, m0, d0);
            S_from_days(b, y1, m1, d1);
            return 1;
        }
        if ((r[0] == 'Q' || r[0] == 'H') && r[1] >= '1' && r[1] <= '4') {
            int k = r[1] - '1', span = r[0] == 'Q' ? 3 : 6;
            if (r[0] == 'H' && k > 1)
                return 0;
            *m0 = k * span + 1, *m1 = *m0 + span - 1, *d1 = S_mdays(y, *m1);
            return 1;
        }
        static const char *const seasons[] = {"SP", "SU", "FA", "WI"};
        for (int s = 0; s < 4; s++)
            if (strncmp(r, seasons[s], 2) == 0) {
                *m0 = 3 + 3 * s;
                *m1 = *m0 + 2;
                if (*m1 > 12) {
                    *m1 -= 12;
                    *y1 = y + 1;
                }
                *d1 = S_mdays(*y1, *m1);
                return 1;
            }
        return 0;
    }
    if (n == 3 && S_digits(v, 3)) { /* decade */
        *y0 = S_num(v, 3) * 10, *y1 = *y0 + 9;
        *m0 = 1, *d0 = 1, *m1 = 12, *d1 = 31;
        return 1;
    }
    if (n == 2 && S_digits(v, 2)) { /* century */
        *y0 = S_num(v, 2) * 100, *y1 = *y0 + 99;
        *m0 = 1, *d0 = 1, *m1 = 12, *d1 = 31;
        return 1;
    }
    return 0;
}

int cx_date_interval(cx_date *date)
{
    char a[48], *b;
    cx_strlcpy(a, date->value, sizeof a);
    b = strchr(a, '/');
    if (b)
        *b++ = '\0';
    int y0, m0, d0, y1, m1, d1, Y0, M0, D0;
    date->start[0] = date->end[0] = '\0';
    if (!S_interval(a, &y0, &m0, &d0, &y1, &m1, &d1))
        return 0;
    if (b) {
        Y0 = y0, M0 = m0, D0 = d0;
        if (!S_interval(b, &y0, &m0, &d0, &y1, &m1, &d1))
            return 0;
        y0 = Y0, m0 = M0, d0 = D0;
        if (S_days(y1, m1, d1) < S_days(y0, m0, d0))
            return 0;
    }
    S_fmt(date->start, y0, m0, d0);
    S_fmt(date->end, y1, m1, d1);
    return 1;
}

static int S_cmp_event(const void *pa, const void *pb)
{
    const cx_event *a = pa, *b = pb;
    int c = strcmp(a->date.start, b->date.start);
    if (c)
        return c;
    c = strcmp(a->date.end, b->date.end);
    if (c)
        return c;
    if (a->span.start != b->span.start)
        return a->span.start < b->span.start ? -1 : 1;
    return a->timex < b->timex ? -1 : a->timex > b->timex;
}

/* The span of the sentence around a timex, without trailing blanks. */
static cx_span S_sentence_span(const cx_seg *seg, const cx_timex *t)
{
    size_t k = cx_seg_tok_at(seg, t->span.start);
    if (k >= seg->ntok)
        k = seg->ntok - 1;
    const cx_sent *s = &seg->sents[seg->toks[k].sent];
    cx_span sp = {s->start, s->end, 0, 0};
    return sp;
}

/* Does the sentence of the text's own date line end with it: nothing but
 * an agency in parentheses and dashes after the date ("LONDON
 * 1996-08-30", "HANOI, May 3 (Xinhua) --")? Such a sentence tells no
 * event. A lead in the same sentence ("MOSCOW, June 1 (Reuters) - Russia
 * said ...") is the event of the day the text is dated. */
static int S_date_line_only(const char *text, const cx_timex *t, cx_span sent)
{
    int depth = 0;
    for (size_t p = t->span.end; p < sent.end; p++) {
        unsigned char c = (unsigned char)text[p];
        if (c == '(' || c == ')')
            depth += c == '(' ? 1 : -1;
        else if (c == 0xE2 && p + 2 < sent.end && (unsigned char)text[p + 1] == 0x80 &&
                 ((unsigned char)text[p + 2] == 0x93 || (unsigned char)text[p + 2] == 0x94))
            p += 2; /* an en or em dash */
        else if (depth <= 0 && ((c >= '0' && c <= '9') ||
                                ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80))
            return 0;
    }
    return 1;
}

/* Does another date or time of the text lie in span: the lead glued to a
 * date line that tells its own day ("MOSCOW, June 1 (Reuters) - Russia
 * said on Thursday ...")? That day makes the event, not the line's. */
static int S_other_date_in(const cx_timex *tx, size_t ntx, size_t i, cx_span span)
{
    for (size_t j = 0; j < ntx; j++)
        if (j != i && (tx[j].type == CX_DATE || tx[j].type == CX_TIME) && !tx[j].in_name &&
            tx[j].span.start >= span.start && tx[j].span.end <= span.end)
            return 1;
    return 0;
}

/* The ASCII word that ends before byte p (spaces skipped) and not
 * before lo: its start in *b and length (0 when none). */
static size_t S_word_before(const char *text, size_t lo, size_t p, size_t *b)
{
    while (p > lo && text[p - 1] == ' ')
        p--;
    size_t e = p;
    while (p > lo && (((unsigned char)text[p - 1] | 0x20) >= 'a' &&
                      ((unsigned char)text[p - 1] | 0x20) <= 'z'))
        p--;
    *b = p;
    return e - p;
}

static int S_word_eq(const char *w, size_t n, const char *lit)
{
    return n == strlen(lit) && cx_ascii_strncasecmp(w, lit, n) == 0;
}

/* Is the word w (n bytes) a superlative: one of the irregular ones,
 * "first", or an adjective in -est ("coldest", "wettest", "highest")?
 * Superlatives are an open class; the words in -est that are none are
 * few and listed ("protest", "interest"). */
static int S_superlative(const char *w, size_t n)
{
    static const char *const irregular[] = {"best", "worst", "most", "least", "first"};
    static const char *const not_sup[] = {
        "interest", "forest",    "protest",   "request", "harvest", "contest",  "suggest",
        "honest",   "modest",    "arrest",    "invest",  "digest",  "manifest", "conquest",
        "inquest",  "earnest",   "behest",    "bequest", "unrest",  "priest",   "tempest",
        "midwest",  "southwest", "northwest", "detest",  "attest",  "divest",   "infest"};
    for (size_t i = 0; i < sizeof irregular / sizeof irregular[0]; i++)
        if (S_word_eq(w, n, irregular[i]))
            return 1;
    if (n < 6 || cx_ascii_strncasecmp(w + n - 3, "est", 3) != 0)
        return 0;
    for (size_t i = 0; i < sizeof not_sup / sizeof not_sup[0]; i++)
        if (S_word_eq(w, n, not_sup[i]))
            return 0;
    return 1;
}

/* Is the date the far end of a comparison ("its highest level since
 * 1992", "the first time since June")? The sentence tells nothing that
 * happened then: a superlative up to four words before "since" just
 * before the date. */
static int S_compared_since(const char *text, const cx_timex *t, cx_span sent)
{
    size_t b, n = S_word_before(text, sent.start, t->span.start, &b);
    if (!S_word_eq(text + b, n, "since"))
        return 0;
    /* "since July 15, when it closed with a loss": a clause of that day */
    size_t p = t->span.end;
    while (p < sent.end && text[p] == ' ')
        p++;
    if (p < sent.end && text[p] == ',') {
        for (p++; p < sent.end && text[p] == ' ';)
            p++;
        if (sent.end - p >= 5 && S_word_eq(text + p, 4, "when") && text[p + 4] == ' ')
            return 0;
    }
    for (int k = 0; k < 4; k++) {
        n = S_word_before(text, sent.start, b, &b);
        if (n == 0)
            return 0;
        if (S_superlative(text + b, n))
            return 1;
    }
    return 0;
}

/* A mention start and its entity, to find the entities of a span by
 * binary search instead of scanning every entity for every event. */
typedef struct {
    size_t start, end, entity;
} S_mref;

static int S_cmp_mref(const void *a, const void *b)
{
    const S_mref *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int S_cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Stable insertion sorts for the short arrays of one document (most hold
 * a few dozen items): qsort's call a comparison was most of their cost.
 * Longer ones still go to qsort (a stable merge sort in glibc; the keys
 * here are distinct anyway). */
enum { S_SHORT = 64 };

static void S_sort_mrefs(S_mref *r, size_t n)
{
    if (n > S_SHORT) {
        qsort(r, n, sizeof *r, S_cmp_mref);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        S_mref x = r[i];
        size_t j = i;
        for (; j > 0 && r[j - 1].start > x.start; j--)
            r[j] = r[j - 1];
        r[j] = x;
    }
}

static void S_sort_sizes(size_t *v, size_t n)
{
    if (n > S_SHORT) {
        qsort(v, n, sizeof *v, S_cmp_size);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        size_t x = v[i], j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static int S_attach_entities(cx_event *ev, const S_mref *refs, size_t nrefs)
{
    size_t lo = 0, hi = nrefs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (refs[mid].start < ev->span.start)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t n = 0;
    for (size_t i = lo; i < nrefs && refs[i].start < ev->span.end; i++)
        n += refs[i].end <= ev->span.end;
    if (!n)
        return CX_OK;
    ev->entities = malloc(n * sizeof *ev->entities);
    if (!ev->entities)
        return CX_ERR_NOMEM;
    for (size_t i = lo; i < nrefs && refs[i].start < ev->span.end; i++)
        if (refs[i].end <= ev->span.end)
            ev->entities[ev->n_entities++] = refs[i].entity;
    S_sort_sizes(ev->entities, ev->n_entities);
    size_t u = 0;
    for (size_t i = 0; i < ev->n_entities; i++)
        if (!u || ev->entities[u - 1] != ev->entities[i])
            ev->entities[u++] = ev->entities[i];
    ev->n_entities = u;
    return CX_OK;
}

/* Events are made in text order, so an event of the same sentence and
 * value can only be among the last ones made. */
static int S_same_sentence_value(const cx_event *v, size_t n, const cx_event *ev)
{
    for (size_t i = n; i-- > 0 && v[i].span.start == ev->span.start;)
        if (strcmp(v[i].date.value, ev->date.value) == 0)
            return 1;
    return 0;
}

static S_mref *S_mention_index(const cx_entity *ents, size_t nents, size_t *n)
{
    size_t total = 0;
    for (size_t e = 0; e < nents; e++)
        total += ents[e].n_mentions;
    *n = total;
    S_mref *r = malloc((total + 1) * sizeof *r);
    if (!r)
        return NULL;
    size_t k = 0;
    for (size_t e = 0; e < nents; e++)
        for (size_t m = 0; m < ents[e].n_mentions; m++)
            r[k++] = (S_mref){ents[e].mentions[m].span.start, ents[e].mentions[m].span.end, e};
    S_sort_mrefs(r, total);
    return r;
}

int cx_event_build(const cx_doc *doc, const cx_seg *seg, const cx_timex *tx, size_t ntx,
                   const cx_entity *ents, size_t nents, cx_event **out, size_t *n)
{
    cx_event *v = NULL;
    size_t nv = 0, cap = 0, nrefs;
    *out = NULL;
    *n = 0;
    S_mref *refs = S_mention_index(ents, nents, &nrefs);
    if (!refs)
        return CX_ERR_NOMEM;
    for (size_t i = 0; i < ntx && seg->ntok; i++) {
        const cx_timex *t = &tx[i];
        if ((t->type != CX_DATE && t->type != CX_TIME) || t->in_name)
            continue;
        if (t->range_with >= 0 && (size_t)t->range_with < i)
            continue; /* the far end of a range: told by the near end */
        cx_event ev = {0};
        ev.timex = i;
        if (t->range_with >= 0 && (size_t)t->range_with < ntx)
            snprintf(ev.date.value, sizeof ev.date.value, "%s/%s", t->value,
                     tx[t->range_with].value);
        else
            cx_strlcpy(ev.date.value, t->value, sizeof ev.date.value);
        if (!cx_date_interval(&ev.date))
            continue;
        ev.span = S_sentence_span(seg, t);
        if (t->creation &&
            (S_date_line_only(doc->text, t, ev.span) || S_other_date_in(tx, ntx, i, ev.span)))
            continue;
        if (t->range_with < 0 && S_compared_since(doc->text, t, ev.span))
            continue;
        if (S_same_sentence_value(v, nv, &ev))
            continue;
        if (cx_grow((void **)&v, &cap, nv + 1, sizeof *v))
            goto nomem;
        v[nv++] = ev;
        if (S_attach_entities(&v[nv - 1], refs, nrefs))
            goto nomem;
    }
    if (nv)
        qsort(v, nv, sizeof *v, S_cmp_event);
    free(refs);
    *out = v;
    *n = nv;
    return CX_OK;
nomem:
    free(refs);
    for (size_t i = 0; i < nv; i++)
        free(v[i].entities);
    free(v);
    return CX_ERR_NOMEM;
}
