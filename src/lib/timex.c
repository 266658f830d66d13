/* timex: load the word table and the combined pattern, find date
 * expressions, pick the anchor, hand each match to the normalizer.
 *
 * Speed: the pattern is one JIT-compiled alternation, but it is never run
 * over the whole text. A cheap byte scan finds "gate" words (digits and
 * the words of data/timex/words.txt); only there is the pattern tried,
 * anchored at the few word starts just before the gate word, so the cost
 * is linear in the text with a small constant. */
#include "timex_impl.h"
#include "ctx_int.h"
#include "document_int.h"
#include "util_int.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TX_BACK 5   /* word starts tried before a gate word */
#define TX_AHEAD 96 /* bytes after the gate word a match may reach */
/* Match limits, as rules.c's: ample for a date, small enough that no
 * input makes one match run long. */
#define TX_MATCH_LIMIT 200000
#define TX_DEPTH_LIMIT 5000

static const char *const S_class_names[TX_NCLASS] = {
    "month", "weekday", "numw", "ordinal", "unit", "pod",   "season", "decade",
    "setw",  "ref",     "tz",   "holiday", "gate", "start", "join"};

static const char *const S_field_names[F_NFIELD] = {
    "y",   "y2",   "mn",  "m",   "d",    "wd",   "hh",  "mi",  "ap",  "tz",
    "clk", "mod",  "rel", "ry",  "yago", "fisc", "ord", "qu",  "qn",  "u",
    "ux",  "n",    "ago", "dec", "dec2", "decw", "cen", "sea", "pod", "ref",
    "dba", "setw", "tn",  "hol", "yw",   "half", "wko", "d2",  "hh2", "mi2"};

static const char *const S_kind_names[K_NKIND] = {
    "ISO",  "SLASH",  "YRANGE", "CLOCK",  "CLOCK24", "NOON",  "MDY",   "DMY",  "QTR",
    "QYR",  "QTHE",   "QN",     "YAGO",   "DEC",     "DEC2",  "DEC3",  "DECW", "CENT",
    "SEAS", "REFDAY", "PODREL", "PODREF", "RELU",    "THEU",  "THEW",  "SETW", "SETWP",
    "SETU", "SETM",   "SETT",   "SETA",   "WDAY",    "MY",    "YEARW", "DUR",  "DURX",
    "YEAR", "REF",    "HOL",    "ANA",    "MDR",     "TRANGE"};

/* ---- the word table ---------------------------------------------------- */

/* Lower-cases s into buf collapsing white space; drops a final '.'.
 * Returns the length, or 0 when it does not fit. */
static size_t S_fold(const char *s, size_t len, char *buf, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (n && buf[n - 1] != ' ' && n < cap)
                buf[n++] = ' ';
            continue;
        }
        if (n >= cap)
            return 0;
        buf[n++] = (char)cx_ascii_lower(c);
    }
    while (n && (buf[n - 1] == ' ' || buf[n - 1] == '.'))
        n--;
    return n;
}

static uint64_t S_hash(const char *s, size_t n) { return cx_fnv1a(CX_FNV_INIT, s, n); }

const tx_word *tx_word_find(const tx_words *w, const char *s, size_t len, int cls)
{
    char buf[64];
    size_t n = S_fold(s, len, buf, sizeof buf);
    if (!n || !w->slots)
        return NULL;
    for (size_t i = S_hash(buf, n) & w->mask;; i = (i + 1) & w->mask) {
        const tx_word *e = &w->slots[i];
        if (!e->word)
            return NULL;
        if ((cls < 0 || e->cls == cls) && e->len == n && memcmp(e->word, buf, n) == 0)
            return e;
    }
}

/* The filter bit of a word: its first two and last letters (any case)
 * and its length, mixed. */
static size_t S_bloom_bit(const char *s, size_t n)
{
    uint32_t h = (uint32_t)(s[0] & 31) * 1024u + (uint32_t)(s[n > 1] & 31) * 32u +
                 (uint32_t)(s[n - 1] & 31);
    h = (h * 16u + (uint32_t)(n < 15 ? n : 15)) * 2654435761u;
    return h >> (32 - 16); /* 65536 bits */
}

unsigned tx_word_classes(const tx_words *w, const char *s, size_t len)
{
    if (!len || len >= 32 || !w->slots)
        return 0;
    size_t bit = S_bloom_bit(s, len);
    if (!(w->bloom[bit / 8] & (1u << (bit % 8))))
        return 0;
    /* a token: no spaces to fold, so lower-case and hash in one pass */
    char buf[32];
    uint64_t h = CX_FNV_INIT;
    for (size_t i = 0; i < len; i++) {
        buf[i] = (char)cx_ascii_lower((unsigned char)s[i]);
        h = (h ^ (unsigned char)buf[i]) * 1099511628211ULL;
    }
    size_t n = len;
    while (n && buf[n - 1] == '.')
        n--;
    if (n != len)
        h = S_hash(buf, n);
    unsigned bits = 0;
    for (size_t i = h & w->mask; w->slots[i].word; i = (i + 1) & w->mask)
        if (w->slots[i].len == n && memcmp(w->slots[i].word, buf, n) == 0)
            bits |= 1u << w->slots[i].cls;
    return bits;
}

static int S_words_add(tx_words *w, const char *word, int cls, const char *val)
{
    char buf[64];
    size_t n = S_fold(word, strlen(word), buf, sizeof buf);
    if (!n)
        return CX_ERR_DATA;
    size_t i = S_hash(buf, n) & w->mask;
    while (w->slots[i].word)
        i = (i + 1) & w->mask;
    tx_word *e = &w->slots[i];
    e->word = cx_strndup(buf, n);
    if (!e->word)
        return CX_ERR_NOMEM;
    e->len = n;
    size_t bit = S_bloom_bit(buf, n);
    w->bloom[bit / 8] |= (uint8_t)(1u << (bit % 8));
    e->cls = cls;
    e->ival = atoi(val);
    snprintf(e->sval, sizeof e->sval, "%s", val);
    return CX_OK;
}

static void S_words_fini(tx_words *w)
{
    if (w->slots)
        for (size_t i = 0; i <= w->mask; i++)
            free(w->slots[i].word);
    free(w->slots);
    w->slots = NULL;
    free(w->keys);
    w->keys = NULL;
    free(w->tags);
    w->tags = NULL;
}

/* ---- the scanner's word lists and the packed-key table ------------------ */

/* The gate sets, each with its own pattern holding only the rules that
 * can fire from it: index 0 numbers, then words of these classes. */

static const int S_gate_class[TX_NGATE] = {-1,     TX_MONTH,   TX_WEEKDAY, TX_UNIT,
                                           TX_POD, TX_SEASON,  TX_DECADE,  TX_SETW,
                                           TX_REF, TX_HOLIDAY, TX_GATE};

/* Words after which a bare month or year is a date, not a name. */
static const char *const S_date_preps[] = {
    "in",     "since",  "until",   "till",  "by",     "from",  "to",    "through", "of",
    "during", "before", "after",   "last",  "next",   "this",  "early", "late",    "mid",
    "and",    "or",     "between", "for",   "each",   "every", "on",    "as",      "until",
    "than",   "around", "about",   "circa", "fiscal", "fy",    "year",  "that",    "throughout",
    "into",   "within", "against", "at",    "past",   NULL};

static const char *const S_future_words[] = {
    "will",        "ll",   "shall",   "going",   "scheduled", "expected", "next",
    "upcoming",    "due",  "wo",      "expects", "expect",    "forecast", "projected",
    "anticipated", "soon", "planned", "plans",   "planning",  NULL};

/* Future only before "to": "plans to", "is set to" (not "the plan", "set
 * on"). */
static const char *const S_future_to_words[] = {
    "plan", "set", "aims",  "hopes",   "intends", "intend",   "aim", "hope",
    "is",   "are", "plans", "expects", "likely",  "unlikely", NULL};

static const char *const S_past_words[] = {"was",  "were",      "had",      "did",  "ago",
                                           "last", "earlier",   "since",    "been", "said",
                                           "told", "announced", "reported", NULL};

/* Common irregular pasts (not those spelled as their present: "put",
 * "set", "cut", "read", "hit"). Like an -ed form, one is a past verb only
 * near the expression and not after "be" or "has" ("will be held"). */
static const char *const S_past_forms[] = {
    "became", "began", "bought", "brought", "built",  "came",   "caught",     "chose", "drove",
    "fell",   "felt",  "fled",   "flew",    "forgot", "fought", "found",      "gave",  "got",
    "grew",   "heard", "held",   "kept",    "knew",   "led",    "left",       "lost",  "made",
    "meant",  "met",   "paid",   "ran",     "rang",   "rose",   "sank",       "sat",   "saw",
    "sent",   "shot",  "sold",   "sought",  "spent",  "spoke",  "stood",      "stole", "struck",
    "swore",  "took",  "taught", "thought", "threw",  "tried",  "understood", "went",  "won",
    "wore",   "wrote", NULL};

/* "be", "to" ...: an -ed word after them is a participle, not a past. */
static const char *const S_aux_words[] = {"be",   "been", "being", "is",   "are",
                                          "will", "to",   "get",   "gets", NULL};

/* The tense after an expression skips words that belong to dates, stops
 * at a new clause ("issued a statement Friday saying the entry will
 * consolidate ...") and takes only a modal for the future. */
static const char *const S_after_skip[] = {"next",    "soon",  "last", "ago",
                                           "earlier", "since", NULL};
static const char *const S_clause_words[] = {
    "that",  "which",  "who", "whom",   "whose", "saying", "because", "when", "while",
    "after", "before", "if",  "unless", "where", "as",     "and",     "but",  NULL};
static const char *const S_modals[] = {"will", "ll", "shall", "going", NULL};

/* An -ed word after a determiner, maybe past one of these adverbs, is an
 * adjective: "a still unspecified date", "the expanded program". */
static const char *const S_adverbs[] = {"still",      "yet",     "newly", "recently",
                                        "previously", "already", "long",  NULL};
/* A pronoun subject: an -ed word right after one is a finite past verb
 * wherever it stands in the clause ("who stepped down as chairman ... in
 * March"), not a participle as it may be after a noun. */
static const char *const S_subjects[] = {"who", "he", "she", "they", "we", "which", NULL};
/* Verbs of a schedule: in the present tense, right before a date, news
 * uses them for what is to come ("the two leaders meet Monday", "talks
 * resume in June"). */
static const char *const S_sched_verbs[] = {
    "meet",     "meets",   "resume",  "resumes",   "begin",   "begins",   "convene",
    "convenes", "arrive",  "arrives", "expire",    "expires", "reopen",   "reopens",
    "depart",   "departs", "start",   "starts",    "open",    "opens",    "vote",
    "votes",    "leave",   "leaves",  "travels",   "flies",   "takes",    "goes",
    "ends",     "closes",  "kicks",   "premieres", "airs",    "launches", "returns",
    "visits",   "hosts",   "plays",   "faces",     "heads",   NULL};
static const char *const S_determiners[] = {
    "a",     "an",    "the",  "its", "their", "his",  "her",   "our",     "this", "that",
    "these", "those", "some", "no",  "any",   "each", "every", "another", NULL};

/* The lists above as flag bits of tx_key, so that the tense and context
 * checks look a word up once instead of scanning lists. */
enum {
    W_PREP = 1,
    W_FUT = 2,
    W_FUTTO = 4,
    W_PAST = 8,
    W_WOULD = 16,
    W_AUX = 32,
    W_PASTV = 64,
    W_SKIP = 128,
    W_CLAUSE = 256,
    W_MODAL = 512,
    W_ADV = 1024,
    W_DET = 2048,
    W_SUBJ = 4096,
    W_SCHED = 8192
};

static const struct {
    const char *const *words;
    unsigned flag;
} S_lists[] = {{S_date_preps, W_PREP},
               {S_future_words, W_FUT},
               {S_future_to_words, W_FUTTO},
               {S_past_words, W_PAST},
               {(const char *const[]){"would", NULL}, W_WOULD},
               {S_past_forms, W_PASTV},
               {S_aux_words, W_AUX},
               {S_after_skip, W_SKIP},
               {S_clause_words, W_CLAUSE},
               {S_modals, W_MODAL},
               {S_adverbs, W_ADV},
               {S_determiners, W_DET},
               {S_subjects, W_SUBJ},
               {S_sched_verbs, W_SCHED}};

/* Byte kinds: ASCII letters and digits 1, upper case 2 more; the other
 * bytes the scans stop at or step over. The text ends with a NUL. */
enum { CT_ALNUM = 1, CT_UPPER = 2, CT_APOS = 4, CT_END = 8, CT_DOT = 16, CT_BLANK = 32 };

static const uint8_t S_ctype[256] = {
    ['\0'] = CT_END, ['\''] = CT_APOS, ['.'] = CT_DOT, [' '] = CT_BLANK, ['\t'] = CT_BLANK,
    ['0'] = 1,       ['1'] = 1,        ['2'] = 1,      ['3'] = 1,        ['4'] = 1,
    ['5'] = 1,       ['6'] = 1,        ['7'] = 1,      ['8'] = 1,        ['9'] = 1,
    ['A'] = 3,       ['B'] = 3,        ['C'] = 3,      ['D'] = 3,        ['E'] = 3,
    ['F'] = 3,       ['G'] = 3,        ['H'] = 3,      ['I'] = 3,        ['J'] = 3,
    ['K'] = 3,       ['L'] = 3,        ['M'] = 3,      ['N'] = 3,        ['O'] = 3,
    ['P'] = 3,       ['Q'] = 3,        ['R'] = 3,      ['S'] = 3,        ['T'] = 3,
    ['U'] = 3,       ['V'] = 3,        ['W'] = 3,      ['X'] = 3,        ['Y'] = 3,
    ['Z'] = 3,       ['a'] = 1,        ['b'] = 1,      ['c'] = 1,        ['d'] = 1,
    ['e'] = 1,       ['f'] = 1,        ['g'] = 1,      ['h'] = 1,        ['i'] = 1,
    ['j'] = 1,       ['k'] = 1,        ['l'] = 1,      ['m'] = 1,        ['n'] = 1,
    ['o'] = 1,       ['p'] = 1,        ['q'] = 1,      ['r'] = 1,        ['s'] = 1,
    ['t'] = 1,       ['u'] = 1,        ['v'] = 1,      ['w'] = 1,        ['x'] = 1,
    ['y'] = 1,       ['z'] = 1};

static int S_is_upper(int c) { return S_ctype[(unsigned char)c] & 2; }

static int S_is_alnum(int c) { return S_ctype[(unsigned char)c] & 1; }

static int S_is_digit(int c) { return c >= '0' && c <= '9'; }

