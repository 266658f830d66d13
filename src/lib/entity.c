/* entity: people, organizations and places.
 *
 * The recognizer works in the manner of GATE ANNIE: gazetteer lookup over
 * tokens, then rules over capitalized runs, then an orthographic matcher
 * that joins aliases across the document (entity_alias.c).
 *
 *   1. features: every word token is looked up in the gazetteer (one walk
 *      of the token trie); the document's own capitalization is recorded
 *      (a word written capitalized in mid-sentence is a name here even if
 *      it is also an English word).
 *   2. runs: maximal sequences of capitalized words in one sentence, with
 *      "of", "&", particles and inner hyphens between them.
 *   3. pieces: a run is cut at titles and roles ("Kaspersky CEO Eugene
 *      Kaspersky"), after an organization head word ("Belfer Center |
 *      Cyber"), between a place and a following name ("US | NSA"), and at
 *      headline and sentence-opening words that are plain English.
 *   4. types: user lists, head words, titles before, roles after, the
 *      gazetteer, first names, context ("in X"), then defaults.
 *   5. aliases and output (entity_alias.c). */
#include "entity_work_int.h"
#include "rules_int.h"
#include <dirent.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

/* ---- loading ---------------------------------------------------------- */

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int S_disabled(const cx_config *cfg, const char *name)
{
    size_t n = strlen(name);
    if (n > 4 && strcmp(name + n - 4, ".lst") == 0)
        n -= 4;
    for (size_t i = 0; cfg && i < cfg->n_disabled_lists; i++) {
        const char *d = cfg->disabled_lists[i];
        if (d && strlen(d) == n && memcmp(d, name, n) == 0)
            return 1;
    }
    return 0;
}

/* Loads every *.lst of dir in name order (so the result does not depend
 * on the directory's order). A missing dir is fine when optional. */
static int S_load_dir(cx_gaz *g, const cx_config *cfg, const char *dir, int optional,
                      cx_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (optional)
            return CX_OK;
        cx_error_set(err, CX_ERR_IO, dir, 0, "cannot open data folder");
        return CX_ERR_IO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = CX_OK;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < 5 || strcmp(e->d_name + l - 4, ".lst") != 0)
            continue;
        if (S_disabled(cfg, e->d_name))
            continue;
        if (cx_grow((void **)&names, &cap, n + 1, sizeof *names) ||
            !(names[n] = cx_strdup(e->d_name))) {
            rc = CX_ERR_NOMEM;
            break;
        }
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, S_cmp_str);
    size_t bytes = 0;
    for (size_t i = 0; rc == CX_OK && i < n; i++) {
        struct stat st;
        char *p = cx_path_join(dir, names[i]);
        if (p && stat(p, &st) == 0)
            bytes += (size_t)st.st_size;
        free(p);
    }
    if (rc == CX_OK)
        rc = cx_gaz_reserve_bytes(g, bytes);
    for (size_t i = 0; rc == CX_OK && i < n; i++) {
        char *p = cx_path_join(dir, names[i]);
        rc = p ? cx_gaz_load_file(g, p, 0, err) : CX_ERR_NOMEM;
        free(p);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (rc == CX_ERR_NOMEM)
        cx_error_set(err, rc, dir, 0, "out of memory");
    return rc;
}

int cx_entity_rules_load(const cx_config *cfg, const char *data_dir, cx_entity_rules **out,
                         cx_error *err)
{
    *out = NULL;
    cx_entity_rules *r = calloc(1, sizeof *r);
    if (!r || !(r->gaz = cx_gaz_new())) {
        free(r);
        cx_error_set(err, CX_ERR_NOMEM, "", 0, "out of memory");
        return CX_ERR_NOMEM;
    }
    char *gdir = cx_path_join(data_dir, "gazetteers");
    char *edir = cx_path_join(data_dir, "entity");
    int rc = gdir && edir ? CX_OK : CX_ERR_NOMEM;
    if (rc == CX_OK)
        rc = S_load_dir(r->gaz, cfg, gdir, 1, err);
    if (rc == CX_OK)
        rc = S_load_dir(r->gaz, cfg, edir, 1, err);
    for (size_t i = 0; rc == CX_OK && cfg && i < cfg->n_gazetteers; i++)
        rc = cx_gaz_load_file(r->gaz, cfg->gazetteers[i], 1, err);
    free(gdir);
    free(edir);
    if (rc != CX_OK) {
        cx_entity_rules_free(r);
        return rc;
    }
    *out = r;
    return CX_OK;
}

cx_entity_rules *cx_entity_rules_wrap(cx_gaz *g)
{
    cx_entity_rules *r = calloc(1, sizeof *r);
    if (!r) {
        cx_gaz_free(g);
        return NULL;
    }
    r->gaz = g;
    return r;
}

const cx_gaz *cx_entity_rules_gaz(const cx_entity_rules *r) { return r->gaz; }

void cx_entity_rules_free(cx_entity_rules *r)
{
    if (!r)
        return;
    cx_gaz_free(r->gaz);
    free(r->endings);
    for (int k = 0; k < CX_RW_NSETS; k++)
        free(r->words[k]);
    free(r);
}

/* One line of the endings' file, [s, e): an ending of lower-case
 * letters (UTF-8 letters too: "ović"), appended to r. */
static int S_ending_line(cx_entity_rules *r, const char *s, const char *e, const char *path,
                         long line, cx_error *err)
{
    size_t n = (size_t)(e - s);
    if (cx_utf8_prefix((const unsigned char *)s, n) != n) {
        cx_error_set(err, CX_ERR_DATA, path, line, "invalid UTF-8 (byte %zu of the line)",
                     cx_utf8_prefix((const unsigned char *)s, n) + 1);
        return CX_ERR_DATA;
    }
    for (const char *c = s; c < e; c++)
        if (!((*c >= 'a' && *c <= 'z') || (unsigned char)*c >= 0x80)) {
            cx_error_set(err, CX_ERR_DATA, path, line,
                         "an ending is lower-case letters only: '%.*s'", (int)n, s);
            return CX_ERR_DATA;
        }
    if (n < 2 || n > CX_ENDING_MAX) {
        cx_error_set(err, CX_ERR_DATA, path, line, "an ending is 2 to %d bytes: '%.*s'",
                     CX_ENDING_MAX, (int)n, s);
        return CX_ERR_DATA;
    }
    if (cx_grow((void **)&r->endings, &r->cap_endings, r->nendings + 1, sizeof *r->endings)) {
        cx_error_set(err, CX_ERR_NOMEM, path, line, "out of memory");
        return CX_ERR_NOMEM;
    }
    cx_ending *x = &r->endings[r->nendings++];
    memcpy(x->s, s, n);
    x->s[n] = '\0';
    x->len = (uint8_t)n;
    return CX_OK;
}

/* Reads data_dir/entity/FILE (name: what --disable-list calls it) and
 * hands each line that is neither blank nor a comment, [s, e) without
 * its newline and surrounding blanks, to fn. A missing file is no error:
 * the lists are optional too. */
static int S_load_lines(cx_entity_rules *r, const cx_config *cfg, const char *data_dir,
                        const char *name, const char *file,
                        int (*fn)(cx_entity_rules *, const char *, const char *, const char *,
                                  long, cx_error *),
                        cx_error *err)
{
    if (S_disabled(cfg, name))
        return CX_OK;
    char *path = cx_path_join(data_dir, file);
    if (!path) {
        cx_error_set(err, CX_ERR_NOMEM, data_dir, 0, "out of memory");
        return CX_ERR_NOMEM;
    }
    char *buf = NULL;
    size_t len = 0;
    int rc = CX_OK;
    if (cx_read_file(path, &buf, &len) != CX_OK) {
        free(path);
        return CX_OK;
    }
    long line = 1;
    for (const char *s = buf, *end = buf + len; rc == CX_OK && s < end; line++) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end, *b = s;
        s = e + 1;
        while (b < e && (*b == ' ' || *b == '\t' || *b == '\r'))
            b++;
        while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        if (b < e && *b != '#')
            rc = fn(r, b, e, path, line, err);
    }
    free(buf);
    free(path);
    return rc;
}

int cx_entity_endings_load(cx_entity_rules *r, const cx_config *cfg, const char *data_dir,
                           cx_error *err)
{
    return S_load_lines(r, cfg, data_dir, "surname_endings", "entity/surname_endings.txt",
                        S_ending_line, err);
}

/* The names of the rule-word sets, in the order of CX_RW_*. */
static const char *const S_rw_names[] = {
    "ship",   "count",       "followers", "index",    "index_word", "compass",
    "plural", "road",        "road_qual", "numeral",  "storm",      "place_lead",
    "result", "venue",       "staff",     "stock",    "list_end",   "product",
    "owner",  "product_adj", "who_prep",  "firm_kind"};
_Static_assert(sizeof S_rw_names / sizeof *S_rw_names == CX_RW_NSETS,
               "a name for each set of rule words");

/* One line of the rule words' file: a set's name and an entry of one
 * word or two, appended to that set. */
static int S_rule_word_line(cx_entity_rules *r, const char *s, const char *e, const char *path,
                            long line, cx_error *err)
{
    for (const char *c = s; c < e; c++)
        if ((*c < 0x20 || *c > 0x7E) && *c != '\t') {
            cx_error_set(err, CX_ERR_DATA, path, line,
                         "a rule word is printable ASCII (byte %ld of the line)",
                         (long)(c - s) + 1);
            return CX_ERR_DATA;
        }
    const char *n = s;
    while (n < e && *n != ' ' && *n != '\t')
        n++;
    int set = -1;
    for (int k = 0; k < CX_RW_NSETS; k++)
        if (strlen(S_rw_names[k]) == (size_t)(n - s) &&
            !memcmp(S_rw_names[k], s, (size_t)(n - s)))
            set = k;
    if (set < 0) {
        cx_error_set(err, CX_ERR_DATA, path, line, "no such set of rule words: '%.*s'",
                     (int)(n - s), s);
        return CX_ERR_DATA;
    }
    while (n < e && (*n == ' ' || *n == '\t'))
        n++;
    size_t len = (size_t)(e - n), split = 0, spaces = 0;
    for (size_t k = 0; k < len; k++)
        if (n[k] == ' ' || n[k] == '\t')
            spaces++, split = k;
    if (len == 0 || len > CX_RULE_WORD_MAX || spaces > 1) {
        cx_error_set(err, CX_ERR_DATA, path, line,
                     "a rule word is one word or two, up to %d bytes: '%.*s'", CX_RULE_WORD_MAX,
                     (int)(e - s), s);
        return CX_ERR_DATA;
    }
    if (cx_grow((void **)&r->words[set], &r->cap_words[set], r->nwords[set] + 1,
                sizeof *r->words[set])) {
        cx_error_set(err, CX_ERR_NOMEM, path, line, "out of memory");
        return CX_ERR_NOMEM;
    }
    cx_rule_word *x = &r->words[set][r->nwords[set]++];
    memcpy(x->s, n, len);
    x->s[len] = '\0';
    x->len = (uint8_t)len;
    x->split = (uint8_t)split;
    if (split)
        x->s[split] = ' ';
    size_t last = split ? split + 1 : 0;
    unsigned char c = (unsigned char)x->s[last];
    r->word_lens[set] |= 1u << (len - last);
    r->word_first[set][c / 8] |= (uint8_t)(1u << (c % 8));
    return CX_OK;
}

int cx_entity_words_load(cx_entity_rules *r, const cx_config *cfg, const char *data_dir,
                         cx_error *err)
{
    return S_load_lines(r, cfg, data_dir, "rule_words", "entity/rule_words.txt",
                        S_rule_word_line, err);
}

void cx_entity_fini(cx_entity *e, int packed)
{
    if (packed) {
        free(e->mentions);
        return;
    }
    free(e->name);
    for (size_t i = 0; i < e->n_aliases; i++)
        free(e->aliases[i]);
    free(e->aliases);
    free(e->mentions);
}

/* ---- a set of token keys ---------------------------------------------- */

static size_t S_set_slot(const uint64_t *tab, size_t cap, uint64_t k)
{
    size_t m = cap - 1, i = (size_t)k & m;
    while (tab[i] && tab[i] != k)
        i = (i + 1) & m;
    return i;
}

/* Sized by the distinct keys put, not by the tokens: most of a long
 * document's words repeat, and zeroing a table of twice its tokens was a
 * fifth of this stage. A failure to grow marks w->nomem. */
static int S_set_grow(S_work *w, S_keyset *s)
{
    size_t ncap = s->cap ? s->cap * 2 : 64;
    uint64_t *nk = calloc(ncap, sizeof *nk);
    if (!nk) {
        w->nomem = 1;
        return -1;
    }
    for (size_t i = 0; i < s->cap; i++)
        if (s->k[i])
            nk[S_set_slot(nk, ncap, s->k[i])] = s->k[i];
    free(s->k);
    s->k = nk;
    s->cap = ncap;
    return 0;
}

static inline void S_set_put(S_work *w, S_keyset *s, uint64_t k)
{
    if (s->cap) { /* most puts find their key: words repeat */
        size_t i = S_set_slot(s->k, s->cap, k);
        if (s->k[i] == k)
            return;
        if ((s->n + 1) * 2 <= s->cap) {
            s->k[i] = k;
            s->n++;
            return;
        }
    }
    if (S_set_grow(w, s))
        return;
    s->k[S_set_slot(s->k, s->cap, k)] = k;
    s->n++;
}

int cx_ent_set_has(const S_keyset *s, uint64_t k)
{
    return s->cap && s->k[S_set_slot(s->k, s->cap, k)] == k;
}

/* ---- 1. features ------------------------------------------------------ */

/* Is token i the text s[n]? S_tok_is takes a string literal. */
static inline int S_tok_isn(const S_work *w, size_t i, const char *s, size_t n)
{
    const cx_tok *t = &w->seg->toks[i];
    return t->end - t->start == n && memcmp(w->text + t->start, s, n) == 0;
}
#define S_tok_is(w, i, s) S_tok_isn((w), (i), "" s, sizeof(s) - 1)

/* S_rule_word past its masks: compare the set's entries. */
static int S_rule_word_entries(const S_work *w, size_t i, unsigned set)
{
    const cx_entity_rules *r = w->r;
    for (size_t k = 0; k < r->nwords[set]; k++) {
        const cx_rule_word *x = &r->words[set][k];
        size_t last = x->split ? x->split + 1u : 0;
        if (S_tok_isn(w, i, x->s + last, x->len - last) &&
            (!x->split || (i > 0 && S_tok_isn(w, i - 1, x->s, x->split))))
            return 1;
    }
    return 0;
}

/* Does an entry of the rule-word set `set` end at token i? An entry of
 * two words ("aircraft carrier") asks for the word before it too. Most
 * tokens fail the masks of the set's lengths and first bytes, inline. */
static inline int S_rule_word(const S_work *w, size_t i, unsigned set)
{
    const cx_entity_rules *r = w->r;
    const cx_tok *t = &w->seg->toks[i];
    size_t n = t->end - t->start;
    unsigned char c = (unsigned char)w->text[t->start];
    if (n >= 32 || !(r->word_lens[set] >> n & 1) || !(r->word_first[set][c / 8] >> (c % 8) & 1))
        return 0;
    return S_rule_word_entries(w, i, set);
}

/* Is token i a possessive 's (or 's with a typographic apostrophe)? */
static int S_possessive_tok(const S_work *w, size_t i)
{
    const cx_tok *k = &w->seg->toks[i];
    const unsigned char *s = (const unsigned char *)w->text + k->start;
    size_t n = k->end - k->start;
    return (k->flags & CX_TOK_WORD) && (s[n - 1] | 32) == 's' &&
           ((n == 2 && s[0] == '\'') ||
            (n == 4 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x99));
}

int cx_ent_prep_before(const S_work *w, size_t b)
{
    if (b == 0 || !(w->t[b - 1].cats & CX_G_LOC_PREP))
        return 0;
    /* "according to Kaspersky" */
    if (b >= 2 && S_tok_is(w, b - 1, "to") &&
        (S_tok_is(w, b - 2, "according") || S_tok_is(w, b - 2, "According")))
        return 0;
    if (!w->t[b - 1].cap || (w->seg->toks[b - 1].flags & CX_TOK_SSTART))
        return 1;
    /* a line in capitals: "BOSTON AT DETROIT", "LEAD IN DENVER" */
    return (w->seg->toks[b - 1].flags & CX_TOK_UPPER) &&
           (w->seg->toks[b].flags & CX_TOK_UPPER) && w->t[b - 1].hl &&
           (S_tok_is(w, b - 1, "IN") || S_tok_is(w, b - 1, "AT"));
}

int cx_ent_dateline(const S_work *w, size_t b, size_t e)
{
    if (!(b == 0 || (w->seg->toks[b].flags & CX_TOK_NL)) || e >= w->ntok)
        return 0;
    if (!(w->seg->toks[b].flags & CX_TOK_UPPER))
        return 0;
    return (w->seg->toks[e].flags & CX_TOK_NUM) || w->t[e].intx || cx_ent_punct(w, e, ",") ||
           cx_ent_punct(w, e, "(");
}

int cx_ent_punctn(const S_work *w, size_t i, const char *s, size_t n)
{
    return i < w->ntok && (w->seg->toks[i].flags & CX_TOK_PUNCT) && S_tok_isn(w, i, s, n);
}

/* Punctuation after which a capital is no evidence of a name: opening
 * quotes and parentheses, a colon, dashes. Asked of every token. */
static int S_open_quote(const S_work *w, size_t i)
{
    const cx_tok *t = &w->seg->toks[i];
    if (!(t->flags & CX_TOK_PUNCT))
        return 0;
    const unsigned char *s = (const unsigned char *)w->text + t->start;
    size_t n = t->end - t->start;
    if (n == 1)
        return s[0] == '"' || s[0] == '(' || s[0] == ':' || s[0] == '\'' || s[0] == '-';
    if (n == 2) /* `` in tokenized text */
        return s[0] == '`' && s[1] == '`';
    /* U+201C U+2018 U+2013 U+2014 */
    return n == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
           (s[2] == 0x9C || s[2] == 0x98 || s[2] == 0x93 || s[2] == 0x94);
}

static void S_mark_timex(S_work *w, const cx_timex *tx, size_t ntx)
{
    for (size_t k = 0; k < ntx; k++) {
        if (tx[k].in_name)
            continue;
        for (size_t i = cx_seg_tok_at(w->seg, tx[k].span.start);
             i < w->ntok && w->seg->toks[i].start < tx[k].span.end; i++)
            w->t[i].intx = 1;
    }
}

/* A plain English word, not a name in any list. */
static int S_plain(const S_tok *t)
{
    return (t->cats & CX_G_COMMON) &&
           !(t->cats & (CX_G_ANY_NAME | CX_G_PER_FIRST | CX_G_PER_LAST)) && !t->mlen;
}

