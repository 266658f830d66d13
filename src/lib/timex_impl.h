/* timex internals shared by timex.c (loading, scanning, anchoring) and
 * timex_norm.c (calendar arithmetic and TIMEX3 values). Not a module
 * interface: the pipeline uses timex_int.h. */
#ifndef CX_TIMEX_IMPL_H
#define CX_TIMEX_IMPL_H
#include "rules_int.h"
#include "timex_int.h"

/* Word classes of data/timex/words.txt. */
typedef enum {
    TX_MONTH,
    TX_WEEKDAY,
    TX_NUMW,
    TX_ORDINAL,
    TX_UNIT,
    TX_POD,
    TX_SEASON,
    TX_DECADE,
    TX_SETW,
    TX_REF,
    TX_TZ,
    TX_HOLIDAY,
    TX_GATE,
    TX_START,
    TX_JOIN,
    TX_NCLASS
} tx_class;

typedef struct {
    char *word; /* lower case, single spaces */
    size_t len;
    int cls;
    int ival; /* the value as a number (atoi) */
    char sval[16];
} tx_word;

/* A single word of at most TX_KEY_MAX bytes, lower case, packed into two
 * integers: the scan looks a token up with one hash and one compare. */
#define TX_KEY_MAX 16
typedef struct {
    uint64_t a, b;  /* bytes 0..7 and 8..15, little end first; 0 padded */
    uint32_t n;     /* length; 0: an empty slot */
    uint16_t cls;   /* classes of words.txt, bits 1 << tx_class */
    uint16_t flags; /* the scanner's own word lists (timex.c) */
    uint16_t gates; /* the gate sets the word opens (timex.c) */
} tx_key;

/* Open-addressing table keyed by word; a word may appear in several
 * classes (e.g. "second"? no; "may": month only), so lookups compare both. */
typedef struct {
    tx_word *slots;
    size_t mask; /* slots - 1, a power of two minus one */
    /* bit (first letter, second letter, length) of every single word: a
     * word whose bit is clear is in no class, found without hashing */
    uint8_t bloom[65536 / 8];
    tx_key *keys;  /* every single word of slots and of timex.c's lists */
    uint8_t *tags; /* a byte of each key's hash, 0 for an empty slot: a
                      miss reads these (a few KB), not the keys */
    size_t kmask;
    uint32_t wd_first; /* bit (c & 31) for the first byte c of each weekday */
    /* bit (first byte, last byte, length) of each word of a class and of
     * each weekday's plural (timex.c's S_sieve_at) */
    uint16_t sieve[32 * 32];
} tx_words;

/* Capture fields (named groups in patterns.txt). */
typedef enum {
    F_Y,
    F_Y2,
    F_MN,
    F_M,
    F_D,
    F_WD,
    F_HH,
    F_MI,
    F_AP,
    F_TZ,
    F_CLK,
    F_MOD,
    F_REL,
    F_RY,
    F_YAGO,
    F_FISC,
    F_ORD,
    F_QU,
    F_QN,
    F_U,
    F_UX,
    F_N,
    F_AGO,
    F_DEC,
    F_DEC2,
    F_DECW,
    F_CEN,
    F_SEA,
    F_POD,
    F_REF,
    F_DBA,
    F_SETW,
    F_TN,
    F_HOL,
    F_YW,
    F_HALF,
    F_WKO,
    F_D2,
    F_HH2,
    F_MI2,
    F_NFIELD
} tx_field;

/* Rule kinds (the NAME of a rule line). */
typedef enum {
    K_ISO,
    K_SLASH,
    K_YRANGE,
    K_CLOCK,
    K_CLOCK24,
    K_NOON,
    K_MDY,
    K_DMY,
    K_QTR,
    K_QYR,
    K_QTHE,
    K_QN,
    K_YAGO,
    K_DEC,
    K_DEC2,
    K_DEC3,
    K_DECW,
    K_CENT,
    K_SEAS,
    K_REFDAY,
    K_PODREL,
    K_PODREF,
    K_RELU,
    K_THEU,
    K_THEW,
    K_SETW,
    K_SETWP,
    K_SETU,
    K_SETM,
    K_SETT,
    K_SETA,
    K_WDAY,
    K_MY,
    K_YEARW,
    K_DUR,
    K_DURX,
    K_YEAR,
    K_REF,
    K_HOL,
    K_ANA,
    K_MDR,
    K_TRANGE,
    K_NKIND
} tx_kind;

