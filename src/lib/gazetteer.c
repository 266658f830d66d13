/* gazetteer: a hash trie over tokens (see gazetteer_int.h). */
#include "gazetteer_int.h"
#include "rules_int.h"
#include "util_int.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define S_NONE 0xFFFFFFFFu
#define S_KIDS 0x80000000u
#define S_MAXTOK 16
#define S_ROOT 0x9E3779B97F4A7C15ULL

typedef struct {
    uint32_t next;  /* next entry of the same node, or S_NONE */
    uint32_t cats;
    uint32_t surf;  /* offset in pool: tokens joined by ' ', NUL-ended */
    uint32_t canon; /* offset in pool, or S_NONE */
    uint64_t shapes; /* CX_SH_* of token t at bits 3t..3t+2; S_USER */
} S_entry; /* 24 bytes: a default list has a few hundred thousand */

#define S_USER (1ULL << 63) /* in shapes: an entry of a user list */
#define S_IS_USER(x) (((x)->shapes & S_USER) != 0)

/* One slot of the table; key and value side by side, so that a probe
 * touches one cache line. */
typedef struct {
    uint64_t key; /* 0: empty */
    uint32_t val; /* S_KIDS | (first entry + 1), 0 if none */
    uint32_t sum; /* S_SUM | shape << 26 | categories: a one-word node whose
                     entries share one shape, no canonical name and no user
                     list, so a lookup need not read them */
} S_slot;

#define S_SUM 0x80000000u
#define S_CATMASK 0x03FFFFFFu

typedef struct {
    S_slot *tab;
    size_t cap, used;
} S_table;

/* Two tables: every entry is in big; entries whose first word is not
 * capitalized (spokesman, in, de) are also in low, less the plain English
 * words, so that the three lower-case tokens of four in running text are
 * looked up in a table that stays in the cache. */
struct cx_gaz {
    S_table big, low;
    size_t nbig;
    S_entry *ents;
    size_t nents, cap_ents;
    char *pool;
    size_t npool, cap_pool;
};

static const struct {
    const char *name;
    uint32_t bit;
} S_cats[] = {
    {"LOC.country", CX_G_LOC_COUNTRY}, {"LOC.city", CX_G_LOC_CITY},
    {"LOC.region", CX_G_LOC_REGION}, {"LOC", CX_G_LOC}, {"LOCATION", CX_G_LOC},
    {"PER.first", CX_G_PER_FIRST}, {"PER.last", CX_G_PER_LAST}, {"PER", CX_G_PER},
    {"PERSON", CX_G_PER}, {"ORG.company", CX_G_ORG_COMPANY},
    {"ORG.airline", CX_G_ORG_AIRLINE}, {"ORG", CX_G_ORG}, {"ORGANIZATION", CX_G_ORG},
    {"DEMONYM", CX_G_DEMONYM}, {"COMMON", CX_G_COMMON}, {"PROPER", CX_G_PROPER},
    {"PER.title", CX_G_TITLE}, {"PER.particle", CX_G_PARTICLE},
    {"PER.suffix", CX_G_NAME_SUFFIX}, {"ORG.suffix", CX_G_ORG_SUFFIX},
    {"ORG.head", CX_G_ORG_HEAD}, {"LOC.head", CX_G_LOC_HEAD},
    {"MISC.head", CX_G_MISC_HEAD}, {"LOC.prep", CX_G_LOC_PREP}, {"FUNC", CX_G_FUNC},
    {"SPORT", CX_G_SPORT}, {"MISC", CX_G_MISC}, {"ORG.prefix", CX_G_ORG_PREFIX},
    {"ORG.role", CX_G_ROLE_AFTER}};

uint32_t cx_gaz_category(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof S_cats / sizeof S_cats[0]; i++)
        if (strlen(S_cats[i].name) == len && memcmp(S_cats[i].name, name, len) == 0)
            return S_cats[i].bit;
    return 0;
}

/* ---- code points ------------------------------------------------------ */

static uint32_t S_next(const char *s, size_t len, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80 || *i + 1 >= len) {
        (*i)++;
        return c;
    }
    return cx_utf8_next(s, len, i);
}

/* Folds case the way the segmenter sees letters: ASCII, Latin-1 and
 * Latin Extended-A; typographic apostrophes become ASCII. */
static uint32_t S_fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c < 0x80)
        return c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c >= 0x100 && c <= 0x17F && !(c & 1))
        return c + 1;
    if (c == 0x2019 || c == 0x2018 || c == 0x2BC)
        return '\'';
    return c;
}

static int S_is_upper(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
           (c >= 0x100 && c <= 0x17F && !(c & 1));
}

