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
    if (c == 0xA0 || c == 0xFEFF || (c >= 0x2000 && c <= 0x200B) || c == 0x202F ||
        c == 0x205F || c == 0x3000)
        return C_SPACE;
    if ((c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2010 && c <= 0x205E) ||
        (c >= 0x20A0 && c <= 0x20CF) || (c >= 0x2100 && c <= 0x2BFF) ||
        (c >= 0x3000 && c <= 0x303F) || c == 0xFFFD || (c >= 0xFE30 && c <= 0xFE6F) ||
        (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0x1F000 && c <= 0x1FAFF))
        return C_PUNCT;
    if ((c >= 0xC0 && c <= 0xDE) || (c >= 0x391 && c <= 0x3A9) || (c >= 0x400 && c <= 0x42F))
        return C_UPPER;
    if ((c >= 0x100 && c <= 0x17F) || (c >= 0x1E00 && c <= 0x1EFF))
        return (c & 1) ? C_LOWER : C_UPPER;
    if ((c >= 0xDF && c <= 0xFF) || (c >= 0x3B1 && c <= 0x3C9) || (c >= 0x430 && c <= 0x45F))
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
    ['0'] = CD, ['1'] = CD, ['2'] = CD, ['3'] = CD, ['4'] = CD, ['5'] = CD, ['6'] = CD,
    ['7'] = CD, ['8'] = CD, ['9'] = CD, ['A'] = CU, ['B'] = CU, ['C'] = CU, ['D'] = CU,
    ['E'] = CU, ['F'] = CU, ['G'] = CU, ['H'] = CU, ['I'] = CU, ['J'] = CU, ['K'] = CU,
    ['L'] = CU, ['M'] = CU, ['N'] = CU, ['O'] = CU, ['P'] = CU, ['Q'] = CU, ['R'] = CU,
    ['S'] = CU, ['T'] = CU, ['U'] = CU, ['V'] = CU, ['W'] = CU, ['X'] = CU, ['Y'] = CU,
    ['Z'] = CU, ['a'] = CL, ['b'] = CL, ['c'] = CL, ['d'] = CL, ['e'] = CL, ['f'] = CL,
    ['g'] = CL, ['h'] = CL, ['i'] = CL, ['j'] = CL, ['k'] = CL, ['l'] = CL, ['m'] = CL,
    ['n'] = CL, ['o'] = CL, ['p'] = CL, ['q'] = CL, ['r'] = CL, ['s'] = CL, ['t'] = CL,
    ['u'] = CL, ['v'] = CL, ['w'] = CL, ['x'] = CL, ['y'] = CL, ['z'] = CL,
};
#undef CU
#undef CL
#undef CD

static inline int S_class(uint32_t c) { return c < 0x80 ? S_ascii[c] : S_class_wide(c); }

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

/* Abbreviations whose period belongs to the word (S_AB): titles,
 * corporate suffixes, months, and common Latin forms, kept short and
 * general. S_NB: titles and months, after which a capitalized word is no
 * new sentence. S_NUM: "No." and "Nos." abbreviate "number" only before a
 * number. */
enum { S_AB = 1, S_NB = 2, S_NUM = 4 };

/* Is the folded word w[0, n) the string literal lit? */
#define S_IS(lit) (n == sizeof(lit) - 1 && memcmp(w, lit, sizeof(lit) - 1) == 0)

/* The abbreviation kind of s[0, n), any case. Asked for every word
 * before a period, so by first letter: a word is compared with the few
 * entries of its letter, each comparison a length test and a load. */
