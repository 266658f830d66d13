/* output: the document JSON contract. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include "chronex.h"

/* A hand-made result over "Russia’s FSB said \"hi\" in 2019." */
static cx_result *S_result(void)
{
    static const char text[] = "Russia\xE2\x80\x99s FSB said \"hi\" in 2019.";
    cx_result *r = calloc(1, sizeof *r);
    r->text = strdup(text);
    r->text_len = strlen(text);
    strcpy(r->dct, "2023-06-01");
    r->dct_source = CX_DCT_OPTION;
    r->n_entities = 1;
    r->entities = calloc(1, sizeof *r->entities);
    r->entities[0].type = CX_ORGANIZATION;
    r->entities[0].name = strdup("Federal Security Service");
    r->entities[0].n_aliases = 1;
    r->entities[0].aliases = calloc(1, sizeof(char *));
    r->entities[0].aliases[0] = strdup("FSB");
    r->entities[0].n_mentions = 1;
    r->entities[0].mentions = calloc(1, sizeof(cx_mention));
    r->entities[0].mentions[0].span = (cx_span){11, 14, 9, 12};
    r->n_timexes = 1;
    r->timexes = calloc(1, sizeof *r->timexes);
    r->timexes[0].span = (cx_span){31, 35, 29, 33};
    r->timexes[0].type = CX_DATE;
    r->timexes[0].range_with = -1;
    strcpy(r->timexes[0].value, "2019");
    r->n_events = 1;
    r->events = calloc(1, sizeof *r->events);
    strcpy(r->events[0].date.value, "2019");
    cx_date_interval(&r->events[0].date);
    r->events[0].span = (cx_span){0, r->text_len, 0, 34};
    r->events[0].n_entities = 1;
    r->events[0].entities = calloc(1, sizeof(size_t));
    return r;
}

static void test_document_json(void **state)
{
    (void)state;
    cx_result *r = S_result();
    cx_doc_info info = {"d1", "in/d1.txt", "abc", "{\"url\":\"http://x\",\"id\":\"nope\"}"};
    char *s = cx_result_to_json(r, &info, NULL, 0);
    assert_non_null(s);
    cJSON *j = cJSON_Parse(s);
    assert_non_null(j);
    cJSON *doc = cJSON_GetObjectItem(j, "document");
    assert_string_equal(cJSON_GetObjectItem(doc, "id")->valuestring, "d1");
    assert_string_equal(cJSON_GetObjectItem(doc, "dct")->valuestring, "2023-06-01");
    assert_string_equal(cJSON_GetObjectItem(doc, "dct_source")->valuestring, "option");
    assert_string_equal(cJSON_GetObjectItem(doc, "url")->valuestring, "http://x");
    cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "entities"), 0);
    assert_string_equal(cJSON_GetObjectItem(e, "id")->valuestring, "E1");
    assert_string_equal(cJSON_GetObjectItem(e, "type")->valuestring, "ORGANIZATION");
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(e, "aliases"), 0)->valuestring,
                        "FSB");
    cJSON *m = cJSON_GetArrayItem(cJSON_GetObjectItem(e, "mentions"), 0);
    assert_int_equal(cJSON_GetObjectItem(m, "start")->valueint, 9);
    assert_int_equal(cJSON_GetObjectItem(m, "end")->valueint, 12);
    assert_string_equal(cJSON_GetObjectItem(m, "text")->valuestring, "FSB");
    cJSON *t = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "timexes"), 0);
    assert_string_equal(cJSON_GetObjectItem(t, "value")->valuestring, "2019");
    assert_string_equal(cJSON_GetObjectItem(t, "type")->valuestring, "DATE");
    cJSON *v = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "events"), 0);
    assert_string_equal(cJSON_GetObjectItem(v, "timex")->valuestring, "T1");
    cJSON *d = cJSON_GetObjectItem(v, "date");
    assert_string_equal(cJSON_GetObjectItem(d, "start")->valuestring, "2019-01-01");
    assert_string_equal(cJSON_GetObjectItem(v, "text")->valuestring, r->text);
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(v, "entities"), 0)->valuestring,
                        "E1");
    cJSON_Delete(j);
    free(s);
    cx_result_free(r);
}

