/* gazetteer: a hash trie over tokens (see gazetteer_int.h). */
#include "gazetteer_int.h"
#include "rules_int.h"
#include "util_int.h"
#include <stdlib.h>
#include <string.h>

#define S_NONE 0xFFFFFFFFu
#define S_KIDS 0x80000000u
#define S_MAXTOK 16
#define S_ROOT 0x9E3779B97F4A7C15ULL

typedef struct {
    uint32_t next;  /* next entry of the same node, or S_NONE */
    uint32_t cats;
    uint32_t surf;  /* offset in pool: tokens joined by ' ', NUL-ended */
    uint32_t canon; /* offset in pool, or S_NONE */
    uint8_t user;
} S_entry;

struct cx_gaz {
    uint64_t *keys; /* 0: empty slot */
    uint32_t *vals; /* S_KIDS | (first entry + 1), 0 if none */
    size_t cap, used;
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

static uint64_t S_step(uint64_t h, uint64_t key)
{
    uint64_t x = S_mix(h ^ (key * 0x9E3779B97F4A7C15ULL));
    return x ? x : 1;
}

/* ---- the table -------------------------------------------------------- */

cx_gaz *cx_gaz_new(void)
{
    cx_gaz *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->cap = 1 << 12;
    g->keys = calloc(g->cap, sizeof *g->keys);
    g->vals = calloc(g->cap, sizeof *g->vals);
    if (!g->keys || !g->vals) {
        cx_gaz_free(g);
        return NULL;
    }
    return g;
}

void cx_gaz_free(cx_gaz *g)
{
    if (!g)
        return;
    free(g->keys);
    free(g->vals);
    free(g->ents);
    free(g->pool);
    free(g);
}

size_t cx_gaz_size(const cx_gaz *g) { return g->nents; }

static size_t S_slot(const uint64_t *keys, size_t cap, uint64_t k)
{
    size_t m = cap - 1, i = (size_t)k & m;
    while (keys[i] && keys[i] != k)
        i = (i + 1) & m;
    return i;
}

static int S_rehash(cx_gaz *g)
{
    size_t ncap = g->cap * 2;
    uint64_t *nk = calloc(ncap, sizeof *nk);
    uint32_t *nv = calloc(ncap, sizeof *nv);
    if (!nk || !nv) {
        free(nk);
        free(nv);
        return CX_ERR_NOMEM;
    }
    for (size_t i = 0; i < g->cap; i++)
        if (g->keys[i]) {
            size_t j = S_slot(nk, ncap, g->keys[i]);
            nk[j] = g->keys[i];
            nv[j] = g->vals[i];
        }
    free(g->keys);
    free(g->vals);
    g->keys = nk;
    g->vals = nv;
    g->cap = ncap;
    return CX_OK;
}

/* The slot of node k, created when missing. */
static int S_node(cx_gaz *g, uint64_t k, size_t *slot)
{
    if ((g->used + 1) * 10 > g->cap * 7 && S_rehash(g))
        return CX_ERR_NOMEM;
    size_t i = S_slot(g->keys, g->cap, k);
    if (!g->keys[i]) {
        g->keys[i] = k;
        g->vals[i] = 0;
        g->used++;
    }
    *slot = i;
    return CX_OK;
}

static uint32_t S_pool_put(cx_gaz *g, const char *s, size_t n)
{
    if (g->npool + n + 1 > UINT32_MAX - 1 ||
        cx_grow((void **)&g->pool, &g->cap_pool, g->npool + n + 1, 1))
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

int cx_gaz_add(cx_gaz *g, const char *entry, size_t len, const char *canon,
               size_t canon_len, uint32_t cats, int user)
{
    size_t tb[S_MAXTOK], te[S_MAXTOK];
    size_t n = S_entry_tokens(entry, len, tb, te);
    if (n == 0)
        return CX_ERR_DATA;
    uint64_t h = S_ROOT;
    size_t slot = 0;
    char surf[1024];
    size_t sn = 0;
    for (size_t t = 0; t < n; t++) {
        h = S_step(h, cx_gaz_key(entry + tb[t], te[t] - tb[t]));
        if (t > 0) {
            g->vals[slot] |= S_KIDS;
        }
        if (S_node(g, h, &slot))
            return CX_ERR_NOMEM;
        size_t tl = te[t] - tb[t];
        if (sn + tl + 2 > sizeof surf)
            return CX_ERR_DATA;
        if (t)
            surf[sn++] = ' ';
        memcpy(surf + sn, entry + tb[t], tl);
        sn += tl;
    }
    /* the same surface again: merge categories */
    uint32_t v = g->vals[slot] & ~S_KIDS;
    for (uint32_t e = v ? v - 1 : S_NONE; e != S_NONE; e = g->ents[e].next) {
        S_entry *x = &g->ents[e];
        if (x->user == (user != 0) && strcmp(g->pool + x->surf, surf) == 0 &&
            (x->canon == S_NONE) == (canon == NULL) &&
            (!canon || (strlen(g->pool + x->canon) == canon_len &&
                        memcmp(g->pool + x->canon, canon, canon_len) == 0))) {
            x->cats |= cats;
            return CX_OK;
        }
    }
    if (g->nents >= 0x7FFFFFF0u ||
        cx_grow((void **)&g->ents, &g->cap_ents, g->nents + 1, sizeof *g->ents))
        return CX_ERR_NOMEM;
    uint32_t so = S_pool_put(g, surf, sn);
    uint32_t co = canon ? S_pool_put(g, canon, canon_len) : S_NONE;
    if (so == S_NONE || (canon && co == S_NONE))
        return CX_ERR_NOMEM;
    S_entry *x = &g->ents[g->nents];
    x->next = v ? v - 1 : S_NONE;
    x->cats = cats;
    x->surf = so;
    x->canon = co;
    x->user = user != 0;
    g->vals[slot] = (g->vals[slot] & S_KIDS) | (uint32_t)(g->nents + 1);
    g->nents++;
    return CX_OK;
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

static int S_load_line(cx_gaz *g, const char *s, size_t n, uint32_t cat, int user,
                       const char *path, long line, cx_error *err)
{
    const char *f[3];
    size_t fl[3], nf = 0, a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '\t') {
            if (nf == 3) {
                cx_error_set(err, CX_ERR_DATA, path, line, "more than three TAB fields");
                return CX_ERR_DATA;
            }
            size_t st, m = S_trim(s + a, i - a, &st);
            f[nf] = s + a + st;
            fl[nf++] = m;
            a = i + 1;
        }
    }
    if (nf == 3 && fl[2]) {
        cat = cx_gaz_category(f[2], fl[2]);
        if (!cat) {
            cx_error_set(err, CX_ERR_DATA, path, line, "unknown category '%.*s'",
                         (int)(fl[2] > 60 ? 60 : fl[2]), f[2]);
            return CX_ERR_DATA;
        }
    }
    if (!cat) {
        cx_error_set(err, CX_ERR_DATA, path, line,
                     "entry without a category (no '# category:' header above it)");
        return CX_ERR_DATA;
    }
    if (fl[0] == 0) {
        cx_error_set(err, CX_ERR_DATA, path, line, "empty entry");
        return CX_ERR_DATA;
    }
    const char *canon = nf >= 2 && fl[1] ? f[1] : NULL;
    int rc = cx_gaz_add(g, f[0], fl[0], canon, canon ? fl[1] : 0, cat, user);
    if (rc == CX_ERR_DATA)
        cx_error_set(err, rc, path, line, "entry has no word, or more than %d tokens",
                     S_MAXTOK);
    else if (rc)
        cx_error_set(err, rc, path, line, "out of memory");
    return rc;
}

int cx_gaz_load_file(cx_gaz *g, const char *path, int user, cx_error *err)
{
    char *buf;
    size_t len;
    int rc = cx_read_file(path, &buf, &len);
    if (rc != CX_OK) {
        cx_error_set(err, rc, path, 0, "cannot read gazetteer file");
        return rc;
    }
    uint32_t cat = 0;
    long line = 0;
    size_t i = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (rc == CX_OK && i < len) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - buf) : len;
        const char *s = buf + i;
        size_t n = e - i;
        line++;
        i = e + 1;
        if (memchr(s, '\0', n) || !S_valid_utf8(s, n)) {
            cx_error_set(err, CX_ERR_DATA, path, line, "invalid UTF-8 or a NUL byte");
            rc = CX_ERR_DATA;
            break;
        }
        size_t st, m = S_trim(s, n, &st);
        if (m == 0)
            continue;
        if (s[st] == '#') {
            uint32_t h = S_header(s + st, m);
            if (h == S_NONE) {
                cx_error_set(err, CX_ERR_DATA, path, line, "unknown category in header");
                rc = CX_ERR_DATA;
            } else if (h) {
                cat = h;
            }
            continue;
        }
        rc = S_load_line(g, s, n, cat, user, path, line, err);
    }
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

