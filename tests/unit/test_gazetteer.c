/* Unit tests of the gazetteer: the token trie, capitalization, list
 * files (categories, canonical names, errors), user precedence and
 * disabled lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "chronex.h"
#include "entity_work_int.h"
#include "gazetteer_int.h"
#include <sys/stat.h>

/* Splits text at spaces into matcher tokens (flags: CAP / UPPER /
 * HEADLINE as the segmenter would set them for these simple words). */
static size_t S_toks(const char *text, cx_gaz_tok *t, size_t max, uint32_t extra)
{
    size_t n = 0;
    const char *s = text;
    while (*s && n < max) {
        while (*s == ' ')
            s++;
        const char *b = s;
        while (*s && *s != ' ')
            s++;
        if (s == b)
            break;
        uint32_t f = CX_TOK_WORD | extra;
        int up = 0, lo = 0;
        for (const char *p = b; p < s; p++) {
            up += *p >= 'A' && *p <= 'Z';
            lo += *p >= 'a' && *p <= 'z';
        }
        if (*b >= 'A' && *b <= 'Z')
            f |= CX_TOK_CAP;
        else
            f |= CX_TOK_LOWER;
        if (up >= 2 && !lo)
            f |= CX_TOK_UPPER;
        t[n].s = b;
        t[n].len = (uint32_t)(s - b);
        t[n].flags = f;
        t[n].key = cx_gaz_key(b, (size_t)(s - b));
        t[n].shape = cx_gaz_shape(b, (size_t)(s - b));
        n++;
    }
    return n;
}

/* The categories of the longest match at the start of text (0: none),
 * its length in *ntok and canonical name in *canon. */
static uint32_t S_longest(const cx_gaz *g, const char *text, uint32_t extra, size_t *ntok,
                          const char **canon)
{
    cx_gaz_tok t[16];
    size_t n = S_toks(text, t, 16, extra);
    cx_gaz_hit h[8];
    size_t k = cx_gaz_match(g, t, n, h, 8);
    if (ntok)
        *ntok = k ? h[k - 1].ntok : 0;
    if (canon)
        *canon = k ? h[k - 1].canon : NULL;
    return k ? h[k - 1].cats : 0;
}

static cx_gaz *S_small(void)
{
    cx_gaz *g = cx_gaz_new();
    assert_non_null(g);
    assert_int_equal(cx_gaz_add(g, "New York", 8, NULL, 0, CX_G_LOC_CITY, 0), CX_OK);
    assert_int_equal(cx_gaz_add(g, "New York Stock Exchange", 23, NULL, 0, CX_G_ORG, 0), CX_OK);
    assert_int_equal(cx_gaz_add(g, "US", 2, "United States", 13, CX_G_LOC_COUNTRY, 0), CX_OK);
    assert_int_equal(cx_gaz_add(g, "us", 2, NULL, 0, CX_G_COMMON, 0), CX_OK);
    assert_int_equal(cx_gaz_add(g, "Moscow", 6, NULL, 0, CX_G_LOC_CITY, 0), CX_OK);
    assert_int_equal(cx_gaz_add(g, "Apple Inc.", 10, NULL, 0, CX_G_ORG_COMPANY, 0), CX_OK);
    return g;
}

static void test_longest_match(void **state)
{
    (void)state;
    cx_gaz *g = S_small();
    size_t n;
    assert_int_equal(S_longest(g, "New York Stock Exchange opened", 0, &n, NULL), CX_G_ORG);
    assert_int_equal(n, 4);
    assert_int_equal(S_longest(g, "New York police", 0, &n, NULL), CX_G_LOC_CITY);
    assert_int_equal(n, 2);
    assert_int_equal(S_longest(g, "New Jersey", 0, &n, NULL), 0);
    assert_int_equal(n, 0);
    assert_int_equal(cx_gaz_size(g), 6);
    cx_gaz_free(g);
}

static void test_canonical_and_period(void **state)
{
    (void)state;
    cx_gaz *g = S_small();
    const char *canon;
    assert_int_equal(S_longest(g, "US officials", 0, NULL, &canon), CX_G_LOC_COUNTRY);
    assert_string_equal(canon, "United States");
    /* "Apple Inc" without its period still matches "Apple Inc." */
    size_t n;
    assert_int_equal(S_longest(g, "Apple Inc said", 0, &n, NULL), CX_G_ORG_COMPANY);
    assert_int_equal(n, 2);
    cx_gaz_free(g);
}

