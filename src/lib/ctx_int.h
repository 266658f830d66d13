/* The context: everything loaded once and shared read-only. */
#ifndef CX_CTX_INT_H
#define CX_CTX_INT_H
#include "entity_int.h"
#include "timex_int.h"

struct cx_ctx {
    char *data_dir;
    cx_timex_rules *timex;
    cx_entity_rules *entity;
    uint64_t data_hash;
};

/* Is s a DCT like "03-02-2009", whose day and month could be read either
 * way? (cx_parse_dct reads it month first.) */
int cx_dct_swappable(const char *s);

#endif