static unsigned S_abbrev_kind(const char *s, size_t n)
{
    char w[6];
    if (n == 0 || n > sizeof w)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        w[i] = (char)((unsigned)(c - 'A') < 26u ? c | 0x20 : c);
    }
    switch (w[0]) {
    case 'a':
        if (S_IS("adm") || S_IS("apr") || S_IS("aug"))
            return S_AB | S_NB;
        return S_IS("ave") || S_IS("approx") || S_IS("a.m") ? S_AB : 0;
    case 'b':
        return S_IS("bros") || S_IS("blvd") ? S_AB : 0;
    case 'c':
        if (S_IS("col") || S_IS("capt") || S_IS("cmdr"))
            return S_AB | S_NB;
        return S_IS("corp") || S_IS("co") ? S_AB : 0;
    case 'd':
        if (S_IS("dr") || S_IS("dec"))
            return S_AB | S_NB;
        return S_IS("dept") || S_IS("d.c") ? S_AB : 0;
    case 'e':
        return S_IS("etc") || S_IS("est") || S_IS("e.g") ? S_AB : 0;
    case 'f':
        if (S_IS("feb"))
            return S_AB | S_NB;
        return S_IS("fri") || S_IS("ft") || S_IS("fig") ? S_AB : 0;
    case 'g':
        return S_IS("gov") || S_IS("gen") ? S_AB | S_NB : 0;
    case 'h':
        return S_IS("hon") ? S_AB | S_NB : 0;
    case 'i':
        return S_IS("inc") || S_IS("i.e") ? S_AB : 0;
    case 'j':
        if (S_IS("jan") || S_IS("jun") || S_IS("jul"))
            return S_AB | S_NB;
        return S_IS("jr") ? S_AB : 0;
    case 'l':
        if (S_IS("lt"))
            return S_AB | S_NB;
        return S_IS("ltd") ? S_AB : 0;
    case 'm':
        if (S_IS("mr") || S_IS("mrs") || S_IS("ms") || S_IS("maj") || S_IS("mar") ||
            S_IS("messrs"))
            return S_AB | S_NB;
        return S_IS("mon") || S_IS("mt") ? S_AB : 0;
    case 'n':
        if (S_IS("no"))
            return S_AB | S_NB | S_NUM;
        if (S_IS("nov"))
            return S_AB | S_NB;
        if (S_IS("nos"))
            return S_AB | S_NUM;
        return S_IS("n.y") ? S_AB : 0;
    case 'o':
        return S_IS("oct") ? S_AB | S_NB : 0;
    case 'p':
        if (S_IS("prof"))
            return S_AB | S_NB;
        return S_IS("plc") || S_IS("p.m") ? S_AB : 0;
    case 'r':
        if (S_IS("rep"))
            return S_AB | S_NB;
        return S_IS("rev") ? S_AB : 0;
    case 's':
        if (S_IS("sen") || S_IS("sgt") || S_IS("st") || S_IS("sep") || S_IS("sept"))
            return S_AB | S_NB;
        return S_IS("sr") || S_IS("sat") || S_IS("sun") ? S_AB : 0;
    case 't':
        return S_IS("tue") || S_IS("tues") || S_IS("thu") || S_IS("thur") || S_IS("thurs")
                   ? S_AB
                   : 0;
    case 'u':
        return S_IS("univ") || S_IS("u.s") || S_IS("u.k") || S_IS("u.n") || S_IS("u.s.a") ? S_AB
                                                                                          : 0;
    case 'v':
        if (S_IS("vs"))
            return S_AB | S_NB;
        return S_IS("vol") ? S_AB : 0;
    case 'w':
        return S_IS("wed") ? S_AB : 0;
    default:
        return 0;
    }
}
#undef S_IS

unsigned cx_seg_abbrev(const char *s, size_t n)
{
    unsigned k = S_abbrev_kind(s, n);
    return (k & S_AB ? CX_SEG_ABBR : 0) | (k & S_NB ? CX_SEG_NOBREAK : 0) |
           (k & S_NUM ? CX_SEG_NUMBER : 0);
}

/* No number after the period at after - 1 (spaces skipped)? */
static int S_no_number_after(const S_text *x, size_t after)
{
    while (after < x->len && x->t[after] == ' ')
        after++;
    return !(after < x->len && x->t[after] >= '0' && x->t[after] <= '9');
}

