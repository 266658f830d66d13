/* rules: list and pattern files, macros, errors, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "rules_int.h"

static char S_dir[64];

static int S_setup(void **state)
{
    (void)state;
    snprintf(S_dir, sizeof S_dir, "/tmp/cx-rules-XXXXXX");
    return mkdtemp(S_dir) ? 0 : -1;
}

static int S_teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static char *S_write(const char *name, const char *content)
{
    char *p = cx_path_join(S_dir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
    return p;
}

static void test_list_load(void **state)
{
    (void)state;
    char *p = S_write("months.txt", "# months\r\nJanuary\r\n\nSept.  \nMay\n");
    cx_strlist l;
    cx_error err;
    assert_int_equal(cx_strlist_load(p, &l, &err), CX_OK);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.v[1], "Sept.");
    assert_int_equal(cx_strlist_find(&l, "may", 3), 2);
    assert_int_equal(cx_strlist_find(&l, "June", 4), -1);
    cx_strlist_fini(&l);
    free(p);
}

static void test_pattern_macro_expansion(void **state)
{
    (void)state;
    free(S_write("mon.txt", "Sept.\nSep\nSeptember\nNew Year\n"));
    char *p = S_write("p.txt", "# test\nMONTH\t\\b(%{mon})\\b\nNUM\t\\d+\n");
    cx_patterns ps;
    cx_error err;
    assert_int_equal(cx_patterns_load(p, S_dir, 0, &ps, &err), CX_OK);
    assert_int_equal(ps.n, 2);
    const cx_pattern *m = cx_patterns_get(&ps, "MONTH");
    assert_non_null(m);
    assert_null(cx_patterns_get(&ps, "NOPE"));
    pcre2_match_data *md = pcre2_match_data_create(ps.max_ovec, NULL);
    const char *s = "in September and New  Year";
    assert_true(cx_re_match(m->re, s, strlen(s), 0, 0, md) > 0);
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    assert_int_equal(ov[2], 3);
    assert_int_equal(ov[3], 12); /* longest alternative first */
    assert_true(cx_re_match(m->re, s, strlen(s), 12, 0, md) > 0);
    assert_int_equal(ov[2], 17); /* a space in an entry matches any blanks */
    pcre2_match_data_free(md);
    cx_patterns_fini(&ps);
    free(p);
}

static void test_pattern_errors_name_file_and_line(void **state)
{
    (void)state;
    char *p = S_write("bad.txt", "# ok\nA\tfine\nB\t(unclosed\n");
    cx_patterns ps;
    cx_error err;
    assert_int_equal(cx_patterns_load(p, S_dir, 0, &ps, &err), CX_ERR_PATTERN);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.file, p);
    free(p);
    p = S_write("notab.txt", "JUSTNAME\n");
    assert_int_equal(cx_patterns_load(p, S_dir, 0, &ps, &err), CX_ERR_PATTERN);
    assert_int_equal(err.line, 1);
    free(p);
    p = S_write("nolist.txt", "X\t%{missing}\n");
    assert_int_equal(cx_patterns_load(p, S_dir, 0, &ps, &err), CX_ERR_IO);
    assert_int_equal(err.line, 1);
    free(p);
}

static void test_missing_file(void **state)
{
    (void)state;
    cx_strlist l;
    cx_error err;
    assert_int_equal(cx_strlist_load("/nonexistent/x.txt", &l, &err), CX_ERR_IO);
    assert_string_equal(err.file, "/nonexistent/x.txt");
}

static void test_match_limit_stops_backtracking(void **state)
{
    (void)state;
    char *p = S_write("evil.txt", "EVIL\t^(a+)+$\n");
    cx_patterns ps;
    cx_error err;
    assert_int_equal(cx_patterns_load(p, S_dir, PCRE2_NO_AUTO_POSSESS, &ps, &err), CX_OK);
    char s[64];
    memset(s, 'a', 40);
    s[40] = 'b';
    s[41] = '\0';
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    int rc = cx_re_match(ps.v[0].re, s, strlen(s), 0, 0, md);
    assert_true(rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
                rc == PCRE2_ERROR_NOMATCH);
    pcre2_match_data_free(md);
    cx_patterns_fini(&ps);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_load),
        cmocka_unit_test(test_pattern_macro_expansion),
        cmocka_unit_test(test_pattern_errors_name_file_and_line),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_match_limit_stops_backtracking),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
