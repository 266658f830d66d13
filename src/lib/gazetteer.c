/* gazetteer: a hash trie over tokens (see gazetteer_int.h). */
#include "gazetteer_int.h"
#include "rules_int.h"
#include "util_int.h"
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define S_NONE 0xFFFFFFFFu
#define S_KIDS 0x80000000u
#define S_MAXTOK 16
#define S_MAXSURF 1024 /* bytes of a surface, with its NUL and one more */

typedef struct {
    uint32_t next; /* next entry of the same node, or S_NONE */
    uint32_t cats;
    uint32_t surf;   /* offset in pool: tokens joined by ' ', NUL-ended */
    uint32_t canon;  /* offset in pool, or S_NONE */
    uint64_t shapes; /* CX_SH_* of token t at bits 3t..3t+2; S_USER */
} S_entry;           /* 24 bytes: a default list has a few hundred thousand */

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
    unsigned gen; /* counts resizes: a slot found before one is stale */
} S_table;

#define S_NOSLOT ((size_t)-1)

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
} S_cats[] = {{"LOC.country", CX_G_LOC_COUNTRY},
              {"LOC.city", CX_G_LOC_CITY},
              {"LOC.region", CX_G_LOC_REGION},
              {"LOC", CX_G_LOC},
              {"LOCATION", CX_G_LOC},
              {"PER.first", CX_G_PER_FIRST},
              {"PER.last", CX_G_PER_LAST},
              {"PER", CX_G_PER},
              {"PERSON", CX_G_PER},
              {"ORG.company", CX_G_ORG_COMPANY},
              {"ORG.airline", CX_G_ORG_AIRLINE},
              {"ORG", CX_G_ORG},
              {"ORGANIZATION", CX_G_ORG},
              {"DEMONYM", CX_G_DEMONYM},
              {"COMMON", CX_G_COMMON},
              {"PROPER", CX_G_PROPER},
              {"PER.title", CX_G_TITLE},
              {"PER.particle", CX_G_PARTICLE},
              {"PER.suffix", CX_G_NAME_SUFFIX},
              {"ORG.suffix", CX_G_ORG_SUFFIX},
              {"ORG.head", CX_G_ORG_HEAD},
              {"LOC.head", CX_G_LOC_HEAD},
              {"MISC.head", CX_G_MISC_HEAD},
              {"LOC.prep", CX_G_LOC_PREP},
              {"FUNC", CX_G_FUNC},
              {"SPORT", CX_G_SPORT},
              {"MISC", CX_G_MISC},
              {"ORG.prefix", CX_G_ORG_PREFIX},
              {"ORG.role", CX_G_ROLE_AFTER},
              {"SPORT.team", CX_G_SPORT_TEAM},
              {"SPORT.solo", CX_G_SPORT_SOLO},
              {"LOC.state", CX_G_LOC_STATE}};

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
        int lo = !up && ((c >= 'a' && c <= 'z') ||
                         (c >= 0xDF && S_fold(c) == c && c != 0xF7 && c < 0x2000));
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

/* Keys are hashed eight bytes a step from the case-folded UTF-8 of a
 * token: ASCII tokens (nearly all) are folded and classified a word at a
 * time (S_range), others are folded a code point at a time into the same
 * stream of bytes, so both ways give the same key. */
#define S_ONES 0x0101010101010101ULL
#define S_HIGH 0x8080808080808080ULL
#define S_SEED 0x2545F4914F6CDD1DULL

static inline uint64_t S_le(uint64_t v, int bytes)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v) >> (64 - 8 * bytes);
#else
    (void)bytes;
#endif
    return v;
}

/* s[0, n) (at most eight bytes of it) as a little-endian word, zero
 * above n; reads nothing past s + n. */
static inline uint64_t S_load(const char *s, size_t n)
{
    if (n >= 8) {
        uint64_t v;
        memcpy(&v, s, 8);
        return S_le(v, 8);
    }
    if (n >= 4) { /* two overlapping halves: equal bytes OR to themselves */
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        return S_le(a, 4) | S_le(b, 4) << (8 * (n - 4));
    }
    if (n >= 2) {
        uint16_t a, b;
        memcpy(&a, s, 2);
        memcpy(&b, s + n - 2, 2);
        return S_le(a, 2) | S_le(b, 2) << (8 * (n - 2));
    }
    return n ? (unsigned char)s[0] : 0;
}

/* 0x80 in each byte of v in [lo, hi]; every byte of v must be < 0x80. */
static inline uint64_t S_range(uint64_t v, unsigned lo, unsigned hi)
{
    return (v + S_ONES * (0x80 - lo)) & ~(v + S_ONES * (0x7F - hi)) & S_HIGH;
}

static inline uint64_t S_chunk(uint64_t h, uint64_t c)
{
    h = (h ^ c) * 0x9FB21C651E98DF25ULL;
    return h << 31 | h >> 33;
}

static inline uint64_t S_final(uint64_t h, size_t n)
{
    h = S_mix(h ^ n);
    return h ? h : 1;
}

/* The case shape, from the letters seen: the first one's case, and
 * whether upper and lower case letters follow it. */
typedef struct {
    unsigned first; /* 0 none yet, 1 lower, 2 upper */
    uint64_t up, lo;
} S_shaper;

static inline void S_shape_add(S_shaper *x, uint64_t up, uint64_t lo)
{
    uint64_t any = up | lo;
    if (!x->first && any) {
        uint64_t b = any & (0 - any); /* the first letter (lowest byte) */
        x->first = (up & b) ? 2 : 1;
        up &= ~b;
        lo &= ~b;
    }
    x->up |= up;
    x->lo |= lo;
}

static inline uint8_t S_shape_end(const S_shaper *x)
{
    if (!x->first)
        return CX_SH_NONE;
    if (x->first == 1)
        return x->up ? CX_SH_MIXED : CX_SH_LOWER;
    if (!x->up)
        return CX_SH_CAP;
    return x->lo ? CX_SH_MIXED : CX_SH_UPPER;
}

