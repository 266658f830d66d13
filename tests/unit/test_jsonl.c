/* jsonl: the fast record reader agrees with cJSON on every record it
 * accepts, and leaves every other record to cJSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <string.h>
#include "../../src/cli/jsonl.h"

/* Checks one line: whether the fast path takes it, and that what it reads
 * is what cJSON reads. */
static void S_agree(const char *line, int taken)
{
    cx_jsonl_rec r;
    int got = cx_jsonl_fast(line, strlen(line), &r);
    if (got != taken)
        fail_msg("fast path %s: %s", got ? "took" : "refused", line);
    if (!got) {
        assert_null(r.id);
        assert_null(r.text);
        assert_null(r.dct);
        return;
    }
    cJSON *j = cJSON_Parse(line);
    assert_non_null(j);
    const char *names[] = {"id", "text", "dct"};
    char *vals[] = {r.id, r.text, r.dct};
    for (int k = 0; k < 3; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, names[k]);
        if (!vals[k]) {
            assert_null(v);
            continue;
        }
        assert_true(cJSON_IsString(v));
        assert_string_equal(vals[k], v->valuestring);
    }
    assert_int_equal(r.text_len, strlen(r.text));
    cJSON_Delete(j);
    cx_jsonl_rec_fini(&r);
}

static void test_plain_records(void **state)
{
    (void)state;
    S_agree("{\"id\":\"a\",\"text\":\"On June 1, 2023.\",\"dct\":\"2023-06-01\"}", 1);
    S_agree("{\"text\":\"only text\"}", 1);
    S_agree("  { \"text\" : \"spaced\" ,\t\"id\" : \"b\" }  ", 1);
    S_agree("{\"text\":\"\"}", 1);
}

static void test_escapes(void **state)
{
    (void)state;
    S_agree("{\"text\":\"q \\\" b \\\\ s \\/ \\b\\f\\n\\r\\t end\"}", 1);
    S_agree("{\"text\":\"Caf\\u00e9 \\u00C9 \\u20ac\"}", 1);
    S_agree("{\"text\":\"pair \\ud83d\\ude00 ok\"}", 1);
    S_agree("{\"text\":\"raw UTF-8 caf\xC3\xA9\"}", 1);
    /* quotes after runs of backslashes: escaped when the run is odd */
    S_agree("{\"text\":\"ends in a backslash \\\\\",\"id\":\"b\"}", 1);
    S_agree("{\"text\":\"a \\\\\\\"quoted\\\\\\\" b\"}", 1);
    S_agree("{\"text\":\"\\\\\\\\\\\"\"}", 1);
}

static void test_left_to_cjson(void **state)
{
    (void)state;
    S_agree("{\"id\":7,\"text\":\"numeric id\"}", 0);
    S_agree("{\"text\":\"x\",\"source\":\"feed\"}", 0); /* extra member */
    S_agree("{\"text\":\"x\",\"text\":\"y\"}", 0);      /* given twice */
    S_agree("{\"text\":\"lone \\ud800 high\"}", 0);
    S_agree("{\"text\":\"lone \\udc00 low\"}", 0);
    S_agree("{\"text\":\"nul \\u0000 inside\"}", 0);
    S_agree("{\"text\":\"bad \\x escape\"}", 0);
    S_agree("{\"text\":\"cut \\u00\"}", 0);
    S_agree("{\"text\":\"unterminated}", 0);
    S_agree("{\"text\":\"x\"} trailing", 0);
    S_agree("{\"id\":\"a\"}", 0); /* no text */
    S_agree("[\"text\"]", 0);
    S_agree("", 0);
    S_agree("{\"text\":\"x\",}", 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_records),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_left_to_cjson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