#define TX_MAX_RULES 64 /* rule lines of patterns.txt */

/* One rule as a match reads it: its kind and the field of each of its
 * capture groups, numbered as in the rule alone (1 = its first). */
typedef struct {
    int kind;
    uint32_t ngroups;
    int8_t field[256]; /* -1: a group of no field */
} tx_rule;

/* One combined pattern: the rules that can fire from one gate set, each
 * behind a (*MARK) holding its index in cx_timex_rules.rules. */
typedef struct {
    pcre2_code *re;    /* NULL when no rule fires from this gate set */
    int jit;           /* re is JIT-compiled: matched with pcre2_jit_match */
    uint8_t first[32]; /* bitmap of the bytes a match can start with */
    uint64_t rules;    /* bit i: rules[i] is in the pattern */
    /* the group before rule i's first: 0 when the rules share their
     * numbers (a branch reset), else the groups of the rules before it */
    uint16_t base[TX_MAX_RULES];
} tx_re;

#define TX_NGATE 11 /* numbers, then ten word classes (timex.c) */

struct cx_timex_rules {
    tx_words words;
    tx_rule rules[TX_MAX_RULES];
    tx_re re[TX_NGATE];
    pcre2_match_context *mc; /* the match limits; read-only when shared */
    uint32_t max_pairs;      /* ovector pairs the largest pattern needs */
};

/* One matched expression before normalization: the text and where each
 * field was captured (-1 when not). */
typedef struct {
    int kind;
    size_t start, end;
    long f[F_NFIELD][2];
} tx_cand;

/* What normalization needs besides the candidate. */
typedef struct {
    const cx_timex_rules *r;
    const char *text;
    size_t len;
    const cx_anchor *anchor;  /* y == 0: none */
    int future;               /* the clause speaks of the future */
    int past;                 /* ... or plainly of the past */
    int not_after;            /* its own past verb right before it: no later than the anchor */
    int past_far;             /* a past verb further back in the clause ("changed its name in
                              * December"): a month only is not one to come */
    const char *last_quarter; /* "YYYY-Qn" the text reports on, or NULL */
    size_t last_quarter_end;  /* where a quarter was last named */
    size_t here;              /* where the expression starts */
    const char *ref;          /* value of the last date or time named
                                 ("1995-05-22"), or NULL: what "that day",
                                 "the following year" speak of */
    const char *prev;         /* value of the previous expression, or NULL */
    size_t prev_end;          /* where it ends */
} tx_env;

/* Does no sentence end between byte offsets a and b of t? */
int tx_same_sentence(const char *t, size_t a, size_t b);

/* Looks up a word (len bytes, any case; runs of spaces match one space,
 * a final '.' is ignored) in class cls; NULL when absent. cls < 0: any. */
const tx_word *tx_word_find(const tx_words *w, const char *s, size_t len, int cls);

/* Normalizes c into t (type, value, mod). Returns 0, or -1 when the match
 * turns out not to be a date expression (e.g. 31 February). */
int tx_normalize(const tx_env *env, const tx_cand *c, cx_timex *t);

/* Reads a number written in digits or words ("twenty four", "a", "1 1/2");
 * returns -1 for vague amounts (several, few, many). */
/* The classes the word belongs to, as bits 1 << cls; 0 when none. */
unsigned tx_word_classes(const tx_words *w, const char *s, size_t len);

double tx_number(const tx_words *w, const char *s, size_t len);

/* Calendar helpers (proleptic Gregorian). */
long tx_days(int y, int m, int d);
void tx_civil(long days, int *y, int *m, int *d);
void tx_day_value(char *v, long days); /* "YYYY-MM-DD" into a value[40] */
int tx_weekday(int y, int m, int d);   /* ISO: Monday 1 .. Sunday 7 */
int tx_month_days(int y, int m);
/* Is rule a holiday rule timex_norm.c reads (words.txt, class holiday)? */
int tx_holiday_rule_ok(const char *rule);

#endif