/* The case shape of a token of one word of bytes, from its letters: as
 * S_shape_add then S_shape_end, without the state between words. */
static inline uint8_t S_shape_one(uint64_t alpha, uint64_t up)
{
    if (!alpha)
        return CX_SH_NONE;
    uint64_t b = alpha & (0 - alpha); /* the first letter */
    if (!(up & b))
        return up ? CX_SH_MIXED : CX_SH_LOWER;
    if (!(up & ~b))
        return CX_SH_CAP;
    return (alpha & ~up) ? CX_SH_MIXED : CX_SH_UPPER;
}

/* Key and shape of an ASCII token s[0, len) in one pass; 0 when it is
 * not ASCII. Nine tokens of ten fit in one word of bytes, and take a
 * path without a loop or the shape's state. */
static inline __attribute__((always_inline)) int S_ascii_key(const char *s, size_t len,
                                                             uint64_t *key, uint8_t *shape)
{
    size_t n = len;
    while (n > 1 && s[n - 1] == '.')
        n--;
    if (n <= 8) {
        uint64_t c = S_load(s, n);
        if (c & S_HIGH)
            return 0;
        uint64_t alpha = S_range(c | S_ONES * 0x20, 'a', 'z'), up = alpha & ~(c << 2);
        *key = S_final(S_chunk(S_SEED, c | up >> 2), n);
        *shape = S_shape_one(alpha, up);
        return 1;
    }
    uint64_t h = S_SEED;
    S_shaper x = {0, 0, 0};
    size_t i = 0;
    do {
        uint64_t c = S_load(s + i, n - i);
        if (c & S_HIGH)
            return 0;
        /* letters: with bit 5 set, A-Z are a-z; upper case has it clear */
        uint64_t alpha = S_range(c | S_ONES * 0x20, 'a', 'z'), up = alpha & ~(c << 2);
        S_shape_add(&x, up, alpha & ~up);
        h = S_chunk(h, c | up >> 2);
        i += 8;
    } while (i < n);
    *key = S_final(h, n);
    *shape = S_shape_end(&x);
    return 1;
}

/* Bytes fed to the hash one at a time (tokens that are not ASCII). */
typedef struct {
    uint64_t h, acc;
    size_t n;
} S_hasher;

static void S_hash_byte(S_hasher *x, unsigned b)
{
    x->acc |= (uint64_t)(b & 0xFF) << (8 * (x->n & 7));
    if ((++x->n & 7) == 0) {
        x->h = S_chunk(x->h, x->acc);
        x->acc = 0;
    }
}

uint64_t cx_gaz_key(const char *s, size_t len)
{
    uint64_t key;
    uint8_t shape;
    if (S_ascii_key(s, len, &key, &shape))
        return key;
    while (len > 1 && s[len - 1] == '.')
        len--;
    S_hasher x = {S_SEED, 0, 0};
    size_t i = 0;
    while (i < len) {
        uint32_t c = S_fold(S_next(s, len, &i));
        if (c < 0x80) {
            S_hash_byte(&x, c);
        } else if (c < 0x800) {
            S_hash_byte(&x, 0xC0 | c >> 6);
            S_hash_byte(&x, 0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            S_hash_byte(&x, 0xE0 | c >> 12);
            S_hash_byte(&x, 0x80 | (c >> 6 & 0x3F));
            S_hash_byte(&x, 0x80 | (c & 0x3F));
        } else {
            S_hash_byte(&x, 0xF0 | c >> 18);
            S_hash_byte(&x, 0x80 | (c >> 12 & 0x3F));
            S_hash_byte(&x, 0x80 | (c >> 6 & 0x3F));
            S_hash_byte(&x, 0x80 | (c & 0x3F));
        }
    }
    if ((x.n & 7) || !x.n)
        x.h = S_chunk(x.h, x.acc);
    return S_final(x.h, x.n);
}

void cx_gaz_tok_init(cx_gaz_tok *t, const char *s, size_t len, uint32_t flags)
{
    t->s = s;
    t->len = (uint32_t)len;
    t->flags = flags;
    if (!S_ascii_key(s, len, &t->key, &t->shape)) {
        t->key = cx_gaz_key(s, len);
        t->shape = cx_gaz_shape(s, len);
    }
}

/* Key and shape of every one-byte ASCII token, made once by
 * S_ascii_key itself: a third of the tokens of news are one byte
 * (punctuation, "a", "I", digits), and the table is a load where the
 * hash was some forty instructions. */
static struct {
    uint64_t key[128];
    uint8_t shape[128];
} S_one;
static pthread_once_t S_one_once = PTHREAD_ONCE_INIT;

static void S_one_init(void)
{
    for (unsigned c = 0; c < 128; c++) {
        char b = (char)c;
        S_ascii_key(&b, 1, &S_one.key[c], &S_one.shape[c]);
    }
}

/* One loop, not a call a token: the call and its saved registers were a
 * sixth of a token's cost. */
void cx_gaz_toks_init(cx_gaz_tok *t, const char *text, const cx_tok *toks, size_t n)
{
    pthread_once(&S_one_once, S_one_init);
    for (size_t i = 0; i < n; i++) {
        const char *s = text + toks[i].start;
        size_t len = toks[i].end - toks[i].start;
        t[i].s = s;
        t[i].len = (uint32_t)len;
        t[i].flags = toks[i].flags;
        if (len == 1 && (unsigned char)s[0] < 0x80) {
            t[i].key = S_one.key[(unsigned char)s[0]];
            t[i].shape = S_one.shape[(unsigned char)s[0]];
            continue;
        }
        if (!S_ascii_key(s, len, &t[i].key, &t[i].shape)) {
            t[i].key = cx_gaz_key(s, len);
            t[i].shape = cx_gaz_shape(s, len);
        }
    }
}

/* The node below node h by a token of this key; a first token's node
 * is its key. */
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
    uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1),
              e = ((uintptr_t)p + bytes) & ~(huge - 1);
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
    /* the one-byte table is made here, on the loading thread, before any
     * worker starts: later calls only see it done (helgrind sees the
     * thread start order, not pthread_once's fast path) */
    pthread_once(&S_one_once, S_one_init);
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
    T->gen++;
    return CX_OK;
}

