/* timeit: runs a command N times and prints its wall time (median and
 * minimum, seconds) and the largest peak resident set size (kB) of the
 * runs, for bench/run.sh. A tiny stand-in for hyperfine and
 * /usr/bin/time -v that a fresh Debian machine lacks.
 *
 *   timeit [-n N] [-i FILE] [-o FILE] -- COMMAND [ARG...]
 *   -> "median_s min_s maxrss_kb exit_status median_cpu_s"
 * (cpu: user + system time of the run, which a busy machine disturbs less
 * than wall time).
 * stdin comes from FILE (default /dev/null), stdout goes to FILE (default
 * /dev/null); stderr is left alone. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int S_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void S_redirect(const char *path, int fd, int flags)
{
    int f = open(path, flags, 0644);
    if (f < 0 || dup2(f, fd) < 0) {
        perror(path);
        _exit(127);
    }
    close(f);
}

int main(int argc, char **argv)
{
    int n = 1, i = 1;
    const char *in = "/dev/null", *out = "/dev/null";
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            n = atoi(argv[++i]);
        else if (strcmp(argv[i], "-i") == 0 && i + 1 < argc)
            in = argv[++i];
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
    }
    if (i + 1 >= argc || n < 1) {
        fprintf(stderr, "usage: timeit [-n N] [-i FILE] [-o FILE] -- COMMAND [ARG...]\n");
        return 2;
    }
    char **cmd = argv + i + 1;
    double *t = calloc((size_t)n, sizeof *t), *cpu = calloc((size_t)n, sizeof *cpu);
    long maxrss = 0;
    int status = 0;
    if (!t || !cpu)
        return 2;
    for (int k = 0; k < n; k++) {
        double t0 = S_now();
        pid_t pid = fork();
        if (pid == 0) {
            S_redirect(in, 0, O_RDONLY);
            S_redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC);
            execvp(cmd[0], cmd);
            perror(cmd[0]);
            _exit(127);
        }
        int st;
        struct rusage ru;
        if (pid < 0 || wait4(pid, &st, 0, &ru) < 0) {
            perror("timeit");
            return 2;
        }
        t[k] = S_now() - t0;
        cpu[k] = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
        if (ru.ru_maxrss > maxrss)
            maxrss = ru.ru_maxrss;
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    }
    qsort(t, (size_t)n, sizeof *t, S_cmp);
    qsort(cpu, (size_t)n, sizeof *cpu, S_cmp);
    printf("%.6f %.6f %ld %d %.6f\n", t[n / 2], t[0], maxrss, status, cpu[n / 2]);
    free(t);
    free(cpu);
    return 0;
}
