/* entity: aliases, in the manner of ANNIE's OrthoMatcher.
 *
 * Multi-word names come first, in text order: the same name (less a
 * corporate suffix or a leading nationality) is the same entity, and
 * "Long Name (ACR)" binds ACR to it. Then every one-word mention looks for
 * an entity it can name: the same word, an acronym of its initials, the
 * last name of a person or the first name when only one person has it,
 * or the first word of an organization ("Kaspersky" for "Kaspersky Lab",
 * preferred to the person "Eugene Kaspersky" unless a title says
 * otherwise). A one-word mention that names nothing and was typed only by
 * default stays an entity of its own, unless it is a plain English word. */
#include "entity_work_int.h"
#include <stdlib.h>
#include <string.h>

#define S_AMBIG (-2L)

typedef struct {
    uint64_t *k;
    long *v;
    size_t cap;
} S_map;

typedef struct {
    int type;
    int has_multi; /* a multi-word mention, typed by evidence */
    int any_multi; /* a multi-word mention, however typed */
    int shout;     /* typed by default from a name in capitals */
    int votes[3];  /* mentions of each type */
    int svotes[3]; /* mentions typed by evidence */
    int cvotes[3]; /* mentions typed by their context (a title, "the town of") */
    const char *canon;
    size_t first_piece;
} S_ent;

typedef struct {
    S_work *w;
    S_ent *e;
    size_t ne, cap_e;
    S_map name, last, first, orgfirst, acro;
    size_t *start; /* the pieces of entity k: order[start[k] .. start[k + 1]) */
    size_t *order;
} S_res;

static size_t S_map_cap(size_t n)
{
    size_t cap = 16;
    while (cap < n * 2)
        cap *= 2;
    return cap;
}

/* The five maps of r in one block (keys, zeroed, then values, which
 * are written with their keys): one allocation a document, not ten.
 * Sizes: what S_register may put, as each piece is registered once:
 * name 2 keys a piece and 1 a canonical name, acro and last 2 (a
 * hyphenated surname too) and the others 1 a piece of two words or
 * more. */
static int S_maps_init(S_res *r, const S_work *w)
{
    size_t multi = 0, canon = 0;
    for (size_t i = 0; i < w->np; i++) {
        multi += w->p[i].e - w->p[i].b > 1;
        canon += w->p[i].canon != NULL;
    }
    S_map *m[5] = {&r->name, &r->last, &r->first, &r->orgfirst, &r->acro};
    const size_t n[5] = {2 * w->np + canon, 2 * multi, multi, multi, 2 * multi};
    size_t total = 0;
    for (int i = 0; i < 5; i++)
        total += m[i]->cap = S_map_cap(n[i]);
    uint64_t *k = malloc(total * (sizeof *k + sizeof(long)));
    if (!k)
        return -1;
    memset(k, 0, total * sizeof *k);
    long *v = (long *)(k + total);
    for (int i = 0; i < 5; i++) {
        m[i]->k = k;
        m[i]->v = v;
        k += m[i]->cap;
        v += m[i]->cap;
    }
    return 0;
}

static long S_map_get(const S_map *m, uint64_t k)
{
    size_t i = (size_t)k & (m->cap - 1);
    while (m->k[i] && m->k[i] != k)
        i = (i + 1) & (m->cap - 1);
    return m->k[i] ? m->v[i] : -1;
}

/* Maps k to v; a key already mapped to another entity becomes ambiguous
 * when ambig is set, and keeps its first entity otherwise. */
static void S_map_put(S_map *m, uint64_t k, long v, int ambig)
{
    size_t i = (size_t)k & (m->cap - 1);
    while (m->k[i] && m->k[i] != k)
        i = (i + 1) & (m->cap - 1);
    if (!m->k[i]) {
        m->k[i] = k;
        m->v[i] = v;
    } else if (m->v[i] != v && ambig) {
        m->v[i] = S_AMBIG;
    }
}

static uint64_t S_comb(uint64_t h, uint64_t k)
{
    h ^= k + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    return h ? h : 1;
}

static int S_is_conn(const S_work *w, size_t i)
{
    const cx_tok *t = &w->seg->toks[i];
    return (t->flags & CX_TOK_LOWER) || (t->flags & CX_TOK_PUNCT);
}

/* A name's tokens less a trailing corporate suffix and a leading
 * nationality or "The": [*b, *e) narrowed. */
