/* Golden tests: every tests/golden/<dir>/<name>.txt is extracted (with the
 * DCT in <name>.dct if present) and its JSON compared structurally with
 * <name>.expected.json, less document.chronex and document.source (which
 * name the build). CX_GOLDEN_UPDATE=1 rewrites the expected files; review
 * the diff before committing them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chronex.h"

static cx_ctx *S_ctx;
static char S_paths[512][512];
static size_t S_n;

static char *S_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b)
        b[n] = '\0';
    if (len)
        *len = (size_t)n;
    return b;
}

static void S_strip(cJSON *j)
{
    cJSON *doc = cJSON_GetObjectItem(j, "document");
    cJSON_DeleteItemFromObject(doc, "chronex");
    cJSON_DeleteItemFromObject(doc, "source");
}

/* Prints where two trees first differ. */
static void S_diff(const cJSON *a, const cJSON *b, const char *path)
{
    if (cJSON_Compare(a, b, 1))
        return;
    if (cJSON_IsArray(a) && cJSON_IsArray(b)) {
        int na = cJSON_GetArraySize(a), nb = cJSON_GetArraySize(b);
        for (int i = 0; i < na && i < nb; i++) {
            if (!cJSON_Compare(cJSON_GetArrayItem(a, i), cJSON_GetArrayItem(b, i), 1)) {
                char p[512];
                snprintf(p, sizeof p, "%s[%d]", path, i);
                S_diff(cJSON_GetArrayItem(a, i), cJSON_GetArrayItem(b, i), p);
                return;
            }
        }
        print_error("%s: %d items, expected %d\n", path, na, nb);
        return;
    }
    if (cJSON_IsObject(a) && cJSON_IsObject(b)) {
        const cJSON *x;
        cJSON_ArrayForEach(x, b)
        {
            char p[512];
            snprintf(p, sizeof p, "%s.%s", path, x->string);
            S_diff(cJSON_GetObjectItem(a, x->string), x, p);
            if (!cJSON_Compare(cJSON_GetObjectItem(a, x->string), x, 1))
                return;
        }
        print_error("%s: extra fields\n", path);
        return;
    }
    char *sa = a ? cJSON_PrintUnformatted(a) : NULL, *sb = b ? cJSON_PrintUnformatted(b) : NULL;
    print_error("%s: got %.200s, expected %.200s\n", path, sa ? sa : "(none)",
                sb ? sb : "(none)");
    free(sa);
    free(sb);
}

static void test_golden(void **state)
{
    const char *txt = *state;
    char base[512], path[600];
    snprintf(base, sizeof base, "%.*s", (int)(strlen(txt) - 4), txt);
    size_t len;
    char *text = S_slurp(txt, &len);
    if (!text) { /* a seed article: the text is in seeds/ */
        const char *src = getenv("CX_SRCDIR");
        snprintf(path, sizeof path, "%s/seeds/%s", src ? src : ".", strrchr(txt, '/') + 1);
        text = S_slurp(path, &len);
    }
    assert_non_null(text);
    snprintf(path, sizeof path, "%s.dct", base);
    char *dct = S_slurp(path, NULL);
    if (dct)
        dct[strcspn(dct, "\r\n ")] = '\0';
    cx_opts o = cx_opts_default();
    o.dct = dct;
    cx_result *r;
    assert_int_equal(cx_extract(S_ctx, text, len, &o, &r), CX_OK);
    const char *name = strrchr(base, '/') + 1;
    cx_doc_info info = {name, NULL, NULL, NULL};
    char *json = cx_result_to_json(r, &info, S_ctx, 1);
    assert_non_null(json);
    snprintf(path, sizeof path, "%s.expected.json", base);
    const char *upd = getenv("CX_GOLDEN_UPDATE");
    if (upd && strcmp(upd, "1") == 0) {
        cJSON *g = cJSON_Parse(json);
        S_strip(g);
        char *s = cJSON_Print(g);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fprintf(f, "%s\n", s);
        fclose(f);
        free(s);
        cJSON_Delete(g);
    }
    char *want = S_slurp(path, NULL);
    if (!want)
        fail_msg("%s: no expected output (make golden-update)", path);
    cJSON *a = cJSON_Parse(json), *b = cJSON_Parse(want);
    assert_non_null(a);
    assert_non_null(b);
    S_strip(a);
    S_strip(b);
    int same = cJSON_Compare(a, b, 1);
    if (!same)
        S_diff(a, b, name);
    cJSON_Delete(a);
    cJSON_Delete(b);
    free(want);
    free(json);
    cx_result_free(r);
    free(dct);
    free(text);
    assert_true(same);
}

static int S_cmp(const void *a, const void *b) { return strcmp(a, b); }

static void S_scan(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        size_t n = strlen(p);
        if (n > 4 && strcmp(p + n - 4, ".txt") == 0 && S_n < 512)
            snprintf(S_paths[S_n++], sizeof S_paths[0], "%s", p);
        else if (n > 4 && strcmp(p + n - 4, ".dct") == 0 && S_n < 512) {
            /* a case whose text lives elsewhere (seeds/): named by its .dct */
            char t[512];
            snprintf(t, sizeof t, "%.*s.txt", (int)(n - 4), p);
            FILE *f = fopen(t, "rb");
            if (f)
                fclose(f);
            else
                snprintf(S_paths[S_n++], sizeof S_paths[0], "%s", t);
        } else if (depth < 2 && !strchr(e->d_name, '.'))
            S_scan(p, depth + 1);
    }
    if (d)
        closedir(d);
}

int main(void)
{
    const char *src = getenv("CX_SRCDIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/tests/golden", src ? src : ".");
    S_scan(dir, 0);
    qsort(S_paths, S_n, sizeof S_paths[0], S_cmp);
    cx_config cfg = cx_config_default();
    cx_error err;
    S_ctx = cx_ctx_new(&cfg, &err);
    if (!S_ctx) {
        fprintf(stderr, "golden: cannot load data: %s: %s\n", err.file, err.message);
        return 1;
    }
    if (S_n == 0) {
        fprintf(stderr, "golden: no cases under %s\n", dir);
        return 1;
    }
    struct CMUnitTest *tests = calloc(S_n, sizeof *tests);
    for (size_t i = 0; i < S_n; i++) {
        tests[i].name = strstr(S_paths[i], "tests/golden/")
                            ? strstr(S_paths[i], "tests/golden/") + 13
                            : S_paths[i];
        tests[i].test_func = test_golden;
        tests[i].initial_state = S_paths[i];
    }
    int rc = _cmocka_run_group_tests("golden", tests, S_n, NULL, NULL);
    free(tests);
    cx_ctx_free(S_ctx);
    return rc;
}
