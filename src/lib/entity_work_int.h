/* entity: the working state of one document, shared by entity.c (runs,
 * pieces, types) and entity_alias.c (aliases, output). Private. */
#ifndef CX_ENTITY_WORK_INT_H
#define CX_ENTITY_WORK_INT_H
#include "entity_int.h"
#include "gazetteer_int.h"

#define CX_ENDING_MAX 15 /* bytes of one family-name ending */

/* An ending of family names: lower-case, NUL-terminated, len bytes. */
typedef struct {
    char s[CX_ENDING_MAX + 1];
    uint8_t len;
} cx_ending;

#define CX_RULE_WORD_MAX 31 /* bytes of one entry of a rule-word set */

/* The closed word sets some rules read (data/entity/rule_words.txt). */
enum {
    CX_RW_SHIP,        /* a kind of ship before a ship's name */
    CX_RW_COUNT,       /* a number word before a statistic */
    CX_RW_FOLLOWERS,   /* a side, its crowd or its fans after a place */
    CX_RW_INDEX,       /* a stock index's noun */
    CX_RW_INDEX_WORD,  /* a word between an index's name and its noun */
    CX_RW_COMPASS,     /* a compass point opening the name of a part of a place */
    CX_RW_PLURAL,      /* a capitalized plural without s */
    CX_RW_ROAD,        /* a road's kind before its number (Interstate, Route) */
    CX_RW_ROAD_QUAL,   /* a word before that (State, County, U.S.) */
    CX_RW_NUMERAL,     /* a capitalized number word (One, Two) */
    CX_RW_STORM,       /* a kind of storm before its name (Hurricane, Typhoon) */
    CX_RW_PLACE_LEAD,  /* a place's head word that opens its name (Mount, Lake) */
    CX_RW_RESULT,      /* a word of a match's result next to its score (beat, drew) */
    CX_RW_VENUE,       /* a place's head word that names a sports ground (Stadium) */
    CX_RW_STAFF,       /* people who work for an employer (analysts, lawyers) */
    CX_RW_STOCK,       /* a company's shares (shares, stock, stake) */
    CX_RW_LIST_END,    /* a word after a list of names that ends it (on, during) */
    CX_RW_PRODUCT,     /* a kind of product after its name (chips, model) */
    CX_RW_OWNER,       /* a possessive before a product's name (its, their) */
    CX_RW_PRODUCT_ADJ, /* a word between the owner and the name (new, latest) */
    CX_RW_WHO_PREP,    /* a preposition that makes "who" after a name the noun's */
    CX_RW_FIRM_KIND,   /* a company's trade before its name (drugmaker, lender) */
    CX_RW_NSETS
};

/* An entry of a rule-word set, as written: one word, or two with one
 * space at split (0: one word). */
typedef struct {
    char s[CX_RULE_WORD_MAX + 1];
    uint8_t len, split;
} cx_rule_word;

struct cx_entity_rules {
    cx_gaz *gaz;
    cx_ending *endings; /* data/entity/surname_endings.txt */
    size_t nendings, cap_endings;
    cx_rule_word *words[CX_RW_NSETS]; /* data/entity/rule_words.txt */
    size_t nwords[CX_RW_NSETS], cap_words[CX_RW_NSETS];
    /* a set's lengths (bit n: a last word of n bytes) and first bytes of
     * its last words: most tokens asked about are in no set */
    uint32_t word_lens[CX_RW_NSETS];
    uint8_t word_first[CX_RW_NSETS][32];
};

/* What one token is. */
typedef struct {
    uint32_t cats;       /* categories of the one-token entries that fit */
    uint32_t mcats;      /* categories of the longest name match from here */
    const char *mcanon;  /* its canonical name, or NULL */
    uint8_t mlen;        /* its length in tokens (0: none) */
    uint8_t muser, user; /* the matches come from user lists */
    uint8_t cap;         /* a word with a capital first letter */
    uint8_t weak;        /* capitalized by position: sentence start, headline */
    uint8_t hl;          /* in a headline */
    uint8_t code;        /* letters and digits: a model code */
    uint8_t dlen;        /* a nationality starts here: its length */
    uint8_t intx;        /* inside a date expression */
    uint8_t title_end;   /* the last token of a title or role */
    uint8_t title_len;   /* a title or role starts here: its length */
    uint8_t role_start;  /* an after-affiliation role starts here (CEO) */
} S_tok;

