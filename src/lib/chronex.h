/* chronex: entities, dates and timelines from English news text.
 *
 * The public interface of libchronex. Everything here is prefixed cx_/CX_.
 * Ownership is stated next to each function. Every *_new / *_free pair
 * accepts NULL in *_free. The library never prints and never exits.
 */
#ifndef CHRONEX_H
#define CHRONEX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CX_VERSION "0.1.0"

/* Status codes: CX_OK or a negative failure. */
enum {
    CX_OK = 0,
    CX_ERR_NOMEM = -1,   /* allocation failed */
    CX_ERR_IO = -2,      /* a file could not be read or written */
    CX_ERR_DATA = -3,    /* a data file (gazetteer, list) is malformed */
    CX_ERR_PATTERN = -4, /* a pattern file does not compile */
    CX_ERR_INPUT = -5,   /* the input text cannot be processed */
    CX_ERR_ARG = -6,     /* an argument is invalid (e.g. a malformed DCT) */
    CX_ERR_LIMIT = -7    /* a resource limit was reached */
};

/* A static English message for a status code. */
const char *cx_strerror(int code);

/* Where a data or pattern error happened. line is 1-based, 0 if unknown. */
typedef struct {
    int code;
    char file[512];
    long line;
    long offset;
    char message[512];
} cx_error;

/* Configuration of a context; get defaults from cx_config_default(). */
typedef struct {
    /* Folder with the data files. NULL: $CHRONEX_DATA_DIR, then the
     * compiled-in data folder, then ./data. Borrowed. */
    const char *data_dir;
    /* Extra gazetteer files; their entries take precedence over the
     * defaults (see docs/gazetteers.md). Borrowed. */
    const char *const *gazetteers;
    size_t n_gazetteers;
    /* Default lists to leave out, by file stem (e.g. "per_last"). Borrowed. */
    const char *const *disabled_lists;
    size_t n_disabled_lists;
    /* Folder for gazetteer images (a loaded gazetteer saved whole, so that
     * the next start-up reads it instead of parsing the lists; see
     * docs/HACKING.md). Created when missing; an image that is missing,
     * stale or corrupt is rebuilt from the lists, and a folder that cannot
     * be written only costs the speed. NULL: none. Borrowed. */
    const char *cache_dir;
} cx_config;

cx_config cx_config_default(void);

/* A loaded context: compiled patterns and gazetteers, shared read-only by
 * any number of threads. */
typedef struct cx_ctx cx_ctx;

/* Loads the data. Returns a new context (free with cx_ctx_free) or NULL
 * with *err filled in (err may be NULL). */
cx_ctx *cx_ctx_new(const cx_config *cfg, cx_error *err);
void cx_ctx_free(cx_ctx *ctx);

/* A 64-bit hash of the loaded data, for incremental runs. */
uint64_t cx_ctx_data_hash(const cx_ctx *ctx);

/* A fast 64-bit hash of n bytes at p, continuing from h (start with 0):
 * the one the data hash uses, for callers that record input hashes. Not
 * cryptographic. */
uint64_t cx_hash_bytes(uint64_t h, const void *p, size_t n);

/* Writes v as 16 lower-case hex digits and a NUL into out: how outputs
 * record the data and input hashes, so that a caller comparing them
 * (--incremental) writes them the same way. */
void cx_hash_hex(uint64_t v, char out[17]);

/* Per-document options; get defaults from cx_opts_default(). */
typedef struct {
    /* Document creation time "YYYY-MM-DD", or NULL. Borrowed. */
    const char *dct;
    /* Look for a dateline ("MOSCOW, June 1 (Reuters)") when dct is NULL. */
    int use_dateline;
    /* Time the stages into cx_result.stage_seconds (a clock read at each
     * stage's start and end; off by default). */
    int timings;
} cx_opts;

/* The stages of cx_extract, in the order they run: decode (UTF-8 check,
 * code point offsets), segment (tokens, sentences), dates, entities,
 * events (the timeline). */
typedef enum {
    CX_STAGE_DECODE = 0,
    CX_STAGE_SEGMENT,
    CX_STAGE_DATES,
    CX_STAGE_ENTITIES,
    CX_STAGE_EVENTS,
    CX_NSTAGE
} cx_stage;

