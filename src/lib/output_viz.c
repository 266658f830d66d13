/* output_viz: the merged timeline as TimelineJS 3 and vis-timeline JSON,
 * and per-document outputs read back into the entity table. Part of the
 * output module (the only one that builds or reads cJSON trees).
 *
 * Both libraries render text as HTML, so every piece of article text is
 * HTML-escaped here; the markup around it is chronex's own. */
#include "output_int.h"
#include "report_int.h"
#include "rules_int.h"
#include "timeline_int.h"
#include "util_int.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The merged timeline, ready to walk. */
typedef struct {
    cx_timeline *tl;
    cx_tl_group *g;
    size_t ng, *m;
    const cx_viz_opts *o;
    char **group; /* per entry: its row's name (owned) */
} S_viz;

static const cx_tl_src *S_src(const S_viz *v, size_t i, size_t k)
{
    return &v->tl->src[v->m[v->g[i].first + k]];
}

/* The documents that tell entry i, sorted and unique, joined by " + ". */
static char *S_doc_group(const S_viz *v, size_t i)
{
    cx_sb b = {0};
    for (size_t k = 0; k < v->g[i].n; k++) {
        const char *d = S_src(v, i, k)->doc;
        int seen = 0;
        for (size_t j = 0; j < k && !seen; j++)
            seen = strcmp(S_src(v, i, j)->doc, d) == 0;
        if (seen)
            continue;
        if (b.n)
            cx_sb_puts(&b, " + ");
        cx_sb_puts(&b, d);
    }
    return cx_sb_take(&b);
}

/* How many entries mention the entity name. */
static size_t S_entity_freq(const S_viz *v, const char *name)
{
    size_t f = 0;
    for (size_t i = 0; i < v->ng; i++) {
        int hit = 0;
        for (size_t k = 0; k < v->g[i].n && !hit; k++) {
            const cx_tl_src *s = S_src(v, i, k);
            for (size_t j = 0; j < s->nents && !hit; j++)
                hit = strcmp(s->ents[j], name) == 0;
        }
        f += (size_t)hit;
    }
    return f;
}

/* The entry's most frequent entity across the timeline (ties: by name). */
static char *S_entity_group(const S_viz *v, size_t i)
{
    const char *best = NULL;
    size_t bestf = 0;
    for (size_t k = 0; k < v->g[i].n; k++) {
        const cx_tl_src *s = S_src(v, i, k);
        for (size_t j = 0; j < s->nents; j++) {
            size_t f = S_entity_freq(v, s->ents[j]);
            if (!best || f > bestf || (f == bestf && strcmp(s->ents[j], best) < 0))
                best = s->ents[j], bestf = f;
        }
    }
    return cx_strdup(best ? best : "(no entity)");
}

static void S_viz_free(S_viz *v)
{
    for (size_t i = 0; v->group && i < v->ng; i++)
        free(v->group[i]);
    free(v->group);
    free(v->g);
    free(v->m);
}

static int S_viz_init(S_viz *v, const cx_timeline *tl, const cx_viz_opts *o)
{
    static const cx_viz_opts defaults = {NULL, CX_VIZ_GROUP_DOCUMENT};
    memset(v, 0, sizeof *v);
    v->tl = (cx_timeline *)tl; /* merging sorts in place */
    v->o = o ? o : &defaults;
    if (cx_tl_merge(v->tl, &v->g, &v->ng, &v->m) != CX_OK)
        return CX_ERR_NOMEM;
    v->group = calloc(v->ng ? v->ng : 1, sizeof *v->group);
    if (!v->group)
        return CX_ERR_NOMEM;
    for (size_t i = 0; i < v->ng; i++) {
        v->group[i] =
            v->o->group == CX_VIZ_GROUP_ENTITY ? S_entity_group(v, i) : S_doc_group(v, i);
        if (!v->group[i])
            return CX_ERR_NOMEM;
    }
    return CX_OK;
}

static const char *S_title(const S_viz *v)
{
    return v->o->title ? v->o->title : "chronex timeline";
}

/* <p>sentence</p>, then the sources (with their own sentences when the
 * entry merges several) and the entities, all escaped. */