/* The rest of the features of tokens [b, e) of one line, once it is
 * known whether they are in its headline (hl): the document's own
 * capitalization (a word capitalized in mid-sentence is a name here) and
 * whether this is a sports report. Lower-case words go to w->lower only
 * when it is asked often enough (cx_ent_lower_has). */
static void S_line_features(S_work *w, size_t b, size_t e, int hl)
{
    for (size_t i = b; i < e; i++) {
        S_tok *t = &w->t[i];
        t->hl = (uint8_t)hl;
        if (hl) {
            t->weak = 1;
            if (t->cap && i < 40 && (t->cats & CX_G_SPORT)) {
                w->sports = 1;
                w->solo |= !!(t->cats & CX_G_SPORT_SOLO);
                w->team |= !!(t->cats & CX_G_SPORT_TEAM);
            }
        } else if (t->cap && !t->weak) {
            S_set_put(w, &w->strong, w->g[i].key);
        }
    }
}

/* Is the word before token i a lower-case "of", "for", "and", "on" or
 * "&"? Plain words after one are inside a name ("Organisation for Security
 * and Cooperation"), not the capitalized verbs and nouns of a headline. */
static int S_after_connector(const S_work *w, size_t i)
{
    return i > 0 &&
           (S_tok_is(w, i - 1, "of") || S_tok_is(w, i - 1, "for") ||
            S_tok_is(w, i - 1, "and") || S_tok_is(w, i - 1, "on") || S_tok_is(w, i - 1, "&"));
}

/* Marks headlines: a line in capitals, or a line that opens with
 * Title Case words of which at least two (past the first) are plain
 * English ("Moscow Says US NSA Invaded Apple Phones ..."); only that
 * opening is a headline. The segmenter's flag also takes short
 * sentences of names, which are no headlines. One pass over a line
 * finds its end and counts its words; a second gives its tokens their
 * line features. (Counting in S_features' own loop cost more.) The
 * counting stops once a long small word has ended the opening and some
 * word is not in capitals: nothing after that changes the outcome (the
 * line is not all capitals, and plain words count only in the opening),
 * and most lines of news get there within a few words. */
static void S_headlines(S_work *w)
{
    const cx_seg *seg = w->seg;
    size_t ls = 0;
    while (ls < w->ntok) {
        size_t i = ls, stop = SIZE_MAX, words = 0, upper = 0, common = 0;
        size_t pend = 0; /* plain words of the capitalized stretch at i */
        int head = 0;    /* the stretch's last word is an organization's head */
        do {
            const cx_tok *k = &seg->toks[i];
            if (!(k->flags & CX_TOK_WORD)) {
                common += head ? 0 : pend;
                pend = 0;
                continue;
            }
            int longw = k->end - k->start >= 4;
            if (w->text[k->start] == '\'' || (unsigned char)w->text[k->start] == 0xE2)
                continue; /* a possessive 's */
            words++;
            upper += (k->flags & CX_TOK_UPPER) || k->end - k->start == 1;
            if (!w->t[i].cap) {
                /* plain words before a head word that prose goes on
                 * after name it: "The National Transportation Safety
                 * Board said" opens a sentence, no headline */
                common += head ? 0 : pend;
                pend = 0;
            }
            head = w->t[i].cap && (w->t[i].cats & (CX_G_ORG_HEAD | CX_G_ORG_SUFFIX));
            if (longw && (k->flags & CX_TOK_LOWER) && stop == SIZE_MAX)
                stop = i;
            if (stop == SIZE_MAX && longw && i > ls && w->t[i].cap && S_plain(&w->t[i]) &&
                !(w->t[i].cats & (CX_G_ORG_HEAD | CX_G_LOC_HEAD | CX_G_MISC_HEAD |
                                  CX_G_ORG_PREFIX | CX_G_TITLE)) &&
                !S_after_connector(w, i))
                pend++;
            if (stop != SIZE_MAX && upper < words) {
                while (++i < w->ntok && !(seg->toks[i].flags & CX_TOK_NL))
                    ;
                break;
            }
        } while (++i < w->ntok && !(seg->toks[i].flags & CX_TOK_NL));
        common += pend; /* a stretch that ends the line */
        size_t le = i;
        if (words >= 2 && upper == words)
            stop = le;
        else if (common < 2)
            stop = ls;
        else if (stop == SIZE_MAX)
            stop = le;
        S_line_features(w, ls, stop, 1);
        S_line_features(w, stop, le, 0);
        ls = le;
    }
}

/* The features of word token i from its own text and the gazetteer
 * matches from it; returns the title ends the matches mark, bit k for
 * token i + k. */
static uint32_t S_word_features(S_work *w, size_t i, S_tok *t)
{
    const cx_seg *seg = w->seg;
    const cx_tok *k = &seg->toks[i];
    uint32_t title_ends = 0;
    t->cap = (k->flags & (CX_TOK_CAP | CX_TOK_UPPER)) != 0;
    /* a model code (A350, F-16, G7) names a product, not an entity */
    for (size_t j = k->start; t->cap && j < k->end; j++)
        if (w->text[j] >= '0' && w->text[j] <= '9')
            t->code = 1;
    /* US$, HK$: part of a currency sign */
    if (i + 1 < w->ntok &&
        (seg->toks[i + 1].flags & (CX_TOK_SPACE | CX_TOK_PUNCT)) == CX_TOK_PUNCT &&
        w->text[seg->toks[i + 1].start] == '$' && cx_ent_punct(w, i + 1, "$"))
        t->code = 1;
    /* GLP-1, COVID-19, Su-57: a word with a number hyphened to it */
    if (t->cap && i + 2 < w->ntok &&
        (seg->toks[i + 1].flags & (CX_TOK_SPACE | CX_TOK_PUNCT)) == CX_TOK_PUNCT &&
        (seg->toks[i + 2].flags & (CX_TOK_SPACE | CX_TOK_NUM)) == CX_TOK_NUM &&
        cx_ent_punct(w, i + 1, "-"))
        t->code = 1;
    t->weak = (k->flags & (CX_TOK_SSTART | CX_TOK_HEADLINE)) != 0 || i == 0 ||
              ((seg->toks[i - 1].flags & CX_TOK_PUNCT) && S_open_quote(w, i - 1)) ||
              (k->flags & CX_TOK_NL);
    cx_gaz_hit hits[8];
    size_t n = cx_gaz_match(w->r->gaz, &w->g[i], w->ntok - i, hits, 8);
    for (size_t h = 0; h < n; h++) {
        if (hits[h].ntok == 1)
            t->cats = hits[h].cats, t->user = (uint8_t)hits[h].user;
        if (hits[h].cats & (CX_G_ANY_NAME | CX_G_MISC)) {
            t->mlen = (uint8_t)hits[h].ntok;
            t->mcats = hits[h].cats;
            t->muser = (uint8_t)hits[h].user;
            t->mcanon = hits[h].canon;
        }
        if (hits[h].cats & CX_G_TITLE) {
            title_ends |= 1u << (hits[h].ntok - 1);
            t->title_len = (uint8_t)hits[h].ntok;
        }
        if (hits[h].cats & CX_G_ROLE_AFTER)
            t->role_start = 1;
        if (hits[h].cats & CX_G_DEMONYM)
            t->dlen = (uint8_t)hits[h].ntok;
    }
    return title_ends;
}

/* Every S_tok is written here (none is zeroed before): a match marks
 * the end of a title some tokens ahead, so title ends wait in a mask
 * until their token comes. */
static void S_features(S_work *w)
{
    const cx_seg *seg = w->seg;
    cx_gaz_toks_init(w->g, w->text, seg->toks, w->ntok);
    uint32_t title_ends = 0; /* bit k: token i + k ends a title */
    for (size_t i = 0; i < w->ntok; i++) {
        S_tok *t = &w->t[i];
        memset(t, 0, sizeof *t);
        if (seg->toks[i].flags & CX_TOK_WORD)
            title_ends |= S_word_features(w, i, t);
        t->title_end = title_ends & 1;
        title_ends >>= 1;
    }
    S_headlines(w);
}

#define S_LOWER_SCANS 4 /* questions answered by a scan of the tokens */

/* Was the word of key k written in lower case anywhere in the document?
 * Only one-word pieces ask (cx_ent_resolve), once all pieces are made.
 * A document asks about one question on average: the first few are
 * answered by one pass over the tokens, without a set. After those the
 * set is built, holding only the pieces' words (putting every lower-case
 * word of the document was most of the sets' cost); as every question is
 * about a piece's word, both ways give the same answers. */
int cx_ent_lower_has(S_work *w, uint64_t k)
{
    if (w->lower_asked < S_LOWER_SCANS) {
        w->lower_asked++;
        for (size_t i = 0; i < w->ntok; i++)
            if (w->g[i].key == k && (w->g[i].flags & CX_TOK_LOWER))
                return 1;
        return 0;
    }
    if (w->lower_asked == S_LOWER_SCANS) {
        S_keyset want = {0};
        w->lower_asked++;
        for (size_t i = 0; i < w->np; i++)
            if (w->p[i].e - w->p[i].b == 1)
                S_set_put(w, &want, w->g[w->p[i].b].key);
        for (size_t i = 0; i < w->ntok; i++)
            if ((w->seg->toks[i].flags & CX_TOK_LOWER) && cx_ent_set_has(&want, w->g[i].key))
                S_set_put(w, &w->lower, w->g[i].key);
        free(want.k);
    }
    return cx_ent_set_has(&w->lower, k);
}

/* ---- 2. runs ---------------------------------------------------------- */

/* Can token i be part of a name? */
static int S_namey(const S_work *w, size_t i)
{
    const S_tok *t = &w->t[i];
    return t->cap && !t->intx && !t->code;
}

/* Is token i a person's initials: one to three capitals, each with its
 * period ("P.", "K.P.", "J.R.R.")? Two or three only when the lists know
 * the token as nothing (U.S., U.K. and U.N. they know). */
static int S_initials(const S_work *w, size_t i)
{
    const cx_gaz_tok *g = &w->g[i];
    if (!(w->seg->toks[i].flags & CX_TOK_ABBR) || g->len < 2 || g->len > 6 || (g->len & 1))
        return 0;
    for (size_t k = 0; k < g->len; k += 2)
        if ((unsigned)(g->s[k] - 'A') >= 26u || g->s[k + 1] != '.')
            return 0;
    return g->len == 2 || (!w->t[i].cats && !w->t[i].mlen);
}

static int S_connector(const S_work *w, size_t i)
{
    const S_tok *t = &w->t[i];
    if (S_tok_is(w, i, "of") || S_tok_is(w, i, "&") || S_tok_is(w, i, "de") ||
        S_tok_is(w, i, "for") || S_tok_is(w, i, "on"))
        return 1;
    /* not a particle that is an English word too ("as"), which joins
     * only by a hyphen ("as-Sadr", S_particles) */
    return (t->cats & CX_G_PARTICLE) && !(t->cats & CX_G_FUNC) &&
           (w->seg->toks[i].flags & CX_TOK_LOWER);
}

static int S_same_line(const S_work *w, size_t i)
{
    const cx_tok *k = &w->seg->toks[i];
    return !(k->flags & CX_TOK_NL) && k->sent == w->seg->toks[i - 1].sent;
}

/* "Defence and Space Company", "Test and County Cricket Board": "and"
 * joins two capitalized stretches when an organization head word ends
 * the second one. */
static int S_and_joins(const S_work *w, size_t j)
{
    size_t k = j + 1;
    while (k < w->ntok && k < j + 8 && S_same_line(w, k) && S_namey(w, k) &&
           (w->seg->toks[k].flags & CX_TOK_SPACE) && !w->t[k].hl)
        k++;
    /* not after a place's head word, nor before a name the lists know
     * whole ("Heathrow Airport and British Airways") */
    return k > j + 1 && (w->t[k - 1].cats & (CX_G_ORG_HEAD | CX_G_ORG_SUFFIX)) &&
           !(w->t[j - 1].cats & (CX_G_ORG_HEAD | CX_G_ORG_SUFFIX | CX_G_LOC_HEAD)) &&
           !w->t[j - 1].mlen && w->t[j + 1].mlen != k - j - 1;
}

/* Does the connector at j join [i, j) to the name after it? "of"
 * follows a head word or a plain word ("Bank of England", "London School
 * of Economics", "Commonwealth of Independent States"), not a complete
 * name ("Ann Lowe of Barclays", "Freiburg of Germany", "Daniels
 * Pharmaceuticals Inc of St. Petersburg"). "for" and "on" follow a head
 * word only ("Office for National Statistics", "Council on Foreign
 * Relations"), and "on" comes before no known name ("the Security Council
 * on Syria"; a date after it is no name word at all: "the Senate on
 * Monday"). */
static int S_of_joins(const S_work *w, size_t i, size_t j)
{
    const S_tok *l = &w->t[j - 1];
    int on = S_tok_is(w, j, "on");
    if (!S_tok_is(w, j, "of") && !S_tok_is(w, j, "for") && !on)
        return 1;
    if (l->cats & CX_G_ORG_SUFFIX)
        return 0;
    if (on && (w->t[j + 1].mlen || (w->t[j + 1].cats & (CX_G_ANY_NAME | CX_G_PER_FIRST))))
        return 0;
    if (on || S_tok_is(w, j, "for"))
        return (l->cats & CX_G_ORG_HEAD) != 0;
    if (l->cats & (CX_G_ORG_HEAD | CX_G_LOC_HEAD | CX_G_MISC_HEAD))
        return 1;
    return (l->cats & CX_G_COMMON) && !(w->t[i].cats & CX_G_PER_FIRST && j - i > 1);
}

/* The end of a stretch of lower-case name particles from j, written
 * apart ("van der") or joined by hyphens ("-ur-", "al-"); j when none. */
static size_t S_particles(const S_work *w, size_t j)
{
    size_t k = j;
    int glued =
        k < w->ntok && cx_ent_punct(w, k, "-") && !(w->seg->toks[k].flags & CX_TOK_SPACE);
    if (glued)
        k++;
    size_t n = 0;
    while (k < w->ntok && (w->t[k].cats & CX_G_PARTICLE) &&
           (w->seg->toks[k].flags & CX_TOK_LOWER) && n < 3) {
        if (glued) {
            if ((w->seg->toks[k].flags & CX_TOK_SPACE) || k + 1 >= w->ntok ||
                !cx_ent_punct(w, k + 1, "-") || (w->seg->toks[k + 1].flags & CX_TOK_SPACE))
                break;
            k += 2;
            if (k < w->ntok && (w->seg->toks[k].flags & CX_TOK_SPACE))
                return j;
        } else {
            /* "Rami al-Saadani", "Nour al-Din Ben Salem": a particle
             * joined by a hyphen to the next word of the name */
            if (k + 2 < w->ntok && cx_ent_punct(w, k + 1, "-") &&
                !(w->seg->toks[k + 1].flags & CX_TOK_SPACE) &&
                !(w->seg->toks[k + 2].flags & CX_TOK_SPACE))
                return k + 2;
            /* a particle that is an English word too ("as") joins only so:
             * "in Dunmore as Teresa Oduya arrived" */
            if (w->t[k].cats & CX_G_FUNC)
                break;
            k++;
        }
        n++;
    }
    return n ? k : j;
}

/* Where the text of the name from token b starts: before a lower-case
 * particle joined to it by a hyphen ("al-Aqsa", "el-Sisi"), which is
 * part of the name but not of its key, else at b. */
size_t cx_ent_lead(const S_work *w, size_t b)
{
    const cx_tok *k = w->seg->toks;
    if (b >= 2 && !(k[b].flags & CX_TOK_SPACE) && !(k[b - 1].flags & CX_TOK_SPACE) &&
        cx_ent_punct(w, b - 1, "-") && (w->t[b - 2].cats & CX_G_PARTICLE) &&
        (k[b - 2].flags & CX_TOK_LOWER) &&
        (b == 2 || (k[b - 2].flags & (CX_TOK_SPACE | CX_TOK_NL))))
        return b - 2;
    return b;
}

/* An English word that no list names as a place or an organization and
 * that opens no longer list entry, though it may be a surname: "Peace" in
 * "Institute for Peace and Dialogue". */
static int S_word_of_name(const S_tok *t)
{
    return (t->cats & CX_G_COMMON) && !(t->cats & (CX_G_ANY_LOC | CX_G_ANY_ORG)) && !t->mlen;
}

/* "Organization for Security and Cooperation", "Office for Democratic
 * Institutions and Human Rights": once a connector has joined a head word
 * to what follows (named), "and" between two plain capitalized words goes
 * on with the name; not between names ("Bank of England and Barclays",
 * "Ministry of Defence and Boeing"). */
static int S_and_goes_on(const S_work *w, size_t j, int named)
{
    /* the word before may be the lower-case end of "Co-operation" */
    int glued = j >= 3 && (w->seg->toks[j - 1].flags & CX_TOK_LOWER) &&
                !(w->seg->toks[j - 1].flags & CX_TOK_SPACE) && cx_ent_punct(w, j - 2, "-") &&
                S_namey(w, j - 3);
    return named && j + 1 < w->ntok && S_same_line(w, j + 1) && S_namey(w, j + 1) &&
           (w->seg->toks[j + 1].flags & CX_TOK_SPACE) &&
           (glued || S_word_of_name(&w->t[j - 1])) && S_plain(&w->t[j + 1]) && !w->t[j + 1].hl;
}

/* Do tokens [i, e) spell s[k, n)? A capitalized word gives its initial,
 * an abbreviation all its capitals or its initial alone, a lower-case
 * word its initial or nothing. */
static int S_spells_from(const S_work *w, size_t i, size_t e, const char *s, size_t n, size_t k)
{
    if (i == e)
        return k == n;
    const cx_tok *t = &w->seg->toks[i];
    const char *c = w->text + t->start;
    if (t->flags & CX_TOK_LOWER) /* "in", "for": its initial or none */
        return S_spells_from(w, i + 1, e, s, n, k) ||
               (k < n && c[0] - 'a' + 'A' == s[k] && S_spells_from(w, i + 1, e, s, n, k + 1));
    if (k == n || c[0] != s[k])
        return 0;
    /* "U.N.": an abbreviation's capitals, or its initial alone */
    size_t m = k + 1;
    for (size_t j = 1; j < t->end - t->start && m < n; j++)
        if (c[j] >= 'A' && c[j] <= 'Z') {
            if (c[j] != s[m])
                break;
            m++;
        }
    return ((t->flags & CX_TOK_ABBR) && m > k + 1 && S_spells_from(w, i + 1, e, s, n, m)) ||
           S_spells_from(w, i + 1, e, s, n, k + 1);
}