static void test_capitalization(void **state)
{
    (void)state;
    cx_gaz *g = S_small();
    /* "us" the pronoun is no country (a lower-case word is looked up among
     * the rule words only: plain English words are not needed there) */
    assert_int_equal(S_longest(g, "us", 0, NULL, NULL), 0);
    assert_int_equal(cx_gaz_add(g, "spokesman", 9, NULL, 0, CX_G_TITLE | CX_G_COMMON, 0),
                     CX_OK);
    assert_int_equal(S_longest(g, "spokesman", 0, NULL, NULL), CX_G_TITLE);
    assert_int_equal(S_longest(g, "Spokesman", 0, NULL, NULL), CX_G_TITLE | CX_G_COMMON);
    /* "US" is no pronoun outside headlines */
    assert_int_equal(S_longest(g, "US", 0, NULL, NULL), CX_G_LOC_COUNTRY);
    assert_int_equal(S_longest(g, "US", CX_TOK_HEADLINE, NULL, NULL),
                     CX_G_LOC_COUNTRY | CX_G_COMMON);
    /* capitals fit a capitalized entry anywhere: MOSCOW, datelines */
    assert_int_equal(S_longest(g, "MOSCOW", 0, NULL, NULL), CX_G_LOC_CITY);
    /* a lower-case word never fits a capitalized entry */
    assert_int_equal(S_longest(g, "moscow", 0, NULL, NULL), 0);
    cx_gaz_free(g);
}

static void test_same_entry_merges(void **state)
{
    (void)state;
    cx_gaz *g = cx_gaz_new();
    assert_int_equal(cx_gaz_add(g, "Jordan", 6, NULL, 0, CX_G_LOC_COUNTRY, 0), CX_OK);
    assert_int_equal(cx_gaz_add(g, "Jordan", 6, NULL, 0, CX_G_PER_FIRST, 0), CX_OK);
    assert_int_equal(cx_gaz_size(g), 1);
    assert_int_equal(S_longest(g, "Jordan", 0, NULL, NULL), CX_G_LOC_COUNTRY | CX_G_PER_FIRST);
    /* a category past those a one-word summary holds, merged later */
    assert_int_equal(cx_gaz_add(g, "tennis", 6, NULL, 0, CX_G_SPORT, 0), CX_OK);
    assert_int_equal(cx_gaz_add(g, "tennis", 6, NULL, 0, CX_G_SPORT_SOLO, 0), CX_OK);
    assert_int_equal(S_longest(g, "tennis", 0, NULL, NULL), CX_G_SPORT | CX_G_SPORT_SOLO);
    cx_gaz_free(g);
}

static void test_user_precedence(void **state)
{
    (void)state;
    cx_gaz *g = S_small();
    /* a user list says Moscow is an organization (a team, say) */
    assert_int_equal(cx_gaz_add(g, "Moscow", 6, "Moscow FC", 9, CX_G_ORG, 1), CX_OK);
    const char *canon;
    assert_int_equal(S_longest(g, "Moscow", 0, NULL, &canon), CX_G_ORG);
    assert_string_equal(canon, "Moscow FC");
    cx_gaz_free(g);
}