uint8_t cx_gaz_shape(const char *s, size_t len)
{
    int first = 0, rest_up = 0, rest_lo = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        uint32_t c = b < 0x80 ? (i++, b) : S_next(s, len, &i);
        int up = S_is_upper(c);
        int lo = !up && ((c >= 'a' && c <= 'z') || (c >= 0xDF && S_fold(c) == c &&
                                                      c != 0xF7 && c < 0x2000));
        if (!up && !lo)
            continue;
        if (!first)
            first = up ? 2 : 1;
        else if (up)
            rest_up = 1;
        else
            rest_lo = 1;
    }
    if (!first)
        return CX_SH_NONE;
    if (first == 1)
        return rest_up ? CX_SH_MIXED : CX_SH_LOWER;
    if (!rest_up)
        return CX_SH_CAP;
    return rest_lo ? CX_SH_MIXED : CX_SH_UPPER;
}

static uint64_t S_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

uint64_t cx_gaz_key(const char *s, size_t len)
{
    while (len > 1 && s[len - 1] == '.')
        len--;
    uint64_t h = CX_FNV_INIT;
    size_t i = 0;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        uint32_t c = b < 0x80 ? (i++, b) : S_next(s, len, &i);
        c = S_fold(c);
        h = (h ^ c) * 0x100000001b3ULL;
    }
    h = S_mix(h);
    return h ? h : 1;
}

void cx_gaz_tok_init(cx_gaz_tok *t, const char *s, size_t len, uint32_t flags)
{
    t->s = s;
    t->len = (uint32_t)len;
    t->flags = flags;
    /* one pass for ASCII words (most of them); others take the long way */
    size_t n = len;
    while (n > 1 && s[n - 1] == '.')
        n--;
    uint64_t h = CX_FNV_INIT;
    int first = 0, rest_up = 0, rest_lo = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            t->key = cx_gaz_key(s, len);
            t->shape = cx_gaz_shape(s, len);
            return;
        }
        int up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
        if (up || lo) {
            if (!first)
                first = up ? 2 : 1;
            else if (up)
                rest_up = 1;
            else
                rest_lo = 1;
        }
        if (i < n)
            h = (h ^ (unsigned)(up ? c + 32 : c)) * 0x100000001b3ULL;
    }
    h = S_mix(h);
    t->key = h ? h : 1;
    if (!first)
        t->shape = CX_SH_NONE;
    else if (first == 1)
        t->shape = rest_up ? CX_SH_MIXED : CX_SH_LOWER;
    else if (!rest_up)
        t->shape = CX_SH_CAP;
    else
        t->shape = rest_lo ? CX_SH_MIXED : CX_SH_UPPER;
}

static uint64_t S_step(uint64_t h, uint64_t key)
{
    uint64_t x = S_mix(h ^ (key * 0x9E3779B97F4A7C15ULL));
    return x ? x : 1;
}

/* ---- the table -------------------------------------------------------- */

/* Asks for huge pages over the whole 2 MiB pages inside p[0, bytes):
 * the entries and the pool are filled front to back at load time, and
 * with 4 KiB pages their page faults were a fifth of start-up. */
static void S_advise_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1), e = ((uintptr_t)p + bytes) & ~(huge - 1);
    if (e > a)
        madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
    (void)p, (void)bytes;
#endif
}

/* A zeroed table. A big one asks for huge pages: every lookup lands on
 * a random slot, and with 4 KiB pages most of them would also miss the
 * TLB. calloc takes a big block from mmap, zeroed by the kernel, where
 * memset would write all of it once more. */
static S_slot *S_table_alloc(size_t cap)
{
    S_slot *p = calloc(cap, sizeof(S_slot));
    if (p && cap * sizeof(S_slot) >= ((size_t)4 << 20))
        S_advise_huge(p, cap * sizeof(S_slot));
    return p;
}

cx_gaz *cx_gaz_new(void)
{
    cx_gaz *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->big.cap = g->low.cap = 1 << 12;
    g->big.tab = S_table_alloc(g->big.cap);
    g->low.tab = S_table_alloc(g->low.cap);
    if (!g->big.tab || !g->low.tab) {
        cx_gaz_free(g);
        return NULL;
    }
    return g;
}

void cx_gaz_free(cx_gaz *g)
{
    if (!g)
        return;
    free(g->big.tab);
    free(g->low.tab);
    free(g->ents);
    free(g->pool);
    free(g);
}

size_t cx_gaz_size(const cx_gaz *g) { return g->nbig; }

static size_t S_find(const S_slot *tab, size_t cap, uint64_t k)
{
    size_t m = cap - 1, i = (size_t)k & m;
    while (tab[i].key && tab[i].key != k)
        i = (i + 1) & m;
    return i;
}

static int S_resize(S_table *T, size_t ncap)
{
    S_slot *nt = S_table_alloc(ncap);
    if (!nt)
        return CX_ERR_NOMEM;
    for (size_t i = 0; i < T->cap; i++)
        if (T->tab[i].key)
            nt[S_find(nt, ncap, T->tab[i].key)] = T->tab[i];
    free(T->tab);
    T->tab = nt;
    T->cap = ncap;
    return CX_OK;
}