/* Do the words of [b, e) spell the acronym token a, three letters or
 * more ("Organisation for Security and Cooperation in Europe", OSCE;
 * "U.N. Observer Mission in Sudan", UNOMIS)? */
static int S_spells(const S_work *w, size_t b, size_t e, size_t a)
{
    const char *s = w->text + w->seg->toks[a].start;
    size_t n = w->seg->toks[a].end - w->seg->toks[a].start;
    if (n < 3 || !(w->seg->toks[a].flags & CX_TOK_UPPER) || e - b > 12)
        return 0;
    return S_spells_from(w, b, e, s, n, 0);
}

/* "Organisation for Security and Cooperation in Europe (OSCE)": "in"
 * goes on with the name at [i, j) when the capitalized words after it
 * end the name that the acronym in parentheses right after spells. */
static int S_in_joins(const S_work *w, size_t i, size_t j)
{
    if (!S_tok_is(w, j, "in"))
        return 0;
    size_t m = j + 1;
    while (m < w->ntok && m < j + 4 && S_same_line(w, m) && S_namey(w, m) &&
           (w->seg->toks[m].flags & CX_TOK_SPACE))
        m++;
    return m > j + 1 && m + 2 < w->ntok && S_same_line(w, m + 2) && cx_ent_punct(w, m, "(") &&
           cx_ent_punct(w, m + 2, ")") &&
           S_spells(w, i + (S_tok_is(w, i, "The") && j > i + 1), m, m + 1);
}

/* Is token i a capitalized English plural that ends in no s (People,
 * Women, Men, Children)? Its possessive opens many names. */
static int S_plural_no_s(const S_work *w, size_t i) { return S_rule_word(w, i, CX_RW_PLURAL); }

/* "People's Daily", "Women's Tennis Association", "Children's Hospital":
 * the 's of a plural is inside a name when a capitalized word follows it
 * on the line; after a name it is a possessive ("Britain's Labour
 * Party", "Dominion's Virginia Power unit"), which the lists cannot tell. */
static int S_possessive_in_name(const S_work *w, size_t j)
{
    return S_possessive_tok(w, j) && !(w->seg->toks[j].flags & CX_TOK_SPACE) &&
           S_plural_no_s(w, j - 1) && j + 1 < w->ntok && S_same_line(w, j + 1) &&
           S_namey(w, j + 1) && !w->t[j + 1].weak;
}

/* "National Farmers' Union", "Ottawa Grain Dealers ' Association",
 * "Workers' Party": is token j the apostrophe of a capitalized plural,
 * with an organization's head word after it on the line? Then the
 * plural's possessive is inside the name, as "People's" is. Only a
 * plural of an English word the lists know as no name: after a name
 * ("the Yankees' Derek Jeter", "the Rangers' board") it is a
 * possessive. */
static int S_plural_apostrophe(const S_work *w, size_t j)
{
    const cx_tok *k = &w->seg->toks[j];
    const unsigned char *s = (const unsigned char *)w->text + k->start;
    size_t n = k->end - k->start;
    if (!(k->flags & CX_TOK_PUNCT) ||
        !((n == 1 && s[0] == '\'') || (n == 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x99)))
        return 0;
    const cx_gaz_tok *p = &w->g[j - 1];
    const S_tok *t = &w->t[j - 1];
    return p->len >= 3 && p->s[p->len - 1] == 's' && t->cap && (t->cats & CX_G_COMMON) &&
           !(t->mlen && (t->mcats & CX_G_ANY_NAME)) &&
           !(w->seg->toks[j - 1].flags & CX_TOK_UPPER) && j + 1 < w->ntok &&
           S_same_line(w, j + 1) && w->t[j + 1].cap && (w->t[j + 1].cats & CX_G_ORG_HEAD);
}

/* Is token k a whole number of at most three digits (a score, or a
 * count in a table)? */
static int S_small_num(const S_work *w, size_t k)
{
    const cx_gaz_tok *g = &w->g[k];
    if (!(w->seg->toks[k].flags & CX_TOK_NUM) || g->len > 3)
        return 0;
    for (size_t j = 0; j < g->len; j++)
        if (g->s[j] < '0' || g->s[j] > '9')
            return 0;
    return 1;
}

/* Is token i in a name of a sports table's row: a line of nothing but
 * capitalized names (with "of" and short brackets) each followed by small
 * numbers, as standings ("Walsall 4 3 1 0 7 4 10") and results ("Reading 2
 * Walsall 2", "Wasps 27 Sale 22") are written? Clubs there are named after
 * towns that are English words, and each opens a line or follows a score. */
static int S_table_row(const S_work *w, size_t i)
{
    size_t a = i, z = i + 1, nums = 0;
    while (a > 0 && !(w->seg->toks[a].flags & CX_TOK_NL) && i - a < 24)
        a--;
    while (z < w->ntok && !(w->seg->toks[z].flags & CX_TOK_NL) && z - i < 24)
        z++;
    if ((a > 0 && !(w->seg->toks[a].flags & CX_TOK_NL)) ||
        (z < w->ntok && !(w->seg->toks[z].flags & CX_TOK_NL)) || !w->t[a].cap)
        return 0;
    for (size_t k = a; k < z; k++) {
        if (S_small_num(w, k))
            nums++;
        else if (!w->t[k].cap && !S_tok_is(w, k, "of") && !cx_ent_punct(w, k, "(") &&
                 !cx_ent_punct(w, k, ")"))
            return 0;
    }
    size_t k = i + 1;
    while (k < z && !S_small_num(w, k))
        k++;
    return nums >= 2 && k < z;
}

/* Is token k a word of capital ASCII letters only? */
static int S_capitals(const S_work *w, size_t k)
{
    const cx_gaz_tok *g = &w->g[k];
    size_t j = 0;
    while (j < g->len && w->text[w->seg->toks[k].start + j] >= 'A' &&
           w->text[w->seg->toks[k].start + j] <= 'Z')
        j++;
    return j > 0 && j == g->len;
}

/* Is token i in a sports report's table row? */
static int S_club_row(const S_work *w, size_t i) { return w->sports && S_table_row(w, i); }

/* Do a hyphen at j and a short lower-case syllable glued to it end a
 * given name after a family name that opens the run at i ("Park Jin-woo")? */
static int S_given_syllable(const S_work *w, size_t i, size_t j)
{
    const cx_tok *k = w->seg->toks;
    return j >= i + 2 && j + 1 < w->ntok && !(k[j].flags & CX_TOK_SPACE) &&
           !(k[j + 1].flags & CX_TOK_SPACE) && (k[j + 1].flags & CX_TOK_LOWER) &&
           w->g[j + 1].len <= 4 && w->g[j - 1].len <= 6 &&
           (w->t[i].cats & (CX_G_PER_FIRST | CX_G_PER_LAST)) && cx_ent_punct(w, j, "-");
}

/* Do a period and "com", "net" or "org" glued to the word before token j
 * start at j ("Amazon.com")? */
static int S_domain_at(const S_work *w, size_t j)
{
    return j + 1 < w->ntok && !(w->seg->toks[j].flags & CX_TOK_SPACE) &&
           !(w->seg->toks[j + 1].flags & CX_TOK_SPACE) && cx_ent_punct(w, j, ".") &&
           (S_tok_is(w, j + 1, "com") || S_tok_is(w, j + 1, "net") ||
            S_tok_is(w, j + 1, "org"));
}

static int S_quote_mark(const S_work *w, size_t i); /* types, below */

/* 'Earvin "Magic" Johnson', 'Arturo "Iron Hand" Velasco', 'James
 * (Jim) Nolan': a nickname in quotes (capitalized words, "of" or "the"
 * between them), or a given name in brackets, between a given name at
 * j - 1 and a name after it on the line. Returns that name's token, else
 * 0. */
static size_t S_nickname(const S_work *w, size_t j)
{
    const S_tok *g = &w->t[j - 1];
    if (!(w->seg->toks[j].flags & CX_TOK_PUNCT) || !(g->cats & CX_G_PER_FIRST) || !g->cap)
        return 0;
    int quote = S_quote_mark(w, j);
    if (!quote && !cx_ent_punct(w, j, "("))
        return 0;
    size_t k = j + 1;
    while (k < w->ntok && k < j + 5 && S_same_line(w, k) &&
           (S_namey(w, k) ||
            (quote && k > j + 1 && (S_tok_is(w, k, "of") || S_tok_is(w, k, "the")))))
        k++;
    if (k == j + 1 || !S_namey(w, k - 1) || k + 1 >= w->ntok || !S_same_line(w, k + 1) ||
        !S_namey(w, k + 1) || !(w->seg->toks[k + 1].flags & CX_TOK_SPACE))
        return 0;
    if (quote)
        return S_quote_mark(w, k) ? k + 1 : 0;
    /* in brackets, one given name that is no place ("Medvedev (Ukraine)") */
    return cx_ent_punct(w, k, ")") && k == j + 2 && (w->t[j + 1].cats & CX_G_PER_FIRST) &&
                   !(w->t[j + 1].cats & CX_G_ANY_LOC)
               ? k + 1
               : 0;
}

/* The end of the run that starts at i. */
static size_t S_run_end(const S_work *w, size_t i)
{
    size_t j = i + 1, listed = i; /* listed: the end of the lists' names in it */
    int named = 0;                /* a connector joined a head word here */
    while (j < w->ntok && S_same_line(w, j)) {
        const cx_tok *k = &w->seg->toks[j];
        if (w->t[j - 1].mlen > 1 && j - 1 + w->t[j - 1].mlen > listed)
            listed = j - 1 + w->t[j - 1].mlen;
        /* "Department of Health and Human Services", "People's Republic
         * of China", "McDonald's", "Dar es Salaam", "Frankfurt am Main": a
         * name the lists know goes on through the "and", the possessive 's
         * or the lower-case word inside it */
        if (listed > j &&
            (S_tok_is(w, j, "and") || S_possessive_tok(w, j) || (k->flags & CX_TOK_LOWER))) {
            j = listed;
            continue;
        }
        if (S_namey(w, j) && (k->flags & CX_TOK_SPACE)) {
            j++;
            continue;
        }
        if (S_possessive_in_name(w, j)) {
            j += 2;
            continue;
        }
        if (S_plural_apostrophe(w, j)) {
            j += 2;
            continue;
        }
        size_t nick = (k->flags & CX_TOK_PUNCT) ? S_nickname(w, j) : 0;
        if (nick) {
            j = nick;
            continue;
        }
        /* Hewlett-Packard: a hyphen without spaces between capitals */
        if (!(k->flags & CX_TOK_SPACE) && cx_ent_punct(w, j, "-") && j + 1 < w->ntok &&
            !w->t[j - 1].hl && !(w->seg->toks[j + 1].flags & CX_TOK_SPACE) &&
            S_namey(w, j + 1)) {
            j += 2;
            continue;
        }
        /* "Park Jin-woo", "Lee Sung-ho", "Han Young-jae": the second
         * syllable of an East Asian given name after a family name */
        if (S_given_syllable(w, i, j)) {
            j += 2;
            continue;
        }
        /* Amazon.com, Booking.com: a web domain's ending is part of the
         * company's name */
        if (S_domain_at(w, j)) {
            j += 2;
            continue;
        }
        /* Co-operation, Co-ordination: the British spelling of one word */
        if (!(k->flags & CX_TOK_SPACE) && S_tok_is(w, j - 1, "Co") && cx_ent_punct(w, j, "-") &&
            j + 1 < w->ntok && !(w->seg->toks[j + 1].flags & CX_TOK_SPACE) &&
            (w->seg->toks[j + 1].flags & CX_TOK_LOWER)) {
            j += 2;
            continue;
        }
        if (S_tok_is(w, j, "and") && (S_and_joins(w, j) || S_and_goes_on(w, j, named))) {
            j++;
            continue;
        }
        if (S_connector(w, j) && j + 1 < w->ntok && S_same_line(w, j + 1) &&
            S_namey(w, j + 1) && (!w->t[j - 1].title_end || S_club_row(w, i)) &&
            S_of_joins(w, i, j)) {
            named |= (w->t[j - 1].cats & CX_G_ORG_HEAD) != 0;
            j += 2;
            continue;
        }
        /* "Institute for the Study of War", "Bank of the West": "of the",
         * "for the" after a head word; not after a title ("Minister of
         * the Interior" names a post) or a legal suffix ("Dow Chemical Co
         * of the United States"), nor before an organization's own name
         * ("the Ninth Directorate of the KGB" names two) */
        if ((S_tok_is(w, j, "of") || S_tok_is(w, j, "for")) && j + 2 < w->ntok &&
            S_tok_is(w, j + 1, "the") && S_same_line(w, j + 2) && S_namey(w, j + 2) &&
            (w->t[j - 1].cats & (CX_G_ORG_HEAD | CX_G_ORG_SUFFIX)) == CX_G_ORG_HEAD &&
            w->t[j - 1].cap && !w->t[j - 1].title_end &&
            !(w->seg->toks[j + 2].flags & CX_TOK_UPPER) &&
            !(w->t[j + 2].mcats & CX_G_ANY_ORG)) {
            named = 1;
            j += 3;
            continue;
        }
        if (S_in_joins(w, i, j)) {
            j += 2;
            continue;
        }
        /* "Radnik ( B ) 4 2 1 1", "Jedinstvo ( U ) 0": a club's town by its
         * initial, in brackets, in a sports table */
        if (w->sports && cx_ent_punct(w, j, "(") && j + 2 < w->ntok &&
            cx_ent_punct(w, j + 2, ")") && w->g[j + 1].len <= 2 && S_capitals(w, j + 1) &&
            S_same_line(w, j + 2) && S_club_row(w, i)) {
            j += 3;
            continue;
        }
        /* particles in a row: "Pieter van der Walt", "Ata-ur-Rehman" */
        size_t k2 = S_particles(w, j);
        if (k2 > j + 1 && k2 < w->ntok && S_same_line(w, k2) && S_namey(w, k2) &&
            !w->t[j - 1].title_end) {
            j = k2 + 1;
            continue;
        }
        break;
    }
    return j;
}

/* ---- 3. pieces -------------------------------------------------------- */

/* A sentence-opening or headline word that is plain English here. */
/* Do the bytes at p read as a bowler's figures, overs-maidens-runs-
 * wickets ("7-0-29-0", "9.5-0-44-1")? */
static int S_bowling_figures(const char *p)
{
    for (int part = 0; part < 4; part++) {
        size_t d = 0;
        while (p[d] >= '0' && p[d] <= '9')
            d++;
        if (d == 0 || d > 3)
            return 0;
        p += d;
        if (part == 0 && p[0] == '.' && p[1] >= '0' && p[1] <= '9')
            p += 2;
        if (part < 3 && *p++ != '-')
            return 0;
    }
    return !((*p >= '0' && *p <= '9') || *p == '-' || *p == '.');
}

/* Is token k an ordinal in digits ("41st", "90th")? */
static int S_ordinal(const S_work *w, size_t k)
{
    const char *q = w->text + w->seg->toks[k].start;
    size_t n = w->seg->toks[k].end - w->seg->toks[k].start, d = 0;
    while (d < n && q[d] >= '0' && q[d] <= '9')
        d++;
    if (d == 0 || d > 3 || n != d + 2)
        return 0;
    q += d;
    return (q[0] == 's' && q[1] == 't') || (q[0] == 'n' && q[1] == 'd') ||
           (q[0] == 'r' && q[1] == 'd') || (q[0] == 't' && q[1] == 'h');
}

/* A scorecard names players: after "c" (caught by), "b" (bowled by) or
 * "st" (stumped by), and before a bowler's figures ("S. Clarke b
 * Herath 22", "c Knight b Fraser", "Bowling : Kumara 7-0-29-0")
 * or a pitcher's record. */
static int S_scorecard_name(const S_work *w, size_t b, size_t e)
{
    if (b > 0 && S_same_line(w, b) &&
        (S_tok_is(w, b - 1, "c") || S_tok_is(w, b - 1, "b") || S_tok_is(w, b - 1, "st")))
        return 1;
    if (e < w->ntok && S_same_line(w, e) && (w->seg->toks[e].flags & CX_TOK_NUM) &&
        S_bowling_figures(w->text + w->seg->toks[e].start))
        return 1;
    if (w->t[b].mcats & CX_G_ANY_LOC)
        return 0;
    /* a goal's scorer or a substitute with the minute: "Dunphy ( 41st
     * min , pen )", "( Cardozo 46th )" */
    if (e < w->ntok && S_same_line(w, e)) {
        size_t k = e + cx_ent_punct(w, e, "(");
        if (k < w->ntok && S_same_line(w, k) && S_ordinal(w, k))
            return 1;
    }
    /* a shirt number before a player in a line-up: "4 - Christian
     * Brunel , 7 - Marc Dupuis" */
    if (b >= 2 && S_same_line(w, b) && S_same_line(w, b - 1) && cx_ent_punct(w, b - 1, "-") &&
        S_small_num(w, b - 2) &&
        (b == 2 || (w->seg->toks[b - 2].flags & CX_TOK_NL) || cx_ent_punct(w, b - 3, ",") ||
         cx_ent_punct(w, b - 3, ";") || cx_ent_punct(w, b - 3, "-") ||
         cx_ent_punct(w, b - 3, "(")))
        return 1;
    /* a pitcher's record of wins and losses: "Hill ( 12-9 )", "off
     * Tom Reed ( 7-5 )" */
    if (e + 1 < w->ntok && S_same_line(w, e) && cx_ent_punct(w, e, "(") &&
        !(b > 0 && (S_tok_is(w, b - 1, "the") || S_tok_is(w, b - 1, "The")))) {
        const char *q = w->text + w->seg->toks[e + 1].start;
        size_t d = 0, d2 = 0;
        while (q[d] >= '0' && q[d] <= '9')
            d++;
        if (d == 0 || d > 2 || q[d] != '-')
            return 0;
        q += d + 1;
        while (q[d2] >= '0' && q[d2] <= '9')
            d2++;
        q += d2;
        while (*q == ' ')
            q++;
        return d2 > 0 && d2 <= 2 && *q == ')';
    }
    return 0;
}

/* The categories the lists give the one word t, alone (S_common_word
 * and S_caps_plain ask of words outside w->t's features). */
static uint32_t S_one_word_cats(const S_work *w, const cx_gaz_tok *t)
{
    cx_gaz_hit hits[8];
    size_t n = cx_gaz_match(w->r->gaz, t, 1, hits, 8);
    uint32_t cats = 0;
    for (size_t h = 0; h < n; h++)
        if (hits[h].ntok == 1)
            cats |= hits[h].cats;
    return cats;
}

/* Is s (n bytes, capitalized) an English word of the lists? (A word
 * opening with a capital is looked up in the table that holds them.) */