static void S_strip(const S_work *w, size_t *bp, size_t *ep)
{
    size_t b = *bp, e = *ep;
    while (e - b > 1 && (w->t[e - 1].cats & CX_G_ORG_SUFFIX) &&
           !(w->t[e - 2].cats & CX_G_ORG_SUFFIX))
        e--;
    if (e - b > 1 && (w->t[b].cats & (CX_G_DEMONYM | CX_G_FUNC)) && !w->t[b].mlen)
        b++;
    if (e - b > 1 && cx_ent_punct(w, e - 1, "."))
        e--;
    *bp = b;
    *ep = e;
}

uint64_t cx_ent_name_key(const S_work *w, size_t b, size_t e, int strip)
{
    if (strip)
        S_strip(w, &b, &e);
    uint64_t h = 7;
    for (size_t i = b; i < e; i++)
        h = S_comb(h, w->g[i].key);
    return h;
}

/* The key of a canonical name written as text ("United States"). */
static uint64_t S_canon_key(const char *s)
{
    uint64_t h = 7;
    while (*s) {
        while (*s == ' ')
            s++;
        const char *b = s;
        while (*s && *s != ' ')
            s++;
        if (s > b)
            h = S_comb(h, cx_gaz_key(b, (size_t)(s - b)));
    }
    return h;
}

/* Acronym key of a word: its capital letters ("U.S." → US); 0 when the
 * word is no acronym. */
static uint64_t S_acro_of_word(const char *s, size_t n)
{
    uint64_t h = CX_FNV_INIT;
    size_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') {
            h = (h ^ c) * 0x100000001b3ULL;
            letters++;
        } else if (c != '.' && c != '&') {
            return 0;
        }
    }
    return letters >= 2 && letters <= 8 ? (h ? h : 1) : 0;
}

/* Acronym key of a name's initials, skipping lower-case words; from
 * token b (so a leading nationality may be left out). A word that is an
 * acronym itself gives all its capitals: "US Steel" is USS, not US, so
 * it never takes "US" the country as its short form. */
static uint64_t S_acro_of_name(const S_work *w, size_t b, size_t e)
{
    uint64_t h = CX_FNV_INIT;
    size_t letters = 0;
    for (size_t i = b; i < e; i++) {
        if (S_is_conn(w, i))
            continue;
        const char *s = w->text + w->seg->toks[i].start;
        size_t n = w->seg->toks[i].end - w->seg->toks[i].start;
        unsigned char c = (unsigned char)s[0];
        if (c < 'A' || c > 'Z')
            return 0;
        if (!S_acro_of_word(s, n)) {
            h = (h ^ c) * 0x100000001b3ULL;
            letters++;
            continue;
        }
        for (size_t k = 0; k < n; k++)
            if (s[k] >= 'A' && s[k] <= 'Z') {
                h = (h ^ (unsigned char)s[k]) * 0x100000001b3ULL;
                letters++;
            }
    }
    return letters >= 2 ? (h ? h : 1) : 0;
}

/* Are all the words of piece p in capitals ("RANDALL CUNNINGHAM")? */
static int S_caps_piece(const S_work *w, const S_piece *p)
{
    for (size_t i = p->b; i < p->e; i++)
        if ((w->seg->toks[i].flags & CX_TOK_WORD) && !(w->seg->toks[i].flags & CX_TOK_UPPER))
            return 0;
    return 1;
}

static long S_new_ent(S_res *r, S_piece *p, size_t pi)
{
    if (cx_grow((void **)&r->e, &r->cap_e, r->ne + 1, sizeof *r->e))
        return -1;
    S_ent *e = &r->e[r->ne];
    memset(e, 0, sizeof *e);
    e->type = p->type;
    e->canon = p->canon;
    e->first_piece = pi;
    e->shout = !p->strong && !p->evid && S_caps_piece(r->w, p);
    return (long)r->ne++;
}

/* Does one word joined by hyphens ("Alexander-Arnold", "Smith-Jones-Lee")
 * end [b, e)? Its first token, else e - 1. */
static size_t S_hyph_word(const S_work *w, size_t b, size_t e)
{
    size_t h = e - 1;
    while (h >= b + 2 && cx_ent_punct(w, h - 1, "-") &&
           !(w->seg->toks[h].flags & CX_TOK_SPACE) &&
           !(w->seg->toks[h - 1].flags & CX_TOK_SPACE) &&
           (w->seg->toks[h - 2].flags & CX_TOK_WORD))
        h -= 2;
    return h;
}