static char *S_event_html(const S_viz *v, size_t i)
{
    cx_sb b = {0};
    const cx_tl_group *g = &v->g[i];
    cx_sb_puts(&b, "<p>");
    cx_sb_html(&b, S_src(v, i, 0)->text);
    cx_sb_puts(&b, "</p>");
    cx_sb_puts(&b, g->n > 1 ? "<p><b>Sources:</b></p><ul>" : "<p><b>Source:</b> ");
    for (size_t k = 0; k < g->n; k++) {
        const cx_tl_src *s = S_src(v, i, k);
        if (g->n > 1)
            cx_sb_puts(&b, "<li>");
        cx_sb_html(&b, s->doc);
        cx_sb_puts(&b, " (");
        cx_sb_html(&b, s->event);
        cx_sb_puts(&b, ")");
        if (g->n > 1) {
            cx_sb_puts(&b, ": <i>");
            cx_sb_html(&b, s->text);
            cx_sb_puts(&b, "</i></li>");
        }
    }
    cx_sb_puts(&b, g->n > 1 ? "</ul>" : "</p>");
    size_t shown = 0;
    for (size_t k = 0; k < g->n; k++) {
        const cx_tl_src *s = S_src(v, i, k);
        for (size_t j = 0; j < s->nents; j++) {
            int seen = 0;
            for (size_t k2 = 0; k2 < k && !seen; k2++)
                for (size_t j2 = 0; j2 < S_src(v, i, k2)->nents && !seen; j2++)
                    seen = strcmp(S_src(v, i, k2)->ents[j2], s->ents[j]) == 0;
            if (seen)
                continue;
            cx_sb_puts(&b, shown++ ? ", " : "<p><b>Entities:</b> ");
            cx_sb_html(&b, s->ents[j]);
        }
    }
    if (shown)
        cx_sb_puts(&b, "</p>");
    return cx_sb_take(&b);
}

static char *S_escaped(const char *s)
{
    cx_sb b = {0};
    cx_sb_html(&b, s);
    return cx_sb_take(&b);
}

/* ---- TimelineJS 3 -------------------------------------------------------- */

static int S_num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* A TimelineJS date object for one side of a value (no '/'), to the
 * value's precision. Values that name a span (a week, quarter, half,
 * season, decade, century) take the day (or month, or year) from iso, the
 * first or last day of the span; *span is set for them. */
static cJSON *S_tljs_date(const char *v, const char *iso, int *span)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    size_t n = strlen(v);
    int y = S_num(iso, 4), mo = S_num(iso + 5, 2), d = S_num(iso + 8, 2);
    int prec = 3; /* 1 year, 2 month, 3 day, 4 minute */
    int hh = -1, mm = -1;
    *span = 0;
    if (n == 2 || n == 3) { /* century, decade */
        prec = 1, *span = 1;
    } else if (n == 4 || (n > 4 && v[4] == 'T')) {
        prec = 1;
    } else if (n > 5 && v[4] == '-') {
        const char *r = v + 5;
        if (S_num(r, 2) > 0 && (r[2] == '\0' || r[2] == 'T'))
            prec = 2;
        else if (S_num(r, 2) > 0 && r[2] == '-') {
            const char *t = strchr(r, 'T');
            if (t && S_num(t + 1, 2) >= 0 && t[3] == ':' && S_num(t + 4, 2) >= 0)
                prec = 4, hh = S_num(t + 1, 2), mm = S_num(t + 4, 2);
        } else if (r[0] == 'W') {
            *span = 1;
        } else { /* quarter, half, season */
            prec = 2, *span = 1;
        }
    }
    cJSON_AddNumberToObject(o, "year", y);
    if (prec >= 2)
        cJSON_AddNumberToObject(o, "month", mo);
    if (prec >= 3)
        cJSON_AddNumberToObject(o, "day", d);
    if (prec >= 4) {
        cJSON_AddNumberToObject(o, "hour", hh);
        cJSON_AddNumberToObject(o, "minute", mm);
    }
    return o;
}

