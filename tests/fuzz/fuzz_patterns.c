/* Fuzz target: the pattern file loader (NAME<TAB>REGEX lines with %{list}
 * macros), then each compiled pattern run over a fixed sentence with the
 * project's match limits. */
#include "fuzz.h"
#include "rules_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CX_SRCDATADIR
#define CX_SRCDATADIR "data"
#endif

static const char S_subject[] =
    "MOSCOW, June 1 (Reuters) - Russia's FSB said on Thursday that 2023 "
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! "
    "\xc3\xa9t\xc3\xa9 \xe2\x80\x94 12/31/1999 \xf0\x9f\x98\x80.";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = cx_fuzz_tmpfile(data, size, ".txt");
    if (!path)
        return 0;
    /* %{name} macros read tests/fuzz/lists/name.txt */
    const char *src = getenv("CX_SRCDIR");
    char lists[512];
    if (src && *src)
        snprintf(lists, sizeof lists, "%s/tests/fuzz/lists", src);
    else
        snprintf(lists, sizeof lists, "%s/../tests/fuzz/lists", CX_SRCDATADIR);
    cx_patterns p;
    cx_error err;
    memset(&err, 0, sizeof err);
    int rc = cx_patterns_load(path, lists, 0, &p, &err);
    if (rc != CX_OK) {
        if (rc == CX_ERR_PATTERN && (strcmp(err.file, path) != 0 || err.line < 1))
            cx_fuzz_fail("pattern error", "does not name the file and line");
        return 0;
    }
    pcre2_match_data *md = pcre2_match_data_create(p.max_ovec ? p.max_ovec : 1, NULL);
    for (size_t i = 0; md && i < p.n; i++) {
        if (cx_patterns_get(&p, p.v[i].name) == NULL)
            cx_fuzz_fail("cx_patterns_get", "cannot find a loaded pattern");
        size_t start = 0;
        for (int k = 0; k < 8 && start <= sizeof S_subject - 1; k++) {
            int m = cx_re_match(p.v[i].re, S_subject, sizeof S_subject - 1, start, 0, md);
            if (m <= 0)
                break;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            start = ov[1] > start ? ov[1] : start + 1;
            while (start < sizeof S_subject - 1 && (S_subject[start] & 0xC0) == 0x80)
                start++;
        }
    }
    pcre2_match_data_free(md);
    cx_patterns_fini(&p);
    return 0;
}