/* Packs the lower-cased s[0..n) into a and b; 0 when n is 0 or too long.
 * The bytes are those of a token ([A-Za-z0-9.'-]), which all hold 0x20
 * but capitals, so setting 0x20 lower-cases them. end: the end of the
 * readable buffer (a word near it is read byte by byte). */
static inline int S_pack(const char *s, size_t n, const char *end, uint64_t *a, uint64_t *b)
{
    if (n - 1 >= TX_KEY_MAX)
        return 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (end - s >= 16) { /* two loads, the bytes past the word masked off */
        uint64_t lo, hi;
        memcpy(&lo, s, 8);
        memcpy(&hi, s + 8, 8);
        lo |= 0x2020202020202020ULL;
        if (n <= 8) {
            *a = lo & (~0ULL >> (64 - 8 * n));
            *b = 0;
        } else {
            *a = lo;
            *b = (hi | 0x2020202020202020ULL) & (~0ULL >> (128 - 8 * n));
        }
        return 1;
    }
#endif
    (void)end;
    uint64_t k[2] = {0, 0};
    for (size_t i = 0; i < n; i++)
        k[i >> 3] |= (uint64_t)((unsigned char)s[i] | 0x20) << (8 * (i & 7));
    *a = k[0];
    *b = k[1];
    return 1;
}

/* Can a word of the table be a token at all? (S_pack's alphabet) */
static int S_token_word(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
              s[i] == '\'' || s[i] == '-'))
            return 0;
    return 1;
}

static inline uint64_t S_key_hash(uint64_t a, uint64_t b, size_t n)
{
    return (a ^ (b * 0xC2B2AE3D27D4EB4FULL) ^ n) * 0x9E3779B97F4A7C15ULL;
}

/* A key's slot is bits 29.. of its hash, its tag the top byte (never 0). */
#define S_KEY_SLOT(h) ((size_t)((h) >> 29))
#define S_KEY_TAG(h) ((uint8_t)((h) >> 56 | 1))

/* Most words looked up are in no list: their probe ends at an empty tag
 * without reading a key (the keys are 32 bytes a slot, 256 KB in all, and
 * every miss there was a cache miss). */
static inline const tx_key *S_key_find(const tx_words *w, uint64_t a, uint64_t b, size_t n)
{
    uint64_t h = S_key_hash(a, b, n);
    uint8_t tag = S_KEY_TAG(h);
    for (size_t i = S_KEY_SLOT(h) & w->kmask;; i = (i + 1) & w->kmask) {
        if (!w->tags[i])
            return NULL;
        const tx_key *k = &w->keys[i];
        if (w->tags[i] == tag && k->a == a && k->b == b && k->n == n)
            return k;
    }
}

/* The lengths of the words of 1..TX_KEY_MAX bytes in tx_words.sieve are
 * kept by their first and last byte (case does not change it): bit n - 1
 * of this element. One 16-bit load where a bit index into bytes took
 * twice the instructions; the scan asks it of every word. */
static inline unsigned S_sieve_at(int first, int last)
{
    return ((unsigned)(first & 31) << 5) | (unsigned)(last & 31);
}

static void S_sieve_add(tx_words *w, int first, int last, size_t n)
{
    w->sieve[S_sieve_at(first, last)] |= (uint16_t)(1u << (n - 1));
}

/* Adds the single word s[0..n) with its class bits and flags. */
static void S_key_add(tx_words *w, const char *s, size_t n, unsigned cls, unsigned flags)
{
    uint64_t a, b;
    if (!S_token_word(s, n) || !S_pack(s, n, s + n, &a, &b))
        return; /* "local time", "new year's day": never one token */
    uint64_t h = S_key_hash(a, b, n);
    size_t i = S_KEY_SLOT(h) & w->kmask;
    while (w->keys[i].n && !(w->keys[i].a == a && w->keys[i].b == b && w->keys[i].n == n))
        i = (i + 1) & w->kmask;
    tx_key *k = &w->keys[i];
    k->a = a, k->b = b, k->n = (uint32_t)n;
    w->tags[i] = S_KEY_TAG(h);
    k->cls |= (uint16_t)cls;
    k->flags |= (uint16_t)flags;
    for (int g = 1; g < TX_NGATE; g++)
        if (k->cls & (1u << S_gate_class[g]))
            k->gates |= (uint16_t)(1u << g);
    if (cls)
        S_sieve_add(w, s[0], s[n - 1], n);
    if ((cls & (1u << TX_WEEKDAY)) && n < TX_KEY_MAX)
        S_sieve_add(w, s[0], 's', n + 1); /* "Sundays" */
    if (cls & (1u << TX_WEEKDAY))
        w->wd_first |= 1u << (s[0] & 31);
}

static int S_keys_build(tx_words *w)
{
    size_t n = w->mask + 1, cap = 16;
    for (size_t l = 0; l < sizeof S_lists / sizeof S_lists[0]; l++)
        for (const char *const *v = S_lists[l].words; *v; v++)
            n++;
    while (cap < n * 4) /* sparse: a miss ends at the first empty slot */
        cap *= 2;
    w->keys = calloc(cap, sizeof *w->keys);
    w->tags = calloc(cap, 1);
    if (!w->keys || !w->tags)
        return CX_ERR_NOMEM;
    w->kmask = cap - 1;
    for (size_t i = 0; i <= w->mask; i++)
        if (w->slots[i].word)
            S_key_add(w, w->slots[i].word, w->slots[i].len, 1u << w->slots[i].cls, 0);
    for (size_t l = 0; l < sizeof S_lists / sizeof S_lists[0]; l++)
        for (const char *const *v = S_lists[l].words; *v; v++)
            S_key_add(w, *v, strlen(*v), 0, S_lists[l].flag);
    return CX_OK;
}

/* The flags of the word t[s..e) (any case) of a text of len bytes. */
static unsigned S_flags(const tx_words *w, const char *t, size_t len, size_t s, size_t e)
{
    uint64_t a, b;
    if (!S_pack(t + s, e - s, t + len, &a, &b))
        return 0;
    const tx_key *k = S_key_find(w, a, b, e - s);
    return k ? k->flags : 0;
}

/* Splits buf into lines in place; calls fn on each non-comment line. */
typedef int (*S_line_fn)(void *arg, char *line, long lineno);

static int S_each_line(char *buf, S_line_fn fn, void *arg)
{
    long lineno = 0;
    for (char *p = buf; p && *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        size_t n = strlen(p);
        while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
            p[--n] = '\0';
        if (n && p[0] != '#') {
            int rc = fn(arg, p, lineno);
            if (rc)
                return (int)lineno;
        }
        p = nl ? nl + 1 : NULL;
    }
    return 0;
}

static int S_word_line(void *arg, char *line, long lineno)
{
    tx_words *w = arg;
    char *t1 = strchr(line, '\t');
    char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t2)
        return -1;
    *t1 = *t2 = '\0';
    for (int c = 0; c < TX_NCLASS; c++)
        if (strcmp(t1 + 1, S_class_names[c]) == 0) {
            if (c == TX_HOLIDAY && !tx_holiday_rule_ok(t2 + 1))
                return -1; /* a rule no date comes of */
            return S_words_add(w, line, c, t2 + 1) ? -1 : 0;
        }
    (void)lineno;
    return -1;
}

static int S_load_words(const char *path, tx_words *w, cx_error *err)
{
    char *buf;
    size_t len;
    if (cx_read_file(path, &buf, &len) != CX_OK) {
        cx_error_set(err, CX_ERR_IO, path, 0, "cannot read timex word table");
        return CX_ERR_IO;
    }
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += buf[i] == '\n';
    size_t cap = 16;
    while (cap < lines * 2)
        cap *= 2;
    w->slots = calloc(cap, sizeof *w->slots);
    w->mask = cap - 1;
    if (!w->slots) {
        free(buf);
        return CX_ERR_NOMEM;
    }
    int bad = S_each_line(buf, S_word_line, w);
    free(buf);
    if (bad) {
        cx_error_set(err, CX_ERR_DATA, path, bad,
                     "expected WORD<TAB>CLASS<TAB>VALUE with a known class "
                     "(and a holiday rule: MM-DD, MM/N/W[+K] or E+K)");
        return CX_ERR_DATA;
    }
    return S_keys_build(w);
}

/* ---- the combined pattern ---------------------------------------------- */

typedef struct {
    char name[24];
    char *re;
} S_macro;

typedef struct {
    char name[16];
    char guard[600];   /* "(?=[...])": the bytes it can start with, or "" */
    uint8_t first[32]; /* the bytes it can start with (all when unknown) */
    char *re;          /* expanded */
    char *plain;       /* re without group names, or NULL (see S_strip_names) */
    unsigned uses;     /* the gate sets it can fire from (bits, see S_gate_class) */
    uint32_t caps;     /* its capture groups */
} S_rule;

typedef struct {
    const tx_words *w;
    tx_rule *out; /* cx_timex_rules.rules */
    S_macro macros[64];
    size_t nmacros;
    S_rule rules[TX_MAX_RULES];
    size_t nrules;
    const char *bad; /* what went wrong, for the error message */
    char badbuf[160];
} S_pload;

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int S_put_char(cx_buf *b, char c)
{
    if (c == ' ')
        return cx_buf_put(b, "\\s+", 3);
    if (strchr("\\^$.|?*+()[]{}", c) && cx_buf_put(b, "\\", 1))
        return -1;
    return cx_buf_put(b, &c, 1);
}

/* Appends the sorted words v[0..n), which share their first `depth`
 * bytes, as a trie: "sep(?:t(?:ember)?)?" for sep, sept, september. At
 * each byte it tries the longer words first, as the longest-first
 * alternation would, but a word that cannot match costs one byte test
 * instead of a try of every word of the class. */
static int S_put_trie(cx_buf *b, const char *const *v, size_t n, size_t depth)
{
    int end = v[0][depth] == '\0'; /* sorted: the word that ends here first */
    size_t i = end ? 1 : 0;
    while (end && i < n && v[i][depth] == '\0')
        i++; /* the same word twice */
    if (i == n)
        return 0;
    size_t nkids = 0;
    for (size_t j = i; j < n; j++)
        nkids += j == i || v[j][depth] != v[j - 1][depth];
    int group = end || nkids > 1;
    if (group && cx_buf_put(b, "(?:", 3))
        return -1;
    for (size_t j = i; j < n;) {
        size_t k = j + 1;
        while (k < n && v[k][depth] == v[j][depth])
            k++;
        if ((j > i && cx_buf_put(b, "|", 1)) || S_put_char(b, v[j][depth]) ||
            S_put_trie(b, v + j, k - j, depth + 1))
            return -1;
        j = k;
    }
    return group ? cx_buf_put(b, end ? ")?" : ")", end ? 2 : 1) : 0;
}

/* Appends the words of class cls as one group matching the longest word
 * that fits first. */
static int S_put_class(cx_buf *b, const tx_words *w, int cls)
{
    size_t n = 0, k = 0;
    for (size_t i = 0; i <= w->mask; i++)
        n += w->slots[i].word && w->slots[i].cls == cls;
    const char **v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0; i <= w->mask; i++)
        if (w->slots[i].word && w->slots[i].cls == cls)
            v[k++] = w->slots[i].word;
    qsort(v, n, sizeof *v, S_cmp_str);
    int rc = cx_buf_put(b, "(?:", 3);
    if (rc == 0 && n)
        rc = S_put_trie(b, v, n, 0);
    free(v);
    return rc ? rc : cx_buf_put(b, ")", 1);
}

/* Expands %{name} (a macro or a word class) in src into b. */
static int S_expand(S_pload *pl, cx_buf *b, const char *src)
{
    for (const char *p = src; *p;) {
        const char *m = strstr(p, "%{");
        const char *e = m ? strchr(m, '}') : NULL;
        if (!m || !e)
            return cx_buf_put(b, p, strlen(p));
        if (cx_buf_put(b, p, (size_t)(m - p)))
            return -1;
        size_t n = (size_t)(e - m - 2);
        int done = 0;
        for (size_t i = 0; !done && i < pl->nmacros; i++)
            if (strlen(pl->macros[i].name) == n && memcmp(pl->macros[i].name, m + 2, n) == 0) {
                const char *re = pl->macros[i].re ? pl->macros[i].re : ""; /* "@m<TAB>" */
                if (cx_buf_put(b, re, strlen(re)))
                    return -1;
                done = 1;
            }
        for (int c = 0; !done && c < TX_NCLASS; c++)
            if (strlen(S_class_names[c]) == n && memcmp(S_class_names[c], m + 2, n) == 0) {
                if (S_put_class(b, pl->w, c))
                    return -1;
                done = 1;
            }
        if (!done) {
            pl->bad = "unknown %{macro}";
            return -1;
        }
        p = e + 1;
    }
    return 0;
}

static int S_kind_of(const char *name)
{
    for (int k = 0; k < K_NKIND; k++)
        if (strcmp(name, S_kind_names[k]) == 0)
            return k;
    return -1;
}

/* Which gate sets a rule can fire from: numbers when it reads [0-9], and
 * each word class whose words it holds (a literal "quarter" or an
 * expanded %{unit} alike). Escapes (\s, \w) are not words. */
static unsigned S_rule_uses(const tx_words *w, const char *re)
{
    unsigned uses = strstr(re, "[0-9") ? 1u : 0;
    for (const char *p = re; *p;) {
        if (*p == '\\') {
            p += p[1] ? 2 : 1;
            continue;
        }
        if (!S_is_alnum((unsigned char)*p)) {
            p++;
            continue;
        }
        const char *b = p;
        while (S_is_alnum((unsigned char)*p))
            p++;
        unsigned c = tx_word_classes(w, b, (size_t)(p - b));
        for (int k = 1; k < TX_NGATE; k++)
            if (c & (1u << S_gate_class[k]))
                uses |= 1u << k;
    }
    return uses;
}

/* A lookahead on the bytes a rule can start with, from PCRE2's own
 * start analysis, so that in the combined pattern a rule that cannot
 * start here costs one test. Empty when the analysis has none. */
static void S_first_guard(const pcre2_code *one, char *g, size_t cap, uint8_t bits[32])
{
    const uint8_t *map = NULL;
    uint32_t type = 0, unit = 0;
    memset(bits, 0xff, 32); /* unknown: any byte */
    g[0] = '\0';
    memset(bits, 0, 32);
    pcre2_pattern_info(one, PCRE2_INFO_FIRSTCODETYPE, &type);
    if (type == 1) {
        pcre2_pattern_info(one, PCRE2_INFO_FIRSTCODEUNIT, &unit);
        if (unit >= 128)
            return;
        bits[unit / 8] |= (uint8_t)(1u << (unit % 8));
        int o = cx_ascii_lower((int)unit) ^ 0x20; /* the other case */
        if (((unit | 32) >= 'a' && (unit | 32) <= 'z'))
            bits[(unit ^ 0x20) / 8] |= (uint8_t)(1u << ((unit ^ 0x20) % 8));
        (void)o;
    } else if (pcre2_pattern_info(one, PCRE2_INFO_FIRSTBITMAP, &map) == 0 && map) {
        memcpy(bits, map, 32);
    } else {
        memset(bits, 0xff, 32);
        return;
    }
    for (int c = 128; c < 256; c++)
        if (bits[c / 8] & (1u << (c % 8)))
            return; /* a non-ASCII start: no guard */
    size_t n = (size_t)snprintf(g, cap, "(?=[");
    for (int c = 0; c < 128 && n + 8 < cap; c++)
        if (bits[c / 8] & (1u << (c % 8)))
            n += (size_t)snprintf(g + n, cap - n, "\\x%02x", c);
    if (n + 3 >= cap) {
        g[0] = '\0';
        return;
    }
    snprintf(g + n, cap - n, "])");
}

