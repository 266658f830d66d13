/* ctx: load the data once; run the pipeline on one document.
 * document -> segment -> timex -> entity -> event -> result. */
#include "ctx_int.h"
#include "event_int.h"
#include "gazetteer_int.h"
#include "rules_int.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef CX_DATADIR
#define CX_DATADIR "/usr/local/share/chronex"
#endif
#ifndef CX_SRCDATADIR
#define CX_SRCDATADIR "data"
#endif

cx_config cx_config_default(void)
{
    cx_config c = {0};
    return c;
}

cx_opts cx_opts_default(void)
{
    cx_opts o = {NULL, 1, 0};
    return o;
}

const char *cx_stage_name(int stage)
{
    static const char *const names[CX_NSTAGE] = {"decode", "segment", "dates", "entities",
                                                 "events"};
    return stage >= 0 && stage < CX_NSTAGE ? names[stage] : NULL;
}

/* With opts->timings, adds the seconds since *t to res->stage_seconds[k]
 * and moves *t on; otherwise does nothing (no clock read). */
static void S_lap(const cx_opts *opts, cx_result *res, int k, struct timespec *t)
{
    if (!opts->timings)
        return;
    struct timespec n;
    clock_gettime(CLOCK_MONOTONIC, &n);
    res->stage_seconds[k] +=
        (double)(n.tv_sec - t->tv_sec) + (double)(n.tv_nsec - t->tv_nsec) / 1e9;
    *t = n;
}

static int S_is_dir(const char *p)
{
    struct stat st;
    return p && *p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The data folder: the option, $CHRONEX_DATA_DIR, the installed folder,
 * then the source tree's (so the tool runs from the build tree). */
static const char *S_pick_data_dir(const cx_config *cfg)
{
    if (cfg && cfg->data_dir)
        return cfg->data_dir;
    const char *env = getenv("CHRONEX_DATA_DIR");
    if (env && *env)
        return env;
    if (S_is_dir(CX_DATADIR "/timex"))
        return CX_DATADIR;
    if (S_is_dir(CX_SRCDATADIR))
        return CX_SRCDATADIR;
    return "data";
}

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Hashes every file under dir, in name order, into *h: the data hash
 * that --incremental compares. cx_hash64 reads eight bytes a step (FNV-1a
 * took a byte a step, 4 % of start-up for the 2.7 MB of data). */
/* Hashes a file into *h a chunk at a time through buf (S_CHUNK bytes,
 * a multiple of 8): one small buffer for all files, not a copy of each.
 * 0, or -1 when it cannot be read. */
enum { S_CHUNK = 1 << 16 };
static int S_hash_file(const char *path, uint64_t *h, char *buf)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t r;
    while ((r = fread(buf, 1, S_CHUNK, f)) > 0)
        *h = cx_hash64(*h, buf, r);
    int rc = ferror(f) ? -1 : 0;
    fclose(f);
    return rc;
}

static void S_hash_tree(const char *dir, uint64_t *h, char *buf, int depth)
{
    DIR *d = opendir(dir);
    if (!d || depth > 4) {
        if (d)
            closedir(d);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "build") == 0)
            continue;
        if (cx_grow((void **)&names, &cap, n + 1, sizeof *names))
            break;
        names[n] = cx_strdup(e->d_name);
        if (names[n])
            n++;
    }
    closedir(d);
    if (n) /* names is NULL in an empty folder */
        qsort(names, n, sizeof *names, S_cmp_str);
    for (size_t i = 0; i < n; i++) {
        char *p = cx_path_join(dir, names[i]);
        if (p && S_is_dir(p)) {
            S_hash_tree(p, h, buf, depth + 1);
        } else if (p) {
            uint64_t fh = cx_hash64(*h, names[i], strlen(names[i]));
            if (S_hash_file(p, &fh, buf) == 0)
                *h = fh;
        }
        free(p);
        free(names[i]);
    }
    free(names);
}

/* The date patterns load on a second thread while the gazetteers load on
 * this one: the two are independent, and start-up is what a batch of
 * small runs pays again and again. Without a thread, they load in turn. */
