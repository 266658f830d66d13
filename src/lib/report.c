/* report: the self-contained HTML report of a merged timeline, and what
 * the visualizations share.
 *
 * The page is built here as text, not from a template: every piece of
 * article text goes through cx_sb_html, and the page's script reads only
 * ids that chronex made (M1, M2, ...), never article text, so nothing in
 * an article can become markup or code. A Content-Security-Policy forbids
 * any network access. Nothing depends on the clock, so the same input
 * gives the same bytes. */
#include "report_int.h"
#include "timeline_int.h"
#include "util_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- string builder ---------------------------------------------------- */

void cx_sb_put(cx_sb *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (cx_grow((void **)&b->s, &b->cap, b->n + n + 1, 1)) {
        b->failed = 1;
        return;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

void cx_sb_puts(cx_sb *b, const char *s) { cx_sb_put(b, s, strlen(s)); }

void cx_sb_printf(cx_sb *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        cx_sb_put(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    cx_sb_put(b, big, (size_t)n);
    free(big);
}

void cx_sb_html(cx_sb *b, const char *s)
{
    int space = 0;
    for (const char *p = s ? s : ""; *p; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        case ' ':
        case '\t':
        case '\n':
        case '\r':
        case '\f':
        case '\v':
            space = 1;
            continue;
        default:
            break;
        }
        if (space) {
            cx_sb_put(b, " ", 1);
            space = 0;
        }
        if (rep)
            cx_sb_puts(b, rep);
        else if ((unsigned char)*p < 0x20 || *p == 0x7f)
            cx_sb_puts(b, "\xef\xbf\xbd"); /* U+FFFD: controls are not text */
        else
            cx_sb_put(b, p, 1);
    }
}

char *cx_sb_take(cx_sb *b)
{
    if (b->failed || !b->s) {
        free(b->s);
        b->s = NULL;
        return b->failed ? NULL : cx_strdup("");
    }
    char *s = b->s;
    b->s = NULL;
    return s;
}

/* ---- date labels and headlines ------------------------------------------ */

static const char *const S_months[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

static int S_isdig(char c) { return c >= '0' && c <= '9'; }

static int S_num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!S_isdig(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* The label of one side of a value (no '/'). */
static void S_label_one(const char *v, char *buf, size_t cap)
{
    size_t n = strlen(v);
    int y = n >= 4 ? S_num(v, 4) : -1;
    if (n == 3 && S_num(v, 3) >= 0) {
        snprintf(buf, cap, "the %d0s", S_num(v, 3));
        return;
    }
    if (n == 2 && S_num(v, 2) >= 0) {
        snprintf(buf, cap, "%d00\xe2\x80\x93%d99", S_num(v, 2), S_num(v, 2));
        return;
    }
    if (y < 0 || (n > 4 && v[4] != '-' && v[4] != 'T')) {
        snprintf(buf, cap, "%s", v);
        return;
    }
    if (n == 4 || v[4] == 'T') {
        snprintf(buf, cap, "%04d", y);
        return;
    }
    const char *r = v + 5;
    int m = S_num(r, 2);
    if (m >= 1 && m <= 12 && (r[2] == '\0' || r[2] == '-' || r[2] == 'T')) {
        int d = r[2] == '-' ? S_num(r + 3, 2) : -1;
        if (d < 1) {
            snprintf(buf, cap, "%s %04d", S_months[m - 1], y);
            return;
        }
        const char *t = strchr(r, 'T');
        static const char *const parts[][2] = {{"MO", "morning"},
                                               {"AF", "afternoon"},
                                               {"EV", "evening"},
                                               {"NI", "night"},
                                               {"DT", "daytime"}};
        if (t && S_num(t + 1, 2) >= 0 && t[3] == ':' && S_num(t + 4, 2) >= 0) {
            snprintf(buf, cap, "%s %d, %04d, %.5s", S_months[m - 1], d, y, t + 1);
            return;
        }
        for (size_t i = 0; t && i < sizeof parts / sizeof parts[0]; i++)
            if (strcmp(t + 1, parts[i][0]) == 0) {
                snprintf(buf, cap, "%s %d, %04d, %s", S_months[m - 1], d, y, parts[i][1]);
                return;
            }
        snprintf(buf, cap, "%s %d, %04d", S_months[m - 1], d, y);
        return;
    }
    static const char *const seasons[][2] = {
        {"SP", "spring"}, {"SU", "summer"}, {"FA", "autumn"}, {"WI", "winter"}};
    for (size_t i = 0; i < 4; i++)
        if (strncmp(r, seasons[i][0], 2) == 0) {
            snprintf(buf, cap, "%s %04d", seasons[i][1], y);
            return;
        }
    if (r[0] == 'W' && S_num(r + 1, 2) > 0)
        snprintf(buf, cap, "week %d of %04d", S_num(r + 1, 2), y);
    else if (r[0] == 'Q' && r[1] >= '1' && r[1] <= '4')
        snprintf(buf, cap, "Q%c %04d", r[1], y);
    else if (r[0] == 'H' && (r[1] == '1' || r[1] == '2'))
        snprintf(buf, cap, "%s half of %04d", r[1] == '1' ? "first" : "second", y);
    else
        snprintf(buf, cap, "%s", v);
}

void cx_viz_date_label(const char *value, char *buf, size_t cap)
{
    char a[48], la[64], lb[64];
    snprintf(a, sizeof a, "%s", value ? value : "");
    char *b = strchr(a, '/');
    if (!b) {
        S_label_one(a, buf, cap);
        return;
    }
    *b++ = '\0';
    S_label_one(a, la, sizeof la);
    S_label_one(b, lb, sizeof lb);
    snprintf(buf, cap, "%s \xe2\x80\x93 %s", la, lb);
}

char *cx_viz_headline(const char *text, size_t max)
{
    size_t n = strlen(text);
    if (n <= max)
        return cx_strdup(text);
    size_t cut = max;
    while (cut > max / 2 && text[cut] != ' ')
        cut--;
    if (text[cut] != ' ') /* one long word: cut on a character boundary */
        for (cut = max; cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80;)
            cut--;
    while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == ',' || text[cut - 1] == ';'))
        cut--;
    char *h = malloc(cut + 4);
    if (h) {
        memcpy(h, text, cut);
        memcpy(h + cut, "\xe2\x80\xa6", 4); /* … and the NUL */
    }
    return h;
}

cx_viz_opts cx_viz_opts_default(void)
{
    cx_viz_opts o = {NULL, CX_VIZ_GROUP_DOCUMENT};
    return o;
}

/* ---- the entity table --------------------------------------------------- */

cx_entity_table *cx_entity_table_new(void) { return calloc(1, sizeof(cx_entity_table)); }

void cx_entity_table_free(cx_entity_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->ndocs; i++) {
        free(t->docs[i].id);
        free(t->docs[i].source);
        free(t->docs[i].dct);
    }
    for (size_t i = 0; i < t->nents; i++) {
        cx_et_entity *e = &t->ents[i];
        free(e->name);
        for (size_t k = 0; k < e->naliases; k++)
            free(e->aliases[k]);
        free(e->aliases);
        free(e->doc);
        free(e->count);
    }
    free(t->docs);
    free(t->ents);
    free(t);
}

int cx_et_add_doc(cx_entity_table *t, const char *id, const char *source, const char *dct,
                  size_t *idx)
{
    for (size_t i = 0; i < t->ndocs; i++)
        if (strcmp(t->docs[i].id, id) == 0) {
            *idx = i;
            if (source && !t->docs[i].source)
                t->docs[i].source = cx_strdup(source);
            if (dct && *dct && !t->docs[i].dct)
                t->docs[i].dct = cx_strdup(dct);
            return CX_ERR_ARG;
        }
    if (cx_grow((void **)&t->docs, &t->capdocs, t->ndocs + 1, sizeof *t->docs))
        return CX_ERR_NOMEM;
    cx_et_doc d = {cx_strdup(id), source ? cx_strdup(source) : NULL,
                   dct && *dct ? cx_strdup(dct) : NULL};
    if (!d.id) {
        free(d.source);
        free(d.dct);
        return CX_ERR_NOMEM;
    }
    *idx = t->ndocs;
    t->docs[t->ndocs++] = d;
    return CX_OK;
}

static int S_add_alias(cx_et_entity *e, const char *a)
{
    if (strcmp(a, e->name) == 0)
        return CX_OK;
    for (size_t i = 0; i < e->naliases; i++)
        if (strcmp(e->aliases[i], a) == 0)
            return CX_OK;
    if (cx_grow((void **)&e->aliases, &e->capaliases, e->naliases + 1, sizeof *e->aliases))
        return CX_ERR_NOMEM;
    if (!(e->aliases[e->naliases] = cx_strdup(a)))
        return CX_ERR_NOMEM;
    e->naliases++;
    return CX_OK;
}

/* Names that differ only in case, punctuation or spacing ("Apple Inc" and
 * "Apple Inc.") are one entity across documents. */
static int S_same_name(const char *a, const char *b)
{
    for (;;) {
        while (*a && (*a == '.' || *a == ',' || *a == ' ' || *a == '-'))
            a++;
        while (*b && (*b == '.' || *b == ',' || *b == ' ' || *b == '-'))
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        if (cx_ascii_lower((unsigned char)*a) != cx_ascii_lower((unsigned char)*b))
            return 0;
        a++, b++;
    }
}

int cx_et_add_entity(cx_entity_table *t, size_t doc, const char *name, cx_entity_type type,
                     const char *const *aliases, size_t naliases, size_t count)
{
    cx_et_entity *e = NULL;
    for (size_t i = 0; i < t->nents && !e; i++)
        if (S_same_name(t->ents[i].name, name))
            e = &t->ents[i];
    if (!e) {
        if (cx_grow((void **)&t->ents, &t->capents, t->nents + 1, sizeof *t->ents))
            return CX_ERR_NOMEM;
        e = &t->ents[t->nents];
        memset(e, 0, sizeof *e);
        if (!(e->name = cx_strdup(name)))
            return CX_ERR_NOMEM;
        e->type = type;
        t->nents++;
    }
    for (size_t i = 0; i < naliases; i++)
        if (S_add_alias(e, aliases[i]))
            return CX_ERR_NOMEM;
    size_t k = 0;
    while (k < e->ndoc && e->doc[k] != doc)
        k++;
    if (k == e->ndoc) {
        size_t cap = e->capdoc;
        if (cx_grow((void **)&e->doc, &cap, k + 1, sizeof *e->doc) ||
            cx_grow((void **)&e->count, &e->capdoc, k + 1, sizeof *e->count))
            return CX_ERR_NOMEM;
        e->doc[k] = doc;
        e->count[k] = 0;
        e->ndoc++;
    }
    e->count[k] += count;
    e->total += count;
    return CX_OK;
}

int cx_entity_table_add_result(cx_entity_table *t, const char *doc_id, const char *source,
                               const cx_result *res)
{
    size_t d;
    int rc = cx_et_add_doc(t, doc_id, source, res->dct, &d);
    if (rc == CX_ERR_ARG)
        return CX_OK; /* counted already */
    for (size_t i = 0; rc == CX_OK && i < res->n_entities; i++) {
        const cx_entity *e = &res->entities[i];
        rc = cx_et_add_entity(t, d, e->name ? e->name : "", e->type,
                              (const char *const *)e->aliases, e->n_aliases, e->n_mentions);
    }
    return rc;
}

/* ---- the HTML page ------------------------------------------------------ */

static const char S_css[] =
    ":root{--ink:#1d2330;--muted:#5b6474;--line:#d5dae3;--bg:#fff;--soft:#f4f6f9;"
    "--accent:#1f5fbf}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0 auto;max-width:72rem;padding:1.5rem 1.25rem 3rem;color:var(--ink);"
    "background:var(--bg);font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,"
    "'DejaVu Sans',sans-serif}\n"
    "h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:2rem 0 .6rem;"
    "border-bottom:1px solid var(--line);padding-bottom:.3rem}\n"
    ".meta{color:var(--muted);margin:0}\n"
    ".overview svg{width:100%;height:auto;display:block;background:var(--soft);"
    "border:1px solid var(--line);border-radius:6px}\n"
    ".overview .axis{stroke:#8a93a3;stroke-width:1}.overview .tick{stroke:#c3c9d3}\n"
    ".overview text{font-size:11px;fill:var(--muted);font-family:inherit}\n"
    ".mark{cursor:pointer}.mark circle,.mark rect{stroke:#fff;stroke-width:1.5}\n"
    ".mark.merged circle,.mark.merged rect{stroke:var(--ink);stroke-width:2}\n"
    ".mark:hover circle,.mark:hover rect,.mark:focus circle,.mark:focus rect,"
    ".mark.current circle,.mark.current rect{stroke:var(--accent);stroke-width:3}\n"
    ".d0{--c:#1f77b4}.d1{--c:#d95f02}.d2{--c:#1b9e77}.d3{--c:#7570b3}.d4{--c:#e7298a}"
    ".d5{--c:#66a61e}.d6{--c:#a6761d}.d7{--c:#666}\n"
    ".mark circle,.mark rect{fill:var(--c)}\n"
    ".legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;margin:.5rem 0 0;padding:0;"
    "list-style:none;color:var(--muted);font-size:.85rem}\n"
    ".badge{display:inline-block;border-left:.6rem solid var(--c);padding:0 .35rem;"
    "background:var(--soft);border-radius:3px;font-size:.8rem;white-space:nowrap}\n"
    "ol.events{list-style:none;margin:0;padding:0 0 0 1.1rem;border-left:3px solid var(--line)}\n"
    ".event{position:relative;margin:0 0 .5rem}\n"
    ".event::before{content:'';position:absolute;left:-1.6rem;top:.75rem;width:.8rem;"
    "height:.8rem;border-radius:50%;background:var(--c,#888);border:2px solid #fff}\n"
    ".ev-toggle{all:unset;box-sizing:border-box;display:grid;width:100%;cursor:pointer;"
    "grid-template-columns:11rem 1fr;gap:.2rem 1rem;padding:.45rem .6rem;border-radius:6px}\n"
    ".ev-toggle:hover,.ev-toggle:focus-visible,.event.open .ev-toggle{background:var(--soft)}\n"
    ".ev-toggle:focus-visible{outline:2px solid var(--accent)}\n"
    ".ev-date{font-weight:600;font-variant-numeric:tabular-nums}\n"
    ".ev-docs{grid-column:2;display:flex;gap:.3rem;flex-wrap:wrap}\n"
    ".detail{margin:.2rem 0 .6rem 12rem;padding:.6rem .9rem;border-left:3px solid var(--accent);"
    "background:#fbfcfe}\n"
    ".detail h3{font-size:.85rem;margin:.6rem 0 .2rem;color:var(--muted);text-transform:uppercase;"
    "letter-spacing:.04em}\n"
    ".sentence{margin:0;font-size:1.02rem}.ev-entities{margin:0}.sources{margin:0;padding-left:1.1rem}\n"
    ".sources q{color:var(--muted)}\n"
    "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .6rem;"
    "border-bottom:1px solid var(--line);vertical-align:top}\n"
    "th{background:var(--soft);font-size:.85rem}td.num,th.num{text-align:right;"
    "font-variant-numeric:tabular-nums}\n"
    ".aliases{color:var(--muted);font-size:.85rem}.type{font-size:.8rem;color:var(--muted)}\n"
    ".empty{color:var(--muted);font-style:italic}\n"
    "footer{margin-top:2rem;color:var(--muted);font-size:.8rem}\n"
    "@media (max-width:40rem){.ev-toggle{grid-template-columns:1fr}.ev-docs{grid-column:1}"
    ".detail{margin-left:0}}\n"
    "@media print{body{max-width:none;padding:0;font-size:10pt;color:#000}"
    "h2{break-after:avoid}.event,tr,.overview{break-inside:avoid}"
    ".detail,.detail[hidden]{display:block;margin:0 0 .4rem 12rem;padding:.1rem .6rem;"
    "background:none;border-left:1px solid #999}.ev-headline{display:none}.ev-docs{grid-column:2}"
    ".detail h3{margin:.3rem 0 0}"
    ".ev-toggle{padding:.2rem 0}.overview svg{background:none}"
    ".mark circle,.mark rect,.event::before,.badge{print-color-adjust:exact;-webkit-print-color-adjust:exact}"
    ".hint{display:none}}\n";

/* Toggles an event's details; an overview mark opens its event and
 * scrolls to it. It reads only the ids chronex wrote. */
static const char S_js[] =
    "(function(){\n"
    "'use strict';\n"
    "function item(id){return document.getElementById('ev-'+id);}\n"
    "function show(id,open){var li=item(id);if(!li)return null;\n"
    "var d=document.getElementById('detail-'+id),b=li.querySelector('.ev-toggle');\n"
    "d.hidden=!open;b.setAttribute('aria-expanded',open?'true':'false');\n"
    "li.classList.toggle('open',open);\n"
    "var m=document.querySelector('.mark[data-event=\"'+id+'\"]');\n"
    "if(m)m.classList.toggle('current',open);return li;}\n"
    "document.addEventListener('click',function(e){\n"
    "var b=e.target.closest('.ev-toggle');\n"
    "if(b){var id=b.parentNode.getAttribute('data-event');\n"
    "show(id,document.getElementById('detail-'+id).hidden);return;}\n"
    "var m=e.target.closest('.mark');\n"
    "if(m){var li=show(m.getAttribute('data-event'),true);\n"
    "if(li){li.scrollIntoView({block:'center'});li.querySelector('.ev-toggle').focus();}}});\n"
    "document.addEventListener('keydown',function(e){\n"
    "var m=e.target.closest&&e.target.closest('.mark');\n"
    "if(m&&(e.key==='Enter'||e.key===' ')){e.preventDefault();m.dispatchEvent("
    "new MouseEvent('click',{bubbles:true}));}});\n"
    "})();\n";

/* Day number of "YYYY-MM-DD" (days since 0000-03-01). */
static long S_day(const char *s)
{
    int y = S_num(s, 4), m = S_num(s + 5, 2), d = S_num(s + 8, 2);
    if (y < 0 || m < 1 || d < 1)
        return 0;
    if (m < 3) {
        y--;
        m += 12;
    }
    return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 1;
}

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Everything the page is drawn from. */
typedef struct {
    cx_timeline *tl;
    const cx_entity_table *ents;
    cx_tl_group *g;
    size_t ng, *m;
    char **docs; /* all document ids, sorted: a document's colour is its index */
    size_t ndocs;
} S_page;

static size_t S_doc_index(const S_page *p, const char *id)
{
    char *const *hit = bsearch(&id, p->docs, p->ndocs, sizeof *p->docs, S_cmp_str);
    return hit ? (size_t)(hit - p->docs) : 0;
}

static const cx_et_doc *S_doc_info(const S_page *p, const char *id)
{
    for (size_t i = 0; p->ents && i < p->ents->ndocs; i++)
        if (strcmp(p->ents->docs[i].id, id) == 0)
            return &p->ents->docs[i];
    return NULL;
}

static int S_page_docs(S_page *p)
{
    size_t cap = p->tl->ndocs + (p->ents ? p->ents->ndocs : 0);
    p->docs = malloc((cap ? cap : 1) * sizeof *p->docs);
    if (!p->docs)
        return CX_ERR_NOMEM;
    for (size_t i = 0; i < p->tl->ndocs; i++)
        p->docs[p->ndocs++] = p->tl->docs[i];
    for (size_t i = 0; p->ents && i < p->ents->ndocs; i++)
        p->docs[p->ndocs++] = p->ents->docs[i].id;
    qsort(p->docs, p->ndocs, sizeof *p->docs, S_cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < p->ndocs; i++)
        if (!k || strcmp(p->docs[i], p->docs[k - 1]) != 0)
            p->docs[k++] = p->docs[i];
    p->ndocs = k;
    return CX_OK;
}

static void S_badge(cx_sb *b, const S_page *p, const char *doc, const char *suffix)
{
    cx_sb_printf(b, "<span class=\"badge d%zu\" data-doc=\"", S_doc_index(p, doc) % 8);
    cx_sb_html(b, doc);
    cx_sb_puts(b, "\">");
    cx_sb_html(b, doc);
    if (suffix)
        cx_sb_puts(b, suffix);
    cx_sb_puts(b, "</span>");
}

static const cx_tl_src *S_src(const S_page *p, size_t group, size_t k)
{
    return &p->tl->src[p->m[p->g[group].first + k]];
}

/* ---- the overview: one SVG, events as marks on a time axis in lanes ---- */

typedef struct {
    long d0, d1; /* domain, day numbers */
    double x0, w;
} S_scale;

static double S_x(const S_scale *s, long day)
{
    return s->x0 + s->w * (double)(day - s->d0) / (double)(s->d1 - s->d0);
}

static void S_ticks(cx_sb *b, const S_scale *s, double y_axis, double y_top)
{
    long span = s->d1 - s->d0;
    /* back from day numbers to years: good enough for choosing ticks */
    int y0 = (int)((s->d0 + 60) / 365.2425), y1 = (int)((s->d1 + 60) / 365.2425) + 1;
    if (span > 540) {
        static const int steps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
        int step = 1000;
        for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
            if ((y1 - y0) / steps[i] <= 12) {
                step = steps[i];
                break;
            }
        for (int y = (y0 / step) * step; y <= y1; y += step) {
            char iso[32];
            snprintf(iso, sizeof iso, "%04d-01-01", y < 0 ? 0 : y);
            long d = S_day(iso);
            if (d < s->d0 || d > s->d1)
                continue;
            double x = S_x(s, d);
            cx_sb_printf(
                b,
                "<line class=\"tick\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%04d</text>\n",
                x, y_top, x, y_axis + 4, x, y_axis + 18, y);
        }
        return;
    }
    static const int msteps[] = {1, 2, 3, 6, 12};
    int mstep = 12;
    for (size_t i = 0; i < sizeof msteps / sizeof msteps[0]; i++)
        if (span / 30 / msteps[i] <= 10) {
            mstep = msteps[i];
            break;
        }
    for (int y = y0 - 1; y <= y1; y++)
        for (int mo = 1; mo <= 12; mo += mstep) {
            char iso[32];
            snprintf(iso, sizeof iso, "%04d-%02d-01", y < 0 ? 0 : y, mo);
            long d = S_day(iso);
            if (d < s->d0 || d > s->d1)
                continue;
            double x = S_x(s, d);
            cx_sb_printf(
                b,
                "<line class=\"tick\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.3s %04d</text>\n",
                x, y_top, x, y_axis + 4, x, y_axis + 18, S_months[mo - 1], y);
        }
}

#define S_LANE_H 18.0
#define S_MAX_LANES 14

static void S_overview(cx_sb *b, const S_page *p)
{
    if (!p->ng)
        return;
    S_scale s = {0, 0, 16.0, 968.0};
    for (size_t i = 0; i < p->ng; i++) {
        const cx_tl_src *e = S_src(p, i, 0);
        long a = S_day(e->date.start), z = S_day(e->date.end);
        if (!i || a < s.d0)
            s.d0 = a;
        if (!i || z > s.d1)
            s.d1 = z;
    }
    long pad = (s.d1 - s.d0) / 40 + 15;
    s.d0 -= pad, s.d1 += pad;
    /* lanes: each mark goes to the first lane whose last mark ends before
     * it; marks arrive in date order */
    double lane_end[S_MAX_LANES];
    int nl = 1;
    for (int l = 0; l < S_MAX_LANES; l++)
        lane_end[l] = -1e9;
    int *lane = calloc(p->ng, sizeof *lane);
    double *xa = calloc(p->ng, sizeof *xa), *xz = calloc(p->ng, sizeof *xz);
    if (!lane || !xa || !xz) {
        b->failed = 1;
        goto out;
    }
    for (size_t i = 0; i < p->ng; i++) {
        const cx_tl_src *e = S_src(p, i, 0);
        xa[i] = S_x(&s, S_day(e->date.start));
        xz[i] = S_x(&s, S_day(e->date.end) + 1);
        if (xz[i] - xa[i] < 10) { /* a point: a dot 12 wide */
            double c = (xa[i] + xz[i]) / 2;
            xa[i] = c - 6, xz[i] = c + 6;
        }
        int l = 0;
        while (l < nl && lane_end[l] > xa[i] - 3)
            l++;
        if (l == nl) {
            if (nl < S_MAX_LANES)
                nl++;
            else
                l = (int)(i % S_MAX_LANES);
        }
        lane[i] = l;
        lane_end[l] = xz[i];
    }
    double top = 14, y_axis = top + nl * S_LANE_H + 6, h = y_axis + 26;
    cx_sb_printf(b,
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 %.0f\" "
                 "role=\"group\" aria-label=\"The events on a time axis\">\n",
                 h);
    S_ticks(b, &s, y_axis, top - 6);
    cx_sb_printf(b, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                 s.x0, y_axis, s.x0 + s.w, y_axis);
    for (size_t i = 0; i < p->ng; i++) {
        const cx_tl_src *e = S_src(p, i, 0);
        char label[128], id[32];
        cx_viz_date_label(e->date.value, label, sizeof label);
        snprintf(id, sizeof id, "M%zu", i + 1);
        char *head = cx_viz_headline(e->text, 90);
        double cy = top + lane[i] * S_LANE_H + S_LANE_H / 2;
        cx_sb_printf(
            b,
            "<g class=\"mark d%zu%s\" data-event=\"%s\" tabindex=\"0\" role=\"button\" "
            "aria-label=\"",
            S_doc_index(p, e->doc) % 8, p->g[i].n > 1 ? " merged" : "", id);
        cx_sb_html(b, label);
        cx_sb_puts(b, ": ");
        cx_sb_html(b, head ? head : "");
        cx_sb_puts(b, "\"><title>");
        cx_sb_html(b, label);
        cx_sb_puts(b, " \xe2\x80\x94 ");
        cx_sb_html(b, head ? head : "");
        cx_sb_puts(b, "</title>");
        if (xz[i] - xa[i] > 12.5)
            cx_sb_printf(b,
                         "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" rx=\"4\"/>",
                         xa[i], cy - 6, xz[i] - xa[i]);
        else
            cx_sb_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\"/>", (xa[i] + xz[i]) / 2,
                         cy);
        cx_sb_puts(b, "</g>\n");
        free(head);
    }
    cx_sb_puts(b, "</svg>\n");
out:
    free(lane);
    free(xa);
    free(xz);
}