static int S_common_word(const S_work *w, const char *s, size_t n)
{
    cx_gaz_tok t;
    cx_gaz_tok_init(&t, s, n, CX_TOK_WORD | CX_TOK_CAP);
    return (S_one_word_cats(w, &t) & CX_G_COMMON) != 0;
}

/* "Peacekeepers", "Automakers": is token i a capitalized plural of an
 * agent noun (in -ers, -ors) that is two English words run together
 * ("peace" + "keepers"), a plain word no dictionary of ours lists whole?
 * (Not other compounds: teams are named so, "Timberwolves".) */
static int S_compound_plural(const S_work *w, size_t i)
{
    const cx_gaz_tok *g = &w->g[i];
    char rest[32];
    if (g->len < 8 || g->len >= sizeof rest || g->shape != CX_SH_CAP ||
        (memcmp(g->s + g->len - 3, "ers", 3) != 0 && memcmp(g->s + g->len - 3, "ors", 3) != 0))
        return 0;
    for (size_t k = 0; k < g->len; k++) {
        unsigned char c = (unsigned char)g->s[k];
        if (c >= 0x80 || !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return 0;
    }
    for (size_t cut = 3; cut + 4 <= g->len; cut++) {
        memcpy(rest, g->s + cut, g->len - cut);
        rest[0] = (char)(rest[0] & ~0x20);
        if (S_common_word(w, g->s, cut) && S_common_word(w, rest, g->len - cut))
            return 1;
    }
    return 0;
}

static int S_droppable(const S_work *w, size_t i)
{
    const S_tok *t = &w->t[i];
    if (t->mlen > 1 || t->user)
        return 0;
    /* an initial: P. Simmons */
    if (S_initials(w, i) && i + 1 < w->ntok && S_namey(w, i + 1))
        return 0;
    /* "Drugmaker Novo Nordisk said": a company's trade opening a
     * sentence, before the company's name */
    if (t->weak && i + 1 < w->ntok && S_namey(w, i + 1) && S_rule_word(w, i, CX_RW_FIRM_KIND))
        return 1;
    /* "captain Will Brandvik", "spokesman Per Lindqvist": after a title, a
     * given name that is an English function word too opens the name */
    if ((t->cats & CX_G_FUNC) && (t->cats & CX_G_PER_FIRST) && i > 0 && w->t[i - 1].title_end &&
        !(w->seg->toks[i].flags & CX_TOK_UPPER) && i + 1 < w->ntok && S_namey(w, i + 1) &&
        (w->seg->toks[i + 1].flags & CX_TOK_SPACE) && !(w->t[i + 1].cats & CX_G_FUNC))
        return 0;
    if (t->cats & CX_G_FUNC)
        return 1;
    if (!t->weak)
        return 0;
    /* a country is a country, though an English word too: "( Morocco )",
     * "Turkey said" */
    if (t->mlen == 1 && (!(t->cats & CX_G_COMMON) || (t->mcats & CX_G_LOC_COUNTRY)))
        return 0;
    if (!(t->cats & CX_G_COMMON) && (t->cats || t->mlen || !S_compound_plural(w, i)))
        return 0;
    /* "Shell spokesman Tom Reed": a company the lists know, before a
     * title or a role, is that company */
    if (t->mlen == 1 && (t->mcats & CX_G_ANY_ORG) && i + 1 < w->ntok && w->t[i + 1].title_len &&
        S_same_line(w, i + 1))
        return 0;
    if (cx_ent_set_has(&w->strong, w->g[i].key) || S_domain_at(w, i + 1))
        return 0;
    /* an event's head word right after a place: "KUALA LUMPUR OPEN" */
    if (t->cats & CX_G_MISC_HEAD)
        for (size_t k = i > 3 ? i - 3 : 0; k < i; k++)
            if (w->t[k].mlen == i - k && (w->t[k].mcats & CX_G_ANY_LOC))
                return 0;
    if (S_club_row(w, i) || (w->sports && S_scorecard_name(w, i, i + 1)))
        return 0;
    /* a first name before a name: Will Smith, Guy Faulconbridge */
    if ((t->cats & CX_G_PER_FIRST) && i + 1 < w->ntok && S_namey(w, i + 1) &&
        !(w->t[i + 1].cats & CX_G_FUNC) &&
        (!(w->t[i + 1].cats & CX_G_COMMON) || (w->t[i + 1].cats & CX_G_PER_LAST)))
        return 0;
    /* "Foreign Ministry spokesman ...", "Home Office officials": a
     * sentence's opening word before an organization's head word in the
     * singular that ends the name is the organization's ("Several Banks"
     * are no name) */
    if (!t->hl && (i == 0 || (w->seg->toks[i].flags & (CX_TOK_SSTART | CX_TOK_NL))) &&
        i + 1 < w->ntok && S_same_line(w, i + 1) && w->t[i + 1].cap &&
        (w->t[i + 1].cats & CX_G_ORG_HEAD) && !w->t[i + 1].weak && w->g[i + 1].len > 2 &&
        w->g[i + 1].s[w->g[i + 1].len - 1] != 's' &&
        !(i + 2 < w->ntok && S_same_line(w, i + 2) && S_namey(w, i + 2)))
        return 0;
    return 1;
}

static int S_head(const S_tok *t) { return (t->cats & (CX_G_ORG_HEAD | CX_G_ORG_SUFFIX)) != 0; }

static int S_add_piece(S_work *w, size_t b, size_t e, int why)
{
    if (b >= e)
        return CX_OK;
    if (cx_grow((void **)&w->p, &w->cap_p, w->np + 1, sizeof *w->p))
        return CX_ERR_NOMEM;
    S_piece *p = &w->p[w->np++];
    memset(p, 0, sizeof *p);
    p->b = (uint32_t)b;
    p->e = (uint32_t)e;
    p->why = why;
    p->type = -1;
    return CX_OK;
}

/* Does a corporate suffix (and its period) end [i, e) within two words
 * of i? */
static int S_suffix_soon(const S_work *w, size_t i, size_t e)
{
    size_t l = e - 1;
    if (l > i && cx_ent_punct(w, l, "."))
        l--;
    return l > i && l <= i + 2 && (w->t[l].cats & CX_G_ORG_SUFFIX) && !S_head(&w->t[i]);
}

static int S_compass(const S_work *w, size_t i); /* types, below */

/* "Chicago Bulls", "New York Yankees", "Toronto Maple Leafs": is the
 * piece [b, e) a place the lists know, then one or two capitalized words
 * ending in a plural (a team's or a club's nickname)? Not a headline's
 * words ("Tokyo Stocks Fall"), and not a given name before a surname
 * ("Dallas Powers" is a person), nor a plural place's head word ("Golan
 * Heights"). */
static int S_place_then_plural(const S_work *w, size_t b, size_t e)
{
    const S_tok *f = &w->t[b], *l = &w->t[e - 1];
    size_t k = b + f->mlen;
    if (!f->mlen || !(f->mcats & CX_G_ANY_LOC) || k >= e || e - k > 2 || f->hl)
        return 0;
    for (size_t i = k; i < e; i++)
        if (!w->t[i].cap || w->t[i].mlen ||
            (w->seg->toks[i].flags & (CX_TOK_UPPER | CX_TOK_ABBR)) ||
            (w->t[i].cats & (CX_G_LOC_HEAD | CX_G_ORG_SUFFIX | CX_G_DEMONYM | CX_G_PARTICLE)))
            return 0;
    const cx_gaz_tok *g = &w->g[e - 1];
    if (g->len < 4 || g->s[g->len - 1] != 's' || memchr("sui'", g->s[g->len - 2], 4))
        return 0;
    return !((l->cats & CX_G_PER_LAST) && f->mlen == 1 && (f->cats & CX_G_PER_FIRST));
}

/* Where to cut a title-free stretch [b, e): after an organization head
 * word that nothing continues, or after a place followed by another
 * name. Returns the cut (e when none). */
static size_t S_cut(const S_work *w, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++) {
        const S_tok *t = &w->t[i];
        if (t->mlen > 1 && i + t->mlen <= e) {
            /* a multi-word gazetteer name stays whole */
            size_t j = i + t->mlen;
            /* "KUALA LUMPUR OPEN QUARTER-FINAL", "ZURICH GRAND PRIX RESULTS":
             * a place and an event's head word after it name the event */
            /* (not when an organization's head word ends the stretch: "North
             * Sea Treaty Organisation") */
            for (size_t m = j; i == b && m < e && m < j + 2 && !S_head(&w->t[e - 1]); m++)
                if ((t->mcats & CX_G_ANY_LOC) && (w->t[m].cats & CX_G_MISC_HEAD) &&
                    !S_head(&w->t[m]))
                    return m + 1;
            /* a place, then another name: cut between them; not when a
             * place's head word ends the stretch ("Chiang Rai International
             * Airport" is one place) */
            if (j < e && (t->mcats & CX_G_ANY_LOC) && !S_head(&w->t[j]) &&
                (w->t[j].mlen || (w->seg->toks[j].flags & CX_TOK_UPPER)) &&
                !S_head(&w->t[e - 1]) && !(w->t[e - 1].cats & CX_G_LOC_HEAD))
                return j;
            i = j - 1;
            continue;
        }
        /* not before a corporate suffix ending the stretch two words on:
         * "First Bank System Inc." */
        if (S_head(t) && i + 1 < e && i > b &&
            ((t->cats & CX_G_ORG_SUFFIX) || !S_suffix_soon(w, i + 1, e))) {
            const S_tok *n = &w->t[i + 1];
            /* "Tokyo Electric Power", "United Auto Workers": one plain word
             * after a head word that is no legal suffix ends the name;
             * not a compass word, which names a division of it ("the
             * American League Central") */
            int last_word = i + 2 == e && !(t->cats & CX_G_ORG_SUFFIX) && !n->mlen &&
                            !(n->cats & (CX_G_PER_FIRST | CX_G_ANY_NAME)) &&
                            !(w->seg->toks[i + 1].flags & CX_TOK_UPPER) && !S_compass(w, i + 1);
            /* no cut where the stretch ends in a head word of its own
             * further on ("Harwich International Grain Futures Exchange"),
             * unless this head word is a legal suffix ("Inc.") */
            int head_ends = e > i + 2 && S_head(&w->t[e - 1]) && !(t->cats & CX_G_ORG_SUFFIX);
            /* "in" is inside a run only where the acronym after it spells
             * the whole name (S_in_joins) */
            if (!S_head(n) && !S_connector(w, i + 1) && !S_tok_is(w, i + 1, "in") &&
                !cx_ent_punct(w, i + 1, "-") && !(n->cats & CX_G_MISC_HEAD) &&
                !S_tok_is(w, i + 1, "and") && !last_word && !head_ends)
                return i + 1;
        }
        const S_tok *nx = i + 1 < e ? &w->t[i + 1] : NULL;
        /* "Chad Varnell", "Jordan Okafor", "Jordan Baker": a country that
         * is a given name too, then a surname (an English word too or not)
         * or a word no list knows, ending the stretch */
        int given = i == b && e == i + 2 && nx && (t->cats & CX_G_PER_FIRST) &&
                    !(w->seg->toks[i].flags & CX_TOK_UPPER) && !S_head(nx) &&
                    !(nx->mcats & (CX_G_LOC_COUNTRY | CX_G_LOC_REGION | CX_G_ANY_ORG)) &&
                    !(nx->cats & (CX_G_LOC_HEAD | CX_G_MISC_HEAD)) &&
                    ((nx->cats & CX_G_PER_LAST) || (!nx->mlen && !(nx->cats & CX_G_COMMON)));
        if (i == b && t->mlen == 1 && (t->mcats & CX_G_ANY_LOC) && nx && !given &&
            ((t->mcats & CX_G_LOC_COUNTRY) ||
             (!(t->cats & CX_G_PER_FIRST) && !w->sports && !S_place_then_plural(w, i, e) &&
              (nx->mlen || S_plain(nx) || (w->seg->toks[i + 1].flags & CX_TOK_UPPER))))) {
            int org_later = 0;
            for (size_t j = i + 1; j < e && j < i + 8; j++)
                org_later |=
                    S_head(&w->t[j]) || (w->t[j].cats & (CX_G_LOC_HEAD | CX_G_MISC_HEAD));
            if (!org_later)
                return i + 1;
        }
    }
    return e;
}

static int S_pieces_of(S_work *w, size_t b, size_t e, int why)
{
    while (b < e) {
        size_t c = S_cut(w, b, e);
        if (S_add_piece(w, b, c, why))
            return CX_ERR_NOMEM;
        why = 0;
        b = c;
    }
    return CX_OK;
}

/* Splits run [b, e) at titles and dropped words into pieces. */

/* Is the capitalized title word i (King, Bishop, Major, Knight) written
 * elsewhere in the document right after a given name ("Billie Jean
 * King")? (A scan of the document: asked only of a title word alone at
 * the end of its run, a few times a document.) */
static int S_surname_elsewhere(const S_work *w, size_t i)
{
    if (!w->t[i].cap || (w->seg->toks[i].flags & (CX_TOK_ABBR | CX_TOK_UPPER)))
        return 0;
    uint64_t k = w->g[i].key;
    for (size_t j = 1; j < w->ntok; j++)
        if (w->g[j].key == k && j != i && w->t[j].cap && (w->t[j - 1].cats & CX_G_PER_FIRST) &&
            !(w->t[j - 1].cats & CX_G_COMMON) && w->t[j - 1].cap &&
            (w->seg->toks[j].flags & CX_TOK_SPACE) && S_same_line(w, j))
            return 1;
    return 0;
}

static int S_split_run(S_work *w, size_t b, size_t e)
{
    int why = 0;
    size_t s = b, covered = b, name_cov = b;
    /* "Denim Star Corp", "Larkfield Hospitality Inc": the two words
     * before a corporate suffix ending the run are the company's name,
     * whatever English words they are and wherever they stand */
    size_t sfx = e;
    if (e - b >= 3 && cx_ent_punct(w, e - 1, ".") && (w->t[e - 2].cats & CX_G_ORG_SUFFIX))
        sfx = e - 2;
    else if (e - b >= 2 && (w->t[e - 1].cats & CX_G_ORG_SUFFIX))
        sfx = e - 1;
    size_t kept = sfx < e ? sfx - (sfx - b >= 2 ? 2 : sfx - b) : e;
    for (size_t i = b; i < e;) {
        /* a given name and a nickname: no title, nothing dropped ("Teresa
         * \"Queen of the Ring\" Oduya") */
        size_t nick =
            i + 1 < e && (w->seg->toks[i + 1].flags & CX_TOK_PUNCT) ? S_nickname(w, i + 1) : 0;
        if (nick && nick < e) {
            i = nick;
            continue;
        }
        const S_tok *t = &w->t[i];
        if (t->mlen > 1 && i + t->mlen > covered)
            covered = i + t->mlen;
        int in_name = name_cov > i;
        if (t->mlen > 1 && (t->mcats & CX_G_ANY_NAME) && i + t->mlen > name_cov)
            name_cov = i + t->mlen;
        int title = t->title_len && !(t->mlen > t->title_len) && !in_name &&
                    i + t->title_len <= e &&
                    !(t->cats & CX_G_PER_FIRST && i + 1 < e &&
                      !(w->seg->toks[i].flags & CX_TOK_UPPER) && !(w->t[i].cats & CX_G_COMMON));
        /* "Hun Sen": a short title word without its period after a name */
        if (title && i > s && w->g[i].len <= 3 && !(w->seg->toks[i].flags & CX_TOK_ABBR) &&
            !(w->seg->toks[i].flags & CX_TOK_UPPER))
            title = 0;
        /* "John Major", "Emily Bishop": a title word that ends the run
         * just after a given name is the surname */
        if (title && t->title_len == 1 && i > s && i + 1 == e &&
            (w->t[i - 1].cats & CX_G_PER_FIRST) &&
            (!(w->t[i - 1].cats & CX_G_COMMON) || (why & W_AFTER_TITLE)) &&
            !(w->seg->toks[i - 1].flags & CX_TOK_UPPER) &&
            !(w->seg->toks[i].flags & CX_TOK_ABBR))
            title = 0;
        /* "Billie Jean King ... King said": a title word alone at the end
         * of its run, which the document also writes as a surname after
         * a given name, is that surname */
        if (title && t->title_len == 1 && i + 1 == e && S_surname_elsewhere(w, i))
            title = 0;
        /* "Queen of South 4 1 2 1": a club in a sports table */
        if (title && S_club_row(w, i))
            title = 0;
        /* "c Knight b Fraser": a fielder or a bowler on a scorecard */
        if (title && w->sports && i == s && S_scorecard_name(w, i, i + 1))
            title = 0;
        /* Bank of..., General Motors: before or as a head word, no title */
        if (title &&
            (S_head(t) || (i + t->title_len < e && t->cap && S_head(&w->t[i + t->title_len]))))
            title = 0;
        if (title) {
            /* "Hong Kong Financial Secretary", "Foreign Minister": plain
             * words before a title belong to it */
            size_t c = i;
            while (c > s && S_plain(&w->t[c - 1]) && !(w->t[c - 1].cats & CX_G_ORG_HEAD))
                c--;
            /* but not the end of a name the lists know: "Federal Reserve
             * Governor Laura Whitfield" */
            for (size_t j = s; j < c; j++)
                if (w->t[j].mlen > 1 && j + w->t[j].mlen > c && j + w->t[j].mlen <= i)
                    c = j + w->t[j].mlen;
            if (S_pieces_of(w, s, c, why | (t->role_start ? W_BEFORE_ROLE : 0)))
                return CX_ERR_NOMEM;
            if (s < c && w->np && w->p[w->np - 1].e == c && t->role_start)
                w->p[w->np - 1].why |= W_BEFORE_ROLE;
            i += t->title_len;
            s = i;
            why = W_AFTER_TITLE;
            continue;
        }
        int firm = i >= kept && w->t[i].cap && !(w->t[i].cats & CX_G_FUNC);
        if ((i == s || w->t[i].hl) && i >= covered && !firm && S_droppable(w, i)) {
            if (S_pieces_of(w, s, i, why))
                return CX_ERR_NOMEM;
            i++;
            s = i;
            why = 0;
            continue;
        }
        i++;
    }
    return S_pieces_of(w, s, e, why);
}

/* "Oshkosh, Wis.", "ROCHESTER, N.H. 1996-08-30", "Peoria, Ill.": is token
 * i a US state's abbreviation after a capitalized word and a comma on
 * its line, before punctuation, a number, or the end of the line or the
 * sentence? Returns the end of its piece (a period right after it
 * included), else 0. Many of the abbreviations are words too (Miss.,
 * Mass., Ind.): only that place makes them a state. */