/* Is this "(?..." a construct that refers to groups by name or number,
 * or that changes how the rest is read ((?x) comments, (?| numbering)?
 * p points after "(?". */
static int S_group_ref(const char *p)
{
    if ((*p >= '0' && *p <= '9') || *p == 'R' || *p == '&' || *p == '(' || *p == '|' ||
        *p == '#' || ((*p == '+' || *p == '-') && p[1] >= '0' && p[1] <= '9') ||
        (*p == 'P' && (p[1] == '=' || p[1] == '>')))
        return 1;
    for (; (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '-' || *p == '^'; p++)
        if (*p == 'x')
            return 1; /* (?x): '#' and white space read otherwise */
    return 0;
}

/* Past the character class that opens at p ("[^]a-z[:digit:]]"), or NULL
 * when it does not end or quotes (\\Q...\\E). */
static const char *S_class_end(const char *p)
{
    const char *e = p + 1 + (p[1] == '^');
    e += *e == ']'; /* a first ']' is a byte */
    while (*e && *e != ']') {
        if (*e == '\\' && e[1] == 'Q')
            return NULL;
        if (*e == '[' && e[1] == ':') {
            const char *c = strstr(e + 2, ":]");
            if (!c)
                return NULL;
            e = c + 2;
        } else {
            e += *e == '\\' && e[1] ? 2 : 1;
        }
    }
    return *e ? e + 1 : NULL;
}

/* Copies re with each "(?<name>" (or "(?P<name>", "(?'name'") made a plain
 * "(", so that rules can share group numbers in a branch reset (which
 * forbids two names for one number). names[g] gets where group g's name
 * starts in re (NULL: unnamed), for the caller to check against PCRE2's
 * own numbering. Returns 0 with *out and *ngroups set; 1 when the rule
 * refers to groups (\k, \1, (?&...)), quotes (\Q), uses verbs or is too
 * odd to read here (the caller then keeps the rules' numbers apart); -1
 * when out of memory. */
static int S_strip_names(const char *re, const char **names, uint32_t cap, uint32_t *ngroups,
                         char **out)
{
    char *o = malloc(strlen(re) + 1), *q = o;
    uint32_t g = 0;
    const char *p = re;
    *out = NULL;
    if (!o)
        return -1;
    while (*p) {
        if (*p == '\\') {
            if (!p[1] || strchr("kgQE123456789", p[1]))
                break;
            *q++ = *p++;
            *q++ = *p++;
        } else if (*p == '[') { /* a class: parentheses there are bytes */
            const char *e = S_class_end(p);
            if (!e)
                break;
            memcpy(q, p, (size_t)(e - p));
            q += e - p;
            p = e;
        } else if (*p == '(' && p[1] == '*') {
            break; /* a verb: (*MARK) would hide the rule's own */
        } else if (*p == '(' && p[1] == '?') {
            const char *n = p[2] == 'P' && p[3] == '<'    ? p + 4
                            : p[2] == '<' || p[2] == '\'' ? p + 3
                                                          : NULL;
            const char *e = n;
            while (e && (*e == '_' || (S_ctype[(unsigned char)*e] & 1)))
                e++;
            if (n && e > n && !S_is_digit(*n)) { /* a name, not (?<= */
                if (*e != (p[2] == '\'' ? '\'' : '>') || ++g >= cap)
                    break;
                names[g] = n;
                *q++ = '(';
                p = e + 1;
            } else if (S_group_ref(p + 2)) {
                break;
            } else {
                *q++ = *p++;
            }
        } else {
            if (*p == '(' && ++g >= cap)
                break;
            if (*p == '(')
                names[g] = NULL;
            *q++ = *p++;
        }
    }
    if (*p) {
        free(o);
        return 1;
    }
    *q = '\0';
    *ngroups = g;
    *out = o;
    return 0;
}

/* Reads the groups of a rule compiled alone (one, from re) into out: the
 * field of each by its name. *plain: re without names when its groups
 * are numbered as PCRE2 numbers them, else NULL. Returns -1 when out of
 * memory. */
static int S_rule_groups(const pcre2_code *one, const char *re, tx_rule *out, char **plain)
{
    uint32_t caps = 0, count = 0, esize = 0, n = 0;
    PCRE2_SPTR table = NULL;
    pcre2_pattern_info(one, PCRE2_INFO_CAPTURECOUNT, &caps);
    pcre2_pattern_info(one, PCRE2_INFO_NAMECOUNT, &count);
    pcre2_pattern_info(one, PCRE2_INFO_NAMEENTRYSIZE, &esize);
    pcre2_pattern_info(one, PCRE2_INFO_NAMETABLE, &table);
    out->ngroups = caps;
    memset(out->field, -1, sizeof out->field);
    const char *names[sizeof out->field] = {0};
    int rc = S_strip_names(re, names, sizeof out->field, &n, plain);
    if (rc < 0)
        return -1;
    int same = rc == 0 && n == caps;
    uint8_t named[sizeof out->field] = {0};
    for (uint32_t i = 0; i < count; i++) {
        PCRE2_SPTR e = table + (size_t)i * esize;
        uint16_t g = (uint16_t)((e[0] << 8) | e[1]);
        const char *name = (const char *)e + 2;
        size_t len = strlen(name);
        /* the name PCRE2 gives group g is the one read at group g */
        same = same && names[g] && strncmp(names[g], name, len) == 0 &&
               (names[g][len] == '>' || names[g][len] == '\'');
        named[g] = 1;
        for (int f = 0; f < F_NFIELD; f++)
            if (strcmp(name, S_field_names[f]) == 0)
                out->field[g] = (int8_t)f;
    }
    for (uint32_t g = 1; same && g <= caps; g++)
        same = !names[g] == !named[g]; /* and no other group has a name */
    if (!same) {
        free(*plain);
        *plain = NULL;
    }
    return 0;
}

static int S_pattern_line(void *arg, char *line, long lineno)
{
    S_pload *pl = arg;
    char *tab = strchr(line, '\t');
    if (!tab || tab == line) {
        pl->bad = "expected NAME<TAB>REGEX";
        return -1;
    }
    *tab = '\0';
    cx_buf b = {0};
    if (S_expand(pl, &b, tab + 1)) {
        free(b.s);
        return -1;
    }
    if (line[0] == '@') {
        if (pl->nmacros == sizeof pl->macros / sizeof pl->macros[0] ||
            strlen(line + 1) >= sizeof pl->macros[0].name) {
            free(b.s);
            pl->bad = "too many or too long macro names";
            return -1;
        }
        S_macro *mc = &pl->macros[pl->nmacros++];
        snprintf(mc->name, sizeof mc->name, "%s", line + 1);
        mc->re = b.s;
        return 0;
    }
    if (S_kind_of(line) < 0) {
        free(b.s);
        pl->bad = "unknown rule name (see tx_kind in timex_impl.h)";
        return -1;
    }
    /* compiled alone first, so that a regex error names its line */
    int ecode;
    PCRE2_SIZE eoff;
    pcre2_code *one = pcre2_compile((PCRE2_SPTR)(b.s ? b.s : ""), b.n,
                                    PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_DUPNAMES,
                                    &ecode, &eoff, NULL);
    if (!one) {
        PCRE2_UCHAR msg[120];
        pcre2_get_error_message(ecode, msg, sizeof msg);
        snprintf(pl->badbuf, sizeof pl->badbuf, "%s (offset %zu of the expanded rule)",
                 (char *)msg, (size_t)eoff);
        pl->bad = pl->badbuf;
        free(b.s);
        return -1;
    }
    uint32_t caps = 0;
    pcre2_pattern_info(one, PCRE2_INFO_CAPTURECOUNT, &caps);
    char *plain = NULL;
    int rc = pl->nrules < TX_MAX_RULES && caps < sizeof pl->out->field
                 ? S_rule_groups(one, b.s ? b.s : "", &pl->out[pl->nrules], &plain)
                 : 0;
    pcre2_code_free(one);
    if (rc) {
        free(b.s);
        return -1; /* out of memory */
    }
    /* the start analysis again without UTF: caseless UTF lets "s" and "k"
     * start with U+017F and U+212A, which would leave the rule unguarded */
    one = pcre2_compile((PCRE2_SPTR)(b.s ? b.s : ""), b.n, PCRE2_CASELESS | PCRE2_DUPNAMES,
                        &ecode, &eoff, NULL);
    S_rule *nr = &pl->rules[pl->nrules < 64 ? pl->nrules : 63];
    if (one)
        S_first_guard(one, nr->guard, sizeof nr->guard, nr->first);
    else
        nr->guard[0] = '\0', memset(nr->first, 0xff, sizeof nr->first);
    pcre2_code_free(one);
    if (pl->nrules == sizeof pl->rules / sizeof pl->rules[0] ||
        strlen(line) >= sizeof pl->rules[0].name) {
        free(b.s);
        free(plain);
        pl->bad = "too many rules";
        return -1;
    }
    S_rule *ru = &pl->rules[pl->nrules++];
    snprintf(ru->name, sizeof ru->name, "%s", line);
    ru->re = b.s ? b.s : cx_strdup(""); /* an empty rule: b never grew */
    if (!ru->re) {
        pl->nrules--;
        free(plain);
        return -1;
    }
    ru->uses = S_rule_uses(pl->w, ru->re);
    ru->caps = caps;
    ru->plain = plain;
    pl->out[pl->nrules - 1].kind = S_kind_of(line);
    (void)lineno;
    return 0;
}

/* The pattern: no word character or currency sign just before, none
 * after, and no digit glued on with "." "," or ":" (1,200 or 3.1415). */
static const char S_head[] = "(?J)(?<![\\w$\\x{20AC}\\x{00A3}#@/])(?<![0-9][.,:])(?:";
static const char S_tail[] = ")(?![\\w%$\\x{20AC}\\x{00A3}])(?![.,:/][0-9])";

/* Can the rules of gate set k share their group numbers (a branch reset,
 * "(?|...)")? Then a match copies the groups of the largest rule, not of
 * all: that copy and the JIT's setting of every group unset at each
 * attempt were a third of a match's cost. A rule that refers to its
 * groups keeps its own numbers, and so do the others of its set. */
static int S_shared_groups(const S_pload *pl, int k)
{
    for (size_t i = 0; i < pl->nrules; i++)
        if ((pl->rules[i].uses & (1u << k)) && !pl->rules[i].plain)
            return 0;
    return 1;
}

/* Compiles the rules that can fire from gate set k into r->re[k]. */
static int S_compile_gate(const S_pload *pl, int k, cx_timex_rules *r, const char *path,
                          cx_error *err)
{
    cx_buf all = {0};
    size_t n = 0;
    int shared = S_shared_groups(pl, k);
    uint32_t group = 0; /* the groups before the next rule's first */
    tx_re *g = &r->re[k];
    int rc = cx_buf_put(&all, S_head, strlen(S_head)) || (shared && cx_buf_put(&all, "(?|", 3));
    for (size_t i = 0; rc == 0 && i < pl->nrules; i++) {
        const S_rule *ru = &pl->rules[i];
        if (!(ru->uses & (1u << k)))
            continue;
        if (ru->caps >= sizeof r->rules[i].field) {
            free(all.s);
            cx_error_set(err, CX_ERR_PATTERN, path, 0,
                         "more than %zu groups in "
                         "combined pattern %d",
                         sizeof r->rules[i].field - 1, k);
            return CX_ERR_PATTERN;
        }
        g->rules |= (uint64_t)1 << i;
        g->base[i] = (uint16_t)(shared ? 0 : group);
        group += ru->caps;
        for (int b = 0; b < 32; b++)
            g->first[b] |= ru->first[b];
        char head[40];
        /* the mark is the rule's index: no name lookup per match; it
         * follows the guard, so a rule that cannot start here sets none */
        snprintf(head, sizeof head, "(*MARK:%zu)(?:", i);
        const char *re = shared ? ru->plain : ru->re;
        rc = cx_buf_put(&all, "|", n++ ? 1 : 0) ||
             cx_buf_put(&all, ru->guard, strlen(ru->guard)) ||
             cx_buf_put(&all, head, strlen(head)) || cx_buf_put(&all, re, strlen(re)) ||
             cx_buf_put(&all, ")", 1);
    }
    if (rc == 0)
        rc = (shared && cx_buf_put(&all, ")", 1)) || cx_buf_put(&all, S_tail, strlen(S_tail));
    if (rc || !n) {
        free(all.s);
        return rc ? CX_ERR_NOMEM : CX_OK;
    }
    int ecode;
    PCRE2_SIZE eoff;
    /* anchored when compiled: the JIT serves it (PCRE2_ANCHORED given to
     * pcre2_match would fall back to the interpreter) */
    g->re = pcre2_compile((PCRE2_SPTR)all.s, all.n, PCRE2_UTF | PCRE2_CASELESS | PCRE2_ANCHORED,
                          &ecode, &eoff, NULL);
    free(all.s);
    if (!g->re) {
        PCRE2_UCHAR msg[200];
        pcre2_get_error_message(ecode, msg, sizeof msg);
        cx_error_set(err, CX_ERR_PATTERN, path, 0,
                     "%s (offset %zu of combined "
                     "pattern %d)",
                     (char *)msg, (size_t)eoff, k);
        return CX_ERR_PATTERN;
    }
    /* else interpreted */
    g->jit = pcre2_jit_compile(g->re, PCRE2_JIT_COMPLETE) == 0;
    return CX_OK;
}

/* The gate sets compile on two threads: compiling and JIT-compiling them
 * is most of the date data's load, and start-up waits for it. Each gate
 * writes only its own r->re[k]; errors are reported as a loop in gate
 * order would. */
typedef struct {
    const S_pload *pl;
    cx_timex_rules *r;
    const char *path;
    pthread_mutex_t mu;
    int next;
    int rc[TX_NGATE];
    cx_error err[TX_NGATE];
} S_gates;

static void *S_gates_run(void *arg)
{
    S_gates *G = arg;
    for (;;) {
        pthread_mutex_lock(&G->mu);
        int k = G->next++;
        pthread_mutex_unlock(&G->mu);
        if (k >= TX_NGATE)
            return NULL;
        G->rc[k] = S_compile_gate(G->pl, k, G->r, G->path, &G->err[k]);
    }
}

static int S_compile_gates(const S_pload *pl, cx_timex_rules *r, const char *path,
                           cx_error *err)
{
    S_gates G;
    memset(&G, 0, sizeof G);
    G.pl = pl, G.r = r, G.path = path;
    pthread_mutex_init(&G.mu, NULL);
    /* the first JIT compilation of a process sets PCRE2's globals (the
     * executable allocator check, the CPU's features) unlocked: it runs
     * alone, and only then the second thread starts (helgrind showed the
     * race; PCRE2 before 10.40 could fail one of two first compilations) */
    G.rc[0] = S_compile_gate(pl, 0, r, path, &G.err[0]);
    G.next = 1;
    pthread_t th;
    int threaded = pthread_create(&th, NULL, S_gates_run, &G) == 0;
    S_gates_run(&G);
    if (threaded)
        pthread_join(th, NULL);
    pthread_mutex_destroy(&G.mu);
    for (int k = 0; k < TX_NGATE; k++) {
        if (G.rc[k] != CX_OK) {
            if (err)
                *err = G.err[k];
            return G.rc[k];
        }
        uint32_t caps = 0;
        if (r->re[k].re)
            pcre2_pattern_info(r->re[k].re, PCRE2_INFO_CAPTURECOUNT, &caps);
        if (caps + 1 > r->max_pairs)
            r->max_pairs = caps + 1;
    }
    return CX_OK;
}

static int S_load_patterns(const char *path, cx_timex_rules *r, cx_error *err)
{
    char *buf;
    size_t len;
    if (cx_read_file(path, &buf, &len) != CX_OK) {
        cx_error_set(err, CX_ERR_IO, path, 0, "cannot read timex patterns");
        return CX_ERR_IO;
    }
    S_pload *pl = calloc(1, sizeof *pl);
    if (!pl) {
        free(buf);
        return CX_ERR_NOMEM;
    }
    pl->w = &r->words;
    pl->out = r->rules;
    int bad = S_each_line(buf, S_pattern_line, pl);
    free(buf);
    int rc = CX_OK;
    if (bad) {
        rc = CX_ERR_PATTERN;
        cx_error_set(err, rc, path, bad, "%s", pl->bad ? pl->bad : "out of memory");
    }
    if (rc == CX_OK)
        rc = S_compile_gates(pl, r, path, err);
    for (size_t i = 0; i < pl->nmacros; i++)
        free(pl->macros[i].re);
    for (size_t i = 0; i < pl->nrules; i++) {
        free(pl->rules[i].re);
        free(pl->rules[i].plain);
    }
    free(pl);
    return rc;
}

int cx_timex_rules_load(const char *data_dir, cx_timex_rules **out, cx_error *err)
{
    *out = NULL;
    cx_timex_rules *r = calloc(1, sizeof *r);
    char *words = cx_path_join(data_dir, "timex/words.txt");
    char *pats = cx_path_join(data_dir, "timex/patterns.txt");
    int rc = r && words && pats ? CX_OK : CX_ERR_NOMEM;
    if (rc == CX_OK)
        rc = S_load_words(words, &r->words, err);
    if (rc == CX_OK)
        rc = S_load_patterns(pats, r, err);
    if (rc == CX_OK) { /* one match context for every document and thread:
                        * pcre2_match only reads it */
        r->mc = pcre2_match_context_create(NULL);
        rc = r->mc ? CX_OK : CX_ERR_NOMEM;
        if (r->mc) {
            pcre2_set_match_limit(r->mc, TX_MATCH_LIMIT);
            pcre2_set_depth_limit(r->mc, TX_DEPTH_LIMIT);
        }
    }
    free(words);
    free(pats);
    if (rc != CX_OK) {
        cx_timex_rules_free(r);
        return rc;
    }
    *out = r;
    return CX_OK;
}

void cx_timex_rules_free(cx_timex_rules *r)
{
    if (!r)
        return;
    S_words_fini(&r->words);
    for (int k = 0; k < TX_NGATE; k++)
        pcre2_code_free(r->re[k].re);
    pcre2_match_context_free(r->mc);
    free(r);
}

/* ---- scanning ------------------------------------------------------------ */

typedef struct {
    tx_cand *v;
    size_t n, cap;
} S_cands;

/* S_classes for a word of more than TX_KEY_MAX bytes. */
static unsigned S_classes_long(const cx_timex_rules *r, const char *t, size_t s, size_t e,
                               unsigned *gates)
{
    size_t n = e - s;
    unsigned c = n < 20 ? tx_word_classes(&r->words, t + s, n) : 0;
    for (int g = 1; g < TX_NGATE; g++)
        if (c & (1u << S_gate_class[g]))
            *gates |= 1u << g;
    return c;
}

/* S_classes for a word ending in "s" that is in no class itself. */
static unsigned S_classes_plural(const cx_timex_rules *r, uint64_t a, uint64_t b, size_t n,
                                 unsigned *gates)
{
    n--; /* "Sundays" */
    if (n < 8)
        a &= ~((uint64_t)0xff << (8 * n));
    else
        b &= ~((uint64_t)0xff << (8 * (n - 8)));
    const tx_key *k = S_key_find(&r->words, a, b, n);
    if (!k || !(k->cls & (1u << TX_WEEKDAY)))
        return 0;
    for (int g = 1; g < TX_NGATE; g++)
        if (S_gate_class[g] == TX_WEEKDAY)
            *gates = 1u << g;
    return 1u << TX_WEEKDAY;
}

/* The classes of the word at text[s..e), with a plural "s" dropped when
 * the word itself is unknown ("Sundays"). Inline: the scan asks it of
 * every word, and most are one probe of the table. */
static inline __attribute__((always_inline)) unsigned S_classes(const cx_timex_rules *r,
                                                                const char *t, size_t len,
                                                                size_t s, size_t e,
                                                                unsigned *gates)
{
    size_t n = e - s;
    uint64_t a, b;
    *gates = 0;
    if (n - 1 < TX_KEY_MAX && !(r->words.sieve[S_sieve_at(t[s], t[e - 1])] >> (n - 1) & 1))
        return 0;                           /* most words: no word of a class looks like them */
    if (!S_pack(t + s, n, t + len, &a, &b)) /* longer than any word */
        return S_classes_long(r, t, s, e, gates);
    const tx_key *k = S_key_find(&r->words, a, b, n);
    if (k && k->cls) {
        *gates = k->gates;
        return k->cls;
    }
    /* only a weekday's plural counts: most words stop at its first letter */
    if (n <= 3 || (t[e - 1] | 32) != 's' || !(r->words.wd_first >> (t[s] & 31) & 1))
        return 0;
    return S_classes_plural(r, a, b, n, gates);
}

/* Is the word at t[s..e) "a.m."/"pm" or a word of a class that leads a
 * number into a date ("years", "June", "quarter", "half")? Join words
 * ("of", "to") and number words do not: "15 of the 20", "30 cents a
 * share". */
#define S_AMPM (1u << TX_NCLASS)
static unsigned S_time_word(const cx_timex_rules *r, const char *t, size_t len, size_t s,
                            size_t e)
{
    int c0 = t[s] | 32;
    if (c0 == 'a' || c0 == 'p') {
        if (e - s == 2 && (t[s + 1] | 32) == 'm')
            return S_AMPM; /* am, pm */
        if (e - s == 1) {  /* a.m., a m, a.m */
            size_t p = e;
            if (p < len && t[p] == '.')
                p++;
            if (p < len && t[p] == ' ')
                p++;
            return p < len && (t[p] | 32) == 'm' ? S_AMPM : 0;
        }
    }
    unsigned g, c = S_classes(r, t, len, s, e, &g);
    return c & ~((1u << TX_NUMW) | (1u << TX_ORDINAL) | (1u << TX_START) | (1u << TX_TZ) |
                 (1u << TX_JOIN));
}

/* t[s..s+4) is a wire-service time "HHMM" and a time zone follows:
 * "0930 GMT", "1430 local time". */
static int S_hhmm_zone(const cx_timex_rules *r, const char *t, size_t len, size_t s, size_t e)
{
    int h = (t[s] - '0') * 10 + t[s + 1] - '0', m = (t[s + 2] - '0') * 10 + t[s + 3] - '0';
    if (h > 23 || m > 59 || e + 1 >= len || t[e] != ' ')
        return 0;
    size_t b = e + 1, p = b;
    while (p < len && S_is_alnum((unsigned char)t[p]))
        p++;
    unsigned g;
    return p > b && ((S_classes(r, t, len, b, p, &g) & (1u << TX_TZ)) ||
                     (p - b == 5 && cx_ascii_strncasecmp(t + b, "local", 5) == 0));
}

/* A number that can be (part of) a date: a year; glued to "s", an
 * ordinal suffix or "am" ("1990s", "10am"), to a colon or slash ("10:30",
 * "6/1"); or with a time word within the next three words ("14 years",
 * "20 more years", "10 a.m.", "15 June", "1.5 years", "14-year", "5th of
 * May"); four digits with a zone ("0930 GMT"). Not 1,200, 3.5 or $20,
 * nor "15 people", "6-3", "47th", "1-800-555-1995". Each
 * number let through costs a pattern try; the rules read a number only
 * in these shapes. */
static int S_date_number(const cx_timex_rules *r, const char *t, size_t len, size_t s, size_t e)
{
    if (s > 0 &&
        (t[s - 1] == '$' || (s > 1 && (t[s - 1] == ',' || t[s - 1] == '.' || t[s - 1] == '-') &&
                             S_is_digit(t[s - 2]))))
        return 0; /* $20, 1,995, 3.1995, 1-800-555-1995 */
    int sep = e + 1 < len ? t[e] : 0, next = sep ? (unsigned char)t[e + 1] : 0;
    if ((sep == ',' || sep == '.') && S_is_digit(next) && !(sep == '.' && e - s <= 2))
        return 0; /* 1,200; 3.1415 (but "10.30 p.m.") */
    size_t d = s;
    while (d < e && S_is_digit(t[d]))
        d++;
    size_t p = e; /* where the time word may follow */
    int decimal = 0;
    if (d < e) { /* glued letters */
        int a = t[d] | 32, b = d + 1 < e ? t[d + 1] | 32 : 0;
        if (a == 's' && d + 1 == e)
            return 1; /* 1990s */
        if (a == 'a' || a == 'p' || (a == 't' && d + 1 < e && S_is_digit(t[d + 1])))
            return 1; /* 10am, 10a.m., 2001-05-06T10 */
        if (d + 2 != e || !((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
                            (a == 'r' && b == 'd') || (a == 't' && b == 'h')))
            return 0; /* 5m, 3D, A380-like */
        /* an ordinal: a day or quarter when a time word follows */
    } else if (d - s == 4 && (t[s] == '1' || (t[s] == '2' && t[s + 1] == '0'))) {
        return 1;
    } else if (d - s == 4 && S_hhmm_zone(r, t, len, s, e)) {
        return 1; /* 0930 GMT */
    } else if (sep == ':' && S_is_digit(next)) {
        /* 10:30, but not a race time 1:46.66 nor 10:30:15 */
        p = e + 1;
        if (p + 2 > len || !S_is_digit(t[p + 1]))
            return 0;
        p += 2;
        return !(p + 1 < len && (t[p] == '.' || t[p] == ',' || t[p] == ':' || t[p] == '/') &&
                 S_is_digit(t[p + 1]));
    } else if (sep == '/' && S_is_digit(next)) {
        /* 6/1/2023, and the 1/2 of "2 1/2 years"; not 7/8 or 21/32 */
        for (p = e + 1; p < len && S_is_digit(t[p]); p++)
            ;
        if (p + 1 < len && t[p] == '/' && S_is_digit(t[p + 1]))
            return 1;
        return e - s == 1 && t[s] == '1' && p == e + 2 && t[e + 1] == '2';
    } else if (sep == ':' || sep == '/') {
        return S_is_alnum(next);
    } else if (sep == '.' && S_is_digit(next)) {
        for (p = e + 1; p < len && S_is_digit(t[p]); p++)
            ; /* "1.5 years", "10.30 p.m.": a unit or a.m. must follow */
        decimal = 1;
    } else if (sep == '.' && S_is_alnum(next)) {
        return 1;
    }
    for (int k = 0; k < 3 && p < len; k++) {
        while (p < len && (t[p] == ' ' || t[p] == '-' || t[p] == '\t'))
            p++;
        size_t b = p;
        while (p < len && S_is_alnum((unsigned char)t[p]))
            p++;
        if (p == b)
            return 0;
        unsigned c = S_time_word(r, t, len, b, p);
        if (c && p + 3 < len && (t[p] == '-' || t[p] == ' ') &&
            cx_ascii_strncasecmp(t + p + 1, "old", 3) == 0)
            return 0; /* "6-year-old": no duration */
        if (c && (!decimal || (c & (1u << TX_UNIT)) || c == S_AMPM))
            return 1;
    }
    return 0;
}

/* Fills c from a match of rule ru. */
static void S_fill(const cx_timex_rules *R, const tx_re *r, pcre2_match_data *md, unsigned ru,
                   tx_cand *c)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    uint32_t npairs = pcre2_get_ovector_count(md);
    const tx_rule *rule = &R->rules[ru];
    c->kind = rule->kind;
    c->start = ov[0];
    c->end = ov[1];
    memset(c->f, 0xff, sizeof c->f); /* every field -1: not captured */
    /* only the groups of the rule that matched; of several with one
     * name, the first set one counts */
    for (uint32_t l = 1; l <= rule->ngroups; l++) {
        uint32_t g = r->base[ru] + l;
        int f = rule->field[l];
        if (g >= npairs)
            break;
        if (f >= 0 && ov[2 * g] != PCRE2_UNSET && c->f[f][0] < 0) {
            c->f[f][0] = (long)ov[2 * g];
            c->f[f][1] = (long)ov[2 * g + 1];
        }
    }
}

/* The rule a match went through: its (*MARK), a decimal index. */
static unsigned S_mark_rule(pcre2_match_data *md)
{
    const unsigned char *m = pcre2_get_mark(md);
    unsigned ru = 0;
    if (!m || !*m)
        return TX_MAX_RULES;
    for (; *m >= '0' && *m <= '9' && ru < TX_MAX_RULES; m++)
        ru = ru * 10 + (unsigned)(*m - '0');
    return *m ? TX_MAX_RULES : ru;
}

/* Tries the pattern anchored at each of the word starts ws[0..nws) in
 * order; the first that matches fills c. Returns 1, 0, or -1 on a limit. */
static int S_plausible(const tx_words *w, const tx_cand *c, const char *t, size_t len);

static int S_try(const cx_timex_rules *R, const tx_re *r, const char *t, size_t len, size_t lim,
                 const size_t *ws, size_t nws, pcre2_match_data *md, tx_cand *c)
{
    for (size_t i = 0; i < nws; i++) {
        unsigned char b = (unsigned char)t[ws[i]];
        if (!(r->first[b / 8] & (1u << (b % 8))))
            continue; /* no rule of this set starts with this byte */
        /* pcre2_jit_match skips pcre2_match's checks of what is checked
         * once here: valid UTF-8 (the document), the same options */
        int rc = r->jit ? pcre2_jit_match(r->re, (PCRE2_SPTR)t, lim, ws[i], PCRE2_NO_UTF_CHECK,
                                          md, R->mc)
                        : pcre2_match(r->re, (PCRE2_SPTR)t, lim, ws[i], PCRE2_NO_UTF_CHECK, md,
                                      R->mc);
        if (rc > 0) {
            unsigned ru = S_mark_rule(md);
            if (ru >= TX_MAX_RULES || !(r->rules >> ru & 1))
                continue;
            S_fill(R, r, md, ru, c);
            if (c->end > c->start && S_plausible(&R->words, c, t, len))
                return 1; /* else a later start may still match */
        } else if (rc != PCRE2_ERROR_NOMATCH) {
            return -1;
        }
    }
    return 0;
}

/* The end of the window after a gate word: TX_AHEAD bytes on, moved to a
 * white space so that no token is cut in two. */
static size_t S_window_end(const char *t, size_t len, size_t from)
{
    size_t e = from + TX_AHEAD;
    if (e >= len)
        return len;
    while (e < len && t[e] != ' ' && t[e] != '\n' && t[e] != '\t')
        e++;
    return e;
}

/* Is the capitalized word [s, e) part of a name (S_scan asks it). */
static int S_name_word(const char *t, size_t len, size_t s, size_t e);

static int S_scan(const cx_timex_rules *r, const char *t, size_t len, S_cands *out,
                  cx_warning_vec *warn)
{
    pcre2_match_data *md = pcre2_match_data_create(r->max_pairs, NULL);
    if (!md)
        return CX_ERR_NOMEM;
    size_t ws[TX_BACK + 1], nws = 0, done = 0; /* done: end of last match */
    size_t i = 0;
    int limits = 0;
    const unsigned char *u = (const unsigned char *)t;
    for (;;) {
        /* t[len] is NUL (CT_END): the loops need no bounds test; most
         * words end at one space, stepped over without the table */
        i += u[i] == ' ';
        while (!(S_ctype[u[i]] & (CT_ALNUM | CT_APOS | CT_END)))
            i++;
        if (i >= len)
            break;
        size_t s = i; /* a word may open with an apostrophe: '90s */
        if (t[i] == '\'')
            i++;
        size_t body = i;
        /* two bytes a step (a third fewer instructions under GCC than
         * one): a letter or digit is not the closing NUL, so the byte
         * after it is in the text or is that NUL */
        while (S_ctype[u[i]] & CT_ALNUM) {
            if (!(S_ctype[u[i + 1]] & CT_ALNUM)) {
                i++;
                break;
            }
            i += 2;
        }
        if (i == body) {
            i = s + 1;
            continue;
        }
        int digit = t[body] >= '0' && t[body] <= '9';
        unsigned gates = 0; /* the gate sets of this word */
        unsigned cls = digit ? 0 : S_classes(r, t, len, body, i, &gates);
        if (!digit && !cls && i - body > 2 && t[i - 1] >= '0' && t[i - 1] <= '9') {
            /* letters glued to a number ("FY2023"): the letters' classes */
            size_t k = i; /* (t[body] is no digit: k stops after it) */
            while (t[k - 1] >= '0' && t[k - 1] <= '9')
                k--;
            cls = S_classes(r, t, len, body, k, &gates);
            if (cls && (i - k == 2 || S_date_number(r, t, len, k, i)))
                gates |= 1u; /* ("FY23": two digits after a word are no amount) */
        }
        if (!digit && !cls) {
            nws = 0; /* "said": no expression runs across it */
            continue;
        }
        if (cls == (1u << TX_JOIN))
            continue; /* "of", "than": inside, never first */
        if (nws == TX_BACK + 1)
            memmove(ws, ws + 1, --nws * sizeof *ws);
        ws[nws++] = s;
        if (digit)
            gates = S_date_number(r, t, len, body, i) ? 1u : 0;
        if (cls == (1u << TX_MONTH) && !S_is_upper((unsigned char)t[body]))
            gates = 0; /* "may" the verb: months are capitalized */
        if (cls == (1u << TX_SETW) && S_is_upper((unsigned char)t[body]) &&
            S_name_word(t, len, s, i)) {
            nws = 0; /* "China Daily", "Daily Mail": a paper's name */
            continue;
        }
        if (s < done || !gates)
            continue;
        size_t first = 0; /* an expression's head is a few words back */
        while (first < nws && (ws[first] < done || s - ws[first] > 48))
            first++;
        tx_cand c;
        int rc = 0;
        for (int k = 0; rc == 0 && k < TX_NGATE; k++)
            if ((gates & (1u << k)) && r->re[k].re)
                rc = S_try(r, &r->re[k], t, len, S_window_end(t, len, i), ws + first,
                           nws - first, md, &c);
        if (rc < 0 && limits++ == 0)
            cx_warn(warn, -1, "date pattern match limit reached near byte %zu", s);
        if (rc <= 0)
            continue;
        if (cx_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v)) {
            pcre2_match_data_free(md);
            return CX_ERR_NOMEM;
        }
        out->v[out->n++] = c;
        done = c.end;
        if (i < done) {
            i = done;
            nws = 0;
        }
    }
    pcre2_match_data_free(md);
    return CX_OK;
}

