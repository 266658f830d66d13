/* batch: inputs -> workers -> ordered outputs.
 *
 * The main thread enumerates inputs (files, folders walked in name order,
 * JSON Lines records streamed) into a window of slots; worker threads
 * read, extract and serialize; the main thread emits finished slots in
 * input order, so output is the same whatever the number of threads, and
 * memory stays bounded by the window. */
#define _GNU_SOURCE /* syncfs */
#include "batch.h"
#include "jsonl.h"
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <pthread.h>
#include <stddef.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { SLOT_EMPTY, SLOT_READY, SLOT_TAKEN, SLOT_DONE };

/* The stages --report times: reading (and hashing) the input, the
 * library's stages (cx_stage), then making and writing the JSON. */
#define S_READ 0
#define S_OUTPUT (CX_NSTAGE + 1)
#define S_NSTAGE (CX_NSTAGE + 2)

typedef struct {
    int state;
    size_t seq;
    char *path; /* file to read, or NULL when text is given */
    char *text; /* JSONL record text or stdin bytes (owned) */
    size_t text_len;
    char *id;       /* document id */
    char *source;   /* as given */
    char *out_path; /* -o: where the JSON goes */
    char *dct;      /* per-record DCT (JSONL) */
    char *extra;    /* JSONL fields passed through */
    /* results */
    char *json;
    cx_result *res;
    char *error; /* one line, when failed */
    int skipped;
    size_t bytes;
    /* with --report: seconds reading, in cx_extract's stages, writing */
    double stage[S_NSTAGE];
} S_slot;

typedef struct {
    const cx_ctx *ctx;
    const cx_batch_opts *o;
    S_slot *slots;
    size_t nslots;
    size_t next_seq, emit_seq;
    int closing;
    int inline_work; /* -j 1: documents are done where they are read */
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    /* counts */
    size_t n_docs, n_failed, n_skipped, n_bytes, n_total_files;
    double stage[S_NSTAGE]; /* thread seconds, summed over documents */
    size_t total_bytes;
    double t0;
    int first_out;
    cJSON *failures;
    /* with -o: a 64-bit hash of each output path written this run, so
     * that a second document with the same id (or stem) fails instead of
     * overwriting the first (16 bytes a document, open addressing) */
    uint64_t *outs;
    size_t n_outs, cap_outs;
} S_run;

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *S_dup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p)
        memcpy(p, s, n + 1);
    return p;
}

static char *S_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *S_fmt(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (p) {
        va_start(ap, fmt);
        vsnprintf(p, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return p;
}

/* Writes all of data to fd; 0 or -1 (errno set). */
static int S_write_all(int fd, const char *data, size_t len)
{
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return -1;
        }
        off += (size_t)w;
    }
    return 0;
}

/* The temporary file and rename make a write atomic for readers and
 * against a killed process; sync also makes it durable against a crash of
 * the machine. Per-document outputs skip the per-file fsync (it made a
 * run over 10,000 small files about twice as slow on ext4) and the run
 * syncs the output file system once at its end instead. */
static int S_write_atomic(const char *path, const char *data, size_t len, int sync);

char *cx_read_stream(FILE *f, size_t hint, size_t *len)
{
    size_t cap = hint + 1 > 4096 ? hint + 1 : 4096, n = 0;
    char *b = malloc(cap);
    while (b) {
        if (n + 1 >= cap) {
            char *nb = cap > SIZE_MAX / 2 ? NULL : realloc(b, cap * 2);
            if (!nb) {
                free(b);
                errno = ENOMEM;
                return NULL;
            }
            b = nb;
            cap *= 2;
        }
        size_t k = fread(b + n, 1, cap - n - 1, f);
        n += k;
        if (k == 0)
            break;
    }
    if (b && ferror(f)) {
        free(b);
        return NULL; /* errno tells why */
    }
    if (b)
        b[n] = '\0';
    *len = n;
    return b;
}

int cx_write_atomic(const char *path, const char *data, size_t len)
{
    return S_write_atomic(path, data, len, 1);
}

