/* timex normalization: from a matched expression (rule kind + captured
 * fields) and the anchor to a TIMEX3 type, value and mod.
 *
 * Conventions (docs/timex.md): values follow TimeML; with no anchor the
 * parts that depend on it stay X ("XXXX-06-01", "XXXX-WXX-4"); a bare
 * month or weekday in news points to the past unless the clause speaks of
 * the future. */
#include "timex_impl.h"
#include "util_int.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* snprintf for the few conversions values are made of (%s %c %d %ld,
 * zero-padded widths, %.*s), without stdio's per-call cost, which was a
 * tenth of the stage; anything else goes to vsnprintf. */
static int S_fmt(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    size_t n = 0;
#define S_OUT(ch)        \
    do {                 \
        char c_ = (ch);  \
        if (n + 1 < cap) \
            buf[n] = c_; \
        n++;             \
    } while (0)
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            S_OUT(*f);
            continue;
        }
        f++;
        int zero = 0, width = 0, prec = -1, lng = 0;
        if (*f == '0')
            zero = 1, f++;
        while (*f >= '0' && *f <= '9')
            width = width * 10 + (*f++ - '0');
        if (f[0] == '.' && f[1] == '*')
            prec = va_arg(ap, int), f += 2;
        if (*f == 'l')
            lng = 1, f++;
        if (*f == 's' && !lng) {
            const char *a = va_arg(ap, const char *);
            for (int i = 0; a[i] && (prec < 0 || i < prec); i++)
                S_OUT(a[i]);
        } else if (*f == 'c' && !lng && prec < 0) {
            S_OUT((char)va_arg(ap, int));
        } else if (*f == 'd' && prec < 0) {
            long v = lng ? va_arg(ap, long) : va_arg(ap, int);
            char d[24];
            int k = 0;
            unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
            do
                d[k++] = (char)('0' + u % 10);
            while (u /= 10);
            int pad = width - k - (v < 0);
            for (; !zero && pad > 0; pad--)
                S_OUT(' ');
            if (v < 0)
                S_OUT('-');
            for (; pad > 0; pad--)
                S_OUT('0');
            while (k)
                S_OUT(d[--k]);
        } else if (*f == '%' && !lng && !width && prec < 0) {
            S_OUT('%');
        } else { /* a conversion not handled here */
            va_end(ap);
            int r = vsnprintf(buf, cap, fmt, again);
            va_end(again);
            return r;
        }
    }
#undef S_OUT
    if (cap)
        buf[n < cap ? n : cap - 1] = '\0';
    va_end(ap);
    va_end(again);
    return (int)n;
}

/* ---- calendar ------------------------------------------------------------ */

/* Days since 1970-01-01 (Howard Hinnant's civil algorithms). */
long tx_days(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void tx_civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int tx_weekday(int y, int m, int d)
{
    long z = tx_days(y, m, d); /* 1970-01-01 was a Thursday (4) */
    long w = (z % 7 + 7 + 3) % 7;
    return (int)w + 1;
}

int tx_month_days(int y, int m)
{
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return n[m - 1] + (m == 2 && leap);
}

/* ISO 8601 week of a day number. */
static void S_iso_week(long z, int *iy, int *wk)
{
    int y, m, d;
    tx_civil(z, &y, &m, &d);
    long thu = z - tx_weekday(y, m, d) + 4;
    tx_civil(thu, &y, &m, &d);
    *iy = y;
    *wk = (int)((thu - tx_days(y, 1, 1)) / 7 + 1);
}

/* ---- fields --------------------------------------------------------------- */

typedef struct {
    const tx_env *env;
    const tx_cand *c;
    long az; /* anchor day number */
    int ay, am, ad, has;
} S_ctx;

static int S_has(const S_ctx *x, int f) { return x->c->f[f][0] >= 0; }

static const char *S_str(const S_ctx *x, int f, size_t *n)
{
    *n = (size_t)(x->c->f[f][1] - x->c->f[f][0]);
    return x->env->text + x->c->f[f][0];
}

static int S_int(const S_ctx *x, int f)
{
    size_t n;
    const char *s = S_str(x, f, &n);
    int v = 0;
    for (size_t i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* Looks the field up in the word table. */
static const tx_word *S_word(const S_ctx *x, int f, int cls)
{
    size_t n;
    const char *s = S_str(x, f, &n);
    return tx_word_find(&x->env->r->words, s, n, cls);
}

/* Does field f start with the lower-case word w? */
static int S_is(const S_ctx *x, int f, const char *w)
{
    if (!S_has(x, f))
        return 0;
    size_t n, k = strlen(w);
    const char *s = S_str(x, f, &n);
    return n >= k && cx_ascii_strncasecmp(s, w, k) == 0 &&
           (n == k || s[k] == ' ' || s[k] == '-');
}

double tx_number(const tx_words *w, const char *s, size_t len)
{
    if (len && s[0] >= '0' && s[0] <= '9') {
        char buf[32];
        size_t n = len < sizeof buf - 1 ? len : sizeof buf - 1;
        memcpy(buf, s, n);
        buf[n] = '\0';
        double v = atof(buf); /* digits and '.' only: locale-safe enough */
        return strstr(buf, "1/2") && strchr(buf, ' ') ? v + 0.5 : v;
    }
    double total = 0, cur = 0;
    size_t i = 0;
    int half = 0; /* the word before was "half" */
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '-' || s[i] == '\n'))
            i++;
        size_t b = i;
        while (i < len && s[i] != ' ' && s[i] != '-' && s[i] != '\n')
            i++;
        size_t n = i - b;
        const char *t = s + b;
        if (!n || (n == 3 && !cx_ascii_strncasecmp(t, "and", 3)) ||
            (n == 2 && !cx_ascii_strncasecmp(t, "of", 2)))
            continue;
        if (n == 4 && !cx_ascii_strncasecmp(t, "half", 4)) {
            cur += 0.5;
            half = 1;
            continue;
        }
        if ((n == 1 && (t[0] == 'a' || t[0] == 'A')) ||
            (n == 2 && !cx_ascii_strncasecmp(t, "an", 2))) {
            if (half) { /* "half a century": the half of one */
                half = 0;
                continue;
            }
            size_t k = i; /* "a half" is a half, not one and a half */
            while (k < len && s[k] == ' ')
                k++;
            if (!(len - k >= 4 && !cx_ascii_strncasecmp(s + k, "half", 4)))
                cur += 1;
            continue;
        }
        half = 0;
        if (n == 6 && !cx_ascii_strncasecmp(t, "couple", 6)) {
            cur = 2;
            continue;
        }
        const tx_word *e = tx_word_find(w, t, n, TX_NUMW);
        if (!e)
            return -1; /* several, few, many */
        if (e->ival == 100)
            cur = (cur ? cur : 1) * 100;
        else if (e->ival == 1000)
            total += (cur ? cur : 1) * 1000, cur = 0;
        else
            cur += e->ival;
    }
    return total + cur;
}

/* ---- values ------------------------------------------------------------------ */

void tx_day_value(char *v, long z)
{
    int y, m, d;
    tx_civil(z, &y, &m, &d);
    S_fmt(v, 40, "%04d-%02d-%02d", y, m, d);
}

static void S_week(char *v, long z, const char *suffix)
{
    int y, w;
    S_iso_week(z, &y, &w);
    S_fmt(v, 40, "%04d-W%02d%s", y, w, suffix);
}