/* why a piece was made or typed: after a title, before a role; a US
 * state after a town and a comma ("Oshkosh, Wis."), and that town; a
 * road and its number ("Route 9"); a firm people work at ("analysts at
 * Jefferies") */
enum {
    W_AFTER_TITLE = 1,
    W_BEFORE_ROLE = 2,
    W_STATE = 4,
    W_TOWN = 8,
    W_ROAD = 16,
    W_STAFF = 32
};
enum { T_DROP = -2 };

/* A candidate name: tokens [b, e). */
typedef struct {
    uint32_t b, e;
    int why;           /* W_* */
    int type;          /* cx_entity_type, -1 undecided, T_DROP */
    int strong;        /* typed by evidence, not by default */
    int team;          /* a sports team named after a place */
    int evid;          /* typed by context: a vote, but no bar to aliases */
    int gaz;           /* typed by the gazetteer's category alone */
    int bynames;       /* typed a person by the first and last name lists alone */
    const char *canon; /* gazetteer canonical name, or NULL */
    long ent;          /* entity index, -1 none */
} S_piece;

/* A set of token keys; grows with its keys, not with the document. */
typedef struct {
    uint64_t *k;
    size_t cap, n; /* cap 0: empty, nothing allocated */
} S_keyset;

typedef struct {
    const cx_entity_rules *r;
    const cx_doc *doc;
    const cx_seg *seg;
    const char *text;
    size_t ntok;
    S_tok *t;
    cx_gaz_tok *g;
    S_piece *p;
    size_t np, cap_p;
    S_keyset strong;   /* keys written capitalized mid-sentence */
    S_keyset lower;    /* keys written in lower case (of one-word pieces only;
                        built on demand by cx_ent_lower_has) */
    S_keyset products; /* first words of product names (Boeing 787 Dreamliner) */
    S_keyset storms;   /* storms' names (Hurricane Dorian) */
    int lower_asked; /* questions so far; past a few, lower holds its keys (cx_ent_lower_has) */
    int sports;      /* the document reports sports results */
    int solo;        /* ... of a sport without teams named after places
                        (tennis, golf, athletics): its places are venues */
    int team;        /* ... of a sport with such teams (soccer, cricket) */
    int nomem;       /* a set could not grow: the stage fails */
} S_work;

int cx_ent_set_has(const S_keyset *s, uint64_t k);
/* Is the word of key k written in lower case in the document? May set
 * w->nomem. */
int cx_ent_lower_has(S_work *w, uint64_t k);
/* Is token i the punctuation s[n]? cx_ent_punct takes a string literal. */
int cx_ent_punctn(const S_work *w, size_t i, const char *s, size_t n);
size_t cx_ent_lead(const S_work *w, size_t b);
#define cx_ent_punct(w, i, s) cx_ent_punctn((w), (i), "" s, sizeof(s) - 1)
/* Is a place preposition (in, at, near) just before token b? */
int cx_ent_prep_before(const S_work *w, size_t b);
/* Is [b, e) a dateline's place: capitals opening a line, then a date, a
 * comma or a parenthesis (MOSCOW, June 1 (Reuters); LONDON 1996-08-30)? */
int cx_ent_dateline(const S_work *w, size_t b, size_t e);

/* The key of the name of tokens [b, e), never 0: a legal suffix, a
 * leading nationality or "The" and a final period left out when strip is
 * set (how aliases match). */
uint64_t cx_ent_name_key(const S_work *w, size_t b, size_t e, int strip);

/* Joins the typed pieces into entities (aliases, acronyms) and appends
 * them to out. */
int cx_ent_resolve(S_work *w, cx_entity_vec *out);

#endif
