/* chronex: the command-line tool. Parses arguments, does I/O, sets exit
 * codes; all the work is in libchronex and batch.c. */
#include "batch.h"
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char S_usage[] =
    "Usage: chronex extract [OPTIONS] INPUT...\n"
    "       chronex timeline [OPTIONS] INPUT...\n"
    "       chronex report [OPTIONS] -o FILE.html INPUT...\n"
    "       chronex --help | --version\n"
    "\n"
    "extract   entities, dates and events of each document, as JSON\n"
    "timeline  one merged timeline of all documents (inputs may be texts,\n"
    "          chronex outputs or earlier timelines)\n"
    "report    the timeline and the entities as one self-contained HTML page\n"
    "\n"
    "INPUT is a file, a folder (walked recursively) or - for standard input.\n"
    "\n"
    "Options:\n"
    "  --dct DATE            document creation time: YYYY-MM-DD[THH:MM[:SS]]\n"
    "                        (also MM-DD-YYYY, or DD-MM-YYYY when DD > 12)\n"
    "  --no-dateline         do not take the date from a dateline\n"
    "  -o, --output DIR      write DIR/<name>.json for each document\n"
    "  --jsonl               one compact JSON document a line on stdout\n"
    "  --input-format FMT    text (default), jsonl ({\"id\",\"text\",\"dct\"} a line)\n"
    "                        or json (timeline: chronex outputs, JSON Lines too)\n"
    "  --include GLOB        in folders, only files whose name matches GLOB\n"
    "  -j, --jobs N          worker threads (default: all cores)\n"
    "  --incremental         skip documents whose output is up to date\n"
    "  --report FILE         write counts, failures and timings as JSON\n"
    "  -q, --quiet           no progress or summary on stderr\n"
    "  --data-dir DIR        data folder (default: $CHRONEX_DATA_DIR or built in)\n"
    "  --gazetteer FILE      add a gazetteer (takes precedence over defaults)\n"
    "  --disable-list NAME   leave out a default list (e.g. per_last)\n"
    "  --cache-dir DIR       where gazetteer images are kept (default:\n"
    "                        $CHRONEX_CACHE_DIR, else $XDG_CACHE_HOME/chronex,\n"
    "                        else ~/.cache/chronex)\n"
    "  --no-cache            neither read nor write gazetteer images\n"
    "  --compact             compact JSON for a single document\n"
    "  --format FMT          timeline: json (default), timelinejs or vis\n"
    "  --group BY            timelinejs, vis: rows by document (default) or entity\n"
    "  --title TEXT          timelinejs, vis, report: the title\n"
    "  -h, --help            this help\n"
    "  -V, --version         the version\n"
    "\n"
    "Exit status: 0 all done, 1 some documents failed (the rest are written),\n"
    "2 usage error, 3 data or configuration error.\n";

enum {
    OPT_DCT = 256,
    OPT_NODATELINE,
    OPT_JSONL,
    OPT_INFMT,
    OPT_INCLUDE,
    OPT_INCR,
    OPT_REPORT,
    OPT_DATADIR,
    OPT_GAZ,
    OPT_DISABLE,
    OPT_COMPACT,
    OPT_FORMAT,
    OPT_GROUP,
    OPT_TITLE,
    OPT_CACHEDIR,
    OPT_NOCACHE
};

static const struct option S_longopts[] = {
    {"dct", required_argument, NULL, OPT_DCT},
    {"no-dateline", no_argument, NULL, OPT_NODATELINE},
    {"output", required_argument, NULL, 'o'},
    {"jsonl", no_argument, NULL, OPT_JSONL},
    {"input-format", required_argument, NULL, OPT_INFMT},
    {"include", required_argument, NULL, OPT_INCLUDE},
    {"jobs", required_argument, NULL, 'j'},
    {"incremental", no_argument, NULL, OPT_INCR},
    {"report", required_argument, NULL, OPT_REPORT},
    {"quiet", no_argument, NULL, 'q'},
    {"data-dir", required_argument, NULL, OPT_DATADIR},
    {"gazetteer", required_argument, NULL, OPT_GAZ},
    {"disable-list", required_argument, NULL, OPT_DISABLE},
    {"compact", no_argument, NULL, OPT_COMPACT},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"group", required_argument, NULL, OPT_GROUP},
    {"title", required_argument, NULL, OPT_TITLE},
    {"cache-dir", required_argument, NULL, OPT_CACHEDIR},
    {"no-cache", no_argument, NULL, OPT_NOCACHE},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