static void S_register(S_res *r, S_piece *p, long ent)
{
    S_work *w = r->w;
    size_t b = p->b, e = p->e;
    S_ent *x = &r->e[ent];
    p->ent = ent;
    if (p->type >= 0 && p->type <= 2) {
        x->votes[p->type]++;
        x->svotes[p->type] += p->strong || p->evid;
        x->cvotes[p->type] += p->evid;
    }
    if (p->canon && !x->canon)
        x->canon = p->canon;
    /* the stripped name, then the whole one when that differs (putting
     * the same key twice does nothing) */
    size_t sb = b, se = e;
    S_strip(w, &sb, &se);
    S_map_put(&r->name, cx_ent_name_key(w, sb, se, 0), ent, 0);
    if (sb != b || se != e)
        S_map_put(&r->name, cx_ent_name_key(w, b, e, 0), ent, 0);
    if (p->canon)
        S_map_put(&r->name, S_canon_key(p->canon), ent, 0);
    if (e - b < 2)
        return;
    if (x->type == CX_PERSON) {
        size_t l = e - 1;
        while (l > b && (w->t[l].cats & CX_G_NAME_SUFFIX))
            l--;
        S_map_put(&r->last, w->g[l].key, ent, 1);
        size_t h = S_hyph_word(w, b, l + 1);
        if (h > b && h < l)
            S_map_put(&r->last, cx_ent_name_key(w, h, l + 1, 0), ent, 1);
        S_map_put(&r->first, w->g[b].key, ent, 1);
    } else {
        S_map_put(&r->orgfirst, w->g[b].key, ent, 1);
        uint64_t a = S_acro_of_name(w, b, e);
        if (a)
            S_map_put(&r->acro, a, ent, 0);
        if (w->t[b].cats & CX_G_DEMONYM) {
            a = S_acro_of_name(w, b + 1, e);
            if (a)
                S_map_put(&r->acro, a, ent, 0);
        }
    }
}

/* "Name (ACR)": the piece after the parenthesis, if it is one word. */
static S_piece *S_paren_acro(S_work *w, size_t pi)
{
    S_piece *p = &w->p[pi];
    size_t e = p->e;
    if (!cx_ent_punct(w, e, "(") || pi + 1 >= w->np)
        return NULL;
    S_piece *q = &w->p[pi + 1];
    if (q->b != e + 1 || q->e != e + 2 || !cx_ent_punct(w, q->e, ")"))
        return NULL;
    if (!(w->seg->toks[q->b].flags & CX_TOK_UPPER))
        return NULL;
    /* "Tom Berwick ( U.S. )": a place or a nationality in parentheses is
     * no acronym; an acronym starts with an initial of the name's first
     * words (FSB for Federal Security Service, whatever its language) */
    if ((w->t[q->b].mcats & CX_G_ANY_LOC) || p->type == CX_PERSON)
        return NULL;
    char a = w->text[w->seg->toks[q->b].start];
    size_t b = p->b, k = 0;
    for (size_t i = b; i < p->e && k < 2; i++) {
        if (S_is_conn(w, i))
            continue;
        if (w->text[w->seg->toks[i].start] == a)
            return q;
        k++;
    }
    return NULL;
}

/* The entity of multi-word piece i: a name seen before, or a new one. A
 * piece that is one hyphenated word is also the surname of a person named
 * in full ("Alexander-Arnold" after or before "Trent Alexander-Arnold"). */
static int S_multi_one(S_res *r, size_t i)
{
    S_work *w = r->w;
    S_piece *p = &w->p[i];
    long ent = S_map_get(&r->name, cx_ent_name_key(w, p->b, p->e, 1));
    if (ent < 0 && S_hyph_word(w, p->b, p->e) == p->b && (!p->strong || p->type == CX_PERSON)) {
        long per = S_map_get(&r->last, cx_ent_name_key(w, p->b, p->e, 0));
        if (per >= 0 && r->e[per].type == CX_PERSON)
            ent = per;
    }
    if (ent < 0 && p->canon)
        ent = S_map_get(&r->name, S_canon_key(p->canon));
    if (ent >= 0 && r->e[ent].type != p->type && (p->strong || p->team) && r->e[ent].has_multi)
        ent = -1;
    /* "NFL-RANDALL CUNNINGHAM RETIRES ... Randall Cunningham , the
     * quarterback": a headline in capitals says little of a name's
     * kind; the name written in mixed case later says more */
    if (ent >= 0 && r->e[ent].shout && !S_caps_piece(w, p)) {
        r->e[ent].type = p->type;
        r->e[ent].shout = 0;
    }
    if (ent < 0 && (ent = S_new_ent(r, p, i)) < 0)
        return CX_ERR_NOMEM;
    r->e[ent].has_multi |= p->strong;
    r->e[ent].any_multi = 1;
    S_register(r, p, ent);
    S_piece *q = S_paren_acro(w, i);
    if (q && q->ent < 0) {
        q->type = r->e[ent].type;
        q->strong = 1;
        S_register(r, q, ent);
    }
    return CX_OK;
}

