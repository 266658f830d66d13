/* segment: sentences and tokens as byte spans of the document. */
#ifndef CX_SEGMENT_INT_H
#define CX_SEGMENT_INT_H
#include "document_int.h"

enum {
    CX_TOK_WORD = 1u << 0,     /* letters (may hold ' . - inside: U.S., O'Neil) */
    CX_TOK_NUM = 1u << 1,      /* starts with a digit */
    CX_TOK_PUNCT = 1u << 2,    /* anything else, one character */
    CX_TOK_CAP = 1u << 3,      /* first letter upper case */
    CX_TOK_UPPER = 1u << 4,    /* all letters upper case (and more than one) */
    CX_TOK_LOWER = 1u << 5,    /* first letter lower case */
    CX_TOK_SSTART = 1u << 6,   /* first word-like token of a sentence */
    CX_TOK_SPACE = 1u << 7,    /* white space before the token */
    CX_TOK_NL = 1u << 8,       /* a line break before the token */
    CX_TOK_ABBR = 1u << 9,     /* ends with a period that belongs to it */
    CX_TOK_HEADLINE = 1u << 10 /* in a line written in Title Case or CAPS */
};

typedef struct {
    uint32_t start, end; /* bytes */
    uint32_t flags;
    uint32_t sent; /* index of its sentence */
} cx_tok;

typedef struct {
    uint32_t start, end;         /* bytes */
    uint32_t tok_first, tok_end; /* token index range */
} cx_sent;

typedef struct {
    cx_tok *toks;
    size_t ntok;
    cx_sent *sents;
    size_t nsent;
} cx_seg;

/* Splits doc into sentences and tokens. CX_OK or CX_ERR_NOMEM. */
int cx_segment(const cx_doc *doc, cx_seg *seg);
void cx_seg_fini(cx_seg *seg);

/* What the segmenter knows of the word s[0, n) (any case, without its
 * period): CX_SEG_ABBR, the period belongs to it (Inc., Jan., e.g.);
 * CX_SEG_NOBREAK, a capitalized word after it starts no sentence (Mr.,
 * Gen., Jan.); CX_SEG_NUMBER, it is such only before a number (No. 5). */
enum { CX_SEG_ABBR = 1u << 0, CX_SEG_NOBREAK = 1u << 1, CX_SEG_NUMBER = 1u << 2 };
unsigned cx_seg_abbrev(const char *s, size_t n);

/* The index of the first token whose start is >= off (ntok if none). */
size_t cx_seg_tok_at(const cx_seg *seg, size_t off);

#endif
