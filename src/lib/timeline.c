/* timeline: merge the events of many documents.
 *
 * Two events are the same when they have the same date value, come from
 * different documents and their texts are alike (Dice coefficient over
 * content-word stems and entity names >= CX_TL_SAME). Entries are the
 * connected components of that relation, so the result depends only on
 * the set of events: merging is associative and commutative. */
#include "timeline_int.h"
#include "util_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CX_TL_SAME 0.30

static void S_src_fini(cx_tl_src *s)
{
    free(s->doc);
    free(s->event);
    free(s->text);
    for (size_t i = 0; i < s->nents; i++)
        free(s->ents[i]);
    free(s->ents);
}

cx_timeline *cx_timeline_new(void) { return calloc(1, sizeof(cx_timeline)); }

void cx_timeline_free(cx_timeline *tl)
{
    if (!tl)
        return;
    for (size_t i = 0; i < tl->n; i++)
        S_src_fini(&tl->src[i]);
    free(tl->src);
    for (size_t i = 0; i < tl->ndocs; i++)
        free(tl->docs[i]);
    free(tl->docs);
    free(tl->src_set);
    free(tl->doc_set);
    free(tl);
}

/* ---- the index sets ------------------------------------------------------ */

static uint64_t S_key(const char *a, const char *b)
{
    uint64_t h = cx_fnv1a(CX_FNV_INIT, a, strlen(a) + 1);
    return b ? cx_fnv1a(h, b, strlen(b)) : h;
}

static uint64_t S_src_key(const cx_timeline *tl, size_t i)
{
    return S_key(tl->src[i].doc, tl->src[i].event);
}

static uint64_t S_doc_key(const cx_timeline *tl, size_t i) { return S_key(tl->docs[i], NULL); }

typedef uint64_t (*S_keyfn)(const cx_timeline *, size_t);

static void S_set_put(size_t *set, size_t cap, uint64_t h, size_t i)
{
    size_t k = (size_t)h & (cap - 1);
    while (set[k])
        k = (k + 1) & (cap - 1);
    set[k] = i + 1;
}

/* Makes room in a set for n + 1 entries, rebuilding it from the n present
 * when it grows (or was cleared by a merge). */
static int S_set_fit(const cx_timeline *tl, size_t **set, size_t *cap, size_t n, S_keyfn key)
{
    if (*cap >= 2 * (n + 1))
        return CX_OK;
    size_t nc = *cap ? *cap : 64;
    while (nc < 2 * (n + 1))
        nc *= 2;
    size_t *ns = calloc(nc, sizeof *ns);
    if (!ns)
        return CX_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        S_set_put(ns, nc, key(tl, i), i);
    free(*set);
    *set = ns;
    *cap = nc;
    return CX_OK;
}