/* Room for need bytes of pool in all (the pool is addressed by 32-bit
 * offsets). */
static int S_pool_room(cx_gaz *g, size_t need)
{
    size_t cp = g->cap_pool;
    if (need > UINT32_MAX - 1 || cx_grow((void **)&g->pool, &g->cap_pool, need, 1))
        return CX_ERR_NOMEM;
    if (g->cap_pool != cp)
        S_advise_huge(g->pool, g->cap_pool);
    return CX_OK;
}

/* Room for pool more bytes of pool and the entries of list files of len
 * bytes (about one a 8 bytes). */
static int S_reserve_pool(cx_gaz *g, size_t pool, size_t len)
{
    size_t ce = g->cap_ents;
    if (S_pool_room(g, g->npool + pool) ||
        cx_grow((void **)&g->ents, &g->cap_ents, g->nents + len / 8 + 1, sizeof *g->ents))
        return CX_ERR_NOMEM;
    if (g->cap_ents != ce)
        S_advise_huge(g->ents, g->cap_ents * sizeof *g->ents);
    return CX_OK;
}

int cx_gaz_reserve_bytes(cx_gaz *g, size_t len)
{
    int rc = cx_gaz_reserve(g, len / 12);
    /* the pool holds the files themselves, plus a little for the
     * surfaces that are spelled otherwise */
    return rc ? rc : S_reserve_pool(g, len + len / 16 + 64, len);
}

int cx_gaz_reserve(cx_gaz *g, size_t nodes)
{
    size_t cap = g->big.cap;
    while ((g->big.used + nodes) * 10 > cap * 7)
        cap *= 2;
    return cap == g->big.cap ? CX_OK : S_resize(&g->big, cap);
}

/* The slot of node k, created when missing. hint is a slot S_find gave
 * for k while T->gen was gen (or S_NOSLOT): the search goes on from
 * there, as the slots it passed are still taken by other keys. */