static void S_legend(cx_sb *b, const S_page *p)
{
    cx_sb_puts(b, "<ul class=\"legend\">");
    for (size_t i = 0; i < p->ndocs; i++) {
        cx_sb_puts(b, "<li>");
        S_badge(b, p, p->docs[i], NULL);
        cx_sb_puts(b, "</li>");
    }
    cx_sb_puts(b, "<li>a dark ring: told by several documents</li></ul>\n");
}

/* ---- the events --------------------------------------------------------- */

static void S_event(cx_sb *b, const S_page *p, size_t i)
{
    const cx_tl_group *g = &p->g[i];
    const cx_tl_src *e = S_src(p, i, 0);
    char label[128];
    cx_viz_date_label(e->date.value, label, sizeof label);
    char *head = cx_viz_headline(e->text, 160);
    cx_sb_printf(b, "<li class=\"event d%zu\" id=\"ev-M%zu\" data-event=\"M%zu\" data-value=\"",
                 S_doc_index(p, e->doc) % 8, i + 1, i + 1);
    cx_sb_html(b, e->date.value);
    cx_sb_printf(b, "\" data-start=\"%s\" data-end=\"%s\" data-sources=\"%zu\">\n",
                 e->date.start, e->date.end, g->n);
    cx_sb_printf(b,
                 "<button type=\"button\" class=\"ev-toggle\" aria-expanded=\"false\" "
                 "aria-controls=\"detail-M%zu\"><time class=\"ev-date\" datetime=\"%s\">",
                 i + 1, e->date.start);
    cx_sb_html(b, label);
    cx_sb_puts(b, "</time><span class=\"ev-headline\">");
    cx_sb_html(b, head ? head : "");
    cx_sb_puts(b, "</span><span class=\"ev-docs\">");
    for (size_t k = 0; k < g->n; k++)
        if (!k || strcmp(S_src(p, i, k)->doc, S_src(p, i, k - 1)->doc) != 0)
            S_badge(b, p, S_src(p, i, k)->doc, NULL);
    cx_sb_puts(b, "</span></button>\n");
    cx_sb_printf(b, "<div class=\"detail\" id=\"detail-M%zu\" hidden>\n<p class=\"sentence\">",
                 i + 1);
    cx_sb_html(b, e->text);
    cx_sb_printf(b, "</p>\n<h3>%s</h3>\n<ul class=\"sources\">\n",
                 g->n > 1 ? "Sources" : "Source");
    for (size_t k = 0; k < g->n; k++) {
        const cx_tl_src *s = S_src(p, i, k);
        cx_sb_puts(b, "<li class=\"source\">");
        S_badge(b, p, s->doc, NULL);
        cx_sb_puts(b, " event <span class=\"evid\">");
        cx_sb_html(b, s->event);
        cx_sb_printf(b, "</span>, at character %ld", s->pos);
        if (k > 0 || g->n > 1) {
            cx_sb_puts(b, ": <q>");
            cx_sb_html(b, s->text);
            cx_sb_puts(b, "</q>");
        }
        cx_sb_puts(b, "</li>\n");
    }
    cx_sb_puts(b, "</ul>\n");
    /* the union of the sources' entities, each once */
    size_t shown = 0;
    for (size_t k = 0; k < g->n; k++) {
        const cx_tl_src *s = S_src(p, i, k);
        for (size_t j = 0; j < s->nents; j++) {
            int seen = 0;
            for (size_t k2 = 0; k2 < k && !seen; k2++) {
                const cx_tl_src *s2 = S_src(p, i, k2);
                for (size_t j2 = 0; j2 < s2->nents && !seen; j2++)
                    seen = strcmp(s2->ents[j2], s->ents[j]) == 0;
            }
            if (seen)
                continue;
            cx_sb_puts(b, shown++ ? ", " : "<h3>Entities</h3>\n<p class=\"ev-entities\">");
            cx_sb_html(b, s->ents[j]);
        }
    }
    if (shown)
        cx_sb_puts(b, "</p>\n");
    cx_sb_puts(b, "</div>\n</li>\n");
    free(head);
}