/* "decode", "segment", ...: a stage's name, or NULL out of range. */
const char *cx_stage_name(int stage);

cx_opts cx_opts_default(void);

/* Checks a DCT string; CX_OK or CX_ERR_ARG. */
int cx_parse_dct(const char *s, int *y, int *m, int *d);

typedef enum { CX_PERSON = 0, CX_ORGANIZATION, CX_LOCATION } cx_entity_type;

typedef enum { CX_DCT_NONE = 0, CX_DCT_OPTION, CX_DCT_DATELINE } cx_dct_source;

typedef enum { CX_DATE = 0, CX_TIME, CX_DURATION, CX_SET } cx_timex_type;

/* A span of the input: byte offsets and Unicode code point offsets, end
 * exclusive. */
typedef struct {
    size_t start, end;       /* bytes */
    size_t cp_start, cp_end; /* code points */
} cx_span;

typedef struct {
    cx_span span;
} cx_mention;

/* cx_extract allocates an entity's mentions, aliases, name and alias
 * strings as one block starting at mentions (cx_result.entities_packed):
 * do not free or replace one of them alone. A result built by hand
 * (entities_packed 0) has each allocated on its own, and cx_result_free
 * frees each. */
typedef struct {
    cx_entity_type type;
    char *name;     /* canonical name, owned by the result */
    char **aliases; /* other names, owned */
    size_t n_aliases;
    cx_mention *mentions; /* in text order */
    size_t n_mentions;
} cx_entity;

typedef struct {
    cx_span span;
    cx_timex_type type;
    char value[40]; /* TIMEX3 value, e.g. "2023-06-01", "P3Y", "XXXX-WXX-4" */
    char mod[16];   /* TIMEX3 mod ("START", "APPROX", ...) or "" */
    int in_name;    /* the expression is part of a name or title */
    int creation;   /* the text's own date line ("LONDON 1996-08-30"): TIMEX3's
                     * functionInDocument CREATION_TIME; it makes an event
                     * only of a lead in its sentence with no date of its
                     * own (event.c) */
    int range_with; /* index of the other end of a range, or -1 */
} cx_timex;

/* A calendar interval: the value and its first and last day. */
typedef struct {
    char value[48];
    char start[16]; /* YYYY-MM-DD, or "" when the value is not placeable */
    char end[16];
} cx_date;

typedef struct {
    cx_date date;
    size_t timex;     /* index into timexes */
    cx_span span;     /* the clause or sentence that tells the event */
    size_t *entities; /* indices into entities, owned */
    size_t n_entities;
} cx_event;

typedef struct {
    long offset; /* code point offset, or -1 */
    char message[200];
} cx_warning;

typedef struct {
    char dct[16]; /* "YYYY-MM-DD" or "" */
    cx_dct_source dct_source;
    cx_entity *entities;
    size_t n_entities;
    cx_timex *timexes; /* in text order */
    size_t n_timexes;
    cx_event *events; /* the timeline: by date interval, ties in text order */
    size_t n_events;
    cx_warning *warnings;
    size_t n_warnings;
    /* The text the spans index: the input, or a copy with invalid UTF-8
     * replaced by U+FFFD. Owned by the result. */
    char *text;
    size_t text_len;
    size_t text_cps;
    /* Set by cx_extract: each entity's members are one block from its
     * mentions (see cx_entity). Leave 0 in a result built by hand. */
    int entities_packed;
    /* Seconds spent in each stage when cx_opts.timings was set; else 0. */
    double stage_seconds[CX_NSTAGE];
} cx_result;

/* Extracts entities, dates and events from text (len bytes, need not be
 * NUL-terminated). Reentrant: any number of threads may share ctx.
 * On CX_OK *out is a new result (free with cx_result_free). */
int cx_extract(const cx_ctx *ctx, const char *text, size_t len, const cx_opts *opts,
               cx_result **out);
void cx_result_free(cx_result *res);

/* Normalizes one date expression against a DCT; for tests and tools.
 * Writes the TIMEX3 value into value (size cap). Returns CX_OK, or
 * CX_ERR_INPUT when text holds no date expression. */