static size_t S_state_after_town(const S_work *w, size_t i)
{
    const cx_tok *k = w->seg->toks;
    if (i < 2 || !(w->t[i].cats & CX_G_LOC_STATE) || !w->t[i].cap ||
        !cx_ent_punct(w, i - 1, ",") || !S_same_line(w, i - 1) || !S_same_line(w, i) ||
        !w->t[i - 2].cap || !(k[i - 2].flags & CX_TOK_WORD))
        return 0;
    size_t e = i + 1;
    int dot = w->g[i].len > 0 && w->g[i].s[w->g[i].len - 1] == '.';
    if (!dot && e < w->ntok && !(k[e].flags & CX_TOK_SPACE) && cx_ent_punct(w, e, ".")) {
        e++;
        dot = 1;
    }
    if (e >= w->ntok || !S_same_line(w, e) || (k[e].flags & (CX_TOK_PUNCT | CX_TOK_NUM)) ||
        (dot && w->t[e].cap))
        return e;
    return 0;
}

/* "Interstate 84", "State Route 9", "Ohio Highway 2": a road's kind
 * ending the run [b, e), then a road's number (one to three digits and
 * perhaps a capital letter) on its line, is a road, a place. Returns where
 * the road's name starts (a place or a qualifier before the kind
 * included), or e when there is none. */
static size_t S_road_at(const S_work *w, size_t b, size_t e)
{
    if (e >= w->ntok || !(w->seg->toks[e].flags & CX_TOK_NUM) || !S_same_line(w, e) ||
        !(w->seg->toks[e].flags & CX_TOK_SPACE) || w->t[e].intx ||
        !S_rule_word(w, e - 1, CX_RW_ROAD))
        return e;
    const char *s = w->g[e].s;
    size_t n = w->g[e].len, d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d == 0 || d > 3 || s[0] == '0' || n - d > 1 || (d < n && (s[d] < 'A' || s[d] > 'Z')))
        return e;
    /* a name goes on after the number: "the Route 9 Association" */
    if (e + 1 < w->ntok && S_same_line(w, e + 1) && S_namey(w, e + 1) &&
        (w->seg->toks[e + 1].flags & CX_TOK_SPACE))
        return e;
    size_t r = e - 1;
    while (r > b && r + 3 > e &&
           (S_rule_word(w, r - 1, CX_RW_ROAD_QUAL) ||
            (w->t[r - 1].mlen == 1 && (w->t[r - 1].mcats & CX_G_ANY_LOC))))
        r--;
    return r;
}

/* The capital letters of token i, up to 8 ("A.M.D." and "AMD" give
 * AMD); 0 when it holds anything but capitals, periods and "&". */
static size_t S_acro_letters(const S_work *w, size_t i, char *out)
{
    const char *s = w->text + w->seg->toks[i].start;
    size_t n = w->seg->toks[i].end - w->seg->toks[i].start, k = 0;
    for (size_t j = 0; j < n; j++) {
        if (s[j] >= 'A' && s[j] <= 'Z' && k < 8)
            out[k++] = s[j];
        else if (s[j] != '.' && s[j] != '&')
            return 0;
    }
    return k;
}

/* "Rival Advanced Micro Devices (AMD)": an acronym in parentheses after
 * a piece spells the initials of the whole name, so capitalized words
 * just before the piece that give its first letters belong to it,
 * though they were dropped as English words opening a sentence. At most
 * three words, each on the line and in no other piece. */
static void S_acro_reach(S_work *w)
{
    for (size_t pi = 0; pi < w->np; pi++) {
        S_piece *p = &w->p[pi];
        size_t e = p->e;
        if (e + 2 >= w->ntok || !cx_ent_punct(w, e, "(") || !cx_ent_punct(w, e + 2, ")") ||
            !(w->seg->toks[e + 1].flags & CX_TOK_UPPER))
            continue;
        char a[8], in[8];
        size_t na = S_acro_letters(w, e + 1, a), ni = 0;
        for (size_t i = p->b; i < e && ni <= na; i++) {
            if (w->seg->toks[i].flags & (CX_TOK_LOWER | CX_TOK_PUNCT))
                continue;
            char c = w->text[w->seg->toks[i].start];
            if (ni == na || c < 'A' || c > 'Z')
                ni = na + 1;
            else
                in[ni++] = c;
        }
        size_t m = na - ni, floor = pi ? w->p[pi - 1].e : 0;
        if (ni > na || m == 0 || m > 3 || ni == 0 || memcmp(a + m, in, ni) || p->b < floor + m)
            continue;
        size_t k = 0;
        while (k < m && w->t[p->b - 1 - k].cap && S_same_line(w, p->b - k) &&
               (w->seg->toks[p->b - 1 - k].flags & CX_TOK_WORD) &&
               w->text[w->seg->toks[p->b - 1 - k].start] == a[m - 1 - k])
            k++;
        if (k == m)
            p->b -= (uint32_t)m;
    }
}

static int S_find_pieces(S_work *w)
{
    for (size_t i = 0; i < w->ntok;) {
        size_t se = (w->t[i].cats & CX_G_LOC_STATE) ? S_state_after_town(w, i) : 0;
        if (se) {
            if (w->np && w->p[w->np - 1].e == i - 1)
                w->p[w->np - 1].why |= W_TOWN;
            if (S_add_piece(w, i, se, W_STATE))
                return CX_ERR_NOMEM;
            i = se;
            continue;
        }
        if (!S_namey(w, i) || !(w->seg->toks[i].flags & CX_TOK_WORD)) {
            i++;
            continue;
        }
        size_t e = S_run_end(w, i);
        size_t road = S_road_at(w, i, e);
        if (road < e) {
            if (S_split_run(w, i, road) || S_add_piece(w, road, e + 1, W_ROAD))
                return CX_ERR_NOMEM;
            i = e + 1;
            continue;
        }
        /* a connector cannot end a run */
        if (S_split_run(w, i, e))
            return CX_ERR_NOMEM;
        i = e;
    }
    S_acro_reach(w);
    return CX_OK;
}

/* ---- 4. types --------------------------------------------------------- */

static int S_type_of_cats(uint32_t c, const S_work *w, size_t b)
{
    if (c & CX_G_MISC)
        return T_DROP;
    if (c & CX_G_PER)
        return CX_PERSON;
    if (c & CX_G_ORG)
        return CX_ORGANIZATION;
    if (c & CX_G_LOC_COUNTRY)
        return CX_LOCATION;
    if (c & (CX_G_ORG_COMPANY | CX_G_ORG_AIRLINE)) {
        if ((c & (CX_G_LOC_CITY | CX_G_LOC_REGION | CX_G_LOC)) && b > 0 &&
            cx_ent_prep_before(w, b))
            return CX_LOCATION;
        return CX_ORGANIZATION;
    }
    if (c & CX_G_ANY_LOC)
        return CX_LOCATION;
    return -1;
}

static int S_prev_is_title(const S_work *w, size_t b)
{
    if (b == 0)
        return 0;
    size_t j = b - 1;
    if (cx_ent_punct(w, j, ",") && j > 0)
        return 0;
    return w->t[j].title_end && !w->t[j].cap;
}

static int S_role_after(const S_work *w, size_t e)
{
    return e < w->ntok && w->t[e].role_start && !w->t[e].cap;
}

/* A lower-case title right after the piece ending at e, and a
 * capitalized name right after the title, in the same line: "Sporting Braga
 * coach Luis Ortega", "Leyton Orient manager Pat Holland". */
static int S_title_then_name(const S_work *w, size_t e)
{
    if (e >= w->ntok || !w->t[e].title_len || w->t[e].cap)
        return 0;
    size_t n = e + w->t[e].title_len;
    return n < w->ntok && w->t[n].cap && S_same_line(w, n) && S_same_line(w, e);
}

/* A year between capitalized words: "Cyber 2022 Power Index". */
static int S_year(const S_work *w, size_t i)
{
    const cx_tok *k = &w->seg->toks[i];
    const char *s = w->text + k->start;
    return (k->flags & CX_TOK_NUM) && k->end - k->start == 4 && (s[0] == '1' || s[0] == '2') &&
           s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' && s[3] >= '0' &&
           s[3] <= '9';
}

/* A model number: three digits or more, no year, outside sports reports
 * (787 in "Boeing 787 Dreamliner"). */
static int S_model_number(const S_work *w, size_t i)
{
    return (w->seg->toks[i].flags & CX_TOK_NUM) && !S_year(w, i) && !w->sports &&
           w->g[i].len >= 3 && w->g[i].len <= 5 && w->g[i].s[0] != '0' &&
           !memchr(w->g[i].s, ',', w->g[i].len) && !memchr(w->g[i].s, '.', w->g[i].len);
}

/* Can token i be a maker's name before a model number: a capitalized
 * word, not a function word, not a plain word opening a sentence
 * ("About 100 ...")? */
static int S_maker(const S_work *w, size_t i)
{
    const S_tok *t = &w->t[i];
    return S_namey(w, i) && S_same_line(w, i + 1) && !(t->cats & CX_G_FUNC) &&
           !(t->weak && (t->cats & CX_G_COMMON) && !t->mlen);
}

static int S_title_with_number(const S_work *w, const S_piece *p)
{
    size_t e = p->e, b = p->b;
    if (e + 1 < w->ntok && S_year(w, e) && S_same_line(w, e) && S_same_line(w, e + 1) &&
        S_namey(w, e + 1) && !w->t[e + 1].intx)
        return 1;
    if (b >= 2 && S_year(w, b - 1) && S_same_line(w, b) && S_namey(w, b - 2) &&
        !(w->t[b - 2].cats & CX_G_FUNC))
        return 1;
    return 0;
}

static int S_all_caps_word(const S_work *w, size_t i)
{
    return (w->seg->toks[i].flags & CX_TOK_UPPER) && w->g[i].len <= 7;
}

/* Is token i a place noun in lower case (town, province: LOC.head)? */
static int S_place_noun(const S_work *w, size_t i)
{
    return i < w->ntok && (w->t[i].cats & CX_G_LOC_HEAD) && !w->t[i].cap &&
           (w->seg->toks[i].flags & CX_TOK_LOWER);
}

/* A place noun says [b, e) is a place: "the town of X", "the capital X",
 * "X province". */
static int S_place_noun_near(const S_work *w, size_t b, size_t e)
{
    if (e < w->ntok && S_same_line(w, e) && S_place_noun(w, e))
        return 1;
    if (b >= 1 && S_same_line(w, b) && S_place_noun(w, b - 1) && S_tok_is(w, b - 1, "capital"))
        return 1;
    return b >= 2 && S_same_line(w, b) && S_tok_is(w, b - 1, "of") && S_place_noun(w, b - 2);
}

/* Is token i a compass point or a word of its kind that opens the name
 * of a part of a place (South, Northern, Central, Greater)? */
static int S_compass(const S_work *w, size_t i)
{
    return w->t[i].cap && S_rule_word(w, i, CX_RW_COMPASS);
}

/* "S. Korea", "N. Ireland": the initial of a compass point, which
 * opens a country or region's name the way a given name's opens a
 * person's */
static int S_compass_initial(const S_work *w, size_t i)
{
    return S_tok_is(w, i, "N.") || S_tok_is(w, i, "S.") || S_tok_is(w, i, "E.") ||
           S_tok_is(w, i, "W.");
}

/* Is [b, e) the place of a dateline: a line that opens in capitals with
 * it, then the date ("ESCHEN 1996-08-31"), or a comma, a region or
 * country and the date ("BEIT JALA , West Bank 2001-05-14", "TORSHAVN, Faroe
 * Islands, June 1"), or an agency in parentheses ("WASHINGTON (AP)")? */
static int S_dateline_place(const S_work *w, size_t b, size_t e)
{
    if (!(b == 0 || (w->seg->toks[b].flags & CX_TOK_NL)) || e >= w->ntok)
        return 0;
    for (size_t i = b; i < e; i++)
        if ((w->seg->toks[i].flags & CX_TOK_WORD) && !(w->seg->toks[i].flags & CX_TOK_UPPER) &&
            !(w->t[i].cats & CX_G_PARTICLE))
            return 0;
    if (w->t[e].intx)
        return 1;
    if (cx_ent_punct(w, e, ",")) {
        size_t j = e + 1, k = 0;
        while (j < w->ntok && k < 4 && S_same_line(w, j) && !w->t[j].intx &&
               (w->t[j].cap || cx_ent_punct(w, j, ",")))
            j++, k++;
        return j < w->ntok && w->t[j].intx && S_same_line(w, j);
    }
    return cx_ent_punct(w, e, "(") && e + 2 < w->ntok && w->t[e + 1].cap &&
           cx_ent_punct(w, e + 2, ")") && S_same_line(w, e + 2);
}

/* Is token i the party letter of a lawmaker's party and state, after a
 * comma or a parenthesis: "D" in ", D-Mass.", "R" in "(R-AZ)"? */
static int S_party_letter(const S_work *w, size_t i)
{
    return i > 0 && i + 1 < w->ntok && w->g[i].len == 1 && memchr("DRI", w->g[i].s[0], 3) &&
           (cx_ent_punct(w, i - 1, ",") || cx_ent_punct(w, i - 1, "(")) &&
           cx_ent_punct(w, i + 1, "-") && !(w->seg->toks[i + 1].flags & CX_TOK_SPACE);
}

/* "World Series of Golf", "Treaty of Baden": an event's or a document's
 * head word before "of" names no organization, person or place */
static int S_misc_of(const S_work *w, size_t b, size_t e)
{
    for (size_t i = b + 1; i + 1 < e; i++)
        if (S_tok_is(w, i, "of"))
            return (w->t[i - 1].cats & CX_G_MISC_HEAD) &&
                   !(w->t[i - 1].cats & (CX_G_ORG_HEAD | CX_G_LOC_HEAD));
    return 0;
}

/* "Institute for the Study of War", "Ministry of Law": an
 * organization's head word before the first "of" or "for" heads the whole
 * name, though an event's head word ends it right after a connector
 * ("Bank of England Inflation Report" names a report) */
static int S_org_of(const S_work *w, size_t b, size_t e)
{
    if (e - b < 3 ||
        !(S_tok_is(w, e - 2, "of") || S_tok_is(w, e - 2, "for") || S_tok_is(w, e - 2, "the")))
        return 0;
    for (size_t i = b + 1; i + 1 < e; i++)
        if (S_tok_is(w, i, "of") || S_tok_is(w, i, "for"))
            return (w->t[i - 1].cats & CX_G_ORG_HEAD) && w->t[i - 1].cap;
    return 0;
}

/* Types piece p; returns 1 when it has narrowed p and must look again. */
/* Does token i, a capitalized word no list knows anything of, end as
 * family names do ("Levrentyeva", "Temizkanoglu"), with three bytes or
 * more before the ending? */
static int S_family_ending(const S_work *w, size_t i)
{
    const cx_entity_rules *r = w->r;
    const char *s = w->g[i].s;
    size_t len = w->g[i].len;
    if (w->t[i].cats || w->t[i].mlen || !w->t[i].cap || w->t[i].code)
        return 0;
    for (size_t k = 0; k < r->nendings; k++) {
        const cx_ending *x = &r->endings[k];
        size_t n = x->len;
        if (len < n + 3)
            continue;
        size_t j = 0;
        while (j < n && (char)cx_ascii_lower((unsigned char)s[len - n + j]) == x->s[j])
            j++;
        if (j == n)
            return 1;
    }
    return 0;
}

/* Is the token before b a number, in digits or a word up to twelve? */
static int S_count_before(const S_work *w, size_t b)
{
    size_t i = b - 1;
    if (w->seg->toks[i].flags & CX_TOK_NUM)
        return !cx_ent_punct(w, i, "-");
    return (w->seg->toks[i].flags & CX_TOK_LOWER) && S_rule_word(w, i, CX_RW_COUNT);
}

/* Is token i a double quotation mark, straight, curly or as `` and ''? */
static int S_quote_mark(const S_work *w, size_t i)
{
    const cx_tok *t = &w->seg->toks[i];
    const unsigned char *s = (const unsigned char *)w->text + t->start;
    size_t n = t->end - t->start;
    if (!(t->flags & CX_TOK_PUNCT))
        return 0;
    if (n == 1)
        return s[0] == '"';
    if (n == 2)
        return (s[0] == '`' && s[1] == '`') || (s[0] == '\'' && s[1] == '\'');
    return n == 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x9C || s[2] == 0x9D);
}

/* Is token i a lower-case noun for a kind of ship ("frigate", "tanker",
 * "aircraft carrier")? */
static int S_ship_noun(const S_work *w, size_t i)
{
    return (w->seg->toks[i].flags & CX_TOK_LOWER) && S_rule_word(w, i, CX_RW_SHIP);
}

/* Is [b, e) glued by a hyphen to a lower-case word after or before it? */
static int S_compound_part(const S_work *w, size_t b, size_t e)
{
    const cx_tok *k = w->seg->toks;
    /* a lower-case word after it, not the second syllable of an East
     * Asian given name after a family name ("Park Jin-woo", "Han
     * Young-jae", "Chen Chun-yeh") */
    if (e + 1 < w->ntok && !(k[e].flags & CX_TOK_SPACE) && !(k[e + 1].flags & CX_TOK_SPACE) &&
        (k[e + 1].flags & CX_TOK_LOWER) && cx_ent_punct(w, e, "-") &&
        !S_given_syllable(w, b, e))
        return 1;
    /* a prefix before it, not a nationality's ("mainly-Moslem North
     * Caucasus" keeps its place once the nationality is cut off) */
    return b >= 2 && !(k[b].flags & CX_TOK_SPACE) && !(k[b - 1].flags & CX_TOK_SPACE) &&
           (k[b - 2].flags & CX_TOK_LOWER) && cx_ent_punct(w, b - 1, "-") &&
           !(w->t[b - 2].cats & CX_G_PARTICLE) && !(w->t[b].cats & CX_G_DEMONYM);
}

/* Is token i, in capitals, an English word of the lists in lower case
 * and no name? (The lists fit a lower-case entry to a word in capitals
 * only in a headline; this asks as if it were one.) */
static int S_caps_plain(const S_work *w, size_t i)
{
    cx_gaz_tok t = w->g[i];
    t.flags |= CX_TOK_HEADLINE;
    uint32_t cats = S_one_word_cats(w, &t);
    return (cats & CX_G_COMMON) && !(cats & CX_G_ANY_NAME);
}

/* Does an organization head word or suffix stand in [b, e)? ("the
 * American Stock Exchange index" is the exchange's) */
static int S_any_head(const S_work *w, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (w->t[i].cats & (CX_G_ORG_HEAD | CX_G_ORG_SUFFIX))
            return 1;
    return 0;
}

/* Does a stock index's noun follow token e: "index", "average", or one
 * of them after "composite", "industrial" or "share" ("the Dow Jones
 * industrial average", "the Nasdaq composite index", "the Nikkei
 * average")? The name before it is the index's, no organization. */
