/* gazetteer: a token trie over the name lists of data/gazetteers/ and the
 * linguistic lists of data/entity/.
 *
 * The trie is a hash trie: a node is the 64-bit hash of the case-folded
 * tokens on its path, kept in one open-addressing table, so a lookup costs
 * one probe a token and a million entries load in a fraction of a second.
 * Each node with entries holds a short list of them (surface form,
 * canonical name, categories); a match checks the text's capitalization
 * against the surface ("US" does not match "us", "Moscow" matches
 * "MOSCOW"). */
#ifndef CX_GAZETTEER_INT_H
#define CX_GAZETTEER_INT_H
#include "segment_int.h"
#include <stdint.h>

/* Entry categories, one bit each (docs/entities.md lists their names). */
enum {
    CX_G_LOC_COUNTRY = 1u << 0,
    CX_G_LOC_CITY = 1u << 1,
    CX_G_LOC_REGION = 1u << 2,
    CX_G_LOC = 1u << 3, /* any other place (user lists) */
    CX_G_PER_FIRST = 1u << 4,
    CX_G_PER_LAST = 1u << 5,
    CX_G_PER = 1u << 6, /* a full person name (user lists) */
    CX_G_ORG_COMPANY = 1u << 7,
    CX_G_ORG_AIRLINE = 1u << 8,
    CX_G_ORG = 1u << 9, /* a known organization */
    CX_G_DEMONYM = 1u << 10,
    CX_G_COMMON = 1u << 11,      /* a lower-case English word */
    CX_G_PROPER = 1u << 12,      /* a word a dictionary lists only capitalized */
    CX_G_TITLE = 1u << 13,       /* a title or role before a name */
    CX_G_PARTICLE = 1u << 14,    /* van, de, bin */
    CX_G_NAME_SUFFIX = 1u << 15, /* Jr., III */
    CX_G_ORG_SUFFIX = 1u << 16,  /* Inc, Corp: droppable legal suffixes */
    CX_G_ORG_HEAD = 1u << 17,    /* University, Agency, Bank */
    CX_G_LOC_HEAD = 1u << 18,    /* River, Street, Island */
    CX_G_MISC_HEAD = 1u << 19,   /* Cup, Award, Index: names of no entity */
    CX_G_LOC_PREP = 1u << 20,    /* in, at, near */
    CX_G_FUNC = 1u << 21,        /* function words that never open a name */
    CX_G_SPORT = 1u << 22,       /* words that mark a sports report */
    CX_G_MISC = 1u << 23,        /* a known name that is no entity */
    CX_G_ORG_PREFIX = 1u << 24,  /* words that open org names: Federal */
    CX_G_ROLE_AFTER = 1u << 25,  /* roles after an affiliation: CEO, spokesman */
    CX_G_SPORT_TEAM = 1u << 26,  /* a sport of teams named after places */
    CX_G_SPORT_SOLO = 1u << 27,  /* a sport of people, held at places */
    CX_G_LOC_STATE = 1u << 28    /* a US state's abbreviation after a town (Fla.) */
};
#define CX_G_ANY_LOC (CX_G_LOC_COUNTRY | CX_G_LOC_CITY | CX_G_LOC_REGION | CX_G_LOC)
#define CX_G_ANY_ORG (CX_G_ORG_COMPANY | CX_G_ORG_AIRLINE | CX_G_ORG)
#define CX_G_ANY_NAME (CX_G_ANY_LOC | CX_G_ANY_ORG | CX_G_PER)

/* Category name ("LOC.city") to bit; 0 when unknown. */
uint32_t cx_gaz_category(const char *name, size_t len);

typedef struct cx_gaz cx_gaz;

/* A new empty gazetteer (free with cx_gaz_free), NULL when out of memory. */
cx_gaz *cx_gaz_new(void);
void cx_gaz_free(cx_gaz *g);

/* Adds one entry: its surface text (tokenized as the segmenter does),
 * canonical name (NULL: the surface) and categories. user marks entries of
 * user lists, which take precedence over the defaults. CX_OK,
 * CX_ERR_DATA (no tokens) or CX_ERR_NOMEM. */
