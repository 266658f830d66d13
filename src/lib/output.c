/* output: JSON via cJSON, for documents and merged timelines. */
#include "output_int.h"
#include "ctx_int.h"
#include "rules_int.h"
#include "timeline_int.h"
#include "util_int.h"
#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cx_entity_type_name(cx_entity_type t)
{
    static const char *const n[] = {"PERSON", "ORGANIZATION", "LOCATION"};
    return (unsigned)t < 3 ? n[t] : "UNKNOWN";
}

const char *cx_timex_type_name(cx_timex_type t)
{
    static const char *const n[] = {"DATE", "TIME", "DURATION", "SET"};
    return (unsigned)t < 4 ? n[t] : "DATE";
}

const char *cx_dct_source_name(cx_dct_source s)
{
    static const char *const n[] = {"none", "option", "dateline"};
    return (unsigned)s < 3 ? n[s] : "none";
}

/* Adds start, end (code points) and text (the slice) to o. */
static int S_add_span(cJSON *o, const cx_result *r, const cx_span *sp)
{
    char *t = cx_strndup(r->text + sp->start, sp->end - sp->start);
    int ok = t && cJSON_AddNumberToObject(o, "start", (double)sp->cp_start) &&
             cJSON_AddNumberToObject(o, "end", (double)sp->cp_end) &&
             cJSON_AddStringToObject(o, "text", t);
    free(t);
    return ok;
}

static cJSON *S_id(char prefix, size_t i)
{
    char b[32];
    snprintf(b, sizeof b, "%c%zu", prefix, i + 1);
    return cJSON_CreateString(b);
}

static int S_doc_obj(cJSON *root, const cx_result *r, const cx_doc_info *info,
                     const cx_ctx *ctx)
{
    cJSON *d = cJSON_AddObjectToObject(root, "document");
    if (!d)
        return 0;
    int ok = cJSON_AddStringToObject(d, "id", info && info->id ? info->id : "doc") &&
             (!info || !info->source || cJSON_AddStringToObject(d, "source", info->source));
    ok = ok && (r->dct[0] ? cJSON_AddStringToObject(d, "dct", r->dct) != NULL
                          : cJSON_AddNullToObject(d, "dct") != NULL);
    ok = ok && cJSON_AddStringToObject(d, "dct_source", cx_dct_source_name(r->dct_source));
    cJSON *gen = ok ? cJSON_AddObjectToObject(d, "chronex") : NULL;
    ok = gen && cJSON_AddStringToObject(gen, "version", CX_VERSION);
    if (ok && ctx) {
        char h[24];
        snprintf(h, sizeof h, "%016" PRIx64, cx_ctx_data_hash(ctx));
        ok = cJSON_AddStringToObject(gen, "data_hash", h) != NULL;
    }
    if (ok && info && info->input_hash)
        ok = cJSON_AddStringToObject(gen, "input_hash", info->input_hash) != NULL;
    if (ok && info && info->extra_json) {
        cJSON *x = cJSON_Parse(info->extra_json);
        if (x && cJSON_IsObject(x)) {
            cJSON *f = x->child;
            while (f) {
                cJSON *next = f->next;
                if (!cJSON_GetObjectItemCaseSensitive(d, f->string)) {
                    cJSON_DetachItemViaPointer(x, f);
                    cJSON_AddItemToObject(d, f->string, f);
                }
                f = next;
            }
        }
        cJSON_Delete(x);
    }
    return ok;
}

static int S_entities(cJSON *root, const cx_result *r)
{
    cJSON *arr = cJSON_AddArrayToObject(root, "entities");
    for (size_t i = 0; arr && i < r->n_entities; i++) {
        const cx_entity *e = &r->entities[i];
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(arr, o))
            return cJSON_Delete(o), 0;
        cJSON_AddItemToObject(o, "id", S_id('E', i));
        cJSON_AddStringToObject(o, "type", cx_entity_type_name(e->type));
        cJSON_AddStringToObject(o, "name", e->name ? e->name : "");
        cJSON *al = cJSON_AddArrayToObject(o, "aliases");
        for (size_t k = 0; al && k < e->n_aliases; k++)
            cJSON_AddItemToArray(al, cJSON_CreateString(e->aliases[k]));
        cJSON *ms = cJSON_AddArrayToObject(o, "mentions");
        for (size_t k = 0; ms && k < e->n_mentions; k++) {
            cJSON *m = cJSON_CreateObject();
            if (!m || !cJSON_AddItemToArray(ms, m) || !S_add_span(m, r, &e->mentions[k].span))
                return 0;
        }
    }
    return arr != NULL;
}