static cJSON *S_tljs_event(const S_viz *v, size_t i)
{
    const cx_tl_src *e = S_src(v, i, 0);
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    char a[48], label[128], id[32];
    snprintf(a, sizeof a, "%s", e->date.value);
    char *b = strchr(a, '/');
    int span_a = 0, span_b = 0;
    if (b)
        *b++ = '\0';
    cJSON_AddItemToObject(o, "start_date", S_tljs_date(a, e->date.start, &span_a));
    if (b)
        cJSON_AddItemToObject(o, "end_date", S_tljs_date(b, e->date.end, &span_b));
    else if (span_a)
        cJSON_AddItemToObject(o, "end_date", S_tljs_date(a, e->date.end, &span_b));
    if (span_a || span_b) { /* TimelineJS cannot say "Q3 2023" by itself */
        cx_viz_date_label(e->date.value, label, sizeof label);
        cJSON_AddStringToObject(o, "display_date", label);
    }
    char *head = cx_viz_headline(e->text, 90);
    char *eh = head ? S_escaped(head) : NULL;
    char *body = S_event_html(v, i);
    char *grp = S_escaped(v->group[i]);
    cJSON *t = cJSON_AddObjectToObject(o, "text");
    int ok = eh && body && grp && t && cJSON_AddStringToObject(t, "headline", eh) &&
             cJSON_AddStringToObject(t, "text", body) &&
             cJSON_AddStringToObject(o, "group", grp);
    snprintf(id, sizeof id, "chronex-M%zu", i + 1);
    ok = ok && cJSON_AddStringToObject(o, "unique_id", id);
    free(head);
    free(eh);
    free(body);
    free(grp);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *S_tljs_title(const S_viz *v)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *t = cJSON_AddObjectToObject(o, "text");
    char *h = S_escaped(S_title(v));
    cx_sb b = {0};
    cx_sb_printf(&b, "<p>%zu event%s from %zu document%s: ", v->ng, v->ng == 1 ? "" : "s",
                 v->tl->ndocs, v->tl->ndocs == 1 ? "" : "s");
    for (size_t i = 0; i < v->tl->ndocs; i++) {
        if (i)
            cx_sb_puts(&b, ", ");
        cx_sb_html(&b, v->tl->docs[i]);
    }
    cx_sb_puts(&b, ".</p><p>Made by chronex " CX_VERSION ".</p>");
    char *body = cx_sb_take(&b);
    int ok = t && h && body && cJSON_AddStringToObject(t, "headline", h) &&
             cJSON_AddStringToObject(t, "text", body) &&
             cJSON_AddStringToObject(o, "unique_id", "chronex-title");
    free(h);
    free(body);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static char *S_print(cJSON *root, int pretty)
{
    char *s = root ? (pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root)) : NULL;
    cJSON_Delete(root);
    return s;
}

char *cx_timeline_to_timelinejs(const cx_timeline *tl, const cx_viz_opts *opts, int pretty)
{
    S_viz v;
    cJSON *root = NULL;
    if (S_viz_init(&v, tl, opts) == CX_OK && (root = cJSON_CreateObject())) {
        cJSON *title = S_tljs_title(&v);
        cJSON *evs = cJSON_AddArrayToObject(root, "events");
        int ok = title && evs && cJSON_AddItemToObject(root, "title", title);
        if (!ok)
            cJSON_Delete(title);
        for (size_t i = 0; ok && i < v.ng; i++) {
            cJSON *e = S_tljs_event(&v, i);
            ok = e && cJSON_AddItemToArray(evs, e);
        }
        ok = ok && cJSON_AddStringToObject(root, "scale", "human");
        if (!ok) {
            cJSON_Delete(root);
            root = NULL;
        }
    }
    S_viz_free(&v);
    return S_print(root, pretty);
}

/* ---- vis-timeline -------------------------------------------------------- */

/* Whether the value names a span that is drawn as a range (an interval,
 * or a week, quarter, half, season, decade, century). */
static int S_is_range(const char *value)
{
    size_t n = strlen(value);
    if (strchr(value, '/') || n == 2 || n == 3)
        return 1;
    return n > 5 && value[4] == '-' && (value[5] < '0' || value[5] > '9');
}

