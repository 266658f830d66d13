/* Unit tests of the visualization outputs: TimelineJS and vis-timeline
 * JSON, the HTML report and the entity table (docs/visualization.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "chronex.h"
#include "report_int.h"
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char S_timeline[] =
    "{\"documents\":[\"a\",\"b\"],\"events\":["
    "{\"date\":{\"value\":\"199\"},\"text\":\"In the 1990s.\",\"sources\":["
    "{\"document\":\"a\",\"event\":\"V1\",\"start\":1,\"text\":\"In the 1990s.\",\"entities\":[]}]},"
    "{\"date\":{\"value\":\"2012/2022\"},\"text\":\"Led it (2012-2022).\",\"sources\":["
    "{\"document\":\"b\",\"event\":\"V1\",\"start\":2,\"text\":\"Led it (2012-2022).\",\"entities\":[\"Ann\"]}]},"
    "{\"date\":{\"value\":\"2019\"},\"text\":\"Traces from 2019.\",\"sources\":["
    "{\"document\":\"a\",\"event\":\"V2\",\"start\":3,\"text\":\"Traces from 2019.\",\"entities\":[\"Acme\"]},"
    "{\"document\":\"b\",\"event\":\"V2\",\"start\":4,\"text\":\"Acme: traces from 2019.\",\"entities\":[\"Acme\"]}]},"
    "{\"date\":{\"value\":\"2023-06\"},\"text\":\"In June 2023 <b>x</b> & 'y'.\",\"sources\":["
    "{\"document\":\"a\",\"event\":\"V3\",\"start\":5,\"text\":\"In June 2023 <b>x</b> & 'y'.\",\"entities\":[\"Acme\"]}]},"
    "{\"date\":{\"value\":\"2023-W21\"},\"text\":\"Last week.\",\"sources\":["
    "{\"document\":\"b\",\"event\":\"V3\",\"start\":6,\"text\":\"Last week.\",\"entities\":[]}]},"
    "{\"date\":{\"value\":\"2023-06-01\"},\"text\":\"On Thursday.\",\"sources\":["
    "{\"document\":\"a\",\"event\":\"V4\",\"start\":7,\"text\":\"On Thursday.\",\"entities\":[]}]}]}";

static cx_timeline *S_load(void)
{
    cx_timeline *tl = cx_timeline_new();
    cx_error err = {0};
    assert_non_null(tl);
    assert_int_equal(cx_timeline_add_json(tl, S_timeline, strlen(S_timeline), &err), CX_OK);
    return tl;
}

static cJSON *S_event(cJSON *root, int i)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItem(root, "events"), i);
}

static int S_date_has(cJSON *ev, const char *which, const char *field)
{
    return cJSON_GetObjectItem(cJSON_GetObjectItem(ev, which), field) != NULL;
}

static void test_timelinejs_precision(void **state)
{
    (void)state;
    cx_timeline *tl = S_load();
    char *s = cx_timeline_to_timelinejs(tl, NULL, 0);
    cx_timeline_free(tl);
    assert_non_null(s);
    cJSON *root = cJSON_Parse(s);
    assert_non_null(root);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "events")), 6);
    /* the 1990s: years 1990 to 1999, named */
    cJSON *e = S_event(root, 0);
    assert_int_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(e, "start_date"), "year")->valueint, 1990);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(e, "end_date"), "year")->valueint,
                     1999);
    assert_false(S_date_has(e, "start_date", "month"));
    assert_string_equal(cJSON_GetObjectItem(e, "display_date")->valuestring, "the 1990s");
    /* 2012/2022: years only, both ends */
    e = S_event(root, 1);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(e, "end_date"), "year")->valueint,
                     2022);
    assert_false(S_date_has(e, "end_date", "month"));
    assert_null(cJSON_GetObjectItem(e, "display_date"));
    /* 2019: a year, no end; merged: both documents in its group */
    e = S_event(root, 2);
    assert_false(S_date_has(e, "start_date", "month"));
    assert_null(cJSON_GetObjectItem(e, "end_date"));
    assert_string_equal(cJSON_GetObjectItem(e, "group")->valuestring, "a + b");
    assert_non_null(
        strstr(cJSON_GetObjectItem(cJSON_GetObjectItem(e, "text"), "text")->valuestring,
               "Acme: traces from 2019."));
    /* a week: days, named (it starts before June) */
    e = S_event(root, 3);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(e, "start_date"), "day")->valueint,
                     22);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(e, "end_date"), "day")->valueint,
                     28);
    assert_string_equal(cJSON_GetObjectItem(e, "display_date")->valuestring, "week 21 of 2023");
    /* a day (ends before the month that starts with it) */
    e = S_event(root, 4);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(e, "start_date"), "day")->valueint,
                     1);
    assert_string_equal(cJSON_GetObjectItem(e, "unique_id")->valuestring, "chronex-M5");
    /* 2023-06: year and month; the text escaped */
    e = S_event(root, 5);
    assert_true(S_date_has(e, "start_date", "month"));
    assert_false(S_date_has(e, "start_date", "day"));
    const char *t = cJSON_GetObjectItem(cJSON_GetObjectItem(e, "text"), "text")->valuestring;
    assert_non_null(strstr(t, "&lt;b&gt;x&lt;/b&gt; &amp; &#39;y&#39;"));
    assert_null(strstr(t, "<b>x"));
    cJSON_Delete(root);
    free(s);
}