static int S_timexes(cJSON *root, const cx_result *r)
{
    cJSON *arr = cJSON_AddArrayToObject(root, "timexes");
    for (size_t i = 0; arr && i < r->n_timexes; i++) {
        const cx_timex *t = &r->timexes[i];
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(arr, o))
            return cJSON_Delete(o), 0;
        cJSON_AddItemToObject(o, "id", S_id('T', i));
        if (!S_add_span(o, r, &t->span))
            return 0;
        cJSON_AddStringToObject(o, "type", cx_timex_type_name(t->type));
        cJSON_AddStringToObject(o, "value", t->value);
        if (t->mod[0])
            cJSON_AddStringToObject(o, "mod", t->mod);
        if (t->in_name)
            cJSON_AddTrueToObject(o, "in_name");
        if (t->range_with >= 0)
            cJSON_AddItemToObject(o, "range_with", S_id('T', (size_t)t->range_with));
    }
    return arr != NULL;
}

static cJSON *S_date_obj(const cx_date *d)
{
    cJSON *o = cJSON_CreateObject();
    if (o) {
        cJSON_AddStringToObject(o, "value", d->value);
        cJSON_AddStringToObject(o, "start", d->start);
        cJSON_AddStringToObject(o, "end", d->end);
    }
    return o;
}

static int S_events(cJSON *root, const cx_result *r)
{
    cJSON *arr = cJSON_AddArrayToObject(root, "events");
    for (size_t i = 0; arr && i < r->n_events; i++) {
        const cx_event *e = &r->events[i];
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(arr, o))
            return cJSON_Delete(o), 0;
        cJSON_AddItemToObject(o, "id", S_id('V', i));
        cJSON_AddItemToObject(o, "date", S_date_obj(&e->date));
        cJSON_AddItemToObject(o, "timex", S_id('T', e->timex));
        if (!S_add_span(o, r, &e->span))
            return 0;
        cJSON *en = cJSON_AddArrayToObject(o, "entities");
        for (size_t k = 0; en && k < e->n_entities; k++)
            cJSON_AddItemToArray(en, S_id('E', e->entities[k]));
    }
    return arr != NULL;
}

static int S_warnings(cJSON *root, const cx_result *r)
{
    if (!r->n_warnings)
        return 1;
    cJSON *arr = cJSON_AddArrayToObject(root, "warnings");
    for (size_t i = 0; arr && i < r->n_warnings; i++) {
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(arr, o))
            return cJSON_Delete(o), 0;
        if (r->warnings[i].offset >= 0)
            cJSON_AddNumberToObject(o, "offset", (double)r->warnings[i].offset);
        cJSON_AddStringToObject(o, "message", r->warnings[i].message);
    }
    return arr != NULL;
}

static char *S_print(cJSON *root, int pretty)
{
    char *s = pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    return s;
}

char *cx_result_to_json(const cx_result *r, const cx_doc_info *info,
                        const cx_ctx *ctx, int pretty)
{
    cJSON *root = cJSON_CreateObject();
    if (!root || !S_doc_obj(root, r, info, ctx) || !S_entities(root, r) ||
        !S_timexes(root, r) || !S_events(root, r) || !S_warnings(root, r)) {
        cJSON_Delete(root);
        return NULL;
    }
    return S_print(root, pretty);
}

/* ---- reading outputs back, for chronex timeline ------------------------ */

