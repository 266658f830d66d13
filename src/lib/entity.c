/* entity: placeholder until the recognizer lands. */
#include "entity_int.h"
#include <stdlib.h>

struct cx_entity_rules {
    int unused;
};

int cx_entity_rules_load(const cx_config *cfg, const char *data_dir,
                         cx_entity_rules **out, cx_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? CX_OK : CX_ERR_NOMEM;
}

void cx_entity_rules_free(cx_entity_rules *r) { free(r); }

int cx_entity_find(const cx_entity_rules *r, const cx_doc *doc,
                   const cx_seg *seg, const cx_timex *tx, size_t ntx,
                   cx_entity_vec *out, cx_warning_vec *warn)
{
    return CX_OK;
}

void cx_entity_fini(cx_entity *e)
{
    free(e->name);
    for (size_t i = 0; i < e->n_aliases; i++)
        free(e->aliases[i]);
    free(e->aliases);
    free(e->mentions);
}