/* ---- context checks ------------------------------------------------------- */

/* The word before byte offset off: [*ws, *we). Returns 0 when none in the
 * same line. */
static int S_prev_word(const char *t, size_t off, size_t *ws, size_t *we)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t e = off;
    while (e > 0 && (S_ctype[u[e - 1]] & CT_BLANK))
        e--;
    size_t s = e;
    while (s > 0 && (S_ctype[u[s - 1]] & (CT_ALNUM | CT_DOT | CT_APOS)))
        s--;
    *ws = s;
    *we = e;
    return e > s;
}

static int S_next_word(const char *t, size_t len, size_t off, size_t *ws, size_t *we)
{
    size_t s = off;
    while (s < len && (t[s] == ' ' || t[s] == '\t'))
        s++;
    size_t e = s;
    while (e < len && (S_is_alnum((unsigned char)t[e]) || t[e] == '\''))
        e++;
    *ws = s;
    *we = e;
    return e > s;
}

/* Does the word at s start a sentence (after . ! ? or a blank line)? */
static int S_sentence_start(const char *t, size_t s)
{
    while (s > 0 && (t[s - 1] == ' ' || t[s - 1] == '\t' || t[s - 1] == '"' ||
                     t[s - 1] == '`' || t[s - 1] == '\''))
        s--;
    return s == 0 || strchr(".!?\n:;", t[s - 1]) != NULL;
}