static const char *S_str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int S_read_date(const cJSON *o, cx_date *d)
{
    const cJSON *dj = cJSON_GetObjectItemCaseSensitive(o, "date");
    const char *v = S_str(dj, "value");
    if (!v)
        return 0;
    memset(d, 0, sizeof *d);
    snprintf(d->value, sizeof d->value, "%s", v);
    return cx_date_interval(d);
}

/* Names of a JSON array of strings (or of entity ids mapped via ents). */
static char **S_names(const cJSON *arr, const cJSON *ents, size_t *n)
{
    int cnt = cJSON_GetArraySize(arr);
    *n = 0;
    char **v = cnt > 0 ? calloc((size_t)cnt, sizeof *v) : NULL;
    const cJSON *x;
    cJSON_ArrayForEach(x, arr)
    {
        if (!v || !cJSON_IsString(x))
            continue;
        const char *name = x->valuestring;
        const cJSON *e;
        cJSON_ArrayForEach(e, ents)
        {
            const char *id = S_str(e, "id");
            if (id && strcmp(id, x->valuestring) == 0 && S_str(e, "name"))
                name = S_str(e, "name");
        }
        v[(*n)++] = (char *)name;
    }
    return v;
}

/* A code point offset read from JSON; 0 when it is no number or out of
 * range (casting 1e999 to long is undefined). */
static long S_pos(const cJSON *n)
{
    if (!cJSON_IsNumber(n) || !(n->valuedouble >= 0 && n->valuedouble < 1e15))
        return 0;
    return (long)n->valuedouble;
}

static int S_add_doc_json(cx_timeline *tl, const cJSON *root)
{
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(root, "document");
    const char *id = S_str(doc, "id");
    if (!id)
        return CX_ERR_INPUT;
    int rc = cx_tl_add_doc(tl, id);
    const cJSON *ents = cJSON_GetObjectItemCaseSensitive(root, "entities");
    const cJSON *ev;
    cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(root, "events"))
    {
        cx_tl_src s = {0};
        if (rc != CX_OK || !S_read_date(ev, &s.date) || !S_str(ev, "id"))
            continue;
        s.doc = (char *)id;
        s.event = (char *)S_str(ev, "id");
        s.text = (char *)(S_str(ev, "text") ? S_str(ev, "text") : "");
        const cJSON *st = cJSON_GetObjectItemCaseSensitive(ev, "start");
        s.pos = S_pos(st);
        s.ents = S_names(cJSON_GetObjectItemCaseSensitive(ev, "entities"), ents, &s.nents);
        rc = cx_tl_add(tl, &s);
        free(s.ents);
    }
    return rc;
}

static int S_add_merged_json(cx_timeline *tl, const cJSON *root)
{
    int rc = CX_OK;
    const cJSON *d;
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(root, "documents"))
    {
        if (cJSON_IsString(d) && rc == CX_OK)
            rc = cx_tl_add_doc(tl, d->valuestring);
    }
    const cJSON *ev, *src;
    cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(root, "events"))
    {
        cx_date date;
        if (rc != CX_OK || !S_read_date(ev, &date))
            continue;
        cJSON_ArrayForEach(src, cJSON_GetObjectItemCaseSensitive(ev, "sources"))
        {
            cx_tl_src s = {0};
            s.date = date;
            s.doc = (char *)S_str(src, "document");
            s.event = (char *)S_str(src, "event");
            if (!s.doc || !s.event || rc != CX_OK)
                continue;
            s.text = (char *)(S_str(src, "text") ? S_str(src, "text") : S_str(ev, "text"));
            const cJSON *st = cJSON_GetObjectItemCaseSensitive(src, "start");
            s.pos = S_pos(st);
            s.ents = S_names(cJSON_GetObjectItemCaseSensitive(src, "entities"), NULL, &s.nents);
            rc = cx_tl_add(tl, &s);
            free(s.ents);
        }
    }
    return rc;
}

