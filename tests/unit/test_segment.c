/* segment: tokens and sentences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "segment_int.h"

typedef struct {
    cx_doc doc;
    cx_seg seg;
} fixture;

static void S_load(fixture *f, const char *t)
{
    assert_int_equal(cx_doc_init(&f->doc, t, strlen(t)), CX_OK);
    assert_int_equal(cx_segment(&f->doc, &f->seg), CX_OK);
}

static void S_free(fixture *f)
{
    cx_seg_fini(&f->seg);
    cx_doc_fini(&f->doc);
}

/* The tokens joined by '|'. */
static const char *S_toks(fixture *f, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < f->seg.ntok && n + 2 < cap; i++) {
        const cx_tok *t = &f->seg.toks[i];
        n += (size_t)snprintf(buf + n, cap - n, "%s%.*s", i ? "|" : "",
                              (int)(t->end - t->start), f->doc.text + t->start);
    }
    return buf;
}

static void test_words_and_punct(void **state)
{
    (void)state;
    fixture f;
    char b[512];
    S_load(&f, "Moscow-based Kaspersky Lab said, \"no.\"");
    assert_string_equal(S_toks(&f, b, sizeof b),
                        "Moscow|-|based|Kaspersky|Lab|said|,|\"|no|.|\"");
    assert_true(f.seg.toks[0].flags & CX_TOK_CAP);
    assert_false(f.seg.toks[1].flags & CX_TOK_SPACE);
    assert_true(f.seg.toks[3].flags & CX_TOK_SPACE);
    S_free(&f);
}

static void test_possessive_split(void **state)
{
    (void)state;
    fixture f;
    char b[512];
    S_load(&f, "Russia\xE2\x80\x99s FSB and Apple 's staff, O'Neil's don't");
    assert_string_equal(S_toks(&f, b, sizeof b),
                        "Russia|\xE2\x80\x99s|FSB|and|Apple|'s|staff|,|O'Neil|'s|don't");
    assert_true(f.seg.toks[2].flags & CX_TOK_UPPER);
    S_free(&f);
}

static void test_abbreviations(void **state)
{
    (void)state;
    fixture f;
    char b[512];
    S_load(&f, "The U.S. government and Apple Inc. devices at 10 a.m. today.");
    assert_string_equal(S_toks(&f, b, sizeof b),
                        "The|U.S.|government|and|Apple|Inc.|devices|at|10|a.m.|today|.");
    assert_int_equal(f.seg.nsent, 1);
    assert_true(f.seg.toks[1].flags & CX_TOK_ABBR);
    S_free(&f);
    /* parts of one or two letters, each with its period, however many */
    S_load(&f, "J.R.R. Smith of V.O.S. Selections and Tarvel S.p.A. left the U.S.A. today.");
    assert_string_equal(S_toks(&f, b, sizeof b), "J.R.R.|Smith|of|V.O.S.|Selections|and|Tarvel|"
                                                 "S.p.A.|left|the|U.S.A.|today|.");
    assert_int_equal(f.seg.nsent, 1);
    S_free(&f);
}

static void test_numbers(void **state)
{
    (void)state;
    fixture f;
    char b[512];
    S_load(&f, "1,200 people on 06/01/2023 at 10:30 in the 1990s (2012\xE2\x80\x93"
               "2022).");
    assert_string_equal(
        S_toks(&f, b, sizeof b),
        "1,200|people|on|06/01/2023|at|10:30|in|the|1990s|(|2012|\xE2\x80\x93|2022|)|.");
    assert_true(f.seg.toks[0].flags & CX_TOK_NUM);
    S_free(&f);
}

static void test_sentences(void **state)
{
    (void)state;
    fixture f;
    S_load(
        &f,
        "He left. She stayed in the U.S. for years.\nA new line\n\n\"Quoted,\" he said. 2019 was hard.");
    assert_int_equal(f.seg.nsent, 5);
    assert_memory_equal(f.doc.text + f.seg.sents[0].start, "He left.", 8);
    assert_memory_equal(f.doc.text + f.seg.sents[1].start, "She stayed", 10);
    assert_int_equal(f.seg.sents[1].end - f.seg.sents[1].start,
                     strlen("She stayed in the U.S. for years."));
    assert_memory_equal(f.doc.text + f.seg.sents[4].start, "2019 was", 8);
    S_free(&f);
}

static void test_no_break_after_title(void **state)
{
    (void)state;
    fixture f;
    S_load(&f, "Mr. Smith met Dr. Jones and J. Doe.");
    assert_int_equal(f.seg.nsent, 1);
    S_free(&f);
}

