/* chronex: the command-line tool. Parses arguments, does I/O, sets exit
 * codes; all the work is in libchronex and batch.c. */
#include "batch.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char S_usage[] =
    "Usage: chronex extract [OPTIONS] INPUT...\n"
    "       chronex timeline [OPTIONS] INPUT...\n"
    "       chronex --help | --version\n"
    "\n"
    "extract   entities, dates and events of each document, as JSON\n"
    "timeline  one merged timeline of all documents (inputs may be texts,\n"
    "          chronex outputs or earlier timelines)\n"
    "\n"
    "INPUT is a file, a folder (walked recursively) or - for standard input.\n"
    "\n"
    "Options:\n"
    "  --dct DATE            document creation time, YYYY-MM-DD\n"
    "  --no-dateline         do not take the date from a dateline\n"
    "  -o, --output DIR      write DIR/<name>.json for each document\n"
    "  --jsonl               one compact JSON document a line on stdout\n"
    "  --input-format FMT    text (default) or jsonl ({\"id\",\"text\",\"dct\"} a line)\n"
    "  --include GLOB        in folders, only files whose name matches GLOB\n"
    "  -j, --jobs N          worker threads (default: all cores)\n"
    "  --incremental         skip documents whose output is up to date\n"
    "  --report FILE         write counts, failures and timings as JSON\n"
    "  -q, --quiet           no progress or summary on stderr\n"
    "  --data-dir DIR        data folder (default: $CHRONEX_DATA_DIR or built in)\n"
    "  --gazetteer FILE      add a gazetteer (takes precedence over defaults)\n"
    "  --disable-list NAME   leave out a default list (e.g. per_last)\n"
    "  --compact             compact JSON for a single document\n"
    "  -h, --help            this help\n"
    "  -V, --version         the version\n"
    "\n"
    "Exit status: 0 all done, 1 some documents failed (the rest are written),\n"
    "2 usage error, 3 data or configuration error.\n";

enum { OPT_DCT = 256, OPT_NODATELINE, OPT_JSONL, OPT_INFMT, OPT_INCLUDE, OPT_INCR,
       OPT_REPORT, OPT_DATADIR, OPT_GAZ, OPT_DISABLE, OPT_COMPACT };

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
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

typedef struct {
    cx_batch_opts b;
    cx_config cfg;
    const char *list[3][256]; /* includes, gazetteers, disabled */
    size_t nlist[3];
    int compact;
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
        case OPT_NODATELINE: a->b.use_dateline = 0; break;
        case 'o': a->b.outdir = optarg; break;
        case OPT_JSONL: a->b.jsonl = 1; break;
        case OPT_INFMT:
            if (strcmp(optarg, "jsonl") == 0)
                a->b.input_jsonl = 1;
            else if (strcmp(optarg, "text") != 0)
                return S_usage_error("unknown --input-format '%s' (text or jsonl)", optarg);
            break;
        case OPT_INCLUDE: rc = S_push(a, 0, optarg); break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 256)
                return S_usage_error("invalid --jobs '%s' (1 to 256)", optarg);
            a->b.jobs = (int)n;
            break;
        }
        case OPT_INCR: a->b.incremental = 1; break;
        case OPT_REPORT: a->b.report = optarg; break;
        case 'q': a->b.quiet = 1; break;
        case OPT_DATADIR: a->cfg.data_dir = optarg; break;
        case OPT_GAZ: rc = S_push(a, 1, optarg); break;
        case OPT_DISABLE: rc = S_push(a, 2, optarg); break;
        case OPT_COMPACT: a->compact = 1; break;
        case 'h': fputs(S_usage, stdout); return -1;
        case 'V': printf("chronex %s\n", CX_VERSION); return -1;
        default: fprintf(stderr, "Try 'chronex --help'.\n"); return CX_EXIT_USAGE;
        }
        if (rc)
            return rc;
    }
    return 0;
}

static int S_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)(n > 64 ? 64 : n) : 1;
}

