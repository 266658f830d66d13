/* timeline: order events and merge the same event told by several
 * documents. */
#ifndef CX_TIMELINE_INT_H
#define CX_TIMELINE_INT_H
#include "chronex.h"

/* One event as one document told it: the unit merging works on. */
typedef struct {
    char *doc;   /* document id */
    char *event; /* event id within the document ("V3") */
    cx_date date;
    char *text;
    char **ents; /* entity names, sorted, unique */
    size_t nents;
    long pos; /* code point offset of the text in its document */
} cx_tl_src;

struct cx_timeline {
    cx_tl_src *src;
    size_t n, cap;
    char **docs;
    size_t ndocs, capdocs;
    /* Open-addressing sets of index + 1 (0 = empty) over src (by doc and
     * event) and docs, so adding stays O(1) with thousands of documents.
     * Merging sorts src and docs in place and clears the sets; the next
     * add rebuilds them. */
    size_t *src_set, *doc_set;
    size_t src_set_cap, doc_set_cap; /* powers of two, or 0 */
};

/* Adds a copy of s (all strings copied); a (doc, event) already present
 * is ignored, so adding the same input twice changes nothing. */
int cx_tl_add(cx_timeline *tl, const cx_tl_src *s);
int cx_tl_add_doc(cx_timeline *tl, const char *doc);

/* A merged entry: sources members[first .. first+n) of the member list. */
typedef struct {
    size_t first, n;
} cx_tl_group;

/* Groups the sources: *members lists source indices, group by group, each
 * group's sources in (document, position) order; groups are in timeline
 * order. Caller frees both arrays. Sorts tl->docs. */
int cx_tl_merge(cx_timeline *tl, cx_tl_group **groups, size_t *ng, size_t **members);

/* Similarity of two event texts plus entities, 0..1 (Dice over content
 * word stems and entity names). */
double cx_tl_similarity(const cx_tl_src *a, const cx_tl_src *b);

#endif