static void S_month(char *v, int y, int m)
{
    while (m < 1)
        m += 12, y--;
    while (m > 12)
        m -= 12, y++;
    S_fmt(v, 40, "%04d-%02d", y, m);
}

/* Writes the number for a duration: 3, 2.5, X. */
static void S_num(char *b, size_t cap, double n)
{
    if (n < 0)
        S_fmt(b, cap, "X");
    else if (n == (long)n)
        S_fmt(b, cap, "%ld", (long)n);
    else { /* as written, to the thousandth: "19.97 seconds" is PT19.97S */
        S_fmt(b, cap, "%.3f", n);
        size_t k = strlen(b);
        while (k > 0 && b[k - 1] == '0')
            b[--k] = '\0';
    }
}

/* The unit code of a words.txt "unit" entry. */
static const char *S_unit(const S_ctx *x, int f)
{
    const tx_word *e = S_word(x, f, TX_UNIT);
    return e ? e->sval : NULL;
}

/* "P3Y", "PT24H", "PXDE". */
static void S_duration(char *v, double n, const char *u)
{
    char b[24];
    if (!strcmp(u, "DE") || !strcmp(u, "CE")) {
        int k = u[0] == 'D' ? 10 : 100;
        if (n < 0)
            S_fmt(v, 40, "PX%s", u);
        else
            S_num(b, sizeof b, n * k), S_fmt(v, 40, "P%sY", b);
        return;
    }
    if (!strcmp(u, "FN"))
        n = n < 0 ? n : n * 2, u = "W";
    if (!strcmp(u, "Q"))
        n = n < 0 ? n : n * 3, u = "M";
    /* a half goes to the next smaller unit, as TimeML writes it:
     * "2 1/2 years" P2Y6M, "5 1/2 hours" PT5H30M */
    static const struct {
        const char *u, *fmt;
        int k;
    } halves[] = {{"Y", "P%ldY%dM", 6},
                  {"D", "P%ldDT%dH", 12},
                  {"H", "PT%ldH%dM", 30},
                  {"MIN", "PT%ldM%dS", 30}};
    if (n > 0 && n - (long)n == 0.5)
        for (size_t i = 0; i < sizeof halves / sizeof halves[0]; i++)
            if (!strcmp(u, halves[i].u)) {
                if ((long)n == 0) /* half a year: P6M */
                    S_fmt(v, 40,
                          u[0] == 'Y'   ? "P%dM"
                          : u[0] == 'D' ? "PT%dH"
                          : u[0] == 'H' ? "PT%dM"
                                        : "PT%dS",
                          halves[i].k);
                else
                    S_fmt(v, 40, halves[i].fmt, (long)n, halves[i].k);
                return;
            }
    S_num(b, sizeof b, n);
    if (!strcmp(u, "H") || !strcmp(u, "S"))
        S_fmt(v, 40, "PT%s%s", b, u);
    else if (!strcmp(u, "MIN"))
        S_fmt(v, 40, "PT%sM", b);
    else
        S_fmt(v, 40, "P%s%s", b, u);
}