static int S_is_json_input(const char *p)
{
    size_t n = strlen(p);
    return n > 5 && strcmp(p + n - 5, ".json") == 0;
}

/* chronex timeline: texts are extracted, JSON inputs are read as they are. */
static int S_timeline(const cx_ctx *ctx, S_args *a, char **inputs, size_t n)
{
    cx_timeline *tl = cx_timeline_new();
    if (!tl)
        return CX_EXIT_DATA;
    int status = CX_EXIT_OK;
    char **texts = calloc(n + 1, sizeof *texts);
    size_t nt = 0;
    for (size_t i = 0; texts && i < n; i++) {
        if (!S_is_json_input(inputs[i])) {
            texts[nt++] = inputs[i];
            continue;
        }
        FILE *f = fopen(inputs[i], "rb");
        char *buf = NULL;
        size_t cap = 0, len = 0;
        if (f) {
            for (;;) {
                if (len + 4096 > cap) {
                    cap = cap ? cap * 2 : 65536;
                    char *nb = realloc(buf, cap);
                    if (!nb)
                        break;
                    buf = nb;
                }
                size_t k = fread(buf + len, 1, cap - len, f);
                len += k;
                if (k == 0)
                    break;
            }
            fclose(f);
        }
        cx_error err = {0};
        if (!f || !buf) {
            fprintf(stderr, "chronex: %s: %s\n", inputs[i], f ? "out of memory" : strerror(errno));
            status = CX_EXIT_FAILED;
        } else if (cx_timeline_add_json(tl, buf, len, &err) != CX_OK) {
            fprintf(stderr, "chronex: %s: %s\n", inputs[i], err.message[0] ? err.message : "not a chronex output");
            status = CX_EXIT_FAILED;
        }
        free(buf);
    }
    if (nt) {
        a->b.timeline = tl;
        a->b.outdir = NULL;
        int rc = cx_batch_run(ctx, &a->b, texts, nt);
        if (rc)
            status = rc;
    }
    free(texts);
    char *json = cx_timeline_to_json(tl, !a->b.jsonl && !a->compact);
    cx_timeline_free(tl);
    if (!json) {
        fprintf(stderr, "chronex: out of memory\n");
        return CX_EXIT_FAILED;
    }
    if (a->b.outdir) {
        /* not reached: -o is for extract */
    }
    puts(json);
    free(json);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "chronex: cannot write standard output: %s\n", strerror(errno));
        return CX_EXIT_FAILED;
    }
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return S_usage_error("%s", "no command given");
    const char *cmd = argv[1];
    if (cmd[0] == '-') {
        S_args a = {0};
        int rc = S_parse(&a, argc, argv);
        return rc < 0 ? 0 : rc ? rc : S_usage_error("%s", "no command given");
    }
    if (strcmp(cmd, "extract") != 0 && strcmp(cmd, "timeline") != 0)
        return S_usage_error("unknown command '%s'", cmd);
    S_args a = {0};
    a.cfg = cx_config_default();
    a.b.use_dateline = 1;
    a.b.jobs = S_cores();
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
    if (a.compact)
        a.b.jsonl = 1;
    cx_error err;
    cx_ctx *ctx = cx_ctx_new(&a.cfg, &err);
    if (!ctx) {
        if (err.line > 0)
            fprintf(stderr, "chronex: %s:%ld: %s\n", err.file, err.line, err.message);
        else if (err.file[0])
            fprintf(stderr, "chronex: %s: %s\n", err.file, err.message);
        else
            fprintf(stderr, "chronex: %s\n", err.message[0] ? err.message : cx_strerror(err.code));
        return CX_EXIT_DATA;
    }
    char **inputs = argv + 1 + optind;
    if (strcmp(cmd, "timeline") == 0)
        rc = S_timeline(ctx, &a, inputs, (size_t)nin);
    else
        rc = cx_batch_run(ctx, &a.b, inputs, (size_t)nin);
    cx_ctx_free(ctx);
    return rc;
}