static char *S_write(const char *name, const char *body)
{
    char *path = malloc(256);
    snprintf(path, 256, "/tmp/cx_gaz_test_%ld_%s", (long)getpid(), name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(body, f);
    fclose(f);
    return path;
}

static void test_load_file(void **state)
{
    (void)state;
    char *p = S_write("ok.lst", "# a test list\n# category: LOC.city\nLisbon\n"
                                "Lisboa\tLisbon\n\n# category: ORG\nWidget Works\tWidget "
                                "Works Ltd\nBravo\t\tPER\n");
    cx_gaz *g = cx_gaz_new();
    cx_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(cx_gaz_load_file(g, p, 1, &err), CX_OK);
    const char *canon;
    assert_int_equal(S_longest(g, "Lisboa", 0, NULL, &canon), CX_G_LOC_CITY);
    assert_non_null(canon);
    assert_string_equal(canon, "Lisbon");
    assert_int_equal(S_longest(g, "Widget Works", 0, NULL, NULL), CX_G_ORG);
    assert_int_equal(S_longest(g, "Bravo", 0, NULL, NULL), CX_G_PER);
    cx_gaz_free(g);
    unlink(p);
    free(p);
}

static void S_expect_error(const char *name, const char *body, long line)
{
    char *p = S_write(name, body);
    cx_gaz *g = cx_gaz_new();
    cx_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(cx_gaz_load_file(g, p, 1, &err), CX_ERR_DATA);
    assert_string_equal(err.file, p);
    assert_int_equal(err.line, line);
    assert_true(err.message[0] != '\0');
    cx_gaz_free(g);
    unlink(p);
    free(p);
}

static void test_malformed_files(void **state)
{
    (void)state;
    S_expect_error("nocat.lst", "# no header\nLisbon\n", 2);
    S_expect_error("badcat.lst", "# category: LOC.city\nLisbon\n# category: PLANET\nMars\n", 3);
    S_expect_error("badline.lst", "# category: ORG\nAcme\tAcme Ltd\tORG\textra\n", 2);
    S_expect_error("badlinecat.lst", "# category: ORG\nAcme\t\tSHIP\n", 2);
    S_expect_error("empty.lst", "# category: ORG\n\tAcme Ltd\n", 2);
    S_expect_error("utf8.lst", "# category: ORG\nAcme\nBad\xff\n", 3);
    /* an encoded surrogate and an overlong slash are no UTF-8 either */
    S_expect_error("surrogate.lst", "# category: ORG\nAcme\nBad\xed\xa0\x80\n", 3);
    S_expect_error("overlong.lst", "# category: ORG\nBad\xe0\x80\xaf\n", 2);
    /* a word too long to store, alone on its line and in an entry */
    char body[2400] = "# category: ORG\nAcme\n";
    size_t n = strlen(body);
    memset(body + n, 'a', 1100);
    strcpy(body + n + 1100, "\n");
    S_expect_error("long.lst", body, 3);
    memcpy(body + n + 1100, " Ltd\n", 6);
    S_expect_error("long2.lst", body, 3);
}

/* The matcher's one-pass key and shape of an ASCII token agree with the
 * code point way (cx_gaz_key, cx_gaz_shape), at every length around the
 * eight-byte steps, and typographic apostrophes and accented capitals
 * fold to the same key. */
static void test_keys_agree(void **state)
{
    (void)state;
    static const char *const words[] = {"a",
                                        "A",
                                        "Ab",
                                        "aB",
                                        "US",
                                        "us",
                                        "Moscow",
                                        "MOSCOW",
                                        "McDonald",
                                        "iPhone",
                                        "Corp.",
                                        "Corp",
                                        "U.S.",
                                        "3M",
                                        "24th",
                                        "O'Brien",
                                        "abcdefg",
                                        "abcdefgh",
                                        "abcdefghi",
                                        "ABCDEFGHIJKLMNOP",
                                        "Abcdefghijklmnopq",
                                        "x-ray",
                                        "...",
                                        "a.",
                                        "Washington-based",
                                        "e.g.",
                                        "2023",
                                        "Zürich",
                                        "ÉCOLE"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        const char *w = words[i];
        cx_gaz_tok t;
        cx_gaz_tok_init(&t, w, strlen(w), 0);
        assert_true(t.key == cx_gaz_key(w, strlen(w)));
        assert_int_equal(t.shape, cx_gaz_shape(w, strlen(w)));
        assert_true(t.key != 0);
    }
    assert_true(cx_gaz_key("O\xE2\x80\x99"
                           "Brien",
                           9) == cx_gaz_key("o'brien", 7));
    assert_true(cx_gaz_key("\xC3\x89"
                           "COLE",
                           6) == cx_gaz_key("\xC3\xA9"
                                            "cole",
                                            6));
    assert_true(cx_gaz_key("Corp.", 5) == cx_gaz_key("corp", 4));
    assert_true(cx_gaz_key("abcdefgh", 8) != cx_gaz_key("abcdefg", 7));
    assert_true(cx_gaz_key("abc", 3) != cx_gaz_key("abd", 3));
}

/* cx_gaz_toks_init takes one-byte tokens from a table: the same keys
 * and shapes as cx_gaz_tok_init, for every byte (and for a longer
 * token between them). */
static void test_toks_one_byte(void **state)
{
    (void)state;
    char text[2 * 256 + 8];
    cx_tok toks[257];
    size_t n = 0, len = 0;
    for (unsigned c = 1; c < 256; c++) {
        toks[n].start = (uint32_t)len;
        text[len++] = (char)c;
        toks[n].end = (uint32_t)len;
        toks[n++].flags = 0;
        text[len++] = ' ';
    }
    memcpy(text + len, "Abc", 4);
    toks[n].start = (uint32_t)len;
    toks[n].end = (uint32_t)(len + 3);
    toks[n++].flags = CX_TOK_WORD;
    cx_gaz_tok t[257];
    cx_gaz_toks_init(t, text, toks, n);
    for (size_t i = 0; i < n; i++) {
        cx_gaz_tok one;
        cx_gaz_tok_init(&one, text + toks[i].start, toks[i].end - toks[i].start, toks[i].flags);
        assert_true(t[i].key == one.key);
        assert_int_equal(t[i].shape, one.shape);
        assert_int_equal(t[i].len, one.len);
        assert_int_equal(t[i].flags, one.flags);
        assert_ptr_equal(t[i].s, one.s);
    }
}

/* Surfaces and canonical names stay in the loaded file, ended in place:
 * CRLF lines, trailing spaces, a last line without '\n', a BOM, and
 * entries spelled otherwise than stored (Coca-Cola) all read back. */
static void test_load_in_place(void **state)
{
    (void)state;
    char *p =
        S_write("inplace.lst",
                "\xEF\xBB\xBF# category: ORG\r\nCoca-Cola\tThe Coca-Cola Company \tORG\r\n"
                "Acme  \r\nWidget Works\tWidget Works Ltd\r\n"
                "# category: PER.first\nJordan\n# category: LOC.country\nJordan\n"
                "Holland\tNetherlands");
    cx_gaz *g = cx_gaz_new();
    cx_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(cx_gaz_load_file(g, p, 1, &err), CX_OK);
    const char *canon;
    size_t n;
    assert_int_equal(S_longest(g, "Coca - Cola", 0, &n, &canon), CX_G_ORG);
    assert_int_equal(n, 3);
    assert_string_equal(canon, "The Coca-Cola Company");
    assert_int_equal(S_longest(g, "Acme", 0, NULL, &canon), CX_G_ORG);
    assert_null(canon);
    assert_int_equal(S_longest(g, "Widget Works", 0, NULL, &canon), CX_G_ORG);
    assert_string_equal(canon, "Widget Works Ltd");
    /* the same surface in two sections is one entry of both categories */
    assert_int_equal(S_longest(g, "Jordan", 0, NULL, NULL), CX_G_PER_FIRST | CX_G_LOC_COUNTRY);
    assert_int_equal(S_longest(g, "Holland", 0, NULL, &canon), CX_G_LOC_COUNTRY);
    assert_string_equal(canon, "Netherlands");
    assert_int_equal(cx_gaz_size(g), 5);
    cx_gaz_free(g);
    unlink(p);
    free(p);
}

/* Many entries stored otherwise than spelled grow the pool while a file
 * loads (the file itself is in the pool): lines read ahead must not keep
 * pointers into the old one (the sanitizer build checks). */
static void test_pool_moves(void **state)
{
    (void)state;
    char *p = malloc(256);
    snprintf(p, 256, "/tmp/cx_gaz_test_%ld_moves.lst", (long)getpid());
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs("# category: ORG\n", f);
    for (int i = 0; i < 20000; i++)
        fprintf(f, "Q%d-a-b-c-d-e-f\tCanon %d\n", i, i);
    fclose(f);
    cx_gaz *g = cx_gaz_new();
    cx_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(cx_gaz_load_file(g, p, 1, &err), CX_OK);
    assert_int_equal(cx_gaz_size(g), 20000);
    char buf[64], want[32];
    for (int i = 0; i < 20000; i += 997) {
        snprintf(buf, sizeof buf, "Q%d - a - b - c - d - e - f", i);
        snprintf(want, sizeof want, "Canon %d", i);
        const char *canon;
        size_t n;
        assert_int_equal(S_longest(g, buf, 0, &n, &canon), CX_G_ORG);
        assert_int_equal(n, 13);
        assert_string_equal(canon, want);
    }
    cx_gaz_free(g);
    unlink(p);
    free(p);
}

static void test_many_entries(void **state)
{
    (void)state;
    /* 200,000 generated names load and every one is found again */
    char *p = malloc(256);
    snprintf(p, 256, "/tmp/cx_gaz_test_%ld_many.lst", (long)getpid());
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs("# category: ORG\n", f);
    for (int i = 0; i < 200000; i++)
        fprintf(f, "Zorbex %d Holdings Q%dx\n", i % 997, i);
    fclose(f);
    cx_gaz *g = cx_gaz_new();
    cx_error err;
    assert_int_equal(cx_gaz_load_file(g, p, 1, &err), CX_OK);
    assert_int_equal(cx_gaz_size(g), 200000);
    char buf[64];
    for (int i = 0; i < 200000; i += 7919) {
        snprintf(buf, sizeof buf, "Zorbex %d Holdings Q%dx", i % 997, i);
        size_t n;
        assert_int_equal(S_longest(g, buf, 0, &n, NULL), CX_G_ORG);
        assert_int_equal(n, 4);
    }
    snprintf(buf, sizeof buf, "Zorbex 5 Holdings Q6x");
    assert_int_equal(S_longest(g, buf, 0, NULL, NULL), 0);
    cx_gaz_free(g);
    unlink(p);
    free(p);
}

/* Through the context: a user gazetteer, its precedence and errors, and a
 * default list switched off. */
static int S_has_entity(const cx_result *r, const char *name, cx_entity_type type)
{
    for (size_t i = 0; i < r->n_entities; i++)
        if (strcmp(r->entities[i].name, name) == 0 && r->entities[i].type == type)
            return 1;
    return 0;
}

static cx_result *S_run(const cx_config *cfg, const char *text)
{
    cx_error err;
    cx_ctx *ctx = cx_ctx_new(cfg, &err);
    if (!ctx)
        fail_msg("ctx: %s:%ld: %s", err.file, err.line, err.message);
    cx_result *r = NULL;
    cx_opts o = cx_opts_default();
    assert_int_equal(cx_extract(ctx, text, strlen(text), &o, &r), CX_OK);
    cx_ctx_free(ctx);
    return r;
}

static void test_ctx_user_gazetteer(void **state)
{
    (void)state;
    const char *text = "The fans cheered for Lisbon and for Qarvosto Lentaja.\n";
    cx_config cfg = cx_config_default();
    cfg.data_dir = getenv("CHRONEX_DATA_DIR");
    cx_result *r = S_run(&cfg, text);
    assert_true(S_has_entity(r, "Lisbon", CX_LOCATION));
    cx_result_free(r);

    char *p = S_write("user.lst", "# category: ORG\nLisbon\tLisbon Rowing Club\nQarvosto "
                                  "Lentaja\n");
    const char *lists[] = {p};
    cfg.gazetteers = lists;
    cfg.n_gazetteers = 1;
    r = S_run(&cfg, text);
    assert_true(S_has_entity(r, "Lisbon Rowing Club", CX_ORGANIZATION));
    assert_true(S_has_entity(r, "Qarvosto Lentaja", CX_ORGANIZATION));
    assert_false(S_has_entity(r, "Lisbon", CX_LOCATION));
    cx_result_free(r);
    unlink(p);
    free(p);

    p = S_write("userbad.lst", "# category: ORG\nfine\n# category: NOPE\n");
    lists[0] = p;
    cx_error err;
    memset(&err, 0, sizeof err);
    cx_ctx *ctx = cx_ctx_new(&cfg, &err);
    assert_null(ctx);
    assert_int_equal(err.code, CX_ERR_DATA);
    assert_string_equal(err.file, p);
    assert_int_equal(err.line, 3);
    unlink(p);
    free(p);
}

static void test_ctx_disabled_list(void **state)
{
    (void)state;
    const char *text = "The talks with Peru ended.\n";
    cx_config cfg = cx_config_default();
    cfg.data_dir = getenv("CHRONEX_DATA_DIR");
    cx_result *r = S_run(&cfg, text);
    assert_true(S_has_entity(r, "Peru", CX_LOCATION));
    cx_result_free(r);
    /* without the country list nothing says Peru is a place */
    const char *off[] = {"loc_country"};
    cfg.disabled_lists = off;
    cfg.n_disabled_lists = 1;
    r = S_run(&cfg, text);
    assert_false(S_has_entity(r, "Peru", CX_LOCATION));
    cx_result_free(r);
}

/* ---- endings of family names ---------------------------------------- */

/* A loader of one file of data/entity/ into entity rules. */
typedef int (*S_rules_loader)(cx_entity_rules *, const cx_config *, const char *, cx_error *);

/* Writes body as DIR/entity/FILE of a new folder DIR and loads it with
 * load into fresh rules: its return code, error in *err. */
static int S_entity_file(const char *file, S_rules_loader load, const char *body,
                         cx_entity_rules **r, cx_error *err)
{
    char dir[128], sub[160], path[220];
    snprintf(dir, sizeof dir, "/tmp/cx_entity_test_%ld", (long)getpid());
    snprintf(sub, sizeof sub, "%s/entity", dir);
    snprintf(path, sizeof path, "%s/%s", sub, file);
    mkdir(dir, 0700);
    mkdir(sub, 0700);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(body, f);
    fclose(f);
    *r = cx_entity_rules_wrap(cx_gaz_new());
    assert_non_null(*r);
    memset(err, 0, sizeof *err);
    cx_config cfg = cx_config_default();
    int rc = load(*r, &cfg, dir, err);
    unlink(path);
    rmdir(sub);
    rmdir(dir);
    return rc;
}

static int S_endings(const char *body, cx_entity_rules **r, cx_error *err)
{
    return S_entity_file("surname_endings.txt", cx_entity_endings_load, body, r, err);
}

static void test_family_endings_file(void **state)
{
    (void)state;
    cx_entity_rules *r;
    cx_error err;
    assert_int_equal(S_endings("# a comment\n\nova\n  enko \r\novi\xC4\x87\n", &r, &err),
                     CX_OK);
    assert_int_equal(r->nendings, 3);
    assert_string_equal(r->endings[1].s, "enko");
    assert_int_equal(r->endings[2].len, 5);
    cx_entity_rules_free(r);
    /* an upper-case letter, a digit or one letter: the file and line */
    assert_int_equal(S_endings("ova\n# fine\nOva\n", &r, &err), CX_ERR_DATA);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.file, "surname_endings.txt"));
    cx_entity_rules_free(r);
    assert_int_equal(S_endings("o2\n", &r, &err), CX_ERR_DATA);
    cx_entity_rules_free(r);
    assert_int_equal(S_endings("a\n", &r, &err), CX_ERR_DATA);
    assert_int_equal(err.line, 1);
    cx_entity_rules_free(r);
    /* bytes that are no UTF-8 are named by place, not echoed */
    assert_int_equal(S_endings("ova\no\xC3va\n", &r, &err), CX_ERR_DATA);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "byte 2"));
    assert_null(strchr(err.message, '\xC3'));
    cx_entity_rules_free(r);
    /* no file: no endings, no error */
    r = cx_entity_rules_wrap(cx_gaz_new());
    cx_config cfg = cx_config_default();
    assert_int_equal(cx_entity_endings_load(r, &cfg, "/nonexistent-chronex-dir", &err), CX_OK);
    assert_int_equal(r->nendings, 0);
    cx_entity_rules_free(r);
}

