/* api.c — the read side of the JSON API, /api/v1: reviews, recs (list,
 * detail, history), assessments, KPIs, changes since a seq, reports. Every
 * read takes ?as_of=DATE; restricted things are left out unless the token's
 * user may see them. Errors are {"error": {"code", "message"}}. The paths
 * are described in data/openapi.json, served at /api/v1/openapi.json. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "report/assessment_model.h"
#include "report/json_view.h"
#include "report/report.h"
#include "web/handlers.h"
#include "web/page_kpis.h"
#include "web/recent.h"
#include "web/recs_filter.h"

#define CHANGES_MAX 1000

static int fail(web_req *w) { return web_error_from(w, &w->err); }

/* GET /api/v1 — the API's entry points, as JSON. Parameters: none.
 * Role: anyone. */
int api_index(web_req *w, char **args)
{
    (void)args;
    return web_json(w, 200, json_pack("{s:s, s:s, s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s}}", "name", "ssr-tracker API",
                                      "version", "v1", "links", "openapi", "/api/v1/openapi.json", "reviews",
                                      "/api/v1/reviews", "recs", "/api/v1/recs", "assessments",
                                      "/api/v1/assessments", "changes", "/api/v1/changes", "kpis",
                                      "/api/v1/kpis", "reports", "/api/v1/reports/{kind}"));
}

/* GET /api/v1/openapi.json — the OpenAPI description. Parameters: none.
 * Role: anyone. */
int api_openapi(web_req *w, char **args)
{
    (void)args;
    for (const embedded_file *f = embedded_files; f->name; f++)
        if (strcmp(f->name, "data/openapi.json") == 0) {
            w->res->content_type = "application/json; charset=utf-8";
            buf_append(&w->res->body, f->data, f->size);
            return 200;
        }
    return web_error(w, 404, "not_found", "no description in this build");
}

/* GET /api/v1/reviews — every review. Parameters: as_of. Role: anyone. */
int api_reviews(web_req *w, char **args)
{
    (void)args;
    ent_t *rv;
    size_t n;
    if (store_list(w->db, &kind_review, &w->view, -1, NULL, w->a, &rv, &n, &w->err)) return fail(w);
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) json_array_append_new(arr, json_entity(&kind_review, &rv[i]));
    return web_json(w, 200, json_pack("{s:s, s:o}", "as_of", w->view.as_of, "reviews", arr ? arr : json_null()));
}

/* GET /api/v1/reviews/ID — one review and its recs. Parameters: as_of.
 * Role: anyone; restricted recs only with credentials. */
int api_review(web_req *w, char **args)
{
    ent_t rv;
    if (store_get(w->db, &kind_review, &w->view, args[0], w->a, &rv, &w->err)) return fail(w);
    json_t *j = json_entity(&kind_review, &rv);
    if (j) json_object_set_new(j, "as_of", json_string(w->view.as_of));
    return web_json(w, 200, j);
}

/* The visible milestones of one rec. */
static size_t rec_milestones(const visibility *vis, const char *rec, ent_t *all, size_t n, ent_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i].v[MS_REC], rec) == 0 && !vis_is_hidden(vis, "milestone", all[i].id)) out[k++] = all[i];
    return k;
}

/* GET /api/v1/recs — the recs, filtered as GET /recs. Parameters: review,
 * topic, owner, status, q, overdue, as_of. Role: anyone; restricted recs
 * only with credentials. */
int api_recs(web_req *w, char **args)
{
    (void)args;
    visibility vis;
    recs_filter f;
    ent_t *recs, *ms;
    size_t n, nms;
    if (vis_load(w, &vis) || recs_filter_parse(w, &f) || recs_filter_apply(w, &vis, &f, &recs, &n) ||
        store_list(w->db, &kind_milestone, &w->view, -1, NULL, w->a, &ms, &nms, &w->err)) {
        vis_free(&vis);
        return fail(w);
    }
    ent_t *mine = arena_alloc(w->a, sizeof(ent_t) * (nms + 1));
    json_t *arr = json_array();
    for (size_t i = 0; arr && mine && i < n; i++) {
        size_t k = rec_milestones(&vis, recs[i].id, ms, nms, mine);
        json_array_append_new(arr, json_rec(&recs[i], mine, k, &w->view));
    }
    vis_free(&vis);
    if (!mine) { json_decref(arr); return web_error(w, 500, "no_memory", "out of memory"); }
    return web_json(w, 200, json_pack("{s:s, s:I, s:o}", "as_of", w->view.as_of, "count", (json_int_t)n,
                                      "recs", arr ? arr : json_null()));
}