static void test_vis_items_and_groups(void **state)
{
    (void)state;
    cx_timeline *tl = S_load();
    cx_viz_opts o = cx_viz_opts_default();
    o.group = CX_VIZ_GROUP_ENTITY;
    char *s = cx_timeline_to_vis(tl, &o, 0);
    cx_timeline_free(tl);
    assert_non_null(s);
    cJSON *root = cJSON_Parse(s);
    cJSON *items = cJSON_GetObjectItem(root, "items");
    assert_int_equal(cJSON_GetArraySize(items), 6);
    cJSON *i1 = cJSON_GetArrayItem(items, 1), *i2 = cJSON_GetArrayItem(items, 2);
    assert_string_equal(cJSON_GetObjectItem(i1, "start")->valuestring, "2012-01-01");
    assert_string_equal(cJSON_GetObjectItem(i1, "end")->valuestring, "2022-12-31");
    assert_null(cJSON_GetObjectItem(i2, "end")); /* a year is a point */
    assert_string_equal(cJSON_GetObjectItem(i2, "group")->valuestring, "Acme");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(items, 0), "group")->valuestring,
                        "(no entity)");
    /* groups: each row once, sorted */
    cJSON *groups = cJSON_GetObjectItem(root, "groups");
    assert_int_equal(cJSON_GetArraySize(groups), 3);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(groups, 0), "id")->valuestring,
                        "(no entity)");
    cJSON_Delete(root);
    free(s);
}

static void test_report_escapes_and_counts(void **state)
{
    (void)state;
    cx_timeline *tl = S_load();
    cx_entity_table *et = cx_entity_table_new();
    size_t a, b;
    assert_int_equal(cx_et_add_doc(et, "a", "a.txt", "2023-06-01", &a), CX_OK);
    assert_int_equal(cx_et_add_doc(et, "b", NULL, NULL, &b), CX_OK);
    assert_int_equal(cx_et_add_doc(et, "a", NULL, NULL, &a), CX_ERR_ARG);
    const char *al[] = {"ACME"};
    assert_int_equal(cx_et_add_entity(et, a, "Acme Inc", CX_ORGANIZATION, al, 1, 3), CX_OK);
    assert_int_equal(cx_et_add_entity(et, b, "Acme Inc.", CX_ORGANIZATION, NULL, 0, 2), CX_OK);
    assert_int_equal(cx_et_add_entity(et, b, "<i>Ann</i>", CX_PERSON, NULL, 0, 1), CX_OK);
    assert_int_equal(et->nents, 2);
    assert_int_equal(et->ents[0].total, 5);
    assert_int_equal(et->ents[0].ndoc, 2);
    cx_viz_opts o = cx_viz_opts_default();
    o.title = "Title <script>";
    char *h = cx_report_html(tl, et, &o);
    assert_non_null(h);
    assert_null(strstr(h, "<b>x"));
    assert_null(strstr(h, "<i>Ann"));
    assert_null(strstr(h, "Title <script>"));
    assert_non_null(strstr(h, "&lt;i&gt;Ann&lt;/i&gt;"));
    assert_non_null(strstr(h, "Title &lt;script&gt;"));
    assert_non_null(strstr(h, "Content-Security-Policy"));
    assert_non_null(strstr(h, "id=\"ev-M6\""));
    /* the same input gives the same page */
    char *h2 = cx_report_html(tl, et, &o);
    assert_string_equal(h, h2);
    free(h);
    free(h2);
    cx_entity_table_free(et);
    cx_timeline_free(tl);
}

static void test_labels_and_headlines(void **state)
{
    (void)state;
    char b[64];
    cx_viz_date_label("2023-06-01", b, sizeof b);
    assert_string_equal(b, "June 1, 2023");
    cx_viz_date_label("2023-06", b, sizeof b);
    assert_string_equal(b, "June 2023");
    cx_viz_date_label("2023-Q3", b, sizeof b);
    assert_string_equal(b, "Q3 2023");
    cx_viz_date_label("2022-SU", b, sizeof b);
    assert_string_equal(b, "summer 2022");
    cx_viz_date_label("2012/2022", b, sizeof b);
    assert_string_equal(b, "2012 \xe2\x80\x93 2022");
    cx_viz_date_label("2023-06-01T10:30", b, sizeof b);
    assert_string_equal(b, "June 1, 2023, 10:30");
    char *h = cx_viz_headline("one two three four", 9);
    assert_string_equal(h, "one two\xe2\x80\xa6");
    free(h);
    h = cx_viz_headline("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
                        5); /* no space: whole characters */
    assert_string_equal(h, "\xc3\xa9\xc3\xa9\xe2\x80\xa6");
    free(h);
}

static void test_empty_timeline(void **state)
{
    (void)state;
    cx_timeline *tl = cx_timeline_new();
    char *s = cx_timeline_to_timelinejs(tl, NULL, 0);
    assert_non_null(strstr(s, "\"events\":[]"));
    free(s);
    s = cx_timeline_to_vis(tl, NULL, 0);
    assert_string_equal(s, "{\"items\":[],\"groups\":[]}");
    free(s);
    s = cx_report_html(tl, NULL, NULL);
    assert_non_null(strstr(s, "No dated events"));
    free(s);
    cx_timeline_free(tl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timelinejs_precision),
        cmocka_unit_test(test_vis_items_and_groups),
        cmocka_unit_test(test_report_escapes_and_counts),
        cmocka_unit_test(test_labels_and_headlines),
        cmocka_unit_test(test_empty_timeline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