/* The flags a word's first letter gives, for ASCII letters. */
static const unsigned char S_first_flags[128] = {
    ['A'] = CX_TOK_CAP,   ['B'] = CX_TOK_CAP,   ['C'] = CX_TOK_CAP,   ['D'] = CX_TOK_CAP,
    ['E'] = CX_TOK_CAP,   ['F'] = CX_TOK_CAP,   ['G'] = CX_TOK_CAP,   ['H'] = CX_TOK_CAP,
    ['I'] = CX_TOK_CAP,   ['J'] = CX_TOK_CAP,   ['K'] = CX_TOK_CAP,   ['L'] = CX_TOK_CAP,
    ['M'] = CX_TOK_CAP,   ['N'] = CX_TOK_CAP,   ['O'] = CX_TOK_CAP,   ['P'] = CX_TOK_CAP,
    ['Q'] = CX_TOK_CAP,   ['R'] = CX_TOK_CAP,   ['S'] = CX_TOK_CAP,   ['T'] = CX_TOK_CAP,
    ['U'] = CX_TOK_CAP,   ['V'] = CX_TOK_CAP,   ['W'] = CX_TOK_CAP,   ['X'] = CX_TOK_CAP,
    ['Y'] = CX_TOK_CAP,   ['Z'] = CX_TOK_CAP,   ['a'] = CX_TOK_LOWER, ['b'] = CX_TOK_LOWER,
    ['c'] = CX_TOK_LOWER, ['d'] = CX_TOK_LOWER, ['e'] = CX_TOK_LOWER, ['f'] = CX_TOK_LOWER,
    ['g'] = CX_TOK_LOWER, ['h'] = CX_TOK_LOWER, ['i'] = CX_TOK_LOWER, ['j'] = CX_TOK_LOWER,
    ['k'] = CX_TOK_LOWER, ['l'] = CX_TOK_LOWER, ['m'] = CX_TOK_LOWER, ['n'] = CX_TOK_LOWER,
    ['o'] = CX_TOK_LOWER, ['p'] = CX_TOK_LOWER, ['q'] = CX_TOK_LOWER, ['r'] = CX_TOK_LOWER,
    ['s'] = CX_TOK_LOWER, ['t'] = CX_TOK_LOWER, ['u'] = CX_TOK_LOWER, ['v'] = CX_TOK_LOWER,
    ['w'] = CX_TOK_LOWER, ['x'] = CX_TOK_LOWER, ['y'] = CX_TOK_LOWER, ['z'] = CX_TOK_LOWER,
};

/* Where a word ends and the periods of U.S. it holds. */
typedef struct {
    size_t end;
    int dots;
} S_word_end;

/* The rest of a word at j once its ASCII letters and digits are read:
 * further letters past ASCII, inner apostrophes (not a possessive 's),
 * and the periods of U.S. or a.m. Rare enough to decode fully. */
static S_word_end S_word_rest(const S_text *x, size_t i, size_t j)
{
    const unsigned char *u = (const unsigned char *)x->t;
    S_word_end r = {j, 0};
    size_t piece = i; /* where the part after the last inner period starts */
    for (;;) {
        size_t nx;
        while (S_wordc[u[j]])
            j++;
        r.end = j;
        if (u[j] < 0x80 && u[j] != '\'' && u[j] != '.')
            return r;
        uint32_t c = S_peek(x, j, &nx);
        int k = S_class(c);
        if (S_is_letter(k) || k == C_DIGIT) {
            j = nx;
            continue;
        }
        if (S_is_apos(c) && j > i) {
            size_t n2, n3;
            uint32_t d = S_peek(x, nx, &n2);
            uint32_t e = S_peek(x, n2, &n3);
            int possessive = (d == 's' || d == 'S') && !S_is_letter(S_class(e));
            if (S_is_letter(S_class(d)) && !possessive) {
                j = nx;
                continue;
            }
        }
        if (c == '.' && j > i) {
            /* U.S. / a.m. / V.O.S. : one or two letters, a period, a
             * letter; each part is short, however many there are */
            size_t n2, n3;
            uint32_t d = S_peek(x, nx, &n2);
            uint32_t e = S_peek(x, n2, &n3);
            if (S_is_letter(S_class(d)) && (e == '.' || !S_is_letter(S_class(e))) &&
                (j - piece) <= 2) {
                r.dots++;
                j = nx;
                piece = nx;
                continue;
            }
        }
        return r;
    }
}