static int S_reserve_pool(cx_gaz *g, size_t len)
{
    size_t cp = g->cap_pool, ce = g->cap_ents;
    if (cx_grow((void **)&g->pool, &g->cap_pool, g->npool + len + 1, 1) ||
        cx_grow((void **)&g->ents, &g->cap_ents, g->nents + len / 8 + 1, sizeof *g->ents))
        return CX_ERR_NOMEM;
    if (g->cap_pool != cp)
        S_advise_huge(g->pool, g->cap_pool);
    if (g->cap_ents != ce)
        S_advise_huge(g->ents, g->cap_ents * sizeof *g->ents);
    return CX_OK;
}

int cx_gaz_reserve_bytes(cx_gaz *g, size_t len)
{
    int rc = cx_gaz_reserve(g, len / 12);
    return rc ? rc : S_reserve_pool(g, len);
}

int cx_gaz_reserve(cx_gaz *g, size_t nodes)
{
    size_t cap = g->big.cap;
    while ((g->big.used + nodes) * 10 > cap * 7)
        cap *= 2;
    return cap == g->big.cap ? CX_OK : S_resize(&g->big, cap);
}

/* The slot of node k, created when missing. */
static int S_node(S_table *T, uint64_t k, size_t *slot)
{
    if ((T->used + 1) * 10 > T->cap * 7 && S_resize(T, T->cap * 2))
        return CX_ERR_NOMEM;
    size_t i = S_find(T->tab, T->cap, k);
    if (!T->tab[i].key) {
        T->tab[i].key = k;
        T->tab[i].val = 0;
        T->tab[i].sum = 0;
        T->used++;
    }
    *slot = i;
    return CX_OK;
}

/* Is a word looked up in the low table: no capital first letter? */
static int S_low_initial(const char *s, size_t len, uint8_t shape)
{
    if (shape == CX_SH_LOWER || shape == CX_SH_NONE)
        return 1;
    return shape == CX_SH_MIXED && len && s[0] >= 'a' && s[0] <= 'z';
}

static inline uint32_t S_pool_put(cx_gaz *g, const char *s, size_t n)
{
    if (g->npool + n + 1 > UINT32_MAX - 1 || (g->npool + n + 1 > g->cap_pool &&
        cx_grow((void **)&g->pool, &g->cap_pool, g->npool + n + 1, 1)))
        return S_NONE;
    uint32_t off = (uint32_t)g->npool;
    memcpy(g->pool + g->npool, s, n);
    g->pool[g->npool + n] = '\0';
    g->npool += n + 1;
    return off;
}

/* ---- entry tokens ----------------------------------------------------- */

static int S_is_punct_cp(uint32_t c)
{
    if (c < 0x80)
        return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    return (c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F);
}

static int S_is_apos_cp(uint32_t c) { return c == '\'' || c == 0x2019; }

/* Splits an entry into tokens as the segmenter would: words keep inner
 * apostrophes and periods, a hyphen and a possessive 's are tokens of
 * their own, other punctuation is one token a character. Writes token
 * [start, end) pairs; returns their number (at most S_MAXTOK, 0 if more). */
static size_t S_entry_tokens(const char *s, size_t len, size_t *tb, size_t *te)
{
    size_t n = 0, i = 0;
    while (i < len) {
        size_t j = i;
        uint32_t c = S_next(s, len, &j);
        if (c == ' ' || c == '\t') {
            i = j;
            continue;
        }
        if (n == S_MAXTOK)
            return 0;
        size_t start = i;
        if (S_is_punct_cp(c)) {
            /* a possessive 's after a word */
            if (S_is_apos_cp(c) && n > 0 && te[n - 1] == i && j < len &&
                (s[j] == 's' || s[j] == 'S') && (j + 1 == len || s[j + 1] == ' ')) {
                j++;
            }
            tb[n] = start;
            te[n++] = j;
            i = j;
            continue;
        }
        i = j;
        while (i < len) {
            size_t k = i;
            uint32_t d = S_next(s, len, &k);
            if (!S_is_punct_cp(d)) {
                i = k;
                continue;
            }
            if ((S_is_apos_cp(d) || d == '.') && k < len) {
                size_t k2 = k;
                uint32_t e = S_next(s, len, &k2);
                int poss = S_is_apos_cp(d) && (e == 's' || e == 'S') &&
                           (k2 == len || s[k2] == ' ');
                if (!S_is_punct_cp(e) && !poss) {
                    i = k;
                    continue;
                }
            }
            if (d == '.') /* a final period belongs to an abbreviation */
                i = k;
            break;
        }
        tb[n] = start;
        te[n++] = i;
    }
    return n;
}

/* An entry split into tokens, with the hash of each path prefix. */
typedef struct {
    const char *s; /* the entry text it was made from */
    size_t len;
    size_t n;
    size_t tb[S_MAXTOK], te[S_MAXTOK];
    uint64_t h[S_MAXTOK];
    uint8_t sh[S_MAXTOK]; /* case shapes */
} S_prep;

/* Most entries are one word of ASCII letters and digits. S_word gives a
 * byte's kind (1 upper, 2 lower, 4 digit; 0 for anything else) in bits
 * 8-10 and its lower case below. */