static int S_write_atomic(const char *path, const char *data, size_t len, int sync)
{
    /* A device or a pipe (/dev/stdout, /dev/full) is written in place: a
     * rename would replace it with a plain file. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        int dfd = open(path, O_WRONLY | O_TRUNC);
        if (dfd < 0)
            return -1;
        int rc = S_write_all(dfd, data, len);
        int saved = errno;
        if (close(dfd) != 0 && rc == 0)
            return -1;
        errno = saved;
        return rc;
    }
    char *tmp = S_fmt("%s.tmp.%ld.%lx", path, (long)getpid(), (unsigned long)pthread_self());
    if (!tmp)
        return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    int saved = errno;
    int ok = off == len && (!sync || fsync(fd) == 0);
    if (!ok && off == len)
        saved = errno;
    if (close(fd) != 0 && ok) {
        ok = 0;
        saved = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = 0;
        saved = errno;
    }
    if (!ok) {
        unlink(tmp);
        errno = saved ? saved : EIO;
    }
    free(tmp);
    return ok ? 0 : -1;
}

static int S_mkdirs(const char *dir)
{
    char *p = S_dup(dir);
    if (!p)
        return -1;
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0755) != 0 && errno != EEXIST) {
                free(p);
                return -1;
            }
            *s = '/';
        }
    int rc = mkdir(p, 0755) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

/* The document id: rel (the file name, or the path below a folder given)
 * without its extension, so that files of the same name in different
 * subfolders stay different documents. */
static char *S_doc_id(const char *rel)
{
    const char *b = strrchr(rel, '/');
    b = b ? b + 1 : rel;
    const char *dot = strrchr(b, '.');
    size_t n = dot && dot != b ? (size_t)(dot - rel) : strlen(rel);
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, rel, n);
        s[n] = '\0';
    }
    return s;
}

/* rel is the path under the folder given (or the file name): the output
 * mirrors it, with .json for its extension. */
static char *S_out_path(const char *outdir, const char *rel)
{
    const char *slash = strrchr(rel, '/');
    const char *dot = strrchr(rel, '.');
    size_t n = dot && (!slash || dot > slash + 1) ? (size_t)(dot - rel) : strlen(rel);
    return S_fmt("%s/%.*s.json", outdir, (int)n, rel);
}

/* Whether buf holds "key": "value", with any white space around the colon
 * (outputs may be pretty-printed with tabs or compact). */
static int S_has_field(const char *buf, const char *key, const char *value)
{
    size_t kn = strlen(key), vn = strlen(value);
    for (const char *p = buf; (p = strstr(p, key)) != NULL; p += kn) {
        if (p == buf || p[-1] != '"' || p[kn] != '"')
            continue;
        const char *q = p + kn + 1;
        while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
            q++;
        if (*q++ != ':')
            continue;
        while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
            q++;
        if (*q == '"' && strncmp(q + 1, value, vn) == 0 && q[1 + vn] == '"')
            return 1;
    }
    return 0;
}

/* --incremental: the output exists and records the same input hash,
 * version and data hash. */
static int S_up_to_date(const char *out_path, const char *in_hash, const char *data_hash)
{
    FILE *f = fopen(out_path, "rb");
    if (!f)
        return 0;
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* the hashes sit in the document header, near the top */
    if (!S_has_field(buf, "input_hash", in_hash) || !S_has_field(buf, "data_hash", data_hash) ||
        !S_has_field(buf, "version", CX_VERSION))
        return 0;
    /* and the file is whole: it ends with the closing brace */
    f = fopen(out_path, "rb");
    if (!f)
        return 0;
    char tail[16];
    size_t t = 0;
    if (fseek(f, -(long)sizeof tail, SEEK_END) != 0)
        rewind(f);
    t = fread(tail, 1, sizeof tail, f);
    fclose(f);
    while (t > 0 && (tail[t - 1] == '\n' || tail[t - 1] == ' '))
        t--;
    return t > 0 && tail[t - 1] == '}';
}

