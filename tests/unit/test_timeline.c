/* timeline: merging events across documents, associatively. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timeline_int.h"

static void S_add(cx_timeline *tl, const char *doc, const char *ev, const char *value,
                  const char *text, long pos)
{
    cx_tl_src s = {0};
    s.doc = (char *)doc;
    s.event = (char *)ev;
    snprintf(s.date.value, sizeof s.date.value, "%s", value);
    assert_true(cx_date_interval(&s.date));
    s.text = (char *)text;
    s.pos = pos;
    assert_int_equal(cx_tl_add(tl, &s), CX_OK);
}

static const char *A1 =
    "The security service said it uncovered an American spy operation targeting thousands of phones.";
static const char *B1 =
    "The security service announced it had found an American espionage operation on thousands of phones.";
static const char *A2 =
    "The company forwarded its findings to the national emergency response team.";
static const char *B2 = "The firm did not inform the emergency response team of its findings.";
static const char *A3 = "Traces of the infection dated back to 2019.";

static void S_fill(cx_timeline *tl, int order)
{
    if (order == 0) {
        S_add(tl, "a", "V1", "2023-06-01", A1, 10);
        S_add(tl, "a", "V2", "2023-06-01", A2, 200);
        S_add(tl, "a", "V3", "2019", A3, 300);
        S_add(tl, "b", "V1", "2023-06-01", B1, 5);
        S_add(tl, "b", "V2", "2023-06-01", B2, 150);
    } else {
        S_add(tl, "b", "V2", "2023-06-01", B2, 150);
        S_add(tl, "a", "V3", "2019", A3, 300);
        S_add(tl, "b", "V1", "2023-06-01", B1, 5);
        S_add(tl, "a", "V2", "2023-06-01", A2, 200);
        S_add(tl, "a", "V1", "2023-06-01", A1, 10);
    }
}

static void test_merge_groups_same_events(void **state)
{
    (void)state;
    cx_timeline *tl = cx_timeline_new();
    S_fill(tl, 0);
    cx_tl_group *g;
    size_t ng, *m;
    assert_int_equal(cx_tl_merge(tl, &g, &ng, &m), CX_OK);
    assert_int_equal(ng, 3);
    assert_string_equal(tl->src[m[g[0].first]].date.value, "2019");
    assert_int_equal(g[1].n, 2);
    assert_int_equal(g[2].n, 2);
    /* the spy operation pair and the response team pair, not mixed */
    const cx_tl_src *x = &tl->src[m[g[1].first]], *y = &tl->src[m[g[1].first + 1]];
    assert_string_equal(x->event, y->event);
    free(g);
    free(m);
    cx_timeline_free(tl);
}

static void test_merge_is_order_independent(void **state)
{
    (void)state;
    cx_timeline *t1 = cx_timeline_new(), *t2 = cx_timeline_new();
    S_fill(t1, 0);
    S_fill(t2, 1);
    char *j1 = cx_timeline_to_json(t1, 0), *j2 = cx_timeline_to_json(t2, 0);
    assert_non_null(j1);
    assert_string_equal(j1, j2);
    /* merging a merged timeline with nothing new changes nothing */
    cx_timeline *t3 = cx_timeline_new();
    cx_error err;
    assert_int_equal(cx_timeline_add_json(t3, j1, strlen(j1), &err), CX_OK);
    char *j3 = cx_timeline_to_json(t3, 0);
    assert_string_equal(j1, j3);
    free(j1);
    free(j2);
    free(j3);
    cx_timeline_free(t1);
    cx_timeline_free(t2);
    cx_timeline_free(t3);
}

static void test_merge_of_parts_equals_whole(void **state)
{
    (void)state;
    cx_timeline *whole = cx_timeline_new(), *pa = cx_timeline_new(), *pb = cx_timeline_new();
    S_fill(whole, 0);
    S_add(pa, "a", "V1", "2023-06-01", A1, 10);
    S_add(pa, "a", "V2", "2023-06-01", A2, 200);
    S_add(pa, "a", "V3", "2019", A3, 300);
    S_add(pb, "b", "V1", "2023-06-01", B1, 5);
    S_add(pb, "b", "V2", "2023-06-01", B2, 150);
    char *ja = cx_timeline_to_json(pa, 0), *jb = cx_timeline_to_json(pb, 0);
    cx_timeline *re = cx_timeline_new();
    cx_error err;
    assert_int_equal(cx_timeline_add_json(re, jb, strlen(jb), &err), CX_OK);
    assert_int_equal(cx_timeline_add_json(re, ja, strlen(ja), &err), CX_OK);
    char *jw = cx_timeline_to_json(whole, 0), *jr = cx_timeline_to_json(re, 0);
    assert_string_equal(jw, jr);
    free(ja);
    free(jb);
    free(jw);
    free(jr);
    cx_timeline_free(whole);
    cx_timeline_free(pa);
    cx_timeline_free(pb);
    cx_timeline_free(re);
}

static void test_same_document_never_merges(void **state)
{
    (void)state;
    cx_timeline *tl = cx_timeline_new();
    S_add(tl, "a", "V1", "2023", "Officials were told to stop using phones.", 1);
    S_add(tl, "a", "V2", "2023", "Officials were told to stop using phones.", 50);
    cx_tl_group *g;
    size_t ng, *m;
    assert_int_equal(cx_tl_merge(tl, &g, &ng, &m), CX_OK);
    assert_int_equal(ng, 2);
    free(g);
    free(m);
    cx_timeline_free(tl);
}

static void test_similarity(void **state)
{
    (void)state;
    cx_tl_src a = {.text = (char *)A1}, b = {.text = (char *)B1}, c = {.text = (char *)A2};
    assert_true(cx_tl_similarity(&a, &b) >= 0.3);
    assert_true(cx_tl_similarity(&a, &c) < 0.3);
    assert_true(cx_tl_similarity(&a, &a) > 0.99);
}

static void test_bad_json_rejected(void **state)
{
    (void)state;
    cx_timeline *tl = cx_timeline_new();
    cx_error err;
    assert_int_equal(cx_timeline_add_json(tl, "[1,2]", 5, &err), CX_ERR_INPUT);
    assert_int_equal(cx_timeline_add_json(tl, "{\"x\":1}", 7, &err), CX_ERR_INPUT);
    assert_int_equal(cx_timeline_add_json(tl, "{\"document\":", 12, &err), CX_ERR_INPUT);
    cx_timeline_free(tl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_groups_same_events),
        cmocka_unit_test(test_merge_is_order_independent),
        cmocka_unit_test(test_merge_of_parts_equals_whole),
        cmocka_unit_test(test_same_document_never_merges),
        cmocka_unit_test(test_similarity),
        cmocka_unit_test(test_bad_json_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
