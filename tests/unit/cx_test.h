/* Shared by the unit tests that need loaded data: one context for the
 * whole group, from $CHRONEX_DATA_DIR (make check sets it). */
#ifndef CX_TEST_H
#define CX_TEST_H
#include <stdio.h>
#include <stdlib.h>
#include "chronex.h"

static cx_ctx *S_ctx;

static int S_setup(void **state)
{
    (void)state;
    cx_config cfg = cx_config_default();
    cfg.data_dir = getenv("CHRONEX_DATA_DIR");
    cx_error err;
    S_ctx = cx_ctx_new(&cfg, &err);
    if (!S_ctx)
        fprintf(stderr, "cannot load data: %s:%ld: %s\n", err.file, err.line, err.message);
    return S_ctx ? 0 : -1;
}

static int S_teardown(void **state)
{
    (void)state;
    cx_ctx_free(S_ctx);
    return 0;
}

#endif