/* TIMEX3 mod of a modifier phrase. */
static const char *S_mod_of(const char *s, size_t n)
{
    static const struct {
        const char *w, *mod;
    } map[] = {{"early", "START"},
               {"beginning", "START"},
               {"start", "START"},
               {"mid", "MID"},
               {"middle", "MID"},
               {"late", "END"},
               {"end", "END"},
               {"close", "END"},
               {"about", "APPROX"},
               {"around", "APPROX"},
               {"approximately", "APPROX"},
               {"roughly", "APPROX"},
               {"some", "APPROX"},
               {"nearly", "APPROX"},
               {"almost", "APPROX"},
               {"or so", "APPROX"},
               {"more", "MORE_THAN"},
               {"over", "MORE_THAN"},
               {"well over", "MORE_THAN"},
               {"just over", "MORE_THAN"},
               {"upwards", "MORE_THAN"},
               {"less", "LESS_THAN"},
               {"fewer", "LESS_THAN"},
               {"under", "LESS_THAN"},
               {"just under", "LESS_THAN"},
               {"at least", "EQUAL_OR_MORE"},
               {"no less", "EQUAL_OR_MORE"},
               {"or more", "EQUAL_OR_MORE"},
               {"at most", "EQUAL_OR_LESS"},
               {"up to", "EQUAL_OR_LESS"},
               {"no more", "EQUAL_OR_LESS"},
               {"first half", "START"},
               {"last half", "END"},
               {"latter half", "END"},
               {"second half", "END"}};
    while (n && (*s == ' ' || !cx_ascii_strncasecmp(s, "the ", 4) ||
                 !cx_ascii_strncasecmp(s, "at the ", 7))) {
        size_t k = *s == ' ' ? 1 : (s[0] == 't' || s[0] == 'T') ? 4 : 7;
        s += k, n -= k;
    }
    const char *best = "";
    size_t blen = 0;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        size_t k = strlen(map[i].w);
        if (k <= n && k > blen && !cx_ascii_strncasecmp(s, map[i].w, k) &&
            (k == n || !((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z')))
            best = map[i].mod, blen = k;
    }
    if (!strcmp(best, "MORE_THAN") && n >= 4 && !cx_ascii_strncasecmp(s, "more", 4) &&
        (n < 9 || cx_ascii_strncasecmp(s, "more than", 9)))
        best = ""; /* "more recently" */
    return best;
}

/* ---- anchoring ---------------------------------------------------------------- */

/* Offset in units of the relative word: last -1, next +1, this 0. */
static int S_rel_offset(const S_ctx *x)
{
    if (!S_has(x, F_REL))
        return 0;
    static const char *const back[] = {"last",   "past",   "previous",  "prior",
                                       "latest", "recent", "this past", NULL};
    static const char *const fwd[] = {"next",     "coming",      "following",
                                      "upcoming", "this coming", NULL};
    size_t n;
    const char *s = S_str(x, F_REL, &n);
    char buf[24];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof buf - 1; i++)
        buf[k++] = (char)cx_ascii_lower(s[i] == '\n' || s[i] == '\t' ? ' ' : s[i]);
    buf[k] = '\0';
    for (int i = 0; back[i]; i++)
        if (!strcmp(buf, back[i]))
            return -1;
    for (int i = 0; fwd[i]; i++)
        if (!strcmp(buf, fwd[i]))
            return 1;
    return 0;
}

/* The day number of weekday wd nearest the anchor in the direction the
 * relative word or the tense gives. */
static long S_weekday_day(const S_ctx *x, int wd)
{
    int aw = tx_weekday(x->ay, x->am, x->ad);
    int back = (aw - wd + 7) % 7, fwd = (wd - aw + 7) % 7;
    int off = S_rel_offset(x);
    if (off < 0)
        return x->az - (back ? back : 7);
    if (off > 0 && S_is(x, F_REL, "next"))
        return x->az + (fwd ? fwd : 7);
    if (off > 0 || S_is(x, F_REL, "this") || x->env->future)
        return x->az + fwd;
    return x->az - back;
}

/* Days from the anchor to y-m-d (29 February read as the 28th). */
static long S_diff(const S_ctx *x, int y, int m, int d)
{
    int n = tx_month_days(y, m);
    return tx_days(y, m, d <= n ? d : n) - x->az;
}

/* The year of month m (day d, 0 for the whole month) near the anchor. */
static int S_month_year(const S_ctx *x, int m, int d)
{
    int off = S_rel_offset(x);
    if (off < 0)
        return m < x->am ? x->ay : x->ay - 1;
    if (off > 0)
        return m > x->am ? x->ay : x->ay + 1;
    if (S_is(x, F_REL, "this"))
        return x->ay;
    if (d) {
        /* A future clause: the first date not over a month back. Else
         * the latest not over two months ahead (four months when the
         * tense is unknown): news tells of what has been. */
        if (x->env->future) {
            for (int y = x->ay - 1; y <= x->ay + 1; y++)
                if (S_diff(x, y, m, d) >= -31)
                    return y;
            return x->ay + 1;
        }
        long hi = x->env->not_after ? 0 : x->env->past ? 62 : 122;
        for (int y = x->ay + 1; y >= x->ay - 1; y--)
            if (S_diff(x, y, m, d) <= hi)
                return y;
        return x->ay - 1;
    }
    /* news speaks of the next month or two as coming, even in a past
     * clause ("said it will close in November"); further ahead only
     * without a past verb */
    int ahead = (m - x->am + 12) % 12;
    if (x->env->future || (ahead && ahead <= 2 && !x->env->past_far) ||
        (ahead && ahead <= 4 && !x->env->past && !x->env->past_far))
        return m < x->am ? x->ay + 1 : x->ay;
    return m > x->am ? x->ay - 1 : x->ay;
}

/* Quarter q (of n a year: 4 quarters or 2 halves) without a year: this
 * year's when it has begun, is the next one ("the fourth quarter" in
 * August) or the clause speaks of the future; else last year's. */
static int S_part_year(const S_ctx *x, int q, int n)
{
    int cur = (x->am - 1) / (12 / n) + 1;
    if (x->env->past && !x->env->future && q > cur)
        return x->ay - 1; /* "sales fell in the third quarter" in June */
    return q <= cur + (n == 4) || x->env->future ? x->ay : x->ay - 1;
}

/* ---- the kinds ---------------------------------------------------------------- */

typedef struct {
    cx_timex *t;
    S_ctx x;
} S_job;

static void S_set_mod(S_job *j)
{
    if (S_has(&j->x, F_MOD)) {
        size_t n;
        const char *s = S_str(&j->x, F_MOD, &n);
        S_fmt(j->t->mod, sizeof j->t->mod, "%s", S_mod_of(s, n));
    }
}

static int S_year_of(const S_ctx *x, int f)
{
    size_t n;
    S_str(x, f, &n);
    int y = S_int(x, f);
    if (n == 2) /* '98, 7/8/07 */
        y += (x->has && 2000 + y > x->ay + 5) || (!x->has && y > 30) ? 1900 : 2000;
    return y;
}

static int S_date(S_job *j, int y, int m, int d)
{
    if (m < 1 || m > 12 || d < 1 || d > (y ? tx_month_days(y, m) : tx_month_days(2000, m)))
        return -1;
    if (y)
        S_fmt(j->t->value, 40, "%04d-%02d-%02d", y, m, d);
    else
        S_fmt(j->t->value, 40, "XXXX-%02d-%02d", m, d);
    return 0;
}

static int S_year_words_of(const S_ctx *x);

/* The year of "this year", "next year's": 0 when not said. */
static int S_ry_year(const S_ctx *x)
{
    if (S_has(x, F_YW))
        return S_year_words_of(x);
    if (!S_has(x, F_RY) || !x->has)
        return 0;
    return x->ay + (S_is(x, F_RY, "last") ? -1 : S_is(x, F_RY, "next") ? 1 : 0);
}

/* Month + day (+ year): MDY, DMY, and the date part of clock times. */
static int S_month_day(S_job *j)
{
    const S_ctx *x = &j->x;
    const tx_word *mw = S_has(x, F_M) ? S_word(x, F_M, TX_MONTH) : NULL;
    int m = mw ? mw->ival : S_int(x, F_MN);
    int d = S_int(x, F_D);
    int y = S_has(x, F_Y) ? S_year_of(x, F_Y) : S_ry_year(x);
    int off = S_rel_offset(x);
    if (!y && x->has && off) /* "last Oct. 23": the latest before the anchor */
        for (y = x->ay - off; y != x->ay + 2 * off; y += off)
            if (m >= 1 && m <= 12 && off * S_diff(x, y, m, d) > 0)
                break;
    if (!y && x->has)
        y = S_month_year(x, m, d);
    if (S_date(j, y, m, d))
        return -1;
    if (y && (S_has(x, F_DBA) || S_has(x, F_WKO))) {
        long z = tx_days(y, m, d) + (S_is(x, F_DBA, "before") ? -1 : S_has(x, F_DBA) ? 1 : 0);
        if (S_has(x, F_WKO)) /* "the week (weekend) of March 6" */
            S_week(j->t->value, z, S_is(x, F_WKO, "the weekend") ? "-WE" : "");
        else
            tx_day_value(j->t->value, z);
    } else if (S_has(x, F_WKO)) {
        S_fmt(j->t->value, 40, S_is(x, F_WKO, "the weekend") ? "XXXX-WXX-WE" : "XXXX-WXX");
    }
    return 0;
}

static int S_weekday(S_job *j)
{
    const tx_word *w = S_word(&j->x, F_WD, TX_WEEKDAY);
    if (!w)
        return -1;
    /* "the previous Friday", "the following Monday": next to the day the
     * text last named */
    const char *r = j->x.env->ref;
    int ry, rm, rd;
    if ((S_is(&j->x, F_REL, "previous") || S_is(&j->x, F_REL, "prior") ||
         S_is(&j->x, F_REL, "following")) &&
        r && strlen(r) >= 10 && sscanf(r, "%4d-%2d-%2d", &ry, &rm, &rd) == 3) {
        int rw = tx_weekday(ry, rm, rd);
        long z = tx_days(ry, rm, rd);
        if (S_is(&j->x, F_REL, "following"))
            z += (w->ival - rw + 7) % 7 ? (w->ival - rw + 7) % 7 : 7;
        else
            z -= (rw - w->ival + 7) % 7 ? (rw - w->ival + 7) % 7 : 7;
        tx_day_value(j->t->value, z);
    } else if (!j->x.has)
        S_fmt(j->t->value, 40, "XXXX-WXX-%d", w->ival);
    else /* "the day before last Tuesday('s hearing)" */
        tx_day_value(j->t->value,
                     S_weekday_day(&j->x, w->ival) + (S_is(&j->x, F_DBA, "before") ? -1
                                                      : S_has(&j->x, F_DBA)        ? 1
                                                                                   : 0));
    return 0;
}

/* The date a clock time or part of day belongs to. */
static int S_time_date(S_job *j)
{
    const S_ctx *x = &j->x;
    if (S_has(x, F_M) && S_has(x, F_D))
        return S_month_day(j);
    if (S_has(x, F_WD))
        return S_weekday(j);
    /* "made its first flight Tuesday ... at 18:00 UTC": the day named
     * before it in the sentence */
    const tx_env *env = x->env;
    const char *p = env->prev;
    if (p && strlen(p) >= 10 && p[4] == '-' && p[7] == '-' && p[0] >= '0' && p[0] <= '9' &&
        tx_same_sentence(env->text, env->prev_end, env->here)) {
        S_fmt(j->t->value, 40, "%.10s", p);
        return 0;
    }
    if (x->has)
        tx_day_value(j->t->value, x->az);
    else
        S_fmt(j->t->value, 40, "XXXX-XX-XX");
    return 0;
}

static void S_append(cx_timex *t, const char *s)
{
    size_t n = strlen(t->value);
    S_fmt(t->value + n, sizeof t->value - n, "%s", s);
}

static void S_add_pod(S_job *j)
{
    const tx_word *p = S_has(&j->x, F_POD) ? S_word(&j->x, F_POD, TX_POD) : NULL;
    if (p) {
        S_append(j->t, "T");
        S_append(j->t, p->sval);
        j->t->type = CX_TIME;
    }
}

static int S_clock(S_job *j)
{
    const S_ctx *x = &j->x;
    /* an ISO date-time carries its own date (set by the caller) */
    if (x->c->kind != K_ISO && S_time_date(j))
        return -1;
    char b[32];
    if (S_has(x, F_CLK)) {
        S_fmt(b, sizeof b, "T%s", S_is(x, F_CLK, "midnight") ? "24:00" : "12:00");
    } else {
        int h = S_int(x, F_HH), mi = S_has(x, F_MI) ? S_int(x, F_MI) : 0;
        if (S_has(x, F_AP)) {
            size_t n;
            const char *s = S_str(x, F_AP, &n);
            int pm = s[0] == 'p' || s[0] == 'P';
            if (h > 12 || h == 0)
                return -1;
            h = pm ? (h % 12) + 12 : h % 12;
        }
        S_fmt(b, sizeof b, "T%02d:%02d", h, mi);
    }
    /* UTC is the one zone ISO 8601 writes without arithmetic: "Z" */
    if (S_is(x, F_TZ, "utc") || S_is(x, F_TZ, "gmt") || S_is(x, F_TZ, "z"))
        S_fmt(b + strlen(b), sizeof b - strlen(b), "Z");
    S_append(j->t, b);
    j->t->type = CX_TIME;
    return 0;
}

static int S_refday(S_job *j)
{
    const S_ctx *x = &j->x;
    const tx_word *r = S_word(x, F_REF, TX_REF);
    if (!r)
        return -1;
    int off = r->ival;
    if (S_has(x, F_DBA))
        off += S_is(x, F_DBA, "before") ? -1 : 1;
    int night = S_is(x, F_REF, "tonight") || S_is(x, F_REF, "overnight");
    /* "overnight" is the night before the day in talk: the one the text
     * last named if it is of the last week ("Friday ... overnight losses
     * in New York"), else the anchor's */
    const char *rv = x->env->ref;
    int ry, rm, rd;
    long rz = 0;
    if (S_is(x, F_REF, "overnight") && !S_has(x, F_DBA) && x->has && rv && strlen(rv) >= 10 &&
        sscanf(rv, "%4d-%2d-%2d", &ry, &rm, &rd) == 3)
        rz = tx_days(ry, rm, rd);
    if (rz && rz <= x->az && rz >= x->az - 7)
        tx_day_value(j->t->value, rz - 1);
    else if (!x->has)
        S_fmt(j->t->value, 40, "%s",
              off == 0 && !night && !S_has(x, F_POD) ? "PRESENT_REF" : "XXXX-XX-XX");
    else
        tx_day_value(j->t->value, x->az + off - S_is(x, F_REF, "overnight"));
    if (night && !S_has(x, F_POD)) {
        S_append(j->t, "TNI");
        j->t->type = CX_TIME;
    }
    S_add_pod(j);
    return 0;
}

static int S_podrel(S_job *j)
{
    const S_ctx *x = &j->x;
    if (!x->has)
        S_fmt(j->t->value, 40, "XXXX-XX-XX");
    else
        tx_day_value(j->t->value, x->az + (S_is(x, F_REL, "last") ? -1 : 0));
    if (S_has(x, F_REF))
        return S_refday(j);
    S_add_pod(j);
    return 0;
}

/* "last week", "this year", "the next quarter", "the end of the month". */
static int S_relunit(S_job *j, const char *u)
{
    const S_ctx *x = &j->x;
    int off = S_rel_offset(x);
    char *v = j->t->value;
    if (!x->has) {
        S_fmt(v, 40, "%s",
              !strcmp(u, "W") || !strcmp(u, "WE") ? "XXXX-WXX"
              : !strcmp(u, "M")                   ? "XXXX-XX"
              : !strcmp(u, "D")                   ? "XXXX-XX-XX"
                                                  : "XXXX");
        return 0;
    }
    if (!strcmp(u, "Y"))
        S_fmt(v, 40, "%04d", x->ay + off);
    else if (!strcmp(u, "M"))
        S_month(v, x->ay, x->am + off);
    else if (!strcmp(u, "W"))
        S_week(v, x->az + 7L * off, "");
    else if (!strcmp(u, "WE"))
        S_week(v, x->az + 7L * off, "-WE");
    else if (!strcmp(u, "D"))
        tx_day_value(v, x->az + off);
    else if (!strcmp(u, "Q") || !strcmp(u, "H")) {
        int per = u[0] == 'Q' ? 4 : 2;
        int q = (x->am - 1) / (12 / per) + off, y = x->ay;
        while (q < 0)
            q += per, y--;
        while (q >= per)
            q -= per, y++;
        S_fmt(v, 40, "%04d-%c%d", y, u[0], q + 1);
    } else if (!strcmp(u, "DE"))
        S_fmt(v, 40, "%03d", x->ay / 10 + off);
    else if (!strcmp(u, "CE"))
        S_fmt(v, 40, "%02d", x->ay / 100 + off);
    else
        return -1;
    return 0;
}

static int S_relu(S_job *j)
{
    size_t n;
    const char *s = S_str(&j->x, F_U, &n);
    const char *u = (s[0] | 32) == 'h' ? "H" : S_unit(&j->x, F_U);
    /* "the year" with no "this/last/next" ("during the year", "earlier in
     * the year"): the year a date just before spelled out ("They met in
     * 1995. During the year, ..."), else the anchor's ("the year-earlier
     * results ... for the fiscal year" is this one) */
    const tx_env *env = j->x.env;
    const char *p = env->prev, *t = env->text;
    size_t pe = env->prev_end;
    if (u && !strcmp(u, "Y") && !S_has(&j->x, F_REL) && p && env->here - pe < 200 && pe >= 4 &&
        strspn(p, "0123456789") >= 4 && strspn(t + pe - 4, "0123456789") >= 4 &&
        !memcmp(t + pe - 4, p, 4))
        return S_fmt(j->t->value, 40, "%.4s", p), 0;
    /* "over the past decade": the ten years up to now, not the 1980s as
     * "the last decade" may be */
    if (u && (!strcmp(u, "DE") || !strcmp(u, "CE")) && S_is(&j->x, F_REL, "past")) {
        j->t->type = CX_DURATION;
        return S_fmt(j->t->value, 40, "%s", u[0] == 'D' ? "P10Y" : "P100Y"), 0;
    }
    return u ? S_relunit(j, u) : -1;
}

static int S_the_weekend(S_job *j)
{
    const S_ctx *x = &j->x;
    if (!x->has)
        return S_fmt(j->t->value, 40, "XXXX-WXX-WE"), 0;
    int aw = tx_weekday(x->ay, x->am, x->ad);
    long z = x->az;
    if (aw < 6 && !x->env->future)
        z -= 7;
    S_week(j->t->value, z, "-WE");
    return 0;
}

/* The year of a period that "ended" on a day: the last such day not
 * after the anchor ("ended Oct. 31" on Oct. 27, 1989 is 1988's). */
static int S_ended_year(const S_ctx *x)
{
    const tx_word *m = S_word(x, F_M, TX_MONTH);
    int d = S_has(x, F_D) ? S_int(x, F_D) : 1;
    if (!m)
        return x->ay;
    return m->ival * 100 + d > x->am * 100 + x->ad ? x->ay - 1 : x->ay;
}

/* "the third quarter (of 2009)", "the first half", "Q3 2023". A plural
 * without a year is that quarter of any year: "sales peak in the second
 * and fourth quarters". */
static int S_quarter(S_job *j)
{
    const S_ctx *x = &j->x;
    int half = S_is(x, F_QU, "half") || S_is(x, F_QU, "halves") ||
               S_is(x, F_QU, "two"); /* first two quarters */
    int generic = S_is(x, F_QU, "quarters") || S_is(x, F_QU, "halves");
    int per = half ? 2 : 4, q;
    if (S_has(x, F_QN)) {
        size_t n;
        const char *qn = S_str(x, F_QN, &n);
        if ((qn[0] | 32) == 'h')
            half = 1, per = 2; /* H1 2024 */
        q = qn[1] - '0';
    } else {
        const tx_word *o = S_word(x, F_ORD, TX_ORDINAL);
        q = o ? o->ival : S_int(x, F_ORD);
        if (q == 0)
            q = per; /* final */
    }
    if (q < 1 || q > per)
        return -1;
    int y = 0;
    if (S_has(x, F_Y))
        y = S_int(x, F_Y);
    else if (S_ry_year(x))
        y = S_ry_year(x);
    else if (x->has && S_has(x, F_YAGO))
        y = x->ay - 1;
    else if (x->has && S_has(x, F_M) && !generic)
        y = S_ended_year(x); /* "the second quarter ended Oct. 31" */
    else if (x->has && !generic)
        y = S_part_year(x, q, per);
    if (y)
        S_fmt(j->t->value, 40, "%04d-%c%d", y, half ? 'H' : 'Q', q);
    else
        S_fmt(j->t->value, 40, "XXXX-%c%d", half ? 'H' : 'Q', q);
    return 0;
}

/* The quarter the text speaks of: the last one it named, else the last
 * one finished (business news reports on it). 0 without an anchor. */
static int S_context_quarter(const S_ctx *x, int *y, int *q)
{
    const char *lq = x->env->last_quarter;
    if (lq && sscanf(lq, "%4d-Q%1d", y, q) == 2)
        return 1;
    if (!x->has)
        return 0;
    *q = (x->am - 1) / 3, *y = x->ay;
    if (*q == 0)
        *q = 4, (*y)--;
    return 1;
}

/* Is value v a span of months other than a quarter ("P9M", "P6M")? */
static int S_months_span(const char *v)
{
    size_t n = v ? strlen(v) : 0;
    return n >= 3 && v[0] == 'P' && v[n - 1] == 'M' && strspn(v + 1, "0123456789") == n - 2 &&
           strcmp(v, "P3M") != 0;
}

/* "the quarter", "the 1988 quarter". */
static int S_the_quarter(S_job *j)
{
    const S_ctx *x = &j->x;
    const tx_env *env = x->env;
    /* "In the first nine months, profit was $41 million, against $37
     * million in the 1988 period": that span in that year, not a quarter */
    if (j->x.c->kind == K_QYR && S_is(x, F_QU, "period") && S_months_span(env->prev) &&
        tx_same_sentence(env->text, env->prev_end, env->here))
        return S_fmt(j->t->value, 40, "%04d", S_int(x, F_Y)), 0;
    int y, q;
    if (!S_context_quarter(x, &y, &q))
        return S_fmt(j->t->value, 40, "XXXX-QX"), 0;
    const tx_word *m = S_has(x, F_M) ? S_word(x, F_M, TX_MONTH) : NULL;
    if (m && x->has) {
        /* "the quarter ended Sept. 30": the last such day not after the
         * anchor; a fiscal quarter ("ended July 31": May to July) is the
         * calendar quarter that holds two of its months, the one of the
         * month before its last */
        y = S_ended_year(x);
        int pm = m->ival - 1;
        if (pm == 0)
            pm = 12, y--;
        q = (pm - 1) / 3 + 1;
    }
    if (S_has(x, F_Y))
        y = S_int(x, F_Y);
    if (S_has(x, F_YAGO))
        y--;
    S_fmt(j->t->value, 40, "%04d-Q%d", y, q);
    return 0;
}

/* A period n years before the one named earlier in the sentence: "sales
 * rose in the third quarter from a year earlier" is that quarter of the
 * year before. 0 when the sentence names none. */
static int S_back_years(S_job *j, int n)
{
    const tx_env *env = j->x.env;
    /* the previous expression, when in the same sentence */
    const char *p =
        env->prev && tx_same_sentence(env->text, env->prev_end, env->here) ? env->prev : NULL;
    if (!p && env->last_quarter && env->here - env->last_quarter_end < 1500)
        p = env->last_quarter; /* "... from $2.3 billion a year ago." */
    int y;
    if (!p || strlen(p) < 7 || sscanf(p, "%4d", &y) != 1 || p[4] != '-' ||
        !(p[5] == 'Q' || p[5] == 'H' || (p[5] >= '0' && p[5] <= '1')))
        return 0;
    size_t k = strcspn(p + 4, "T"); /* "-Q3", "-09", "-09-30" */
    S_fmt(j->t->value, 40, "%04d%.*s", y - n, (int)(k < 6 ? k : 6), p + 4);
    if (!strcmp(j->t->value + 4, "-02-29"))
        j->t->value[9] = '8';
    return 1;
}

/* "the year-ago quarter": the context's quarter, a year back. */
static int S_yago(S_job *j)
{
    const S_ctx *x = &j->x;
    if (!x->has)
        return S_fmt(j->t->value, 40, "XXXX"), 0;
    if (!S_has(x, F_QU)) {
        if (!S_back_years(j, 1))
            S_fmt(j->t->value, 40, "%04d", x->ay - 1);
        return 0;
    }
    /* "the same period last year" after "sales in February": that month */
    const tx_env *env = x->env;
    const char *p = env->prev;
    if (!S_is(x, F_QU, "quarter") && p && strlen(p) == 7 && p[4] == '-' &&
        tx_same_sentence(env->text, env->prev_end, env->here) && S_back_years(j, 1))
        return 0;
    if (S_is(x, F_QU, "month"))
        return S_month(j->t->value, x->ay - 1, x->am), 0;
    /* "For the nine months, net rose ... In the year-earlier period":
     * the span just named, a year back, written as that span is */
    if (S_is(x, F_QU, "period") && S_months_span(p) && env->here - env->prev_end < 300) {
        j->t->type = CX_DURATION;
        return S_fmt(j->t->value, 40, "%s", p), 0;
    }
    int y, q;
    S_context_quarter(x, &y, &q);
    S_fmt(j->t->value, 40, "%04d-Q%d", y - 1, q);
    return 0;
}

static int S_decade(S_job *j)
{
    const S_ctx *x = &j->x;
    if (j->x.c->kind == K_DEC) {
        /* "the 1800s", "the early 1900s" are centuries; "the 2000s"
         * stays the decade, as news uses it */
        int dec = S_int(x, F_DEC);
        if (dec % 100 == 0 && dec < 2000)
            S_fmt(j->t->value, 40, "%02d", dec / 100);
        else
            S_fmt(j->t->value, 40, "%03d", dec / 10);
        return 0;
    }
    if (j->x.c->kind == K_DECW) {
        const tx_word *w = S_word(x, F_DECW, TX_DECADE);
        return w ? (S_fmt(j->t->value, 40, "19%d", w->ival), 0) : -1;
    }
    size_t n;
    const char *s = S_str(x, F_DEC2, &n);
    int d = (s[0] == '\'' ? s[1] : s[0]) - '0';
    int c = x->has && 2000 + 10 * d <= x->ay ? 20 : 19;
    S_fmt(j->t->value, 40, "%d%d", c, d);
    return 0;
}

static int S_century(S_job *j)
{
    const tx_word *o = S_word(&j->x, F_CEN, TX_ORDINAL);
    int c = o ? o->ival : S_int(&j->x, F_CEN);
    if (c < 1 || c > 30)
        return -1;
    S_fmt(j->t->value, 40, "%02d", c - 1);
    return 0;
}

static int S_season(S_job *j)
{
    const S_ctx *x = &j->x;
    const tx_word *s = S_word(x, F_SEA, TX_SEASON);
    if (!s)
        return -1;
    static const char *const order = "SPSUFAWI";
    int k = (int)((strstr(order, s->sval) - order) / 2) + 1; /* 1..4 */
    int y = 0;
    if (S_has(x, F_Y) || S_has(x, F_YW)) {
        y = S_has(x, F_Y) ? S_int(x, F_Y) : S_year_words_of(x);
    } else if (x->has) {
        int cur = x->am == 12 ? 4 : x->am >= 9 ? 3 : x->am >= 6 ? 2 : x->am >= 3 ? 1 : 0;
        int off = S_rel_offset(x);
        y = x->ay;
        if (off < 0 && k >= cur)
            y--;
        else if (off > 0 && k <= cur)
            y++;
    }
    if (y)
        S_fmt(j->t->value, 40, "%04d-%s", y, s->sval);
    else
        S_fmt(j->t->value, 40, "XXXX-%s", s->sval);
    return 0;
}

static int S_month_only(S_job *j)
{
    const S_ctx *x = &j->x;
    const tx_word *mw = S_word(x, F_M, TX_MONTH);
    if (!mw)
        return -1;
    int y = S_has(x, F_Y) ? S_int(x, F_Y) : S_ry_year(x);
    if (!y && x->has)
        y = S_month_year(x, mw->ival, 0);
    if (y)
        S_fmt(j->t->value, 40, "%04d-%02d", y, mw->ival);
    else
        S_fmt(j->t->value, 40, "XXXX-%02d", mw->ival);
    return 0;
}

/* The anchor moved n units back or on, written at the unit's grain. */
static int S_shift(S_job *j, double n, const char *u, int sign)
{
    const S_ctx *x = &j->x;
    char *v = j->t->value;
    if (n < 0 || !x->has) {
        S_fmt(v, 40, "%s", n >= 0 ? "XXXX" : sign < 0 ? "PAST_REF" : "FUTURE_REF");
        return 0;
    }
    /* a part of a unit counts in the next smaller one: "half a decade
     * ago" is five years back, "a year and a half ago" 18 months */
    if (n != (double)(long)n) {
        if (!strcmp(u, "CE"))
            n *= 10, u = "DE";
        else if (!strcmp(u, "DE"))
            n *= 10, u = "Y";
        else if (!strcmp(u, "Y"))
            n *= 12, u = "M";
    }
    long k = (long)(n + 0.5) * sign;
    if (!strcmp(u, "D"))
        tx_day_value(v, x->az + k);
    else if (!strcmp(u, "W") || !strcmp(u, "FN"))
        S_week(v, x->az + 7 * k * (u[0] == 'F' ? 2 : 1), "");
    else if (!strcmp(u, "M"))
        S_month(v, x->ay, x->am + (int)k);
    else if (!strcmp(u, "Q"))
        S_month(v, x->ay, x->am + 3 * (int)k);
    else if (!strcmp(u, "Y"))
        S_fmt(v, 40, "%04ld", x->ay + k);
    else if (!strcmp(u, "DE"))
        S_fmt(v, 40, "%03ld", (x->ay + 10 * k) / 10);
    else if (!strcmp(u, "CE"))
        S_fmt(v, 40, "%02ld", (x->ay + 100 * k) / 100);
    else if (!strcmp(u, "H") || !strcmp(u, "MIN") || !strcmp(u, "S") || !strcmp(u, "WE"))
        tx_day_value(v, x->az);
    else
        return -1;
    return 0;
}

/* "Islam will one day be ...": "one day" right after a modal is some
 * time to come, not a stretch of a day. */
static int S_one_day_to_come(const S_ctx *x)
{
    static const char *const modals[] = {"will", "would",  "could", "may", "might",
                                         "can",  "should", "must",  NULL};
    const char *t = x->env->text;
    size_t s = x->c->start;
    if (x->c->end - s != 7 || cx_ascii_strncasecmp(t + s, "one day", 7))
        return 0;
    size_t e = s;
    while (e > 0 && t[e - 1] == ' ')
        e--;
    size_t b = e;
    while (b > 0 && ((t[b - 1] | 32) >= 'a' && (t[b - 1] | 32) <= 'z'))
        b--;
    for (int i = 0; modals[i]; i++)
        if (strlen(modals[i]) == e - b && !cx_ascii_strncasecmp(t + b, modals[i], e - b))
            return 1;
    return 0;
}

/* "founded in 1998 ... two years later": years on from the date the text
 * last named (2000), not from the anchor; 0 when it named none. */
static int S_later_years(S_job *j, double n, const char *u)
{
    const char *r = j->x.env->ref;
    int y, k = !strcmp(u, "Y") ? 1 : !strcmp(u, "DE") ? 10 : !strcmp(u, "CE") ? 100 : 0;
    if (!k || n < 1 || n != (long)n || !r || sscanf(r, "%4d", &y) != 1 || strlen(r) < 4 ||
        !(r[4] == '\0' || r[4] == '-'))
        return 0;
    S_fmt(j->t->value, 40, "%04ld", y + (long)n * k);
    return 1;
}

/* "The notes would be repaid in five years", "will open in two weeks":
 * "in" and a whole number of units in a clause that looks ahead is a
 * time that far from the anchor ("five years from now"), not a stretch;
 * "within five years", "his second letter in two weeks" stay spans. */
static int S_in_from_now(const S_ctx *x, double n, const char *u)
{
    const char *t = x->env->text;
    size_t s = x->c->start;
    if (!x->has || !x->env->future || S_has(x, F_MOD) || S_has(x, F_REL) || n < 1 ||
        n != (long)n || !S_has(x, F_N) || (size_t)x->c->f[F_N][0] != s || s < 3 || !u[0] ||
        !strchr("YMWD", u[0]) || u[1] != '\0')
        return 0;
    return t[s - 1] == ' ' && (t[s - 3] | 32) == 'i' && (t[s - 2] | 32) == 'n' &&
           (s == 3 || !((t[s - 4] | 32) >= 'a' && (t[s - 4] | 32) <= 'z'));
}

static int S_dur(S_job *j)
{
    const S_ctx *x = &j->x;
    const char *u = S_unit(x, S_has(x, F_U) ? F_U : F_UX);
    if (!u)
        return -1;
    double n = -1;
    if (S_has(x, F_N)) {
        size_t len;
        const char *s = S_str(x, F_N, &len);
        n = tx_number(&x->env->r->words, s, len);
        if (S_has(x, F_HALF) && n >= 0)
            n += 0.5; /* "a minute and a half" */
    } else if (S_has(x, F_U)) {
        n = 1; /* a singular unit with no number: "the year ended March 31" */
    }
    if (S_has(x, F_AGO)) {
        int ago = S_is(x, F_AGO, "ago") || S_is(x, F_AGO, "earlier");
        int later =
            S_is(x, F_AGO, "later") || S_is(x, F_AGO, "from") || S_is(x, F_AGO, "hence");
        int yearly = !strcmp(u, "Y") || !strcmp(u, "DE") || !strcmp(u, "CE");
        size_t al;
        const char *as = S_str(x, F_AGO, &al);
        if (al > 3 && !cx_ascii_strncasecmp(as + al - 3, "ago", 3))
            ago = 1; /* "a week or so ago" */
        if (S_is(x, F_AGO, "later") && !yearly)
            later = 0; /* "three days later": a stretch after an event */
        if (S_is(x, F_AGO, "earlier") && !yearly)
            ago = 0;
        if (ago || later) {
            j->t->type = CX_DATE;
            if (ago && !strcmp(u, "Y") && n == 1 && x->has && S_back_years(j, 1))
                return 0;
            if (S_is(x, F_AGO, "later") && S_later_years(j, n, u))
                return 0;
            return S_shift(j, n, u, ago ? -1 : 1);
        }
        S_fmt(j->t->mod, sizeof j->t->mod, "%s", S_mod_of(as, al));
    }
    if (S_one_day_to_come(x))
        return S_fmt(j->t->value, 40, "FUTURE_REF"), 0;
    if (S_in_from_now(x, n, u)) {
        j->t->type = CX_DATE;
        return S_shift(j, n, u, 1);
    }
    j->t->type = CX_DURATION;
    S_duration(j->t->value, n, u);
    return 0;
}

static int S_set(S_job *j)
{
    const S_ctx *x = &j->x;
    j->t->type = CX_SET;
    switch (x->c->kind) {
    case K_SETW:
    case K_SETWP: {
        const tx_word *w = S_word(x, F_WD, TX_WEEKDAY);
        if (!w)
            return -1;
        S_fmt(j->t->value, 40, "XXXX-WXX-%d", w->ival);
        const tx_word *p = S_has(x, F_POD) ? S_word(x, F_POD, TX_POD) : NULL;
        if (p)
            S_append(j->t, "T"), S_append(j->t, p->sval);
        return 0;
    }
    case K_SETM: {
        const tx_word *m = S_word(x, F_M, TX_MONTH);
        return m ? (S_fmt(j->t->value, 40, "XXXX-%02d", m->ival), 0) : -1;
    }
    case K_SETA: {
        const tx_word *w = S_word(x, F_SETW, TX_SETW);
        return w ? (S_fmt(j->t->value, 40, "%s", w->sval), 0) : -1;
    }
    default: {
        const char *u = S_unit(x, F_U);
        double n = 1;
        if (S_has(x, F_N)) {
            size_t len;
            const char *s = S_str(x, F_N, &len);
            n = tx_number(&x->env->r->words, s, len);
        } else if (x->c->kind == K_SETU && x->c->f[F_U][0] - (long)x->c->start > 6 &&
                   !cx_ascii_strncasecmp(x->env->text + x->c->f[F_U][0] - 6, "other", 5)) {
            n = 2; /* every other week */
        }
        if (!u)
            return -1;
        S_duration(j->t->value, x->c->kind == K_SETT ? 1 : n, u);
        return 0;
    }
    }
}

static int S_ref(S_job *j)
{
    const S_ctx *x = &j->x;
    const tx_word *r = S_word(x, F_REF, TX_REF);
    if (r && (r->sval[0] == '-' || (r->sval[0] >= '0' && r->sval[0] <= '9')))
        return S_refday(j);
    const char *v = r ? r->sval : S_is(x, F_REF, "recent") ? "PAST_REF" : "FUTURE_REF";
    S_fmt(j->t->value, 40, "%s", v);
    return 0;
}

/* "nineteen ninety-six": the century, then the rest; "two thousand".
 * 0 when it is no year. */
static int S_year_words_of(const S_ctx *x)
{
    size_t n;
    const char *s = S_str(x, F_YW, &n);
    const tx_words *w = &x->env->r->words;
    size_t k = 0;
    while (k < n && s[k] != ' ' && s[k] != '-')
        k++;
    double c = tx_number(w, s, k);
    double rest = k < n ? tx_number(w, s + k + 1, n - k - 1) : 0;
    if (c == 2) /* two thousand ... */
        c = 20, rest = rest >= 1000 ? rest - 1000 : rest;
    if (c < 18 || c > 20 || rest < 0 || rest > 99)
        return 0;
    return (int)(c * 100 + rest);
}

static int S_year_words(S_job *j)
{
    int y = S_year_words_of(&j->x);
    if (!y)
        return -1;
    S_fmt(j->t->value, 40, "%04d", y);
    return 0;
}

/* Easter Sunday of year y (Gregorian), as days since 1970-01-01: the
 * anonymous Gregorian computus (Meeus). */
static long S_easter(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return tx_days(y, month, day);
}

/* The day of a holiday in year y by its rule in words.txt: "MM-DD" a
 * fixed day; "MM/N/W" the Nth weekday W (ISO: 1 Monday .. 7 Sunday) of
 * month MM, N -1 the last, and "MM/N/W+K" K days after it; "E+K" Easter
 * Sunday plus K days (may be negative). -1 if the rule is none of these. */
static long S_holiday_day(const char *rule, int y)
{
    int m, n, w, k = 0, d;
    if (rule[0] == 'E' && sscanf(rule + 1, "%d", &k) == 1)
        return S_easter(y) + k;
    if (strchr(rule, '/') && sscanf(rule, "%d/%d/%d%d", &m, &n, &w, &k) >= 3 && m >= 1 &&
        m <= 12 && w >= 1 && w <= 7 && n != 0 && n >= -1 && n <= 5) {
        if (n > 0)
            d = 1 + (w - tx_weekday(y, m, 1) + 7) % 7 + 7 * (n - 1);
        else {
            int last = tx_month_days(y, m);
            d = last - (tx_weekday(y, m, last) - w + 7) % 7;
        }
        return d <= tx_month_days(y, m) ? tx_days(y, m, d) + k : -1;
    }
    if (sscanf(rule, "%d-%d", &m, &d) == 2 && m >= 1 && m <= 12 && d >= 1 &&
        d <= tx_month_days(2000, m))
        return tx_days(y, m, d);
    return -1;
}

int tx_holiday_rule_ok(const char *rule) { return S_holiday_day(rule, 2000) >= 0; }

/* A holiday: its day in the year given, else in the year the clause
 * points to (as a month and day would be). Without an anchor a fixed
 * day is XXXX-MM-DD, one of a month's weekdays XXXX-MM-XX, and one that
 * moves with Easter XXXX-XX-XX. */
static int S_holiday(S_job *j)
{
    const S_ctx *x = &j->x;
    const tx_word *h = S_word(x, F_HOL, TX_HOLIDAY);
    if (!h)
        return -1;
    size_t hl;
    /* holidays are names: "election day", "a black Friday" in lower case
     * are any election's, any bad day's */
    const char *hs = S_str(x, F_HOL, &hl);
    if (*hs >= 'a' && *hs <= 'z' && cx_ascii_strncasecmp(hs, "year", 4) != 0)
        return -1;
    int y = S_has(x, F_Y) ? S_int(x, F_Y) : 0, m, d;
    int fixed = !strchr(h->sval, '/') && h->sval[0] != 'E';
    if (!y && !x->has) {
        if (S_has(x, F_U))
            return S_fmt(j->t->value, 40, "XXXX-WXX"), 0;
        if (fixed && sscanf(h->sval, "%d-%d", &m, &d) == 2)
            return S_date(j, 0, m, d);
        if (h->sval[0] != 'E' && sscanf(h->sval, "%d/", &m) == 1 && m >= 1 && m <= 12)
            return S_fmt(j->t->value, 40, "XXXX-%02d-XX", m), 0;
        return S_fmt(j->t->value, 40, "XXXX-XX-XX"), 0;
    }
    long z = S_holiday_day(h->sval, y ? y : x->ay);
    if (z < 0)
        return -1;
    if (!y) {
        /* the year as for that month and day; the day of that year */
        int yy;
        tx_civil(z, &yy, &m, &d);
        y = S_month_year(x, m, d);
        if (y != yy && (z = S_holiday_day(h->sval, y)) < 0)
            return -1;
    }
    if (S_has(x, F_U)) /* "Easter week", "Thanksgiving week": the week it is in */
        S_week(j->t->value, z, "");
    else
        tx_day_value(j->t->value, z);
    return 0;
}

/* "that day", "the same year", "the following month", "the next
 * morning": the date last named in the text (else the anchor), moved by
 * the relative word, at the unit's grain. */
static int S_anaphor(S_job *j)
{
    const S_ctx *x = &j->x;
    const char *r = x->env->ref;
    int y = 0, m = 0, d = 0;
    if (r && strlen(r) >= 4 && (r[4] == '\0' || r[4] == '-') && sscanf(r, "%4d", &y) == 1) {
        if (r[4] == '-' && r[5] >= '0' && r[5] <= '1' && sscanf(r + 5, "%2d-%2d", &m, &d) < 2)
            d = 0;
    } else if (x->has) {
        y = x->ay, m = x->am, d = x->ad;
    }
    int off = S_is(x, F_REL, "previous") || S_is(x, F_REL, "prior") ? -1
              : S_has(x, F_REL)                                     ? 1
                                                                    : 0;
    const char *u = S_has(x, F_U) ? S_unit(x, F_U) : "D";
    char *v = j->t->value;
    if (!u)
        return -1;
    if (!y)
        S_fmt(v, 40, "%s",
              !strcmp(u, "Y")   ? "XXXX"
              : !strcmp(u, "M") ? "XXXX-XX"
              : !strcmp(u, "W") ? "XXXX-WXX"
                                : "XXXX-XX-XX");
    else if (!strcmp(u, "Y"))
        S_fmt(v, 40, "%04d", y + off);
    else if (!strcmp(u, "M"))
        m ? S_month(v, y, m + off) : S_fmt(v, 40, "%04d-XX", y);
    else if (!strcmp(u, "W"))
        d ? S_week(v, tx_days(y, m, d) + 7L * off, "") : S_fmt(v, 40, "%04d-WXX", y);
    else if (!strcmp(u, "D"))
        d           ? tx_day_value(v, tx_days(y, m, d) + off)
        : m && !off ? S_fmt(v, 40, "%04d-%02d-XX", y, m)
                    : S_fmt(v, 40, "%04d-XX-XX", y);
    else
        return -1;
    S_add_pod(j);
    return 0;
}

static int S_dispatch(S_job *j)
{
    const S_ctx *x = &j->x;
    switch (x->c->kind) {
    case K_ISO:
        if (S_date(j, S_int(x, F_Y), S_int(x, F_MN), S_int(x, F_D)))
            return -1;
        return S_has(x, F_HH) ? S_clock(j) : 0;
    case K_SLASH:
        return S_date(j, S_year_of(x, F_Y), S_int(x, F_MN), S_int(x, F_D));
    case K_CLOCK:
    case K_CLOCK24:
    case K_NOON:
        return S_clock(j);
    case K_MDY:
    case K_DMY:
        return S_month_day(j);
    case K_QTR:
    case K_QN:
        return S_quarter(j);
    case K_QYR:
    case K_QTHE:
        return S_the_quarter(j);
    case K_YAGO:
        return S_yago(j);
    case K_DEC:
    case K_DEC2:
    case K_DEC3:
    case K_DECW:
        return S_decade(j);
    case K_CENT:
        return S_century(j);
    case K_SEAS:
        return S_season(j);
    case K_REFDAY:
        return S_refday(j);
    case K_PODREL:
    case K_PODREF:
        return S_podrel(j);
    case K_RELU:
    case K_THEU:
        return S_relu(j);
    case K_THEW:
        return S_the_weekend(j);
    case K_SETW:
    case K_SETWP:
    case K_SETU:
    case K_SETM:
    case K_SETT:
    case K_SETA:
        return S_set(j);
    case K_WDAY:
        if (S_weekday(j))
            return -1;
        S_add_pod(j);
        return 0;
    case K_MY:
        return S_month_only(j);
    case K_DUR:
    case K_DURX:
        return S_dur(j);
    case K_YEARW:
        return S_year_words(j);
    case K_YEAR:
    case K_YRANGE: /* "FY23": a fiscal year may have two digits */
        S_fmt(j->t->value, 40, "%04d", S_has(x, F_FISC) ? S_year_of(x, F_Y) : S_int(x, F_Y));
        return 0;
    case K_REF:
        return S_ref(j);
    case K_HOL:
        return S_holiday(j);
    case K_ANA:
        return S_anaphor(j);
    default:
        return -1;
    }
}

int tx_normalize(const tx_env *env, const tx_cand *c, cx_timex *t)
{
    memset(t, 0, sizeof *t);
    t->span.start = c->start;
    t->span.end = c->end;
    t->type = CX_DATE;
    t->range_with = -1;
    S_job j = {t,
               {env, c, 0, env->anchor->y, env->anchor->m, env->anchor->d, env->anchor->y > 0}};
    if (j.x.has)
        j.x.az = tx_days(j.x.ay, j.x.am, j.x.ad);
    S_set_mod(&j);
    if (S_dispatch(&j))
        return -1;
    return t->value[0] ? 0 : -1;
}