/* Is the capitalized word [s, e) part of a name: inside a sentence, next
 * to another capitalized word on its line ("People's Daily", "Business
 * Weekly", "Daily Telegraph")? */
static int S_name_word(const char *t, size_t len, size_t s, size_t e)
{
    size_t a, b;
    if (S_sentence_start(t, s))
        return 0;
    if (S_prev_word(t, s, &a, &b) && S_is_upper((unsigned char)t[a]))
        return 1;
    return S_next_word(t, len, e, &a, &b) && S_is_upper((unsigned char)t[a]);
}

static int S_word_in(const char *t, size_t s, size_t e, const char *const *v)
{
    int c = cx_ascii_lower((unsigned char)t[s]);
    for (; *v; v++)
        if ((*v)[0] == c && strlen(*v) == e - s && cx_ascii_strncasecmp(*v, t + s, e - s) == 0)
            return 1;
    return 0;
}

/* Are the bytes between two expressions, blanks aside, one of words
 * ("and", "-", "to")? */
static int S_gap_in(const char *t, size_t s, size_t e, const char *const *words)
{
    while (s < e && (t[s] == ' ' || t[s] == '\n'))
        s++;
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\n'))
        e--;
    return e > s && S_word_in(t, s, e, words);
}

/* Words after "May" the modal verb: "this May be true", "May have been". */
static const char *const S_after_modal[] = {"be",    "have",  "not",  "also", "well",
                                            "never", "still", "soon", "even", NULL};

/* Is the word right after a month word (ending at me) one of words? */
static int S_month_then(const char *t, size_t len, long me, const char *const *words)
{
    size_t ns, ne;
    return S_next_word(t, len, (size_t)me, &ns, &ne) && ns == (size_t)me + 1 &&
           S_word_in(t, ns, ne, words);
}

/* "a June agreement", "the May elections": a month word between a
 * determiner and a small word is a month modifying a noun ("the March of
 * Dimes", "this May be" are not). */
static int S_month_before_noun(const tx_words *w, const char *t, size_t len, size_t ps,
                               size_t pe, long me)
{
    size_t ns, ne;
    if (pe == 0 || !(S_flags(w, t, len, ps, pe) & W_DET) ||
        !S_next_word(t, len, (size_t)me, &ns, &ne) || ns != (size_t)me + 1 || t[ns] < 'a' ||
        t[ns] > 'z')
        return 0;
    return !S_word_in(t, ns, ne, (const char *const[]){"of", "and", "or", "to", NULL}) &&
           !S_month_then(t, len, me, S_after_modal);
}

/* A bare month word ("May", "March", "Aug") must be read as a month:
 * capitalized, and for the ambiguous or abbreviated ones a preposition
 * before it. */
static int S_month_ok(const tx_words *w, const tx_cand *c, const char *t, size_t len)
{
    long ms = c->f[F_M][0], me = c->f[F_M][1];
    if (ms < 0)
        return 1;
    if (!S_is_upper((unsigned char)t[ms]))
        return 0;
    /* "the quarter ended Oct. 31": after "ended" it is a month */
    int full = c->f[F_D][0] >= 0 || c->f[F_Y][0] >= 0 || c->kind == K_QTHE || c->kind == K_QTR;
    if (full)
        return 1;
    /* "This May be true": the modal, even after "this" or "that" (but
     * "in May also", "last May not one") */
    static const char *const this_that[] = {"this", "that", NULL};
    long rs = c->f[F_REL][0];
    if (me - ms == 3 && cx_ascii_strncasecmp(t + ms, "may", 3) == 0 && c->f[F_MOD][0] < 0 &&
        (rs < 0 || S_word_in(t, (size_t)rs, (size_t)c->f[F_REL][1], this_that)) &&
        S_month_then(t, len, me, S_after_modal)) {
        size_t qs, qe, from = (size_t)(rs < 0 ? ms : rs);
        if (rs < 0 && S_prev_word(t, from, &qs, &qe) && S_word_in(t, qs, qe, this_that))
            from = qs;
        if (!(S_prev_word(t, from, &qs, &qe) && (S_flags(w, t, len, qs, qe) & W_PREP)))
            return 0;
    }
    if (c->f[F_MOD][0] >= 0 || c->f[F_REL][0] >= 0)
        return 1;
    size_t ps, pe, ns, ne;
    int prev = S_prev_word(t, (size_t)ms, &ps, &pe);
    int prep = prev && (S_flags(w, t, len, ps, pe) & W_PREP);
    size_t n = (size_t)(me - ms);
    int ambiguous = n <= 4 || (n == 5 && cx_ascii_strncasecmp(t + ms, "march", 5) == 0);
    if (ambiguous && !prep && !S_month_before_noun(w, t, len, prev ? ps : 0, prev ? pe : 0, me))
        return 0;
    /* "Theresa May", "June Carter": a capitalized word glued to it */
    if (!prep && prev && S_is_upper((unsigned char)t[ps]) && !S_sentence_start(t, ps))
        return 0;
    if (S_next_word(t, len, (size_t)me, &ns, &ne) && S_is_upper((unsigned char)t[ns]) &&
        (!prep || ambiguous))
        return 0; /* "Jan Kavan", "June Carter" */
    return 1;
}

/* A year between capitalized words is part of a name or title: "Cyber
 * 2022 Power Index", "Euro 2016", "Vision 2030". */
static int S_year_in_name(const tx_words *w, const tx_cand *c, const char *t, size_t len)
{
    if (c->kind != K_YEAR || c->f[F_MOD][0] >= 0 || c->f[F_FISC][0] >= 0)
        return 0;
    size_t ps, pe;
    if (!S_prev_word(t, c->start, &ps, &pe) || pe != c->start - 1)
        return 0;
    if (!S_is_upper((unsigned char)t[ps]) || (S_flags(w, t, len, ps, pe) & W_PREP))
        return 0;
    if (pe - ps > 2 && t[pe - 2] == '\'' && (t[pe - 1] == 's' || t[pe - 1] == 'S'))
        return 0; /* "Russia's 2024 election" */
    return S_sentence_start(t, ps) ? 0 : 1;
}

/* "as soon as", "soon after": a link between events, not a time. */
static int S_bad_soon(const tx_cand *c, const char *t, size_t len)
{
    if (c->end - c->start != 4 || cx_ascii_strncasecmp(t + c->start, "soon", 4))
        return 0;
    size_t s, e;
    if (S_next_word(t, len, c->end, &s, &e) &&
        S_word_in(t, s, e,
                  (const char *const[]){"as", "after", "afterward", "afterwards", "thereafter",
                                        NULL}))
        return 1;
    return S_prev_word(t, c->start, &s, &e) &&
           S_word_in(t, s, e, (const char *const[]){"as", "how", "too", NULL});
}

/* "$1.76 a year", "four flights a week": a rate, not a period. */
static int S_rate(const tx_cand *c, const char *t)
{
    long n = c->f[F_N][0], ne = c->f[F_N][1];
    if (n < 0 || ne - n > 2 || c->f[F_AGO][0] >= 0 || (t[n] | 32) != 'a' ||
        c->start != (size_t)n)
        return 0;
    size_t s, e;
    if (!S_prev_word(t, c->start, &s, &e))
        return 0;
    return (t[s] >= '0' && t[s] <= '9') || (e - s > 3 && t[e - 1] == 's') ||
           S_word_in(t, s, e,
                     (const char *const[]){"million", "billion", "thousand", "hundred", NULL});
}

/* Moves c->start to the word at or after p. */
static void S_start_at(tx_cand *c, const char *t, long p)
{
    if (p < 0 || (size_t)p <= c->start || (size_t)p >= c->end)
        return;
    while ((size_t)p < c->end && (t[p] == ' ' || t[p] == '\t' || t[p] == '\n'))
        p++;
    c->start = (size_t)p;
}