typedef struct {
    cx_batch_opts b;
    cx_config cfg;
    const char *list[3][256]; /* includes, gazetteers, disabled */
    size_t nlist[3];
    int compact;
    int no_cache;
    char cache_buf[4096];
    const char *format; /* chronex timeline --format, NULL: json */
    cx_viz_opts viz;
} S_args;

static int S_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "chronex: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'chronex --help'.\n");
    return CX_EXIT_USAGE;
}

static int S_push(S_args *a, int which, const char *v)
{
    if (a->nlist[which] >= 256)
        return S_usage_error("too many %s options", "list");
    a->list[which][a->nlist[which]++] = v;
    return 0;
}

static int S_parse(S_args *a, int argc, char **argv)
{
    int c;
    while ((c = getopt_long(argc, argv, "o:j:qhV", S_longopts, NULL)) != -1) {
        int rc = 0;
        switch (c) {
        case OPT_DCT:
            if (cx_parse_dct(optarg, NULL, NULL, NULL) != CX_OK)
                return S_usage_error("invalid --dct '%s' (want YYYY-MM-DD)", optarg);
            a->b.dct = optarg;
            break;
        case OPT_NODATELINE:
            a->b.use_dateline = 0;
            break;
        case 'o':
            a->b.outdir = optarg;
            break;
        case OPT_JSONL:
            a->b.jsonl = 1;
            break;
        case OPT_INFMT:
            if (strcmp(optarg, "jsonl") == 0)
                a->b.input_jsonl = 1;
            else if (strcmp(optarg, "json") == 0)
                a->b.input_json = 1;
            else if (strcmp(optarg, "text") != 0)
                return S_usage_error("unknown --input-format '%s' (text, jsonl or json)",
                                     optarg);
            break;
        case OPT_INCLUDE:
            rc = S_push(a, 0, optarg);
            break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 256)
                return S_usage_error("invalid --jobs '%s' (1 to 256)", optarg);
            a->b.jobs = (int)n;
            break;
        }
        case OPT_INCR:
            a->b.incremental = 1;
            break;
        case OPT_REPORT:
            a->b.report = optarg;
            break;
        case 'q':
            a->b.quiet = 1;
            break;
        case OPT_DATADIR:
            a->cfg.data_dir = optarg;
            break;
        case OPT_GAZ:
            rc = S_push(a, 1, optarg);
            break;
        case OPT_DISABLE:
            rc = S_push(a, 2, optarg);
            break;
        case OPT_COMPACT:
            a->compact = 1;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "json") && strcmp(optarg, "timelinejs") && strcmp(optarg, "vis"))
                return S_usage_error("unknown --format '%s' (json, timelinejs or vis)", optarg);
            a->format = optarg;
            break;
        case OPT_GROUP:
            if (strcmp(optarg, "document") && strcmp(optarg, "entity"))
                return S_usage_error("unknown --group '%s' (document or entity)", optarg);
            a->viz.group = optarg[0] == 'e' ? CX_VIZ_GROUP_ENTITY : CX_VIZ_GROUP_DOCUMENT;
            break;
        case OPT_TITLE:
            a->viz.title = optarg;
            break;
        case OPT_CACHEDIR:
            a->cfg.cache_dir = optarg;
            break;
        case OPT_NOCACHE:
            a->no_cache = 1;
            break;
        case 'h':
            fputs(S_usage, stdout);
            return -1;
        case 'V':
            printf("chronex %s\n", CX_VERSION);
            return -1;
        default:
            fprintf(stderr, "Try 'chronex --help'.\n");
            return CX_EXIT_USAGE;
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* The folder of gazetteer images: --cache-dir, $CHRONEX_CACHE_DIR (empty:
 * none), $XDG_CACHE_HOME/chronex, ~/.cache/chronex. The parent of the
 * default is made when missing (a fresh home has no ~/.cache); the
 * library makes the last part. NULL: no cache. */