/* Multi-word names in text order; those that are one hyphenated word
 * last, when every full name has given its surname. */
static int S_pass_multi(S_res *r)
{
    S_work *w = r->w;
    for (int hyph = 0; hyph < 2; hyph++)
        for (size_t i = 0; i < w->np; i++) {
            const S_piece *p = &w->p[i];
            if (p->type < 0 || p->e - p->b < 2 || (S_hyph_word(w, p->b, p->e) == p->b) != hyph)
                continue;
            if (S_multi_one(r, i))
                return CX_ERR_NOMEM;
        }
    return CX_OK;
}

static int S_is_common(const S_work *w, size_t i)
{
    return (w->t[i].cats & CX_G_COMMON) && !(w->t[i].cats & CX_G_ANY_NAME) && !w->t[i].mlen;
}

/* The entity a one-word mention names, or -1. */
/* Is entity x an organization first named with a corporate suffix
 * ("Magna International Inc", "Dallas Semiconductor Corp.")? */
static int S_suffixed(const S_res *r, long x)
{
    const S_work *w = r->w;
    if (r->e[x].type != CX_ORGANIZATION)
        return 0;
    const S_piece *p = &w->p[r->e[x].first_piece];
    size_t e = p->e;
    if (e - p->b > 2 && cx_ent_punct(w, e - 1, "."))
        e--;
    return e - p->b >= 2 && (w->t[e - 1].cats & CX_G_ORG_SUFFIX);
}

static long S_lookup_single(S_res *r, S_piece *p)
{
    S_work *w = r->w;
    size_t b = p->b;
    long ent = S_map_get(&r->name, cx_ent_name_key(w, b, b + 1, 0));
    if (ent < 0 && p->canon)
        ent = S_map_get(&r->name, S_canon_key(p->canon));
    /* a place named like a person of this document: "Washington smiled"
     * after "Denzel Washington", unless "in" or "at" says otherwise */
    long per0 = S_map_get(&r->last, w->g[b].key);
    int prep = cx_ent_prep_before(w, b) || cx_ent_dateline(w, b, b + 1);
    if (ent >= 0 && r->e[ent].type == CX_LOCATION && per0 >= 0 && !prep)
        return per0;
    if (ent >= 0 && !((p->strong || p->team) && r->e[ent].type != p->type &&
                      (r->e[ent].has_multi || p->team || w->sports)))
        return ent;
    const cx_gaz_tok *g = &w->g[b];
    uint64_t a = S_acro_of_word(g->s, g->len);
    if (a && (ent = S_map_get(&r->acro, a)) >= 0)
        return ent;
    long per = S_map_get(&r->last, g->key);
    int by_first = 0;
    if (per < 0 && (per = S_map_get(&r->first, g->key)) >= 0) {
        by_first = 1;
        if (S_map_get(&r->last, g->key) == S_AMBIG)
            per = -1;
    }
    long org = S_map_get(&r->orgfirst, g->key);
    int want = p->strong ? p->type : -1;
    if (p->team)
        return per >= 0 ? per : -1;
    if (want == CX_LOCATION) {
        /* Washington the player, once "MaliVai Washington" was named;
         * but news names a person again by the surname, so a country
         * that is only some person's first name stays the country
         * ("Jordan" after "Jordan Smith") */
        if (per >= 0 && !prep &&
            !(by_first && (w->t[b].mcats & (CX_G_LOC_COUNTRY | CX_G_LOC_REGION))))
            return per;
        /* "Magna" after "Magna International Inc": a town's name that
         * opens a company's suffixed name of this document is the
         * company, outside "in" and "at" (a country or a region stays a
         * place: "Singapore Airlines Ltd" leaves Singapore) */
        if (org >= 0 && !prep && S_suffixed(r, org) &&
            !(w->t[b].mcats & (CX_G_LOC_COUNTRY | CX_G_LOC_REGION)))
            return org;
        return -1;
    }
    if (want == CX_PERSON && per >= 0)
        return per;
    /* "Frank Bruno ... Bruno": a surname that only a company list knows
     * names the person of this document */
    if (p->gaz && want == CX_ORGANIZATION && per >= 0 && org < 0 && !prep &&
        r->e[per].has_multi && r->e[per].type == CX_PERSON &&
        (w->t[b].cats & (CX_G_PER_LAST | CX_G_PER_FIRST)))
        return per;
    if (org >= 0 && (want != CX_PERSON || per < 0))
        return org;
    if (per >= 0 && want != CX_ORGANIZATION)
        return per;
    return -1;
}