static void S_hit(const cx_gaz *g, uint32_t head, const cx_gaz_tok *toks, size_t n,
                  cx_gaz_hit *hit)
{
    uint32_t cats = 0, ucats = 0;
    const char *canon = NULL, *ucanon = NULL;
    for (uint32_t e = head; e != S_NONE; e = g->ents[e].next) {
        const S_entry *x = &g->ents[e];
        if (!S_entry_fits(g, x, toks, n))
            continue;
        const char *c = x->canon != S_NONE ? g->pool + x->canon : NULL;
        if (x->user) {
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

size_t cx_gaz_match(const cx_gaz *g, const cx_gaz_tok *toks, size_t n,
                    cx_gaz_hit *hits, size_t max)
{
    uint64_t h = S_ROOT;
    size_t nh = 0, m = g->cap - 1;
    if (n > S_MAXTOK)
        n = S_MAXTOK;
    for (size_t t = 0; t < n; t++) {
        h = S_step(h, toks[t].key);
        size_t i = (size_t)h & m;
        while (g->keys[i] && g->keys[i] != h)
            i = (i + 1) & m;
        if (!g->keys[i])
            break;
        uint32_t v = g->vals[i];
        if ((v & ~S_KIDS) && nh < max) {
            cx_gaz_hit hit;
            S_hit(g, (v & ~S_KIDS) - 1, toks, t + 1, &hit);
            if (hit.cats)
                hits[nh++] = hit;
        }
        if (!(v & S_KIDS))
            break;
    }
    return nh;
}