/* ---- rule words ----------------------------------------------------- */

static int S_rule_words(const char *body, cx_entity_rules **r, cx_error *err)
{
    return S_entity_file("rule_words.txt", cx_entity_words_load, body, r, err);
}

static void test_rule_words_file(void **state)
{
    (void)state;
    cx_entity_rules *r;
    cx_error err;
    assert_int_equal(S_rule_words("# sets\n\nship tanker\n  ship\taircraft carrier \r\n"
                                  "compass North\n",
                                  &r, &err),
                     CX_OK);
    assert_int_equal(r->nwords[CX_RW_SHIP], 2);
    assert_string_equal(r->words[CX_RW_SHIP][0].s, "tanker");
    assert_int_equal(r->words[CX_RW_SHIP][0].split, 0);
    assert_string_equal(r->words[CX_RW_SHIP][1].s, "aircraft carrier");
    assert_int_equal(r->words[CX_RW_SHIP][1].split, 8);
    assert_int_equal(r->nwords[CX_RW_COMPASS], 1);
    assert_int_equal(r->nwords[CX_RW_COUNT], 0);
    cx_entity_rules_free(r);
    /* a set no rule reads, three words, a set without a word: the line */
    assert_int_equal(S_rule_words("ship tanker\nboat skiff\n", &r, &err), CX_ERR_DATA);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.file, "rule_words.txt"));
    assert_non_null(strstr(err.message, "boat"));
    cx_entity_rules_free(r);
    assert_int_equal(S_rule_words("ship very large tanker\n", &r, &err), CX_ERR_DATA);
    assert_int_equal(err.line, 1);
    cx_entity_rules_free(r);
    assert_int_equal(S_rule_words("# x\nship\n", &r, &err), CX_ERR_DATA);
    assert_int_equal(err.line, 2);
    cx_entity_rules_free(r);
    /* bytes no English word has are named by place, not echoed */
    assert_int_equal(S_rule_words("ship tan\x01ker\n", &r, &err), CX_ERR_DATA);
    assert_null(strchr(err.message, '\x01'));
    assert_non_null(strstr(err.message, "byte 9"));
    cx_entity_rules_free(r);
    /* no file: no words, no error */
    r = cx_entity_rules_wrap(cx_gaz_new());
    cx_config cfg = cx_config_default();
    assert_int_equal(cx_entity_words_load(r, &cfg, "/nonexistent-chronex-dir", &err), CX_OK);
    assert_int_equal(r->nwords[CX_RW_SHIP], 0);
    cx_entity_rules_free(r);
}