int cx_tl_add_doc(cx_timeline *tl, const char *doc)
{
    if (S_set_fit(tl, &tl->doc_set, &tl->doc_set_cap, tl->ndocs, S_doc_key))
        return CX_ERR_NOMEM;
    uint64_t h = S_key(doc, NULL);
    for (size_t k = (size_t)h & (tl->doc_set_cap - 1); tl->doc_set[k];
         k = (k + 1) & (tl->doc_set_cap - 1))
        if (strcmp(tl->docs[tl->doc_set[k] - 1], doc) == 0)
            return CX_OK;
    if (cx_grow((void **)&tl->docs, &tl->capdocs, tl->ndocs + 1, sizeof *tl->docs))
        return CX_ERR_NOMEM;
    tl->docs[tl->ndocs] = cx_strdup(doc);
    if (!tl->docs[tl->ndocs])
        return CX_ERR_NOMEM;
    S_set_put(tl->doc_set, tl->doc_set_cap, h, tl->ndocs);
    tl->ndocs++;
    return CX_OK;
}

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int cx_tl_add(cx_timeline *tl, const cx_tl_src *s)
{
    if (S_set_fit(tl, &tl->src_set, &tl->src_set_cap, tl->n, S_src_key))
        return CX_ERR_NOMEM;
    uint64_t h = S_key(s->doc, s->event);
    for (size_t k = (size_t)h & (tl->src_set_cap - 1); tl->src_set[k];
         k = (k + 1) & (tl->src_set_cap - 1)) {
        const cx_tl_src *o = &tl->src[tl->src_set[k] - 1];
        if (strcmp(o->doc, s->doc) == 0 && strcmp(o->event, s->event) == 0)
            return CX_OK;
    }
    if (cx_grow((void **)&tl->src, &tl->cap, tl->n + 1, sizeof *tl->src))
        return CX_ERR_NOMEM;
    cx_tl_src c = *s;
    c.doc = cx_strdup(s->doc);
    c.event = cx_strdup(s->event);
    c.text = cx_strdup(s->text ? s->text : "");
    c.ents = s->nents ? calloc(s->nents, sizeof *c.ents) : NULL;
    c.nents = 0;
    int ok = c.doc && c.event && c.text && (c.ents || !s->nents);
    for (size_t i = 0; ok && i < s->nents; i++) {
        c.ents[c.nents] = cx_strdup(s->ents[i]);
        ok = c.ents[c.nents++] != NULL;
    }
    if (!ok) {
        S_src_fini(&c);
        return CX_ERR_NOMEM;
    }
    /* sorted and unique whatever order the caller gave them in */
    if (c.nents > 1)
        qsort(c.ents, c.nents, sizeof *c.ents, S_cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < c.nents; i++) {
        if (u && strcmp(c.ents[u - 1], c.ents[i]) == 0)
            free(c.ents[i]);
        else
            c.ents[u++] = c.ents[i];
    }
    c.nents = u;
    S_set_put(tl->src_set, tl->src_set_cap, h, tl->n);
    tl->src[tl->n++] = c;
    return cx_tl_add_doc(tl, s->doc);
}

/* Words too common to tell two events apart. */
static const char *const S_stop[] = {
    "the",    "and",   "that",  "for",  "with", "was",  "were",  "are",   "has",
    "had",    "have",  "been",  "its",  "his",  "her",  "their", "they",  "this",
    "these",  "from",  "said",  "says", "say",  "not",  "but",   "who",   "which",
    "will",   "would", "could", "also", "than", "then", "into",  "about", "after",
    "before", "over",  "on",    "of",   "by",   "as",   "it",    "an",    "in",
    "to",     "is",    "be",    "at",   "or",   "a",    NULL};

static int S_is_stop(const char *w, size_t n)
{
    if (n > 6) /* no stop word is longer ("before") */
        return 0;
    for (size_t i = 0; S_stop[i]; i++)
        if (S_stop[i][0] == w[0] && strlen(S_stop[i]) == n && memcmp(S_stop[i], w, n) == 0)
            return 1;
    return 0;
}

typedef struct {
    uint32_t *h;
    size_t n;
} S_bag;

static int S_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Stems: lower-cased ASCII words of 3+ letters cut to 5, and entity names
 * whole; hashed, sorted, unique. */
static int S_bag_make(const cx_tl_src *s, S_bag *b)
{
    size_t len = strlen(s->text), cap = len / 2 + s->nents + 1;
    b->h = malloc(cap * sizeof *b->h);
    b->n = 0;
    if (!b->h)
        return CX_ERR_NOMEM;
    char w[64];
    size_t wn = 0;
    for (size_t i = 0; i <= len; i++) {
        int c = cx_ascii_lower((unsigned char)s->text[i]);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (wn < sizeof w)
                w[wn++] = (char)c;
            continue;
        }
        if (wn >= 3 && !S_is_stop(w, wn) && b->n < cap)
            b->h[b->n++] = (uint32_t)cx_fnv1a(CX_FNV_INIT, w, wn < 5 ? wn : 5);
        wn = 0;
    }
    for (size_t i = 0; i < s->nents && b->n < cap; i++)
        b->h[b->n++] = (uint32_t)cx_fnv1a(7, s->ents[i], strlen(s->ents[i]));
    qsort(b->h, b->n, sizeof *b->h, S_cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < b->n; i++)
        if (!u || b->h[u - 1] != b->h[i])
            b->h[u++] = b->h[i];
    b->n = u;
    return CX_OK;
}

static double S_dice(const S_bag *a, const S_bag *b)
{
    size_t i = 0, j = 0, common = 0;
    while (i < a->n && j < b->n) {
        if (a->h[i] == b->h[j])
            common++, i++, j++;
        else if (a->h[i] < b->h[j])
            i++;
        else
            j++;
    }
    return a->n + b->n ? 2.0 * (double)common / (double)(a->n + b->n) : 0.0;
}