static int S_pass_single(S_res *r)
{
    S_work *w = r->w;
    for (size_t i = 0; i < w->np; i++) {
        S_piece *p = &w->p[i];
        if (p->type < 0 || p->ent >= 0 || p->e - p->b != 1)
            continue;
        long ent = S_lookup_single(r, p);
        if (ent < 0) {
            /* a plain English word capitalized for no reason we know */
            if (!p->strong && !p->team &&
                (S_is_common(w, p->b) || cx_ent_lower_has(w, w->g[p->b].key) ||
                 cx_ent_set_has(&w->products, w->g[p->b].key)))
                continue;
            /* the surname of two people of the document ("Boris Yeltsin",
             * "Naina Yeltsin"): which one is unknown, but a person it is */
            int two = !p->team && (!p->strong || p->type == CX_PERSON) &&
                      S_map_get(&r->last, w->g[p->b].key) == S_AMBIG;
            if (two) {
                p->type = CX_PERSON;
                p->evid = 1;
            }
            /* sports reports name teams by one word, people by two */
            if (w->sports && !p->strong && !two && p->type == CX_PERSON)
                p->type = CX_ORGANIZATION;
            if ((ent = S_new_ent(r, p, i)) < 0)
                return CX_ERR_NOMEM;
        }
        S_register(r, p, ent);
    }
    return CX_OK;
}

/* ---- output ----------------------------------------------------------- */

/* The type of an entity: its multi-word name's, else the type most of
 * its evidence says (a mention typed by evidence outweighs any number
 * typed by default: "in Arbil" once, "Arbil" alone many times). */
static int S_best_type(const S_ent *e, int sports)
{
    if (e->has_multi)
        return e->type;
    /* its full name typed by default outweighs its one-word mentions
     * typed by default: "Semyon Sharetsky ... Sharetsky ... Sharetsky" is
     * a person, though an unknown word alone would be an organization */
    if (e->any_multi && e->svotes[0] + e->svotes[1] + e->svotes[2] == 0)
        return e->type;
    const int *v = e->svotes[0] + e->svotes[1] + e->svotes[2] ? e->svotes : e->votes;
    /* what the context says of a word outweighs what lists say of it:
     * "President Clinton" once, "Clinton" (a town too) many times */
    if (e->cvotes[0] + e->cvotes[1] + e->cvotes[2])
        v = e->cvotes;
    int best = e->type;
    for (int t = 0; t < 3; t++)
        if (best < 0 || v[t] > v[best])
            best = t;
    /* a bare word named again and again, never with a first name, a title
     * or any other sign of a person, is more often a company (Chrysler)
     * than a person: people are introduced by their full names */
    if (best == CX_PERSON && v == e->votes && e->votes[CX_PERSON] >= 2 && !sports)
        best = CX_ORGANIZATION;
    return best;
}

static int S_has_alias(const cx_entity *x, const char *s, size_t n)
{
    if (strlen(x->name) == n && memcmp(x->name, s, n) == 0)
        return 1;
    for (size_t i = 0; i < x->n_aliases; i++)
        if (strlen(x->aliases[i]) == n && memcmp(x->aliases[i], s, n) == 0)
            return 1;
    return 0;
}

/* Writes entity ent. Its mentions, the alias pointers (NULL ended) and
 * the strings of its name and aliases are one block from x->mentions,
 * sized for the case of every mention a new alias: four allocations an
 * entity and one an alias, and as many frees, were a fifth of this
 * stage. */