/* The rules read their word sets from the data: with the set switched
 * off, a ship's name after "tanker" is a name again. */
static void test_rule_words_drive_rules(void **state)
{
    (void)state;
    const char *text = "Oil spilled from the tanker Exxon Valdez off Alaska .\n";
    cx_config cfg = cx_config_default();
    cfg.data_dir = getenv("CHRONEX_DATA_DIR");
    cx_result *r = S_run(&cfg, text);
    assert_false(S_has_entity(r, "Exxon Valdez", CX_ORGANIZATION));
    assert_false(S_has_entity(r, "Exxon Valdez", CX_PERSON));
    cx_result_free(r);
    const char *off[] = {"rule_words"};
    cfg.disabled_lists = off;
    cfg.n_disabled_lists = 1;
    r = S_run(&cfg, text);
    int named = 0;
    for (size_t i = 0; i < r->n_entities; i++)
        named |= strcmp(r->entities[i].name, "Exxon Valdez") == 0;
    assert_true(named);
    cx_result_free(r);
}

/* ---- images --------------------------------------------------------- */

static const char *const S_queries[] = {"New York Stock Exchange opened",
                                        "New York police",
                                        "US officials",
                                        "us too",
                                        "Moscow",
                                        "Apple Inc.",
                                        "New Jersey",
                                        NULL};

