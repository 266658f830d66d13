/* Fuzz target: the whole pipeline. The first byte picks the options
 * (DCT, dateline), the rest is the text. The document JSON must parse and
 * every "text" must be the code point slice its offsets give; the result
 * then goes into a timeline, alone and through its JSON. */
#include "fuzz.h"
#include <stdlib.h>
#include <string.h>

static const char *const S_dcts[] = {NULL, "2023-06-01", "2020-02-29", "1970-01-01"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    cx_opts opts = cx_opts_default();
    opts.dct = S_dcts[data[0] & 3];
    opts.use_dateline = (data[0] >> 2) & 1;
    int pretty = (data[0] >> 3) & 1;
    cx_result *res = NULL;
    const cx_ctx *ctx = cx_fuzz_ctx();
    if (cx_extract(ctx, (const char *)data + 1, size - 1, &opts, &res) != CX_OK)
        return 0;
    cx_fuzz_check_result(res);
    cx_doc_info info = {"fuzz", "fuzz.txt", "0123456789abcdef", NULL};
    char *json = cx_result_to_json(res, &info, ctx, pretty);
    if (!json)
        cx_fuzz_fail("cx_result_to_json", "NULL");
    cx_fuzz_check_json(res, json);
    cx_timeline *tl = cx_timeline_new();
    cx_error err;
    memset(&err, 0, sizeof err);
    if (cx_timeline_add_result(tl, "a", res) != CX_OK)
        cx_fuzz_fail("cx_timeline_add_result", "failed");
    if (cx_timeline_add_json(tl, json, strlen(json), &err) != CX_OK)
        cx_fuzz_fail("a document's own JSON is refused by the timeline", err.message);
    char *tj = cx_timeline_to_json(tl, pretty);
    if (!tj)
        cx_fuzz_fail("cx_timeline_to_json", "NULL");
    free(tj);
    cx_timeline_free(tl);
    free(json);
    cx_result_free(res);
    return 0;
}