static cJSON *S_vis_item(const S_viz *v, size_t i)
{
    const cx_tl_src *e = S_src(v, i, 0);
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    char id[32], label[128];
    snprintf(id, sizeof id, "M%zu", i + 1);
    cx_viz_date_label(e->date.value, label, sizeof label);
    char *head = cx_viz_headline(e->text, 48);
    char *content = head ? S_escaped(head) : NULL;
    cx_sb t = {0};
    cx_sb_html(&t, label);
    cx_sb_puts(&t, ": ");
    char *body = S_event_html(v, i);
    cx_sb_puts(&t, body ? body : "");
    char *title = cx_sb_take(&t);
    int ok = content && body && title && cJSON_AddStringToObject(o, "id", id) &&
             cJSON_AddStringToObject(o, "content", content) &&
             cJSON_AddStringToObject(o, "start", e->date.start);
    if (ok && S_is_range(e->date.value))
        ok = cJSON_AddStringToObject(o, "end", e->date.end) != NULL;
    ok = ok && cJSON_AddStringToObject(o, "group", v->group[i]) &&
         cJSON_AddStringToObject(o, "title", title) &&
         cJSON_AddStringToObject(o, "date", e->date.value) &&
         cJSON_AddNumberToObject(o, "sources", (double)v->g[i].n);
    free(head);
    free(content);
    free(body);
    free(title);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The groups: each row name once, sorted; content is escaped, the id is
 * what the items name. */
static cJSON *S_vis_groups(const S_viz *v)
{
    cJSON *arr = cJSON_CreateArray();
    const char **names = malloc((v->ng ? v->ng : 1) * sizeof *names);
    if (!arr || !names) {
        cJSON_Delete(arr);
        free(names);
        return NULL;
    }
    for (size_t i = 0; i < v->ng; i++)
        names[i] = v->group[i];
    qsort(names, v->ng, sizeof *names, S_cmp_str);
    int ok = 1;
    for (size_t i = 0; ok && i < v->ng; i++) {
        if (i && strcmp(names[i], names[i - 1]) == 0)
            continue;
        cJSON *g = cJSON_CreateObject();
        char *c = S_escaped(names[i]);
        ok = g && c && cJSON_AddItemToArray(arr, g) &&
             cJSON_AddStringToObject(g, "id", names[i]) &&
             cJSON_AddStringToObject(g, "content", c);
        free(c);
    }
    free(names);
    if (!ok) {
        cJSON_Delete(arr);
        return NULL;
    }
    return arr;
}

char *cx_timeline_to_vis(const cx_timeline *tl, const cx_viz_opts *opts, int pretty)
{
    S_viz v;
    cJSON *root = NULL;
    if (S_viz_init(&v, tl, opts) == CX_OK && (root = cJSON_CreateObject())) {
        cJSON *items = cJSON_AddArrayToObject(root, "items");
        int ok = items != NULL;
        for (size_t i = 0; ok && i < v.ng; i++) {
            cJSON *e = S_vis_item(&v, i);
            ok = e && cJSON_AddItemToArray(items, e);
        }
        cJSON *groups = ok ? S_vis_groups(&v) : NULL;
        ok = groups && cJSON_AddItemToObject(root, "groups", groups);
        if (!ok) {
            cJSON_Delete(root);
            root = NULL;
        }
    }
    S_viz_free(&v);
    return S_print(root, pretty);
}

/* ---- per-document outputs into the entity table -------------------------- */

static const char *S_str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static cx_entity_type S_type(const char *s)
{
    if (s && strcmp(s, "PERSON") == 0)
        return CX_PERSON;
    if (s && strcmp(s, "LOCATION") == 0)
        return CX_LOCATION;
    return CX_ORGANIZATION;
}

static int S_add_doc_entities(cx_entity_table *t, const cJSON *root)
{
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(root, "document");
    const char *id = S_str(doc, "id");
    if (!id)
        return CX_ERR_INPUT;
    size_t d;
    int rc = cx_et_add_doc(t, id, S_str(doc, "source"), S_str(doc, "dct"), &d);
    if (rc == CX_ERR_ARG)
        return CX_OK;
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "entities"))
    {
        const char *name = S_str(e, "name");
        if (rc != CX_OK || !name)
            continue;
        const cJSON *al = cJSON_GetObjectItemCaseSensitive(e, "aliases");
        int na = cJSON_GetArraySize(al);
        const char **aliases = na > 0 ? calloc((size_t)na, sizeof *aliases) : NULL;
        size_t n = 0;
        const cJSON *a;
        cJSON_ArrayForEach(a, al)
        {
            if (aliases && cJSON_IsString(a))
                aliases[n++] = a->valuestring;
        }
        int nm = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(e, "mentions"));
        rc = cx_et_add_entity(t, d, name, S_type(S_str(e, "type")), aliases, n,
                              (size_t)(nm > 0 ? nm : 0));
        free(aliases);
    }
    return rc;
}

int cx_entity_table_add_json(cx_entity_table *t, const char *json, size_t len, cx_error *err)
{
    cJSON *root = cJSON_ParseWithLength(json, len);
    int rc = CX_OK;
    if (!root || !cJSON_IsObject(root)) {
        rc = CX_ERR_INPUT;
        cx_error_set(err, rc, NULL, 0, "not a JSON object");
    } else if (cJSON_GetObjectItemCaseSensitive(root, "documents")) {
        const cJSON *d;
        size_t idx;
        cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(root, "documents"))
        {
            if (cJSON_IsString(d) && rc == CX_OK &&
                cx_et_add_doc(t, d->valuestring, NULL, NULL, &idx) == CX_ERR_NOMEM)
                rc = CX_ERR_NOMEM;
        }
    } else if (cJSON_GetObjectItemCaseSensitive(root, "document")) {
        rc = S_add_doc_entities(t, root);
        if (rc == CX_ERR_INPUT)
            cx_error_set(err, rc, NULL, 0, "document has no id");
    } else {
        rc = CX_ERR_INPUT;
        cx_error_set(err, rc, NULL, 0, "neither a chronex document nor a timeline");
    }
    cJSON_Delete(root);
    return rc;
}