/* The same answers from g as from the gazetteer S_small builds. */
static void S_same_as_small(const cx_gaz *g)
{
    cx_gaz *ref = S_small();
    assert_int_equal(cx_gaz_size(g), cx_gaz_size(ref));
    for (int i = 0; S_queries[i]; i++) {
        size_t n1, n2;
        const char *c1, *c2;
        assert_int_equal(S_longest(g, S_queries[i], 0, &n1, &c1),
                         S_longest(ref, S_queries[i], 0, &n2, &c2));
        assert_int_equal(n1, n2);
        if (c1 || c2)
            assert_string_equal(c1 ? c1 : "", c2 ? c2 : "");
    }
    cx_gaz_free(ref);
}

static char *S_image(uint64_t key)
{
    char *path = malloc(256);
    snprintf(path, 256, "/tmp/cx_gaz_test_%ld.img", (long)getpid());
    cx_gaz *g = S_small();
    assert_int_equal(cx_gaz_image_save(g, path, key), CX_OK);
    cx_gaz_free(g);
    return path;
}

static void test_image_roundtrip(void **state)
{
    (void)state;
    char *path = S_image(42);
    cx_gaz *g = cx_gaz_new();
    assert_int_equal(cx_gaz_image_load(g, path, 42), CX_OK);
    S_same_as_small(g);
    /* a loaded image still takes more entries */
    assert_int_equal(cx_gaz_add(g, "Lisbon", 6, NULL, 0, CX_G_LOC_CITY, 0), CX_OK);
    assert_int_equal(S_longest(g, "Lisbon", 0, NULL, NULL), CX_G_LOC_CITY);
    assert_int_equal(S_longest(g, "New York police", 0, NULL, NULL), CX_G_LOC_CITY);
    cx_gaz_free(g);
    /* another key: refused, and the gazetteer stays empty and usable */
    g = cx_gaz_new();
    assert_int_equal(cx_gaz_image_load(g, path, 43), CX_ERR_DATA);
    assert_int_equal(cx_gaz_size(g), 0);
    assert_int_equal(cx_gaz_add(g, "Moscow", 6, NULL, 0, CX_G_LOC_CITY, 0), CX_OK);
    assert_int_equal(S_longest(g, "Moscow", 0, NULL, NULL), CX_G_LOC_CITY);
    cx_gaz_free(g);
    unlink(path);
    g = cx_gaz_new();
    assert_int_equal(cx_gaz_image_load(g, path, 42), CX_ERR_IO);
    cx_gaz_free(g);
    free(path);
}