typedef struct {
    const char *dir;
    cx_timex_rules *rules;
    cx_error err;
    int rc;
} S_timex_job;

static void *S_timex_job_run(void *arg)
{
    S_timex_job *j = arg;
    j->rc = cx_timex_rules_load(j->dir, &j->rules, &j->err);
    return NULL;
}

/* The data hash: every file of the data folder, then the user lists and
 * the disabled lists' names. *whole is cleared when a user list could not
 * be read (the hash then does not tell what would load). CX_OK or
 * CX_ERR_NOMEM. */
static int S_data_hash(const cx_config *cfg, const char *dir, uint64_t *out, int *whole)
{
    uint64_t h = CX_FNV_INIT;
    char *buf = malloc(S_CHUNK);
    if (!buf)
        return CX_ERR_NOMEM;
    S_hash_tree(dir, &h, buf, 0);
    *whole = 1;
    for (size_t i = 0; i < cfg->n_gazetteers; i++) {
        uint64_t fh = h;
        if (S_hash_file(cfg->gazetteers[i], &fh, buf) == 0)
            h = fh;
        else
            *whole = 0;
    }
    free(buf);
    for (size_t i = 0; i < cfg->n_disabled_lists; i++)
        h = cx_hash64(h, cfg->disabled_lists[i], strlen(cfg->disabled_lists[i]));
    *out = h;
    return CX_OK;
}

/* ---- gazetteer images ----------------------------------------------
 *
 * Parsing the lists is most of start-up; a saved image of the loaded
 * gazetteer reads in a fraction of it. The image's file name is a hash of
 * the configuration (version, data folder, user lists, disabled lists),
 * so that a change of data overwrites it instead of piling up images; its
 * key adds the data hash, which covers the contents of every file. */

#define S_IMG_FORMAT "chronex-gazetteer-image-1"