#define S_W(c) ((c) >= 'A' && (c) <= 'Z' ? 0x100 | ((c) + 32) \
                : (c) >= 'a' && (c) <= 'z' ? 0x200 | (c) \
                : (c) >= '0' && (c) <= '9' ? 0x400 | (c) : 0)
#define S_W4(c) S_W(c), S_W(c + 1), S_W(c + 2), S_W(c + 3)
#define S_W16(c) S_W4(c), S_W4(c + 4), S_W4(c + 8), S_W4(c + 12)
static const uint16_t S_word[256] = {
    S_W16(0), S_W16(16), S_W16(32), S_W16(48), S_W16(64), S_W16(80), S_W16(96),
    S_W16(112)}; /* bytes from 0x80 are 0 */

/* Hashes e[0, len) up to its first character that is no ASCII letter or
 * digit and returns where that is; *hash gets the folded FNV-1a hash of
 * the part read, *shape its case shape. A word that opens with a digit
 * takes the slow way (its first letter decides the shape). */
static size_t S_scan_word(const char *e, size_t len, uint64_t *hash, uint8_t *shape)
{
    unsigned v = len ? S_word[(unsigned char)e[0]] : 0, rest = 0;
    if (!(v & 0x300)) {
        if (v) { /* a digit first */
            size_t i = 0;
            while (i < len && S_word[(unsigned char)e[i]])
                i++;
            *hash = CX_FNV_INIT;
            for (size_t j = 0; j < i; j++)
                *hash = (*hash ^ (S_word[(unsigned char)e[j]] & 0xFF)) * 0x100000001b3ULL;
            *shape = cx_gaz_shape(e, i);
            return i;
        }
        *hash = CX_FNV_INIT;
        *shape = CX_SH_NONE;
        return 0;
    }
    unsigned first = v >> 8;
    uint64_t h = (CX_FNV_INIT ^ (v & 0xFF)) * 0x100000001b3ULL;
    size_t i = 1;
    for (; i < len; i++) {
        unsigned w = S_word[(unsigned char)e[i]];
        if (!w)
            break;
        rest |= w;
        h = (h ^ (w & 0xFF)) * 0x100000001b3ULL;
    }
    rest >>= 8;
    *hash = h;
    *shape = first == 2 ? ((rest & 1) ? CX_SH_MIXED : CX_SH_LOWER)
             : !(rest & 1) ? CX_SH_CAP
             : (rest & 2) ? CX_SH_MIXED
                          : CX_SH_UPPER;
    return i;
}

/* p for the one-word entry e[0, len) whose word hashed to h. */
static void S_prep_word(S_prep *p, const char *e, size_t len, uint64_t h)
{
    h = S_mix(h);
    p->s = e;
    p->len = len;
    p->n = 1;
    p->tb[0] = 0;
    p->te[0] = len;
    p->h[0] = S_step(S_ROOT, h ? h : 1);
}

static int S_prepare_simple(const char *e, size_t len, S_prep *p)
{
    uint64_t h;
    if (S_scan_word(e, len, &h, &p->sh[0]) != len)
        return 0;
    S_prep_word(p, e, len, h);
    return 1;
}

/* Entries of a few ASCII words with one space between them (New York)
 * are split and hashed in one pass too; 0 when e is not such an entry. */
static int S_prepare_words(const char *e, size_t len, S_prep *p)
{
    uint64_t h = S_ROOT;
    size_t i = 0, n = 0;
    for (;;) {
        uint64_t wh;
        size_t w = S_scan_word(e + i, len - i, &wh, &p->sh[n]);
        if (!w || n == S_MAXTOK)
            return 0;
        wh = S_mix(wh);
        p->tb[n] = i;
        p->te[n] = i + w;
        p->h[n++] = h = S_step(h, wh ? wh : 1);
        i += w;
        if (i == len)
            break;
        if (e[i] != ' ' || ++i == len)
            return 0;
    }
    p->n = n;
    return 1;
}

static void S_prepare(const char *entry, size_t len, S_prep *p)
{
    p->s = entry;
    p->len = len;
    if (len && (S_prepare_simple(entry, len, p) || S_prepare_words(entry, len, p)))
        return;
    p->n = S_entry_tokens(entry, len, p->tb, p->te);
    uint64_t h = S_ROOT;
    for (size_t t = 0; t < p->n; t++) {
        p->h[t] = h = S_step(h, cx_gaz_key(entry + p->tb[t], p->te[t] - p->tb[t]));
        p->sh[t] = cx_gaz_shape(entry + p->tb[t], p->te[t] - p->tb[t]);
    }
}

/* The entry's tokens joined by single spaces, as stored and compared:
 * the entry itself when it is one token, else written to buf. NULL when
 * it does not fit. */
static const char *S_surface(const S_prep *p, char *buf, size_t cap, size_t *len)
{
    if (p->n == 1) {
        *len = p->te[0] - p->tb[0];
        return *len + 2 > cap ? NULL : p->s + p->tb[0];
    }
    size_t sn = 0;
    for (size_t t = 0; t < p->n; t++) {
        size_t tl = p->te[t] - p->tb[t];
        if (sn + tl + 2 > cap)
            return NULL;
        if (t)
            buf[sn++] = ' ';
        memcpy(buf + sn, p->s + p->tb[t], tl);
        sn += tl;
    }
    buf[sn] = '\0';
    *len = sn;
    return buf;
}

