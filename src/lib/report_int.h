/* report: what the visualizations share (a string builder, HTML escaping,
 * date labels, event headlines, the entity table) and the HTML report. */
#ifndef CX_REPORT_INT_H
#define CX_REPORT_INT_H
#include "chronex.h"
#include <stdarg.h>

/* A growable NUL-terminated string. After an allocation failure every
 * append is a no-op and failed is set, so callers check once at the end. */
typedef struct {
    char *s;
    size_t n, cap;
    int failed;
} cx_sb;

void cx_sb_put(cx_sb *b, const char *s, size_t n);
void cx_sb_puts(cx_sb *b, const char *s);
void cx_sb_printf(cx_sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s with & < > " ' escaped, so it is safe as HTML text and in a
 * quoted attribute; runs of white space become one space. */
void cx_sb_html(cx_sb *b, const char *s);
/* The string (caller frees), or NULL after a failure (then freed). */
char *cx_sb_take(cx_sb *b);

/* A short English label of a date value: "2019", "June 2023",
 * "June 1, 2023", "week 22 of 2023", "Q3 2023", "summer 2022",
 * "the 2010s", "2012 – 2022". */
void cx_viz_date_label(const char *value, char *buf, size_t cap);

/* The headline of an event: its text cut at a word boundary to about max
 * bytes, with an ellipsis when cut. New string, or NULL. */
char *cx_viz_headline(const char *text, size_t max);

/* The entity table (chronex.h): documents and entities, in the order they
 * were first added. */
typedef struct {
    char *id, *source, *dct;
} cx_et_doc;

typedef struct {
    char *name;
    cx_entity_type type;
    char **aliases;
    size_t naliases, capaliases;
    size_t *doc, *count; /* per document: index into docs, mentions */
    size_t ndoc, capdoc;
    size_t total;
} cx_et_entity;

struct cx_entity_table {
    cx_et_doc *docs;
    size_t ndocs, capdocs;
    cx_et_entity *ents;
    size_t nents, capents;
};

/* Adds a document; *idx is its index. Returns CX_OK, or CX_ERR_ARG when the
 * document is already there (its index still set), or CX_ERR_NOMEM. */
int cx_et_add_doc(cx_entity_table *t, const char *id, const char *source, const char *dct,
                  size_t *idx);
/* Adds count mentions of an entity in document doc (an index). */
int cx_et_add_entity(cx_entity_table *t, size_t doc, const char *name, cx_entity_type type,
                     const char *const *aliases, size_t naliases, size_t count);

#endif
