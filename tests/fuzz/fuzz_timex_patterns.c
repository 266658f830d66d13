/* Fuzz target: the date pattern file loader (data/timex/patterns.txt:
 * @macros, NAME<TAB>REGEX rules, %{word class} expansion). The input is
 * written as timex/patterns.txt of a scratch data folder whose words.txt
 * is the real one; a bad file must fail with the file named. */
#include "fuzz.h"
#include "timex_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CX_SRCDATADIR
#define CX_SRCDATADIR "data"
#endif

static char S_dir[256];

static void S_rm(void)
{
    char p[300];
    snprintf(p, sizeof p, "%s/timex/patterns.txt", S_dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/timex/words.txt", S_dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/timex", S_dir);
    rmdir(p);
    rmdir(S_dir);
}

/* The scratch folder, with a copy of the real words.txt. */
static const char *S_scratch(void)
{
    if (S_dir[0])
        return S_dir;
    const char *tmp = getenv("TMPDIR");
    snprintf(S_dir, sizeof S_dir, "%s/cx-fuzz-timex-%ld", tmp && *tmp ? tmp : "/tmp",
             (long)getpid());
    char p[300];
    snprintf(p, sizeof p, "%s/timex", S_dir);
    mkdir(S_dir, 0700);
    mkdir(p, 0700);
    atexit(S_rm);
    const char *env = getenv("CHRONEX_DATA_DIR");
    char src[512];
    snprintf(src, sizeof src, "%s/timex/words.txt", env && *env ? env : CX_SRCDATADIR);
    FILE *in = fopen(src, "rb");
    snprintf(p, sizeof p, "%s/timex/words.txt", S_dir);
    FILE *out = fopen(p, "wb");
    if (!in || !out)
        cx_fuzz_fail("cannot copy", src);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    fclose(in);
    if (fclose(out) != 0)
        cx_fuzz_fail("cannot write", p);
    return S_dir;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    const char *dir = S_scratch();
    char p[300];
    snprintf(p, sizeof p, "%s/timex/patterns.txt", dir);
    FILE *f = fopen(p, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    cx_timex_rules *r = NULL;
    cx_error err;
    memset(&err, 0, sizeof err);
    int rc = cx_timex_rules_load(dir, &r, &err);
    if (rc != CX_OK) {
        if (r)
            cx_fuzz_fail("cx_timex_rules_load", "failed but set the rules");
        if (!strstr(err.file, "patterns.txt") || !err.message[0])
            cx_fuzz_fail("timex pattern error", "does not name the file");
        return 0;
    }
    cx_timex_rules_free(r);
    return 0;
}
