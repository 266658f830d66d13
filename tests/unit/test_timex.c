/* timex: the normalizer on a table of expressions, and the tagger on
 * sentences (spans, ranges, names, datelines, words that are not dates,
 * limits). Needs CHRONEX_DATA_DIR (set by make check). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chronex.h"
#include "cx_test.h"

enum { D = CX_DATE, T = CX_TIME, U = CX_DURATION, S = CX_SET, ANY = -1 };

typedef struct {
    const char *text, *dct, *value;
    int type;
} S_case;

/* 2023-06-01 is a Thursday; 1998-01-08 a Thursday; 1989-10-30 a Monday. */
#define J "2023-06-01"
static const S_case S_cases[] = {
    /* years, months, full dates */
    {"2019", J, "2019", D},
    {"in 1990", J, "1990", D},
    {"June 2023", J, "2023-06", D},
    {"June, 2023", J, "2023-06", D},
    {"January of 2020", J, "2020-01", D},
    {"Sept. 2001", J, "2001-09", D},
    {"June 1", J, "2023-06-01", D},
    {"June 1st", J, "2023-06-01", D},
    {"on June 3", J, "2023-06-03", D},
    {"May 20", J, "2023-05-20", D},
    {"Dec. 15", "1989-10-31", "1989-12-15", D},
    {"Jan. 2", "1989-11-02", "1990-01-02", D},
    {"December 20", "2023-03-10", "2022-12-20", D},
    {"it will open on January 5", "2023-11-10", "2024-01-05", D},
    {"06/01/2023", J, "2023-06-01", D},
    {"7/8/07", J, "2007-07-08", D},
    {"12/25/1999", J, "1999-12-25", D},
    {"1 June 2023", J, "2023-06-01", D},
    {"the 5th of May 2021", J, "2021-05-05", D},
    {"11 December", "2009-12-15", "2009-12-11", D},
    {"2023-06-01", J, "2023-06-01", D},
    {"1996-08-30", J, "1996-08-30", D},
    {"June 1, 2023", J, "2023-06-01", D},
    {"June 07 , 2011", J, "2011-06-07", D},
    {"March 06, 2008", J, "2008-03-06", D},
    {"Thursday, June 1, 2023", J, "2023-06-01", D},
    {"Feb. 29, 2024", J, "2024-02-29", D},
    {"Aug. 7, 1998", J, "1998-08-07", D},
    {"October 2020", J, "2020-10", D},
    {"May 2008", J, "2008-05", D},
    {"in April next year", J, "2024-04", D},
    {"in early October this year", J, "2023-10", D},
    /* bare months: past in news unless the tense or nearness says not */
    {"in August", "2013-03-15", "2012-08", D},
    {"in October", "1998-01-08", "1997-10", D},
    {"in March", J, "2023-03", D},
    {"in June", J, "2023-06", D},
    {"in July", J, "2023-07", D},
    {"in December", J, "2022-12", D},
    {"it will happen in February", J, "2024-02", D},
    {"in January", "1989-11-02", "1990-01", D},
    {"last March", J, "2023-03", D},
    {"last November", J, "2022-11", D},
    {"next March", J, "2024-03", D},
    {"this September", J, "2023-09", D},
    {"early September", "1989-10-30", "1989-09", D},
    {"late November", "1999-12-10", "1999-11", D},
    {"mid-November", "1989-11-20", "1989-11", D},
    {"the beginning of October", "1989-11-20", "1989-10", D},
    /* weekdays: nearest, past by default, future by tense */
    {"Thursday", J, "2023-06-01", D},
    {"on Monday", J, "2023-05-29", D},
    {"Wednesday", J, "2023-05-31", D},
    {"Friday", J, "2023-05-26", D},
    {"Sunday", J, "2023-05-28", D},
    {"they will meet on Friday", J, "2023-06-02", D},
    {"talks are scheduled for Monday", J, "2023-06-05", D},
    {"he will arrive Thursday", J, "2023-06-01", D},
    {"last Friday", J, "2023-05-26", D},
    {"last Thursday", J, "2023-05-25", D},
    {"next Tuesday", J, "2023-06-06", D},
    {"next Thursday", J, "2023-06-08", D},
    {"this Saturday", J, "2023-06-03", D},
    {"Friday", "1998-01-08", "1998-01-02", D},
    {"Monday", "1989-10-30", "1989-10-30", D},
    {"Tuesday", "1989-10-30", "1989-10-24", D},
    {"early Tuesday", "1998-03-04", "1998-03-03", D},
    /* days relative to the anchor */
    {"yesterday", J, "2023-05-31", D},
    {"today", J, "2023-06-01", D},
    {"tomorrow", J, "2023-06-02", D},
    {"the day before yesterday", J, "2023-05-30", D},
    {"the day after tomorrow", J, "2023-06-03", D},
    {"late yesterday", J, "2023-05-31", D},
    {"yesterday", "2024-03-01", "2024-02-29", D},
    {"tomorrow", "2023-12-31", "2024-01-01", D},
    {"yesterday", "2024-01-01", "2023-12-31", D},
    /* weeks, months, years, quarters relative to the anchor */
    {"last week", J, "2023-W21", D},
    {"this week", J, "2023-W22", D},
    {"next week", J, "2023-W23", D},
    {"last week", "2021-01-05", "2020-W53", D},
    {"this week", "2023-01-01", "2022-W52", D},
    {"next month", J, "2023-07", D},
    {"last month", J, "2023-05", D},
    {"this month", J, "2023-06", D},
    {"last month", "2023-01-15", "2022-12", D},
    {"next month", "2023-12-15", "2024-01", D},
    {"this year", J, "2023", D},
    {"last year", J, "2022", D},
    {"next year", J, "2024", D},
    {"the past year", J, "2022", D},
    {"the coming year", J, "2024", D},
    {"earlier this year", J, "2023", D},
    {"Earlier this year", J, "2023", D},
    {"later this year", J, "2023", D},
    {"earlier in the year", J, "2023", D},
    {"the beginning of the year", J, "2023", D},
    {"the end of the year", J, "2023", D},
    {"the end of this year", "2006-05-01", "2006", D},
    {"the end of last year", "2009-05-01", "2008", D},
    {"the end of 1990", J, "1990", D},
    {"early next year", "1989-10-30", "1990", D},
    {"sometime next year", "1989-10-30", "1990", D},
    {"the end of the month", J, "2023-06", D},
    {"earlier this month", J, "2023-06", D},
    {"the end of this week", "1989-11-02", "1989-W44", D},
    {"this weekend", "2010-01-25", "2010-W04-WE", D},
    {"last weekend", J, "2023-W21-WE", D},
    {"the weekend", "1989-10-30", "1989-W43-WE", D},
    {"this quarter", J, "2023-Q2", D},
    {"last quarter", J, "2023-Q1", D},
    {"next quarter", "2023-11-01", "2024-Q1", D},
    {"the current quarter", "1989-10-26", "1989-Q4", D},
    {"the latest quarter", "1989-10-26", "1989-Q3", D},
    {"the quarter", "1989-10-26", "1989-Q3", D},
    {"this decade", J, "202", D},
    {"last decade", J, "201", D},
    {"this century", J, "20", D},
    /* quarters and halves */
    {"the third quarter", "2023-10-20", "2023-Q3", D},
    {"third-quarter", "1989-10-26", "1989-Q3", D},
    {"the fourth quarter", "1989-10-26", "1989-Q4", D},
    {"the fourth quarter", "1998-01-26", "1997-Q4", D},
    {"the first quarter of 2009", J, "2009-Q1", D},
    {"the final quarter of 2009", J, "2009-Q4", D},
    {"the fourth quarter of 2005", J, "2005-Q4", D},
    {"the third quarter of this year", "2009-11-03", "2009-Q3", D},
    {"the first quarter of last year", "2009-05-07", "2008-Q1", D},
    {"next year's first quarter", "1989-10-31", "1990-Q1", D},
    {"the fiscal first quarter", "1989-10-26", "1989-Q1", D},
    {"Q3 2023", J, "2023-Q3", D},
    {"Q1", "2023-08-01", "2023-Q1", D},
    {"the first half", "1989-10-26", "1989-H1", D},
    {"the second half of 2022", J, "2022-H2", D},
    {"the last half of 1989", "1991-03-01", "1989-H2", D},
    {"the latter half of 1989", "1991-03-01", "1989-H2", D},
    {"the last quarter of 1989", "1991-03-01", "1989-Q4", D},
    {"the year-earlier quarter", "1989-10-26", "1988-Q3", D},
    {"year-earlier", "1989-10-26", "1988", D},
    {"the 1988 quarter", "1989-10-26", "1988-Q3", D},
    /* decades, centuries, seasons */
    {"the 1990s", J, "199", D},
    {"the 1980s", J, "198", D},
    {"the early 1990s", J, "199", D},
    {"the late 1960s", J, "196", D},
    {"the '90s", J, "199", D},
    {"the 60s", J, "196", D},
    {"the nineties", J, "199", D},
    {"the 2010s", J, "201", D},
    {"the 20th century", J, "19", D},
    {"the 21st century", J, "20", D},
    {"the nineteenth century", J, "18", D},
    {"summer 2022", J, "2022-SU", D},
    {"the summer of 2019", J, "2019-SU", D},
    {"this summer", J, "2023-SU", D},
    {"last fall", "1999-04-10", "1998-FA", D},
    {"this fall", "1989-10-30", "1989-FA", D},
    {"next spring", J, "2024-SP", D},
    {"last winter", J, "2022-WI", D},
    {"winter 2021", J, "2021-WI", D},
    /* N units ago */
    {"a year ago", J, "2022", D},
    {"two years ago", J, "2021", D},
    {"three days ago", J, "2023-05-29", D},
    {"two weeks ago", J, "2023-W20", D},
    {"a month ago", "1989-10-30", "1989-09", D},
    {"five years ago", "1989-10-26", "1984", D},
    {"a decade ago", J, "201", D},
    {"several years ago", J, "PAST_REF", D},
    {"a year earlier", J, "2022", D},
    {"two years from now", J, "2025", D},
    {"a week or so ago", "1991-02-25", "1991-W08", D},
    /* references */
    {"now", J, "PRESENT_REF", D},
    {"currently", J, "PRESENT_REF", D},
    {"recently", J, "PAST_REF", D},
    {"in recent years", J, "PXY", U},
    {"recent weeks", J, "PXW", U},
    {"in the future", J, "FUTURE_REF", D},
    {"the near future", J, "FUTURE_REF", D},
    {"in the past", J, "PAST_REF", D},
    {"soon", J, "FUTURE_REF", D},
    {"nowadays", J, "PRESENT_REF", D},
    /* holidays */
    {"Christmas", "2023-12-01", "2023-12-25", D},
    {"Christmas Eve 2020", J, "2020-12-24", D},
    {"New Year's Day", "2023-12-20", "2024-01-01", D},
    {"Thanksgiving", "2023-11-01", "2023-11-23", D},
    {"Halloween 2019", J, "2019-10-31", D},
    /* movable holidays: the Nth weekday of a month, Easter's cycle */
    {"Memorial Day", J, "2023-05-29", D},
    {"Labor Day", J, "2023-09-04", D},
    {"Labor Day 2020", J, "2020-09-07", D},
    {"Martin Luther King Jr. Day", "2023-01-10", "2023-01-16", D},
    {"Mother's Day", "2023-05-01", "2023-05-14", D},
    {"Black Friday", "2023-11-01", "2023-11-24", D},
    {"Thanksgiving 2020", J, "2020-11-26", D},
    {"Easter 2019", J, "2019-04-21", D},
    {"Easter Sunday 2024", J, "2024-03-31", D},
    {"Good Friday 2000", J, "2000-04-21", D},
    {"Ash Wednesday 2023", J, "2023-02-22", D},
    {"Easter 2038", J, "2038-04-25", D},
    {"Christmas", NULL, "XXXX-12-25", D},
    {"Memorial Day", NULL, "XXXX-05-XX", D},
    {"Easter", NULL, "XXXX-XX-XX", D},
    /* a fiscal year glued to its number, two digits or four */
    {"FY2023", J, "2023", D},
    {"FY23", J, "2023", D},
    {"FY99", J, "1999", D},
    /* a holiday's week: the ISO week it falls in */
    {"Easter week", "2000-04-17", "2000-W16", D},
    {"Christmas week 2023", J, "2023-W52", D},
    {"Easter week", NULL, "XXXX-WXX", D},
    {"by year-end", "1989-10-30", "1989-12-31", D},
    /* wire-service times and machine date-times */
    {"0930 GMT", J, "2023-06-01T09:30Z", T},
    {"1430 local time", J, "2023-06-01T14:30", T},
    {"2023-05-30T08:15:00+02:00", J, "2023-05-30T08:15", T},
    {"2021-01-02T23:59:30.5Z", J, "2021-01-02T23:59Z", T},
    /* "the 1800s" is a century, "the 2000s" the decade; weekend of a date */
    {"the 1800s", J, "18", D},
    {"the early 1900s", J, "19", D},
    {"the 2000s", J, "200", D},
    {"the weekend of June 10", J, "2023-W23-WE", D},
    /* halves by their short names */
    {"H1 2024", J, "2024-H1", D},
    {"H2 2022", J, "2022-H2", D},
    /* times */
    {"10:30 a.m.", J, "2023-06-01T10:30", T},
    {"10 a.m.", J, "2023-06-01T10:00", T},
    {"3 p.m.", J, "2023-06-01T15:00", T},
    {"12 p.m.", J, "2023-06-01T12:00", T},
    {"12:15 a.m.", J, "2023-06-01T00:15", T},
    {"7:15 p.m.", "1998-02-12", "1998-02-12T19:15", T},
    {"around 7:15 p.m.", "1998-02-12", "1998-02-12T19:15", T},
    {"18:00 GMT", J, "2023-06-01T18:00Z", T},
    {"08:30 UTC", J, "2023-06-01T08:30Z", T},
    {"9 a.m. Tuesday", "2000-04-03", "2000-03-28T09:00", T},
    {"10 p.m. Wednesday", "1998-02-13", "1998-02-11T22:00", T},
    /* AP-style zones after a time are part of it, so the day after joins */
    {"7:30 p.m. ET on Saturday", "2024-03-15", "2024-03-09T19:30", T},
    {"8 p.m. PT Sunday", "2024-03-15", "2024-03-10T20:00", T},
    {"noon", J, "2023-06-01T12:00", T},
    {"midnight", J, "2023-06-01T24:00", T},
    {"noon Thursday", "1998-02-13", "1998-02-12T12:00", T},
    {"Thursday morning", J, "2023-06-01TMO", T},
    {"Wednesday night", J, "2023-05-31TNI", T},
    {"Friday evening", J, "2023-05-26TEV", T},
    {"tonight", J, "2023-06-01TNI", T},
    {"this morning", J, "2023-06-01TMO", T},
    {"this afternoon", J, "2023-06-01TAF", T},
    {"last night", J, "2023-05-31TNI", T},
    {"yesterday afternoon", J, "2023-05-31TAF", T},
    {"tomorrow morning", J, "2023-06-02TMO", T},
    {"2023-06-01T14:30", J, "2023-06-01T14:30", T},
    /* durations */
    {"three years", J, "P3Y", U},
    {"14 years", J, "P14Y", U},
    {"over 14 years", J, "P14Y", U},
    {"six months", J, "P6M", U},
    {"two weeks", J, "P2W", U},
    {"several days", J, "PXD", U},
    {"for decades", J, "PXDE", U},
    {"decades", J, "PXDE", U},
    {"for years", J, "PXY", U},
    {"months", J, "PXM", U},
    {"centuries", J, "PXCE", U},
    {"the last twenty four hours", J, "PT24H", U},
    {"twenty-four hours", J, "PT24H", U},
    {"a hundred years", J, "P100Y", U},
    {"two decades", J, "P20Y", U},
    {"a decade", J, "P10Y", U},
    {"a century", J, "P100Y", U},
    {"five year", J, "P5Y", U},
    {"two-year", J, "P2Y", U},
    {"30-year", J, "P30Y", U},
    {"the past three months", J, "P3M", U},
    {"the first nine months", J, "P9M", U},
    {"the next four years", J, "P4Y", U},
    {"18 months", J, "P18M", U},
    {"90 days", J, "P90D", U},
    {"thirty minutes", J, "PT30M", U},
    {"one minute", J, "PT1M", U},
    {"45 seconds", J, "PT45S", U},
    {"a week", J, "P1W", U},
    {"a day", J, "P1D", U},
    {"a few weeks", J, "PXW", U},
    {"a couple of years", J, "P2Y", U},
    {"two and a half years", J, "P2Y6M", U},
    {"almost two and a half years", J, "P2Y6M", U},
    {"more than four hours", J, "PT4H", U},
    {"at least 30 days", J, "P30D", U},
    {"about two weeks", J, "P2W", U},
    {"nearly an hour", J, "PT1H", U},
    {"up to 180 days", J, "P180D", U},
    {"a fortnight", J, "P2W", U},
    {"three quarters", J, "P9M", U},
    {"three days later", J, "P3D", U},
    {"twenty six weeks", J, "P26W", U},
    {"one hundred thirty days", J, "P130D", U},
    /* sets */
    {"every Monday", J, "XXXX-WXX-1", S},
    {"each Thursday", J, "XXXX-WXX-4", S},
    {"on Sundays", J, "XXXX-WXX-7", S},
    {"Tuesday nights", J, "XXXX-WXX-2TNI", S},
    {"annually", J, "P1Y", S},
    {"each year", J, "P1Y", S},
    {"every year", J, "P1Y", S},
    {"every day", J, "P1D", S},
    {"daily", J, "P1D", S},
    {"weekly", J, "P1W", S},
    {"monthly", J, "P1M", S},
    {"hourly", J, "PT1H", S},
    {"every two years", J, "P2Y", S},
    {"every other week", J, "P2W", S},
    {"twice a year", J, "P1Y", S},
    {"once a week", J, "P1W", S},
    {"each July", J, "XXXX-07", S},
    {"every quarter", J, "P3M", S},
    /* tense of the clause: "next to" is no future; a plan made in the
     * past ("had been due to") is past; a deadline or earliest date
     * ("until", "as early as") and "is to" look ahead */
    {"the blasts next to the embassy on Friday", J, "2023-05-26", D},
    {"the bid had been due to expire Friday", J, "2023-05-26", D},
    {"the offer had been due to lapse at midnight Friday", J, "2023-05-26T24:00", T},
    {"officials postponed the vote until Tuesday", J, "2023-06-06", D},
    {"the envoy could arrive as early as Tuesday", J, "2023-06-06", D},
    {"Until Tuesday, nobody had known", J, "2023-05-30", D},
    {"trading is to resume Tuesday", J, "2023-06-06", D},
    /* halves go to the next smaller unit */
    {"a minute and a half", J, "PT1M30S", U},
    {"5 1/2 hours", J, "PT5H30M", U},
    {"two and a half days", J, "P2DT12H", U},
    {"1.5 years", J, "P1Y6M", U},
    {"eight trading days", J, "P8D", U},
    {"three business days", J, "P3D", U},
    {"these days", J, "PRESENT_REF", D},
    {"scientists say it will one day be possible", J, "FUTURE_REF", D},
    /* what the text spoke of last: "that day", "the following year" */
    {"He came in March 2010 and left the following year", J, "2011", D},
    {"It opened on March 3, 2010. Later that day it closed", J, "2010-03-03", D},
    {"He came on Oct. 2, 2001 and left the next morning", J, "2001-10-03TMO", T},
    {"Sales fell in 2008 after the previous year's rise", J, "2007", D},
    {"the plant shut in 1998 and that same month reopened", J, "1998-XX", D},
    {"that year", J, "2023", D},
    /* month and day with last/next; the week of; the day before */
    {"last Oct. 23", J, "2022-10-23", D},
    {"last May 20", J, "2023-05-20", D},
    {"next April 10", J, "2024-04-10", D},
    {"the week of March 6", "2000-02-24", "2000-W10", D},
    {"the day before last Tuesday", J, "2023-05-29", D},
    {"the day after June 5", J, "2023-06-06", D},
    /* clock times: a wire service's GMT aside, UTC as Z, the day named
     * before in the sentence */
    {"at 10:35 a.m. (0735 GMT) Friday", J, "2023-05-26T10:35", T},
    {"18:00 UTC", J, "2023-06-01T18:00Z", T},
    {"at 16:15 UTC, June 1st", "2023-06-04", "2023-06-01T16:15Z", T},
    {"it flew on Tuesday at 3:30 p.m.", J, "2023-05-30T15:30", T},
    {"the last half of the '80s", J, "198", D},
    /* quarters and periods */
    {"the first two quarters of 1990", J, "1990-H1", D},
    {"the last two quarters of 2001", J, "2001-H2", D},
    {"the last two quarters", J, "P6M", U},
    {"the fourth quarter", "2006-08-19", "2006-Q4", D},
    {"the fourth quarter", "2006-02-10", "2005-Q4", D},
    {"Sales in February rose from the same period last year", "2010-03-03", "2009-02", D},
    {"the corresponding period last year", "1989-11-01", "1988-Q3", D},
    {"last year's quarter", "1989-11-01", "1988-Q3", D},
    {"the same month a year ago", J, "2022-06", D},
    /* no anchor: what depends on it stays X */
    {"Thursday", NULL, "XXXX-WXX-4", D},
    {"June 1", NULL, "XXXX-06-01", D},
    {"June 2023", NULL, "2023-06", D},
    {"earlier this year", NULL, "XXXX", D},
    {"last week", NULL, "XXXX-WXX", D},
    {"next month", NULL, "XXXX-XX", D},
    {"yesterday", NULL, "XXXX-XX-XX", D},
    {"today", NULL, "PRESENT_REF", D},
    {"the third quarter", NULL, "XXXX-Q3", D},
    {"summer", NULL, NULL, ANY}, /* a bare season word is no expression */
    {"three years", NULL, "P3Y", U},
    {"10:30 a.m.", NULL, "XXXX-XX-XXT10:30", T},
};

