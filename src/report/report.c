/* report.c — report kinds, formats, and what every report needs: the review
 * it is about and its recs with their milestones. */
#include "report/report_internal.h"

#include <stdio.h>
#include <string.h>

#include "core/status.h"
#include "report/xlsx.h"
#include "util/map.h"

const char *const report_kinds[] = {"implementation", "assessment", "quarterly", "smart", "board", "claims", NULL};

int report_format_parse(const char *s, report_format *f)
{
    static const char *const names[] = {"md", "html", "csv", "json", "xlsx"};
    for (int i = 0; i < 5; i++)
        if (strcmp(s, names[i]) == 0) { *f = (report_format)i; return 0; }
    return -1;
}

const char *report_media_type(report_format f)
{
    switch (f) {
    case RF_MD: return "text/markdown; charset=utf-8";
    case RF_HTML: return "text/html; charset=utf-8";
    case RF_CSV: return "text/csv; charset=utf-8";
    case RF_XLSX: return XLSX_MEDIA_TYPE;
    default: return "application/json; charset=utf-8";
    }
}

const char *report_mark(const char *status)
{
    int st = status_parse(status);
    return status_ssr1_mark(st < 0 ? ST_NOT_STARTED : (status_t)st);
}

int report_pick_review(store_t *s, const view_t *v, const char *given, arena_t *a, ent_t *out, err_t *e)
{
    if (given) return store_get(s, &kind_review, v, given, a, out, e);
    ent_t *reviews;
    size_t n;
    if (store_list(s, &kind_review, v, -1, NULL, a, &reviews, &n, e)) return -1;
    for (size_t i = 0; i < n; i++) {
        ent_t *recs;
        size_t nr;
        if (store_list(s, &kind_rec, v, REC_REVIEW, reviews[i].id, a, &recs, &nr, e)) return -1;
        if (nr) { *out = reviews[i]; return 0; }
    }
    return err_set(e, ERR_NOTFOUND, "no review with recs on %s (give --review)", v->as_of);
}

int report_load_recs(store_t *s, const view_t *v, const char *review, int include_restricted,
                     arena_t *a, rec_table *t, err_t *e)
{
    ent_t *recs, *ms;
    size_t n, nms;
    store_vis *vis = NULL;
    if (store_list(s, &kind_rec, v, REC_REVIEW, review, a, &recs, &n, e) ||
        store_list(s, &kind_milestone, v, -1, NULL, a, &ms, &nms, e) ||
        (!include_restricted && !(vis = store_vis_new(s, e))))
        return -1;
    /* The public rule of the ledger: restricted things and what belongs to them. */
    size_t kept = 0, kept_ms = 0;
    for (size_t i = 0; i < n; i++)
        if (!vis || store_vis_hidden(vis, &kind_rec, recs[i].id) == 0) recs[kept++] = recs[i];
    for (size_t i = 0; i < nms; i++)
        if (!vis || store_vis_hidden(vis, &kind_milestone, ms[i].id) == 0) ms[kept_ms++] = ms[i];
    store_vis_free(vis);
    n = kept;
    nms = kept_ms;
    t->recs = recs;
    t->n = n;
    t->first = arena_alloc(a, sizeof(size_t) * (n + 1));
    t->count = arena_alloc(a, sizeof(size_t) * (n + 1));
    t->ms = arena_alloc(a, sizeof(ent_t) * (nms + 1));
    map_t *idx = map_new();
    if (!t->first || !t->count || !t->ms || !idx) { map_free(idx); return err_nomem(e); }
    for (size_t i = 0; i < n; i++)
        if (map_put(idx, recs[i].id, &t->count[i])) { map_free(idx); return err_nomem(e); }
    for (size_t i = 0; i < nms; i++) {
        size_t *c = map_get(idx, ms[i].v[MS_REC]);
        if (c) (*c)++;
    }
    size_t at = 0;
    for (size_t i = 0; i < n; i++) { t->first[i] = at; at += t->count[i]; t->count[i] = 0; }
    for (size_t i = 0; i < nms; i++) {
        size_t *c = map_get(idx, ms[i].v[MS_REC]);
        if (!c) continue;
        size_t r = (size_t)(c - t->count);
        t->ms[t->first[r] + t->count[r]++] = ms[i];
    }
    map_free(idx);
    return 0;
}

