/* event: date intervals and one event per dated clause. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "event_int.h"

static void S_interval(const char *value, const char *start, const char *end)
{
    cx_date d = {0};
    snprintf(d.value, sizeof d.value, "%s", value);
    if (!start) {
        assert_false(cx_date_interval(&d));
        return;
    }
    assert_true(cx_date_interval(&d));
    assert_string_equal(d.start, start);
    assert_string_equal(d.end, end);
}

static void test_intervals(void **state)
{
    (void)state;
    S_interval("2019", "2019-01-01", "2019-12-31");
    S_interval("2023-06", "2023-06-01", "2023-06-30");
    S_interval("2024-02", "2024-02-01", "2024-02-29");
    S_interval("2023-02", "2023-02-01", "2023-02-28");
    S_interval("2023-06-01", "2023-06-01", "2023-06-01");
    S_interval("2023-06-01TMO", "2023-06-01", "2023-06-01");
    S_interval("2023-06-01T10:30", "2023-06-01", "2023-06-01");
    S_interval("2023-W22", "2023-05-29", "2023-06-04");
    S_interval("2021-W01", "2021-01-04", "2021-01-10");
    S_interval("2020-W53", "2020-12-28", "2021-01-03");
    S_interval("2023-Q3", "2023-07-01", "2023-09-30");
    S_interval("2023-H1", "2023-01-01", "2023-06-30");
    S_interval("2022-SU", "2022-06-01", "2022-08-31");
    S_interval("2022-WI", "2022-12-01", "2023-02-28");
    S_interval("199", "1990-01-01", "1999-12-31");
    S_interval("19", "1900-01-01", "1999-12-31");
    S_interval("2012/2022", "2012-01-01", "2022-12-31");
    S_interval("2023-05/2023-07", "2023-05-01", "2023-07-31");
}

static void test_not_placeable(void **state)
{
    (void)state;
    S_interval("XXXX-WXX-4", NULL, NULL);
    S_interval("PRESENT_REF", NULL, NULL);
    S_interval("P3Y", NULL, NULL);
    S_interval("2023-13", NULL, NULL);
    S_interval("2023-02-30", NULL, NULL);
    S_interval("2022/2012", NULL, NULL);
    S_interval("", NULL, NULL);
}

/* Builds events for text with hand-placed timexes. */
typedef struct {
    cx_doc doc;
    cx_seg seg;
    cx_event *ev;
    size_t n;
} built;

static cx_timex S_tx(const char *text, const char *what, const char *value, cx_timex_type type)
{
    cx_timex t = {0};
    const char *p = strstr(text, what);
    assert_non_null(p);
    t.span.start = (size_t)(p - text);
    t.span.end = t.span.start + strlen(what);
    t.type = type;
    t.range_with = -1;
    snprintf(t.value, sizeof t.value, "%s", value);
    return t;
}

static void S_build(built *b, const char *text, cx_timex *tx, size_t ntx)
{
    assert_int_equal(cx_doc_init(&b->doc, text, strlen(text)), CX_OK);
    assert_int_equal(cx_segment(&b->doc, &b->seg), CX_OK);
    assert_int_equal(cx_event_build(&b->doc, &b->seg, tx, ntx, NULL, 0, &b->ev, &b->n), CX_OK);
}

static void S_free(built *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->ev[i].entities);
    free(b->ev);
    cx_seg_fini(&b->seg);
    cx_doc_fini(&b->doc);
}