double cx_tl_similarity(const cx_tl_src *a, const cx_tl_src *b)
{
    S_bag x, y;
    double d = 0.0;
    if (S_bag_make(a, &x) == CX_OK) {
        if (S_bag_make(b, &y) == CX_OK) {
            d = S_dice(&x, &y);
            free(y.h);
        }
        free(x.h);
    }
    return d;
}

static size_t S_find(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static int S_cmp_src(const cx_tl_src *a, const cx_tl_src *b)
{
    int c = strcmp(a->doc, b->doc);
    if (c)
        return c;
    if (a->pos != b->pos)
        return a->pos < b->pos ? -1 : 1;
    return strcmp(a->event, b->event);
}

static int S_qcmp_src(const void *a, const void *b) { return S_cmp_src(a, b); }

static int S_cmp_value(const cx_tl_src *a, const cx_tl_src *b)
{
    int c = strcmp(a->date.value, b->date.value);
    return c ? c : S_cmp_src(a, b);
}

/* qsort has no context argument in C11, so the sorts below go through
 * arrays of pointers. */
static int S_qcmp_value_p(const void *a, const void *b)
{
    return S_cmp_value(*(const cx_tl_src *const *)a, *(const cx_tl_src *const *)b);
}

typedef struct {
    cx_tl_group g;
    const cx_tl_src *first;
} S_keyed_group;

/* Timeline order: date interval, then the first source. */
static int S_qcmp_group(const void *pa, const void *pb)
{
    const cx_tl_src *a = ((const S_keyed_group *)pa)->first;
    const cx_tl_src *b = ((const S_keyed_group *)pb)->first;
    int c = strcmp(a->date.start, b->date.start);
    if (!c)
        c = strcmp(a->date.end, b->date.end);
    return c ? c : S_cmp_src(a, b);
}

static int S_sort_groups(const cx_timeline *tl, cx_tl_group *g, size_t ng,
                         const size_t *members)
{
    S_keyed_group *k = malloc((ng + 1) * sizeof *k);
    if (!k)
        return CX_ERR_NOMEM;
    for (size_t i = 0; i < ng; i++) {
        k[i].g = g[i];
        k[i].first = &tl->src[members[g[i].first]];
    }
    if (ng > 1)
        qsort(k, ng, sizeof *k, S_qcmp_group);
    for (size_t i = 0; i < ng; i++)
        g[i] = k[i].g;
    free(k);
    return CX_OK;
}

/* Unions the sources of one date value (order[lo..hi)) whose texts are
 * alike; single linkage, so the groups do not depend on input order. */
static void S_link_block(const cx_timeline *tl, const S_bag *bags, const size_t *order,
                         size_t lo, size_t hi, size_t *parent)
{
    for (size_t i = lo; i < hi; i++) {
        const cx_tl_src *a = &tl->src[order[i]];
        for (size_t j = i + 1; j < hi; j++) {
            if (strcmp(a->doc, tl->src[order[j]].doc) == 0)
                continue;
            size_t ra = S_find(parent, order[i]), rb = S_find(parent, order[j]);
            if (ra == rb || S_dice(&bags[order[i]], &bags[order[j]]) < CX_TL_SAME)
                continue;
            parent[ra > rb ? ra : rb] = ra < rb ? ra : rb;
        }
    }
}

/* Members group by group: a counting sort of the sources by root. As the
 * sources are sorted and a root is its group's smallest index, each group
 * starts with its root and lists its sources in order. */
static int S_collect(size_t *parent, size_t n, cx_tl_group **groups, size_t *ng,
                     size_t **members)
{
    cx_tl_group *g = malloc((n + 1) * sizeof *g);
    size_t *m = malloc((n + 1) * sizeof *m);
    size_t *slot = malloc((n + 1) * sizeof *slot); /* root -> group */
    if (!g || !m || !slot) {
        free(g);
        free(m);
        free(slot);
        return CX_ERR_NOMEM;
    }
    size_t gn = 0;
    for (size_t i = 0; i < n; i++) {
        size_t r = S_find(parent, i);
        if (r == i) {
            slot[i] = gn;
            g[gn].first = 0;
            g[gn++].n = 0;
        }
        g[slot[r]].n++;
    }
    size_t k = 0;
    for (size_t i = 0; i < gn; i++) {
        g[i].first = k;
        k += g[i].n;
        g[i].n = 0;
    }
    for (size_t i = 0; i < n; i++) {
        cx_tl_group *x = &g[slot[S_find(parent, i)]];
        m[x->first + x->n++] = i;
    }
    free(slot);
    *groups = g;
    *members = m;
    *ng = gn;
    return CX_OK;
}

int cx_tl_merge(cx_timeline *tl, cx_tl_group **groups, size_t *ng, size_t **members)
{
    size_t n = tl->n;
    *groups = NULL;
    *members = NULL;
    *ng = 0;
    /* sorting moves entries: the index sets are rebuilt on the next add */
    free(tl->src_set);
    free(tl->doc_set);
    tl->src_set = tl->doc_set = NULL;
    tl->src_set_cap = tl->doc_set_cap = 0;
    if (tl->ndocs > 1)
        qsort(tl->docs, tl->ndocs, sizeof *tl->docs, S_cmp_str);
    if (n)
        qsort(tl->src, n, sizeof *tl->src, S_qcmp_src);
    size_t *parent = malloc((n + 1) * sizeof *parent);
    S_bag *bags = calloc(n + 1, sizeof *bags);
    size_t *order = malloc((n + 1) * sizeof *order);
    const cx_tl_src **byval = malloc((n + 1) * sizeof *byval);
    int rc = parent && bags && order && byval ? CX_OK : CX_ERR_NOMEM;
    for (size_t i = 0; rc == CX_OK && i < n; i++) {
        parent[i] = i;
        byval[i] = &tl->src[i];
        rc = S_bag_make(&tl->src[i], &bags[i]);
    }
    /* order: sources by value, so equal values are neighbours */
    if (rc == CX_OK && n > 1)
        qsort(byval, n, sizeof *byval, S_qcmp_value_p);
    for (size_t i = 0; rc == CX_OK && i < n; i++)
        order[i] = (size_t)(byval[i] - tl->src);
    for (size_t lo = 0, hi; rc == CX_OK && lo < n; lo = hi) {
        for (hi = lo + 1; hi < n; hi++)
            if (strcmp(tl->src[order[lo]].date.value, tl->src[order[hi]].date.value) != 0)
                break;
        S_link_block(tl, bags, order, lo, hi, parent);
    }
    if (rc == CX_OK)
        rc = S_collect(parent, n, groups, ng, members);
    if (rc == CX_OK)
        rc = S_sort_groups(tl, *groups, *ng, *members);
    for (size_t i = 0; bags && i < n; i++)
        free(bags[i].h);
    free(bags);
    free(parent);
    free(order);
    free(byval);
    if (rc != CX_OK) {
        free(*groups);
        free(*members);
        *groups = NULL;
        *members = NULL;
        *ng = 0;
    }
    return rc;
}

int cx_timeline_add_result(cx_timeline *tl, const char *doc_id, const cx_result *res)
{
    int rc = cx_tl_add_doc(tl, doc_id);
    for (size_t i = 0; rc == CX_OK && i < res->n_events; i++) {
        const cx_event *e = &res->events[i];
        char id[32];
        snprintf(id, sizeof id, "V%zu", i + 1);
        char **names = e->n_entities ? calloc(e->n_entities, sizeof *names) : NULL;
        if (e->n_entities && !names)
            return CX_ERR_NOMEM;
        for (size_t k = 0; k < e->n_entities; k++)
            names[k] = res->entities[e->entities[k]].name;
        if (names) /* qsort(NULL, 0) is undefined */
            qsort(names, e->n_entities, sizeof *names, S_cmp_str);
        char *text = cx_strndup(res->text + e->span.start, e->span.end - e->span.start);
        cx_tl_src s = {(char *)doc_id,        id, e->date, text, names, e->n_entities,
                       (long)e->span.cp_start};
        rc = text ? cx_tl_add(tl, &s) : CX_ERR_NOMEM;
        free(text);
        free(names);
    }
    return rc;
}