static void test_no_dct_is_null(void **state)
{
    (void)state;
    cx_result *r = S_result();
    r->dct[0] = '\0';
    r->dct_source = CX_DCT_NONE;
    char *s = cx_result_to_json(r, NULL, NULL, 1);
    cJSON *j = cJSON_Parse(s);
    cJSON *doc = cJSON_GetObjectItem(j, "document");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(doc, "dct")));
    assert_string_equal(cJSON_GetObjectItem(doc, "dct_source")->valuestring, "none");
    assert_string_equal(cJSON_GetObjectItem(doc, "id")->valuestring, "doc");
    cJSON_Delete(j);
    free(s);
    cx_result_free(r);
}

static void test_result_free_null(void **state)
{
    (void)state;
    cx_result_free(NULL);
    cx_ctx_free(NULL);
    cx_timeline_free(NULL);
}

/* The writer's layout is cJSON's own: printing what it wrote again with
 * cJSON gives the same bytes, for strings that need escapes at every
 * place and length (the writer copies eight and four bytes a step) and
 * numbers of every length. */
static void S_check_cjson_layout(const cx_result *r, int pretty)
{
    char *s = cx_result_to_json(r, NULL, NULL, pretty);
    assert_non_null(s);
    cJSON *j = cJSON_Parse(s);
    assert_non_null(j);
    char *again = pretty ? cJSON_Print(j) : cJSON_PrintUnformatted(j);
    assert_string_equal(s, again);
    free(again);
    cJSON_Delete(j);
    free(s);
}

static void test_layout_is_cjsons(void **state)
{
    (void)state;
    static const char esc[] = {'"', '\\', '\n', '\t', 1, 0x1F, '\b', '\f', '\r'};
    char *text = malloc(40 * 40 * 40); /* more than the texts take */
    size_t n = 0;
    cx_result *r = S_result();
    cx_entity *e = &r->entities[0];
    free(e->mentions);
    e->n_mentions = 0;
    e->mentions = calloc(40 * 40, sizeof *e->mentions);
    /* texts of 0 to 39 bytes, with an escape at each place or none */
    for (size_t len = 0; len < 40; len++) {
        for (size_t at = 0; at <= len; at++) {
            size_t start = n;
            for (size_t k = 0; k < len; k++)
                text[n++] = k == at ? esc[(len + at) % sizeof esc] : (char)('a' + k % 26);
            size_t cp = (size_t)1 << (e->n_mentions % 40); /* 1 to 2^39 */
            e->mentions[e->n_mentions++].span = (cx_span){start, n, cp - 1, cp * 10};
        }
    }
    free(r->text);
    text[n] = '\0';
    r->text = text;
    r->text_len = n;
    free(e->name);
    e->name = strdup("A \"quoted\"\tname, long enough to take several words");
    S_check_cjson_layout(r, 0);
    S_check_cjson_layout(r, 1);
    cx_result_free(r);
}

/* Hashes are written as 16 lower-case hex digits, leading zeros kept:
 * --incremental compares what the CLI writes with what outputs hold. */
static void test_hash_hex(void **state)
{
    (void)state;
    char h[17];
    memset(h, 'x', sizeof h);
    cx_hash_hex(0x0123456789abcdefULL, h);
    assert_string_equal(h, "0123456789abcdef");
    cx_hash_hex(0, h);
    assert_string_equal(h, "0000000000000000");
    cx_hash_hex(UINT64_MAX, h);
    assert_string_equal(h, "ffffffffffffffff");
    cx_hash_hex(0xA5, h);
    assert_string_equal(h, "00000000000000a5");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document_json),    cmocka_unit_test(test_no_dct_is_null),
        cmocka_unit_test(test_result_free_null), cmocka_unit_test(test_layout_is_cjsons),
        cmocka_unit_test(test_hash_hex),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