/* Rewrites byte at of the file (or cuts the file there when cut). */
static void S_damage(const char *path, long at, int cut)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    if (cut) {
        assert_int_equal(ftruncate(fileno(f), at), 0);
    } else {
        assert_int_equal(fseek(f, at, SEEK_SET), 0);
        int c = fgetc(f);
        assert_int_equal(fseek(f, at, SEEK_SET), 0);
        fputc(c ^ 0x5A, f);
    }
    fclose(f);
}

static void test_image_damaged(void **state)
{
    (void)state;
    long size;
    char *path = S_image(7);
    FILE *f = fopen(path, "rb");
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fclose(f);
    /* every kind of damage is refused, never read: cut short, a byte
     * flipped in the header, in the tables, in the strings at the end */
    const long at[] = {size - 1, 3, 100, size / 2, size - 2};
    for (int i = 0; i < 5; i++) {
        free(path);
        path = S_image(7);
        S_damage(path, at[i], i == 0);
        cx_gaz *g = cx_gaz_new();
        assert_int_equal(cx_gaz_image_load(g, path, 7), CX_ERR_DATA);
        assert_int_equal(cx_gaz_size(g), 0);
        cx_gaz_free(g);
    }
    /* not an image at all */
    f = fopen(path, "wb");
    fputs("# category: LOC.city\nLisbon\n", f);
    fclose(f);
    cx_gaz *g = cx_gaz_new();
    assert_int_equal(cx_gaz_image_load(g, path, 7), CX_ERR_DATA);
    cx_gaz_free(g);
    unlink(path);
    free(path);
}