static void test_events_sorted_and_filtered(void **state)
{
    (void)state;
    const char *t = "The vote is in 2024. Traces date to 2019. It lasted three years. "
                    "The Cyber 2022 Index ranks it. On Thursday it was found.";
    cx_timex tx[5] = {
        S_tx(t, "2024", "2024", CX_DATE),           S_tx(t, "2019", "2019", CX_DATE),
        S_tx(t, "three years", "P3Y", CX_DURATION), S_tx(t, "2022", "2022", CX_DATE),
        S_tx(t, "Thursday", "XXXX-WXX-4", CX_DATE),
    };
    tx[3].in_name = 1;
    built b;
    S_build(&b, t, tx, 5);
    assert_int_equal(b.n, 2);
    assert_string_equal(b.ev[0].date.value, "2019");
    assert_string_equal(b.ev[1].date.value, "2024");
    assert_memory_equal(b.doc.text + b.ev[0].span.start, "Traces date to 2019.", 20);
    assert_int_equal(b.ev[0].span.end - b.ev[0].span.start, 20);
    S_free(&b);
}

static void test_same_date_twice_is_one_event(void **state)
{
    (void)state;
    const char *t = "MOSCOW, June 1 (Reuters) - The agency said on Thursday it found it.";
    cx_timex tx[2] = {S_tx(t, "June 1", "2023-06-01", CX_DATE),
                      S_tx(t, "Thursday", "2023-06-01", CX_DATE)};
    built b;
    S_build(&b, t, tx, 2);
    assert_int_equal(b.n, 1);
    S_free(&b);
}

static void test_two_dates_in_a_sentence(void **state)
{
    (void)state;
    const char *t =
        "Earlier this year, officials preparing for the 2024 election were told to stop.";
    cx_timex tx[2] = {S_tx(t, "Earlier this year", "2023", CX_DATE),
                      S_tx(t, "2024", "2024", CX_DATE)};
    built b;
    S_build(&b, t, tx, 2);
    assert_int_equal(b.n, 2);
    assert_string_equal(b.ev[0].date.value, "2023");
    assert_string_equal(b.ev[1].date.value, "2024");
    S_free(&b);
}

static void test_far_end_of_a_comparison(void **state)
{
    (void)state;
    /* the month tells when it rose; 1992 is only what it is compared
     * with; a plain "since" still starts what the sentence tells */
    const char *t = "Unemployment rose in March to its highest level since 1992, and it has "
                    "stayed there since 2005 or since the first of May.";
    cx_timex tx[3] = {S_tx(t, "March", "2009-03", CX_DATE), S_tx(t, "1992", "1992", CX_DATE),
                      S_tx(t, "2005", "2005", CX_DATE)};
    built b;
    S_build(&b, t, tx, 3);
    assert_int_equal(b.n, 2);
    assert_string_equal(b.ev[0].date.value, "2005");
    assert_string_equal(b.ev[1].date.value, "2009-03");
    S_free(&b);
    t = "It was the first rise since June.";
    cx_timex one = S_tx(t, "June", "2009-06", CX_DATE);
    S_build(&b, t, &one, 1);
    assert_int_equal(b.n, 0);
    S_free(&b);
    /* any adjective in -est is a superlative; a noun in -est is not */
    t = "It was the wettest summer since 1998.";
    one = S_tx(t, "1998", "1998", CX_DATE);
    S_build(&b, t, &one, 1);
    assert_int_equal(b.n, 0);
    S_free(&b);
    t = "Crowds kept up the protest since Monday.";
    one = S_tx(t, "Monday", "2009-06-01", CX_DATE);
    S_build(&b, t, &one, 1);
    assert_int_equal(b.n, 1);
    S_free(&b);
    /* unless a clause tells what happened that day */
    t = "It was the largest drop since July 15, when it lost 161 points.";
    one = S_tx(t, "July 15", "2009-07-15", CX_DATE);
    S_build(&b, t, &one, 1);
    assert_int_equal(b.n, 1);
    S_free(&b);
}