static int S_node(S_table *T, uint64_t k, size_t *slot, size_t hint, unsigned gen)
{
    if ((T->used + 1) * 10 > T->cap * 7 && S_resize(T, T->cap * 2))
        return CX_ERR_NOMEM;
    size_t m = T->cap - 1, i = hint != S_NOSLOT && gen == T->gen ? hint : (size_t)k & m;
    while (T->tab[i].key && T->tab[i].key != k)
        i = (i + 1) & m;
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
    if (S_pool_room(g, g->npool + n + 1))
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
                int poss =
                    S_is_apos_cp(d) && (e == 's' || e == 'S') && (k2 == len || s[k2] == ' ');
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

/* Most entries are one word of ASCII letters and digits. Hashes e[0, len)
 * up to its first character that is no ASCII letter or digit and returns
 * where that is; *hash gets its key (as cx_gaz_key), *shape its case
 * shape. */
static size_t S_scan_word(const char *e, size_t len, uint64_t *hash, uint8_t *shape)
{
    uint64_t h = S_SEED;
    S_shaper x = {0, 0, 0};
    size_t i = 0;
    for (;;) {
        uint64_t c = S_load(e + i, len - i), c7 = c & ~S_HIGH;
        /* letters: with bit 5 set, A-Z are a-z; upper case has it clear */
        uint64_t alpha = S_range(c7 | S_ONES * 0x20, 'a', 'z') & ~c;
        uint64_t end = ~(alpha | (S_range(c7, '0', '9') & ~c)) & S_HIGH;
        uint64_t keep = end ? ((end & (0 - end)) >> 7) - 1 : ~0ULL;
        alpha &= keep;
        uint64_t up = alpha & ~(c << 2);
        S_shape_add(&x, up, alpha & ~up);
        if (!end) {
            h = S_chunk(h, c | up >> 2);
            i += 8;
            continue;
        }
        /* the word ends in this word of bytes (zeros pad it) */
        unsigned k = (unsigned)__builtin_ctzll(end) >> 3;
        if (k || !i)
            h = S_chunk(h, (c | up >> 2) & keep);
        i += k;
        break;
    }
    *hash = S_final(h, i);
    *shape = S_shape_end(&x);
    return i;
}

/* p for the one-word entry e[0, len) whose key is h. */
static void S_prep_word(S_prep *p, const char *e, size_t len, uint64_t h)
{
    p->s = e;
    p->len = len;
    p->n = 1;
    p->tb[0] = 0;
    p->te[0] = len;
    p->h[0] = h;
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
    uint64_t h = 0;
    size_t i = 0, n = 0;
    for (;;) {
        uint64_t wh;
        size_t w = S_scan_word(e + i, len - i, &wh, &p->sh[n]);
        if (!w || n == S_MAXTOK)
            return 0;
        p->tb[n] = i;
        p->te[n] = i + w;
        p->h[n] = h = n ? S_step(h, wh) : wh;
        n++;
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
    uint64_t h = 0;
    for (size_t t = 0; t < p->n; t++) {
        uint64_t k = cx_gaz_key(entry + p->tb[t], p->te[t] - p->tb[t]);
        p->h[t] = h = t ? S_step(h, k) : k;
        p->sh[t] = cx_gaz_shape(entry + p->tb[t], p->te[t] - p->tb[t]);
    }
}

/* The length of the entry's tokens joined by single spaces, as stored
 * and compared; 0 when there are none or it is too long. */
static size_t S_surface_len(const S_prep *p)
{
    if (p->n == 0)
        return 0;
    size_t sn = p->n - 1;
    for (size_t t = 0; t < p->n; t++)
        sn += p->te[t] - p->tb[t];
    return sn + (p->n == 1 ? 2 : 1) > S_MAXSURF ? 0 : sn;
}

/* Writes the surface (sn bytes, S_surface_len) to buf, NUL-ended. */
static void S_surface(const S_prep *p, char *buf)
{
    size_t sn = 0;
    for (size_t t = 0; t < p->n; t++) {
        size_t tl = p->te[t] - p->tb[t];
        if (t)
            buf[sn++] = ' ';
        memcpy(buf + sn, p->s + p->tb[t], tl);
        sn += tl;
    }
    buf[sn] = '\0';
}

/* Adds an entry to T: h and sh are its node keys and token shapes (n
 * tokens); its surface and canonical name are in the pool at so and co
 * (S_NONE: none), NUL-ended. hint and gen: see S_node (the last node). */
static inline __attribute__((always_inline)) int
S_insert(cx_gaz *g, S_table *T, const uint64_t *h, const uint8_t *sh, size_t n, uint32_t so,
         uint32_t co, uint32_t cats, int user, size_t hint, unsigned gen)
{
    size_t slot = 0;
    for (size_t t = 0; t < n; t++) {
        if (t > 0)
            T->tab[slot].val |= S_KIDS;
        if (S_node(T, h[t], &slot, t + 1 == n ? hint : S_NOSLOT, gen))
            return CX_ERR_NOMEM;
    }
    S_slot *sl = &T->tab[slot];
    uint32_t v = sl->val & ~S_KIDS;
    /* the same surface again: merge categories */
    for (uint32_t e = v ? v - 1 : S_NONE; e != S_NONE; e = g->ents[e].next) {
        S_entry *x = &g->ents[e];
        if (S_IS_USER(x) == (user != 0) && (x->canon == S_NONE) == (co == S_NONE) &&
            strcmp(g->pool + x->surf, g->pool + so) == 0 &&
            (co == S_NONE || strcmp(g->pool + x->canon, g->pool + co) == 0)) {
            x->cats |= cats;
            /* a summary holds only the low categories: past them, none */
            if (sl->sum & S_SUM)
                sl->sum = cats & ~S_CATMASK ? 0 : sl->sum | cats;
            return CX_OK;
        }
    }
    if (g->nents >= 0x7FFFFFF0u ||
        (g->nents == g->cap_ents &&
         cx_grow((void **)&g->ents, &g->cap_ents, g->nents + 1, sizeof *g->ents)))
        return CX_ERR_NOMEM;
    S_entry *x = &g->ents[g->nents];
    uint64_t shapes = user ? S_USER : 0;
    for (size_t t = 0; t < n; t++)
        shapes |= (uint64_t)sh[t] << (3 * t);
    x->shapes = shapes;
    uint32_t s0 = sh[0];
    int summable = n == 1 && !user && co == S_NONE && s0 != CX_SH_MIXED && !(cats & ~S_CATMASK);
    if (!v)
        sl->sum = summable ? S_SUM | s0 << 26 | cats : 0;
    else if ((sl->sum & S_SUM) && summable && ((sl->sum >> 26) & 7) == s0)
        sl->sum |= cats;
    else
        sl->sum = 0;
    x->next = v ? v - 1 : S_NONE;
    x->cats = cats;
    x->surf = so;
    x->canon = co;
    sl->val = (sl->val & S_KIDS) | (uint32_t)(g->nents + 1);
    g->nents++;
    g->nbig += T == &g->big;
    return CX_OK;
}

/* Adds an entry to big, and to low when its first word is not
 * capitalized and it is more than a plain English word. */
static int S_insert_both(cx_gaz *g, const S_prep *p, uint32_t so, uint32_t co, uint32_t cats,
                         int user, int low, size_t hint, unsigned gen)
{
    int rc = S_insert(g, &g->big, p->h, p->sh, p->n, so, co, cats, user, hint, gen);
    if (rc == CX_OK && low)
        rc = S_insert(g, &g->low, p->h, p->sh, p->n, so, co, cats & ~CX_G_COMMON, user,
                      S_NOSLOT, 0);
    return rc;
}

static int S_goes_low(const S_prep *p, uint32_t cats)
{
    return (cats & ~CX_G_COMMON) &&
           S_low_initial(p->s + p->tb[0], p->te[0] - p->tb[0], p->sh[0]);
}

int cx_gaz_add(cx_gaz *g, const char *entry, size_t len, const char *canon, size_t canon_len,
               uint32_t cats, int user)
{
    S_prep p;
    S_prepare(entry, len, &p);
    size_t sn = S_surface_len(&p);
    if (!sn)
        return CX_ERR_DATA;
    char buf[S_MAXSURF];
    S_surface(&p, buf);
    int low = S_goes_low(&p, cats);
    uint32_t so = S_pool_put(g, buf, sn);
    uint32_t co = canon ? S_pool_put(g, canon, canon_len) : S_NONE;
    if (so == S_NONE || (canon && co == S_NONE))
        return CX_ERR_NOMEM;
    return S_insert_both(g, &p, so, co, cats, user, low, S_NOSLOT, 0);
}

/* ---- list files ------------------------------------------------------- */

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
 * ahead of adding them (see S_load_lines). Offsets count from the
 * file's start in the pool, which may move while the file loads. */
typedef struct {
    size_t off, n; /* the line, without its '\n' */
    int word;      /* one ASCII word and nothing else: key and sh */
    uint64_t key;
    uint8_t sh;
    size_t slot;  /* a word's big-table slot, looked up halfway */
    unsigned gen; /* the table's gen then */
    size_t lead;  /* other lines: spaces before the first character (n: blank) */
    size_t tab;   /* the first TAB (from off), or S_NOSLOT */
    size_t fn;    /* the first field's length, trimmed (from lead) */
    S_prep p;     /* that field prepared, when fn > 0 and no comment */
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
    uint8_t sh;
    size_t w = S_scan_word(buf + i, len - i, &wh, &sh), e = i + w;
    l->off = i;
    l->slot = S_NOSLOT;
    if (w && (e == len || buf[e] == '\n')) {
        l->n = w;
        l->word = 1;
        l->key = wh;
        l->sh = sh;
        __builtin_prefetch(&g->big.tab[(size_t)wh & (g->big.cap - 1)], 1);
        return e < len ? e + 1 : len;
    }
    l->word = 0;
    while (e < len && buf[e] != '\n' && buf[e] != '\t')
        e++;
    l->tab = e < len && buf[e] == '\t' ? e - i : S_NOSLOT;
    if (l->tab != S_NOSLOT) {
        const char *nl = memchr(buf + e, '\n', len - e);
        e = nl ? (size_t)(nl - buf) : len;
    }
    const char *s = buf + i;
    l->n = e - i;
    size_t a = 0, f = l->tab != S_NOSLOT ? l->tab : l->n;
    while (a < f && (s[a] == ' ' || s[a] == '\r'))
        a++;
    while (f > a && (s[f - 1] == ' ' || s[f - 1] == '\r'))
        f--;
    l->lead = a == f && l->tab == S_NOSLOT ? l->n : a;
    l->fn = f - a;
    l->p.n = 0;
    if (l->fn && s[a] != '#') {
        S_prepare(s + a, l->fn, &l->p);
        for (size_t t = 0; t < l->p.n; t++)
            __builtin_prefetch(&g->big.tab[(size_t)l->p.h[t] & (g->big.cap - 1)], 1);
    }
    return e < len ? e + 1 : len;
}

/* Halfway between scanning and adding a line, its slot is in the cache:
 * a word's is looked up once for all, and the entries already there are
 * fetched. */
static void S_look_ahead(const cx_gaz *g, S_line *l)
{
    uint64_t k;
    if (l->word)
        k = l->key;
    else if (l->p.n)
        k = l->p.h[l->p.n - 1];
    else
        return;
    size_t i = S_find(g->big.tab, g->big.cap, k);
    const S_slot *sl = &g->big.tab[i];
    if (l->word) {
        l->slot = i;
        l->gen = g->big.gen;
    }
    if (sl->key && (sl->val & ~S_KIDS))
        __builtin_prefetch(&g->ents[(sl->val & ~S_KIDS) - 1]);
}

/* The canonical name and category fields after the entry's TAB (s is
 * the line, n bytes). CX_OK or CX_ERR_DATA (err set). */
static int S_fields(const char *s, size_t n, const char *tab, const char **canon,
                    size_t *canon_len, uint32_t *cat, const char *path, long line,
                    cx_error *err)
{
    const char *f = tab + 1, *end = s + n;
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

static int S_no_category(const char *path, long line, cx_error *err)
{
    cx_error_set(err, CX_ERR_DATA, path, line,
                 "entry without a category (no '# category:' header above it)");
    return CX_ERR_DATA;
}

static int S_entry_error(int rc, const char *path, long line, cx_error *err)
{
    if (rc == CX_ERR_DATA)
        cx_error_set(err, rc, path, line, "entry has no word, or more than %d tokens",
                     S_MAXTOK);
    else if (rc)
        cx_error_set(err, rc, path, line, "out of memory");
    return rc;
}

/* A line that is one ASCII word: its surface is the line itself, ended
 * in place. at: the line's offset in the pool. */
static int S_load_word(cx_gaz *g, const S_line *l, size_t at, uint32_t cat, int user,
                       const char *path, long line, cx_error *err)
{
    if (!cat)
        return S_no_category(path, line, err);
    if (l->n + 2 > S_MAXSURF)
        return S_entry_error(CX_ERR_DATA, path, line, err);
    char *s = g->pool + at;
    s[l->n] = '\0';
    int rc = S_insert(g, &g->big, &l->key, &l->sh, 1, (uint32_t)at, S_NONE, cat, user, l->slot,
                      l->gen);
    if (rc == CX_OK && (cat & ~CX_G_COMMON) && S_low_initial(s, l->n, l->sh))
        rc = S_insert(g, &g->low, &l->key, &l->sh, 1, (uint32_t)at, S_NONE, cat & ~CX_G_COMMON,
                      user, S_NOSLOT, 0);
    return S_entry_error(rc, path, line, err);
}

/* Any other entry line. Its surface and canonical name stay in the
 * line, ended in place, unless the surface is spelled otherwise there
 * (Coca-Cola is stored "Coca - Cola"). */
static int S_load_line(cx_gaz *g, S_line *l, size_t at, uint32_t cat, int user,
                       const char *path, long line, cx_error *err)
{
    char *s = g->pool + at;
    const char *canon = NULL;
    size_t canon_len = 0;
    if (l->tab != S_NOSLOT &&
        S_fields(s, l->n, s + l->tab, &canon, &canon_len, &cat, path, line, err))
        return CX_ERR_DATA;
    if (!cat)
        return S_no_category(path, line, err);
    if (l->fn == 0) {
        cx_error_set(err, CX_ERR_DATA, path, line, "empty entry");
        return CX_ERR_DATA;
    }
    S_prep *p = &l->p;
    p->s = s + l->lead;
    size_t sn = S_surface_len(p);
    if (!sn)
        return S_entry_error(CX_ERR_DATA, path, line, err);
    int low = S_goes_low(p, cat);
    int same = p->tb[0] == 0 && p->te[p->n - 1] == l->fn;
    for (size_t t = 0; same && t + 1 < p->n; t++)
        same = p->tb[t + 1] == p->te[t] + 1 && p->s[p->te[t]] == ' ';
    uint32_t co = S_NONE, so;
    if (canon) {
        s[canon - s + canon_len] = '\0';
        co = (uint32_t)(canon - g->pool);
    }
    if (same) {
        s[l->lead + l->fn] = '\0';
        so = (uint32_t)(at + l->lead);
    } else {
        char buf[S_MAXSURF];
        S_surface(p, buf);
        so = S_pool_put(g, buf, sn); /* s and p->s move with the pool */
        if (so == S_NONE)
            return S_entry_error(CX_ERR_NOMEM, path, line, err);
    }
    return S_entry_error(S_insert_both(g, p, so, co, cat, user, low, S_NOSLOT, 0), path, line,
                         err);
}

/* A comment, a "# category:" header (into *cat) or an entry; at is the
 * line's offset in the pool. */
static int S_take_line(cx_gaz *g, S_line *l, size_t at, uint32_t *cat, int user, int bad,
                       const char *path, long line, cx_error *err)
{
    const char *s = g->pool + at;
    if (bad && cx_utf8_prefix((const unsigned char *)s, l->n) != l->n) {
        cx_error_set(err, CX_ERR_DATA, path, line, "invalid UTF-8 or a NUL byte");
        return CX_ERR_DATA;
    }
    if (l->word)
        return S_load_word(g, l, at, *cat, user, path, line, err);
    if (l->lead == l->n)
        return CX_OK;
    if (s[l->lead] != '#')
        return S_load_line(g, l, at, *cat, user, path, line, err);
    size_t st, m = S_trim(s, l->n, &st);
    uint32_t h = S_header(s + st, m);
    if (h == S_NONE) {
        cx_error_set(err, CX_ERR_DATA, path, line, "unknown category in header");
        return CX_ERR_DATA;
    }
    if (h)
        *cat = h;
    return CX_OK;
}

/* Adds the lines of the file at pool[base, base + len) from its offset
 * i. Lines are scanned S_AHEAD lines before they are added, so that the
 * table's memory reads overlap (see S_look_ahead). */
static int S_load_lines(cx_gaz *g, size_t base, size_t len, size_t i, int user, int bad,
                        const char *path, cx_error *err)
{
    enum { S_AHEAD = 16, S_RING = 32 };
    S_line *ring = malloc(S_RING * sizeof *ring);
    if (!ring) {
        cx_error_set(err, CX_ERR_NOMEM, path, 0, "out of memory");
        return CX_ERR_NOMEM;
    }
    size_t nscan = 0;
    for (; nscan < S_AHEAD && i < len; nscan++)
        i = S_scan_line(g, g->pool + base, len, i, &ring[nscan % S_RING]);
    uint32_t cat = 0;
    int rc = CX_OK;
    for (size_t k = 0; rc == CX_OK && k < nscan; k++) {
        if (k + S_AHEAD / 2 < nscan)
            S_look_ahead(g, &ring[(k + S_AHEAD / 2) % S_RING]);
        if (i < len) {
            i = S_scan_line(g, g->pool + base, len, i, &ring[nscan % S_RING]);
            nscan++;
        }
        S_line *l = &ring[k % S_RING];
        rc = S_take_line(g, l, base + l->off, &cat, user, bad, path, (long)k + 1, err);
    }
    free(ring);
    return rc;
}

/* Appends the file at path to the pool and ends it with a NUL: *base is
 * where it starts, *len its length. Entries keep their surfaces and
 * canonical names where they are in it (no copy of each). */
static int S_read_pool(cx_gaz *g, const char *path, size_t *base, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return CX_ERR_IO;
    struct stat st;
    size_t want = 1 << 16, b = g->npool, n = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uint64_t)st.st_size < UINT32_MAX)
        want = (size_t)st.st_size + 1; /* + 1 to see the end at once */
    int rc = CX_OK;
    for (;;) {
        if (S_pool_room(g, b + n + want + 1)) {
            rc = CX_ERR_NOMEM;
            break;
        }
        size_t r = fread(g->pool + b + n, 1, want, f);
        n += r;
        if (r < want) {
            if (ferror(f))
                rc = CX_ERR_IO;
            break;
        }
        want = n;
    }
    int saved = errno;
    fclose(f);
    if (rc != CX_OK) {
        errno = saved;
        return rc;
    }
    g->pool[b + n] = '\0';
    g->npool = b + n + 1;
    *base = b;
    *len = n;
    return CX_OK;
}

int cx_gaz_load_file(cx_gaz *g, const char *path, int user, cx_error *err)
{
    size_t base, len;
    int rc = S_read_pool(g, path, &base, &len);
    if (rc != CX_OK) {
        cx_error_set(err, rc, path, 0, "cannot read gazetteer file: %s",
                     rc == CX_ERR_IO ? strerror(errno) : cx_strerror(rc));
        return rc;
    }
    /* about one node a 12 bytes of list: grow the table once, not often */
    if (cx_gaz_reserve(g, len / 12) != CX_OK ||
        S_reserve_pool(g, len / 16 + 64, len) != CX_OK) {
        cx_error_set(err, CX_ERR_NOMEM, path, 0, "out of memory");
        return CX_ERR_NOMEM;
    }
    /* check the whole file at once; look line by line only when it fails */
    const char *buf = g->pool + base;
    int bad = cx_utf8_prefix((const unsigned char *)buf, len) != len;
    size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    return S_load_lines(g, base, len, i, user, bad, path, err);
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

/* Does a token fit an entry token of case shape e (not mixed)? A bit a
 * text shape for each entry shape; a lower-case entry fits all capitals
 * only in a headline. */
static inline int S_shape_fits1(unsigned e, const cx_gaz_tok *t)
{
    static const uint8_t fit[4] = {0x1F, 1u << CX_SH_LOWER | 1u << CX_SH_CAP,
                                   1u << CX_SH_CAP | 1u << CX_SH_UPPER, 1u << CX_SH_UPPER};
    unsigned m = fit[e];
    if (e == CX_SH_LOWER && (t->flags & CX_TOK_HEADLINE))
        m |= 1u << CX_SH_UPPER;
    return (m >> t->shape) & 1;
}

/* The same test by the case shapes of the tokens (the hash has matched
 * the letters): no character is read unless a token is of mixed case. */
static int S_shape_fits(const cx_gaz *g, const S_entry *x, const cx_gaz_tok *toks, size_t n)
{
    for (size_t t = 0; t < n; t++) {
        unsigned e = (unsigned)(x->shapes >> (3 * t)) & 7, c = toks[t].shape;
        if (e < CX_SH_MIXED) {
            if (!S_shape_fits1(e, &toks[t]))
                return 0;
            continue;
        }
        if (c == CX_SH_UPPER)
            continue;
        if (c != CX_SH_MIXED)
            return 0;
        return S_entry_fits(g, x, toks, n);
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

#define S_AHEAD 8 /* cx_gaz_match prefetches for the token this far ahead */

void cx_gaz_prefetch(const cx_gaz *g, uint64_t key)
{
    __builtin_prefetch(&g->big.tab[(size_t)key & (g->big.cap - 1)]);
}

/* One probe of T for node h: its slot, empty when there is none. */
static inline const S_slot *S_probe(const S_table *T, uint64_t h)
{
    size_t m = T->cap - 1, i = (size_t)h & m;
    while (T->tab[i].key && T->tab[i].key != h)
        i = (i + 1) & m;
    return &T->tab[i];
}

/* A one-word node's summary as a hit (hit->cats 0: its shape does not
 * fit). */
static inline void S_sum_hit(uint32_t sum, const cx_gaz_tok *tok, cx_gaz_hit *hit)
{
    hit->ntok = 1;
    hit->user = 0;
    hit->canon = NULL;
    hit->cats = S_shape_fits1((sum >> 26) & 7, tok) ? sum & S_CATMASK : 0;
}

/* cx_gaz_match from the first token's node, found in slot sl of T. */
static __attribute__((noinline)) size_t S_match_rest(const cx_gaz *g, const S_table *T,
                                                     const S_slot *sl, const cx_gaz_tok *toks,
                                                     size_t n, cx_gaz_hit *hits, size_t max)
{
    uint64_t h = toks[0].key;
    size_t nh = 0;
    if (n > S_MAXTOK)
        n = S_MAXTOK;
    for (size_t t = 0; t < n; t++) {
        if (t) {
            h = S_step(h, toks[t].key);
            sl = S_probe(T, h);
            if (!sl->key)
                break;
        }
        uint32_t v = sl->val, sum = sl->sum;
        if ((v & ~S_KIDS) && nh < max) {
            cx_gaz_hit hit;
            if (t == 0 && (sum & S_SUM))
                S_sum_hit(sum, toks, &hit);
            else
                S_hit(g, (v & ~S_KIDS) - 1, toks, t + 1, &hit);
            if (hit.cats)
                hits[nh++] = hit;
        }
        if (!(v & S_KIDS))
            break;
    }
    return nh;
}

/* Most words end at their first node: none (most lower-case words), or
 * a one-word node without children whose summary answers. Those take no
 * call and none of the registers that longer matches need. */
size_t cx_gaz_match(const cx_gaz *g, const cx_gaz_tok *toks, size_t n, cx_gaz_hit *hits,
                    size_t max)
{
    if (n == 0)
        return 0;
    if (n > S_AHEAD)
        cx_gaz_prefetch(g, toks[S_AHEAD].key);
    const S_table *T = S_low_initial(toks[0].s, toks[0].len, toks[0].shape) ? &g->low : &g->big;
    const S_slot *sl = S_probe(T, toks[0].key);
    if (!sl->key)
        return 0;
    uint32_t v = sl->val, sum = sl->sum;
    if (v & S_KIDS || !(sum & S_SUM))
        return S_match_rest(g, T, sl, toks, n, hits, max);
    if (!(v & ~S_KIDS) || max == 0)
        return 0;
    S_sum_hit(sum, toks, hits);
    return hits->cats ? 1 : 0;
}

/* ---- images ------------------------------------------------------------ */

#define S_IMG_MAGIC "CXGAZIMG"
/* 2: a summary no longer keeps the low categories of an entry whose
 * later categories it cannot hold (images of version 1 may) */
#define S_IMG_VERSION 2u

/* The header; the arrays follow it in this order: big table, low table,
 * entries, pool. Sizes are 64-bit so that the layout does not depend on
 * the platform's size_t. */
typedef struct {
    char magic[8];
    uint32_t version, slot_size, entry_size, order; /* order: S_IMG_ORDER */
    uint64_t key;
    uint64_t keys; /* S_img_keys(): the token keys this build computes */
    uint64_t big_cap, big_used, low_cap, low_used, nbig, nents, npool;
    uint64_t sum; /* cx_hash64 of the four arrays, in order */
} S_img_head;

/* A checksum of n bytes in four independent lanes of 8 bytes: an image
 * is about 20 MB, and one chain of multiplies (cx_hash64) was most of the
 * time it takes to load one. Not a data hash: only images use it. */
static uint64_t S_sum4(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t l[4] = {h, h ^ 0x1111, h ^ 0x2222, h ^ 0x3333};
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int k = 0; k < 4; k++) {
            uint64_t w;
            memcpy(&w, s + i + 8 * k, 8);
            l[k] = (l[k] ^ w) * 0x9E3779B97F4A7C15ULL;
            l[k] ^= l[k] >> 29;
        }
    uint64_t r = cx_hash64(l[0], s + i, n - i);
    for (int k = 1; k < 4; k++)
        r = cx_hash64(r, &l[k], 8);
    return r;
}

#define S_IMG_ORDER 0x01020304u /* reads otherwise on another byte order */

/* What this build's key functions make of a few tokens and paths: an
 * image from a build that hashes tokens otherwise (the same version
 * number in the middle of development) does not fit. */
static uint64_t S_img_keys(void)
{
    static const char *const w[] = {"chronex", "New", "York", "U.S.", "Zürich", "O'Neil"};
    uint64_t h = 0, node = 0;
    for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
        uint64_t k = cx_gaz_key(w[i], strlen(w[i]));
        node = i ? S_step(node, k) : k;
        h = cx_hash64(h, &k, sizeof k);
        h = cx_hash64(h, &node, sizeof node);
    }
    return h;
}

static uint64_t S_img_sum(const cx_gaz *g)
{
    uint64_t h = S_sum4(0, g->big.tab, g->big.cap * sizeof(S_slot));
    h = S_sum4(h, g->low.tab, g->low.cap * sizeof(S_slot));
    h = S_sum4(h, g->ents, g->nents * sizeof(S_entry));
    return S_sum4(h, g->pool, g->npool);
}

int cx_gaz_image_save(const cx_gaz *g, const char *path, uint64_t key)
{
    S_img_head h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, S_IMG_MAGIC, 8);
    h.version = S_IMG_VERSION;
    h.slot_size = sizeof(S_slot);
    h.entry_size = sizeof(S_entry);
    h.order = S_IMG_ORDER;
    h.key = key;
    h.keys = S_img_keys();
    h.big_cap = g->big.cap, h.big_used = g->big.used;
    h.low_cap = g->low.cap, h.low_used = g->low.used;
    h.nbig = g->nbig, h.nents = g->nents, h.npool = g->npool;
    h.sum = S_img_sum(g);
    size_t n = strlen(path);
    char *tmp = malloc(n + 8);
    if (!tmp)
        return CX_ERR_NOMEM;
    /* a name of its own: other processes (and contexts of this one) may
     * write the same image at the same time; the last rename wins */
    snprintf(tmp, n + 8, "%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (fd >= 0 && !f)
        close(fd);
    int ok = f != NULL;
    ok = ok && fwrite(&h, sizeof h, 1, f) == 1;
    ok = ok && fwrite(g->big.tab, sizeof(S_slot), g->big.cap, f) == g->big.cap;
    ok = ok && fwrite(g->low.tab, sizeof(S_slot), g->low.cap, f) == g->low.cap;
    ok = ok && (!g->nents || fwrite(g->ents, sizeof(S_entry), g->nents, f) == g->nents);
    ok = ok && (!g->npool || fwrite(g->pool, 1, g->npool, f) == g->npool);
    if (f && fclose(f) != 0)
        ok = 0;
    if (ok && rename(tmp, path) != 0)
        ok = 0;
    if (!ok && fd >= 0)
        remove(tmp);
    free(tmp);
    return ok ? CX_OK : CX_ERR_IO;
}

/* Reads n elements of size sz into a new array (NULL for none). */
static int S_img_read(FILE *f, size_t n, size_t sz, void **out)
{
    *out = NULL;
    if (!n)
        return CX_OK;
    void *p = malloc(n * sz);
    if (!p)
        return CX_ERR_NOMEM;
    /* before the pages are first written: the tables are read at random,
     * as when they are built from the lists (S_table_alloc) */
    if (n * sz >= ((size_t)4 << 20))
        S_advise_huge(p, n * sz);
    if (fread(p, sz, n, f) != n) {
        free(p);
        return CX_ERR_DATA;
    }
    *out = p;
    return CX_OK;
}

/* Every offset of the arrays points inside them, and the pool's strings
 * end inside it: an image that passes reads nothing out of bounds. */
static int S_img_sane(const cx_gaz *g)
{
    if (g->npool && g->pool[g->npool - 1] != '\0')
        return 0;
    for (size_t i = 0; i < g->nents; i++) {
        const S_entry *x = &g->ents[i];
        if ((x->next != S_NONE && x->next >= g->nents) || x->surf >= g->npool ||
            (x->canon != S_NONE && x->canon >= g->npool))
            return 0;
    }
    const S_table *T[2] = {&g->big, &g->low};
    for (int t = 0; t < 2; t++)
        for (size_t i = 0; i < T[t]->cap; i++) {
            uint32_t v = T[t]->tab[i].val & ~S_KIDS;
            if (v > g->nents)
                return 0;
        }
    return 1;
}

static int S_pow2(uint64_t x) { return x >= 2 && (x & (x - 1)) == 0; }

int cx_gaz_image_load(cx_gaz *g, const char *path, uint64_t key)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return CX_ERR_IO;
    S_img_head h;
    struct stat st;
    int rc = CX_ERR_DATA;
    if (fread(&h, sizeof h, 1, f) != 1 || fstat(fileno(f), &st) != 0 ||
        memcmp(h.magic, S_IMG_MAGIC, 8) != 0 || h.version != S_IMG_VERSION ||
        h.slot_size != sizeof(S_slot) || h.entry_size != sizeof(S_entry) || h.key != key ||
        h.order != S_IMG_ORDER || h.keys != S_img_keys() || !S_pow2(h.big_cap) ||
        !S_pow2(h.low_cap) || h.big_cap > ((uint64_t)1 << 32) ||
        h.low_cap > ((uint64_t)1 << 32) || h.big_used >= h.big_cap || h.low_used >= h.low_cap ||
        h.nents >= S_NONE || h.npool >= UINT32_MAX || h.nbig > h.nents)
        goto out;
    /* the file is exactly the header and the arrays */
    uint64_t want = sizeof h + (h.big_cap + h.low_cap) * sizeof(S_slot) +
                    h.nents * sizeof(S_entry) + h.npool;
    if ((uint64_t)st.st_size != want)
        goto out;
    cx_gaz tmp;
    memset(&tmp, 0, sizeof tmp);
    void *big, *low, *ents, *pool;
    rc = S_img_read(f, (size_t)h.big_cap, sizeof(S_slot), &big);
    tmp.big.tab = big;
    if (rc == CX_OK)
        rc = S_img_read(f, (size_t)h.low_cap, sizeof(S_slot), &low), tmp.low.tab = low;
    if (rc == CX_OK)
        rc = S_img_read(f, (size_t)h.nents, sizeof(S_entry), &ents), tmp.ents = ents;
    if (rc == CX_OK)
        rc = S_img_read(f, (size_t)h.npool, 1, &pool), tmp.pool = pool;
    tmp.big.cap = (size_t)h.big_cap, tmp.big.used = (size_t)h.big_used;
    tmp.low.cap = (size_t)h.low_cap, tmp.low.used = (size_t)h.low_used;
    tmp.nbig = (size_t)h.nbig;
    tmp.nents = tmp.cap_ents = (size_t)h.nents;
    tmp.npool = tmp.cap_pool = (size_t)h.npool;
    if (rc == CX_OK && (S_img_sum(&tmp) != h.sum || !S_img_sane(&tmp)))
        rc = CX_ERR_DATA;
    if (rc != CX_OK) {
        free(tmp.big.tab);
        free(tmp.low.tab);
        free(tmp.ents);
        free(tmp.pool);
        goto out;
    }
    free(g->big.tab);
    free(g->low.tab);
    free(g->ents);
    free(g->pool);
    *g = tmp;
out:
    fclose(f);
    return rc;
}