static int S_emit(S_res *r, long ent, cx_entity *x)
{
    S_work *w = r->w;
    S_ent *e = &r->e[ent];
    memset(x, 0, sizeof *x);
    x->type = (cx_entity_type)S_best_type(e, w->sports);
    size_t a = r->start[ent], z = r->start[ent + 1], nm = z - a;
    size_t best = r->order[a], best_len = 0, chars = 0;
    int best_multi = 0;
    for (size_t k = a; k < z; k++) {
        S_piece *p = &w->p[r->order[k]];
        size_t len = w->seg->toks[p->e - 1].end - w->seg->toks[cx_ent_lead(w, p->b)].start;
        int multi = p->e - p->b > 1;
        chars += len + 1;
        if ((multi && !best_multi) || (multi == best_multi && len > best_len)) {
            best = r->order[k];
            best_len = len;
            best_multi = multi;
        }
    }
    const S_piece *bp = &w->p[best];
    const char *name =
        e->canon ? e->canon : w->text + w->seg->toks[cx_ent_lead(w, bp->b)].start;
    size_t name_len = e->canon ? strlen(e->canon) : best_len;
    size_t head = nm * sizeof *x->mentions + (nm + 1) * sizeof *x->aliases;
    char *block = malloc(head + name_len + 1 + chars);
    if (!block)
        return CX_ERR_NOMEM;
    /* written below up to n_mentions and n_aliases */
    x->mentions = (cx_mention *)(void *)block;
    x->aliases = (char **)(void *)(block + nm * sizeof *x->mentions);
    x->aliases[0] = NULL;
    char *at = block + head;
    memcpy(at, name, name_len);
    at[name_len] = '\0';
    x->name = at;
    at += name_len + 1;
    for (size_t k = a; k < z; k++) {
        S_piece *p = &w->p[r->order[k]];
        size_t s = w->seg->toks[cx_ent_lead(w, p->b)].start, t = w->seg->toks[p->e - 1].end;
        x->mentions[x->n_mentions].span = (cx_span){s, t, 0, 0};
        x->n_mentions++;
        if (!S_has_alias(x, w->text + s, t - s)) {
            memcpy(at, w->text + s, t - s);
            at[t - s] = '\0';
            x->aliases[x->n_aliases++] = at;
            x->aliases[x->n_aliases] = NULL;
            at += t - s + 1;
        }
    }
    return CX_OK;
}

/* Groups the pieces by entity, each group in text order. */
static int S_group(S_res *r)
{
    S_work *w = r->w;
    r->start = calloc(r->ne + 2, sizeof *r->start);
    r->order = malloc((w->np + 1) * sizeof *r->order);
    if (!r->start || !r->order)
        return CX_ERR_NOMEM;
    for (size_t i = 0; i < w->np; i++)
        if (w->p[i].ent >= 0)
            r->start[w->p[i].ent + 2]++;
    for (size_t k = 2; k < r->ne + 2; k++)
        r->start[k] += r->start[k - 1];
    for (size_t i = 0; i < w->np; i++)
        if (w->p[i].ent >= 0)
            r->order[r->start[w->p[i].ent + 1]++] = i;
    return CX_OK;
}

int cx_ent_resolve(S_work *w, cx_entity_vec *out)
{
    S_res r;
    memset(&r, 0, sizeof r);
    r.w = w;
    int rc = CX_OK;
    for (size_t i = 0; i < w->np; i++)
        w->p[i].ent = -1;
    if (S_maps_init(&r, w))
        rc = CX_ERR_NOMEM;
    if (rc == CX_OK)
        rc = S_pass_multi(&r);
    if (rc == CX_OK)
        rc = S_pass_single(&r);
    if (rc == CX_OK)
        rc = S_group(&r);
    /* entities in order of first mention */
    for (size_t i = 0; rc == CX_OK && i < w->np; i++) {
        S_piece *p = &w->p[i];
        if (p->ent < 0 || r.e[p->ent].first_piece == (size_t)-1)
            continue;
        long ent = p->ent;
        if (cx_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v)) {
            rc = CX_ERR_NOMEM;
            break;
        }
        cx_entity *x = &out->v[out->n++];
        rc = S_emit(&r, ent, x);
        r.e[ent].first_piece = (size_t)-1;
    }
    free(r.start);
    free(r.order);
    free(r.name.k); /* all five maps */
    free(r.e);
    return rc;
}
