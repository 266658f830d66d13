/* document: UTF-8 repair, UTF-16 conversion, code point offsets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "document_int.h"

static void test_ascii_offsets(void **state)
{
    (void)state;
    cx_doc d;
    assert_int_equal(cx_doc_init(&d, "hello world", 11), CX_OK);
    assert_int_equal(d.ncp, 11);
    assert_int_equal(cx_doc_cp(&d, 6), 6);
    assert_int_equal(d.n_invalid, 0);
    cx_doc_fini(&d);
}

static void test_multibyte_offsets(void **state)
{
    (void)state;
    const char *t = "Russia\xE2\x80\x99s \xC3\xA9t\xC3\xA9 2023"; /* Russia’s été 2023 */
    cx_doc d;
    assert_int_equal(cx_doc_init(&d, t, strlen(t)), CX_OK);
    assert_int_equal(d.ncp, 17);
    assert_int_equal(cx_doc_cp(&d, 9), 7); /* after ’ */
    assert_int_equal(cx_doc_cp(&d, strlen(t)), 17);
    cx_doc_fini(&d);
}

static void test_long_text_checkpoints(void **state)
{
    (void)state;
    char buf[1000];
    for (size_t i = 0; i < sizeof buf; i += 2)
        memcpy(buf + i, "\xC3\xA9", 2);
    cx_doc d;
    assert_int_equal(cx_doc_init(&d, buf, sizeof buf), CX_OK);
    assert_int_equal(d.ncp, 500);
    for (size_t off = 0; off <= sizeof buf; off += 2)
        assert_int_equal(cx_doc_cp(&d, off), off / 2);
    cx_doc_fini(&d);
}

static void test_invalid_utf8_replaced(void **state)
{
    (void)state;
    const char t[] = "ab\xFF"
                     "cd\xC3";
    cx_doc d;
    assert_int_equal(cx_doc_init(&d, t, sizeof t - 1), CX_OK);
    assert_int_equal(d.n_invalid, 2);
    assert_int_equal(d.first_invalid, 2);
    assert_string_equal(d.text, "ab\xEF\xBF\xBD"
                                "cd\xEF\xBF\xBD");
    assert_int_equal(d.ncp, 6); /* each bad byte is one code point */
    cx_doc_fini(&d);
}

static void test_overlong_and_surrogate_rejected(void **state)
{
    (void)state;
    const char t[] = "\xC0\xAF\xED\xA0\x80";
    cx_doc d;
    assert_int_equal(cx_doc_init(&d, t, sizeof t - 1), CX_OK);
    assert_int_equal(d.n_invalid, 5);
    cx_doc_fini(&d);
}

static void test_nul_byte_replaced(void **state)
{
    (void)state;
    const char t[] = {'a', 0, 'b'};
    cx_doc d;
    assert_int_equal(cx_doc_init(&d, t, 3), CX_OK);
    assert_int_equal(d.n_invalid, 1);
    assert_int_equal(strlen(d.text), d.len);
    cx_doc_fini(&d);
}

static void test_utf16le_converted(void **state)
{
    (void)state;
    const char t[] = {(char)0xFF, (char)0xFE, 'H', 0, 'i', 0, (char)0xAC, 0x20};
    cx_doc d;
    assert_int_equal(cx_doc_init(&d, t, sizeof t), CX_OK);
    assert_int_equal(d.utf16, 1);
    assert_string_equal(d.text, "\xEF\xBB\xBFHi\xE2\x82\xAC"); /* BOM kept, € */
    assert_int_equal(d.ncp, 4);
    cx_doc_fini(&d);
}

static void test_utf16be_surrogate_pair(void **state)
{
    (void)state;
    const char t[] = {(char)0xFE, (char)0xFF, (char)0xD8, 0x3D, (char)0xDE, 0x00};
    cx_doc d;
    assert_int_equal(cx_doc_init(&d, t, sizeof t), CX_OK);
    assert_string_equal(d.text, "\xEF\xBB\xBF\xF0\x9F\x98\x80");
    cx_doc_fini(&d);
}

static void test_empty(void **state)
{
    (void)state;
    cx_doc d;
    assert_int_equal(cx_doc_init(&d, "", 0), CX_OK);
    assert_int_equal(d.ncp, 0);
    assert_int_equal(cx_doc_cp(&d, 0), 0);
    cx_doc_fini(&d);
}

/* Code point offsets agree with counting, in blocks of ASCII (answered
 * without reading the text), blocks with characters past ASCII, a block
 * whose last byte starts a character that ends in the next, and the
 * last, partial block. */
static void test_offsets_across_blocks(void **state)
{
    (void)state;
    char buf[400];
    size_t n = 0;
    memset(buf, 'a', sizeof buf);
    n = 63;
    memcpy(buf + n, "\xC3\xA9", 2); /* starts at byte 63, ends in the next block */
    n += 2;
    n += 100;
    memcpy(buf + n, "\xE2\x80\x99", 3);
    n += 3 + 150;
    memcpy(buf + n, "\xF0\x9F\x98\x80", 4);
    n += 4 + 10;
    cx_doc d;
    assert_int_equal(cx_doc_init(&d, buf, n), CX_OK);
    size_t cps = 0;
    for (size_t off = 0; off <= n; off++) {
        if (off == n || ((unsigned char)buf[off] & 0xC0) != 0x80)
            assert_int_equal(cx_doc_cp(&d, off), cps);
        if (off < n)
            cps += ((unsigned char)buf[off] & 0xC0) != 0x80;
    }
    assert_int_equal(d.ncp, cps);
    cx_doc_fini(&d);
}

/* UTF-16 without a byte order mark is still recognized by its NULs; a
 * NUL in UTF-8 text is replaced, not taken for UTF-16. */
static void test_utf16_without_bom(void **state)
{
    (void)state;
    const char t[] = {'H', 0, 'e', 0, 'l', 0, 'l', 0, 'o', 0};
    cx_doc d;
    assert_int_equal(cx_doc_init(&d, t, sizeof t), CX_OK);
    assert_int_equal(d.utf16, 1);
    assert_string_equal(d.text, "Hello");
    cx_doc_fini(&d);
    const char u[] = {'H', 'e', 'l', 'l', 'o', 0, 'y', 'o', 'u', '!'};
    assert_int_equal(cx_doc_init(&d, u, sizeof u), CX_OK);
    assert_int_equal(d.utf16, 0);
    assert_int_equal(d.n_invalid, 1);
    cx_doc_fini(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii_offsets),
        cmocka_unit_test(test_multibyte_offsets),
        cmocka_unit_test(test_long_text_checkpoints),
        cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_overlong_and_surrogate_rejected),
        cmocka_unit_test(test_nul_byte_replaced),
        cmocka_unit_test(test_utf16le_converted),
        cmocka_unit_test(test_utf16be_surrogate_pair),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_offsets_across_blocks),
        cmocka_unit_test(test_utf16_without_bom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