static void test_range_is_one_interval(void **state)
{
    (void)state;
    const char *t = "He led the office (2012\xE2\x80\x93"
                    "2022).";
    cx_timex tx[2] = {S_tx(t, "2012", "2012", CX_DATE), S_tx(t, "2022", "2022", CX_DATE)};
    tx[0].range_with = 1;
    tx[1].range_with = 0;
    built b;
    S_build(&b, t, tx, 2);
    assert_int_equal(b.n, 1);
    assert_string_equal(b.ev[0].date.value, "2012/2022");
    assert_string_equal(b.ev[0].date.end, "2022-12-31");
    S_free(&b);
}

static void test_ties_in_text_order(void **state)
{
    (void)state;
    const char *t = "B happened in June 2023. A happened in 2023. C happened in June 2023.";
    cx_timex tx[3] = {S_tx(t, "June 2023", "2023-06", CX_DATE),
                      S_tx(t, "in 2023", "2023", CX_DATE),
                      S_tx(t, "C happened in June 2023", "2023-06", CX_DATE)};
    built b;
    S_build(&b, t, tx, 3);
    assert_int_equal(b.n, 3);
    assert_string_equal(b.ev[0].date.value, "2023");
    assert_true(b.ev[1].span.start < b.ev[2].span.start);
    S_free(&b);
}

/* An event takes the entities named in its sentence, once each, by index:
 * checked with few mentions and with more than the short-array sort takes
 * (the names repeat in a long sentence, entities out of text order). */
static void S_entities_case(size_t reps)
{
    char text[8192] = "In 2019 ";
    size_t len = strlen(text);
    cx_entity ents[3] = {{0}};
    cx_mention ms[3][200];
    static const char *const names[3] = {"Ann", "Bob", "Cy"};
    static const int order[3] = {2, 0, 1}; /* Cy, Ann, Bob, Cy, ... */
    for (size_t r = 0; r < reps; r++)
        for (int k = 0; k < 3; k++) {
            int e = order[k];
            ms[e][ents[e].n_mentions].span.start = len;
            len += (size_t)snprintf(text + len, sizeof text - len, "%s", names[e]);
            ms[e][ents[e].n_mentions++].span.end = len;
            len += (size_t)snprintf(text + len, sizeof text - len, " and ");
        }
    len += (size_t)snprintf(text + len, sizeof text - len, "all. Later Bob left in 2020.");
    ms[1][ents[1].n_mentions].span.start = (size_t)(strstr(text, "Bob left") - text);
    ms[1][ents[1].n_mentions].span.end = ms[1][ents[1].n_mentions].span.start + 3;
    ents[1].n_mentions++;
    for (int e = 0; e < 3; e++)
        ents[e].mentions = ms[e];
    cx_timex tx[2] = {S_tx(text, "2019", "2019", CX_DATE), S_tx(text, "2020", "2020", CX_DATE)};
    built b;
    assert_int_equal(cx_doc_init(&b.doc, text, len), CX_OK);
    assert_int_equal(cx_segment(&b.doc, &b.seg), CX_OK);
    assert_int_equal(cx_event_build(&b.doc, &b.seg, tx, 2, ents, 3, &b.ev, &b.n), CX_OK);
    assert_int_equal(b.n, 2);
    assert_int_equal(b.ev[0].n_entities, 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(b.ev[0].entities[i], i);
    assert_int_equal(b.ev[1].n_entities, 1);
    assert_int_equal(b.ev[1].entities[0], 1);
    S_free(&b);
}

static void test_entities_of_an_event(void **state)
{
    (void)state;
    S_entities_case(2);  /* 7 mentions */
    S_entities_case(40); /* 121 mentions: past the short sort */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intervals),
        cmocka_unit_test(test_not_placeable),
        cmocka_unit_test(test_events_sorted_and_filtered),
        cmocka_unit_test(test_same_date_twice_is_one_event),
        cmocka_unit_test(test_two_dates_in_a_sentence),
        cmocka_unit_test(test_far_end_of_a_comparison),
        cmocka_unit_test(test_range_is_one_interval),
        cmocka_unit_test(test_ties_in_text_order),
        cmocka_unit_test(test_entities_of_an_event),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