/* ---- the entity and document tables ------------------------------------- */

/* Entities by mentions, most first, then by name. */
static int S_ent_after(const cx_entity_table *t, size_t ia, size_t ib)
{
    const cx_et_entity *a = &t->ents[ia], *b = &t->ents[ib];
    if (a->total != b->total)
        return a->total < b->total;
    return strcmp(a->name, b->name) > 0;
}

/* A stable merge sort of entity indices (qsort takes no context). */
static void S_sort_ents(const cx_entity_table *t, size_t *v, size_t *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t h = n / 2, i = 0, j = h, k = 0;
    S_sort_ents(t, v, tmp, h);
    S_sort_ents(t, v + h, tmp, n - h);
    while (i < h && j < n)
        tmp[k++] = S_ent_after(t, v[i], v[j]) ? v[j++] : v[i++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

static const char *S_type_name(cx_entity_type t)
{
    static const char *const n[] = {"PERSON", "ORGANIZATION", "LOCATION"};
    return (unsigned)t < 3 ? n[t] : "UNKNOWN";
}

static void S_entity_table(cx_sb *b, const S_page *p)
{
    const cx_entity_table *t = p->ents;
    if (!t || !t->nents) {
        cx_sb_puts(b, "<p class=\"empty\">No entities (the inputs were merged timelines, "
                      "which carry no mention counts).</p>\n");
        return;
    }
    size_t *order = malloc(t->nents * sizeof *order), *tmp = malloc(t->nents * sizeof *tmp);
    if (!order || !tmp) {
        free(order);
        free(tmp);
        b->failed = 1;
        return;
    }
    for (size_t i = 0; i < t->nents; i++)
        order[i] = i;
    S_sort_ents(t, order, tmp, t->nents);
    cx_sb_puts(b, "<table class=\"entities\">\n<thead><tr><th scope=\"col\">Entity</th>"
                  "<th scope=\"col\">Type</th><th scope=\"col\" class=\"num\">Mentions</th>"
                  "<th scope=\"col\">Documents</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < t->nents; i++) {
        const cx_et_entity *e = &t->ents[order[i]];
        cx_sb_puts(b, "<tr class=\"entity\"><td class=\"name\">");
        cx_sb_html(b, e->name);
        if (e->naliases) {
            cx_sb_puts(b, " <span class=\"aliases\">(");
            for (size_t k = 0; k < e->naliases; k++) {
                if (k)
                    cx_sb_puts(b, ", ");
                cx_sb_html(b, e->aliases[k]);
            }
            cx_sb_puts(b, ")</span>");
        }
        cx_sb_printf(b,
                     "</td><td class=\"type\">%s</td><td class=\"num mentions\">%zu</td>"
                     "<td class=\"docs\">",
                     S_type_name(e->type), e->total);
        for (size_t k = 0; k < e->ndoc; k++) {
            char suffix[32];
            snprintf(suffix, sizeof suffix, " \xc3\x97%zu", e->count[k]);
            if (k)
                cx_sb_puts(b, " ");
            S_badge(b, p, t->docs[e->doc[k]].id, suffix);
        }
        cx_sb_puts(b, "</td></tr>\n");
    }
    cx_sb_puts(b, "</tbody>\n</table>\n");
    free(order);
    free(tmp);
}

static void S_document_table(cx_sb *b, const S_page *p)
{
    cx_sb_puts(b, "<table class=\"documents\">\n<thead><tr><th scope=\"col\">Document</th>"
                  "<th scope=\"col\">Source</th><th scope=\"col\">Document date</th>"
                  "<th scope=\"col\" class=\"num\">Events</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < p->ndocs; i++) {
        const cx_et_doc *d = S_doc_info(p, p->docs[i]);
        size_t nev = 0;
        for (size_t k = 0; k < p->tl->n; k++)
            nev += strcmp(p->tl->src[k].doc, p->docs[i]) == 0;
        cx_sb_puts(b, "<tr><td>");
        S_badge(b, p, p->docs[i], NULL);
        cx_sb_puts(b, "</td><td>");
        cx_sb_html(b, d && d->source ? d->source : "");
        cx_sb_puts(b, "</td><td>");
        cx_sb_html(b, d && d->dct ? d->dct : "");
        cx_sb_printf(b, "</td><td class=\"num\">%zu</td></tr>\n", nev);
    }
    cx_sb_puts(b, "</tbody>\n</table>\n");
}

static void S_html(cx_sb *b, const S_page *p, const char *title)
{
    cx_sb_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                  "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"generator\" content=\"chronex " CX_VERSION "\">\n<title>");
    cx_sb_html(b, title);
    cx_sb_puts(b, "</title>\n<style>\n");
    cx_sb_puts(b, S_css);
    cx_sb_puts(b, "</style>\n</head>\n<body>\n<header>\n<h1>");
    cx_sb_html(b, title);
    size_t nent = p->ents ? p->ents->nents : 0;
    cx_sb_printf(b,
                 "</h1>\n<p class=\"meta\"><span id=\"n-events\">%zu</span> event%s from "
                 "<span id=\"n-docs\">%zu</span> document%s, %zu entit%s.",
                 p->ng, p->ng == 1 ? "" : "s", p->ndocs, p->ndocs == 1 ? "" : "s", nent,
                 nent == 1 ? "y" : "ies");
    cx_sb_puts(b, " <span class=\"hint\">Click an event to see its sentence and sources."
                  "</span></p>\n</header>\n");
    cx_sb_puts(b, "<section class=\"overview\" id=\"overview\" aria-label=\"Overview\">\n");
    S_overview(b, p);
    S_legend(b, p);
    cx_sb_puts(b, "</section>\n<section id=\"timeline\">\n<h2>Events</h2>\n");
    if (!p->ng)
        cx_sb_puts(b, "<p class=\"empty\">No dated events.</p>\n");
    else {
        cx_sb_puts(b, "<ol class=\"events\">\n");
        for (size_t i = 0; i < p->ng; i++)
            S_event(b, p, i);
        cx_sb_puts(b, "</ol>\n");
    }
    cx_sb_puts(b, "</section>\n<section id=\"entities\">\n<h2>Entities</h2>\n");
    S_entity_table(b, p);
    cx_sb_puts(b, "</section>\n<section id=\"documents\">\n<h2>Documents</h2>\n");
    S_document_table(b, p);
    cx_sb_puts(b, "</section>\n<footer>Made by chronex " CX_VERSION
                  " from the documents above; this page loads nothing from the network."
                  "</footer>\n<script>\n");
    cx_sb_puts(b, S_js);
    cx_sb_puts(b, "</script>\n</body>\n</html>\n");
}

char *cx_report_html(const cx_timeline *ctl, const cx_entity_table *ents,
                     const cx_viz_opts *opts)
{
    cx_timeline *tl = (cx_timeline *)ctl; /* merging sorts in place */
    S_page p = {tl, ents, NULL, 0, NULL, NULL, 0};
    if (cx_tl_merge(tl, &p.g, &p.ng, &p.m) != CX_OK)
        return NULL;
    cx_sb b = {0};
    if (S_page_docs(&p) == CX_OK)
        S_html(&b, &p, opts && opts->title ? opts->title : "chronex timeline");
    else
        b.failed = 1;
    free(p.g);
    free(p.m);
    free(p.docs);
    return cx_sb_take(&b);
}