static int S_read_input(S_slot *s)
{
    if (s->text || !s->path)
        return 0;
    struct stat st;
    if (stat(s->path, &st) != 0) {
        s->error = S_fmt("%s: %s", s->path, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        s->error = S_fmt("%s: is a directory", s->path);
        return -1;
    }
    FILE *f = fopen(s->path, "rb");
    if (!f) {
        s->error = S_fmt("%s: %s", s->path, strerror(errno));
        return -1;
    }
    size_t n;
    errno = 0;
    char *b = cx_read_stream(f, st.st_size > 0 ? (size_t)st.st_size : 0, &n);
    int saved = errno;
    fclose(f);
    if (!b) {
        s->error = S_fmt("%s: %s", s->path, saved ? strerror(saved) : "out of memory");
        return -1;
    }
    s->text = b;
    s->text_len = n;
    return 0;
}

/* v as "%016" PRIx64 prints it, NUL-ended: snprintf was about 1% of
 * a batch, twice a document. */
static void S_process(S_run *r, S_slot *s)
{
    const cx_batch_opts *o = r->o;
    double t = o->report ? S_now() : 0;
    if (S_read_input(s))
        return;
    s->bytes = s->text_len;
    const char *dct = s->dct ? s->dct : o->dct;
    uint64_t h = cx_hash_bytes(0, s->text, s->text_len);
    h = cx_hash_bytes(h, dct ? dct : "-", dct ? strlen(dct) : 1);
    h = cx_hash_bytes(h, o->use_dateline ? "d" : "n", 1);
    char in_hash[24], data_hash[24];
    cx_hash_hex(h, in_hash);
    cx_hash_hex(cx_ctx_data_hash(r->ctx), data_hash);
    if (o->incremental && s->out_path && !o->timeline &&
        S_up_to_date(s->out_path, in_hash, data_hash)) {
        s->skipped = 1;
        return;
    }
    cx_opts opts = cx_opts_default();
    opts.dct = dct;
    opts.use_dateline = o->use_dateline;
    opts.timings = o->report != NULL;
    if (o->report)
        s->stage[S_READ] = S_now() - t;
    int rc = cx_extract(r->ctx, s->text, s->text_len, &opts, &s->res);
    if (o->report && rc == CX_OK) {
        for (int k = 0; k < CX_NSTAGE; k++)
            s->stage[S_READ + 1 + k] = s->res->stage_seconds[k];
        t = S_now();
    }
    if (rc != CX_OK) {
        s->error = S_fmt("%s: %s", s->source, cx_strerror(rc));
        return;
    }
    cx_doc_info info = {s->id, s->source, in_hash, s->extra};
    if (!o->timeline || o->outdir) {
        s->json = cx_result_to_json(s->res, &info, r->ctx,
                                    !o->jsonl && !(!o->outdir && r->n_total_files != 1));
        if (!s->json) {
            s->error = S_fmt("%s: out of memory", s->source);
            return;
        }
    }
    if (s->out_path) {
        char *dir = S_dup(s->out_path);
        char *slash = dir ? strrchr(dir, '/') : NULL;
        if (slash)
            *slash = '\0';
        size_t len = strlen(s->json);
        s->json[len] = '\0';
        char *withnl = S_fmt("%s\n", s->json);
        if (!dir || !withnl || (slash && S_mkdirs(dir) != 0) ||
            S_write_atomic(s->out_path, withnl, len + 1, 0) != 0)
            s->error =
                S_fmt("%s: cannot write %s: %s", s->source, s->out_path, strerror(errno));
        free(dir);
        free(withnl);
    }
    if (!o->timeline) {
        cx_result_free(s->res);
        s->res = NULL;
    }
    if (o->report)
        s->stage[S_OUTPUT] = S_now() - t;
}

/* The ready slot of the lowest sequence number, or NULL. r->mu held. */
static S_slot *S_pick(S_run *r)
{
    S_slot *pick = NULL;
    for (size_t i = 0; i < r->nslots; i++) {
        S_slot *s = &r->slots[i];
        if (s->state == SLOT_READY && (!pick || s->seq < pick->seq))
            pick = s;
    }
    return pick;
}

/* Does one picked slot, r->mu held on entry and on return. */
static void S_run_slot(S_run *r, S_slot *pick)
{
    pick->state = SLOT_TAKEN;
    pthread_mutex_unlock(&r->mu);
    S_process(r, pick);
    pthread_mutex_lock(&r->mu);
    pick->state = SLOT_DONE;
    pthread_cond_broadcast(&r->done);
}

static void *S_worker(void *arg)
{
    S_run *r = arg;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        S_slot *pick = S_pick(r);
        if (pick) {
            S_run_slot(r, pick);
        } else if (r->closing) {
            break;
        } else {
            pthread_cond_wait(&r->work, &r->mu);
        }
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* The reading thread waits for slot s to be done; rather than sleep, it
 * does ready documents itself, so that -j N keeps N threads busy on N
 * cores (N - 1 workers and this one). r->mu held. */
static void S_await(S_run *r, const S_slot *s)
{
    while (s->state != SLOT_DONE) {
        S_slot *pick = S_pick(r);
        if (pick)
            S_run_slot(r, pick);
        else
            pthread_cond_wait(&r->done, &r->mu);
    }
}

static void S_progress(S_run *r, int final)
{
    if (r->o->quiet || !isatty(2))
        return;
    double dt = S_now() - r->t0;
    double mbs = dt > 0 ? (double)r->n_bytes / 1e6 / dt : 0;
    char eta[32] = "";
    if (r->total_bytes && mbs > 0 && r->n_bytes < r->total_bytes)
        snprintf(eta, sizeof eta, ", ETA %.0f s",
                 (double)(r->total_bytes - r->n_bytes) / 1e6 / mbs);
    fprintf(stderr, "\r\033[K%zu documents, %.1f MB/s%s", r->n_docs, mbs, eta);
    if (final)
        fputs("\r\033[K", stderr);
}

static void S_slot_clear(S_slot *s)
{
    free(s->path);
    free(s->text);
    free(s->id);
    free(s->source);
    free(s->out_path);
    free(s->dct);
    free(s->extra);
    free(s->json);
    free(s->error);
    cx_result_free(s->res);
    /* all but the state, which workers read under the lock: the caller
     * sets it, holding the lock */
    memset((char *)s + offsetof(S_slot, seq), 0, sizeof *s - offsetof(S_slot, seq));
}

/* Emits one finished slot: stdout, timeline, counts. Main thread only. */
static void S_emit(S_run *r, S_slot *s)
{
    const cx_batch_opts *o = r->o;
    r->n_docs++;
    r->n_bytes += s->bytes;
    for (int k = 0; k < S_NSTAGE; k++)
        r->stage[k] += s->stage[k];
    if (s->error) {
        r->n_failed++;
        fprintf(stderr, "%schronex: %s\n", (!o->quiet && isatty(2)) ? "\r\033[K" : "",
                s->error);
        cJSON *f = cJSON_CreateObject();
        cJSON_AddStringToObject(f, "source", s->source ? s->source : "");
        cJSON_AddStringToObject(f, "error", s->error);
        cJSON_AddItemToArray(r->failures, f);
    } else if (s->skipped) {
        r->n_skipped++;
    } else {
        if (o->timeline && s->res)
            cx_timeline_add_result(o->timeline, s->id, s->res);
        if (o->entities && s->res)
            cx_entity_table_add_result(o->entities, s->id, s->source, s->res);
        if (!s->out_path && s->json && !o->timeline) {
            double t = o->report ? S_now() : 0;
            fputs(s->json, stdout);
            fputc('\n', stdout);
            if (o->report)
                r->stage[S_OUTPUT] += S_now() - t;
        }
    }
    if (r->n_docs % 16 == 0)
        S_progress(r, 0);
    S_slot_clear(s);
}

/* Takes a free slot for the next input, emitting finished ones in order
 * while the window is full. */
static S_slot *S_acquire(S_run *r)
{
    pthread_mutex_lock(&r->mu);
    while (r->next_seq - r->emit_seq >= r->nslots) {
        S_slot *s = &r->slots[r->emit_seq % r->nslots];
        S_await(r, s);
        pthread_mutex_unlock(&r->mu);
        S_emit(r, s);
        pthread_mutex_lock(&r->mu);
        s->state = SLOT_EMPTY;
        r->emit_seq++;
    }
    S_slot *s = &r->slots[r->next_seq % r->nslots];
    s->seq = r->next_seq;
    pthread_mutex_unlock(&r->mu);
    return s;
}

/* Queues slot s, whose error is set, as done: it reaches no worker. */
static void S_submit_failed(S_run *r, S_slot *s)
{
    pthread_mutex_lock(&r->mu);
    s->state = SLOT_DONE;
    r->next_seq++;
    pthread_mutex_unlock(&r->mu);
}

static uint64_t S_path_hash(const char *p)
{
    uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
    for (; *p; p++)
        h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
    return h ? h : 1; /* 0 marks a free slot */
}

/* Records out_path as written by this run: 0 if it was new, 1 if an
 * earlier document of the run writes it, -1 out of memory. */
static int S_claim_out(S_run *r, const char *out_path)
{
    if (2 * (r->n_outs + 1) > r->cap_outs) {
        size_t cap = r->cap_outs ? r->cap_outs * 2 : 1024;
        uint64_t *v = calloc(cap, sizeof *v);
        if (!v)
            return -1;
        for (size_t i = 0; i < r->cap_outs; i++)
            if (r->outs[i]) {
                size_t j = (size_t)r->outs[i] & (cap - 1);
                while (v[j])
                    j = (j + 1) & (cap - 1);
                v[j] = r->outs[i];
            }
        free(r->outs);
        r->outs = v;
        r->cap_outs = cap;
    }
    uint64_t h = S_path_hash(out_path);
    size_t j = (size_t)h & (r->cap_outs - 1);
    for (; r->outs[j]; j = (j + 1) & (r->cap_outs - 1))
        if (r->outs[j] == h)
            return 1;
    r->outs[j] = h;
    r->n_outs++;
    return 0;
}

static void S_submit(S_run *r, S_slot *s)
{
    int dup = s->out_path ? S_claim_out(r, s->out_path) : 0;
    if (dup) {
        /* fails alone; the first document's output stays as written */
        s->error = dup > 0
                       ? S_fmt("%s: %s is also the output of an earlier document of this run "
                               "(the same id or file name stem)",
                               s->source ? s->source : "", s->out_path)
                       : S_fmt("%s: out of memory", s->source ? s->source : "");
        S_submit_failed(r, s);
        return;
    }
    if (r->inline_work) {
        s->state = SLOT_TAKEN;
        r->next_seq++;
        S_process(r, s);
        s->state = SLOT_DONE;
        return;
    }
    pthread_mutex_lock(&r->mu);
    s->state = SLOT_READY;
    r->next_seq++;
    pthread_cond_signal(&r->work);
    pthread_mutex_unlock(&r->mu);
}

static void S_drain(S_run *r)
{
    pthread_mutex_lock(&r->mu);
    while (r->emit_seq < r->next_seq) {
        S_slot *s = &r->slots[r->emit_seq % r->nslots];
        S_await(r, s);
        pthread_mutex_unlock(&r->mu);
        S_emit(r, s);
        pthread_mutex_lock(&r->mu);
        s->state = SLOT_EMPTY;
        r->emit_seq++;
    }
    pthread_mutex_unlock(&r->mu);
}

/* A job that failed before reaching a worker (e.g. a bad JSONL line). */
static void S_submit_error(S_run *r, const char *source, char *error)
{
    S_slot *s = S_acquire(r);
    s->source = S_dup(source);
    s->error = error;
    S_submit_failed(r, s);
}

static void S_submit_file(S_run *r, const char *path, const char *rel)
{
    S_slot *s = S_acquire(r);
    s->path = S_dup(path);
    s->source = S_dup(path);
    s->id = S_doc_id(rel);
    if (r->o->outdir)
        s->out_path = S_out_path(r->o->outdir, rel);
    S_submit(r, s);
}

static int S_included(const cx_batch_opts *o, const char *name)
{
    if (!o->n_includes)
        return 1;
    for (size_t i = 0; i < o->n_includes; i++)
        if (fnmatch(o->includes[i], name, 0) == 0)
            return 1;
    return 0;
}

static int S_cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int S_is_json_name(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && strcmp(name + n - 5, ".json") == 0) ||
           (n > 6 && strcmp(name + n - 6, ".jsonl") == 0);
}

/* chronex timeline over a folder: earlier outputs in it are merged as they
 * are (main thread, like every change to the timeline). */
static void S_timeline_json(S_run *r, const char *path)
{
    size_t bad = cx_timeline_read_json(r->o->timeline, path);
    r->n_failed += bad;
    if (bad) {
        cJSON *f = cJSON_CreateObject();
        cJSON_AddStringToObject(f, "source", path);
        cJSON_AddStringToObject(f, "error", "not chronex JSON");
        cJSON_AddItemToArray(r->failures, f);
    }
}

/* Walks a folder in name order; rel is the path below the top folder. */
static void S_walk(S_run *r, const char *dir, const char *rel, int depth)
{
    DIR *d = opendir(dir);
    if (!d) {
        S_submit_error(r, dir, S_fmt("%s: %s", dir, strerror(errno)));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        names[n] = S_dup(e->d_name);
        if (names[n])
            n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, S_cmp_name);
    for (size_t i = 0; i < n; i++) {
        char *p = S_fmt("%s/%s", dir, names[i]);
        char *q = rel[0] ? S_fmt("%s/%s", rel, names[i]) : S_dup(names[i]);
        struct stat st;
        if (p && q && stat(p, &st) == 0) {
            if (S_ISDIR(st.st_mode) && depth < 64)
                S_walk(r, p, q, depth + 1);
            else if (S_ISREG(st.st_mode) && S_included(r->o, names[i])) {
                if (r->o->timeline && !r->o->input_jsonl &&
                    (r->o->input_json || S_is_json_name(names[i])))
                    S_timeline_json(r, p);
                else {
                    r->total_bytes += (size_t)st.st_size;
                    S_submit_file(r, p, q);
                }
            }
        }
        free(p);
        free(q);
        free(names[i]);
    }
    free(names);
}

static char *S_sanitize_id(const char *id)
{
    char *s = S_dup(id);
    for (char *p = s; p && *p; p++)
        if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20 || (p == s && *p == '.'))
            *p = '_';
    return s;
}

