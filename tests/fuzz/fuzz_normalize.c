/* Fuzz target: the date normalizer. The first byte picks a DCT, the rest
 * is the expression. The value buffer is sized exactly, so writing past
 * cap is caught by AddressSanitizer. */
#include "fuzz.h"
#include <stdlib.h>
#include <string.h>

static const char *const S_dcts[] = {"2023-06-01", "2000-02-29", "1999-12-31",
                                     "0001-01-01", "9999-12-31", NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    const char *dct = S_dcts[data[0] % (sizeof S_dcts / sizeof *S_dcts)];
    size_t cap = data[0] & 0x80 ? 8 : 48;
    char *text = cx_fuzz_strdup(data + 1, size - 1);
    char *value = malloc(cap);
    cx_timex_type type = CX_DATE;
    int rc = cx_normalize(cx_fuzz_ctx(), text, dct, value, cap, &type);
    if (rc == CX_OK) {
        if (!memchr(value, '\0', cap))
            cx_fuzz_fail("cx_normalize", "value not NUL-terminated");
        if (type < CX_DATE || type > CX_SET)
            cx_fuzz_fail("cx_normalize", "type out of range");
        cx_date d;
        memset(&d, 0, sizeof d);
        strncpy(d.value, value, sizeof d.value - 1);
        if (cx_date_interval(&d)) {
            if (!memchr(d.start, '\0', sizeof d.start) || !memchr(d.end, '\0', sizeof d.end))
                cx_fuzz_fail("cx_date_interval", "not NUL-terminated");
            if (strlen(d.start) == strlen(d.end) && strcmp(d.start, d.end) > 0)
                cx_fuzz_fail("cx_date_interval", d.value);
        }
    }
    free(value);
    free(text);
    return 0;
}