static int S_add(cx_gaz *g, S_table *T, const S_prep *p, const char *canon,
                 size_t canon_len, uint32_t cats, int user)
{
    if (p->n == 0)
        return CX_ERR_DATA;
    size_t slot = 0;
    for (size_t t = 0; t < p->n; t++) {
        if (t > 0)
            T->tab[slot].val |= S_KIDS;
        if (S_node(T, p->h[t], &slot))
            return CX_ERR_NOMEM;
    }
    char buf[1024];
    size_t sn;
    const char *surf = S_surface(p, buf, sizeof buf, &sn);
    if (!surf)
        return CX_ERR_DATA;
    /* the same surface again: merge categories */
    uint32_t v = T->tab[slot].val & ~S_KIDS;
    for (uint32_t e = v ? v - 1 : S_NONE; e != S_NONE; e = g->ents[e].next) {
        S_entry *x = &g->ents[e];
        if (S_IS_USER(x) == (user != 0) && strncmp(g->pool + x->surf, surf, sn) == 0 &&
            g->pool[x->surf + sn] == '\0' &&
            (x->canon == S_NONE) == (canon == NULL) &&
            (!canon || (strlen(g->pool + x->canon) == canon_len &&
                        memcmp(g->pool + x->canon, canon, canon_len) == 0))) {
            x->cats |= cats;
            if (T->tab[slot].sum & S_SUM)
                T->tab[slot].sum |= cats & S_CATMASK;
            return CX_OK;
        }
    }
    if (g->nents >= 0x7FFFFFF0u || (g->nents == g->cap_ents &&
        cx_grow((void **)&g->ents, &g->cap_ents, g->nents + 1, sizeof *g->ents)))
        return CX_ERR_NOMEM;
    uint32_t so = S_pool_put(g, surf, sn);
    uint32_t co = canon ? S_pool_put(g, canon, canon_len) : S_NONE;
    if (so == S_NONE || (canon && co == S_NONE))
        return CX_ERR_NOMEM;
    S_entry *x = &g->ents[g->nents];
    x->shapes = user ? S_USER : 0;
    for (size_t t = 0; t < p->n; t++)
        x->shapes |= (uint64_t)p->sh[t] << (3 * t);
    uint32_t sh = (uint32_t)x->shapes & 7;
    int summable = p->n == 1 && !user && !canon && sh != CX_SH_MIXED && !(cats & ~S_CATMASK);
    S_slot *sl = &T->tab[slot];
    if (!v)
        sl->sum = summable ? S_SUM | sh << 26 | cats : 0;
    else if ((sl->sum & S_SUM) && summable && ((sl->sum >> 26) & 7) == sh)
        sl->sum |= cats;
    else
        sl->sum = 0;
    x->next = v ? v - 1 : S_NONE;
    x->cats = cats;
    x->surf = so;
    x->canon = co;
    T->tab[slot].val = (T->tab[slot].val & S_KIDS) | (uint32_t)(g->nents + 1);
    g->nents++;
    g->nbig += T == &g->big;
    return CX_OK;
}

static int S_add_entry(cx_gaz *g, const S_prep *p, const char *canon, size_t canon_len,
                       uint32_t cats, int user)
{
    int rc = S_add(g, &g->big, p, canon, canon_len, cats, user);
    if (rc == CX_OK && p->n && (cats & ~CX_G_COMMON) &&
        S_low_initial(p->s + p->tb[0], p->te[0] - p->tb[0], p->sh[0]))
        rc = S_add(g, &g->low, p, canon, canon_len, cats & ~CX_G_COMMON, user);
    return rc;
}

int cx_gaz_add(cx_gaz *g, const char *entry, size_t len, const char *canon,
               size_t canon_len, uint32_t cats, int user)
{
    S_prep p;
    S_prepare(entry, len, &p);
    return S_add_entry(g, &p, canon, canon_len, cats, user);
}

/* ---- list files ------------------------------------------------------- */