/* Spans as TimeML draws them: a hyphenated modifier ("a third-quarter
 * loss", "its two-year plan") is tagged without its determiner, "earlier
 * this week" as "this week". */
static void S_trim(tx_cand *c, const char *t)
{
    long joint = -1, head = -1;
    if (c->kind == K_DUR && c->f[F_N][0] >= 0 && c->f[F_U][0] >= 0)
        joint = c->f[F_N][1], head = c->f[F_N][0];
    if (c->kind == K_QTR && c->f[F_ORD][0] >= 0 && c->f[F_QU][0] >= 0) {
        joint = c->f[F_ORD][1], head = c->f[F_ORD][0];
        if (c->f[F_FISC][0] >= 0 && c->f[F_FISC][0] < head)
            head = c->f[F_FISC][0]; /* "the fiscal second-quarter": fiscal is its part */
    }
    if (joint >= 0 && t[joint] == '-' && c->f[F_Y][0] < 0)
        S_start_at(c, t, head);
    long a = c->f[F_AGO][0];
    if (c->kind == K_DUR && a >= 0 && c->f[F_U][0] >= 0 &&
        ((t[a] | 32) == 'l' || (t[a] | 32) == 'e')) { /* later, earlier */
        char u = (char)(t[c->f[F_U][0]] | 32);
        if (u != 'y' && u != 'd') /* years, decades stay dates */
            c->end = (size_t)c->f[F_U][1];
        else if (u == 'd' && (t[c->f[F_U][0] + 1] | 32) == 'a')
            c->end = (size_t)c->f[F_U][1]; /* days */
    }
    static const char *const dets[] = {"a", "an", "its", "their", "his", "her", NULL};
    size_t ws, we;
    if (c->kind == K_QTR && S_next_word(t, c->end, c->start, &ws, &we) &&
        S_word_in(t, ws, we, dets))
        S_start_at(c, t, (long)we);
}

/* Plain-text checks the pattern cannot make. 0: drop the match. */
static int S_sentence_end(const char *t, size_t e);

/* A month alone before the name of a traded good or a futures word
 * ("December cotton", "the September Bund future", "October crude") is
 * the delivery month of a contract: one still to come. */
static int S_contract_month(const tx_cand *c, const char *t, size_t len)
{
    static const char *const goods[] = {
        "futures", "future",   "contract",  "contracts", "delivery", "options",    "crude",
        "oil",     "gasoline", "gas",       "cotton",    "wheat",    "corn",       "soybeans",
        "soyoil",  "soymeal",  "sugar",     "coffee",    "cocoa",    "gold",       "silver",
        "copper",  "platinum", "aluminium", "aluminum",  "cattle",   "hogs",       "bund",
        "gilt",    "gilts",    "bonds",     "notes",     "bills",    "treasuries", "bobl",
        "btp",     "barley",   "canola",    "rubber",    NULL};
    if (c->kind != K_MY || c->f[F_Y][0] >= 0 || c->f[F_REL][0] >= 0 || c->f[F_RY][0] >= 0 ||
        c->f[F_MOD][0] >= 0 || c->f[F_YW][0] >= 0)
        return 0;
    size_t ns, ne;
    return S_next_word(t, len, (size_t)c->end, &ns, &ne) && S_word_in(t, ns, ne, goods);
}

/* A half or quarter with no year in a sentence about a game ("both goals
 * came early in the second half", "a 30-10 lead going into the last
 * quarter", "a 2-0 first-half deficit") is a period of play: a score or a
 * word of the game in its sentence tells so. */
static int S_game_period(const tx_cand *c, const char *t, size_t len)
{
    static const char *const game[] = {"scored",     "scoring",   "scorer",     "scorers",
                                       "halftime",   "interval",  "striker",    "goalkeeper",
                                       "keeper",     "referee",   "equaliser",  "equalizer",
                                       "substitute", "touchdown", "touchdowns", "quarterback",
                                       "whistle",    "kickoff",   NULL};
    /* ("goal", "match" and "penalty" are business words too: "its annual
     * profit goal", "to match the offer") */
    long u = c->kind == K_RELU ? c->f[F_U][0] : c->f[F_QU][0];
    if ((c->kind != K_QTR && c->kind != K_QTHE && c->kind != K_RELU) || u < 0 ||
        ((t[u] | 32) != 'q' && (t[u] | 32) != 'h') || c->f[F_Y][0] >= 0 || c->f[F_RY][0] >= 0 ||
        c->f[F_FISC][0] >= 0 || c->f[F_YAGO][0] >= 0)
        return 0;
    size_t a = (size_t)c->start, e = (size_t)c->end;
    for (int k = 0; a > 0 && k < 300 && t[a - 1] != '\n' && !S_sentence_end(t, a); k++)
        a--;
    for (int k = 0; e < len && k < 300 && t[e] != '\n' && !S_sentence_end(t, e + 1); k++)
        e++;
    for (size_t i = a; i < e;) {
        while (i < e && !S_is_alnum((unsigned char)t[i]))
            i++;
        size_t ws = i;
        while (i < e && (S_is_alnum((unsigned char)t[i]) || t[i] == '-'))
            i++;
        if (i == ws)
            break;
        if (S_word_in(t, ws, i, game))
            return 1;
        /* a score: 2-0, 32-8 (not a year range) */
        size_t d = ws;
        while (d < i && S_is_digit(t[d]))
            d++;
        if (d > ws && d - ws <= 2 && d < i && t[d] == '-' && i - d - 1 >= 1 && i - d - 1 <= 2 &&
            S_is_digit(t[d + 1]) && S_is_digit(t[i - 1]) && (ws == 0 || t[ws - 1] != '$') &&
            (i >= len || (t[i] != '/' && t[i] != '.' && t[i] != ',')) &&
            cx_ascii_strncasecmp(t + i, " percent", 8) != 0)
            return 1; /* (not 2-1/4 percent, $5-6) */
    }
    return 0;
}

/* A bare 24-hour "14:30" (no time zone, day or modifier with it) is a
 * clock time after a word that leads one ("at 14:30", "until 16:00",
 * "the 10:30 train"); after a name it is a race time or a gap in a
 * results table ("Dekker (Netherlands) Rabobank 1:16"). */
static int S_bare_clock_ok(const tx_cand *c, const char *t)
{
    static const char *const lead[] = {
        "at",    "by",      "until",    "till", "from", "to",     "before", "after",
        "since", "between", "and",      "or",   "the",  "around", "about",  "approximately",
        "near",  "past",    "starting", "as",   "of",   NULL};
    if (c->f[F_TZ][0] >= 0 || c->f[F_WD][0] >= 0 || c->f[F_M][0] >= 0 || c->f[F_MOD][0] >= 0)
        return 1;
    size_t ps, pe;
    if (S_prev_word(t, (size_t)c->start, &ps, &pe))
        return S_word_in(t, ps, pe, lead);
    /* no word right before: a schedule line that opens with the time,
     * "Kick-off: 20:00", "(14:30)"; not "(Norway) 2:05" */
    size_t i = (size_t)c->start;
    while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t'))
        i--;
    return i == 0 || t[i - 1] == '\n' || t[i - 1] == ':' || t[i - 1] == '(';
}

static int S_plausible(const tx_words *w, const tx_cand *c, const char *t, size_t len)
{
    if (!S_month_ok(w, c, t, len))
        return 0;
    if (c->kind == K_CLOCK24 && !S_bare_clock_ok(c, t))
        return 0;
    if (S_game_period(c, t, len))
        return 0;
    if (c->kind == K_DEC2) { /* "the 60s", "'60s", not "her 60s" */
        long s = c->f[F_DEC2][0];
        if (t[s] != '\'' && c->f[F_MOD][0] < 0 &&
            cx_ascii_strncasecmp(t + c->start, "the", 3) != 0)
            return 0;
    }
    if (c->kind == K_SEAS) { /* "fall" the verb; "the fall of Rome" */
        long r = c->f[F_REL][0];
        int fall = cx_ascii_strncasecmp(t + c->f[F_SEA][0], "fall", 4) == 0;
        if (r < 0 && c->f[F_Y][0] < 0 && c->f[F_MOD][0] < 0)
            return 0;
        if (fall && c->f[F_Y][0] < 0 && (r < 0 || cx_ascii_strncasecmp(t + r, "the", 3) == 0))
            return 0;
    }
    if (c->kind == K_REF && S_bad_soon(c, t, len))
        return 0;
    if (c->kind == K_DUR && S_rate(c, t))
        return 0;
    if (c->kind == K_DURX && c->f[F_UX][0] >= 0 && c->start == (size_t)c->f[F_UX][0] &&
        c->start > 0 && t[c->start - 1] == '-')
        return 0; /* "after-hours trading", "man-hours": a compound word */
    if (c->kind == K_DURX && c->f[F_UX][0] >= 0 && c->start == (size_t)c->f[F_UX][0] &&
        cx_ascii_strncasecmp(t + c->start, "hours", 5) == 0) {
        /* "the early/small/wee hours": the night, not a length of time */
        static const char *const night[] = {"early", "small", "wee", NULL};
        size_t ps, pe;
        if (S_prev_word(t, c->start, &ps, &pe) && S_word_in(t, ps, pe, night))
            return 0;
    }
    if ((c->kind == K_DUR || c->kind == K_DURX) && c->f[F_AGO][0] < 0) {
        size_t ns, ne; /* "a quarter of the", "two days of talks" */
        long us = c->f[F_U][0] >= 0 ? c->f[F_U][0] : c->f[F_UX][0];
        if (S_next_word(t, len, c->end, &ns, &ne) && ne - ns == 2 &&
            cx_ascii_strncasecmp(t + ns, "of", 2) == 0 && (t[us] == 'q' || t[us] == 'Q'))
            return 0;
    }
    return 1;
}

/* ---- tense ------------------------------------------------------------------ */

/* Does a sentence end just before e? A period after an initial or a
 * short capitalized abbreviation ("P.", "Mr.", "Corp.") does not count. */
static int S_sentence_end(const char *t, size_t e)
{
    int c = t[e - 1], b = e > 1 ? t[e - 2] : 1;
    /* (NUL counts, as it did with strchr; the text holds none) */
    if (c == '!' || c == '?' || c == '\n' || c == '\0')
        return 1;
    if ((c == '"' || c == '\'') && (b == '.' || b == '!' || b == '?' || b == '\0'))
        return 1; /* the end of a quotation: ." */
    if (t[e - 1] != '.')
        return 0;
    size_t s = e - 1;
    while (s > 0 && S_is_alnum((unsigned char)t[s - 1]))
        s--;
    size_t n = e - 1 - s;
    return !(n <= 2 || (n <= 4 && S_is_upper((unsigned char)t[s])));
}

/* Is the word at e followed by "not" ("could not be reached Tuesday")? */
static int S_negated(const char *t, size_t e)
{
    if (t[e] == 'n' && t[e + 1] == '\'')
        return 1;
    while (t[e] == ' ')
        e++;
    return !cx_ascii_strncasecmp(t + e, "not ", 4);
}

/* A lower-case word in a past form: -ed ("ended") or a common irregular
 * past ("took"). */
static int S_past_form(const tx_words *w, const char *t, size_t len, size_t s, size_t e)
{
    if (S_is_upper((unsigned char)t[s]))
        return 0;
    return (e - s >= 5 && t[e - 2] == 'e' && t[e - 1] == 'd') ||
           (S_flags(w, t, len, s, e) & W_PASTV);
}

/* S_past_form for a word whose S_flags the caller has read already (f):
 * the tense checks read them first, and a second lookup per word was a
 * tenth of their cost. */
static int S_past_form_f(const char *t, size_t s, size_t e, unsigned f)
{
    if (S_is_upper((unsigned char)t[s]))
        return 0;
    return (e - s >= 5 && t[e - 2] == 'e' && t[e - 1] == 'd') || (f & W_PASTV);
}

/* A verb in the past by its form ("ended", "crashed"), unless it is a
 * participle after "be" or "to be" ("to be completed by Dec. 15"). f0:
 * the word's S_flags. */
static int S_past_verb(const tx_words *w, const char *t, size_t len, size_t s, size_t e,
                       unsigned f0)
{
    if (!S_past_form_f(t, s, e, f0))
        return 0;
    size_t ps, pe;
    if (!S_prev_word(t, s, &ps, &pe))
        return 1;
    unsigned f = S_flags(w, t, len, ps, pe);
    if (f & W_AUX)
        return 0;
    /* an adjective after a determiner, maybe past an adverb */
    if ((f & W_ADV) || (pe - ps > 3 && t[pe - 2] == 'l' && t[pe - 1] == 'y')) {
        size_t qs, qe;
        if (!S_prev_word(t, ps, &qs, &qe))
            return 1;
        f = S_flags(w, t, len, qs, qe);
    }
    return !(f & W_DET);
}

/* A past verb after a pronoun subject ("who stepped down", "they
 * bought"): past however far back it stands in the clause. Not before
 * "to": the date may belong to what was agreed or planned ("which agreed
 * to buy the line in February"). */
static int S_subject_past(const tx_words *w, const char *t, size_t len, size_t s, size_t e,
                          unsigned f)
{
    if (!S_past_form_f(t, s, e, f))
        return 0;
    size_t ps, pe;
    return S_prev_word(t, s, &ps, &pe) && (S_flags(w, t, len, ps, pe) & W_SUBJ) &&
           cx_ascii_strncasecmp(t + e, " to ", 4) != 0;
}

/* A verb of a schedule in the present ("they meet Monday"), not a noun
 * ("a vote Tuesday", "the bank's start") nor after "did", "to" or a modal,
 * which the caller reads for themselves. */
static int S_sched_present(const tx_words *w, const char *t, size_t len, size_t s, size_t e)
{
    static const char *const aux[] = {"did", "do",     "does",  "not",  "never", "to", "could",
                                      "can", "should", "might", "must", "may",   NULL};
    if (S_is_upper((unsigned char)t[s]) || !(S_flags(w, t, len, s, e) & W_SCHED))
        return 0;
    size_t ps, pe;
    if (!S_prev_word(t, s, &ps, &pe))
        return 0;
    if ((S_flags(w, t, len, ps, pe) & W_DET) || S_word_in(t, ps, pe, aux) ||
        t[pe - 1] == '\'' || (pe - ps > 2 && t[pe - 2] == '\'' && t[pe - 1] == 's') ||
        (pe - ps > 3 && t[pe - 3] == 'n' && t[pe - 2] == '\'' && t[pe - 1] == 't'))
        return 0;
    return 1;
}

/* "had been due to expire Friday", "had planned to": a plan made in the
 * past for what is past by now. */
