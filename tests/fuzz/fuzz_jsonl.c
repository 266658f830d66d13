/* Fuzz target: the JSON Lines reader of the command-line tool
 * (--input-format jsonl). The input is a JSONL file run through the batch
 * runner into a timeline, one worker, so nothing is written; a bad record
 * must fail alone. Links src/cli/batch.c. */
#include "fuzz.h"
#include "batch.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    const char *path = cx_fuzz_tmpfile(data, size, ".jsonl");
    if (!path)
        return 0;
    cx_timeline *tl = cx_timeline_new();
    if (!tl)
        return 0;
    cx_batch_opts o;
    memset(&o, 0, sizeof o);
    o.input_jsonl = 1;
    o.use_dateline = 1;
    o.jobs = 1;
    o.quiet = 1;
    o.timeline = tl;
    char *inputs[1] = {(char *)path};
    int rc = cx_batch_run(cx_fuzz_ctx(), &o, inputs, 1);
    if (rc != CX_EXIT_OK && rc != CX_EXIT_FAILED)
        cx_fuzz_fail("cx_batch_run", "unexpected exit code");
    char *json = cx_timeline_to_json(tl, 0);
    if (!json)
        cx_fuzz_fail("cx_timeline_to_json", "NULL");
    free(json);
    cx_timeline_free(tl);
    return 0;
}