int cx_timeline_add_json(cx_timeline *tl, const char *json, size_t len, cx_error *err)
{
    cJSON *root = cJSON_ParseWithLength(json, len);
    int rc;
    if (!root || !cJSON_IsObject(root)) {
        rc = CX_ERR_INPUT;
        cx_error_set(err, rc, NULL, 0, "not a JSON object");
    } else if (cJSON_GetObjectItemCaseSensitive(root, "documents")) {
        rc = S_add_merged_json(tl, root);
    } else if (cJSON_GetObjectItemCaseSensitive(root, "document")) {
        rc = S_add_doc_json(tl, root);
        if (rc == CX_ERR_INPUT)
            cx_error_set(err, rc, NULL, 0, "document has no id");
    } else {
        rc = CX_ERR_INPUT;
        cx_error_set(err, rc, NULL, 0, "neither a chronex document nor a timeline");
    }
    cJSON_Delete(root);
    return rc;
}

static cJSON *S_source_obj(const cx_tl_src *s)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "document", s->doc);
    cJSON_AddStringToObject(o, "event", s->event);
    cJSON_AddNumberToObject(o, "start", (double)s->pos);
    cJSON_AddStringToObject(o, "text", s->text);
    cJSON *e = cJSON_AddArrayToObject(o, "entities");
    for (size_t i = 0; e && i < s->nents; i++)
        cJSON_AddItemToArray(e, cJSON_CreateString(s->ents[i]));
    return o;
}

/* The entity names of a group: the union, sorted. */
static cJSON *S_group_entities(const cx_timeline *tl, const cx_tl_group *g, const size_t *m)
{
    cJSON *arr = cJSON_CreateArray();
    size_t total = 0;
    for (size_t i = 0; i < g->n; i++)
        total += tl->src[m[g->first + i]].nents;
    const char **all = total ? malloc(total * sizeof *all) : NULL;
    size_t k = 0;
    for (size_t i = 0; all && i < g->n; i++) {
        const cx_tl_src *s = &tl->src[m[g->first + i]];
        for (size_t j = 0; j < s->nents; j++)
            all[k++] = s->ents[j];
    }
    for (size_t i = 1; i < k; i++) { /* insertion sort: groups are small */
        const char *x = all[i];
        size_t j = i;
        while (j > 0 && strcmp(all[j - 1], x) > 0) {
            all[j] = all[j - 1];
            j--;
        }
        all[j] = x;
    }
    for (size_t i = 0; arr && i < k; i++)
        if (!i || strcmp(all[i], all[i - 1]) != 0)
            cJSON_AddItemToArray(arr, cJSON_CreateString(all[i]));
    free(all);
    return arr;
}

char *cx_timeline_to_json(const cx_timeline *ctl, int pretty)
{
    cx_timeline *tl = (cx_timeline *)ctl; /* merging sorts in place */
    cx_tl_group *g;
    size_t ng, *m;
    if (cx_tl_merge(tl, &g, &ng, &m) != CX_OK)
        return NULL;
    cJSON *root = cJSON_CreateObject();
    cJSON *docs = cJSON_AddArrayToObject(root, "documents");
    for (size_t i = 0; docs && i < tl->ndocs; i++)
        cJSON_AddItemToArray(docs, cJSON_CreateString(tl->docs[i]));
    cJSON *evs = cJSON_AddArrayToObject(root, "events");
    for (size_t i = 0; evs && i < ng; i++) {
        const cx_tl_src *first = &tl->src[m[g[i].first]];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(evs, o);
        char id[32];
        snprintf(id, sizeof id, "M%zu", i + 1);
        cJSON_AddStringToObject(o, "id", id);
        cJSON_AddItemToObject(o, "date", S_date_obj(&first->date));
        cJSON_AddStringToObject(o, "text", first->text);
        cJSON_AddItemToObject(o, "entities", S_group_entities(tl, &g[i], m));
        cJSON *srcs = cJSON_AddArrayToObject(o, "sources");
        for (size_t k = 0; srcs && k < g[i].n; k++)
            cJSON_AddItemToArray(srcs, S_source_obj(&tl->src[m[g[i].first + k]]));
    }
    free(g);
    free(m);
    return S_print(root, pretty);
}