static const char *S_cache_dir(S_args *a)
{
    if (a->no_cache)
        return NULL;
    if (a->cfg.cache_dir)
        return a->cfg.cache_dir[0] ? a->cfg.cache_dir : NULL;
    const char *env = getenv("CHRONEX_CACHE_DIR");
    if (env)
        return env[0] ? env : NULL;
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/') {
        n = snprintf(a->cache_buf, sizeof a->cache_buf, "%s/chronex", xdg);
    } else if (home && home[0] == '/') {
        n = snprintf(a->cache_buf, sizeof a->cache_buf, "%s/.cache", home);
        if (n > 0 && (size_t)n < sizeof a->cache_buf)
            (void)mkdir(a->cache_buf, 0700);
        n = snprintf(a->cache_buf, sizeof a->cache_buf, "%s/.cache/chronex", home);
    } else {
        return NULL;
    }
    return n > 0 && (size_t)n < sizeof a->cache_buf ? a->cache_buf : NULL;
}

static int S_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)(n > 64 ? 64 : n) : 1;
}

/* In chronex timeline, .json and .jsonl files (and, with --input-format
 * json, every input including "-") are earlier chronex outputs. */
static int S_is_json_input(const S_args *a, const char *p)
{
    size_t n = strlen(p);
    struct stat st;
    if (a->b.input_jsonl)
        return 0;
    if ((n > 5 && strcmp(p + n - 5, ".json") == 0) ||
        (n > 6 && strcmp(p + n - 6, ".jsonl") == 0))
        return 1;
    /* other folders are walked by the batch, which reads the .json in them */
    return a->b.input_json && !(stat(p, &st) == 0 && S_ISDIR(st.st_mode));
}

/* chronex report: the entities of a per-document JSON output. */
static int S_entities_json(cx_entity_table *et, const char *path)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : NULL;
    size_t len = 0;
    char *buf = f ? cx_read_stream(f, 0, &len) : NULL;
    if (f)
        fclose(f);
    cx_error err = {0};
    int rc = buf ? cx_entity_table_add_json(et, buf, len, &err) : CX_OK;
    free(buf);
    return rc == CX_OK ? 0 : -1; /* the timeline reader reports bad JSON */
}

/* The timeline in the format asked for (or the report): a new string. */
static char *S_render(const S_args *a, const cx_timeline *tl, const cx_entity_table *et)
{
    int pretty = !a->b.jsonl && !a->compact;
    if (et)
        return cx_report_html(tl, et, &a->viz);
    if (a->format && strcmp(a->format, "timelinejs") == 0)
        return cx_timeline_to_timelinejs(tl, &a->viz, pretty);
    if (a->format && strcmp(a->format, "vis") == 0)
        return cx_timeline_to_vis(tl, &a->viz, pretty);
    return cx_timeline_to_json(tl, pretty);
}

/* chronex timeline and report: texts are extracted, JSON inputs are read
 * as they are. report is the HTML file of chronex report, or NULL. */
static int S_timeline(const cx_ctx *ctx, S_args *a, char **inputs, size_t n, const char *report)
{
    cx_timeline *tl = cx_timeline_new();
    cx_entity_table *et = report ? cx_entity_table_new() : NULL;
    if (!tl || (report && !et)) {
        cx_timeline_free(tl);
        return CX_EXIT_DATA;
    }
    a->b.entities = et;
    int status = CX_EXIT_OK;
    char **texts = calloc(n + 1, sizeof *texts);
    size_t nt = 0;
    for (size_t i = 0; texts && i < n; i++) {
        if (!S_is_json_input(a, inputs[i]))
            texts[nt++] = inputs[i];
        else if (cx_timeline_read_json(tl, inputs[i]) > 0 ||
                 (et && S_entities_json(et, inputs[i]) != 0))
            status = CX_EXIT_FAILED;
    }
    if (nt) {
        a->b.timeline = tl;
        a->b.outdir = NULL;
        int rc = cx_batch_run(ctx, &a->b, texts, nt);
        if (rc)
            status = rc;
    }
    free(texts);
    char *json = S_render(a, tl, et);
    cx_timeline_free(tl);
    cx_entity_table_free(et);
    if (!json) {
        fprintf(stderr, "chronex: out of memory\n");
        return CX_EXIT_FAILED;
    }
    if (report) {
        if (cx_write_atomic(report, json, strlen(json)) != 0) {
            fprintf(stderr, "chronex: cannot write %s: %s\n", report, strerror(errno));
            status = CX_EXIT_FAILED;
        }
        free(json);
        return status;
    }
    puts(json);
    free(json);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "chronex: cannot write standard output: %s\n", strerror(errno));
        return CX_EXIT_FAILED;
    }
    return status;
}