int cx_normalize(const cx_ctx *ctx, const char *text, const char *dct, char *value, size_t cap,
                 cx_timex_type *type);

/* Fills date->start/end ("YYYY-MM-DD") from date->value; returns 1 when
 * the value is placeable on a calendar, 0 when not. */
int cx_date_interval(cx_date *date);

/* ---- output ------------------------------------------------------------ */

/* Who a document is, for its JSON. All borrowed; any may be NULL. */
typedef struct {
    const char *id;         /* default: "doc" */
    const char *source;     /* the input path, "-" for stdin */
    const char *input_hash; /* hex hash of the input bytes, for --incremental */
    const char *extra_json; /* a JSON object of fields passed through, or NULL */
} cx_doc_info;

/* The document's JSON (the output contract, docs/output.md) as a new
 * NUL-terminated string (caller frees with free()), or NULL when out of
 * memory. ctx gives the data hash; it may be NULL. */
char *cx_result_to_json(const cx_result *res, const cx_doc_info *info, const cx_ctx *ctx,
                        int pretty);

/* ---- timeline ---------------------------------------------------------- */

/* A cross-document timeline. Events told by several documents (same date,
 * overlapping words and entities) become one entry with several sources.
 * Merging is associative and commutative: it depends only on the set of
 * per-document events added, however they were grouped before. */
typedef struct cx_timeline cx_timeline;

cx_timeline *cx_timeline_new(void);
void cx_timeline_free(cx_timeline *tl);

/* Adds the events of one extracted document (copied). */
int cx_timeline_add_result(cx_timeline *tl, const char *doc_id, const cx_result *res);

/* Adds a JSON text: a per-document output or a merged timeline (copied).
 * CX_ERR_INPUT with err->message when it is neither. */
int cx_timeline_add_json(cx_timeline *tl, const char *json, size_t len, cx_error *err);

/* The merged timeline's JSON as a new string (caller frees), or NULL. */
char *cx_timeline_to_json(const cx_timeline *tl, int pretty);

/* ==== visualization: TimelineJS, vis-timeline, HTML report ==============
 * (docs/visualization.md) */

/* How events are put in rows: by the documents that tell them, or by
 * their most frequent entity. */
typedef enum { CX_VIZ_GROUP_DOCUMENT = 0, CX_VIZ_GROUP_ENTITY } cx_viz_group;

typedef struct {
    const char *title; /* NULL: "chronex timeline". Borrowed. */
    cx_viz_group group;
} cx_viz_opts;

cx_viz_opts cx_viz_opts_default(void);

/* The merged timeline as TimelineJS 3 JSON ({"title", "events"}) or as
 * vis-timeline data ({"items", "groups"}): new strings (caller frees), or
 * NULL when out of memory. All article text in them is HTML-escaped, as
 * both libraries render it as HTML. opts may be NULL. */
char *cx_timeline_to_timelinejs(const cx_timeline *tl, const cx_viz_opts *opts, int pretty);
char *cx_timeline_to_vis(const cx_timeline *tl, const cx_viz_opts *opts, int pretty);

/* Entities across documents with their mention counts per document, and
 * the documents themselves: what the HTML report shows beside the
 * timeline. */
typedef struct cx_entity_table cx_entity_table;

cx_entity_table *cx_entity_table_new(void);
void cx_entity_table_free(cx_entity_table *t);

/* Adds the entities of one extracted document (copied). source may be
 * NULL. Adding the same doc_id twice counts it once. */
int cx_entity_table_add_result(cx_entity_table *t, const char *doc_id, const char *source,
                               const cx_result *res);

/* Adds a per-document chronex output (copied); a merged timeline holds no
 * mention counts and only adds its documents. CX_ERR_INPUT with
 * err->message when the text is neither. */
int cx_entity_table_add_json(cx_entity_table *t, const char *json, size_t len, cx_error *err);

/* One self-contained HTML page (no network, no external files): the
 * timeline drawn in SVG and HTML, the events with their sentences and
 * sources, the entity table. New string (caller frees), or NULL when out
 * of memory. ents may be NULL; opts may be NULL. */
char *cx_report_html(const cx_timeline *tl, const cx_entity_table *ents,
                     const cx_viz_opts *opts);

#ifdef __cplusplus
}
#endif
#endif