static void test_table_size(void **state)
{
    (void)state;
    assert_true(sizeof S_cases / sizeof S_cases[0] >= 200);
}

static void test_normalize_table(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof S_cases / sizeof S_cases[0]; i++) {
        const S_case *c = &S_cases[i];
        char v[64] = "";
        cx_timex_type ty = CX_DATE;
        int rc = cx_normalize(S_ctx, c->text, c->dct, v, sizeof v, &ty);
        if (!c->value) {
            if (rc != CX_ERR_INPUT) {
                fprintf(stderr, "  %-32s dct %s: want no expression, got %s\n", c->text,
                        c->dct ? c->dct : "-", v);
                bad++;
            }
            continue;
        }
        if (rc != CX_OK || strcmp(v, c->value) || (c->type != ANY && (int)ty != c->type)) {
            fprintf(stderr, "  %-32s dct %s: want %s (%d), got %s (%d) rc %d\n", c->text,
                    c->dct ? c->dct : "-", c->value, c->type, v, (int)ty, rc);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_normalize_args(void **state)
{
    (void)state;
    char v[16];
    assert_int_equal(cx_normalize(S_ctx, "June 1", "2023-13-45", v, sizeof v, NULL),
                     CX_ERR_ARG);
    assert_int_equal(cx_normalize(S_ctx, "no date here", "2023-06-01", v, sizeof v, NULL),
                     CX_ERR_INPUT);
    assert_int_equal(cx_normalize(NULL, "June 1", NULL, v, sizeof v, NULL), CX_ERR_ARG);
    /* a small buffer truncates, never overflows */
    char small[5];
    assert_int_equal(cx_normalize(S_ctx, "June 1, 2023", NULL, small, sizeof small, NULL),
                     CX_OK);
    assert_string_equal(small, "2023");
}

/* ---- the tagger on sentences -------------------------------------------- */

static cx_result *S_run(const char *text, const char *dct, int dateline)
{
    cx_opts o = cx_opts_default();
    o.dct = dct;
    o.use_dateline = dateline;
    cx_result *r = NULL;
    assert_int_equal(cx_extract(S_ctx, text, strlen(text), &o, &r), CX_OK);
    return r;
}

/* The index of the timex whose text is exactly want, or -1. */
static long S_find(const cx_result *r, const char *want)
{
    for (size_t i = 0; i < r->n_timexes; i++) {
        const cx_span *s = &r->timexes[i].span;
        if (s->end - s->start == strlen(want) &&
            !memcmp(r->text + s->start, want, s->end - s->start))
            return (long)i;
    }
    return -1;
}

static void S_expect(const cx_result *r, const char *text, const char *value)
{
    long i = S_find(r, text);
    if (i < 0) {
        fprintf(stderr, "  missing timex '%s'; found:", text);
        for (size_t k = 0; k < r->n_timexes; k++)
            fprintf(stderr, " '%.*s'", (int)(r->timexes[k].span.end - r->timexes[k].span.start),
                    r->text + r->timexes[k].span.start);
        fprintf(stderr, "\n");
    }
    assert_true(i >= 0);
    assert_string_equal(r->timexes[i].value, value);
}

static void test_extract_sentences(void **state)
{
    (void)state;
    /* a report is about the first quarter it names; an aside about
     * another quarter does not move "a year ago" or "the 1989 period" */
    cx_result *q = S_run("Net rose 20% in the third quarter from a year ago. After a "
                         "flat second quarter, prices rose. In the 1989 period, "
                         "taxes were lower than a year ago. Over the weekend, "
                         "directors met.",
                         "1989-10-30", 0);
    S_expect(q, "the third quarter", "1989-Q3");
    S_expect(q, "second quarter", "1989-Q2");
    S_expect(q, "the 1989 period", "1989-Q3");
    S_expect(q, "a year ago", "1988-Q3");
    S_expect(q, "the weekend", "1989-W43-WE");
    cx_result_free(q);
    cx_result *r = S_run("Kaspersky said on Thursday that the attack began in 2019 "
                         "and was found in June 2023, more than 14 years after the "
                         "group formed. Earlier this year the FSB accused the NSA.",
                         "2023-06-01", 0);
    S_expect(r, "Thursday", "2023-06-01");
    S_expect(r, "2019", "2019");
    S_expect(r, "June 2023", "2023-06");
    S_expect(r, "more than 14 years", "P14Y");
    S_expect(r, "Earlier this year", "2023");
    long i = S_find(r, "more than 14 years");
    assert_string_equal(r->timexes[i].mod, "MORE_THAN");
    assert_int_equal(r->timexes[i].type, CX_DURATION);
    /* text order, spans in code points equal bytes for ASCII */
    for (size_t k = 1; k < r->n_timexes; k++)
        assert_true(r->timexes[k].span.start >= r->timexes[k - 1].span.end);
    cx_result_free(r);
}

/* The clause's tense when nothing before the date tells it: the verb
 * after it ("In January, the mill closed"), an adjective in -ed is no
 * verb ("a yet unnamed day in January"), a new clause after the date has
 * its own tense, and a bare participle before it ("a parade planned for
 * Saturday") yields to the verb after it. */
static void test_tense_after(void **state)
{
    (void)state;
    const char *dct = "2021-10-20"; /* a Wednesday */
    struct {
        const char *text, *expr, *value;
    } rows[] = {
        {"Profits fell sharply. In January, the mill closed its doors.", "January", "2021-01"},
        {"Profits fell sharply. In January, the mill will close its doors.", "January",
         "2022-01"},
        {"Profits fell sharply. In January, the mill took on staff.", "January", "2021-01"},
        /* the verb after a long subject: 21 words on */
        {"In January, a week after the 40th anniversary of the founding of the city's "
         "oldest school, a fire in the main hall destroyed its library.",
         "January", "2021-01"},
        {"The dividend would be paid on a yet unnamed day in January.", "January", "2022-01"},
        {"The union issued a short letter Monday saying the strike will end.", "Monday",
         "2021-10-18"},
        {"A parade planned for Saturday was called off by the council.", "Saturday",
         "2021-10-16"},
        {"A parade planned for Saturday will draw big crowds.", "Saturday", "2021-10-23"},
        {"The parade is planned for Saturday.", "Saturday", "2021-10-23"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        cx_result *r = S_run(rows[i].text, dct, 0);
        long k = S_find(r, rows[i].expr);
        if (k < 0 || strcmp(r->timexes[k].value, rows[i].value) != 0)
            fail_msg("%s: '%s' is %s, want %s", rows[i].text, rows[i].expr,
                     k < 0 ? "missing" : r->timexes[k].value, rows[i].value);
        cx_result_free(r);
    }
}

/* Rules that read the clause or the text around an expression; each row
 * fails without its rule. */
static void test_context_rules(void **state)
{
    (void)state;
    struct {
        const char *text, *dct, *expr, *value;
        int type;
    } rows[] = {
        /* a past verb after a pronoun subject, however far back */
        {"The board named Ann Lee to succeed Tom Ames, who stepped down as its chairman "
         "and chief executive in March.",
         "2023-11-02", "March", "2023-03", D},
        /* ... but not before "to": the date may be what was agreed */
        {"The plant went to Acme, which agreed to buy the mill in February.", "2023-11-02",
         "February", "2024-02", D},
        /* a verb of a schedule in the present looks ahead; not a noun */
        {"The two ministers meet separately Monday with the envoy.", J, "Monday", "2023-06-05",
         D},
        {"The committee meets on Tuesday to weigh the bill.", J, "Tuesday", "2023-06-06", D},
        {"The ministers did not meet Monday as planned.", J, "Monday", "2023-05-29", D},
        {"In a vote Tuesday, the senators backed the bill.", J, "Tuesday", "2023-05-30", D},
        /* "plans to" after the date; "and" inside a name is no new clause */
        {"On Tuesday, the league plans to hold a hearing.", J, "Tuesday", "2023-06-06", D},
        {"On Tuesday, the Food and Drug Administration will rule on the drug.", J, "Tuesday",
         "2023-06-06", D},
        /* the previous or following weekday of the day last named */
        {"The index closed at 2,000 on Friday, down 4% from the previous Friday.", "2023-06-05",
         "the previous Friday", "2023-05-26", D},
        {"The talks opened on Tuesday, June 6, and ended the following Friday.", "2023-06-20",
         "the following Friday", "2023-06-09", D},
        /* overnight: the night before the day in talk, else the anchor's */
        {"London shares fell on Friday after overnight losses in Tokyo.", "2023-06-05",
         "overnight", "2023-06-01TNI", T},
        {"Oil prices rose overnight.", J, "overnight", "2023-05-31TNI", T},
        /* a weekday joined to a weekday set is one of the set */
        {"Two flights leave on Monday and Tuesday nights.", J, "Monday", "XXXX-WXX-1TNI", S},
        {"The shop opens every Monday and Thursday.", J, "Thursday", "XXXX-WXX-4", S},
        /* the date's own past verb right before it: not a day to come */
        {"The offer expired Oct. 31, the company said.", "2023-10-27", "Oct. 31", "2022-10-31",
         D},
        /* a year-earlier span is written as the span */
        {"Net for the year-ago six months was lower.", "1989-10-27", "the year-ago six months",
         "P6M", U},
        {"For the nine months, net rose 5%. In the year-earlier period, net was flat.",
         "1989-10-27", "the year-earlier period", "P9M", U},
        /* "after"/"before" right after a length of time places the date
         * and opens no clause: the verb after it still tells the tense */
        {"In May, days after the vote, the council approved the plan.", "1999-01-10", "May",
         "1998-05", D},
        {"In May, shortly before the vote, the council approved the plan.", "1999-01-10", "May",
         "1998-05", D},
        /* years later: from the date last named, not the anchor */
        {"The firm was founded in 1998. Two years later, it went public.", J, "Two years later",
         "2000", D},
        {"He moved to Paris in June 2010 and a year later to Rome.", J, "a year later", "2011",
         D},
        /* "until" after a past verb is over; after a delay it is to come */
        {"The strike lasted until Tuesday.", J, "Tuesday", "2023-05-30", D},
        {"The vote was postponed until Tuesday.", J, "Tuesday", "2023-06-06", D},
        /* "through" a weekday with no past verb: to come */
        {"The festival runs through Sunday.", J, "Sunday", "2023-06-04", D},
        {"The festival ran through Sunday.", J, "Sunday", "2023-05-28", D},
        /* a present "is"/"are" right before the date: a day set */
        {"The summit is Nov. 5.", J, "Nov. 5", "2023-11-05", D},
        {"The vote is on Tuesday.", J, "Tuesday", "2023-06-06", D},
        /* a day span in a month with "to": both ends; "to 5 p.m." is none */
        {"The fair runs from Sept. 12 to 15.", J, "15", "2023-09-15", D},
        {"Open June 1 to 5 p.m. daily.", J, "5 p.m.", "2023-06-01T17:00", T},
        /* "2pm." at a sentence's end: the period is the sentence's */
        {"The game is at 2pm.", J, "2pm", "2023-06-01T14:00", T},
        {"The game is at 2 p.m.", J, "2 p.m.", "2023-06-01T14:00", T},
        /* a weekday range runs forward: "from Monday through Friday" */
        {"Talks ran from Monday through Friday last week.", J, "Monday", "2023-05-22", D},
        {"Talks ran from Monday through Friday last week.", J, "Friday", "2023-05-26", D},
        {"The fair will run from Friday to Monday.", J, "Monday", "2023-06-05", D},
        /* a scheduling verb in the present looks ahead, also with its
         * object between ("takes effect", "kicks off") */
        {"The law takes effect on Jan. 1.", "2024-03-15", "Jan. 1", "2025-01-01", D},
        {"The law took effect on Jan. 1.", "2024-03-15", "Jan. 1", "2024-01-01", D},
        {"The show airs Tuesday.", "2024-03-15", "Tuesday", "2024-03-19", D},
        {"He said Monday it takes time.", "2024-03-15", "Monday", "2024-03-11", D},
        /* a quarter pinned by its end: the last such day not after the
         * anchor; a fiscal quarter is the calendar one holding two of its
         * months; an ambiguous month after "ended" is still a month */
        {"In the quarter ended July 31, it had 5.6 million shares.", "1989-10-27",
         "the quarter", "1989-Q2", D},
        {"For the quarter ended Oct. 31, it lost money.", "1989-10-27", "the quarter",
         "1988-Q3", D},
        {"For the quarter ended Jan. 31, it lost money.", "1989-10-27", "the quarter",
         "1988-Q4", D},
        {"For the quarter ended June 30, it lost money.", "1989-10-27", "the quarter",
         "1989-Q2", D},
        /* "the latest period" of a report is its quarter */
        {"Net rose in the third quarter. Sales in the latest period rose.", "1989-11-02",
         "the latest period", "1989-Q3", D},
        {"Sales in the most recent period ended Sept. 30 rose.", "1989-11-02",
         "the most recent period", "1989-Q3", D},
        /* a quarter named by its number takes the year of its end day */
        {"The second quarter ended Oct. 31, it lost money.", "1989-10-27", "The second quarter",
         "1988-Q2", D},
        {"Results for that quarter included a charge, after the second quarter ended "
         "Oct. 31.",
         "1989-10-27", "the second quarter", "1988-Q2", D},
        {"Its fourth quarter ended Sept. 30 was weak.", "1989-11-02", "fourth quarter",
         "1989-Q4", D},
        {"The third quarter ending Dec. 31 will be weak.", "1989-11-02", "The third quarter",
         "1989-Q3", D},
        /* a past verb further back in the clause: a month "in" which it
         * happened is gone by, not one to come ("for November
         * transactions" looks ahead; so does a clause that "will") */
        {"The operator changed its name in December.", "1989-10-27", "December", "1988-12", D},
        {"The club switched its accounts to a calendar year in December.", "1989-10-27",
         "December", "1988-12", D},
        {"Dealers placed heavy orders for November transactions.", "1989-10-27", "November",
         "1989-11", D},
        {"The operator said it will change its name in December.", "1989-10-27", "December",
         "1989-12", D},
        {"The operator changed its name in September.", "1989-10-27", "September", "1989-09",
         D},
        /* a month between a determiner and a small word modifies a noun */
        {"It sells itself under a June agreement with holders.", "1989-10-27", "June",
         "1989-06", D},
        {"The bank said the May elections were close.", "1989-10-27", "May", "1989-05", D},
        /* "May" before "be", "not", "also" is the modal, but not after "in"
         * nor after "last" */
        {"This May has been wet.", "1989-10-27", "This May", "1989-05", D},
        {"In May also the price rose.", "1989-10-27", "May", "1989-05", D},
        {"Last May not one plane landed.", "1989-10-27", "Last May", "1989-05", D},
        /* "the 1988 period" after a span of months is that span's year */
        {"In the nine months, net was $3 million, against $2 million in the 1988 period.",
         "1989-11-02", "the 1988 period", "1988", D},
        {"In the quarter, net was $3 million, against $2 million in the 1988 period.",
         "1989-11-02", "the 1988 period", "1988-Q3", D},
        /* "fiscal" before a hyphened quarter is part of it */
        {"It posted a profit for the fiscal second-quarter of $3.1 million.", "1989-10-26",
         "fiscal second-quarter", "1989-Q2", D},
        /* "the year" alone is the year in talk: the anchor's, or one a
         * date just before spelled out; not "the year before" nor a title */
        {"Revenue for the full year was $2.4 billion.", "1989-11-02", "the full year", "1989",
         D},
        {"It hit a high for the year of $42 in June.", "1989-11-02", "the year", "1989", D},
        {"They met in 1995. During the year, he left.", "1989-11-02", "the year", "1995", D},
        {"It fell below the year-earlier $4.5 million. Earnings will drop for the fiscal year.",
         "1989-11-02", "the fiscal year", "1989", D},
        /* "the past decade" is the ten years up to now; "the last" may be the 1980s */
        {"Threats had become routine over the past decade.", "1998-10-25", "the past decade",
         "P10Y", U},
        {"Wages fell in the last decade.", "1998-10-25", "the last decade", "198", D},
        /* "in" a number of units in a clause that looks ahead: that far on */
        {"The notes would be repaid in five years.", "1989-10-26", "five years", "1994", D},
        {"The museum will reopen in 18 months.", "1989-10-26", "18 months", "1991-04", D},
        {"The bank must sell the bonds within five years.", "1989-10-26", "five years", "P5Y",
         U},
        {"His second letter in two weeks was published.", "1989-10-26", "two weeks", "P2W", U},
        /* a quarter not yet begun, in a past clause, is last year's */
        {"Sales fell in the third quarter.", J, "the third quarter", "2022-Q3", D},
        {"Sales will rise in the third quarter.", J, "the third quarter", "2023-Q3", D},
        /* holidays are names: in lower case they are any such day */
        {"It was a black Friday for stocks, he said Friday.", J, "Friday", "2023-05-26", D},
        {"Stocks rose since year-end.", "1989-10-30", "year-end", "1988-12-31", D},
        {"No 1530 GMT figure was given; 1530 was the year.", J, "1530 GMT", "2023-06-01T15:30Z",
         T},
        /* "MONTH of next year": the month takes the year, each is tagged */
        {"Franchises end after October of next year.", "2009-05-15", "October", "2010-10", D},
        {"Franchises end after October of next year.", "2009-05-15", "next year", "2010", D},
        {"It closed in March of last year.", "2009-05-15", "March", "2008-03", D},
        /* ordinal quarters in the plural are those of any year */
        {"Most sales come in the second and fourth quarters.", "1989-10-26", "fourth quarters",
         "XXXX-Q4", D},
        {"Profit fell in the third quarters of 1988 and 1989.", "1989-10-26",
         "the third quarters of 1988", "1988-Q3", D},
        {"Sales peak in the first and second halves.", "1989-10-26", "second halves", "XXXX-H2",
         D},
        /* a year named by its end is a span */
        {"Sales were $5 million in the year ended March 31.", "1989-10-27", "the year", "P1Y",
         U},
        /* the near, short or long term as a noun is the future */
        {"We see no relief in the near term.", J, "the near term", "FUTURE_REF", D},
        {"Jobs will be safe for the long term, he said.", J, "the long term", "FUTURE_REF", D},
        /* U.S. Election Day: the Tuesday after the first Monday of November */
        {"Polls close at 8 p.m. on Election Day.", "2022-10-20", "Election Day", "2022-11-08",
         D},
        /* seconds are written as measured, not rounded */
        {"She won the sprint in 10.87 seconds.", J, "10.87 seconds", "PT10.87S", U},
        {"The gap was 04.55 seconds.", J, "04.55 seconds", "PT4.55S", U},
        /* half a unit */
        {"The mill stood for half a century.", J, "half a century", "P50Y", U},
        {"He waited for half an hour.", J, "half an hour", "PT30M", U},
        {"Half a decade later the mill was sold.", J, "Half a decade later", "2028", D},
        {"The mill closed a year and a half ago.", J, "a year and a half ago", "2021-12", D},
        /* "likely to" looks ahead as "plans to" does */
        {"He was likely to fly home on Saturday, aides said.", J, "Saturday", "2023-06-03", D},
        /* a journey in the present tense is to come */
        {"The envoy leaves Cairo on Monday for talks.", J, "Monday", "2023-06-05", D},
        /* "that" before "next week" is a conjunction, not part of the date */
        {"Dealers said on Friday that next week would be calm.", J, "next week", "2023-W23", D},
        /* a month before a traded good is a delivery month, to come */
        {"December cotton closed 0.95 cent higher.", "1996-08-29", "December", "1996-12", D},
        /* a half of the year in business news, with no game in sight */
        {"He expects a stronger second half but will miss the annual profit goal.",
         "1996-08-30", "second half", "1996-H2", D},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        cx_result *r = S_run(rows[i].text, rows[i].dct, 0);
        long k = S_find(r, rows[i].expr);
        if (k < 0 || strcmp(r->timexes[k].value, rows[i].value) != 0 ||
            (int)r->timexes[k].type != rows[i].type) {
            fprintf(stderr, "  %s: '%s' is %s (%d), want %s (%d)\n", rows[i].text, rows[i].expr,
                    k < 0 ? "missing" : r->timexes[k].value,
                    k < 0 ? -1 : (int)r->timexes[k].type, rows[i].value, rows[i].type);
            bad++;
        }
        cx_result_free(r);
    }
    assert_int_equal(bad, 0);
}

static void test_modifiers(void **state)
{
    (void)state;
    cx_result *r = S_run("Sales fell in early 1990, rose in mid-1996 and in late "
                         "November, for about two weeks, at least 30 days and "
                         "less than an hour.",
                         "1999-12-10", 0);
    S_expect(r, "early 1990", "1990");
    assert_string_equal(r->timexes[S_find(r, "early 1990")].mod, "START");
    S_expect(r, "mid-1996", "1996");
    assert_string_equal(r->timexes[S_find(r, "mid-1996")].mod, "MID");
    S_expect(r, "late November", "1999-11");
    assert_string_equal(r->timexes[S_find(r, "late November")].mod, "END");
    assert_string_equal(r->timexes[S_find(r, "about two weeks")].mod, "APPROX");
    assert_string_equal(r->timexes[S_find(r, "at least 30 days")].mod, "EQUAL_OR_MORE");
    assert_string_equal(r->timexes[S_find(r, "less than an hour")].mod, "LESS_THAN");
    cx_result_free(r);
}

static void test_ranges(void **state)
{
    (void)state;
    cx_result *r = S_run("Prices rose 2012\xE2\x80\x93"
                         "2022, from May to July, "
                         "between 1990 and 2000, and in 2009-2010.",
                         "2023-06-01", 0);
    long a = S_find(r, "2012"), b = S_find(r, "2022");
    assert_true(a >= 0 && b >= 0);
    assert_int_equal(r->timexes[a].range_with, b);
    assert_int_equal(r->timexes[b].range_with, a);
    long m = S_find(r, "May"), j = S_find(r, "July");
    assert_true(m >= 0 && j >= 0);
    assert_int_equal(r->timexes[m].range_with, j);
    long x = S_find(r, "1990"), y = S_find(r, "2000");
    assert_int_equal(r->timexes[x].range_with, y);
    S_expect(r, "2009", "2009");
    S_expect(r, "2010", "2010");
    assert_int_equal(r->timexes[S_find(r, "2009")].range_with, S_find(r, "2010"));
    cx_result_free(r);
    /* days of one month: each end a date, the year after them both's */
    r = S_run("The fair ran Aug. 30 - 31, 2022, and the summit runs June 1-3.", "2023-06-01",
              0);
    S_expect(r, "Aug. 30", "2022-08-30");
    S_expect(r, "31, 2022", "2022-08-31");
    S_expect(r, "June 1", "2023-06-01");
    S_expect(r, "3", "2023-06-03");
    assert_int_equal(r->timexes[S_find(r, "June 1")].range_with, S_find(r, "3"));
    cx_result_free(r);
    /* two days of a month joined by "and" are two dates, no span; not
     * when the second number counts something */
    r = S_run("The summit is on April 24 and 25. Talks were held on May 5 and 12 people "
              "died.",
              "1999-02-10", 0);
    S_expect(r, "April 24", "1999-04-24");
    S_expect(r, "25", "1999-04-25");
    assert_int_equal(r->timexes[S_find(r, "25")].range_with, -1);
    assert_int_equal(r->timexes[S_find(r, "April 24")].range_with, -1);
    assert_true(S_find(r, "12") < 0);
    cx_result_free(r);
    /* a two-digit end takes the century of the start, or the next one */
    r = S_run("The war of 1945-46 and the 1999-00 season.", "2023-06-01", 0);
    S_expect(r, "46", "1946");
    S_expect(r, "00", "2000");
    assert_int_equal(r->timexes[S_find(r, "1945")].range_with, S_find(r, "46"));
    cx_result_free(r);
    /* a span of hours: the first end takes the second's meridian and day,
     * or the other meridian when it would come after the second */
    r = S_run("Polls will be open between 2:30 and 4 p.m. Friday. They will open "
              "from 9-11 a.m. on Saturday. They will open 11 to 1 p.m. on Sunday.",
              "2023-06-01", 0);
    S_expect(r, "2:30", "2023-06-02T14:30");
    S_expect(r, "4 p.m. Friday", "2023-06-02T16:00");
    S_expect(r, "9", "2023-06-03T09:00");
    S_expect(r, "11 a.m. on Saturday", "2023-06-03T11:00");
    S_expect(r, "11", "2023-06-04T11:00");
    S_expect(r, "1 p.m. on Sunday", "2023-06-04T13:00");
    assert_int_equal(r->timexes[S_find(r, "2:30")].range_with, S_find(r, "4 p.m. Friday"));
    assert_int_equal(r->timexes[S_find(r, "9")].range_with, S_find(r, "11 a.m. on Saturday"));
    assert_int_equal(r->timexes[S_find(r, "11")].range_with, S_find(r, "1 p.m. on Sunday"));
    cx_result_free(r);
    /* no span: a price or an amount before the time */
    r = S_run("It cost $5-6 p.m. traders said, up 1.5 to 3 p.m.", "2023-06-01", 0);
    assert_true(S_find(r, "5") < 0 && S_find(r, "6 p.m.") < 0);
    assert_true(S_find(r, "1.5") < 0 && S_find(r, "5") < 0);
    S_expect(r, "3 p.m.", "2023-06-01T15:00");
    cx_result_free(r);
}

static void test_not_dates(void **state)
{
    (void)state;
    cx_result *r = S_run("May I ask? Theresa May said it may rain. They March on. "
                         "This May be true. That May not last. May be so. "
                         "The Boeing 737 and 1,200 people, 3.2000 tons, $2019 paid, "
                         "Windows 95 and the Airbus A380, a 6-year-old boy, "
                         "as soon as possible, a quarter of voters, $5 million a year, "
                         "the long-term debt, a short term in office, on election day, "
                         "the March of Dimes, Man of the Year, the year before.\n"
                         "4. Jan Vos (Belgium) Team Alpha 1:16 5. Per Berg (Norway) 2:05.\n"
                         "They led 3-1 going into the last quarter. Rossi scored early in "
                         "the second half. Call 1-800-555-1995 or 555-2010. "
                         "Fires burned into the early hours, the wee hours. "
                         "Shares slid in after-hours trading; it took 900 man-hours. "
                         "The China Daily and the Daily Telegraph said so, as did "
                         "Business Weekly.",
                         "2023-06-01", 0);
    for (size_t i = 0; i < r->n_timexes; i++)
        fprintf(stderr, "  unexpected timex '%.*s'\n",
                (int)(r->timexes[i].span.end - r->timexes[i].span.start),
                r->text + r->timexes[i].span.start);
    assert_int_equal(r->n_timexes, 0);
    cx_result_free(r);
}

/* a frequency word is one still when capitalized at a sentence's start */
static void test_set_words(void **state)
{
    (void)state;
    cx_result *r = S_run("Daily rates rose. Rates are set weekly. The paper comes out "
                         "daily, the People's Daily said.",
                         "2023-06-01", 0);
    S_expect(r, "Daily", "P1D");
    S_expect(r, "weekly", "P1W");
    S_expect(r, "daily", "P1D");
    assert_int_equal(r->n_timexes, 3);
    cx_result_free(r);
}

static void test_in_name(void **state)
{
    (void)state;
    cx_result *r = S_run("The Belfer Center Cyber 2022 Power Index ranks Russia's "
                         "2024 election plans, and Euro 2016 was held in 2016.",
                         "2023-06-01", 0);
    long a = S_find(r, "2022"), b = S_find(r, "2024");
    assert_true(a >= 0 && b >= 0);
    assert_int_equal(r->timexes[a].in_name, 1);
    assert_int_equal(r->timexes[b].in_name, 0);
    long c = -1, d = -1;
    for (size_t i = 0; i < r->n_timexes; i++)
        if (!strcmp(r->timexes[i].value, "2016"))
            *(c < 0 ? &c : &d) = (long)i;
    assert_true(c >= 0 && d >= 0);
    assert_int_equal(r->timexes[c].in_name, 1);
    assert_int_equal(r->timexes[d].in_name, 0);
    cx_result_free(r);
}

static void test_tokenized_text(void **state)
{
    (void)state;
    cx_result *r = S_run("Ford said on June 07 , 2011 that sales in the U.S. . "
                         "fell 10 % last year .",
                         "2011-06-08", 0);
    S_expect(r, "June 07 , 2011", "2011-06-07");
    S_expect(r, "last year", "2010");
    cx_result_free(r);
}

static void test_dateline(void **state)
{
    (void)state;
    const char *text = "MOSCOW, June 1 (Reuters) - Russia said on Thursday that "
                       "thousands of phones were hacked. In June 2023 the FSB "
                       "said so; in 2019 it said otherwise.";
    cx_result *r = S_run(text, NULL, 1);
    assert_int_equal(r->dct_source, CX_DCT_DATELINE);
    assert_string_equal(r->dct, "2023-06-01");
    S_expect(r, "June 1", "2023-06-01");
    S_expect(r, "Thursday", "2023-06-01");
    cx_result_free(r);
    /* without the dateline option, nothing anchors the text */
    r = S_run(text, NULL, 0);
    assert_int_equal(r->dct_source, CX_DCT_NONE);
    S_expect(r, "Thursday", "XXXX-WXX-4");
    cx_result_free(r);
    /* a date line at the top */
    r = S_run("Storm hits coast\nMarch 06, 2008\n\nThe storm hit on Tuesday.", NULL, 1);
    assert_string_equal(r->dct, "2008-03-06");
    S_expect(r, "Tuesday", "2008-03-04");
    cx_result_free(r);
    r = S_run("LONDON 1996-08-30\n\nShares fell on Thursday.", NULL, 1);
    assert_string_equal(r->dct, "1996-08-30");
    S_expect(r, "Thursday", "1996-08-29");
    cx_result_free(r);
    /* the option wins over a dateline */
    r = S_run(text, "2020-01-01", 1);
    assert_int_equal(r->dct_source, CX_DCT_OPTION);
    cx_result_free(r);
    /* "03-02-2009" is read month first, unless the text's date line (with
     * or without the dateline option) has the day first; a warning says so */
    const char *sales = "Car sales fell\nFebruary 03, 2009\nSales fell last month.";
    r = S_run(sales, "03-02-2009", 0);
    assert_string_equal(r->dct, "2009-02-03");
    S_expect(r, "last month", "2009-01");
    assert_int_equal(r->n_warnings, 1);
    cx_result_free(r);
    r = S_run("Car sales fell\nMarch 2, 2009\nSales fell last month.", "03-02-2009", 0);
    assert_string_equal(r->dct, "2009-03-02");
    assert_int_equal(r->n_warnings, 0);
    cx_result_free(r);
    r = S_run("Sales fell last month.", "03-02-2009", 0);
    assert_string_equal(r->dct, "2009-03-02");
    cx_result_free(r);
    r = S_run(sales, "2009-03-02", 0); /* ISO is never swapped */
    assert_string_equal(r->dct, "2009-03-02");
    cx_result_free(r);
}

/* The text's own date line is the document's date (TIMEX3 CREATION_TIME);
 * alone in its sentence it tells no event, a lead in the same sentence
 * does unless the lead has its own date. A date ending a sentence's line
 * is no date line. */
static void test_date_line_is_creation_time(void **state)
{
    (void)state;
    static const struct {
        const char *text, *dct, *date;
        int creation, told, others; /* events of the date, of other dates */
    } cases[] = {
        {"LONDON 1996-08-30\n\nShares fell on Thursday.", NULL, "1996-08-30", 1, 0, 1},
        {"Storm hits coast\nMarch 06, 2008\n\nThe storm hit on Tuesday.", "2008-03-07",
         "March 06, 2008", 1, 0, 1},
        /* a month and day under a given date: the year is the date's */
        {"HANOI, May 3 (Xinhua) -- Vietnam said on Tuesday it would sign.", "2004-05-03",
         "May 3", 1, 0, 1},
        {"MADISON , Wisconsin 2004-03-12\nThe team won on Wednesday.", "2004-03-12",
         "2004-03-12", 1, 0, 1},
        {"MOSCOW, June 1 (Reuters) \xE2\x80\x93 Russia said it had found a spy ring.",
         "2023-06-01", "June 1", 1, 1, 0},
        /* lower-case words before it: a sentence, not a date line */
        {"The results are due on June 5, 2023\nand the board meets on Tuesday.", "2023-06-01",
         "June 5, 2023", 0, 1, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cx_result *r = S_run(cases[i].text, cases[i].dct, 1);
        long k = S_find(r, cases[i].date);
        assert_true(k >= 0);
        assert_int_equal(r->timexes[k].creation, cases[i].creation);
        int told = 0, others = 0;
        for (size_t e = 0; e < r->n_events; e++) {
            told += r->events[e].timex == (size_t)k;
            others += r->events[e].timex != (size_t)k;
        }
        assert_int_equal(told, cases[i].told);
        assert_int_equal(others, cases[i].others);
        char *json = cx_result_to_json(r, NULL, NULL, 0);
        assert_non_null(json);
        assert_int_equal(strstr(json, "\"function\":\"CREATION_TIME\"") != NULL,
                         cases[i].creation);
        free(json);
        cx_result_free(r);
    }
}

static void test_year_ago_context(void **state)
{
    (void)state;
    cx_result *r = S_run("Net income in the third quarter rose 5% from a year earlier. "
                         "The quarter was strong.",
                         "1989-10-26", 0);
    S_expect(r, "the third quarter", "1989-Q3");
    S_expect(r, "a year earlier", "1988-Q3");
    S_expect(r, "The quarter", "1989-Q3");
    cx_result_free(r);
    /* a quarter compared with its year-ago self, or one a results verb
     * reports, is what the text is about from there on */
    r = S_run("Acme posted a gain in third-quarter net. Separately, Zeta said "
              "second-quarter net rose to $5 million from $4 million a year earlier. "
              "Year-earlier results included a charge.",
              "1989-10-26", 0);
    S_expect(r, "Year-earlier", "1988-Q2");
    cx_result_free(r);
    r = S_run("Acme posted a gain in third-quarter net. Separately, Zeta reported net "
              "income for the fiscal second quarter of $8.6 million. The latest period "
              "includes a gain.",
              "1989-10-26", 0);
    S_expect(r, "The latest period", "1989-Q2");
    cx_result_free(r);
    r = S_run("Acme posted a gain in third-quarter net, after a flat second quarter. "
              "The latest period includes a gain.",
              "1989-10-26", 0);
    S_expect(r, "The latest period", "1989-Q3");
    cx_result_free(r);
    /* regression: the year-ago comparison is the 17th expression, so its
     * push moves the vector (16 slots at first); the quarter before it
     * must be read from the moved block (ASan saw a use after free) */
    r = S_run("Acme posted a gain in second-quarter net. Prices rose in 1970, 1971, 1972, "
              "1973, 1974, 1975, 1976, 1977, 1978, 1979, 1980, 1981, 1982 and 1983. "
              "Zeta said third-quarter net rose to $5 million from $4 million a year "
              "earlier. Year-earlier results included a charge.",
              "1989-10-26", 0);
    assert_true(r->n_timexes >= 17);
    S_expect(r, "a year earlier", "1988-Q3");
    S_expect(r, "Year-earlier", "1988-Q3");
    cx_result_free(r);
}

/* Many date-like strings and long digit runs: every date found, no crash
 * (tests assert no times; bench/ measures the speed). */
static void test_many_dates(void **state)
{
    (void)state;
    size_t n = 200000, len = 0;
    char *text = malloc(n * 16 + 1);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(text + len, i % 2 ? "June %zu, 2023 " : "%zu 1990 ",
                               i % 2 ? i % 28 + 1 : i % 1000);
    cx_opts o = cx_opts_default();
    o.dct = "2023-06-01";
    cx_result *r = NULL;
    assert_int_equal(cx_extract(S_ctx, text, len, &o, &r), CX_OK);
    assert_true(r->n_timexes >= n / 2);
    cx_result_free(r);
    memset(text, '1', n * 8);
    assert_int_equal(cx_extract(S_ctx, text, n * 8, &o, &r), CX_OK);
    assert_int_equal(r->n_timexes, 0);
    cx_result_free(r);
    free(text);
}

/* cx_opts.timings fills cx_result.stage_seconds and changes nothing
 * else; without it they stay 0 (no clock is read). Asserts no speed. */
static void test_stage_timings(void **state)
{
    (void)state;
    static const char text[] = "Kaspersky Lab said on Thursday that the attack began in 2019.";
    cx_opts o = cx_opts_default();
    o.dct = "2023-06-01";
    cx_result *plain = NULL, *timed = NULL;
    assert_int_equal(cx_extract(S_ctx, text, strlen(text), &o, &plain), CX_OK);
    o.timings = 1;
    assert_int_equal(cx_extract(S_ctx, text, strlen(text), &o, &timed), CX_OK);
    double sum = 0;
    for (int k = 0; k < CX_NSTAGE; k++) {
        assert_true(plain->stage_seconds[k] == 0);
        assert_true(timed->stage_seconds[k] >= 0);
        sum += timed->stage_seconds[k];
        assert_non_null(cx_stage_name(k));
        for (int j = 0; j < k; j++)
            assert_string_not_equal(cx_stage_name(j), cx_stage_name(k));
    }
    assert_true(sum > 0);
    assert_null(cx_stage_name(CX_NSTAGE));
    assert_null(cx_stage_name(-1));
    assert_string_equal(cx_stage_name(CX_STAGE_DATES), "dates");
    assert_int_equal(timed->n_timexes, plain->n_timexes);
    assert_int_equal(timed->n_entities, plain->n_entities);
    assert_int_equal(timed->n_events, plain->n_events);
    assert_true(plain->n_timexes >= 2);
    cx_result_free(plain);
    cx_result_free(timed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_size),
        cmocka_unit_test(test_normalize_table),
        cmocka_unit_test(test_normalize_args),
        cmocka_unit_test(test_extract_sentences),
        cmocka_unit_test(test_tense_after),
        cmocka_unit_test(test_context_rules),
        cmocka_unit_test(test_modifiers),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_not_dates),
        cmocka_unit_test(test_set_words),
        cmocka_unit_test(test_in_name),
        cmocka_unit_test(test_tokenized_text),
        cmocka_unit_test(test_dateline),
        cmocka_unit_test(test_date_line_is_creation_time),
        cmocka_unit_test(test_year_ago_context),
        cmocka_unit_test(test_many_dates),
        cmocka_unit_test(test_stage_timings),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