static int S_valid_utf8(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!k || i + k > n || (k == 2 && c < 0xC2))
            return 0;
        for (size_t j = 1; j < k; j++)
            if (((unsigned char)s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

/* Is the whole file UTF-8 without a NUL byte? Lists are mostly ASCII:
 * eight bytes a step while they are, the exact check on the others. */
static int S_clean_file(const char *s, size_t n)
{
    const uint64_t hi = 0x8080808080808080ULL, lo = 0x0101010101010101ULL;
    size_t i = 0;
    while (i < n) {
        uint64_t v;
        if (i + 8 <= n && (memcpy(&v, s + i, 8), !(v & hi) && !((v - lo) & ~v & hi))) {
            i += 8;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (c == 0 || !k || i + k > n || !S_valid_utf8(s + i, k))
            return 0;
        i += k;
    }
    return 1;
}

static size_t S_trim(const char *s, size_t n, size_t *start)
{
    size_t a = 0;
    while (a < n && (s[a] == ' ' || s[a] == '\r'))
        a++;
    while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        n--;
    *start = a;
    return n - a;
}

/* "# category: NAME" → its bit, 0 if the line is no such header, or
 * S_NONE when the name is unknown. */
static uint32_t S_header(const char *s, size_t n)
{
    static const char tag[] = "category:";
    size_t i = 1;
    while (i < n && s[i] == ' ')
        i++;
    if (n - i < sizeof tag - 1 || memcmp(s + i, tag, sizeof tag - 1) != 0)
        return 0;
    i += sizeof tag - 1;
    size_t a, m = S_trim(s + i, n - i, &a);
    uint32_t c = cx_gaz_category(s + i + a, m);
    return c ? c : S_NONE;
}

/* One line of a list file, split once: the loader reads lines a few
 * ahead of adding them (see S_load_lines). */
typedef struct {
    const char *s;   /* the line, without its '\n' */
    size_t n;
    size_t lead;     /* spaces before its first character (n: blank) */
    const char *tab; /* its first TAB, or NULL */
    size_t fn;       /* the first field's length, trimmed (from lead) */
    S_prep p;        /* that field prepared, when fn > 0 and no comment */
} S_line;

/* Splits the line at buf[i] into l, prepares its entry and starts
 * loading the table slots it will use: a table of a million nodes does
 * not fit in a cache, and loading is bound by these reads. Returns the
 * start of the next line. */
static size_t S_scan_line(const cx_gaz *g, const char *buf, size_t len, size_t i, S_line *l)
{
    /* most lines are one ASCII word and a '\n': one pass over them finds
     * the end of the line and hashes the word */
    uint64_t wh;
    size_t w = S_scan_word(buf + i, len - i, &wh, &l->p.sh[0]), e = i + w;
    if (w && (e == len || buf[e] == '\n')) {
        l->s = buf + i;
        l->n = l->fn = w;
        l->lead = 0;
        l->tab = NULL;
        S_prep_word(&l->p, l->s, w, wh);
        __builtin_prefetch(&g->big.tab[(size_t)l->p.h[0] & (g->big.cap - 1)], 1);
        return e < len ? e + 1 : len;
    }
    while (e < len && buf[e] != '\n' && buf[e] != '\t')
        e++;
    l->tab = e < len && buf[e] == '\t' ? buf + e : NULL;
    if (l->tab) {
        const char *nl = memchr(buf + e, '\n', len - e);
        e = nl ? (size_t)(nl - buf) : len;
    }
    l->s = buf + i;
    l->n = e - i;
    size_t a = 0, f = l->tab ? (size_t)(l->tab - l->s) : l->n;
    while (a < f && (l->s[a] == ' ' || l->s[a] == '\r'))
        a++;
    while (f > a && (l->s[f - 1] == ' ' || l->s[f - 1] == '\r'))
        f--;
    l->lead = a == f && !l->tab ? l->n : a;
    l->fn = f - a;
    l->p.n = 0;
    if (l->fn && l->s[a] != '#') {
        S_prepare(l->s + a, l->fn, &l->p);
        for (size_t t = 0; t < l->p.n; t++)
            __builtin_prefetch(&g->big.tab[(size_t)l->p.h[t] & (g->big.cap - 1)], 1);
    }
    return e < len ? e + 1 : len;
}

/* The canonical name and category fields after the entry's TAB.
 * CX_OK or CX_ERR_DATA (err set). */
static int S_fields(const S_line *l, const char **canon, size_t *canon_len,
                    uint32_t *cat, const char *path, long line, cx_error *err)
{
    const char *f = l->tab + 1, *end = l->s + l->n;
    const char *tab2 = memchr(f, '\t', (size_t)(end - f));
    size_t a, m = S_trim(f, (size_t)((tab2 ? tab2 : end) - f), &a);
    *canon = m ? f + a : NULL;
    *canon_len = m;
    if (!tab2)
        return CX_OK;
    f = tab2 + 1;
    if (memchr(f, '\t', (size_t)(end - f))) {
        cx_error_set(err, CX_ERR_DATA, path, line, "more than three TAB fields");
        return CX_ERR_DATA;
    }
    m = S_trim(f, (size_t)(end - f), &a);
    if (m && !(*cat = cx_gaz_category(f + a, m))) {
        cx_error_set(err, CX_ERR_DATA, path, line, "unknown category '%.*s'",
                     (int)(m > 60 ? 60 : m), f + a);
        return CX_ERR_DATA;
    }
    return CX_OK;
}

static int S_load_line(cx_gaz *g, const S_line *l, uint32_t cat, int user,
                       const char *path, long line, cx_error *err)
{
    const char *canon = NULL;
    size_t canon_len = 0;
    if (l->tab && S_fields(l, &canon, &canon_len, &cat, path, line, err))
        return CX_ERR_DATA;
    if (!cat) {
        cx_error_set(err, CX_ERR_DATA, path, line,
                     "entry without a category (no '# category:' header above it)");
        return CX_ERR_DATA;
    }
    if (l->fn == 0) {
        cx_error_set(err, CX_ERR_DATA, path, line, "empty entry");
        return CX_ERR_DATA;
    }
    int rc = S_add_entry(g, &l->p, canon, canon_len, cat, user);
    if (rc == CX_ERR_DATA)
        cx_error_set(err, rc, path, line, "entry has no word, or more than %d tokens",
                     S_MAXTOK);
    else if (rc)
        cx_error_set(err, rc, path, line, "out of memory");
    return rc;
}

/* A comment, a "# category:" header (into *cat) or an entry. */
static int S_take_line(cx_gaz *g, const S_line *l, uint32_t *cat, int user, int bad,
                       const char *path, long line, cx_error *err)
{
    if (bad && (memchr(l->s, '\0', l->n) || !S_valid_utf8(l->s, l->n))) {
        cx_error_set(err, CX_ERR_DATA, path, line, "invalid UTF-8 or a NUL byte");
        return CX_ERR_DATA;
    }
    if (l->lead == l->n)
        return CX_OK;
    if (l->s[l->lead] != '#')
        return S_load_line(g, l, *cat, user, path, line, err);
    size_t st, m = S_trim(l->s, l->n, &st);
    uint32_t h = S_header(l->s + st, m);
    if (h == S_NONE) {
        cx_error_set(err, CX_ERR_DATA, path, line, "unknown category in header");
        return CX_ERR_DATA;
    }
    if (h)
        *cat = h;
    return CX_OK;
}

/* Adds the lines of buf[i, len). Lines are scanned S_AHEAD lines before
 * they are added, so that the table's memory reads overlap; halfway,
 * the slot is in the cache and the entry it points to is fetched. */
static int S_load_lines(cx_gaz *g, const char *buf, size_t len, size_t i, int user,
                        int bad, const char *path, cx_error *err)
{
    enum { S_AHEAD = 16, S_RING = 32 };
    S_line *ring = malloc(S_RING * sizeof *ring);
    if (!ring) {
        cx_error_set(err, CX_ERR_NOMEM, path, 0, "out of memory");
        return CX_ERR_NOMEM;
    }
    size_t nscan = 0;
    for (; nscan < S_AHEAD && i < len; nscan++)
        i = S_scan_line(g, buf, len, i, &ring[nscan % S_RING]);
    uint32_t cat = 0;
    int rc = CX_OK;
    for (size_t k = 0; rc == CX_OK && k < nscan; k++) {
        const S_line *mid = &ring[(k + S_AHEAD / 2) % S_RING];
        if (k + S_AHEAD / 2 < nscan && mid->p.n) {
            const S_slot *sl = &g->big.tab[S_find(g->big.tab, g->big.cap, mid->p.h[mid->p.n - 1])];
            if (sl->key && (sl->val & ~S_KIDS))
                __builtin_prefetch(&g->ents[(sl->val & ~S_KIDS) - 1]);
        }
        if (i < len) {
            i = S_scan_line(g, buf, len, i, &ring[nscan % S_RING]);
            nscan++;
        }
        rc = S_take_line(g, &ring[k % S_RING], &cat, user, bad, path, (long)k + 1, err);
    }
    free(ring);
    return rc;
}

int cx_gaz_load_file(cx_gaz *g, const char *path, int user, cx_error *err)
{
    char *buf;
    size_t len;
    int rc = cx_read_file(path, &buf, &len);
    if (rc != CX_OK) {
        cx_error_set(err, rc, path, 0, "cannot read gazetteer file: %s",
                     rc == CX_ERR_IO ? strerror(errno) : cx_strerror(rc));
        return rc;
    }
    /* about one node a 12 bytes of list: grow the table once, not often */
    if (cx_gaz_reserve(g, len / 12) != CX_OK || S_reserve_pool(g, len) != CX_OK) {
        free(buf);
        cx_error_set(err, CX_ERR_NOMEM, path, 0, "out of memory");
        return CX_ERR_NOMEM;
    }
    /* check the whole file at once; look line by line only when it fails */
    int bad = !S_clean_file(buf, len);
    size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    rc = S_load_lines(g, buf, len, i, user, bad, path, err);
    free(buf);
    return rc;
}

/* ---- matching --------------------------------------------------------- */

/* Does the text token fit the entry token's capitalization? Text may be
 * capitalized where the entry is lower case at a word start, and all
 * upper case only in headlines (an entry written with capitals fits an
 * all-caps token anywhere: MOSCOW). */
static int S_case_fits(const cx_gaz_tok *t, const char *e, size_t en)
{
    size_t i = 0, j = 0;
    int upper_text = (t->flags & CX_TOK_UPPER) != 0;
    int headline = (t->flags & CX_TOK_HEADLINE) != 0;
    int first = 1, entry_cap = 0;
    while (i < t->len && j < en) {
        uint32_t c = S_next(t->s, t->len, &i);
        uint32_t d = S_next(e, en, &j);
        if (first)
            entry_cap = S_is_upper(d);
        if (c != d) {
            if (S_fold(c) != S_fold(d))
                return 0;
            if (S_is_upper(c) && !S_is_upper(d)) {
                if (!first && !upper_text)
                    return 0;
                if (upper_text && !entry_cap && !headline)
                    return 0;
            } else if (S_is_upper(d) && !S_is_upper(c)) {
                return 0;
            }
        }
        first = 0;
    }
    while (i < t->len && t->s[i] == '.')
        i++;
    while (j < en && e[j] == '.')
        j++;
    return i == t->len && j == en;
}

static int S_entry_fits(const cx_gaz *g, const S_entry *x, const cx_gaz_tok *toks, size_t n)
{
    const char *s = g->pool + x->surf;
    for (size_t t = 0; t < n; t++) {
        const char *sp = strchr(s, ' ');
        size_t en = sp ? (size_t)(sp - s) : strlen(s);
        if (!S_case_fits(&toks[t], s, en))
            return 0;
        if (!sp)
            return t + 1 == n;
        s = sp + 1;
    }
    return 0;
}

/* The same test by the case shapes of the tokens (the hash has matched
 * the letters): no character is read unless a token is of mixed case. */
static int S_shape_fits(const cx_gaz *g, const S_entry *x, const cx_gaz_tok *toks, size_t n)
{
    for (size_t t = 0; t < n; t++) {
        unsigned e = (unsigned)(x->shapes >> (3 * t)) & 7, c = toks[t].shape;
        switch (e) {
        case CX_SH_NONE:
            break;
        case CX_SH_LOWER:
            if (c != CX_SH_LOWER && c != CX_SH_CAP &&
                !(c == CX_SH_UPPER && (toks[t].flags & CX_TOK_HEADLINE)))
                return 0;
            break;
        case CX_SH_CAP:
            if (c != CX_SH_CAP && c != CX_SH_UPPER)
                return 0;
            break;
        case CX_SH_UPPER:
            if (c != CX_SH_UPPER)
                return 0;
            break;
        default:
            if (c == CX_SH_UPPER)
                break;
            if (c != CX_SH_MIXED)
                return 0;
            return S_entry_fits(g, x, toks, n);
        }
    }
    return 1;
}

static void S_hit(const cx_gaz *g, uint32_t head, const cx_gaz_tok *toks, size_t n,
                  cx_gaz_hit *hit)
{
    uint32_t cats = 0, ucats = 0;
    const char *canon = NULL, *ucanon = NULL;
    for (uint32_t e = head; e != S_NONE; e = g->ents[e].next) {
        const S_entry *x = &g->ents[e];
        if (!S_shape_fits(g, x, toks, n))
            continue;
        const char *c = x->canon != S_NONE ? g->pool + x->canon : NULL;
        if (S_IS_USER(x)) {
            ucats |= x->cats;
            if (!ucanon && c)
                ucanon = c;
        } else {
            cats |= x->cats;
            if (!canon && c && (x->cats & CX_G_ANY_NAME))
                canon = c;
        }
    }
    hit->ntok = (uint32_t)n;
    hit->user = ucats != 0;
    hit->cats = ucats ? ucats : cats;
    hit->canon = ucats ? ucanon : canon;
}

void cx_gaz_prefetch(const cx_gaz *g, uint64_t key)
{
    __builtin_prefetch(&g->big.tab[(size_t)S_step(S_ROOT, key) & (g->big.cap - 1)]);
}

size_t cx_gaz_match(const cx_gaz *g, const cx_gaz_tok *toks, size_t n,
                    cx_gaz_hit *hits, size_t max)
{
    if (n == 0)
        return 0;
    const S_table *T = S_low_initial(toks[0].s, toks[0].len, toks[0].shape) ? &g->low : &g->big;
    uint64_t h = S_ROOT;
    size_t nh = 0, m = T->cap - 1;
    if (n > S_MAXTOK)
        n = S_MAXTOK;
    for (size_t t = 0; t < n; t++) {
        h = S_step(h, toks[t].key);
        size_t i = (size_t)h & m;
        while (T->tab[i].key && T->tab[i].key != h)
            i = (i + 1) & m;
        if (!T->tab[i].key)
            break;
        uint32_t v = T->tab[i].val, sum = T->tab[i].sum;
        if ((v & ~S_KIDS) && nh < max) {
            cx_gaz_hit hit;
            if (t == 0 && (sum & S_SUM)) {
                S_entry one;
                one.shapes = (sum >> 26) & 7;
                hit.ntok = 1;
                hit.user = 0;
                hit.canon = NULL;
                hit.cats = S_shape_fits(g, &one, toks, 1) ? sum & S_CATMASK : 0;
            } else {
                S_hit(g, (v & ~S_KIDS) - 1, toks, t + 1, &hit);
            }
            if (hit.cats)
                hits[nh++] = hit;
        }
        if (!(v & S_KIDS))
            break;
    }
    return nh;
}