/* A record read by cx_jsonl_fast: the same checks and slot as below. */
static void S_submit_fast(S_run *r, const char *where, size_t lineno, cx_jsonl_rec *rec)
{
    if (rec->dct && cx_parse_dct(rec->dct, NULL, NULL, NULL) != CX_OK) {
        S_submit_error(r, where,
                       S_fmt("%s: invalid dct \"%s\" (want YYYY-MM-DD)", where, rec->dct));
        cx_jsonl_rec_fini(rec);
        return;
    }
    S_slot *s = S_acquire(r);
    if (rec->id) {
        s->id = S_sanitize_id(rec->id);
    } else {
        char idbuf[64];
        snprintf(idbuf, sizeof idbuf, "line-%zu", lineno);
        s->id = S_dup(idbuf);
    }
    s->source = S_dup(where);
    s->text = rec->text;
    s->text_len = rec->text_len;
    s->dct = rec->dct;
    rec->text = rec->dct = NULL;
    if (r->o->outdir)
        s->out_path = S_fmt("%s/%s.json", r->o->outdir, s->id);
    cx_jsonl_rec_fini(rec);
    S_submit(r, s);
}

/* "%s:%zu" of src and lineno into buf, as snprintf writes it (which was
 * a thousand instructions a record). */
static void S_where(char *buf, size_t cap, const char *src, size_t lineno)
{
    size_t n = strlen(src);
    if (n + 22 > cap) {
        snprintf(buf, cap, "%s:%zu", src, lineno);
        return;
    }
    char d[20];
    size_t k = 0;
    do
        d[k++] = (char)('0' + lineno % 10);
    while ((lineno /= 10) != 0);
    memcpy(buf, src, n);
    buf[n++] = ':';
    while (k)
        buf[n++] = d[--k];
    buf[n] = '\0';
}