static uint64_t S_str_hash(uint64_t h, const char *s)
{
    return cx_hash64(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

/* The image path for cfg (new string), or NULL: no cache folder, or it
 * cannot be made. */
static char *S_image_path(const cx_config *cfg, const char *dir, uint64_t *name_hash)
{
    if (!cfg->cache_dir || !cfg->cache_dir[0])
        return NULL;
    if (mkdir(cfg->cache_dir, 0777) != 0 && errno != EEXIST)
        return NULL;
    uint64_t h = S_str_hash(0, S_IMG_FORMAT);
    h = S_str_hash(h, CX_VERSION);
    h = S_str_hash(h, dir);
    for (size_t i = 0; i < cfg->n_gazetteers; i++)
        h = S_str_hash(h, cfg->gazetteers[i]);
    h = cx_hash64(h, "|", 1);
    for (size_t i = 0; i < cfg->n_disabled_lists; i++)
        h = S_str_hash(h, cfg->disabled_lists[i]);
    *name_hash = h;
    char name[48];
    snprintf(name, sizeof name, "gazetteer-%016" PRIx64 ".img", h);
    return cx_path_join(cfg->cache_dir, name);
}

/* Images of other configurations (another user list, another data
 * folder) unused for 30 days, and temporary files a killed writer left a
 * day ago, go when a new image is written: a nightly job with changing
 * options does not fill the disk. Use is marked by touching the image on
 * every load. Best effort, like the image itself. */
#define S_IMG_UNUSED_DAYS 30

static void S_image_sweep(const char *cache_dir)
{
    DIR *d = opendir(cache_dir);
    if (!d)
        return;
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *n = e->d_name;
        size_t len = strlen(n);
        if (strncmp(n, "gazetteer-", 10) != 0)
            continue;
        int image = len > 4 && strcmp(n + len - 4, ".img") == 0;
        int temp = !image && strstr(n, ".img.") != NULL;
        char *p = (image || temp) ? cx_path_join(cache_dir, n) : NULL;
        struct stat st;
        if (p && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            double age = difftime(now, st.st_mtime);
            if (age > (image ? S_IMG_UNUSED_DAYS * 86400.0 : 86400.0))
                (void)unlink(p);
        }
        free(p);
    }
    closedir(d);
}

/* The entity rules' gazetteer from the image when it is there and
 * current, else from the lists, saving an image for the next start-up. */
static int S_load_entity_gaz(cx_ctx *ctx, const cx_config *cfg, const char *dir, int whole,
                             cx_error *err)
{
    uint64_t name_hash = 0;
    char *img = whole ? S_image_path(cfg, dir, &name_hash) : NULL;
    uint64_t key = cx_hash64(name_hash, &ctx->data_hash, sizeof ctx->data_hash);
    if (img) {
        cx_gaz *g = cx_gaz_new();
        if (g && cx_gaz_image_load(g, img, key) == CX_OK) {
            (void)utimensat(AT_FDCWD, img, NULL, 0); /* in use: see S_image_sweep */
            free(img);
            ctx->entity = cx_entity_rules_wrap(g);
            if (ctx->entity)
                return CX_OK;
            cx_error_set(err, CX_ERR_NOMEM, NULL, 0, "out of memory");
            return CX_ERR_NOMEM;
        }
        cx_gaz_free(g);
    }
    int rc = cx_entity_rules_load(cfg, dir, &ctx->entity, err);
    if (rc == CX_OK && img) {
        S_image_sweep(cfg->cache_dir);
        (void)cx_gaz_image_save(cx_entity_rules_gaz(ctx->entity), img, key);
    }
    free(img);
    return rc;
}

/* The entity rules: the gazetteer (image or lists), then the endings of
 * family names and the rule words, which no image holds. */
static int S_load_entity(cx_ctx *ctx, const cx_config *cfg, const char *dir, int whole,
                         cx_error *err)
{
    int rc = S_load_entity_gaz(ctx, cfg, dir, whole, err);
    if (rc == CX_OK)
        rc = cx_entity_endings_load(ctx->entity, cfg, dir, err);
    return rc == CX_OK ? cx_entity_words_load(ctx->entity, cfg, dir, err) : rc;
}

/* Loads the date patterns (on a second thread), the data hash and the
 * entity data, which the hash keys. */
static int S_load_rules(cx_ctx *ctx, const cx_config *cfg, const char *dir, cx_error *err)
{
    S_timex_job job = {dir, NULL, {0}, CX_OK};
    pthread_t th;
    int threaded = pthread_create(&th, NULL, S_timex_job_run, &job) == 0;
    if (!threaded)
        S_timex_job_run(&job);
    cx_error eerr = {0};
    int whole = 0, erc = CX_OK;
    if (S_data_hash(cfg, dir, &ctx->data_hash, &whole) != CX_OK) {
        cx_error_set(&eerr, CX_ERR_NOMEM, NULL, 0, "out of memory");
        erc = CX_ERR_NOMEM;
    }
    if (erc == CX_OK)
        erc = S_load_entity(ctx, cfg, dir, whole, &eerr);
    if (threaded)
        pthread_join(th, NULL);
    ctx->timex = job.rules;
    /* report as a sequential load would: date data first */
    if (job.rc != CX_OK || erc != CX_OK) {
        if (err)
            *err = job.rc != CX_OK ? job.err : eerr;
        return job.rc != CX_OK ? job.rc : erc;
    }
    return CX_OK;
}

cx_ctx *cx_ctx_new(const cx_config *cfg, cx_error *err)
{
    cx_config def = cx_config_default();
    if (!cfg)
        cfg = &def;
    if (err)
        memset(err, 0, sizeof *err);
    cx_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx) {
        cx_error_set(err, CX_ERR_NOMEM, NULL, 0, "out of memory");
        return NULL;
    }
    const char *dir = S_pick_data_dir(cfg);
    ctx->data_dir = cx_strdup(dir);
    if (!ctx->data_dir) {
        cx_error_set(err, CX_ERR_NOMEM, NULL, 0, "out of memory");
        goto fail;
    }
    if (!S_is_dir(dir)) {
        cx_error_set(err, CX_ERR_IO, dir, 0, "data folder not found");
        goto fail;
    }
    if (S_load_rules(ctx, cfg, dir, err) != CX_OK)
        goto fail;
    return ctx;
fail:
    if (err && !err->code)
        err->code = CX_ERR_DATA;
    cx_ctx_free(ctx);
    return NULL;
}

