/* Fuzz target: the document loader and UTF-8/UTF-16 decoder. Raw bytes go
 * through cx_extract without a DCT; the result's text must be valid UTF-8
 * and every span's offsets consistent with it. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cx_opts opts = cx_opts_default();
    cx_result *res = NULL;
    int rc = cx_extract(cx_fuzz_ctx(), (const char *)data, size, &opts, &res);
    if (rc == CX_OK)
        cx_fuzz_check_result(res);
    else if (res)
        cx_fuzz_fail("cx_extract", "failed but set a result");
    cx_result_free(res);
    return 0;
}