static int S_index_after(const S_work *w, size_t e)
{
    for (size_t k = e;
         k < w->ntok && k < e + 2 && ((w->seg->toks[k].flags & CX_TOK_LOWER) || w->t[k].cap) &&
         S_same_line(w, k);
         k++) {
        if (S_rule_word(w, k, CX_RW_INDEX))
            return 1;
        if (!S_rule_word(w, k, CX_RW_INDEX_WORD))
            return 0;
    }
    return 0;
}

/* "Hurricane Dorian", "Tropical Storm Ophelia": the token of the storm's
 * name after its kind (just before the piece [b, e) or opening it), or
 * 0 when the piece names no storm. */
static size_t S_storm_name(const S_work *w, size_t b, size_t e)
{
    for (size_t k = b > 0 && S_same_line(w, b) ? b - 1 : b; k + 1 < e && k <= b + 1; k++)
        if (w->t[k].cap && S_rule_word(w, k, CX_RW_STORM))
            return k + 1;
    return 0;
}

/* Do the words [b, e), capitalized as names are, name nothing here: a
 * modifier inside a compound word, a ship, a statistic's count, a title
 * of a work, a field's label or a stock index? */
static int S_names_nothing(const S_work *w, size_t b, size_t e)
{
    size_t n = e - b;
    const S_tok *f = &w->t[b];
    /* a name inside a compound word is a modifier, no mention of it:
     * "New York-based", "Dublin-born", "U.S.-led", "pro-Moscow",
     * "ex-England" (a particle before the hyphen is part of the name:
     * "al-Aqsa") */
    if (S_compound_part(w, b, e))
        return 1;
    /* a ship's name after the kind of ship: "the aircraft carrier Carl
     * Vinson", "the tanker Exxon Valdez" (not "carrier Ryanair", an
     * airline) */
    if (b > 0 && S_same_line(w, b) && S_ship_noun(w, b - 1))
        return 1;
    /* a count of a statistic in a sports report: "121 RBI", "three RBI" */
    if (n == 1 && w->sports && b > 0 && S_same_line(w, b) && S_all_caps_word(w, b) &&
        !f->mlen && S_count_before(w, b) && !S_table_row(w, b))
        return 1;
    /* a title of a work quoted whole with its article: "The Crying
     * Game", "A Season of Storms" */
    if (b >= 2 && e < w->ntok && S_quote_mark(w, e) && S_quote_mark(w, b - 2) &&
        (S_tok_is(w, b - 1, "The") || S_tok_is(w, b - 1, "A") || S_tok_is(w, b - 1, "An")))
        return 1;
    /* a field's label in capitals: "ISSUER :", "NOTE :", "DELIVERY :" */
    if ((w->seg->toks[b].flags & CX_TOK_UPPER) && !f->mlen && e < w->ntok &&
        cx_ent_punct(w, e, ":") && S_same_line(w, e)) {
        size_t i = b;
        while (i < e && (w->seg->toks[i].flags & CX_TOK_UPPER) && S_caps_plain(w, i))
            i++;
        if (i == e)
            return 1;
    }
    /* a stock index named after what it counts: "the Dow Jones industrial
     * average", or with its noun capitalized inside the piece ("the
     * Verity Jones Industrial Average") */
    int noun_inside = n >= 2 && w->t[e - 1].cap && S_rule_word(w, e - 1, CX_RW_INDEX);
    return !f->muser && (S_index_after(w, e) || noun_inside) && !S_any_head(w, b, e);
}

/* What a step of S_classify_once did with a piece. */
enum { S_DECIDED, S_AGAIN, S_UNDECIDED };

/* Does an organization's head word stand in [b, e) ("Bank", "Party");
 * one word alone is no head of a longer name. */
static int S_has_head(const S_work *w, size_t b, size_t e)
{
    size_t n = e - b;
    for (size_t i = b + (n > 1 ? 0 : 1); i < e; i++)
        if (S_head(&w->t[i]) && (i > b || n > 1))
            return 1;
    return 0;
}

/* The piece's shape: too long, one letter, a party and state, a word
 * that names nothing: dropped or trimmed; a user's list or a state's
 * abbreviation after a town: typed. */
static int S_shape(S_work *w, S_piece *p)
{
    size_t b = p->b, e = p->e, n = e - b;
    const S_tok *f = &w->t[b];
    int full = f->mlen == n;
    /* no name is that long: a run of capitals in a table or a shout */
    if (n > 16) {
        p->type = T_DROP;
        return S_DECIDED;
    }
    /* no name opens with a hyphen, which is left when a word before it
     * was cut off ("Arab-Israeli" less "Arab") */
    if (w->seg->toks[b].flags & CX_TOK_PUNCT) {
        /* "(R-AZ)": the state of a lawmaker's party and state */
        if (b > 0 && S_party_letter(w, b - 1)) {
            p->type = T_DROP;
            return S_DECIDED;
        }
        if (++p->b >= p->e)
            p->type = T_DROP;
        return p->type != T_DROP ? S_AGAIN : S_DECIDED;
    }
    /* one letter is no name ("N / A" in a table) */
    if (n == 1 && w->g[b].len == 1 && !f->muser) {
        p->type = T_DROP;
        return S_DECIDED;
    }
    /* "Secretary of State Antony Blinken", "Minister of Finance Jane
     * Smith", "Commissioner for Fisheries Ana Ruiz": after "<title> of" or
     * "<title> for", the title's department, then the person from the
     * first given name after it on */
    if (n >= 3 && b >= 2 && !full && w->t[b - 2].title_end &&
        (S_tok_is(w, b - 1, "of") || S_tok_is(w, b - 1, "for"))) {
        /* a place the lists know is the department: "Governor of New York" */
        size_t from = b + (f->mlen > 1 && (size_t)f->mlen + 2 <= n ? f->mlen : 1);
        for (size_t i = from; i + 1 < e && i <= b + 3; i++)
            if ((w->t[i].cats & CX_G_PER_FIRST) && w->t[i].cap && !S_head(&w->t[i])) {
                p->b = (uint32_t)i;
                p->why |= W_AFTER_TITLE;
                return S_AGAIN;
            }
    }
    /* "Sen. Elizabeth Warren, D-Mass.,", "Rep. Jim Jordan, R-Ohio",
     * "Senator John McCain (R-AZ)": a party and a state after a lawmaker's
     * name are no name */
    if (n == 3 && S_party_letter(w, b) && !(w->seg->toks[b + 2].flags & CX_TOK_SPACE) &&
        w->t[b + 2].cap) {
        p->type = T_DROP;
        return S_DECIDED;
    }
    if (S_names_nothing(w, b, e)) {
        p->type = T_DROP;
        return S_DECIDED;
    }
    /* a storm's name, and the same name alone later ("Hurricane Dorian ...
     * Dorian stalled"), is no entity */
    size_t storm = S_storm_name(w, b, e);
    if (storm || (n == 1 && w->storms.n && cx_ent_set_has(&w->storms, w->g[b].key))) {
        if (storm)
            S_set_put(w, &w->storms, w->g[storm].key);
        p->type = T_DROP;
        return S_DECIDED;
    }
    if (full && f->muser) {
        p->type = S_type_of_cats(f->mcats, w, b);
        p->strong = 1;
        p->canon = f->mcanon;
        return S_DECIDED;
    }
    /* a nickname between a given name and a name is a person's; a
     * quotation mark inside any other piece is left of a nickname whose
     * given name was cut off */
    for (size_t j = b + 1; j < e; j++) {
        if (j + 1 < e && S_nickname(w, j) == e - 1) {
            p->type = CX_PERSON;
            p->evid = 1;
            return S_DECIDED;
        }
        if (S_quote_mark(w, j)) {
            p->type = T_DROP;
            return S_DECIDED;
        }
    }
    if (p->why & (W_STATE | W_ROAD)) {
        p->type = CX_LOCATION;
        p->evid = 1;
        return S_DECIDED;
    }
    return S_UNDECIDED;
}

/* Words before a name that qualify it (a nationality, a compass point, a
 * word of a work's or an event's name), or a piece that is only such
 * words: trimmed or dropped. */
static int S_qualifiers(S_work *w, S_piece *p)
{
    size_t b = p->b, e = p->e, n = e - b;
    const S_tok *f = &w->t[b], *l = &w->t[e - 1];
    int full = f->mlen == n;
    int has_head = S_has_head(w, b, e);
    /* "the August National Association of ...", not "EV Holdings": what
     * is left must be more than a head word */
    if (!full && n > 1 && (f->mcats & CX_G_MISC) && f->mlen == 1 && !(n == 2 && S_head(l))) {
        p->b++;
        return S_AGAIN;
    }
    /* "the Palestinian West Bank town", "a Jewish West Bank settlement":
     * a nationality before a known place is no part of its name */
    if (!full && f->dlen && f->dlen < n && w->t[b + f->dlen].mlen == n - f->dlen &&
        (w->t[b + f->dlen].mcats & CX_G_ANY_LOC) && !(w->t[b + f->dlen].mcats & CX_G_ANY_ORG)) {
        p->b += f->dlen;
        return S_AGAIN;
    }
    /* strip a leading nationality unless an organization name follows */
    if (!full && (f->cats & CX_G_DEMONYM) && !has_head) {
        p->b++;
        if (p->b >= p->e) {
            p->type = T_DROP;
            return S_DECIDED;
        }
        return S_AGAIN;
    }
    if (f->dlen == n && !(full && (f->mcats & CX_G_ANY_NAME))) {
        p->type = T_DROP;
        return S_DECIDED;
    }
    /* "Southeast Asian", "North Africans", "S. African": a compass point
     * before a nationality qualifies it; together they name nothing */
    if (n == 2 && !full && l->dlen == 1 && (S_compass(w, b) || S_compass_initial(w, b))) {
        p->type = T_DROP;
        return S_DECIDED;
    }
    /* A nationality before an organization name is part of a proper name
     * ("Iraqi National Congress", "British Broadcasting Corporation"), but
     * an adjective before one generic word or a ministry ("Canadian
     * Government", "the German Foreign Ministry") */
    if (has_head && !full && f->dlen && f->dlen < n &&
        ((size_t)f->dlen + 1 == n || S_tok_is(w, e - 1, "Ministry") ||
         S_tok_is(w, e - 1, "Embassy"))) {
        p->b += f->dlen;
        return S_AGAIN;
    }
    if (full && (f->mcats & CX_G_MISC)) {
        p->type = T_DROP;
        return S_DECIDED;
    }
    if (n == 1 && (f->cats & CX_G_DEMONYM) && !(full && (f->mcats & CX_G_ORG))) {
        p->type = T_DROP;
        return S_DECIDED;
    }
    size_t longest = 0;
    for (size_t i = b; i < e; i++)
        if (w->g[i].len > longest && !(w->seg->toks[i].flags & CX_TOK_PUNCT))
            longest = w->g[i].len;
    if (longest <= 2 && n > 1 && !full) { /* Wi-Fi, A-B */
        p->type = T_DROP;
        return S_DECIDED;
    }
    return S_UNDECIDED;
}

/* Is token i a Roman numeral in capitals (I, II, XIV, XXX)? */
static int S_roman(const S_work *w, size_t i)
{
    const cx_gaz_tok *g = &w->g[i];
    if (g->len > 6)
        return 0;
    for (size_t k = 0; k < g->len; k++)
        if (g->s[k] != 'I' && g->s[k] != 'V' && g->s[k] != 'X')
            return 0;
    return g->len > 0;
}

/* A product or a model ("Boeing 787 Dreamliner"), the maker's name
 * in one, a title with a number: no mention of a name. */
static int S_product(S_work *w, S_piece *p)
{
    size_t b = p->b, e = p->e, n = e - b;
    const S_tok *f = &w->t[b], *l = &w->t[e - 1];
    int full = f->mlen == n;
    /* Boeing 787 Dreamliner, a new 787 Dreamliner: a product; but a number
     * before a company the lists know, with no maker's name before the
     * number, is a count ("About 100 Air France workers") */
    int counted = full && (f->mcats & CX_G_ANY_ORG);
    if (b > 0 && S_same_line(w, b) &&
        (w->t[b - 1].code ||
         (b > 1 && S_model_number(w, b - 1) && (!counted || S_maker(w, b - 2))) ||
         (b > 2 && S_open_quote(w, b - 1) && S_model_number(w, b - 2) &&
          (!counted || S_maker(w, b - 3))))) {
        p->type = T_DROP;
        S_set_put(w, &w->products, w->g[b].key);
        return S_DECIDED;
    }
    /* "Airbus A380", "Boeing 787 Dreamliner": the maker's name in a
     * product name is no mention of the maker */
    if (e < w->ntok && S_same_line(w, e) && (w->seg->toks[e].flags & CX_TOK_SPACE) &&
        !(l->cats & CX_G_ORG_SUFFIX) &&
        (w->t[e].code ||
         (e + 1 < w->ntok && (w->seg->toks[e].flags & CX_TOK_NUM) && !S_year(w, e) &&
          w->g[e].len >= 3 && !w->sports && S_same_line(w, e + 1) && S_namey(w, e + 1)))) {
        p->type = T_DROP;
        return S_DECIDED;
    }
    /* "the weight-loss drug Wegovy", "the chatbot Grok": a name no list
     * knows right after a kind of product names the product; not a
     * person's ("the model Kate Moss") */
    if (b > 0 && S_same_line(w, b) && (w->seg->toks[b - 1].flags & CX_TOK_LOWER) && !f->mlen &&
        !(f->cats & (CX_G_ANY_NAME | CX_G_PER_FIRST)) && S_rule_word(w, b - 1, CX_RW_PRODUCT)) {
        p->type = T_DROP;
        S_set_put(w, &w->products, w->g[b].key);
        return S_DECIDED;
    }
    /* "its Blackwell chips", "their new Gemini model": a name between a
     * possessive (and perhaps "new" or "latest") and a kind of product
     * is the product's, no entity, and so is that name alone elsewhere
     * in the document; not a company or a place the lists know (the
     * maker: "its Boeing jets") */
    if (e < w->ntok && S_same_line(w, e) && (w->seg->toks[e].flags & CX_TOK_LOWER) &&
        !(full && (f->mcats & (CX_G_ANY_ORG | CX_G_ANY_LOC)))) {
        /* the owner first: its set is small, kinds of product are common
         * words */
        size_t k = b;
        if (k > 0 && S_same_line(w, k) && S_rule_word(w, k - 1, CX_RW_PRODUCT_ADJ))
            k--;
        if (k > 0 && S_same_line(w, k) && S_rule_word(w, k - 1, CX_RW_OWNER) &&
            S_rule_word(w, e, CX_RW_PRODUCT)) {
            p->type = T_DROP;
            S_set_put(w, &w->products, w->g[b].key);
            return S_DECIDED;
        }
    }
    if (S_title_with_number(w, p) && n > 2) {
        /* "Marlow Center Energy 2031 Outlook": the name ends at its head */
        for (size_t i = b + 1; i + 1 < e; i++)
            if (S_head(&w->t[i])) {
                p->e = (uint32_t)(i + 1);
                return S_AGAIN;
            }
    }
    /* an event's head word alone in the plural ("the 1924 Olympics", "at
     * the Championships", "the Games") names the event, unless it is a
     * person's name too ("Masters"); one in the singular may be a short
     * name of a company or a paper ("Summit's shares", "the Show") */
    const cx_gaz_tok *g = &w->g[b];
    int lone_event = n == 1 && !full && (f->cats & CX_G_MISC_HEAD) && g->len > 3 &&
                     g->s[g->len - 1] == 's' && !(f->cats & (CX_G_PER_FIRST | CX_G_PER_LAST));
    /* "World War Two", "World War II", "Super Bowl XXX": an event's head
     * word and its number */
    int numbered = n > 2 && !full && (w->t[e - 2].cats & CX_G_MISC_HEAD) &&
                   (S_roman(w, e - 1) || S_rule_word(w, e - 1, CX_RW_NUMERAL));
    if (S_title_with_number(w, p) ||
        ((l->cats & CX_G_MISC_HEAD) && !full && n > 1 && !S_org_of(w, b, e)) || numbered ||
        lone_event || (!full && S_misc_of(w, b, e))) {
        p->type = T_DROP;
        return S_DECIDED;
    }
    return S_UNDECIDED;
}

/* Is token i "v", "vs" or "vs." (versus), between two sides? */
static int S_versus(const S_work *w, size_t i)
{
    return S_tok_is(w, i, "v") || S_tok_is(w, i, "vs") || S_tok_is(w, i, "vs.");
}

/* Is token e a comma, then a country or a region the lists know, then
 * the end of the clause (a comma, a stop, a bracket or the line's end)? */
static int S_town_then_land(const S_work *w, size_t e)
{
    if (e + 1 >= w->ntok || !cx_ent_punct(w, e, ",") || !S_same_line(w, e + 1))
        return 0;
    const S_tok *c = &w->t[e + 1];
    size_t k = e + 1 + c->mlen;
    if (!c->mlen || !(c->mcats & (CX_G_LOC_COUNTRY | CX_G_LOC_REGION)) ||
        (c->mcats & CX_G_ANY_ORG))
        return 0;
    return k >= w->ntok || (w->seg->toks[k].flags & CX_TOK_NL) ||
           (!S_namey(w, k) && (cx_ent_punct(w, k, ",") || cx_ent_punct(w, k, ".") ||
                               cx_ent_punct(w, k, ")") || cx_ent_punct(w, k, ";")));
}

/* Is the word before token b a preposition ("relatives in Miami who",
 * "Director of Intelligence who": the "who" is of the noun before it)? */
static int S_prep_word(const S_work *w, size_t b)
{
    if (b == 0 || !S_same_line(w, b) || !(w->seg->toks[b - 1].flags & CX_TOK_LOWER))
        return 0;
    return (w->t[b - 1].cats & CX_G_LOC_PREP) || S_rule_word(w, b - 1, CX_RW_WHO_PREP);
}

/* Does "who" follow the name ending before token e, a comma between or
 * not, on its line? */
static int S_who_after(const S_work *w, size_t e)
{
    if (e < w->ntok && cx_ent_punct(w, e, ","))
        e++;
    return e < w->ntok && S_same_line(w, e) && S_tok_is(w, e, "who");
}

/* The words around the piece or inside it decide its type: a town
 * before a state, a place's or an organization's head word, a title,
 * a role, the lists. */