static void test_headline_flag(void **state)
{
    (void)state;
    fixture f;
    S_load(&f,
           "Moscow Says Spies Invaded Apple Phones\nThe phones were hacked, officials said.");
    assert_int_equal(f.seg.nsent, 2);
    assert_true(f.seg.toks[0].flags & CX_TOK_HEADLINE);
    assert_false(f.seg.toks[f.seg.sents[1].tok_first].flags & CX_TOK_HEADLINE);
    S_free(&f);
}

static void test_sentence_start_and_quotes(void **state)
{
    (void)state;
    fixture f;
    S_load(
        &f,
        "\xE2\x80\x9CWe never will,\xE2\x80\x9D the company said. \xE2\x80\x9CNo.\xE2\x80\x9D");
    assert_int_equal(f.seg.nsent, 2);
    assert_true(f.seg.toks[1].flags & CX_TOK_SSTART);
    S_free(&f);
}

static void test_tok_at(void **state)
{
    (void)state;
    fixture f;
    S_load(&f, "a bb ccc");
    assert_int_equal(cx_seg_tok_at(&f.seg, 0), 0);
    assert_int_equal(cx_seg_tok_at(&f.seg, 2), 1);
    assert_int_equal(cx_seg_tok_at(&f.seg, 3), 2);
    assert_int_equal(cx_seg_tok_at(&f.seg, 100), 3);
    S_free(&f);
}

static void test_empty_and_blank(void **state)
{
    (void)state;
    fixture f;
    S_load(&f, "  \n\t \r\n");
    assert_int_equal(f.seg.ntok, 0);
    assert_int_equal(f.seg.nsent, 0);
    S_free(&f);
}

/* The abbreviation table, as the lists it replaced gave it. */
static void test_abbrev_table(void **state)
{
    (void)state;
    static const char *const abbrev[] = {
        "mr",   "mrs",  "ms",    "dr",     "prof", "sen",   "rep",  "gov", "gen",    "col",
        "lt",   "sgt",  "capt",  "cmdr",   "adm",  "maj",   "st",   "jr",  "sr",     "inc",
        "corp", "co",   "ltd",   "bros",   "plc",  "vs",    "etc",  "jan", "feb",    "mar",
        "apr",  "jun",  "jul",   "aug",    "sep",  "sept",  "oct",  "nov", "dec",    "mon",
        "tue",  "tues", "wed",   "thu",    "thur", "thurs", "fri",  "sat", "sun",    "no",
        "nos",  "mt",   "ft",    "ave",    "blvd", "dept",  "univ", "est", "approx", "fig",
        "vol",  "rev",  "hon",   "messrs", "e.g",  "i.e",   "a.m",  "p.m", "u.s",    "u.k",
        "u.n",  "d.c",  "u.s.a", "n.y",    NULL};
    static const char *const nobreak[] = {"mr",  "mrs",  "ms",  "dr",  "prof",   "sen",  "rep",
                                          "gov", "gen",  "col", "lt",  "sgt",    "capt", "cmdr",
                                          "adm", "maj",  "st",  "hon", "messrs", "no",   "vs",
                                          "jan", "feb",  "mar", "apr", "jun",    "jul",  "aug",
                                          "sep", "sept", "oct", "nov", "dec",    NULL};
    for (size_t i = 0; abbrev[i]; i++) {
        char up[8];
        size_t n = strlen(abbrev[i]);
        for (size_t k = 0; k <= n; k++)
            up[k] = (char)(abbrev[i][k] >= 'a' && abbrev[i][k] <= 'z' ? abbrev[i][k] - 32
                                                                      : abbrev[i][k]);
        unsigned want = CX_SEG_ABBR;
        for (size_t k = 0; nobreak[k]; k++)
            if (strcmp(nobreak[k], abbrev[i]) == 0)
                want |= CX_SEG_NOBREAK;
        if (strcmp(abbrev[i], "no") == 0 || strcmp(abbrev[i], "nos") == 0)
            want |= CX_SEG_NUMBER;
        assert_int_equal(cx_seg_abbrev(abbrev[i], n), want);
        assert_int_equal(cx_seg_abbrev(up, n), want);
    }
    assert_int_equal(cx_seg_abbrev("said", 4), 0);
    assert_int_equal(cx_seg_abbrev("cor", 3), 0);
    assert_int_equal(cx_seg_abbrev("u.s.", 4), 0);
    assert_int_equal(cx_seg_abbrev("m", 1), 0);
    assert_int_equal(cx_seg_abbrev("Messrsx", 7), 0);
    assert_int_equal(cx_seg_abbrev("", 0), 0);
    assert_int_equal(cx_seg_abbrev("\xC3\xA9t", 3), 0);
    assert_int_equal(cx_seg_abbrev("1st", 3), 0);
}

/* A stop followed by closing quotes ends the sentence after them; a
 * period inside a number or before a glued word ends none. */