/* One JSON Lines record: {"id", "text", "dct", ...}. */
static void S_submit_record(S_run *r, const char *src, size_t lineno, const char *line,
                            size_t len)
{
    char where[512];
    S_where(where, sizeof where, src, lineno);
    cx_jsonl_rec fast;
    if (cx_jsonl_fast(line, len, &fast)) {
        S_submit_fast(r, where, lineno, &fast);
        return;
    }
    cJSON *j = cJSON_ParseWithLength(line, len);
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(j, "text");
    if (!j || !cJSON_IsObject(j) || !cJSON_IsString(text)) {
        S_submit_error(
            r, where,
            S_fmt("%s: %s", where,
                  !j || !cJSON_IsObject(j) ? "not a JSON object" : "no \"text\" string"));
        cJSON_Delete(j);
        return;
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id");
    const cJSON *dct = cJSON_GetObjectItemCaseSensitive(j, "dct");
    if (cJSON_IsString(dct) && cx_parse_dct(dct->valuestring, NULL, NULL, NULL) != CX_OK) {
        S_submit_error(
            r, where,
            S_fmt("%s: invalid dct \"%s\" (want YYYY-MM-DD)", where, dct->valuestring));
        cJSON_Delete(j);
        return;
    }
    S_slot *s = S_acquire(r);
    char idbuf[64];
    if (cJSON_IsString(id))
        s->id = S_sanitize_id(id->valuestring);
    else {
        if (cJSON_IsNumber(id))
            snprintf(idbuf, sizeof idbuf, "%.0f", id->valuedouble);
        else
            snprintf(idbuf, sizeof idbuf, "line-%zu", lineno);
        s->id = S_dup(idbuf);
    }
    s->source = S_dup(where);
    s->text = S_dup(text->valuestring);
    s->text_len = s->text ? strlen(s->text) : 0;
    s->dct = cJSON_IsString(dct) ? S_dup(dct->valuestring) : NULL;
    cJSON_DeleteItemFromObjectCaseSensitive(j, "text");
    cJSON_DeleteItemFromObjectCaseSensitive(j, "id");
    cJSON_DeleteItemFromObjectCaseSensitive(j, "dct");
    if (j->child)
        s->extra = cJSON_PrintUnformatted(j);
    if (r->o->outdir)
        s->out_path = S_fmt("%s/%s.json", r->o->outdir, s->id);
    cJSON_Delete(j);
    S_submit(r, s);
}

static void S_read_jsonl(S_run *r, const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        S_submit_error(r, path, S_fmt("%s: %s", path, strerror(errno)));
        return;
    }
    /* 4 KB (stdio's own, whatever size is asked with a NULL buffer) was
     * a read(2) a document */
    char *iobuf = f != stdin ? malloc(64 << 10) : NULL;
    if (iobuf)
        setvbuf(f, iobuf, _IOFBF, 64 << 10);
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        size_t k = 0;
        while (k < (size_t)n && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == (size_t)n)
            continue;
        S_submit_record(r, strcmp(path, "-") == 0 ? "<stdin>" : path, lineno, line, (size_t)n);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    free(iobuf);
}