static int S_type_by_context(S_work *w, S_piece *p)
{
    size_t b = p->b, e = p->e, n = e - b;
    const S_tok *f = &w->t[b], *l = &w->t[e - 1];
    int full = f->mlen == n;
    int has_head = S_has_head(w, b, e);
    p->strong = 1;
    if (full)
        p->canon = f->mcanon;
    /* the town before a state ("Oshkosh, Wis."), even one a list knows
     * as a company; not a name with an organization's head word or a
     * lower-case word in it ("Jones Pharmaceuticals of Tampa, Fla.") */
    if ((p->why & W_TOWN) && n <= 4 && !S_prev_is_title(w, b)) {
        int town = 1;
        for (size_t i = b; i < e; i++)
            town &= w->t[i].cap && !S_head(&w->t[i]);
        if (town) {
            p->type = CX_LOCATION;
            p->evid = 1;
            return S_DECIDED;
        }
    }
    /* "Swindon v Kettering", "June 3 v Swindon": a town or a county on
     * either side of "v" (versus) is its team; a country stays a place
     * (national sides are their countries) */
    if (full && (f->mcats & (CX_G_LOC_CITY | CX_G_LOC_REGION)) &&
        !(f->mcats & CX_G_LOC_COUNTRY) &&
        ((b > 0 && S_same_line(w, b) && S_versus(w, b - 1)) ||
         (e < w->ntok && S_same_line(w, e) && S_versus(w, e)))) {
        p->type = CX_ORGANIZATION;
        p->evid = 1;
        return S_DECIDED;
    }
    /* "over Lockton, Scotland", "near Siesta Key, Florida,": one word or
     * two no list knows as a company, the first no given name, then a
     * comma and a country or a region that ends the clause, is a town of
     * it (not in sports reports, whose tables write "Ann Lee, Canada") */
    if (n <= 2 && !w->sports && !has_head && !(f->mcats & CX_G_ANY_ORG) &&
        !(f->cats & CX_G_PER_FIRST) && !S_prev_is_title(w, b) && S_town_then_land(w, e)) {
        p->type = CX_LOCATION;
        p->evid = 1;
        return S_DECIDED;
    }
    if ((l->cats & CX_G_LOC_HEAD) && n > 1 && !(l->cats & CX_G_ORG_HEAD) && !full) {
        p->type = CX_LOCATION;
        return S_DECIDED;
    }
    /* "Mount Elgon", "Lake Tanganyika", "Cape Horn": a place's head
     * word opening the name; not with an organization's head word in it
     * ("Mount Sinai Hospital", "Port Authority of Brindisi") */
    if (n > 1 && !full && f->cap && !(w->seg->toks[b].flags & CX_TOK_UPPER) && !has_head &&
        S_rule_word(w, b, CX_RW_PLACE_LEAD)) {
        p->type = CX_LOCATION;
        return S_DECIDED;
    }
    /* "South Florida", "Northern Virginia", "Greater Boston", "S. Korea":
     * a compass point before a place the lists know is a part of that
     * place (its initial only before a country or a region) */
    if (n > 1 && !full && w->t[b + 1].mlen == n - 1 && (w->t[b + 1].mcats & CX_G_ANY_LOC) &&
        !(w->t[b + 1].mcats & CX_G_ANY_ORG) &&
        (S_compass(w, b) || (S_compass_initial(w, b) &&
                             (w->t[b + 1].mcats & (CX_G_LOC_COUNTRY | CX_G_LOC_REGION))))) {
        p->type = CX_LOCATION;
        return S_DECIDED;
    }
    if (has_head && n > 1 && !full) {
        p->type = CX_ORGANIZATION;
        /* "Ted Banks", not "La Liga" (an article before the head) */
        if (n == 2 && (f->cats & CX_G_PER_FIRST) && (l->cats & CX_G_PER_LAST) &&
            !(l->cats & (CX_G_ORG_SUFFIX | CX_G_COMMON)) && !(f->cats & CX_G_PARTICLE))
            p->type = CX_PERSON;
        return S_DECIDED;
    }
    /* "Real Madrid", "Sporting Lisbon": a prefix before a place the lists
     * know is a club, though "Real" is a given name and "Madrid" a
     * surname too */
    int place_last = l->mlen == 1 && (l->mcats & CX_G_ANY_LOC) && !(l->mcats & CX_G_ANY_ORG);
    if (n > 1 && !full && (f->cats & CX_G_ORG_PREFIX) &&
        (place_last || !((f->cats & CX_G_PER_FIRST) && (l->cats & CX_G_PER_LAST)))) {
        p->type = CX_ORGANIZATION;
        return S_DECIDED;
    }
    int t = full ? S_type_of_cats(f->mcats, w, b) : -1;
    if ((p->why & W_AFTER_TITLE) || S_prev_is_title(w, b)) {
        /* "President Clinton", "Mayor Lincoln": a one-word town or region
         * that is also a surname or a given name is the person after a
         * title (a country stays one; an all-capitals headline word may
         * be a verb: "DUPRE TO COACH NICE") */
        if (t != CX_ORGANIZATION &&
            (t != CX_LOCATION ||
             (n == 1 && (f->cats & (CX_G_PER_LAST | CX_G_PER_FIRST)) &&
              !(f->mcats & CX_G_LOC_COUNTRY) && !(w->seg->toks[b].flags & CX_TOK_UPPER)))) {
            p->type = CX_PERSON;
            p->evid = 1; /* the title decided */
            return S_DECIDED;
        }
    }
    /* "the German magazine Der Spiegel", "carrier Ryanair"; after a
     * company's trade, also a name of a given name and a surname
     * ("drugmaker Eli Lilly") */
    int role = b > 0 && !w->t[b - 1].title_end && t != CX_LOCATION;
    int trade = role && (!w->t[b - 1].cap || w->t[b - 1].weak) &&
                S_rule_word(w, b - 1, CX_RW_FIRM_KIND);
    if (trade || (role && w->t[b - 1].role_start && !w->t[b - 1].cap &&
                  !(n >= 2 && (f->cats & CX_G_PER_FIRST)))) {
        p->type = CX_ORGANIZATION;
        p->evid = 1; /* the role decided */
        return S_DECIDED;
    }
    if ((p->why & W_BEFORE_ROLE) || S_role_after(w, e)) {
        p->type = t == CX_LOCATION ? CX_LOCATION : CX_ORGANIZATION;
        /* "a Bush spokesman": a role people have (a title too) after a
         * word the lists know only as a surname is that person's */
        if (n == 1 && t < 0 && e < w->ntok && (w->t[e].cats & CX_G_TITLE) &&
            (f->cats & CX_G_PER_LAST) &&
            !(f->cats & (CX_G_ANY_NAME | CX_G_ORG_HEAD | CX_G_PROPER | CX_G_DEMONYM)))
            p->type = CX_PERSON;
        return S_DECIDED;
    }
    /* "Zelwin, who left office": "who" after a name no list types as a
     * company or a place is a person's. Not in sports reports, and not
     * after a place the lists know: British English writes "who" after
     * clubs ("Madrid, who finished second") */
    if (t < 0 && !w->sports && !S_any_head(w, b, e) && S_who_after(w, e) &&
        !S_prep_word(w, b)) {
        p->type = CX_PERSON;
        p->evid = 1;
        return S_DECIDED;
    }
    if (t >= 0 || t == T_DROP) {
        p->type = t;
        p->gaz = 1;
        return S_DECIDED;
    }
    return S_UNDECIDED;
}

/* What is left when neither the lists nor the names decided: a headline
 * word seen nowhere else is dropped, a place after "in" or in a dateline,
 * then the defaults of one word and of several. personish: the piece's
 * words may spell a person's name. */
static void S_type_by_default(S_work *w, S_piece *p, int personish)
{
    size_t b = p->b, e = p->e, n = e - b;
    const S_tok *f = &w->t[b];
    p->strong = 0;
    if (f->hl && !S_club_row(w, b) && !cx_ent_dateline(w, b, e)) {
        int seen = 0;
        for (size_t i = b; i < e; i++)
            seen |= cx_ent_set_has(&w->strong, w->g[i].key);
        if (!seen) {
            p->type = T_DROP;
            return;
        }
    }
    for (size_t i = b; i < e; i++)
        if (w->seg->toks[i].flags & CX_TOK_UPPER)
            personish = 0;
    /* "in Nashua", "at Grace Road"; not an acronym no list knows, which
     * names an organization far more often ("to TWA pilot Steven Snyder") */
    int acronym = n == 1 && S_all_caps_word(w, b) && !(w->seg->toks[b].flags & CX_TOK_HEADLINE);
    if (cx_ent_prep_before(w, b) && n <= 2 && !acronym) {
        /* "from X", "to X" also come before people ("away from Karlsen",
         * "loyal to Okoro"): a place by default there, not by evidence */
        p->evid = !(S_tok_is(w, b - 1, "from") || S_tok_is(w, b - 1, "to"));
        p->type = CX_LOCATION;
        return;
    }
    if (S_dateline_place(w, b, e)) {
        p->evid = 1;
        p->type = CX_LOCATION;
        return;
    }
    if (n == 1) {
        if (acronym)
            p->type = CX_ORGANIZATION;
        else if ((f->cats & (CX_G_PER_LAST | CX_G_PER_FIRST)) || S_family_ending(w, b))
            p->type = CX_PERSON;
        else
            p->type = CX_ORGANIZATION;
        return;
    }
    if ((f->mcats & CX_G_ANY_LOC) && f->mlen < n && n <= 3 && !w->sports) {
        p->type = CX_LOCATION; /* London Heathrow */
        return;
    }
    /* "Joost van der Merwe": lower-case particles inside make a person */
    size_t words = n, parts = 0, hyph = 0;
    for (size_t i = b + 1; i + 1 < e; i++) {
        if (w->t[i].cats & CX_G_PARTICLE && !w->t[i].cap)
            parts++;
        hyph += cx_ent_punct(w, i, "-"); /* Tyler-Sharman: one word */
    }
    words -= parts + 2 * hyph;
    p->type = personish && (words <= 3 || (parts && words <= 4)) ? CX_PERSON : CX_ORGANIZATION;
}

/* No list or context decided: the shape of the names in the piece does
 * (a given name and a surname, a place after "in", an acronym). */
static void S_type_by_names(S_work *w, S_piece *p)
{
    size_t b = p->b, e = p->e, n = e - b;
    const S_tok *f = &w->t[b], *l = &w->t[e - 1];
    /* "Lashkar-e-Taiba", "Tehreek-e-Insaf": the Persian and Urdu ezafe,
     * "-e-" between two capitalized words, joins the words of a group's or
     * a party's name (a person's is joined by "-ul-" or "-ud-": Zia-ul-Haq) */
    for (size_t i = b + 2; i + 2 < e; i++)
        if (S_tok_is(w, i, "e") && cx_ent_punct(w, i - 1, "-") && cx_ent_punct(w, i + 1, "-") &&
            w->t[i - 2].cap && w->t[i + 2].cap) {
            p->type = CX_ORGANIZATION;
            return;
        }
    /* an organization name at the end: Thomson Reuters; not a surname
     * after a first name ("James Pearson", "Olaf Ludwig") */
    for (size_t i = b + 1; i < e; i++)
        if (w->t[i].mlen == e - i && (w->t[i].mcats & CX_G_ANY_ORG) &&
            !(e - i == 1 && (w->t[i].cats & CX_G_PER_LAST) && (f->cats & CX_G_PER_FIRST) &&
              !(f->cats & CX_G_COMMON))) {
            p->type = CX_ORGANIZATION;
            return;
        }
    /* a company's name before another name: a subsidiary, a product or a
     * merged company ("Ford Australia", "Ford Taurus", "Lockheed Martin"),
     * not a person, unless it is also a first name before a surname */
    if (n >= 2 && f->mlen == 1 && (f->mcats & CX_G_ANY_ORG) &&
        !((f->cats & CX_G_PER_FIRST) && (l->cats & CX_G_PER_LAST)) &&
        !(w->seg->toks[b].flags & CX_TOK_UPPER)) {
        p->type = CX_ORGANIZATION;
        return;
    }
    /* "Sporting Braga coach Luis Ortega", "Leyton Orient manager Pat
     * Holland": a name no list knows, before a title and the person
     * holding it, is where that person works; unless it reads as a
     * person's name itself ("Clinton adviser Dick Morris"): one word that
     * is a name, or a first name and a surname that is no place and no
     * plain word ("Red Star", "Port Vale" are) */
    int person_like = n == 1 ? (f->cats & (CX_G_PER_FIRST | CX_G_PER_LAST)) != 0
                             : (f->cats & CX_G_PER_FIRST) && (l->cats & CX_G_PER_LAST) &&
                                   !(l->cats & CX_G_ANY_LOC) &&
                                   !((f->cats & l->cats) & CX_G_COMMON);
    if (!person_like && !(w->seg->toks[b].flags & CX_TOK_UPPER) && S_title_then_name(w, e)) {
        p->type = CX_ORGANIZATION;
        return;
    }
    if (!w->sports && S_place_then_plural(w, b, e)) {
        p->type = CX_ORGANIZATION;
        return;
    }
    /* "the town of Arbil", "the capital Grozny", "Sharqiyah province" */
    if (n <= 3 && S_place_noun_near(w, b, e)) {
        p->evid = 1;
        p->type = CX_LOCATION;
        return;
    }
    int personish = !((f->mcats & CX_G_ANY_LOC) && !(f->cats & CX_G_PER_FIRST)) &&
                    (!(w->seg->toks[b].flags & CX_TOK_UPPER) || S_initials(w, b));
    /* "Jean-Michel Monin", "Lucy Tyler-Sharman": a hyphen inside a word */
    for (size_t i = b; i < e; i++)
        if (!w->t[i].cap && !(w->t[i].cats & CX_G_PARTICLE) &&
            !(i > b && i + 1 < e && cx_ent_punct(w, i, "-") &&
              !(w->seg->toks[i].flags & CX_TOK_SPACE) &&
              !(w->seg->toks[i + 1].flags & CX_TOK_SPACE)) &&
            !(i + 1 == e && S_given_syllable(w, b, i - 1)))
            personish = 0;
    /* a known first name, or an initial, before a capitalized word */
    /* "Red Star", "Port Vale": two plain words are no person's name, though
     * the first is also a first name */
    if ((l->cats & CX_G_COMMON) && !(l->cats & CX_G_PER_LAST) && (f->cats & CX_G_COMMON))
        personish = 0;
    if (personish && n >= 2 && ((f->cats & CX_G_PER_FIRST) || S_initials(w, b)) &&
        !(f->cats & CX_G_FUNC)) {
        p->type = CX_PERSON;
        p->bynames = 1;
        return;
    }
    /* "Beacon Kenya", "Summit Ghana": an English word that is no given
     * name, then a place the lists know, names a club or a company */
    if (n == 2 && (f->cats & CX_G_COMMON) && !(f->cats & CX_G_PER_FIRST) && l->mlen == 1 &&
        (l->mcats & CX_G_ANY_LOC) && !(w->seg->toks[b].flags & (CX_TOK_UPPER | CX_TOK_ABBR))) {
        p->type = CX_ORGANIZATION;
        return;
    }
    /* a surname after a word that is no given name is no person's name
     * after "in" or "at" ("at Old Trafford", "in Castle Douglas") */
    int at = b > 0 && S_same_line(w, b) &&
             (S_tok_is(w, b - 1, "in") || S_tok_is(w, b - 1, "at") ||
              S_tok_is(w, b - 1, "In") || S_tok_is(w, b - 1, "At"));
    if (personish && n >= 2 && !at &&
        ((l->cats & CX_G_PER_LAST) || (n == 2 && S_family_ending(w, e - 1))) &&
        !S_all_caps_word(w, e - 1)) {
        p->type = CX_PERSON;
        p->bynames = 1;
        return;
    }
    S_type_by_default(w, p, personish);
}

/* One step of typing a piece; 1 when it was trimmed and must be typed
 * again. */
static int S_classify_once(S_work *w, S_piece *p)
{
    int r = S_shape(w, p);
    if (r == S_UNDECIDED)
        r = S_qualifiers(w, p);
    if (r == S_UNDECIDED)
        r = S_product(w, p);
    if (r == S_UNDECIDED)
        r = S_type_by_context(w, p);
    if (r == S_UNDECIDED) {
        S_type_by_names(w, p);
        r = S_DECIDED;
    }
    return r == S_AGAIN;
}

static void S_classify(S_work *w, S_piece *p)
{
    while (S_classify_once(w, p))
        ;
}

/* Is token i a small whole number on the line of token i - 1 (a score)? */
static int S_score_tok(const S_work *w, size_t i)
{
    return i < w->ntok && S_small_num(w, i) && S_same_line(w, i);
}

/* Past a "( ... )" of a few tokens at i on the same line ("Alba (
 * Germany ) 75"); i when none. */
static size_t S_past_paren(const S_work *w, size_t i)
{
    if (i >= w->ntok || !cx_ent_punct(w, i, "(") || !S_same_line(w, i))
        return i;
    for (size_t k = i + 1; k < w->ntok && k < i + 6 && S_same_line(w, k); k++)
        if (cx_ent_punct(w, k, ")"))
            return k + 1;
    return i;
}

/* Does the line end at token i (or go on with a bracket: "( 42-41 )")? */
static int S_line_ends(const S_work *w, size_t i)
{
    return i >= w->ntok || (w->seg->toks[i].flags & CX_TOK_NL) || cx_ent_punct(w, i, "(");
}

/* Does a name (and a bracket) alone open the line and end right before
 * token a ("Freiburg" before "2 Energie Cottbus 0")? */
static int S_name_opens_line(const S_work *w, size_t a)
{
    size_t score = a; /* a bracket of a few tokens, as S_past_paren reads one */
    if (a > 0 && cx_ent_punct(w, a - 1, ")"))
        while (a > 0 && !cx_ent_punct(w, a - 1, "(") && score - a < 7 &&
               !(w->seg->toks[a - 1].flags & CX_TOK_NL))
            a--;
    a = a > 0 && cx_ent_punct(w, a - 1, "(") ? a - 1 : a;
    size_t n = 0;
    while (a > 0 && S_namey(w, a - 1) && n < 5) {
        a--, n++;
        if (w->seg->toks[a].flags & CX_TOK_NL)
            break;
    }
    return n > 0 && (a == 0 || (w->seg->toks[a].flags & CX_TOK_NL));
}

/* Does a name (and a bracket) from token m, then a score, end the line? */
static int S_name_then_score(const S_work *w, size_t m)
{
    size_t n = 0;
    while (m < w->ntok && S_same_line(w, m) && S_namey(w, m) && n < 5)
        m++, n++;
    m = S_past_paren(w, m);
    return n > 0 && S_score_tok(w, m) && S_line_ends(w, m + 1);
}

/* Is the piece [b, e) one side of a result line "Freiburg 2 Energie
 * Cottbus 0", "Alba ( Germany ) 81 Red Star ( Serbia ) 77": two
 * names, each with a score after it, alone on the line? */
