/* batch: run extraction over many inputs with worker threads, writing
 * results in input order. Part of the command-line tool, not the library. */
#ifndef CX_BATCH_H
#define CX_BATCH_H
#include "chronex.h"
#include <stdio.h>

/* Exit codes (docs/chronex.1). */
enum { CX_EXIT_OK = 0, CX_EXIT_FAILED = 1, CX_EXIT_USAGE = 2, CX_EXIT_DATA = 3 };

typedef struct {
    const char *dct;             /* --dct, or NULL */
    int use_dateline;            /* not --no-dateline */
    const char *outdir;          /* -o DIR, or NULL for stdout */
    int jsonl;                   /* --jsonl: one compact document a line */
    int input_jsonl;             /* --input-format jsonl */
    int input_json;              /* --input-format json: chronex outputs (timeline) */
    const char *const *includes; /* --include globs for directories */
    size_t n_includes;
    int jobs;                  /* -j */
    int incremental;           /* --incremental */
    int quiet;                 /* --quiet */
    const char *report;        /* --report FILE */
    cx_timeline *timeline;     /* add every result here (chronex timeline) */
    cx_entity_table *entities; /* and their entities here (chronex report) */
} cx_batch_opts;

/* Runs over the inputs (files, folders, "-"); returns an exit code. */
int cx_batch_run(const cx_ctx *ctx, const cx_batch_opts *o, char *const *inputs,
                 size_t n_inputs);

/* chronex timeline: adds the chronex JSON in a file ("-": stdin) to tl: a
 * per-document output, a merged timeline, or JSON Lines of either (lines
 * may carry a Hadoop Streaming "key<TAB>" prefix). Returns the number of
 * objects that failed; messages go to stderr. */
size_t cx_timeline_read_json(cx_timeline *tl, const char *path);

/* Reads all of f into a new NUL-terminated buffer (hint: its size if
 * known, else 0). NULL on a read error or when out of memory (errno). */
char *cx_read_stream(FILE *f, size_t hint, size_t *len);

/* Writes data to path through a temporary file and a rename, so that a
 * killed run never leaves a half-written file. 0 or -1 (errno set). */
int cx_write_atomic(const char *path, const char *data, size_t len);

#endif
