/* timex: find date and time expressions and normalize them (TIMEX3). */
#ifndef CX_TIMEX_INT_H
#define CX_TIMEX_INT_H
#include "segment_int.h"
#include "util_int.h"

typedef struct cx_timex_rules cx_timex_rules;

/* The date relative expressions resolve against. y == 0: none. */
typedef struct {
    int y, m, d;
    cx_dct_source source;
    int swappable; /* given as "03-02-2009": day and month may be the other way */
} cx_anchor;

typedef struct {
    cx_timex *v;
    size_t n, cap;
} cx_timex_vec;

/* Loads data/timex/ (patterns and word lists) from data_dir. */
int cx_timex_rules_load(const char *data_dir, cx_timex_rules **out, cx_error *err);
void cx_timex_rules_free(cx_timex_rules *r);

/* Finds and normalizes the date expressions of doc, in text order, with
 * byte spans (cp spans are filled in by the caller). *anchor comes in with
 * the DCT given by the user (source CX_DCT_OPTION) or none; when none and
 * use_dateline, a dateline or date line at the top may set it (source
 * CX_DCT_DATELINE). */
int cx_timex_find(const cx_timex_rules *r, const cx_doc *doc, const cx_seg *seg,
                  int use_dateline, cx_anchor *anchor, cx_timex_vec *out, cx_warning_vec *warn);

#endif