void cx_ctx_free(cx_ctx *ctx)
{
    if (!ctx)
        return;
    cx_timex_rules_free(ctx->timex);
    cx_entity_rules_free(ctx->entity);
    free(ctx->data_dir);
    free(ctx);
}

uint64_t cx_ctx_data_hash(const cx_ctx *ctx) { return ctx ? ctx->data_hash : 0; }

/* A DCT may carry a time, as document dates often do: "THH:MM[:SS]"
 * with an optional zone ("Z", "+02:00"); the date is what anchors. */
static int S_time_suffix(const char *t)
{
    if (!*t)
        return 1;
    if (*t != 'T' && *t != ' ')
        return 0;
    int digits = 0;
    for (t++; *t; t++) {
        if (*t >= '0' && *t <= '9')
            digits++;
        else if (!strchr(":.+-Z", *t))
            return 0;
    }
    return digits >= 2 && digits <= 14;
}

/* "MM-DD-YYYY" or "DD-MM-YYYY" (and with '/'): read as US month first
 * unless the first number cannot be a month. Returns 1 when it is one. */
static int S_parse_us_date(const char *s, int *Y, int *M, int *D)
{
    if (strlen(s) != 10 || (s[2] != '-' && s[2] != '/') || s[5] != s[2])
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 2 && i != 5 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int a = atoi(s), b = atoi(s + 3);
    *Y = atoi(s + 6);
    *M = a > 12 ? b : a;
    *D = a > 12 ? a : b;
    return 1;
}

/* "%04d-%02d-%02d" into buf (16 bytes) without snprintf, which was
 * about 1% of a batch (once a document); y, m, d as the caller reduced
 * them, so y < 10000 and m, d < 100. */
static void S_iso_date(char *buf, int y, int m, int d)
{
    if (y < 0 || m < 0 || d < 0) {
        snprintf(buf, 16, "%04d-%02d-%02d", y, m, d);
        return;
    }
    buf[0] = (char)('0' + y / 1000), buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10), buf[3] = (char)('0' + y % 10);
    buf[4] = '-', buf[5] = (char)('0' + m / 10), buf[6] = (char)('0' + m % 10);
    buf[7] = '-', buf[8] = (char)('0' + d / 10), buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}

int cx_dct_swappable(const char *s)
{
    int y, m, d;
    return s && S_parse_us_date(s, &y, &m, &d) && m != d && d <= 12;
}