/* glibc gives each thread's arena back to the system a page at a time:
 * compiling the date patterns on two threads made about 700 madvise and
 * 450 mprotect calls, a third of start-up. Keep freed memory and grow in
 * bigger steps instead (the process is short-lived or reuses it anyway). */
static void S_tune_malloc(void)
{
#if defined(M_TRIM_THRESHOLD) && defined(M_TOP_PAD)
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
#endif
}

/* A batch writes about 2.7 bytes of JSON for every byte it reads: with
 * stdio's 4 KB buffer that was a write(2) a document. A regular file gets
 * 64 KB; a terminal or a pipe keeps stdio's own buffering, so what reads
 * it gets each document no later than before. */
static void S_tune_stdout(void)
{
    static char buf[64 << 10]; /* glibc ignores the size of a NULL buffer */
    struct stat st;
    if (fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode))
        setvbuf(stdout, buf, _IOFBF, sizeof buf);
}

int main(int argc, char **argv)
{
    S_tune_malloc();
    S_tune_stdout();
    if (argc < 2)
        return S_usage_error("%s", "no command given");
    const char *cmd = argv[1];
    if (cmd[0] == '-') {
        S_args a = {0};
        int rc = S_parse(&a, argc, argv);
        return rc < 0 ? 0 : rc ? rc : S_usage_error("%s", "no command given");
    }
    if (strcmp(cmd, "extract") != 0 && strcmp(cmd, "timeline") != 0 &&
        strcmp(cmd, "report") != 0)
        return S_usage_error("unknown command '%s'", cmd);
    S_args a = {0};
    a.cfg = cx_config_default();
    a.b.use_dateline = 1;
    a.b.jobs = S_cores();
    a.viz = cx_viz_opts_default();
    int rc = S_parse(&a, argc - 1, argv + 1);
    if (rc)
        return rc < 0 ? 0 : rc;
    int nin = argc - 1 - optind;
    if (nin < 1)
        return S_usage_error("%s: no input given", cmd);
    a.b.includes = a.list[0];
    a.b.n_includes = a.nlist[0];
    a.cfg.gazetteers = a.list[1];
    a.cfg.n_gazetteers = a.nlist[1];
    a.cfg.disabled_lists = a.list[2];
    a.cfg.n_disabled_lists = a.nlist[2];
    a.cfg.cache_dir = S_cache_dir(&a);
    if (a.compact)
        a.b.jsonl = 1;
    const char *report = NULL;
    if (strcmp(cmd, "report") == 0) {
        if (!a.b.outdir)
            return S_usage_error("%s", "report: give the HTML file with -o FILE");
        report = a.b.outdir;
        a.b.outdir = NULL;
    }
    if (a.format && strcmp(cmd, "timeline") != 0)
        return S_usage_error("%s", "--format is for chronex timeline");
    if (a.b.input_json && strcmp(cmd, "timeline") != 0 && !report)
        return S_usage_error("%s", "--input-format json is for chronex timeline");
    char **inputs = argv + 1 + optind;
    /* merging earlier outputs needs no data: a reducer starts at once */
    int need_ctx = strcmp(cmd, "extract") == 0;
    for (int i = 0; !need_ctx && i < nin; i++)
        need_ctx = !S_is_json_input(&a, inputs[i]);
    cx_error err;
    cx_ctx *ctx = need_ctx ? cx_ctx_new(&a.cfg, &err) : NULL;
    if (need_ctx && !ctx) {
        if (err.line > 0)
            fprintf(stderr, "chronex: %s:%ld: %s\n", err.file, err.line, err.message);
        else if (err.file[0])
            fprintf(stderr, "chronex: %s: %s\n", err.file, err.message);
        else
            fprintf(stderr, "chronex: %s\n",
                    err.message[0] ? err.message : cx_strerror(err.code));
        return CX_EXIT_DATA;
    }
    if (strcmp(cmd, "timeline") == 0 || report)
        rc = S_timeline(ctx, &a, inputs, (size_t)nin, report);
    else
        rc = cx_batch_run(ctx, &a.b, inputs, (size_t)nin);
    cx_ctx_free(ctx);
    return rc;
}
