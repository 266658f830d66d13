/* segment: tokens and sentences as byte spans.
 *
 * Tokens: words (letters and digits, keeping inner apostrophes and the
 * periods of abbreviations such as U.S. or a.m.), numbers (with inner , . :
 * / between digits) and single punctuation characters. A possessive 's is
 * its own token; a hyphen between two words is its own token, so that
 * "Moscow-based" yields "Moscow". Sentences end at line breaks and at . ! ?
 * before a capitalized word, a digit or an opening quote. */
#include "segment_int.h"
#include "util_int.h"
#include <stdlib.h>
#include <string.h>

enum { C_SPACE, C_NL, C_UPPER, C_LOWER, C_DIGIT, C_PUNCT, C_OTHERLETTER };

/* Classes of code points past ASCII. */
static int S_class_wide(uint32_t c)
{
    if (c == 0x2028 || c == 0x2029 || c == 0x85)
        return C_NL;
    if (c == 0xA0 || c == 0xFEFF || (c >= 0x2000 && c <= 0x200B) ||
        c == 0x202F || c == 0x205F || c == 0x3000)
        return C_SPACE;
    if ((c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 ||
        (c >= 0x2010 && c <= 0x205E) || (c >= 0x20A0 && c <= 0x20CF) ||
        (c >= 0x2100 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
        c == 0xFFFD || (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF01 && c <= 0xFF0F) ||
        (c >= 0x1F000 && c <= 0x1FAFF))
        return C_PUNCT;
    if ((c >= 0xC0 && c <= 0xDE) || (c >= 0x391 && c <= 0x3A9) ||
        (c >= 0x400 && c <= 0x42F))
        return C_UPPER;
    if ((c >= 0x100 && c <= 0x17F) || (c >= 0x1E00 && c <= 0x1EFF))
        return (c & 1) ? C_LOWER : C_UPPER;
    if ((c >= 0xDF && c <= 0xFF) || (c >= 0x3B1 && c <= 0x3C9) ||
        (c >= 0x430 && c <= 0x45F))
        return C_LOWER;
    return C_OTHERLETTER;
}

/* ASCII by table: the tokenizer asks for the class of every character,
 * and nearly all of them are ASCII. Controls are space, except '\n'. */
#define S_ 0 /* C_SPACE */
#define N_ 1 /* C_NL */
#define U_ 2 /* C_UPPER */
#define L_ 3 /* C_LOWER */
#define D_ 4 /* C_DIGIT */
#define P_ 5 /* C_PUNCT */
static const unsigned char S_ascii[128] = {
    S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, N_, S_, S_, S_, S_, S_, /* 0x00 */
    S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, /* 0x10 */
    S_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, /*  !"#$%&'()*+,-./ */
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, P_, P_, P_, P_, P_, P_, /* 0-9 :;<=>? */
    P_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, /* @A-O */
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, P_, P_, P_, P_, P_, /* P-Z [\]^_ */
    P_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, /* `a-o */
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, P_, P_, P_, P_, P_, /* p-z {|}~ DEL */
};
#undef S_
#undef N_
#undef U_
#undef L_
#undef D_
#undef P_

/* Bytes that continue a word at full speed (ASCII letters and digits) as
 * counts to add up, one add a byte: upper case in bits 0-31, lower case in
 * bits 32-61, a digit in bit 62 (nonzero, counted nowhere; its carries
 * fall off the top). Zero for everything else, NUL and bytes past ASCII
 * included. A document is under 4 GiB, so no count spills into the next. */
#define CU 1ULL
#define CL (1ULL << 32)
#define CD (1ULL << 62)
static const uint64_t S_wordc[256] = {
    ['0'] = CD, ['1'] = CD, ['2'] = CD, ['3'] = CD, ['4'] = CD,
    ['5'] = CD, ['6'] = CD, ['7'] = CD, ['8'] = CD, ['9'] = CD,
    ['A'] = CU, ['B'] = CU, ['C'] = CU, ['D'] = CU, ['E'] = CU, ['F'] = CU, ['G'] = CU,
    ['H'] = CU, ['I'] = CU, ['J'] = CU, ['K'] = CU, ['L'] = CU, ['M'] = CU, ['N'] = CU,
    ['O'] = CU, ['P'] = CU, ['Q'] = CU, ['R'] = CU, ['S'] = CU, ['T'] = CU, ['U'] = CU,
    ['V'] = CU, ['W'] = CU, ['X'] = CU, ['Y'] = CU, ['Z'] = CU,
    ['a'] = CL, ['b'] = CL, ['c'] = CL, ['d'] = CL, ['e'] = CL, ['f'] = CL, ['g'] = CL,
    ['h'] = CL, ['i'] = CL, ['j'] = CL, ['k'] = CL, ['l'] = CL, ['m'] = CL, ['n'] = CL,
    ['o'] = CL, ['p'] = CL, ['q'] = CL, ['r'] = CL, ['s'] = CL, ['t'] = CL, ['u'] = CL,
    ['v'] = CL, ['w'] = CL, ['x'] = CL, ['y'] = CL, ['z'] = CL,
};
#undef CU
#undef CL
#undef CD

/* The ASCII letters and digits from j, the bulk of every word: returns
 * where they end and adds their capitals and small letters to *up, *lo.
 * The NUL after the text ends the loop without a bounds test. A function
 * of its own so that the loop keeps its counts in registers. */
static size_t S_ascii_run(const unsigned char *u, size_t j, int *up, int *lo)
{
    uint64_t acc = 0;
    for (uint64_t v; (v = S_wordc[u[j]]) != 0; j++)
        acc += v;
    *up += (int)(uint32_t)acc;
    *lo += (int)((acc >> 32) & 0x3FFFFFFF);
    return j;
}

static inline int S_class(uint32_t c)
{
    return c < 0x80 ? S_ascii[c] : S_class_wide(c);
}

static int S_is_letter(int k) { return k == C_UPPER || k == C_LOWER || k == C_OTHERLETTER; }
static int S_is_apos(uint32_t c) { return c == '\'' || c == 0x2019; }

typedef struct {
    const char *t;
    size_t len;
} S_text;

static inline uint32_t S_peek(const S_text *x, size_t i, size_t *next)
{
    size_t j = i;
    if (i >= x->len) {
        *next = i;
        return 0;
    }
    unsigned char b = (unsigned char)x->t[i];
    if (b < 0x80) { /* the common case, without a call */
        *next = i + 1;
        return b;
    }
    uint32_t c = cx_utf8_next(x->t, x->len, &j);
    *next = j;
    return c;
}

/* Abbreviations whose period belongs to the word. Kept short and general:
 * titles, corporate suffixes, months, and common Latin forms. */
static const char *const S_abbrev[] = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt",
    "sgt", "capt", "cmdr", "adm", "maj", "st", "jr", "sr", "inc", "corp", "co",
    "ltd", "bros", "plc", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "no", "nos", "mt", "ft", "ave",
    "blvd", "dept", "univ", "est", "approx", "fig", "vol", "rev", "hon", "messrs",
    "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "d.c", "u.s.a", "n.y", NULL};

/* Titles and initials: a capitalized word after them is no new sentence. */
static const char *const S_nobreak[] = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt",
    "sgt", "capt", "cmdr", "adm", "maj", "st", "hon", "messrs", "no", "vs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", NULL};

/* Every entry of the sets above is lower case and at most this long, so
 * most words are ruled out before any comparison: the tokenizer asks for
 * every word followed by a period. */
enum { S_SET_MAXLEN = 6 };

static int S_in(const char *const *set, const char *s, size_t n)
{
    if (n == 0 || n > S_SET_MAXLEN)
        return 0;
    char c0 = (char)(s[0] | 0x20);
    for (size_t i = 0; set[i]; i++)
        if (set[i][0] == c0 && strlen(set[i]) == n &&
            cx_ascii_strncasecmp(set[i], s, n) == 0)
            return 1;
    return 0;
}

typedef struct {
    cx_seg *seg;
    size_t cap_tok, cap_sent;
} S_builder;

static inline int S_push_tok(S_builder *b, size_t start, size_t end, uint32_t flags)
{
    cx_seg *s = b->seg;
    if (s->ntok == b->cap_tok &&
        cx_grow((void **)&s->toks, &b->cap_tok, s->ntok + 1, sizeof *s->toks))
        return CX_ERR_NOMEM;
    s->toks[s->ntok++] = (cx_tok){(uint32_t)start, (uint32_t)end, flags, 0};
    return CX_OK;
}

/* "No." and "Nos." abbreviate "number" only before a number. */
static int S_number_abbrev_alone(const S_text *x, size_t i, size_t j, size_t after)
{
    if (!S_in((const char *const[]){"no", "nos", NULL}, x->t + i, j - i))
        return 0;
    while (after < x->len && x->t[after] == ' ')
        after++;
    return !(after < x->len && x->t[after] >= '0' && x->t[after] <= '9');
}

/* Scans a word from i: letters, digits, inner apostrophes (not a
 * possessive 's), and dotted abbreviations. Returns its end. */
static size_t S_scan_word(const S_text *x, size_t i, uint32_t *flags)
{
    size_t j = i, nx;
    const unsigned char *u = (const unsigned char *)x->t;
    int upper = 0, lower = 0, dots = 0;
    for (;;) {
        /* ASCII letters and digits, the bulk of every word, without the
         * general decoding below */
        j = S_ascii_run(u, j, &upper, &lower);
        /* most words end at ASCII that is no apostrophe or period */
        if (u[j] < 0x80 && u[j] != '\'' && u[j] != '.')
            break;
        uint32_t c = S_peek(x, j, &nx);
        int k = S_class(c);
        if (S_is_letter(k) || k == C_DIGIT) {
            upper += k == C_UPPER;
            lower += k == C_LOWER;
            j = nx;
            continue;
        }
        if (S_is_apos(c) && j > i) {
            size_t n2;
            uint32_t d = S_peek(x, nx, &n2);
            size_t n3;
            uint32_t e = S_peek(x, n2, &n3);
            int possessive = (d == 's' || d == 'S') && !S_is_letter(S_class(e));
            if (S_is_letter(S_class(d)) && !possessive) {
                j = nx;
                continue;
            }
        }
        if (c == '.' && j > i) {
            /* U.S. / a.m. : a letter, a period, a letter */
            size_t n2;
            uint32_t d = S_peek(x, nx, &n2);
            size_t n3;
            uint32_t e = S_peek(x, n2, &n3);
            if (S_is_letter(S_class(d)) && (e == '.' || !S_is_letter(S_class(e))) &&
                (j - i) <= 2) {
                dots++;
                j = nx;
                continue;
            }
        }
        break;
    }
    uint32_t f = CX_TOK_WORD;
    unsigned char b0 = (unsigned char)x->t[i];
    int k0 = b0 < 0x80 ? S_ascii[b0] : S_class(S_peek(x, i, &nx));
    if (k0 == C_UPPER)
        f |= CX_TOK_CAP;
    else if (k0 == C_LOWER)
        f |= CX_TOK_LOWER;
    if (upper >= 2 && lower == 0)
        f |= CX_TOK_UPPER;
    /* a trailing period that belongs to the word */
    if (j < x->len && x->t[j] == '.') {
        nx = j + 1;
        if (dots || (upper == 1 && lower == 0 && j - i == 1) ||
            (S_in(S_abbrev, x->t + i, j - i) && !S_number_abbrev_alone(x, i, j, nx))) {
            j = nx;
            f |= CX_TOK_ABBR;
        }
    }
    *flags = f;
    return j;
}

/* Numbers keep , . : / between digits: 1,200  10:30  06/01/2023  3.5.
 * A letter suffix stays (1990s, 5th, 10am). */
static size_t S_scan_number(const S_text *x, size_t i)
{
    size_t j = i, nx;
    for (;;) {
        uint32_t c = S_peek(x, j, &nx);
        int k = S_class(c);
        if (k == C_DIGIT || S_is_letter(k)) {
            j = nx;
            continue;
        }
        if (c == ',' || c == '.' || c == ':' || c == '/') {
            size_t n2;
            uint32_t d = S_peek(x, nx, &n2);
            if (S_class(d) == C_DIGIT) {
                j = nx;
                continue;
            }
        }
        break;
    }
    return j;
}

/* After an apostrophe at i: an s that ends the word. */
static int S_possessive(const S_text *x, size_t i)
{
    size_t n2, n3;
    uint32_t d = S_peek(x, i, &n2);
    uint32_t e = S_peek(x, n2, &n3);
    return (d == 's' || d == 'S') && !S_is_letter(S_class(e)) && S_class(e) != C_DIGIT;
}

static int S_tokenize(const cx_doc *doc, S_builder *b)
{
    S_text x = {doc->text, doc->len};
    uint32_t pending = 0;
    size_t i = 0, nx;
    while (i < x.len) {
        uint32_t c = S_peek(&x, i, &nx);
        int k = c < 0x80 ? S_ascii[c] : S_class_wide(c);
        if (k == C_SPACE || k == C_NL) {
            pending |= CX_TOK_SPACE | (k == C_NL ? CX_TOK_NL : 0);
            i = nx;
            continue;
        }
        uint32_t f = 0;
        size_t end;
        if (k == C_DIGIT) {
            end = S_scan_number(&x, i);
            f = CX_TOK_NUM;
        } else if (S_is_letter(k)) {
            end = S_scan_word(&x, i, &f);
        } else if (S_is_apos(c) && b->seg->ntok > 0 && S_possessive(&x, nx)) {
            /* possessive 's, also in tokenized text ("Apple 's") */
            end = nx + 1;
            f = CX_TOK_WORD | CX_TOK_LOWER;
        } else {
            end = nx;
            f = CX_TOK_PUNCT;
        }
        if (S_push_tok(b, i, end, f | pending))
            return CX_ERR_NOMEM;
        pending = 0;
        i = end;
    }
    return CX_OK;
}

static int S_is_open_quote(const char *t, const cx_tok *k)
{
    size_t i = k->start;
    uint32_t c = cx_utf8_next(t, k->end, &i);
    return c == '"' || c == 0x201C || c == 0x2018 || c == '(' || c == '\'' || c == '[';
}

static int S_is_close(const char *t, const cx_tok *k)
{
    size_t i = k->start;
    uint32_t c = cx_utf8_next(t, k->end, &i);
    return c == '"' || c == 0x201D || c == 0x2019 || c == ')' || c == '\'' || c == ']';
}

/* Does a sentence end after token i (whose text ends the clause)? */
static int S_ends_after(const cx_doc *doc, const cx_seg *s, size_t i, size_t *last)
{
    const cx_tok *t = &s->toks[i];
    const char *txt = doc->text;
    int stop = 0;
    if (t->flags & CX_TOK_PUNCT) {
        char ch = txt[t->start];
        stop = ch == '.' || ch == '!' || ch == '?';
        if (!stop && t->end - t->start == 3 && (unsigned char)txt[t->start] == 0xE2 &&
            (unsigned char)txt[t->start + 1] == 0x80 && (unsigned char)txt[t->start + 2] == 0xA6)
            stop = 1; /* … */
    } else if (t->flags & CX_TOK_ABBR) {
        size_t n = t->end - t->start - 1;
        stop = !(n == 1 && (t->flags & CX_TOK_CAP)) && !S_in(S_nobreak, txt + t->start, n);
        if (stop && !(t->end - t->start > 2 && txt[t->end - 3] == '.'))
            stop = 2; /* weaker: needs a capital after it */
    }
    if (!stop)
        return 0;
    size_t j = i + 1;
    while (j < s->ntok && !(s->toks[j].flags & CX_TOK_SPACE) && S_is_close(txt, &s->toks[j]))
        j++;
    *last = j - 1;
    if (j >= s->ntok)
        return 1;
    const cx_tok *n = &s->toks[j];
    if (!(n->flags & CX_TOK_SPACE))
        return 0;
    if (n->flags & CX_TOK_NL)
        return 1;
    if (n->flags & CX_TOK_CAP)
        return 1;
    if (stop == 2)
        return 0;
    return (n->flags & CX_TOK_NUM) || S_is_open_quote(txt, n);
}

static int S_push_sent(S_builder *b, size_t first, size_t end)
{
    cx_seg *s = b->seg;
    if (first >= end)
        return CX_OK;
    if (cx_grow((void **)&s->sents, &b->cap_sent, s->nsent + 1, sizeof *s->sents))
        return CX_ERR_NOMEM;
    s->sents[s->nsent] = (cx_sent){s->toks[first].start, s->toks[end - 1].end,
                                   (uint32_t)first, (uint32_t)end};
    int seen = 0;
    for (size_t i = first; i < end; i++) {
        s->toks[i].sent = (uint32_t)s->nsent;
        if (!seen && (s->toks[i].flags & (CX_TOK_WORD | CX_TOK_NUM))) {
            s->toks[i].flags |= CX_TOK_SSTART;
            seen = 1;
        }
    }
    s->nsent++;
    return CX_OK;
}

/* A sentence whose longer words are all capitalized is a headline. */
static void S_mark_headline(cx_seg *s, const cx_sent *st)
{
    size_t words = 0, caps = 0;
    for (size_t i = st->tok_first; i < st->tok_end; i++) {
        const cx_tok *t = &s->toks[i];
        if (!(t->flags & CX_TOK_WORD) || t->end - t->start < 4)
            continue;
        words++;
        caps += (t->flags & (CX_TOK_CAP | CX_TOK_UPPER)) != 0;
    }
    if (words >= 2 && caps == words)
        for (size_t i = st->tok_first; i < st->tok_end; i++)
            s->toks[i].flags |= CX_TOK_HEADLINE;
}

int cx_segment(const cx_doc *doc, cx_seg *seg)
{
    memset(seg, 0, sizeof *seg);
    S_builder b = {seg, 0, 0};
    /* news runs about five bytes a token: room for most documents at once
     * instead of a dozen reallocations (a failure here is retried below) */
    if (cx_grow((void **)&seg->toks, &b.cap_tok, doc->len / 4 + 16, sizeof *seg->toks))
        b.cap_tok = 0;
    int rc = S_tokenize(doc, &b);
    size_t first = 0;
    for (size_t i = 0; rc == CX_OK && i < seg->ntok; i++) {
        size_t last = i;
        if (i > first && (seg->toks[i].flags & CX_TOK_NL)) {
            rc = S_push_sent(&b, first, i);
            first = i;
        }
        if (rc == CX_OK && (seg->toks[i].flags & (CX_TOK_PUNCT | CX_TOK_ABBR)) &&
            S_ends_after(doc, seg, i, &last)) {
            rc = S_push_sent(&b, first, last + 1);
            first = last + 1;
            i = last;
        }
    }
    if (rc == CX_OK)
        rc = S_push_sent(&b, first, seg->ntok);
    for (size_t k = 0; rc == CX_OK && k < seg->nsent; k++)
        S_mark_headline(seg, &seg->sents[k]);
    if (rc != CX_OK)
        cx_seg_fini(seg);
    return rc;
}

void cx_seg_fini(cx_seg *seg)
{
    free(seg->toks);
    free(seg->sents);
    memset(seg, 0, sizeof *seg);
}

size_t cx_seg_tok_at(const cx_seg *seg, size_t off)
{
    size_t lo = 0, hi = seg->ntok;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (seg->toks[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