static int S_result_side(const S_work *w, size_t b, size_t e)
{
    size_t k = S_past_paren(w, e);
    if (!S_score_tok(w, k))
        return 0;
    if (b == 0 || (w->seg->toks[b].flags & CX_TOK_NL))
        return S_name_then_score(w, k + 1);
    return b >= 2 && S_score_tok(w, b - 1) && S_line_ends(w, k + 1) &&
           S_name_opens_line(w, b - 1);
}

/* Is token i the first number of a match's score: two numbers of up to
 * three digits joined by a hyphen or an en dash, no space between
 * ("2-1")? */
static int S_score_at(const S_work *w, size_t i)
{
    const cx_tok *k = w->seg->toks;
    if (!(i + 2 < w->ntok && S_small_num(w, i) && S_small_num(w, i + 2) &&
          !(k[i + 1].flags & CX_TOK_SPACE) && !(k[i + 2].flags & CX_TOK_SPACE) &&
          (cx_ent_punct(w, i + 1, "-") || cx_ent_punct(w, i + 1, "\xe2\x80\x93"))))
        return 0;
    /* two numbers of two digits that make about a hundred split a vote
     * or a share: "passed 52-48", "won 55-45 among women" */
    const cx_gaz_tok *x = &w->g[i], *y = &w->g[i + 2];
    if (x->len != 2 || y->len != 2)
        return 1;
    int sum = (x->s[0] - '0') * 10 + x->s[1] - '0' + (y->s[0] - '0') * 10 + y->s[1] - '0';
    return sum < 90 || sum > 110;
}

/* Does a word of a match's result stand within a few words of the score
 * at token i, on its line: "beat Leeds United 3-1", "a 2-1 defeat",
 * "drew 0-0"? */
static int S_result_near(const S_work *w, size_t i)
{
    for (size_t k = i, n = 0; k > 0 && n < 4 && S_same_line(w, k); n++)
        if (S_rule_word(w, --k, CX_RW_RESULT))
            return 1;
    for (size_t k = i + 3; k < w->ntok && k < i + 5 && S_same_line(w, k); k++)
        if (S_rule_word(w, k, CX_RW_RESULT))
            return 1;
    return 0;
}

/* Does "to" after a word of a result, with or without the score, come
 * right before token b: "lost to Leeds", "lost 3-1 to Leeds", "a 2-1
 * defeat to Leeds"? A side loses to another side, not to a place. */
static int S_lost_to(const S_work *w, size_t b)
{
    if (b < 2 || !S_tok_is(w, b - 1, "to"))
        return 0;
    size_t k = b - 2;
    if (k >= 3 && (w->seg->toks[k].flags & CX_TOK_NUM) && S_score_at(w, k - 2))
        k -= 3;
    return S_rule_word(w, k, CX_RW_RESULT);
}

/* A sports report whose headline names no sport, or that has none: a
 * score next to a word of a result in a text that names a sport
 * anywhere ("the Premier League", "football"), or three such scores (a
 * round-up). A vote or a poll ("passed 52-48", "won 52-48 among women")
 * names no sport. The sports it names tell teams from sports of people
 * as a headline's do. */
static void S_body_sports(S_work *w)
{
    size_t scores = 0;
    for (size_t i = 0; i < w->ntok; i++)
        if ((w->seg->toks[i].flags & CX_TOK_NUM) && S_score_at(w, i) && S_result_near(w, i)) {
            scores++;
            i += 2;
        }
    if (scores == 0)
        return; /* most texts: no word's categories read */
    int sport = 0, team = 0, solo = 0;
    for (size_t i = 0; i < w->ntok; i++) {
        uint32_t c = w->t[i].cats;
        if (c & CX_G_SPORT) {
            sport = 1;
            team |= !!(c & CX_G_SPORT_TEAM);
            solo |= !!(c & CX_G_SPORT_SOLO);
        }
    }
    if (scores >= 3 || sport) {
        w->sports = 1;
        w->team = team;
        w->solo = solo;
    }
}

/* Sports reports name teams after places ("Somerset beat
 * Kent", "Suwon 3 Daegu 2"); a country stays a place (national
 * sides are read as the country), and so does a place after "in" or in
 * a dateline. */
static void S_sports(S_work *w, S_piece *p)
{
    size_t b = p->b, e = p->e;
    const S_tok *f = &w->t[b];
    if (p->type == T_DROP)
        return;
    if (S_scorecard_name(w, b, e) && e - b <= 3) {
        p->type = CX_PERSON;
        p->strong = 1; /* the scorecard decided */
        return;
    }
    /* "the Mets", "the Cleveland Indians", "Boston Red Sox": people are
     * not named with "the", nor after a place */
    if (p->type == CX_PERSON) {
        int the = b > 0 && S_tok_is(w, b - 1, "the") && e - b <= 3;
        int place = f->mlen && f->mlen < e - b && (f->mcats & CX_G_ANY_LOC) &&
                    (!(f->cats & CX_G_PER_FIRST) || S_place_then_plural(w, b, e));
        int row = S_result_side(w, b, e) || (!(w->solo && !w->team) && S_table_row(w, b));
        if (!(p->why & W_AFTER_TITLE) && (the || place || row)) {
            p->type = CX_ORGANIZATION;
            p->team = 1;
        }
        return;
    }
    if (f->mlen == e - b && (f->mcats & CX_G_LOC_COUNTRY))
        return;
    /* "Berlin, Brussels and Zurich" of an athletics report are meetings */
    if (w->solo && !w->team)
        return;
    if (cx_ent_prep_before(w, b) && !S_lost_to(w, b))
        return;
    /* a ground: "the Etihad Stadium", "Yas Marina Circuit" */
    if (p->type == CX_LOCATION && e - b > 1 && (w->t[e - 1].cats & CX_G_LOC_HEAD) &&
        S_rule_word(w, e - 1, CX_RW_VENUE))
        return;
    /* the town of a venue: "At Trent Bridge ( Nottingham )", "( at Old Trafford ,
     * Birmingham )": in parentheses after a name, or after a comma and a
     * name that follows in or at, ending the clause (not "at Grace Road,
     * Leicestershire extended their innings") */
    if (p->type == CX_LOCATION && b >= 2 && e < w->ntok && cx_ent_punct(w, b - 1, "(") &&
        cx_ent_punct(w, e, ")") && w->t[b - 2].cap)
        return;
    if (p->type == CX_LOCATION && p > w->p && p[-1].e + 1 == b && cx_ent_punct(w, b - 1, ",") &&
        cx_ent_prep_before(w, p[-1].b) &&
        (e >= w->ntok || (w->seg->toks[e].flags & (CX_TOK_PUNCT | CX_TOK_NL))))
        return;
    /* the ground of a match report, opening its line before a colon:
     * "Taunton : Somerset beat Kent", "Manchester ( Old Trafford ) :" */
    if (p->type == CX_LOCATION && (b == 0 || (w->seg->toks[b].flags & CX_TOK_NL))) {
        size_t k = e;
        if (k < w->ntok && cx_ent_punct(w, k, "("))
            while (k < w->ntok && k < e + 8 && S_same_line(w, k) && !cx_ent_punct(w, k, ")"))
                k++;
        k += k > e;
        if (k < w->ntok && S_same_line(w, k) && cx_ent_punct(w, k, ":"))
            return;
    }
    /* a place naming where a side, its crowd or its ground is from: "the
     * Volgograd side", "the north London club", "an Ellis Park crowd" */
    if (p->type == CX_LOCATION && e < w->ntok && S_same_line(w, e) &&
        (w->seg->toks[e].flags & CX_TOK_LOWER) && S_rule_word(w, e, CX_RW_FOLLOWERS))
        return;
    if (e < w->ntok && w->t[e].intx)
        return;
    /* a dateline: LONDON 2004-03-12; MADISON , Wisconsin 2004-03-12 */
    if ((b == 0 || (w->seg->toks[b].flags & CX_TOK_NL)) && e + 1 < w->ntok &&
        (w->seg->toks[e].flags & CX_TOK_NUM) && (w->seg->toks[e + 1].flags & CX_TOK_NL))
        return;
    if ((b == 0 || (w->seg->toks[b].flags & CX_TOK_NL)) &&
        (w->seg->toks[b].flags & CX_TOK_UPPER) && e + 2 < w->ntok && cx_ent_punct(w, e, ",") &&
        w->t[e + 1].cap &&
        (w->t[e + 2].intx || (e + 3 < w->ntok && w->t[e + 2].cap && w->t[e + 3].intx)))
        return;
    int num_after = e < w->ntok && (w->seg->toks[e].flags & CX_TOK_NUM) && S_same_line(w, e);
    /* "the Cardinals", "the Mets": a team, but not "the Cup", "the Euro" */
    const cx_gaz_tok *lg = &w->g[e - 1];
    int the = b > 0 && S_tok_is(w, b - 1, "the") && !w->t[b].weak &&
              (!(w->t[e - 1].cats & CX_G_COMMON) ||
               (lg->len > 3 && lg->s[lg->len - 1] == 's' && lg->s[lg->len - 2] != 's'));
    if (p->type == CX_LOCATION || (num_after && !p->strong) ||
        (!p->strong && p->e - p->b > 1) || (the && !p->strong)) {
        p->type = CX_ORGANIZATION;
        p->team = 1;
    }
}

static int S_list_link(const S_work *w, size_t e, size_t b);

/* People work at a firm, not at a person: "analysts at Morgan Stanley",
 * "a partner at Davis Polk" name a firm named after its founders, though
 * its words are a given name and a surname; so does a name that only
 * "at" made a place ("an analyst at Bernstein"), and each name listed
 * after such a firm ("analysts at Jefferies and Morgan Stanley"). */
static void S_staff_at(S_work *w, size_t i)
{
    S_piece *p = &w->p[i];
    size_t b = p->b;
    if (!(p->type == CX_PERSON || (p->type == CX_LOCATION && !p->strong)) &&
        p->type != CX_ORGANIZATION)
        return;
    int at = b >= 2 && S_tok_is(w, b - 1, "at") && S_same_line(w, b - 1) &&
             S_rule_word(w, b - 2, CX_RW_STAFF);
    if (!at) {
        if (i == 0 || !(w->p[i - 1].why & W_STAFF) || !S_list_link(w, w->p[i - 1].e, b))
            return;
        /* a person may follow the list: "an analyst at ING, and Ann Lee,
         * a strategist", "at Davis Polk and John Smith of Apple" */
        size_t e = p->e;
        if (e + 1 < w->ntok && S_same_line(w, e + 1) &&
            ((cx_ent_punct(w, e, ",") && (w->seg->toks[e + 1].flags & CX_TOK_LOWER)) ||
             S_tok_is(w, e, "of")))
            return;
    }
    p->why |= W_STAFF;
    if (p->type != CX_ORGANIZATION) {
        p->type = CX_ORGANIZATION;
        p->bynames = 0;
    }
}

/* A plain English word named as a company with shares: "shares of
 * Oracle", "a stake in Alphabet", "Oracle shares", "Oracle's stock".
 * Alone it would be dropped as a word capitalized for no reason known
 * (cx_ent_resolve); its shares are the reason. A place keeps its type:
 * "Tokyo shares" are its market's. */
static void S_firm_by_stock(S_work *w, S_piece *p)
{
    size_t b = p->b, e = p->e;
    const S_tok *t = &w->t[b];
    if (e - b != 1 || p->type < 0 || ((t->cats | t->mcats) & CX_G_ANY_LOC))
        return;
    int before = b >= 2 && S_same_line(w, b - 1) &&
                 (S_tok_is(w, b - 1, "of") || S_tok_is(w, b - 1, "in")) &&
                 S_rule_word(w, b - 2, CX_RW_STOCK);
    size_t k = e < w->ntok && S_possessive_tok(w, e) ? e + 1 : e;
    int after = k < w->ntok && S_same_line(w, k) && (w->seg->toks[k].flags & CX_TOK_LOWER) &&
                S_rule_word(w, k, CX_RW_STOCK);
    if (before || after) {
        p->type = CX_ORGANIZATION;
        p->strong = 1;
    }
}

/* Is the gap from token e to token b a link of a list of names on one
 * line: ",", "and", "or", ", and", ", or"? 0: no; 1: a comma; 2: with
 * a conjunction. */
static int S_list_link(const S_work *w, size_t e, size_t b)
{
    size_t k = e;
    if (k < b && cx_ent_punct(w, k, ","))
        k++;
    int conj = k < b && (S_tok_is(w, k, "and") || S_tok_is(w, k, "or"));
    k += (size_t)conj;
    if (k != b || b == e)
        return 0;
    for (size_t i = e; i <= b; i++)
        if (!S_same_line(w, i))
            return 0;
    return conj ? 2 : 1;
}

/* Does the list of names ending before token e end its clause there: the
 * line's or the sentence's end, punctuation, or a word that opens no
 * verb's phrase ("in A, B and C on Tuesday")? */
static int S_list_ends(const S_work *w, size_t e)
{
    if (e >= w->ntok || !S_same_line(w, e))
        return 1;
    return cx_ent_punct(w, e, ".") || cx_ent_punct(w, e, ",") || cx_ent_punct(w, e, ";") ||
           cx_ent_punct(w, e, ":") || cx_ent_punct(w, e, ")") ||
           S_rule_word(w, e, CX_RW_LIST_END);
}

/* "in Paiporta, Chiva and Utiel": names listed with commas and a last
 * "and" or "or" are of one kind, so the names only a default typed take
 * the type that the list's other names have from evidence, when they
 * agree and it is a place. The list must end its clause: in "In
 * Valencia, Iberdrola and Endesa cut power", the two firms are the
 * clause's subject after a place. Not in sports reports, whose lists of
 * teams are places' names. */
static void S_listed(S_work *w)
{
    if (w->sports)
        return;
    for (size_t i = 0; i < w->np;) {
        size_t j = i;
        int conj = 0;
        while (!conj && j + 1 < w->np) {
            int k = S_list_link(w, w->p[j].e, w->p[j + 1].b);
            if (!k)
                break;
            conj = k == 2;
            j++;
        }
        /* "the districts of A, B and C": a plural kind of place and "of"
         * before the list govern every name of it */
        size_t b0 = w->p[i].b;
        int governed = conj && b0 >= 2 && S_tok_is(w, b0 - 1, "of") && S_same_line(w, b0 - 1) &&
                       (w->seg->toks[b0 - 2].flags & CX_TOK_LOWER) &&
                       (w->t[b0 - 2].cats & CX_G_LOC_HEAD) && w->g[b0 - 2].len > 3 &&
                       w->g[b0 - 2].s[w->g[b0 - 2].len - 1] == 's';
        int type = governed ? CX_LOCATION : -1;
        int agree = conj && (governed || S_list_ends(w, w->p[j].e));
        for (size_t m = i; agree && m <= j; m++) {
            const S_piece *p = &w->p[m];
            if (!(p->strong || p->evid) || p->type < 0)
                continue;
            if (type >= 0 && p->type != type)
                agree = 0;
            type = p->type;
        }
        for (size_t m = i; agree && type == CX_LOCATION && m <= j; m++) {
            S_piece *p = &w->p[m];
            if (!p->strong && !p->evid && p->type >= 0 &&
                !(p->e - p->b == 1 && S_all_caps_word(w, p->b)))
                p->type = CX_LOCATION;
        }
        i = j + 1;
    }
}

/* A name the document also writes with a corporate suffix is the
 * company's, though its words are a first and a last name: "Northrop
 * Grumman" after or before "Northrop Grumman Corp." (as ANNIE's
 * OrthoMatcher matches "X" to "X Inc."). Only a person typed by the name
 * lists alone changes; a title or a person list still decides. */
static void S_suffixed_orgs(S_work *w)
{
    int any = 0;
    for (size_t i = 0; i < w->np && !any; i++)
        any = w->p[i].type == CX_PERSON && w->p[i].bynames;
    if (!any)
        return;
    S_keyset orgs = {0};
    for (size_t i = 0; i < w->np; i++) {
        const S_piece *p = &w->p[i];
        size_t b = p->b, e = p->e, cut = 0;
        if (p->type != CX_ORGANIZATION)
            continue;
        if (e - b > 2 && cx_ent_punct(w, e - 1, ".") && (w->t[e - 2].cats & CX_G_ORG_SUFFIX))
            e--;
        while (e - b > 2 && (w->t[e - 1].cats & CX_G_ORG_SUFFIX))
            e--, cut = 1;
        if (cut)
            S_set_put(w, &orgs, cx_ent_name_key(w, b, e, 0));
    }
    for (size_t i = 0; i < w->np; i++) {
        S_piece *p = &w->p[i];
        if (p->type == CX_PERSON && p->bynames &&
            cx_ent_set_has(&orgs, cx_ent_name_key(w, p->b, p->e, 0))) {
            p->type = CX_ORGANIZATION;
            p->bynames = 0;
        }
    }
    free(orgs.k);
}

/* ---- the stage -------------------------------------------------------- */

static void S_work_fini(S_work *w)
{
    free(w->t);
    free(w->g);
    free(w->p);
    free(w->strong.k);
    free(w->lower.k);
    free(w->products.k);
    free(w->storms.k);
}

int cx_entity_find(const cx_entity_rules *r, const cx_doc *doc, const cx_seg *seg,
                   const cx_timex *tx, size_t ntx, cx_entity_vec *out, cx_warning_vec *warn)
{
    S_work w;
    memset(&w, 0, sizeof w);
    w.r = r;
    w.doc = doc;
    w.seg = seg;
    w.text = doc->text;
    w.ntok = seg->ntok;
    if (w.ntok == 0)
        return CX_OK;
    /* S_features writes every one */
    w.t = malloc(w.ntok * sizeof *w.t);
    w.g = malloc(w.ntok * sizeof *w.g);
    int rc = CX_OK;
    if (!w.t || !w.g)
        rc = CX_ERR_NOMEM;
    if (rc == CX_OK) {
        S_features(&w);
        if (!w.sports)
            S_body_sports(&w);
        S_mark_timex(&w, tx, ntx);
        rc = S_find_pieces(&w);
    }
    for (size_t i = 0; rc == CX_OK && i < w.np; i++) {
        S_classify(&w, &w.p[i]);
        S_staff_at(&w, i);
        S_firm_by_stock(&w, &w.p[i]);
        if (w.sports)
            S_sports(&w, &w.p[i]);
    }
    if (rc == CX_OK) {
        S_listed(&w);
        S_suffixed_orgs(&w);
    }
    if (rc == CX_OK && w.nomem)
        rc = CX_ERR_NOMEM;
    if (rc == CX_OK)
        rc = cx_ent_resolve(&w, out);
    if (rc == CX_OK && w.nomem) /* cx_ent_lower_has could not grow */
        rc = CX_ERR_NOMEM;
    S_work_fini(&w);
    return rc;
}