static void S_enqueue(S_run *r, const char *in)
{
    const cx_batch_opts *o = r->o;
    if (o->input_jsonl) {
        S_read_jsonl(r, in);
        return;
    }
    if (strcmp(in, "-") == 0) {
        S_slot *s = S_acquire(r);
        s->text = cx_read_stream(stdin, 0, &s->text_len);
        s->source = S_dup("-");
        s->id = S_dup("stdin");
        if (!s->text)
            s->error = S_fmt("-: cannot read standard input");
        if (o->outdir)
            s->out_path = S_fmt("%s/stdin.json", o->outdir);
        S_submit(r, s);
        return;
    }
    struct stat st;
    if (stat(in, &st) == 0 && S_ISDIR(st.st_mode)) {
        S_walk(r, in, "", 0);
        return;
    }
    const char *base = strrchr(in, '/');
    if (stat(in, &st) == 0)
        r->total_bytes += (size_t)st.st_size;
    S_submit_file(r, in, base ? base + 1 : in);
}

/* 0, or -1 when the report could not be written (said on stderr). */
static int S_write_report(S_run *r, double secs)
{
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "chronex_version", CX_VERSION);
    cJSON_AddNumberToObject(j, "documents", (double)r->n_docs);
    cJSON_AddNumberToObject(j, "written", (double)(r->n_docs - r->n_failed - r->n_skipped));
    cJSON_AddNumberToObject(j, "skipped", (double)r->n_skipped);
    cJSON_AddNumberToObject(j, "failed", (double)r->n_failed);
    cJSON_AddNumberToObject(j, "bytes", (double)r->n_bytes);
    cJSON_AddNumberToObject(j, "seconds", secs);
    cJSON_AddNumberToObject(j, "mb_per_s", secs > 0 ? (double)r->n_bytes / 1e6 / secs : 0);
    cJSON_AddNumberToObject(j, "threads", r->o->jobs);
    cJSON *st = cJSON_AddObjectToObject(j, "stage_seconds");
    for (int k = 0; st && k < S_NSTAGE; k++)
        cJSON_AddNumberToObject(st,
                                k == S_READ     ? "read"
                                : k == S_OUTPUT ? "output"
                                                : cx_stage_name(k - S_READ - 1),
                                r->stage[k]);
    cJSON_AddItemToObject(j, "failures", r->failures);
    r->failures = NULL;
    char *s = cJSON_Print(j);
    cJSON_Delete(j);
    char *withnl = s ? S_fmt("%s\n", s) : NULL;
    int rc = !withnl || cx_write_atomic(r->o->report, withnl, strlen(withnl)) != 0 ? -1 : 0;
    if (rc)
        fprintf(stderr, "chronex: %s: cannot write report: %s\n", r->o->report,
                strerror(errno));
    free(s);
    free(withnl);
    return rc;
}