static int S_pluperfect(const char *t, size_t s)
{
    size_t ps, pe;
    for (int k = 0; k < 2 && S_prev_word(t, s, &ps, &pe); k++, s = ps) {
        if (pe - ps == 3 && !cx_ascii_strncasecmp(t + ps, "had", 3))
            return 1;
        if (!(pe - ps == 4 && !cx_ascii_strncasecmp(t + ps, "been", 4)))
            return 0;
    }
    return 0;
}

/* Verbs that move a date on: "postponed until Tuesday" is still to come. */
static const char *const S_delay_verbs[] = {"postponed", "delayed",   "extended", "adjourned",
                                            "deferred",  "suspended", "recessed", "rescheduled",
                                            "closed",    NULL};

/* A deadline or earliest date right before the expression: "postponed
 * until Tuesday", "could come as early as Tuesday". A sentence that opens
 * with "Until Thursday," tells what had been so before. */
static int S_deadline(const tx_words *w, const char *t, size_t len, size_t ws, size_t we)
{
    /* "lasted until Tuesday" is over; "postponed until Tuesday" is not
     * ("put off until", "pushed back until": no past form before it) */
    size_t n = we - ws, ps, pe;
    if ((n == 5 && !cx_ascii_strncasecmp(t + ws, "until", 5)) ||
        (n == 4 && !cx_ascii_strncasecmp(t + ws, "till", 4)))
        return !S_sentence_start(t, ws) &&
               !(S_prev_word(t, ws, &ps, &pe) && S_past_form(w, t, len, ps, pe) &&
                 !S_word_in(t, ps, pe, S_delay_verbs));
    if (!(n == 2 && !cx_ascii_strncasecmp(t + ws, "as", 2)) || !S_prev_word(t, ws, &ps, &pe))
        return 0;
    n = pe - ps;
    return (n == 5 && !cx_ascii_strncasecmp(t + ps, "early", 5)) ||
           (n == 4 && !cx_ascii_strncasecmp(t + ps, "soon", 4));
}

/* Is the word right before start "through", after a lower-case word
 * ("runs through", not "Monday through": a range, ordered later)? */
static int S_through_before(const char *t, size_t start)
{
    size_t ps, pe, qs, qe;
    return S_prev_word(t, start, &ps, &pe) && pe - ps == 7 &&
           !cx_ascii_strncasecmp(t + ps, "through", 7) && S_prev_word(t, ps, &qs, &qe) &&
           qe == ps - 1 && t[qs] >= 'a' && t[qs] <= 'z' && !S_sentence_start(t, ps);
}

/* Is the word right before start one of words? */
static int S_prev_in(const char *t, size_t start, const char *const *words)
{
    size_t ps, pe;
    return S_prev_word(t, start, &ps, &pe) && S_word_in(t, ps, pe, words);
}

/* Is a results verb among the six words before start, in its sentence
 * ("reported net income for the fiscal second quarter", "posted a
 * third-quarter loss")? That quarter is the one a report is about. */
static int S_reported_before(const char *t, size_t start)
{
    static const char *const verbs[] = {"reported", "reports",  "posted",    "posts", "earned",
                                        "booked",   "recorded", "announced", NULL};
    size_t e = start, ws, we;
    for (int k = 0; k < 6 && !S_sentence_start(t, e) && S_prev_word(t, e, &ws, &we); k++) {
        if (S_word_in(t, ws, we, verbs))
            return 1;
        e = ws;
    }
    return 0;
}

static const char *const S_on[] = {"on", NULL};
static const char *const S_in_during[] = {"in", "during", NULL};

/* The tense of the clause before start (same sentence, up to 14 words):
 * 1 future ("will meet on Thursday", "is scheduled to start in June"),
 * -1 past ("was held in May", "ended in March"), -2 past by the date's
 * own verb right before it ("ended Oct. 31": not a day still to come),
 * 0 unknown, 2 future by a bare participle only ("a service planned for
 * Saturday"). */
static int S_tense(const tx_words *w, const char *t, size_t len, size_t start)
{
    size_t e = start;
    int far = 0;
    for (int k = 0; k < 14 && e > 0; k++) {
        size_t ws, we;
        if (S_sentence_end(t, e))
            break;
        if (!S_prev_word(t, e, &ws, &we)) {
            e--;
            continue;
        }
        if (S_sentence_end(t, we))
            break; /* "... interest. Over the weekend" */
        unsigned f = S_flags(w, t, len, ws, we);
        if (k == 0 && S_deadline(w, t, len, ws, we))
            return 1;
        /* "since Monday", "since year-end": a day already come */
        if (k == 0 && we - ws == 5 && !cx_ascii_strncasecmp(t + ws, "since", 5))
            return -2;
        if ((f & W_FUT) && !(we - ws == 4 && !cx_ascii_strncasecmp(t + ws, "next to ", 8))) {
            if (S_pluperfect(t, ws))
                return -1;
            /* "planned", "scheduled" with no auxiliary before them may be a
             * participle of a noun (2: the caller looks after the date) */
            size_t ps, pe;
            if (t[we - 1] == 'd' && t[we - 2] == 'e' &&
                !(S_prev_word(t, ws, &ps, &pe) &&
                  (S_flags(w, t, len, ps, pe) & (W_AUX | W_PAST))))
                return 2;
            return 1;
        }
        if (f & W_WOULD)
            return S_negated(t, we) ? -1 : 1;
        if ((f & W_FUTTO) && !cx_ascii_strncasecmp(t + we, " to ", 4))
            return S_pluperfect(t, ws) ? -1 : 1;
        if (k < 3 && (f & W_SCHED) && S_sched_present(w, t, len, ws, we))
            return 1;
        /* the date's own verb in the past right before it ("ended Oct.
         * 31", "met on Nov. 6") tells a day already come (-2) */
        int pv = -1; /* S_past_verb of the word, once asked */
        if ((k == 0 || (k == 1 && S_prev_in(t, start, S_on))) &&
            (pv = S_past_verb(w, t, len, ws, we, f)))
            return -2;
        /* "the summit is Nov. 5", "the vote is on Tuesday": a day set */
        if ((k == 0 || (k == 1 && S_prev_in(t, start, S_on))) &&
            S_word_in(t, ws, we, (const char *const[]){"is", "are", NULL}))
            return 1;
        if ((f & W_PAST) || (k < 3 && (pv >= 0 ? pv : S_past_verb(w, t, len, ws, we, f))) ||
            (k >= 3 && S_subject_past(w, t, len, ws, we, f)))
            return -1;
        /* a past verb further back, not one of a plan ("agreed to buy
         * ... in February") nor of a delay ("extended ... through
         * January"): -3 unless something nearer tells more */
        if (!far && k >= 3 && S_past_verb(w, t, len, ws, we, f) &&
            cx_ascii_strncasecmp(t + we, " to ", 4) != 0 &&
            !S_word_in(t, ws, we, S_delay_verbs))
            far = 1;
        e = ws;
    }
    return far ? -3 : 0;
}

/* "and" between two capitalized words is part of a name ("the Food and
 * Drug Administration"), no new clause. */
static int S_in_name(const char *t, size_t len, size_t ws, size_t we)
{
    size_t ps, pe, ns, ne;
    return we - ws == 3 && !cx_ascii_strncasecmp(t + ws, "and", 3) &&
           S_prev_word(t, ws, &ps, &pe) && S_is_upper((unsigned char)t[ps]) &&
           S_next_word(t, len, we, &ns, &ne) && S_is_upper((unsigned char)t[ns]);
}

/* "after" or "before" right after a length of time ("a week after the
 * anniversary", "shortly before") places the date; it opens no clause. */
static int S_time_prep(const char *t, size_t ws, size_t we)
{
    static const char *const preps[] = {"after", "before", NULL};
    static const char *const units[] = {"day",     "days",        "week",  "weeks", "month",
                                        "months",  "year",        "years", "hour",  "hours",
                                        "minutes", "shortly",     "soon",  "just",  "right",
                                        "long",    "immediately", NULL};
    size_t ps, pe;
    return S_word_in(t, ws, we, preps) && S_prev_word(t, ws, &ps, &pe) && pe + 1 == ws &&
           S_word_in(t, ps, pe, units);
}

/* The tense of the clause after an expression whose clause tells none
 * before it ("In January, the company brought in ...", "In March, it will
 * ..."): the first verb that shows one, up to 24 words on in the same
 * sentence and clause (a subject can be long: "In January, a week after
 * the 40th anniversary of the founding of ..., a fire destroyed"). Words
 * that are part of date expressions ("next", "last", "ago") do not count
 * here. */
static int S_tense_after(const tx_words *w, const char *t, size_t len, size_t end)
{
    size_t i = end;
    for (int k = 0; k < 24; k++) {
        /* to the next word, unless the sentence or clause ends first */
        while (i < len && !S_is_alnum((unsigned char)t[i])) {
            if (t[i] == '\n' || t[i] == '!' || t[i] == '?' || t[i] == ';')
                return 0;
            if (t[i] == '.' && (i + 1 >= len || t[i + 1] == ' ') && S_sentence_end(t, i + 1))
                return 0;
            i++;
        }
        if (i >= len)
            return 0;
        size_t ws = i;
        while (i < len && (S_is_alnum((unsigned char)t[i]) || t[i] == '\''))
            i++;
        size_t we = i;
        unsigned f = S_flags(w, t, len, ws, we);
        if (f & W_SKIP)
            continue;
        if ((f & W_CLAUSE) && !S_in_name(t, len, ws, we) && !S_time_prep(t, ws, we))
            return 0;
        /* after the date only a modal tells the future: "planned" or
         * "expected" there are verbs in the past ("On Friday, the
         * government planned to pay") */
        if (f & W_MODAL)
            return 1;
        if (f & W_WOULD)
            return S_negated(t, we) ? -1 : 1;
        if ((f & W_FUTTO) && !cx_ascii_strncasecmp(t + we, " to ", 4))
            return 1;
        if ((f & W_PAST) || S_past_verb(w, t, len, ws, we, f))
            return -1;
    }
    return 0;
}

/* ---- dateline ----------------------------------------------------------------- */

static int S_cand_ymd(const tx_env *env, const tx_cand *c, int *y, int *m, int *d)
{
    cx_anchor none = {0, 0, 0, CX_DCT_NONE, 0};
    tx_env e = *env;
    e.anchor = &none;
    cx_timex t;
    if (tx_normalize(&e, c, &t))
        return 0;
    *y = *m = *d = 0;
    if (!strncmp(t.value, "XXXX-", 5)) /* a month and day without a year */
        return sscanf(t.value + 5, "%2d-%2d", m, d) == 2 ? 1 : 0;
    return sscanf(t.value, "%4d-%2d-%2d", y, m, d) >= 1 ? 1 : 0;
}

/* The year the text's own explicit dates point to for month m: a full
 * date or "Month YYYY" in that month, else the most frequent year. */
static int S_text_year(const tx_env *env, const S_cands *cs, int m)
{
    int best = 0, bestn = 0;
    int years[64], counts[64], n = 0;
    for (size_t i = 0; i < cs->n; i++) {
        const tx_cand *c = &cs->v[i];
        int y, mm, d;
        if (c->f[F_Y][0] < 0 || S_year_in_name(&env->r->words, c, env->text, env->len) ||
            !S_cand_ymd(env, c, &y, &mm, &d) || y < 1000)
            continue;
        if (mm == m)
            return y;
        int k = 0;
        while (k < n && years[k] != y)
            k++;
        if (k == n && n < 64)
            years[n] = y, counts[n++] = 0;
        if (k < n && (++counts[k] > bestn || (counts[k] == bestn && y > best)))
            best = y, bestn = counts[k];
    }
    return best;
}

/* Does nothing but a dateline's place come before byte p on its line: no
 * word there opens in lower case, and there are at most five ("LONDON",
 * "MADISON , Wisconsin", "WASHINGTON,"; not "Results are due on")? */
static int S_line_head_ok(const char *t, size_t p)
{
    int words = 0;
    while (p > 0 && t[p - 1] != '\n' && t[p - 1] != '\r') {
        p--;
        unsigned char c = (unsigned char)t[p];
        int opens = (S_ctype[c] & CT_ALNUM) &&
                    !(p > 0 && (S_ctype[(unsigned char)t[p - 1]] & CT_ALNUM));
        if (opens && ((c >= 'a' && c <= 'z') || ++words > 5))
            return 0;
    }
    return 1;
}

/* A dateline ("MOSCOW, June 1 (Reuters) -") or a date line at the top
 * ("March 06, 2008"; "LONDON 1996-08-30"): a full or month-day date in
 * the first lines, alone on its line or followed by "(" or a dash. Sets
 * *a to it and returns its candidate's index, or -1 when there is none. */
static long S_dateline(const tx_env *env, const S_cands *cs, cx_anchor *a)
{
    const char *t = env->text;
    for (size_t i = 0; i < cs->n && cs->v[i].start < 400; i++) {
        const tx_cand *c = &cs->v[i];
        if (c->kind != K_MDY && c->kind != K_DMY && c->kind != K_ISO)
            continue;
        size_t p = c->end;
        while (p < env->len && (t[p] == ' ' || t[p] == '\t'))
            p++;
        int ends = p >= env->len || t[p] == '\n' || t[p] == '\r' || t[p] == '(' ||
                   t[p] == '-' || (unsigned char)t[p] == 0xE2; /* en or em dash */
        if (!ends)
            continue;
        int y, m, d;
        if (!S_cand_ymd(env, c, &y, &m, &d) || !m || !d)
            continue;
        if (y < 1000)
            y = S_text_year(env, cs, m);
        if (y < 1000)
            y = env->anchor->y; /* "May 3 (Xinhua)" under a given date */
        if (y < 1000)
            continue;
        a->y = y, a->m = m, a->d = d;
        a->source = CX_DCT_DATELINE;
        return (long)i;
    }
    return -1;
}

/* ---- ranges -------------------------------------------------------------------- */

