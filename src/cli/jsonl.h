/* jsonl: the fast path for the usual JSON Lines record. */
#ifndef CX_JSONL_H
#define CX_JSONL_H
#include <stddef.h>

/* The string members of a {"id", "text", "dct"} record, decoded, each a
 * new NUL-terminated string or NULL when absent. */
typedef struct {
    char *id, *text, *dct;
    size_t text_len;
} cx_jsonl_rec;

/* Reads line[len] when it is an object of nothing but the string members
 * "id", "text" and "dct", each at most once, whose escapes are all
 * well-formed and hold no NUL: returns 1 and fills rec (the caller frees
 * its strings). Returns 0 for anything else, including bad JSON and out of
 * memory, leaving rec empty: the caller then parses the line with cJSON,
 * which handles (and reports) every other case, so the two paths agree. */
int cx_jsonl_fast(const char *line, size_t len, cx_jsonl_rec *rec);

void cx_jsonl_rec_fini(cx_jsonl_rec *rec);

#endif