/* The number of images in dir, and the path of the last one found. */
static int S_images(const char *dir, char *last, size_t cap)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ls %s/gazetteer-*.img 2>/dev/null", dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    int n = 0;
    char line[400];
    while (fgets(line, sizeof line, p)) {
        line[strcspn(line, "\n")] = '\0';
        snprintf(last, cap, "%s", line);
        n++;
    }
    pclose(p);
    return n;
}

/* Through the context: a second start-up reads the image the first one
 * wrote and gives the same result; a changed user list or a damaged
 * image is never used. */
static void test_ctx_image(void **state)
{
    (void)state;
    const char *text = "The fans cheered for Lisbon and for Qarvosto Lentaja.\n";
    char dir[128], img[400], cmd[300];
    snprintf(dir, sizeof dir, "/tmp/cx_gaz_cache_%ld", (long)getpid());
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    char *p = S_write("cached.lst", "# category: ORG\nLisbon\tLisbon Rowing Club\n");
    const char *lists[] = {p};
    cx_config cfg = cx_config_default();
    cfg.data_dir = getenv("CHRONEX_DATA_DIR");
    cfg.cache_dir = dir;
    cfg.gazetteers = lists;
    cfg.n_gazetteers = 1;
    for (int run = 0; run < 2; run++) {
        cx_result *r = S_run(&cfg, text);
        assert_true(S_has_entity(r, "Lisbon Rowing Club", CX_ORGANIZATION));
        assert_false(S_has_entity(r, "Qarvosto Lentaja", CX_ORGANIZATION));
        cx_result_free(r);
        assert_int_equal(S_images(dir, img, sizeof img), 1);
    }
    /* the list changes: the image no longer fits and is replaced */
    free(S_write("cached.lst", "# category: ORG\nLisbon\tLisbon Rowing Club\nQarvosto "
                               "Lentaja\n"));
    cx_result *r = S_run(&cfg, text);
    assert_true(S_has_entity(r, "Qarvosto Lentaja", CX_ORGANIZATION));
    cx_result_free(r);
    assert_int_equal(S_images(dir, img, sizeof img), 1);
    /* a damaged image is read from the lists again */
    S_damage(img, 200, 0);
    r = S_run(&cfg, text);
    assert_true(S_has_entity(r, "Qarvosto Lentaja", CX_ORGANIZATION));
    assert_true(S_has_entity(r, "Lisbon Rowing Club", CX_ORGANIZATION));
    cx_result_free(r);
    /* no cache folder: nothing written, same result */
    cfg.cache_dir = NULL;
    r = S_run(&cfg, text);
    assert_true(S_has_entity(r, "Qarvosto Lentaja", CX_ORGANIZATION));
    cx_result_free(r);
    assert_int_equal(system(cmd), 0);
    unlink(p);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_longest_match),     cmocka_unit_test(test_canonical_and_period),
        cmocka_unit_test(test_capitalization),    cmocka_unit_test(test_same_entry_merges),
        cmocka_unit_test(test_user_precedence),   cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_malformed_files),   cmocka_unit_test(test_many_entries),
        cmocka_unit_test(test_keys_agree),        cmocka_unit_test(test_toks_one_byte),
        cmocka_unit_test(test_image_roundtrip),   cmocka_unit_test(test_image_damaged),
        cmocka_unit_test(test_ctx_image),         cmocka_unit_test(test_load_in_place),
        cmocka_unit_test(test_pool_moves),        cmocka_unit_test(test_ctx_user_gazetteer),
        cmocka_unit_test(test_ctx_disabled_list), cmocka_unit_test(test_family_endings_file),
        cmocka_unit_test(test_rule_words_file),   cmocka_unit_test(test_rule_words_drive_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