/* --incremental after a killed run: removes the temporary files
 * (NAME.json.tmp.PID.THREAD) that run left, those whose process is gone. */
static void S_sweep_tmp(const char *dir, int depth)
{
    DIR *d = depth < 64 ? opendir(dir) : NULL;
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
            continue;
        char *p = S_fmt("%s/%s", dir, e->d_name);
        const char *t = strstr(e->d_name, ".json.tmp.");
        struct stat st;
        if (p && lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            S_sweep_tmp(p, depth + 1);
        } else if (p && t && S_ISREG(st.st_mode)) {
            char *end;
            long pid = strtol(t + 10, &end, 10);
            if (pid > 0 && *end == '.' && pid != (long)getpid() && kill((pid_t)pid, 0) != 0 &&
                errno == ESRCH)
                unlink(p);
        }
        free(p);
    }
    closedir(d);
}

int cx_batch_run(const cx_ctx *ctx, const cx_batch_opts *o, char *const *inputs,
                 size_t n_inputs)
{
    S_run r = {0};
    r.ctx = ctx;
    r.o = o;
    r.t0 = S_now();
    r.failures = cJSON_CreateArray();
    int jobs = o->jobs > 0 ? o->jobs : 1;
    r.nslots = (size_t)jobs * 4 + 2;
    r.slots = calloc(r.nslots, sizeof *r.slots);
    /* one plain file on stdout prints pretty JSON; several print JSON Lines */
    r.n_total_files = n_inputs;
    if (o->input_jsonl)
        r.n_total_files = 2; /* a stream of documents */
    else if (n_inputs == 1) {
        struct stat st;
        if (strcmp(inputs[0], "-") != 0 && stat(inputs[0], &st) == 0 && S_ISDIR(st.st_mode))
            r.n_total_files = 2;
    }
    if (!r.slots || !r.failures) {
        fprintf(stderr, "chronex: out of memory\n");
        free(r.slots);
        cJSON_Delete(r.failures);
        return CX_EXIT_DATA;
    }
    if (o->outdir && S_mkdirs(o->outdir) != 0) {
        fprintf(stderr, "chronex: %s: cannot create output folder: %s\n", o->outdir,
                strerror(errno));
        free(r.slots);
        cJSON_Delete(r.failures);
        return CX_EXIT_FAILED;
    }
    if (o->outdir && o->incremental)
        S_sweep_tmp(o->outdir, 0);
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.work, NULL);
    pthread_cond_init(&r.done, NULL);
    /* One job runs on this thread: handing each document to a single
     * worker and waiting for it cost two thread switches a document, and
     * at -j 1 about a quarter more CPU time than the work itself. */
    r.inline_work = jobs == 1;
    /* this thread is one of the N (S_await): N - 1 workers, and a run
     * whose workers cannot start still finishes on this thread alone */
    pthread_t *th = calloc((size_t)jobs, sizeof *th);
    int started = 0;
    for (int i = 0; th && !r.inline_work && i < jobs - 1; i++)
        if (pthread_create(&th[i], NULL, S_worker, &r) == 0)
            started++;
    for (size_t i = 0; i < n_inputs; i++)
        S_enqueue(&r, inputs[i]);
    S_drain(&r);
    pthread_mutex_lock(&r.mu);
    r.closing = 1;
    pthread_cond_broadcast(&r.work);
    pthread_mutex_unlock(&r.mu);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    free(th);
    if (o->outdir && r.n_docs > r.n_failed + r.n_skipped) {
        /* outputs are durable once the run ends (see S_write_atomic) */
        int fd = open(o->outdir, O_RDONLY | O_DIRECTORY);
#ifdef __linux__
        int synced = fd >= 0 && syncfs(fd) == 0;
#else
        int synced = fd >= 0 && (sync(), 1);
#endif
        if (!synced) {
            fprintf(stderr, "chronex: %s: cannot sync: %s\n", o->outdir, strerror(errno));
            r.n_failed++;
        }
        if (fd >= 0)
            close(fd);
    }
    double secs = S_now() - r.t0;
    S_progress(&r, 1);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "chronex: cannot write standard output: %s\n", strerror(errno));
        r.n_failed++;
    }
    if (!o->quiet && (r.n_docs > 1 || o->outdir))
        fprintf(
            stderr,
            "chronex: %zu documents, %zu written, %zu skipped, %zu failed, %.1f MB in %.2f s (%.1f MB/s)\n",
            r.n_docs, r.n_docs - r.n_failed - r.n_skipped, r.n_skipped, r.n_failed,
            (double)r.n_bytes / 1e6, secs, secs > 0 ? (double)r.n_bytes / 1e6 / secs : 0.0);
    if (o->report && S_write_report(&r, secs) != 0)
        r.n_failed++; /* a run whose report is lost did not all go well */
    cJSON_Delete(r.failures);
    free(r.outs);
    for (size_t i = 0; i < r.nslots; i++)
        S_slot_clear(&r.slots[i]);
    free(r.slots);
    pthread_mutex_destroy(&r.mu);
    pthread_cond_destroy(&r.work);
    pthread_cond_destroy(&r.done);
    return r.n_failed ? CX_EXIT_FAILED : CX_EXIT_OK;
}

