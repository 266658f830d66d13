/* Runs a fuzz target without libFuzzer: each file named, each file of each
 * folder named, or (no argument) each file of the target's committed
 * corpus, tests/fuzz/corpus/<target>/ under $CX_SRCDIR. make check runs
 * it that way; give it a crash file to reproduce a finding under gdb or
 * valgrind. */
#include "fuzz.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef CX_FUZZ_NAME
#error "CX_FUZZ_NAME must name the target"
#endif

static int S_run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf)
            abort();
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (n < cap)
            break;
        cap *= 2;
        buf = realloc(buf, cap);
    }
    fclose(f);
    /* a tight copy, so that AddressSanitizer sees reads past the end */
    uint8_t *tight = malloc(n ? n : 1);
    if (!tight)
        abort();
    memcpy(tight, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(tight, n);
    free(tight);
    return 0;
}

static int S_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int S_run(const char *path, size_t *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*count)++;
        return S_run_file(path);
    }
    DIR *d = opendir(path);
    if (!d) {
        perror(path);
        return -1;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        if (!names || !(names[n] = malloc(len)))
            abort();
        snprintf(names[n++], len, "%s/%s", path, e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, S_cmp);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (S_run(names[i], count) != 0)
            rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int rc = 0;
    if (argc < 2) {
        const char *src = getenv("CX_SRCDIR");
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", src && *src ? src : ".",
                 CX_FUZZ_NAME);
        rc = S_run(dir, &count);
        if (rc == 0 && count == 0) {
            fprintf(stderr, "%s: empty corpus\n", dir);
            rc = -1;
        }
    }
    for (int i = 1; i < argc; i++)
        if (S_run(argv[i], &count) != 0)
            rc = -1;
    printf("%s: replayed %zu inputs\n", CX_FUZZ_NAME, count);
    return rc ? 1 : 0;
}