/* GET /api/v1/recs/ID — one rec with its milestones. Parameters: as_of.
 * Role: anyone; a restricted rec only with credentials. */
int api_rec(web_req *w, char **args)
{
    visibility vis;
    ent_t r, *ms, *kids;
    size_t nms, nkids;
    if (vis_load(w, &vis)) return fail(w);
    if (vis_rec_hidden(&vis, args[0])) { vis_free(&vis); return web_error(w, 404, "not_found", "no such rec"); }
    if (store_get(w->db, &kind_rec, &w->view, args[0], w->a, &r, &w->err) ||
        store_list(w->db, &kind_milestone, &w->view, MS_REC, args[0], w->a, &ms, &nms, &w->err) ||
        store_list(w->db, &kind_rec, &w->view, REC_PARENT, args[0], w->a, &kids, &nkids, &w->err)) {
        vis_free(&vis);
        return fail(w);
    }
    ent_t *mine = arena_alloc(w->a, sizeof(ent_t) * (nms + 1));
    size_t k = mine ? rec_milestones(&vis, r.id, ms, nms, mine) : 0;
    json_t *j = json_rec(&r, mine, k, &w->view), *children = json_array();
    for (size_t i = 0; children && i < nkids; i++)
        if (!vis_rec_hidden(&vis, kids[i].id)) json_array_append_new(children, json_string(kids[i].id));
    vis_free(&vis);
    if (j) json_object_set_new(j, "children", children ? children : json_null());
    else json_decref(children);
    return web_json(w, 200, j);
}

/* GET /api/v1/recs/ID/history — every change of a rec, oldest first.
 * Parameters: as_of. Role: anyone; a restricted rec only with credentials. */
int api_rec_history(web_req *w, char **args)
{
    visibility vis;
    change_t *ch;
    size_t n;
    if (vis_load(w, &vis)) return fail(w);
    int ok = !vis_rec_hidden(&vis, args[0]) && store_exists(w->db, &kind_rec, args[0], &w->err) == 1;
    if (!ok) { vis_free(&vis); return web_error(w, 404, "not_found", "no such rec"); }
    if (store_history(w->db, &kind_rec, args[0], w->a, &ch, &n, &w->err)) { vis_free(&vis); return fail(w); }
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (!change_hidden(&vis, &ch[i]) && store_change_in_view(&ch[i], &w->view))
            json_array_append_new(arr, json_change(&ch[i]));
    vis_free(&vis);
    return web_json(w, 200, json_pack("{s:s, s:s, s:o}", "rec", args[0], "as_of", w->view.as_of,
                                      "changes", arr ? arr : json_null()));
}

/* GET /api/v1/assessments — every assessment. Parameters: as_of.
 * Role: anyone. */
int api_assessments(web_req *w, char **args)
{
    (void)args;
    ent_t *as;
    size_t n;
    if (store_list(w->db, &kind_assessment, &w->view, -1, NULL, w->a, &as, &n, &w->err)) return fail(w);
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) json_array_append_new(arr, json_entity(&kind_assessment, &as[i]));
    return web_json(w, 200, json_pack("{s:s, s:o}", "as_of", w->view.as_of, "assessments", arr ? arr : json_null()));
}

/* GET /api/v1/assessments/ID — one assessment with its items, counts and
 * sign-offs. Parameters: as_of. Role: anyone; restricted recs only with
 * credentials. */
int api_assessment(web_req *w, char **args)
{
    asm_model m;
    if (asm_load(w->db, &w->view, args[0], NULL, !can_see_restricted(w), w->a, &m, &w->err)) return fail(w);
    return web_json(w, 200, asm_json(&m, &w->view));
}