int cx_gaz_add(cx_gaz *g, const char *entry, size_t len, const char *canon, size_t canon_len,
               uint32_t cats, int user);

/* Loads a list file: '#' lines, a "# category: NAME" header giving the
 * categories of the entries below it, then "Entry", "Entry<TAB>Canonical"
 * or "Entry<TAB>Canonical<TAB>CATEGORY" lines. A malformed file gives
 * CX_ERR_DATA with err->file and err->line. */
int cx_gaz_load_file(cx_gaz *g, const char *path, int user, cx_error *err);

/* Makes room for nodes more trie nodes (an estimate); CX_OK or
 * CX_ERR_NOMEM. Loading calls it from the file size. */
int cx_gaz_reserve(cx_gaz *g, size_t nodes);

/* Makes room for list files of len bytes in all (their sum), so that
 * loading them grows nothing. CX_OK or CX_ERR_NOMEM. */
int cx_gaz_reserve_bytes(cx_gaz *g, size_t len);

/* ---- images: a loaded gazetteer saved whole, for a fast start-up -----
 *
 * An image holds the gazetteer's arrays as they are in memory (offsets,
 * no pointers) behind a header with a magic string, the format version,
 * the caller's key (what the lists were: ctx.c hashes their contents and
 * the configuration) and a checksum of every byte. */

/* Writes g to path through a temporary file and a rename, so that a
 * reader never sees half an image. CX_OK, CX_ERR_IO or CX_ERR_NOMEM. */
int cx_gaz_image_save(const cx_gaz *g, const char *path, uint64_t key);

/* Loads the image at path into g, which must be fresh from cx_gaz_new.
 * CX_OK; CX_ERR_IO when there is none or it cannot be read; CX_ERR_DATA
 * when it is of another key or format, truncated or corrupt (its checksum
 * or its offsets are wrong). On any error g is left empty and usable. */
int cx_gaz_image_load(cx_gaz *g, const char *path, uint64_t key);

/* The number of entries. */
size_t cx_gaz_size(const cx_gaz *g);

/* The case shape of a token: no letters, lower, Capitalized, UPPER,
 * or mIxEd. */
enum { CX_SH_NONE = 0, CX_SH_LOWER, CX_SH_CAP, CX_SH_UPPER, CX_SH_MIXED };
uint8_t cx_gaz_shape(const char *s, size_t len);

/* A token of text as the matcher sees it. */
typedef struct {
    const char *s; /* its bytes (without a possessive 's) */
    uint32_t len;
    uint32_t flags; /* CX_TOK_* */
    uint64_t key;   /* cx_gaz_key(s, len) */
    uint8_t shape;  /* cx_gaz_shape(s, len) */
} cx_gaz_tok;

/* Fills t for the token s (len bytes): key and shape in one pass. */
void cx_gaz_tok_init(cx_gaz_tok *t, const char *s, size_t len, uint32_t flags);

/* Fills t[0, n) for the tokens toks[0, n) of text, as cx_gaz_tok_init. */
void cx_gaz_toks_init(cx_gaz_tok *t, const char *text, const cx_tok *toks, size_t n);

/* Starts loading the table slot a match from a token of this key will
 * read first (call a few tokens ahead). */
void cx_gaz_prefetch(const cx_gaz *g, uint64_t key);

/* The case-folded hash of a token (a final '.' and ’/' differences fold
 * away). Never 0. */
uint64_t cx_gaz_key(const char *s, size_t len);

/* One match: ntok tokens long. cats holds the categories of the entries
 * whose capitalization fits the text (only user entries' when any fits);
 * canon is the canonical name of the first fitting name entry or NULL. */
typedef struct {
    uint32_t ntok;
    uint32_t cats;
    int user;
    const char *canon;
} cx_gaz_hit;

/* Matches entries starting at toks[0] (n tokens available). Writes up to
 * max hits, shortest first; returns their number. Also prefetches for
 * toks[8] (when n > 8), so that matching token after token finds its
 * first slot in the cache. */
size_t cx_gaz_match(const cx_gaz *g, const cx_gaz_tok *toks, size_t n, cx_gaz_hit *hits,
                    size_t max);

#endif