int report_load_one_rec(store_t *s, const view_t *v, const char *review, const char *id, int include_restricted,
                        arena_t *a, rec_table *t, err_t *e)
{
    memset(t, 0, sizeof *t);
    ent_t *rec = arena_alloc(a, sizeof *rec), *ms = NULL;
    size_t nms = 0;
    t->first = arena_alloc(a, sizeof(size_t));
    t->count = arena_alloc(a, sizeof(size_t));
    if (!rec || !t->first || !t->count) return err_nomem(e);
    t->recs = rec;
    t->ms = rec;   /* no milestones: any non-NULL pointer */
    t->first[0] = t->count[0] = 0;
    if (store_get(s, &kind_rec, v, id, a, rec, e)) {
        if (e->code != ERR_NOTFOUND) return -1;
        *e = (err_t){ERR_NONE, ""};
        return 0;   /* not in view on this date: no rows */
    }
    if (!rec->v[REC_REVIEW] || strcmp(rec->v[REC_REVIEW], review) != 0) return 0;
    store_vis *vis = NULL;
    if (!include_restricted && !(vis = store_vis_new(s, e))) return -1;
    int rc = -1, hidden = vis ? store_vis_hidden(vis, &kind_rec, id) : 0;
    if (hidden < 0) goto done;
    if (hidden) { rc = 0; goto done; }
    if (store_list(s, &kind_milestone, v, MS_REC, id, a, &ms, &nms, e)) goto done;
    size_t kept = 0;
    for (size_t i = 0; i < nms; i++) {
        int h = vis ? store_vis_hidden(vis, &kind_milestone, ms[i].id) : 0;
        if (h < 0) goto done;
        if (!h) ms[kept++] = ms[i];
    }
    if (kept) t->ms = ms;
    t->count[0] = kept;
    t->n = 1;
    rc = 0;
done:
    store_vis_free(vis);
    return rc;
}

/* The report's CSV as a workbook: a report whose rows have a review column
 * (smart, over every review) gets one sheet per review, named by its id;
 * the others, about one review, one sheet named for the review and kind. */
static int render_xlsx(store_t *s, const char *kind, const report_opts *o, arena_t *a, buf_t *out, err_t *e)
{
    report_opts csv = *o;
    csv.format = RF_CSV;
    buf_t b = BUF_INIT;
    int rc = report_render(s, kind, &csv, a, &b, e);
    if (rc == 0 && !buf_ok(&b)) rc = err_nomem(e);
    const char *review = o->review;
    view_t v;
    ent_t rv;
    if (rc == 0 && !review && strcmp(kind, "smart") != 0 && store_view(s, o->as_of, NULL, &v, e) == 0 &&
        report_pick_review(s, &v, NULL, a, &rv, e) == 0)
        review = rv.id;
    char sheet[80];
    snprintf(sheet, sizeof sheet, "%s%s%s", review ? review : "", review ? " " : "", kind);
    if (rc == 0) rc = xlsx_from_csv(b.data ? b.data : "", b.len, sheet, "review", out, e);
    buf_free(&b);
    return rc;
}

int report_render(store_t *s, const char *kind, const report_opts *o, arena_t *a, buf_t *out,
                  err_t *e)
{
    view_t v;
    if (o->format == RF_XLSX) return render_xlsx(s, kind, o, a, out, e);
    if (store_view(s, o->as_of, NULL, &v, e)) return -1;
    if (strcmp(kind, "implementation") == 0) return report_implementation(s, o, &v, a, out, e);
    if (strcmp(kind, "assessment") == 0) return report_assessment(s, o, &v, a, out, e);
    if (strcmp(kind, "quarterly") == 0) return report_quarterly(s, o, &v, a, out, e);
    if (strcmp(kind, "smart") == 0) return report_smart(s, o, &v, a, out, e);
    if (strcmp(kind, "board") == 0) return report_board(s, o, &v, a, out, e);
    if (strcmp(kind, "claims") == 0) return report_claims(s, o, &v, a, out, e);
    return err_set(e, ERR_INPUT,
                   "unknown report '%.40s' (one of: implementation, assessment, quarterly, smart, board, claims)", kind);
}
