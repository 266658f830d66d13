/* timex: placeholder until the tagger lands. */
#include "timex_int.h"
#include <stdlib.h>

struct cx_timex_rules {
    int unused;
};

int cx_timex_rules_load(const char *data_dir, cx_timex_rules **out,
                        cx_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? CX_OK : CX_ERR_NOMEM;
}

void cx_timex_rules_free(cx_timex_rules *r) { free(r); }

int cx_timex_find(const cx_timex_rules *r, const cx_doc *doc,
                  const cx_seg *seg, int use_dateline, cx_anchor *anchor,
                  cx_timex_vec *out, cx_warning_vec *warn)
{
    return CX_OK;
}

int cx_normalize(const cx_ctx *ctx, const char *text, const char *dct,
                 char *value, size_t cap, cx_timex_type *type)
{
    return CX_ERR_INPUT;
}
