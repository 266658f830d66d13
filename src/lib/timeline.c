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
    free(tl);
}

int cx_tl_add_doc(cx_timeline *tl, const char *doc)
{
    for (size_t i = 0; i < tl->ndocs; i++)
        if (strcmp(tl->docs[i], doc) == 0)
            return CX_OK;
    if (cx_grow((void **)&tl->docs, &tl->capdocs, tl->ndocs + 1, sizeof *tl->docs))
        return CX_ERR_NOMEM;
    tl->docs[tl->ndocs] = cx_strdup(doc);
    if (!tl->docs[tl->ndocs])
        return CX_ERR_NOMEM;
    tl->ndocs++;
    return CX_OK;
}

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int cx_tl_add(cx_timeline *tl, const cx_tl_src *s)
{
    for (size_t i = 0; i < tl->n; i++)
        if (strcmp(tl->src[i].doc, s->doc) == 0 && strcmp(tl->src[i].event, s->event) == 0)
            return CX_OK;
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
        if (i && strcmp(s->ents[i], s->ents[i - 1]) == 0)
            continue;
        c.ents[c.nents] = cx_strdup(s->ents[i]);
        ok = c.ents[c.nents++] != NULL;
    }
    if (!ok) {
        S_src_fini(&c);
        return CX_ERR_NOMEM;
    }
    if (c.nents > 1)
        qsort(c.ents, c.nents, sizeof *c.ents, S_cmp_str);
    tl->src[tl->n++] = c;
    return cx_tl_add_doc(tl, s->doc);
}

/* Words too common to tell two events apart. */
static const char *const S_stop[] = {
    "the", "and", "that", "for", "with", "was", "were", "are", "has", "had",
    "have", "been", "its", "his", "her", "their", "they", "this", "these",
    "from", "said", "says", "say", "not", "but", "who", "which", "will",
    "would", "could", "also", "than", "then", "into", "about", "after",
    "before", "over", "on", "of", "by", "as", "it", "an", "in", "to", "is",
    "be", "at", "or", "a", NULL};

static int S_is_stop(const char *w, size_t n)
{
    for (size_t i = 0; S_stop[i]; i++)
        if (strlen(S_stop[i]) == n && memcmp(S_stop[i], w, n) == 0)
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

/* Groups in timeline order: date interval, then the first source. Uses a
 * small insertion sort keyed through the members, as qsort has no
 * context argument in C11. */
static void S_sort_groups(const cx_timeline *tl, cx_tl_group *g, size_t ng,
                          const size_t *members)
{
    for (size_t i = 1; i < ng; i++) {
        cx_tl_group x = g[i];
        const cx_tl_src *a = &tl->src[members[x.first]];
        size_t j = i;
        while (j > 0) {
            const cx_tl_src *b = &tl->src[members[g[j - 1].first]];
            int c = strcmp(b->date.start, a->date.start);
            if (!c)
                c = strcmp(b->date.end, a->date.end);
            if (!c)
                c = S_cmp_src(b, a);
            if (c <= 0)
                break;
            g[j] = g[j - 1];
            j--;
        }
        g[j] = x;
    }
}

int cx_tl_merge(cx_timeline *tl, cx_tl_group **groups, size_t *ng, size_t **members)
{
    size_t n = tl->n;
    *groups = NULL;
    *members = NULL;
    *ng = 0;
    if (tl->ndocs > 1)
        qsort(tl->docs, tl->ndocs, sizeof *tl->docs, S_cmp_str);
    if (n)
        qsort(tl->src, n, sizeof *tl->src, S_qcmp_src);
    size_t *parent = malloc((n + 1) * sizeof *parent);
    S_bag *bags = calloc(n + 1, sizeof *bags);
    size_t *order = malloc((n + 1) * sizeof *order);
    int rc = parent && bags && order ? CX_OK : CX_ERR_NOMEM;
    for (size_t i = 0; rc == CX_OK && i < n; i++) {
        parent[i] = order[i] = i;
        rc = S_bag_make(&tl->src[i], &bags[i]);
    }
    /* order: sources by value, so equal values are neighbours */
    for (size_t i = 1; rc == CX_OK && i < n; i++) {
        size_t x = order[i], j = i;
        while (j > 0 && S_cmp_value(&tl->src[order[j - 1]], &tl->src[x]) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    for (size_t i = 0; rc == CX_OK && i < n; i++) {
        const cx_tl_src *a = &tl->src[order[i]];
        for (size_t j = i + 1; j < n; j++) {
            const cx_tl_src *b = &tl->src[order[j]];
            if (strcmp(a->date.value, b->date.value) != 0)
                break;
            if (strcmp(a->doc, b->doc) == 0)
                continue;
            if (S_dice(&bags[order[i]], &bags[order[j]]) >= CX_TL_SAME) {
                size_t ra = S_find(parent, order[i]), rb = S_find(parent, order[j]);
                if (ra != rb)
                    parent[ra > rb ? ra : rb] = ra < rb ? ra : rb;
            }
        }
    }
    cx_tl_group *g = NULL;
    size_t *m = NULL;
    if (rc == CX_OK) {
        g = malloc((n + 1) * sizeof *g);
        m = malloc((n + 1) * sizeof *m);
        rc = g && m ? CX_OK : CX_ERR_NOMEM;
    }
    size_t k = 0, gn = 0;
    /* sources are sorted, so each root is its group's first source */
    for (size_t r = 0; rc == CX_OK && r < n; r++) {
        if (S_find(parent, r) != r)
            continue;
        g[gn].first = k;
        for (size_t i = r; i < n; i++)
            if (S_find(parent, i) == r)
                m[k++] = i;
        g[gn].n = k - g[gn].first;
        gn++;
    }
    if (rc == CX_OK)
        S_sort_groups(tl, g, gn, m);
    for (size_t i = 0; bags && i < n; i++)
        free(bags[i].h);
    free(bags);
    free(parent);
    free(order);
    if (rc != CX_OK) {
        free(g);
        free(m);
        return rc;
    }
    *groups = g;
    *members = m;
    *ng = gn;
    return CX_OK;
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
        qsort(names, e->n_entities, sizeof *names, S_cmp_str);
        char *text = cx_strndup(res->text + e->span.start, e->span.end - e->span.start);
        cx_tl_src s = {(char *)doc_id, id, e->date, text, names, e->n_entities,
                       (long)e->span.cp_start};
        rc = text ? cx_tl_add(tl, &s) : CX_ERR_NOMEM;
        free(text);
        free(names);
    }
    return rc;
}