/* The capitals and small letters of the word [i, j) (its apostrophes and
 * periods count as neither). */
static void S_letters(const S_text *x, size_t i, size_t j, int *up, int *lo)
{
    const unsigned char *u = (const unsigned char *)x->t;
    uint64_t acc = 0;
    while (i < j) {
        if (u[i] < 0x80) {
            acc += S_wordc[u[i++]];
            continue;
        }
        int k = S_class_wide(cx_utf8_next(x->t, x->len, &i));
        *up += k == C_UPPER;
        *lo += k == C_LOWER;
    }
    *up += (int)(uint32_t)acc;
    *lo += (int)((acc >> 32) & 0x3FFFFFFF);
}

/* Scans a word from i: letters, digits, inner apostrophes (not a
 * possessive 's), and dotted abbreviations. Returns its end. Its ASCII
 * letters and digits, the bulk of every word, take one table test a
 * byte (the NUL after the text ends them); its letters are counted only
 * when its second character is no small ASCII letter, which settles
 * both questions asked of the counts (all capitals? one capital alone?). */
static size_t S_scan_word(const S_text *x, size_t i, uint32_t *flags)
{
    const unsigned char *u = (const unsigned char *)x->t;
    S_word_end w = {i, 0};
    while (S_wordc[u[w.end]])
        w.end++;
    if (u[w.end] >= 0x80 || u[w.end] == '\'' || u[w.end] == '.')
        w = S_word_rest(x, i, w.end);
    size_t j = w.end;
    uint32_t f = CX_TOK_WORD;
    unsigned char b0 = u[i];
    if (b0 < 0x80) {
        f |= S_first_flags[b0];
    } else {
        size_t nx;
        int k0 = S_class(S_peek(x, i, &nx));
        f |= k0 == C_UPPER ? CX_TOK_CAP : k0 == C_LOWER ? CX_TOK_LOWER : 0;
    }
    int upper = 0, lower = 1;
    if (!(j - i >= 2 && (unsigned)(u[i + 1] - 'a') < 26u)) {
        lower = 0;
        S_letters(x, i, j, &upper, &lower);
    }
    if (upper >= 2 && lower == 0)
        f |= CX_TOK_UPPER;
    /* a trailing period that belongs to the word (u[len] is NUL) */
    if (u[j] == '.') {
        unsigned kind;
        if (w.dots || (upper == 1 && lower == 0 && j - i == 1) ||
            ((kind = S_abbrev_kind(x->t + i, j - i)) != 0 &&
             !((kind & S_NUM) && S_no_number_after(x, j + 1)))) {
            j++;
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
    const unsigned char *u = (const unsigned char *)x->t;
    size_t j = i, nx;
    for (;;) {
        while (S_wordc[u[j]]) /* ASCII letters and digits; not the NUL */
            j++;
        unsigned char b = u[j];
        if (b < 0x80) {
            if ((b == ',' || b == '.' || b == ':' || b == '/') &&
                (unsigned)(u[j + 1] - '0') < 10u) { /* u[len] is NUL */
                j++;
                continue;
            }
            return j;
        }
        if (!S_is_letter(S_class(S_peek(x, j, &nx))))
            return j;
        j = nx;
    }
}

/* After an apostrophe at i: an s that ends the word. */
static int S_possessive(const S_text *x, size_t i)
{
    size_t n2, n3;
    uint32_t d = S_peek(x, i, &n2);
    uint32_t e = S_peek(x, n2, &n3);
    return (d == 's' || d == 'S') && !S_is_letter(S_class(e)) && S_class(e) != C_DIGIT;
}

/* The token at i (not white space) of class k, first character c ending
 * at nx: its end and flags. Out of line: the tokenizer's loop keeps its
 * registers for S_plain_word. */
static __attribute__((noinline)) size_t S_token(const S_text *x, size_t ntok, size_t i,
                                                size_t nx, uint32_t c, int k, uint32_t *f)
{
    if (k == C_DIGIT) {
        *f = CX_TOK_NUM;
        return S_scan_number(x, i);
    }
    if (S_is_letter(k))
        return S_scan_word(x, i, f);
    if (S_is_apos(c) && ntok > 0 && S_possessive(x, nx)) {
        /* possessive 's, also in tokenized text ("Apple 's") */
        *f = CX_TOK_WORD | CX_TOK_LOWER;
        return nx + 1;
    }
    *f = CX_TOK_PUNCT;
    return nx;
}

/* A plain word at the ASCII letter at i: ASCII letters and digits ended
 * by ASCII that is no apostrophe or period, its second character a small
 * letter (so it is neither all capitals nor one capital alone, and has no
 * period of its own): most words. Returns its end, or 0 for any
 * other word, which S_scan_word reads in full. */
static inline size_t S_plain_word(const unsigned char *u, size_t i)
{
    if ((unsigned)(u[i + 1] - 'a') >= 26u) /* u[len] is NUL */
        return 0;
    size_t j = i + 2;
    while (S_wordc[u[j]])
        j++;
    if (u[j] >= 0x80 || u[j] == '\'' || u[j] == '.')
        return 0;
    return j;
}

static int S_is_open_quote(const char *t, size_t start, size_t end)
{
    uint32_t c = cx_utf8_next(t, end, &start);
    return c == '"' || c == 0x201C || c == 0x2018 || c == '(' || c == '\'' || c == '[';
}

static int S_is_close(const char *t, size_t start, size_t end)
{
    uint32_t c = cx_utf8_next(t, end, &start);
    return c == '"' || c == 0x201D || c == 0x2019 || c == ')' || c == '\'' || c == ']';
}

/* Does the capitalized word t[start, end) open sentences rather than
 * names: an article, a pronoun, a conjunction, a preposition, a
 * determiner? After an abbreviation's period only such a word starts a
 * new sentence: "the U.S. The company" ends one, "the U.S. Commerce
 * Department" and "Apple Inc. Chief Executive" do not. A closed class of
 * English, so kept here with the abbreviations. */
static int S_opener(const char *t, size_t start, size_t end)
{
    static const char *const words[] = {
        "a",     "after",     "all",     "also",   "although", "an",     "and",     "another",
        "as",    "at",        "because", "before", "both",     "but",    "by",      "during",
        "each",  "even",      "every",   "for",    "from",     "he",     "her",     "here",
        "his",   "how",       "however", "i",      "if",       "in",     "it",      "its",
        "many",  "meanwhile", "most",    "my",     "no",       "not",    "now",     "of",
        "on",    "once",      "one",     "or",     "other",    "our",    "she",     "since",
        "so",    "some",      "still",   "such",   "that",     "the",    "their",   "then",
        "there", "these",     "they",    "this",   "those",    "though", "thus",    "to",
        "under", "until",     "we",      "what",   "when",     "where",  "whether", "which",
        "while", "who",       "why",     "with",   "without",  "yet",    "you",     "your",
    };
    size_t n = end - start;
    char w[10];
    if (n >= sizeof w)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[start + i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return 0;
        w[i] = (char)(c | 0x20);
    }
    w[n] = 0;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(words[i], w) == 0)
            return 1;
    return 0;
}

/* Can a sentence end after the token t[start, end) with flags f? 0: no;
 * 1: yes, before a capital, a number or an opening quote (. ! ? …);
 * 2: yes, but only before a word that opens sentences (S_opener) or an
 * opening quote: an abbreviation's period, which more often ends none
 * ("U.S. Treasury", "Corp. Chief Executive"). A title or an initial ends
 * none. */
static int S_stop(const char *t, size_t start, size_t end, uint32_t f)
{
    if (f & CX_TOK_PUNCT) {
        char ch = t[start];
        if (ch == '.' || ch == '!' || ch == '?')
            return 1;
        return end - start == 3 && (unsigned char)t[start] == 0xE2 &&
               (unsigned char)t[start + 1] == 0x80 &&
               (unsigned char)t[start + 2] == 0xA6; /* … */
    }
    if (!(f & CX_TOK_ABBR))
        return 0;
    size_t n = end - start - 1;
    if ((n == 1 && (f & CX_TOK_CAP)) || (S_abbrev_kind(t + start, n) & S_NB))
        return 0;
    return 2;
}

/* Tokens go straight into the segmentation, and sentences are split as
 * the tokens come: whether a sentence ends after a stop (S_stop) is
 * decided by the token after it and its closing quotes, so every token
 * knows its sentence when it is added, and no second pass over the
 * tokens is needed. The tokens are kept here while they come (one
 * pointer less to follow a token) and handed to the cx_seg at the end. */
typedef struct {
    cx_seg *seg; /* its sentences */
    cx_tok *toks;
    size_t ntok, cap_tok, cap_sent;
    const char *text;
    size_t first; /* first token of the open sentence */
    /* its capitalized words of four bytes or more, until one such word
     * is not capitalized (nohead): then it is no headline */
    size_t caps;
    size_t title; /* those of them in Title Case, not in capitals */
    int nohead;
    int seen; /* it has its first word or number (CX_TOK_SSTART) */
    int stop; /* S_stop of the last stop, until a token decides */
} S_builder;

/* Does the open sentence end, before token end, with a stop that ends
 * sentences (S_stop: . ! ? and the ellipsis), closing quotes and
 * brackets after it aside? */
static int S_ends_stop(const S_builder *b, size_t end)
{
    for (size_t i = end; i > b->first; i--) {
        const cx_tok *t = &b->toks[i - 1];
        if (!(t->flags & CX_TOK_PUNCT))
            return 0;
        if (S_stop(b->text, t->start, t->end, t->flags) == 1)
            return 1;
        if (!S_is_close(b->text, t->start, t->end))
            return 0;
    }
    return 0;
}

/* Ends the open sentence before token end (first < end). */
static int S_close(S_builder *b, size_t end)
{
    cx_seg *s = b->seg;
    if (s->nsent == b->cap_sent &&
        cx_grow((void **)&s->sents, &b->cap_sent, s->nsent + 1, sizeof *s->sents))
        return CX_ERR_NOMEM;
    cx_tok *t = b->toks;
    s->sents[s->nsent++] =
        (cx_sent){t[b->first].start, t[end - 1].end, (uint32_t)b->first, (uint32_t)end};
    /* a sentence whose longer words (two or more) are all capitalized is
     * a headline, unless they are all in Title Case (none in capitals)
     * and it ends with a stop: a sentence of names ("Chinese President
     * Xi Jinping met Biden on Monday in Beijing.") */
    if (!b->nohead && b->caps >= 2 && !(b->title == b->caps && S_ends_stop(b, end)))
        for (size_t i = b->first; i < end; i++)
            t[i].flags |= CX_TOK_HEADLINE;
    b->first = end;
    b->caps = b->title = 0;
    b->nohead = b->seen = 0;
    return CX_OK;
}

/* Ends sentences before the token [start, end) with flags f, when a stop
 * waits for it or it starts a line. */
static int S_break(S_builder *b, size_t start, size_t end, uint32_t f)
{
    if (b->stop) {
        if (f & CX_TOK_SPACE) {
            int ends;
            if (f & CX_TOK_NL)
                ends = 1;
            else if (b->stop == 2)
                ends = ((f & CX_TOK_CAP) && S_opener(b->text, start, end)) ||
                       S_is_open_quote(b->text, start, end);
            else
                ends = (f & CX_TOK_CAP) || (f & CX_TOK_NUM) ||
                       S_is_open_quote(b->text, start, end);
            b->stop = 0;
            if (ends && S_close(b, b->ntok))
                return CX_ERR_NOMEM;
        } else if (!S_is_close(b->text, start, end)) {
            b->stop = 0; /* "3.5", "U.S.-led": no end */
        }
    }
    if ((f & CX_TOK_NL) && b->ntok > b->first)
        return S_close(b, b->ntok);
    return CX_OK;
}

/* Adds the token [start, end) with flags f. */
static inline int S_add(S_builder *b, size_t start, size_t end, uint32_t f)
{
    if ((b->stop || (f & CX_TOK_NL)) && S_break(b, start, end, f))
        return CX_ERR_NOMEM;
    if (!b->seen && (f & (CX_TOK_WORD | CX_TOK_NUM))) {
        f |= CX_TOK_SSTART;
        b->seen = 1;
    }
    if (!b->nohead && (f & CX_TOK_WORD) && end - start >= 4) {
        if (f & (CX_TOK_CAP | CX_TOK_UPPER)) {
            b->caps++;
            b->title += !(f & CX_TOK_UPPER);
        } else
            b->nohead = 1;
    }
    size_t n = b->ntok;
    if (n == b->cap_tok && cx_grow((void **)&b->toks, &b->cap_tok, n + 1, sizeof *b->toks))
        return CX_ERR_NOMEM;
    /* the flags apart from the rest: stored together, the four fields
     * were first put together in a vector register, three times the
     * instructions of the stores */
    cx_tok *t = &b->toks[n];
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->sent = (uint32_t)b->seg->nsent;
    b->ntok = n + 1;
    if (f & (CX_TOK_PUNCT | CX_TOK_ABBR)) {
        int k = S_stop(b->text, start, end, f);
        if (k) /* a closing quote keeps the stop before it waiting */
            b->stop = k;
    }
    t->flags = f;
    return CX_OK;
}

static int S_tokenize(const cx_doc *doc, S_builder *b)
{
    S_text x = {doc->text, doc->len};
    const unsigned char *u = (const unsigned char *)doc->text;
    uint32_t pending = 0;
    size_t i = 0;
    while (i < x.len) {
        uint32_t c = u[i], f;
        size_t nx = i + 1, end;
        int k;
        if (c < 0x80) {
            k = S_ascii[c];
        } else {
            nx = i;
            c = cx_utf8_next(x.t, x.len, &nx);
            k = S_class_wide(c);
        }
        if (k == C_SPACE || k == C_NL) {
            pending |= CX_TOK_SPACE | (k == C_NL ? CX_TOK_NL : 0);
            i = nx;
            continue;
        }
        if (c < 0x80 && (k == C_UPPER || k == C_LOWER) && (end = S_plain_word(u, i)) != 0) {
            f = CX_TOK_WORD | S_first_flags[c];
        } else if (c < 0x80 && k == C_PUNCT && c != '\'') {
            f = CX_TOK_PUNCT;
            end = nx;
        } else {
            end = S_token(&x, b->ntok, i, nx, c, k, &f);
        }
        if (S_add(b, i, end, f | pending))
            return CX_ERR_NOMEM;
        pending = 0;
        i = end;
        if (u[i] == ' ') { /* the usual single space, without the loop */
            pending = CX_TOK_SPACE;
            i++;
        }
    }
    if (b->ntok > b->first)
        return S_close(b, b->ntok);
    return CX_OK;
}

int cx_segment(const cx_doc *doc, cx_seg *seg)
{
    memset(seg, 0, sizeof *seg);
    S_builder b = {.seg = seg, .text = doc->text};
    /* news runs about five bytes a token: room for most documents at once
     * instead of a dozen reallocations (a failure here is retried below) */
    if (cx_grow((void **)&b.toks, &b.cap_tok, doc->len / 4 + 16, sizeof *b.toks))
        b.cap_tok = 0;
    int rc = S_tokenize(doc, &b);
    seg->toks = b.toks;
    seg->ntok = b.ntok;
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