/* GET /api/v1/changes — the change log. Parameters: since (a seq), limit.
 * Role: anyone; restricted changes only with credentials. */
int api_changes(web_req *w, char **args)
{
    (void)args;
    const char *since_s = http_param(w->req, "since"), *limit_s = http_param(w->req, "limit");
    long long since = 0, limit = 100;
    if (since_s && http_count(since_s, &since)) return web_error(w, 400, "invalid", "since must be a change number");
    if (limit_s && (http_count(limit_s, &limit) || limit < 1 || limit > CHANGES_MAX))
        return web_error(w, 400, "invalid", "limit must be between 1 and 1000");
    visibility vis;
    change_t *ch;
    size_t n;
    if (vis_load(w, &vis) ||
        store_changes(w->db, since, 0, w->as_of ? w->view.as_of : NULL, (int)limit, 1, w->a, &ch, &n, &w->err)) {
        vis_free(&vis);
        return fail(w);
    }
    json_t *arr = json_array();
    long long last = since;
    for (size_t i = 0; arr && i < n; i++) {
        last = ch[i].seq;
        if (change_hidden(&vis, &ch[i])) {
            /* The seq is public (the ledger counts it); the content is not. */
            json_array_append_new(arr, json_pack("{s:I, s:b}", "seq", (json_int_t)ch[i].seq, "restricted", 1));
            continue;
        }
        json_array_append_new(arr, json_change(&ch[i]));
    }
    vis_free(&vis);
    return web_json(w, 200, json_pack("{s:I, s:I, s:o}", "since", (json_int_t)since, "next_since", (json_int_t)last,
                                      "changes", arr ? arr : json_null()));
}

/* GET /api/v1/kpis — every KPI with its status. Parameters: review, as_of.
 * Role: anyone. */
int api_kpis(web_req *w, char **args)
{
    (void)args;
    visibility vis;
    kpi_model *all;
    size_t n;
    int rc = vis_load(w, &vis) || visible_kpis(w, &vis, http_param(w->req, "review"), &all, &n);
    vis_free(&vis);
    if (rc) return fail(w);
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) json_array_append_new(arr, kpi_model_json(&all[i], &w->view, 0));
    return web_json(w, 200, json_pack("{s:s, s:o}", "as_of", w->view.as_of, "kpis", arr ? arr : json_null()));
}

/* GET /api/v1/kpis/ID — one KPI with its measurements. Parameters: as_of.
 * Role: anyone. */
int api_kpi(web_req *w, char **args)
{
    visibility vis;
    kpi_model m;
    if (vis_load(w, &vis)) return fail(w);
    int hidden = vis_is_hidden(&vis, "kpi", args[0]);
    vis_free(&vis);
    if (hidden) return web_error(w, 404, "not_found", "no such KPI");
    if (kpi_model_load(w->db, &w->view, args[0], w->a, &m, &w->err)) return fail(w);
    return web_json(w, 200, kpi_model_json(&m, &w->view, 1));
}

/* GET /api/v1/reports/KIND — a report as JSON (or format=csv, md, html).
 * Parameters: format, review, assessment, from, to, as_of. Role: anyone;
 * restricted items only with credentials. */
int api_report(web_req *w, char **args)
{
    report_opts o = {http_param(w->req, "review"), http_param(w->req, "assessment"), w->as_of,
                     http_param(w->req, "from"), http_param(w->req, "to"), RF_JSON, can_see_restricted(w)};
    const char *fmt = http_param(w->req, "format");
    if (fmt && report_format_parse(fmt, &o.format))
        return web_error(w, 400, "invalid", "format must be json, md, csv, html or xlsx");
    if (strcmp(args[0], "evidence") == 0) return evidence_report_respond(w, fmt ? fmt : "json", o.format);
    if (report_render(w->db, args[0], &o, w->a, &w->res->body, &w->err)) {
        buf_reset(&w->res->body);
        return fail(w);
    }
    w->res->content_type = report_media_type(o.format);
    return 200;
}
