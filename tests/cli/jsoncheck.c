/* jsoncheck: the JSON checks of tests/cli/bad-input.sh, so that the CLI
 * tests need no Python.
 *
 *   jsoncheck INPUT OUT.json   OUT.json is a chronex document whose every
 *                              "text" is the code point slice of INPUT (as
 *                              chronex decodes it) that "start"/"end" give
 *   jsoncheck --valid FILE...  each FILE is one whole JSON value
 *   jsoncheck                  a self-test of the above (make check)
 *
 * Exit status 0 when all is well, 1 with a message otherwise. */
#include "../fuzz/fuzz.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *S_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    while (b) {
        n += fread(b + n, 1, cap - n - 1, f);
        if (n < cap - 1)
            break;
        cap *= 2;
        char *nb = realloc(b, cap);
        if (!nb)
            free(b);
        b = nb;
    }
    fclose(f);
    if (!b)
        return NULL;
    b[n] = '\0';
    *len = n;
    return b;
}

static int S_valid(const char *path)
{
    size_t n;
    char *b = S_slurp(path, &n);
    if (!b)
        return 1;
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithLengthOpts(b, n, &end, 0);
    int ok = j != NULL;
    while (ok && end && end < b + n && strchr(" \t\r\n", *end))
        end++;
    if (ok && end != b + n)
        ok = 0;
    if (!ok)
        fprintf(stderr, "jsoncheck: %s: not one whole JSON value\n", path);
    cJSON_Delete(j);
    free(b);
    return !ok;
}

/* The input decoded as chronex decodes it, checked against the JSON. */
static int S_check(const char *text, size_t len, const char *json, const char *what)
{
    cx_opts opts = cx_opts_default();
    cx_result *res = NULL;
    int rc = cx_extract(cx_fuzz_ctx(), text, len, &opts, &res);
    if (rc != CX_OK) {
        fprintf(stderr, "jsoncheck: %s: %s\n", what, cx_strerror(rc));
        return 1;
    }
    cJSON *j = cJSON_Parse(json);
    if (!j || !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(j, "document"))) {
        fprintf(stderr, "jsoncheck: %s: not a chronex document\n", what);
        cJSON_Delete(j);
        cx_result_free(res);
        return 1;
    }
    cJSON_Delete(j);
    cx_fuzz_check_json(res, json); /* exits 1 on a wrong slice */
    cx_result_free(res);
    return 0;
}

static int S_selftest(void)
{
    static const char text[] = "\xef\xbb\xbfMOSCOW, June 1 (Reuters) -\r\nBad \xff byte, "
                               "caf\xc3\xa9 \xe2\x80\x94 Vladimir Putin met Joe Biden "
                               "in Geneva on June 16, 2021.\r\n";
    cx_opts opts = cx_opts_default();
    opts.dct = "2023-06-01";
    cx_result *res = NULL;
    if (cx_extract(cx_fuzz_ctx(), text, sizeof text - 1, &opts, &res) != CX_OK)
        return 1;
    cx_fuzz_check_result(res);
    char *json = cx_result_to_json(res, NULL, cx_fuzz_ctx(), 1);
    cx_result_free(res);
    int rc = json ? S_check(text, sizeof text - 1, json, "self-test") : 1;
    free(json);
    printf("jsoncheck: self-test %s\n", rc ? "failed" : "passed");
    return rc;
}

int main(int argc, char **argv)
{
    cx_fuzz_exit_on_fail = 1;
    if (argc < 2)
        return S_selftest();
    if (strcmp(argv[1], "--valid") == 0) {
        int bad = 0;
        for (int i = 2; i < argc; i++)
            bad |= S_valid(argv[i]);
        return bad;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: jsoncheck INPUT OUT.json | --valid FILE...\n");
        return 2;
    }
    size_t n, m;
    char *text = S_slurp(argv[1], &n);
    char *json = text ? S_slurp(argv[2], &m) : NULL;
    int rc = json ? S_check(text, n, json, argv[2]) : 1;
    free(text);
    free(json);
    return rc;
}