int cx_parse_dct(const char *s, int *y, int *m, int *d)
{
    int uy, um, ud;
    if (s && S_parse_us_date(s, &uy, &um, &ud)) {
        char iso[16];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", uy % 10000, um % 100, ud % 100);
        return cx_parse_dct(iso, y, m, d);
    }
    static const int md[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-' || !S_time_suffix(s + 10))
        return CX_ERR_ARG;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return CX_ERR_ARG;
    int Y = atoi(s), M = atoi(s + 5), D = atoi(s + 8);
    int leap = (Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0;
    if (Y < 1 || M < 1 || M > 12 || D < 1 || D > md[M - 1] || (M == 2 && D == 29 && !leap))
        return CX_ERR_ARG;
    if (y)
        *y = Y, *m = M, *d = D;
    return CX_OK;
}

static void S_fill_cp(const cx_doc *doc, cx_span *sp)
{
    sp->cp_start = cx_doc_cp(doc, sp->start);
    sp->cp_end = cx_doc_cp(doc, sp->end);
}

void cx_result_free(cx_result *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->n_entities; i++)
        cx_entity_fini(&res->entities[i], res->entities_packed);
    free(res->entities);
    free(res->timexes);
    for (size_t i = 0; i < res->n_events; i++)
        free(res->events[i].entities);
    free(res->events);
    free(res->warnings);
    free(res->text);
    free(res);
}

/* Runs the stages after the document is loaded. */
static int S_pipeline(const cx_ctx *ctx, cx_doc *doc, const cx_opts *opts, cx_anchor *anchor,
                      cx_result *res, cx_warning_vec *warn, struct timespec *t)
{
    cx_seg seg;
    int rc = cx_segment(doc, &seg);
    S_lap(opts, res, CX_STAGE_SEGMENT, t);
    if (rc)
        return rc;
    cx_timex_vec tv = {0};
    rc = cx_timex_find(ctx->timex, doc, &seg, opts->use_dateline, anchor, &tv, warn);
    res->timexes = tv.v;
    res->n_timexes = tv.n;
    S_lap(opts, res, CX_STAGE_DATES, t);
    cx_entity_vec ev = {0};
    if (rc == CX_OK)
        rc = cx_entity_find(ctx->entity, doc, &seg, tv.v, tv.n, &ev, warn);
    res->entities = ev.v;
    res->n_entities = ev.n;
    S_lap(opts, res, CX_STAGE_ENTITIES, t);
    if (rc == CX_OK)
        rc = cx_event_build(doc, &seg, tv.v, tv.n, ev.v, ev.n, &res->events, &res->n_events);
    cx_seg_fini(&seg);
    S_lap(opts, res, CX_STAGE_EVENTS, t);
    return rc;
}

int cx_extract(const cx_ctx *ctx, const char *text, size_t len, const cx_opts *opts,
               cx_result **out)
{
    cx_opts def = cx_opts_default();
    if (!opts)
        opts = &def;
    *out = NULL;
    if (!ctx || (!text && len))
        return CX_ERR_ARG;
    cx_anchor anchor = {0, 0, 0, CX_DCT_NONE, 0};
    if (opts->dct) {
        if (cx_parse_dct(opts->dct, &anchor.y, &anchor.m, &anchor.d))
            return CX_ERR_ARG;
        anchor.source = CX_DCT_OPTION;
        anchor.swappable = cx_dct_swappable(opts->dct);
    }
    struct timespec t = {0, 0};
    if (opts->timings)
        clock_gettime(CLOCK_MONOTONIC, &t);
    cx_result *res = calloc(1, sizeof *res);
    if (!res)
        return CX_ERR_NOMEM;
    res->entities_packed = 1; /* cx_entity_find's layout */
    cx_doc doc;
    int rc = cx_doc_init(&doc, text ? text : "", len);
    if (rc) {
        free(res);
        return rc;
    }
    cx_warning_vec warn = {0};
    if (doc.n_invalid)
        cx_warn(&warn,
                doc.first_invalid >= 0 ? (long)cx_doc_cp(&doc, doc.first_invalid_text) : -1,
                "%zu invalid %s sequence(s) replaced by U+FFFD (first at byte %ld)",
                doc.n_invalid, doc.utf16 ? "UTF-16" : "UTF-8", doc.first_invalid);
    S_lap(opts, res, CX_STAGE_DECODE, &t);
    rc = S_pipeline(ctx, &doc, opts, &anchor, res, &warn, &t);
    for (size_t i = 0; i < res->n_timexes; i++)
        S_fill_cp(&doc, &res->timexes[i].span);
    for (size_t i = 0; i < res->n_entities; i++)
        for (size_t k = 0; k < res->entities[i].n_mentions; k++)
            S_fill_cp(&doc, &res->entities[i].mentions[k].span);
    for (size_t i = 0; i < res->n_events; i++)
        S_fill_cp(&doc, &res->events[i].span);
    if (anchor.y > 0) {
        S_iso_date(res->dct, anchor.y % 10000, anchor.m % 100, anchor.d % 100);
        res->dct_source = anchor.source;
    }
    res->warnings = warn.v;
    res->n_warnings = warn.n;
    res->text = doc.owned;
    res->text_len = doc.len;
    res->text_cps = doc.ncp;
    doc.owned = NULL;
    cx_doc_fini(&doc);
    S_lap(opts, res, CX_STAGE_DECODE, &t); /* the code point offsets */
    if (rc) {
        cx_result_free(res);
        return rc;
    }
    *out = res;
    return CX_OK;
}