/* A bare weekday: the span is the day's name and nothing else. */
static int S_bare_weekday(const char *t, const cx_timex *x)
{
    static const char *const days[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday",    NULL};
    return x->type == CX_DATE && strlen(x->value) == 10 &&
           S_word_in(t, x->span.start, x->span.end, days);
}

/* "from Monday through Friday": each day was resolved by itself, and the
 * end may come out before the start (Monday next week, Friday last
 * week). A range runs forward: when the end is before the anchor's day
 * the start moves back to the week of the end, else the end moves on to
 * the week of the start. */
static void S_order_weekdays(const char *t, const cx_anchor *an, cx_timex *a, cx_timex *b)
{
    int ya, ma, da, yb, mb, db;
    if (!S_bare_weekday(t, a) || !S_bare_weekday(t, b) ||
        sscanf(a->value, "%4d-%2d-%2d", &ya, &ma, &da) != 3 ||
        sscanf(b->value, "%4d-%2d-%2d", &yb, &mb, &db) != 3)
        return;
    long za = tx_days(ya, ma, da), zb = tx_days(yb, mb, db);
    if (zb > za)
        return;
    long gap = ((tx_weekday(yb, mb, db) - tx_weekday(ya, ma, da)) % 7 + 7) % 7;
    if (gap == 0)
        gap = 7; /* "from Monday to Monday": a week */
    if (an->y > 0 && zb < tx_days(an->y, an->m, an->d))
        za = zb - gap;
    else
        zb = za + gap;
    tx_day_value(a->value, za);
    tx_day_value(b->value, zb);
}

static void S_link_ranges(const char *t, const cx_anchor *an, cx_timex_vec *out, size_t from)
{
    static const char *const joins[] = {"-",    "to",   "and",          "through",      "until",
                                        "till", "thru", "\xE2\x80\x93", "\xE2\x80\x94", NULL};
    for (size_t i = from; i + 1 < out->n; i++) {
        cx_timex *a = &out->v[i], *b = &out->v[i + 1];
        if (a->range_with >= 0 || b->range_with >= 0 || a->type != b->type ||
            a->type == CX_DURATION || a->type == CX_SET)
            continue;
        size_t s = a->span.end, e = b->span.start;
        if (!S_gap_in(t, s, e, joins))
            continue;
        while (t[s] == ' ' || t[s] == '\n')
            s++;
        int dash = t[s] == '-' || (unsigned char)t[s] == 0xE2;
        size_t ps, pe;
        int intro = S_prev_word(t, a->span.start, &ps, &pe) &&
                    (S_word_in(t, ps, pe, (const char *const[]){"from", "between", NULL}));
        if (!dash && !intro)
            continue;
        a->range_with = (int)(i + 1);
        b->range_with = (int)i;
        S_order_weekdays(t, an, a, b);
    }
}

/* "Monday and Tuesday nights", "each Thursday and Friday": a bare weekday
 * joined to a weekday set is one of the set; the part of day after the
 * pair ("nights") is both days'. */
static void S_link_sets(const tx_words *w, const char *t, cx_timex_vec *out, size_t from)
{
    for (size_t i = from; i + 1 < out->n; i++) {
        cx_timex *a = &out->v[i], *b = &out->v[i + 1];
        size_t s = a->span.end, e = b->span.start;
        if (e - s > 5 || (a->type == CX_SET) == (b->type == CX_SET))
            continue;
        while (s < e && (t[s] == ' ' || t[s] == ','))
            s++;
        while (e > s && t[e - 1] == ' ')
            e--;
        if (e > s && !S_word_in(t, s, e, (const char *const[]){"and", "or", NULL}))
            continue;
        cx_timex *d = a->type == CX_SET ? b : a, *set = a->type == CX_SET ? a : b;
        const tx_word *wd =
            tx_word_find(w, t + d->span.start, d->span.end - d->span.start, TX_WEEKDAY);
        if (!wd || d->type != CX_DATE || strncmp(set->value, "XXXX-WXX-", 9) != 0 ||
            !set->value[9])
            continue;
        d->type = CX_SET;
        snprintf(d->value, sizeof d->value, "XXXX-WXX-%d%s", wd->ival,
                 d == a ? set->value + 10 : "");
    }
}

int tx_same_sentence(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i + 1 < b; i++)
        if (((t[i] == '.' || t[i] == '!' || t[i] == '?') &&
             (t[i + 1] == ' ' || t[i + 1] == '\n') &&
             !(i > 0 && S_is_upper((unsigned char)t[i - 1]))) ||
            (t[i] == '\n' && t[i + 1] == '\n'))
            return 0;
    return 1;
}

/* ---- the module interface ----------------------------------------------------- */

static int S_push(cx_timex_vec *out, const cx_timex *t)
{
    if (cx_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v))
        return CX_ERR_NOMEM;
    out->v[out->n++] = *t;
    return CX_OK;
}

/* "2012-2022" arrives as one match; it is two expressions. */
/* Moves the clock of a "...Thh:mm" value 12 hours back when it is p.m. */
static void S_hour_back(char *v)
{
    char *t = strchr(v, 'T');
    if (!t || !S_is_digit((unsigned char)t[1]) || !S_is_digit((unsigned char)t[2]))
        return;
    int h = (t[1] - '0') * 10 + (t[2] - '0');
    if (h < 12)
        return;
    h -= 12;
    t[1] = (char)('0' + h / 10), t[2] = (char)('0' + h % 10);
}

/* Is a "YYYY-Qn" the same quarter a year before "YYYY-Qn" q? */
static int S_is_yago_of(const char *v, const char *q)
{
    if (strlen(v) != 7 || strlen(q) != 7 || v[5] != 'Q' || q[5] != 'Q' || v[6] != q[6])
        return 0;
    return atoi(v) + 1 == atoi(q);
}

static int S_push_range(const tx_env *env, const tx_cand *c, cx_timex_vec *out)
{
    tx_cand a = *c, b = *c;
    int link = 1;
    if (c->kind == K_MDR) { /* June 1-3(, 2023): the year is both ends' */
        /* "April 24 and 25": two days, not the days between */
        link = !S_gap_in(env->text, (size_t)c->f[F_D][1], (size_t)c->f[F_D2][0],
                         (const char *const[]){"and", "or", "&", NULL});
        a.kind = b.kind = K_MDY;
        a.end = (size_t)c->f[F_D][1];
        b.start = (size_t)c->f[F_D2][0];
        b.f[F_D][0] = c->f[F_D2][0];
        b.f[F_D][1] = c->f[F_D2][1];
    } else if (c->kind == K_TRANGE) {
        /* "between 2 and 4 p.m.", "9:30-11 a.m. Friday": the day, zone
         * and meridian are both ends' */
        a.kind = b.kind = K_CLOCK;
        a.start = (size_t)c->f[F_HH][0];
        a.end = (size_t)(c->f[F_MI][1] >= 0 ? c->f[F_MI][1] : c->f[F_HH][1]);
        b.start = (size_t)c->f[F_HH2][0];
        memcpy(b.f[F_HH], c->f[F_HH2], sizeof b.f[F_HH]);
        memcpy(b.f[F_MI], c->f[F_MI2], sizeof b.f[F_MI]);
    } else {
        a.kind = b.kind = K_YEAR;
        a.end = (size_t)c->f[F_Y][1];
        b.start = (size_t)c->f[F_Y2][0];
        b.f[F_Y][0] = c->f[F_Y2][0];
        b.f[F_Y][1] = c->f[F_Y2][1];
    }
    cx_timex ta, tb;
    if (tx_normalize(env, &a, &ta) || tx_normalize(env, &b, &tb))
        return CX_OK;
    if (c->kind == K_YRANGE && c->f[F_Y2][1] - c->f[F_Y2][0] == 2) { /* 1998-99, 1999-00 */
        int y1 = atoi(ta.value), y = y1 / 100 * 100 + atoi(tb.value);
        if (y <= y1)
            y += 100;
        snprintf(tb.value, sizeof tb.value, "%04d", y);
    }
    if (c->kind == K_TRANGE && strcmp(ta.value, tb.value) > 0)
        S_hour_back(ta.value); /* "11 to 1 p.m.": the first is a.m. */
    if (strcmp(ta.value, tb.value) >= 0)
        return CX_OK; /* not a range: "1-800-555-1995" or a score */
    if (link) {
        ta.range_with = (int)out->n + 1;
        tb.range_with = (int)out->n;
    }
    int rc = S_push(out, &ta);
    return rc ? rc : S_push(out, &tb);
}

int cx_timex_find(const cx_timex_rules *r, const cx_doc *doc, const cx_seg *seg,
                  int use_dateline, cx_anchor *anchor, cx_timex_vec *out, cx_warning_vec *warn)
{
    (void)seg; /* the scan reads the bytes: it runs before and without it */
    S_cands cs = {0};
    int rc = S_scan(r, doc->text, doc->len, &cs, warn);
    size_t keep = 0;
    for (size_t i = 0; rc == CX_OK && i < cs.n; i++)
        if (cs.v[i].kind >= 0) {
            S_trim(&cs.v[i], doc->text);
            cs.v[keep++] = cs.v[i];
        }
    cs.n = keep;
    tx_env env = {.r = r, .text = doc->text, .len = doc->len, .anchor = anchor};
    char last_quarter[8] = "", ref[sizeof out->v->value];
    int fiscal_topic = 0;
    /* the text's own date line: the document's date, whatever the
     * anchor's source; event.c makes no event of the line itself */
    cx_anchor line = {0, 0, 0, CX_DCT_NONE, 0};
    long dateline = rc == CX_OK ? S_dateline(&env, &cs, &line) : -1;
    if (dateline >= 0 && !S_line_head_ok(doc->text, cs.v[dateline].start))
        dateline = -1; /* for the anchor only: "... report on June 5, 2023" */
    if (rc == CX_OK && anchor->y == 0 && use_dateline && line.y)
        *anchor = line;
    if (rc == CX_OK && anchor->swappable) {
        /* "03-02-2009" is March 2 to a US reader and 3 February elsewhere:
         * the text's own date line, when it says which, decides */
        if (line.y == anchor->y && line.m == anchor->d && line.d == anchor->m) {
            anchor->m = line.m, anchor->d = line.d;
            cx_warn(warn, -1, "document date read day first, as the text's date line has it");
        }
    }
    size_t first = out->n;
    for (size_t i = 0; rc == CX_OK && i < cs.n; i++) {
        const tx_cand *c = &cs.v[i];
        int tense = S_tense(&r->words, doc->text, doc->len, c->start);
        /* only a month read as a time "in" or "during" it (S_month_year):
         * "placed orders ... for November transactions" looks ahead */
        env.past_far = tense == -3 && S_prev_in(doc->text, c->start, S_in_during);
        if (tense == -3)
            tense = 0;
        if (!tense || tense == 2) {
            /* nothing before it, or only a participle ("a service planned
             * for Saturday was canceled"): the verb after it decides */
            int after = S_tense_after(&r->words, doc->text, doc->len, c->end);
            tense = after ? after : tense ? 1 : 0;
        }
        if (!tense && c->kind == K_WDAY && S_through_before(doc->text, c->start))
            tense = 1; /* "the show runs through Sunday": no verb says past */
        if (c->kind == K_WDAY && c->end + 1 < doc->len && doc->text[c->end] == '\'' &&
            doc->text[c->end + 1] == 's')
            tense = -1; /* "Wednesday's ruling" is one already made */
        if (S_contract_month(c, doc->text, doc->len))
            tense = 1; /* "December cotton closed higher": a delivery month */
        env.future = tense > 0;
        env.past = tense < 0;
        env.not_after = tense == -2; /* S_month_year */
        env.here = c->start;
        env.prev = out->n > first ? out->v[out->n - 1].value : NULL;
        env.prev_end = out->n > first ? out->v[out->n - 1].span.end : 0;
        if (c->kind == K_YRANGE || c->kind == K_MDR || c->kind == K_TRANGE) {
            rc = S_push_range(&env, c, out);
            continue;
        }
        cx_timex t;
        if (tx_normalize(&env, c, &t))
            continue;
        t.in_name = S_year_in_name(&r->words, c, doc->text, doc->len);
        t.creation = (long)i == dateline;
        rc = S_push(out, &t);
        if (rc == CX_OK && (t.type == CX_DATE || t.type == CX_TIME) && t.value[0] >= '0' &&
            t.value[0] <= '9' && !t.in_name) {
            memcpy(ref, t.value, sizeof ref);
            env.ref = ref;
        }
        /* the quarter a report is about is the first it names ("posted a
         * gain in third-quarter net"; "after a flat second quarter" is an
         * aside), or one it pins down by its end ("the quarter ended Sept.
         * 30") */
        if (rc == CX_OK && strlen(t.value) == 7 && t.value[5] == 'Q' &&
            (((c->kind == K_QTR || c->kind == K_QN) &&
              (!env.last_quarter || S_reported_before(doc->text, t.span.start))) ||
             ((c->kind == K_QTHE || c->kind == K_QTR) && c->f[F_M][0] >= 0 && !fiscal_topic))) {
            /* a fiscal quarter keeps its name: its end month does not
             * make it a calendar one */
            fiscal_topic = c->f[F_FISC][0] >= 0;
            /* a copy: out->v moves when it grows */
            memcpy(last_quarter, t.value, 8);
            env.last_quarter = last_quarter;
        }
        /* "Separately, X reported third-quarter profit of $5.8 million,
         * from $4 million a year earlier": a quarter compared with its
         * year-ago self is what the report is about now */
        /* (the previous expression is read from out again: the push may
         * have moved it, and env.prev with it) */
        const cx_timex *pv = rc == CX_OK && out->n >= first + 2 ? &out->v[out->n - 2] : NULL;
        if (pv && S_is_yago_of(t.value, pv->value) &&
            tx_same_sentence(doc->text, pv->span.end, t.span.start)) {
            memcpy(last_quarter, pv->value, 8);
            env.last_quarter = last_quarter;
        }
        if (rc == CX_OK && env.last_quarter && strlen(t.value) == 7 && t.value[5] == 'Q')
            env.last_quarter_end = t.span.end; /* quarters are still the talk */
    }
    free(cs.v);
    if (rc == CX_OK) {
        S_link_ranges(doc->text, anchor, out, first);
        S_link_sets(&r->words, doc->text, out, first);
    }
    return rc;
}

int cx_normalize(const cx_ctx *ctx, const char *text, const char *dct, char *value, size_t cap,
                 cx_timex_type *type)
{
    if (!ctx || !ctx->timex || !text || !value || !cap)
        return CX_ERR_ARG;
    cx_anchor a = {0, 0, 0, CX_DCT_NONE, 0};
    if (dct && cx_parse_dct(dct, &a.y, &a.m, &a.d))
        return CX_ERR_ARG;
    if (dct)
        a.source = CX_DCT_OPTION;
    cx_doc doc;
    int rc = cx_doc_init(&doc, text, strlen(text));
    if (rc)
        return rc;
    cx_timex_vec tv = {0};
    cx_warning_vec wv = {0};
    rc = cx_timex_find(ctx->timex, &doc, NULL, 0, &a, &tv, &wv);
    /* the longest expression is the one the caller meant */
    size_t best = tv.n;
    for (size_t i = 0; i < tv.n; i++)
        if (best == tv.n ||
            tv.v[i].span.end - tv.v[i].span.start > tv.v[best].span.end - tv.v[best].span.start)
            best = i;
    if (rc == CX_OK && best == tv.n)
        rc = CX_ERR_INPUT;
    if (rc == CX_OK) {
        snprintf(value, cap, "%s", tv.v[best].value);
        if (type)
            *type = tv.v[best].type;
    }
    free(tv.v);
    free(wv.v);
    cx_doc_fini(&doc);
    return rc;
}
