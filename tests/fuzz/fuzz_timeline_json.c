/* Fuzz target: the timeline's JSON reader (chronex timeline out/X.json).
 * The input is read as a per-document output or a merged timeline, then
 * the merged timeline is written and must read back. */
#include "fuzz.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cx_timeline *tl = cx_timeline_new();
    if (!tl)
        return 0;
    cx_error err;
    memset(&err, 0, sizeof err);
    int rc = cx_timeline_add_json(tl, (const char *)data, size, &err);
    if (rc != CX_OK && !err.message[0])
        cx_fuzz_fail("cx_timeline_add_json", "failed without a message");
    /* the same input twice: merging must not duplicate or crash */
    if (rc == CX_OK)
        cx_timeline_add_json(tl, (const char *)data, size, &err);
    char *json = cx_timeline_to_json(tl, 0);
    if (!json)
        cx_fuzz_fail("cx_timeline_to_json", "NULL");
    cx_timeline *back = cx_timeline_new();
    if (back && cx_timeline_add_json(back, json, strlen(json), &err) != CX_OK)
        cx_fuzz_fail("merged timeline does not read back", err.message);
    free(json);
    cx_timeline_free(back);
    cx_timeline_free(tl);
    return 0;
}