/* ---- chronex timeline: reading earlier outputs ---------------------------- */

typedef struct {
    char *buf;
    size_t len, cap;
    int depth, in_str, esc;
    size_t line, start_line;
} S_scan;

static int S_scan_push(S_scan *sc, char c)
{
    if (sc->len + 1 >= sc->cap) {
        size_t nc = sc->cap ? sc->cap * 2 : 1 << 16;
        char *nb = realloc(sc->buf, nc);
        if (!nb)
            return -1;
        sc->buf = nb;
        sc->cap = nc;
    }
    sc->buf[sc->len++] = c;
    return 0;
}

static int S_add_object(cx_timeline *tl, const char *name, S_scan *sc)
{
    cx_error err = {0};
    if (cx_timeline_add_json(tl, sc->buf, sc->len, &err) == CX_OK)
        return 0;
    fprintf(stderr, "chronex: %s:%zu: %s\n", name, sc->start_line,
            err.message[0] ? err.message : "not a chronex output");
    return 1;
}

/* Reads a stream of JSON objects (one pretty document, JSON Lines, or
 * objects one after another) and adds each to tl. Objects are found by
 * brace depth outside strings, so memory holds one object at a time, and
 * anything between objects is skipped: Hadoop Streaming's "key<TAB>"
 * prefixes and trailing tabs. Returns the number of failed objects (or 1
 * when the file cannot be read); messages go to stderr. */
size_t cx_timeline_read_json(cx_timeline *tl, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "chronex: %s: %s\n", path, strerror(errno));
        return 1;
    }
    S_scan sc = {0};
    sc.line = 1;
    size_t failed = 0, objects = 0, other = 0;
    char chunk[1 << 16];
    size_t k;
    int oom = 0;
    while (!oom && (k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        for (size_t i = 0; i < k && !oom; i++) {
            char c = chunk[i];
            if (c == '\n')
                sc.line++;
            if (sc.depth == 0) {
                if (c != '{') { /* between objects */
                    other += c != ' ' && c != '\t' && c != '\n' && c != '\r';
                    continue;
                }
                sc.len = 0;
                sc.start_line = sc.line;
            }
            if (S_scan_push(&sc, c)) {
                oom = 1;
                break;
            }
            if (sc.in_str) {
                if (sc.esc)
                    sc.esc = 0;
                else if (c == '\\')
                    sc.esc = 1;
                else if (c == '"')
                    sc.in_str = 0;
            } else if (c == '"') {
                sc.in_str = 1;
            } else if (c == '{' || c == '[') {
                sc.depth++;
            } else if ((c == '}' || c == ']') && --sc.depth == 0) {
                objects++;
                failed += (size_t)S_add_object(tl, name, &sc);
                sc.len = 0;
            }
        }
    }
    if (oom) {
        fprintf(stderr, "chronex: %s: out of memory\n", name);
        failed++;
    } else if (ferror(f)) {
        fprintf(stderr, "chronex: %s: %s\n", name, strerror(errno));
        failed++;
    } else if (sc.depth > 0) {
        fprintf(stderr, "chronex: %s:%zu: truncated JSON object\n", name, sc.start_line);
        failed++;
    } else if (objects == 0 && other > 0) {
        /* empty input is no documents (a reducer may get none), not this */
        fprintf(stderr, "chronex: %s: no chronex JSON in it\n", name);
        failed++;
    }
    free(sc.buf);
    if (!is_stdin)
        fclose(f);
    return failed;
}
