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

#endif