static void test_stops_and_closers(void **state)
{
    (void)state;
    fixture f;
    S_load(&f, "He said \"Go.\") Then 3.5 percent of U.S.-led funds went.\"");
    assert_int_equal(f.seg.nsent, 2);
    assert_int_equal(f.seg.sents[0].tok_end, 7); /* He said " Go . " ) */
    assert_memory_equal(f.doc.text + f.seg.sents[1].start, "Then", 4);
    assert_int_equal(f.seg.sents[1].end, f.doc.len); /* the closing quote at the end */
    for (size_t i = 0; i < f.seg.ntok; i++)
        assert_int_equal(f.seg.toks[i].sent, i < 7 ? 0 : 1);
    assert_true(f.seg.toks[7].flags & CX_TOK_SSTART);
    S_free(&f);
    /* a weak stop (an abbreviation's period) needs a capital after it */
    S_load(&f, "They met Acme Inc. 2019 was good. Then");
    assert_int_equal(f.seg.nsent, 2);
    S_free(&f);
    /* "No." is an abbreviation only before a number */
    S_load(&f, "No. 5 said no. Then");
    assert_true(f.seg.toks[0].flags & CX_TOK_ABBR);
    assert_false(f.seg.toks[4].flags & CX_TOK_ABBR);
    assert_int_equal(f.seg.nsent, 2);
    S_free(&f);
}

/* After an abbreviation's period, only a word that opens sentences (an
 * article, a pronoun, a conjunction ...) or an opening quote starts a new
 * sentence; a capitalized name word goes on with it. */
static void test_abbreviation_then_capital(void **state)
{
    (void)state;
    fixture f;
    S_load(&f,
           "Officials at the U.S. Commerce Department met Apple Inc. Chief Executive Tim Cook "
           "at 9 a.m. Monday.");
    assert_int_equal(f.seg.nsent, 1);
    S_free(&f);
    S_load(&f, "The plant is in the U.S. The company said so. It left the U.K. \"We "
               "won,\" he said. Acme Corp. But not.");
    assert_int_equal(f.seg.nsent, 6);
    assert_memory_equal(f.doc.text + f.seg.sents[1].start, "The company", 11);
    assert_memory_equal(f.doc.text + f.seg.sents[3].start, "\"We", 3);
    assert_memory_equal(f.doc.text + f.seg.sents[5].start, "But not", 7);
    S_free(&f);
    /* a line break ends a sentence whatever follows */
    S_load(&f, "Made in the U.S.\nCommerce rose.");
    assert_int_equal(f.seg.nsent, 2);
    S_free(&f);
}

/* A sentence of names in Title Case that ends with a stop is no
 * headline; one with a word in capitals still is, as is one with no
 * stop. */
static void test_sentence_of_names(void **state)
{
    (void)state;
    fixture f;
    S_load(&f, "Chinese President Xi Jinping met Biden on Monday in Beijing.\n"
               "PRESS DIGEST - Sri Lanka - Aug 26.\n"
               "Chinese President Meets Biden In Beijing\n");
    assert_int_equal(f.seg.nsent, 3);
    assert_false(f.seg.toks[0].flags & CX_TOK_HEADLINE);
    assert_true(f.seg.toks[f.seg.sents[1].tok_first].flags & CX_TOK_HEADLINE);
    assert_true(f.seg.toks[f.seg.sents[2].tok_first].flags & CX_TOK_HEADLINE);
    S_free(&f);
}

/* A headline needs two longer words, all capitalized; short words do
 * not count. */
static void test_headline_counts(void **state)
{
    (void)state;
    fixture f;
    S_load(&f, "Apple Buys a Firm of Note\nApple buys it\nNATO\nWhat Next");
    assert_int_equal(f.seg.nsent, 4);
    assert_true(f.seg.toks[0].flags & CX_TOK_HEADLINE);
    assert_false(f.seg.toks[f.seg.sents[1].tok_first].flags & CX_TOK_HEADLINE);
    assert_false(f.seg.toks[f.seg.sents[2].tok_first].flags & CX_TOK_HEADLINE); /* one word */
    assert_true(f.seg.toks[f.seg.sents[3].tok_first].flags & CX_TOK_HEADLINE);
    assert_true(f.seg.toks[f.seg.sents[2].tok_first].flags & CX_TOK_UPPER);
    S_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_and_punct),
        cmocka_unit_test(test_possessive_split),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_no_break_after_title),
        cmocka_unit_test(test_headline_flag),
        cmocka_unit_test(test_sentence_start_and_quotes),
        cmocka_unit_test(test_tok_at),
        cmocka_unit_test(test_empty_and_blank),
        cmocka_unit_test(test_abbrev_table),
        cmocka_unit_test(test_stops_and_closers),
        cmocka_unit_test(test_abbreviation_then_capital),
        cmocka_unit_test(test_headline_counts),
        cmocka_unit_test(test_sentence_of_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
