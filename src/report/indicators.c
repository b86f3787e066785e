/* indicators.c — see indicators.h. */
#include "report/indicators.h"

#include <string.h>

#include "core/board.h"
#include "core/indicator.h"
#include "core/kpi.h"
#include "core/status.h"
#include "store/measure.h"
#include "util/map.h"

static int is_done(const char *status)
{
    int st = status_parse(status ? status : "");
    return st == ST_COMPLETE || st == ST_ONGOING;
}

/* The rec an evidence entry is about, through its target; NULL when the
 * target is not of this review. */
static const char *evidence_rec(const ent_t *ev, map_t *recs, map_t *ms_rec)
{
    const char *kind = ev->v[EV_TARGET_KIND], *t = ev->v[EV_TARGET];
    if (strcmp(kind, "rec") == 0) return map_has(recs, t) ? t : NULL;
    if (strcmp(kind, "milestone") == 0) return map_get(ms_rec, t);
    if (strcmp(kind, "item") == 0) {
        const char *slash = strchr(t, '/');
        return slash && map_has(recs, slash + 1) ? slash + 1 : NULL;
    }
    return NULL;
}

/* Drop from list[0..*n) the things the public may not see; 0 or -1. */
static int keep_public(store_vis *vis, const kind_def *k, ent_t *list, size_t *n)
{
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        int hidden = store_vis_hidden(vis, k, list[i].id);
        if (hidden < 0) return -1;
        if (!hidden) list[kept++] = list[i];
    }
    *n = kept;
    return 0;
}

/* Load the things of the indicators; with public_only, the visible ones. */
static int load_lists(store_t *s, const view_t *v, const char *review, int public_only, arena_t *a, ent_t **recs,
                      size_t *nrecs, ent_t **ms, size_t *nms, ent_t **kpis, size_t *nkpis, ent_t **evs, size_t *nevs,
                      err_t *e)
{
    if (store_list(s, &kind_rec, v, REC_REVIEW, review, a, recs, nrecs, e) ||
        store_list(s, &kind_milestone, v, -1, NULL, a, ms, nms, e) ||
        store_list(s, &kind_kpi, v, -1, NULL, a, kpis, nkpis, e) ||
        store_list(s, &kind_evidence, v, -1, NULL, a, evs, nevs, e))
        return -1;
    if (!public_only) return 0;
    store_vis *vis = store_vis_new(s, e);
    if (!vis) return -1;
    int rc = keep_public(vis, &kind_rec, *recs, nrecs) || keep_public(vis, &kind_milestone, *ms, nms) ||
             keep_public(vis, &kind_kpi, *kpis, nkpis) || keep_public(vis, &kind_evidence, *evs, nevs) ? -1 : 0;
    store_vis_free(vis);
    return rc;
}

int indicators_compute(store_t *s, const view_t *v, const char *review, int public_only, arena_t *a,
                       indicators_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    out->review = review;
    memcpy(out->as_of, v->as_of, DATE_SIZE);
    ent_t *recs, *ms, *kpis, *evs;
    size_t nrecs, nms, nkpis, nevs, nlags, nedits, nchecks;
    ind_count *lags;
    link_check *checks;
    char end_of_day[TS_SIZE];
    if (ts_parse(v->as_of, 1, end_of_day))
        return err_set(e, ERR_INPUT, "indicators: bad date %s", v->as_of);
    if (load_lists(s, v, review, public_only, a, &recs, &nrecs, &ms, &nms, &kpis, &nkpis, &evs, &nevs, e) ||
        store_doc_lags(s, review, v->as_of, public_only, a, &lags, &nlags, &nedits, e) ||
        store_link_latest(s, end_of_day, 0, a, &checks, &nchecks, e))
        return -1;

    map_t *in_review = map_new(), *ms_rec = map_new(), *with_target = map_new(), *parents = map_new();
    int rc = -1;
    if (!in_review || !ms_rec || !with_target || !parents) { err_nomem(e); goto done; }
    for (size_t i = 0; i < nrecs; i++) {
        if (map_put(in_review, recs[i].id, (void *)recs[i].id)) { err_nomem(e); goto done; }
        const char *p = recs[i].v[REC_PARENT];
        if (p && map_put(parents, p, (void *)p)) { err_nomem(e); goto done; }
    }
    for (size_t i = 0; i < nms; i++) {
        const char *rec = ms[i].v[MS_REC];
        if (!map_has(in_review, rec)) continue;
        if (map_put(ms_rec, ms[i].id, (void *)rec)) { err_nomem(e); goto done; }
        out->milestones++;
        const char *due = ms[i].v[MS_DUE];
        if (due && strcmp(due, v->as_of) < 0 && !is_done(ms[i].v[MS_STATUS])) out->milestones_overdue++;
    }
    for (size_t i = 0; i < nkpis; i++) {
        const char *rec = kpis[i].v[KPI_REC];
        if (rec && map_has(in_review, rec) && kpi_fields_have_target(kpis[i].v) &&
            map_put(with_target, rec, (void *)rec)) { err_nomem(e); goto done; }
    }
    /* The recs that count, as the dashboard counts them (report/glance.h):
     * sub-items in place of their rec, those the Board rejected left out;
     * a KPI of a rec with sub-items serves each of them. */
    for (size_t i = 0; i < nrecs; i++) {
        const char *st = recs[i].v[REC_STATUS], *bd = recs[i].v[REC_BOARD], *p = recs[i].v[REC_PARENT];
        if (map_has(parents, recs[i].id) || (bd && board_parse(bd) == 1u << BD_REJECTED)) continue;
        out->recs++;
        if (is_done(st)) out->recs_complete++;
        if (map_has(with_target, recs[i].id) || (p && map_has(with_target, p))) out->recs_kpi_target++;
    }
    for (size_t i = 0; i < nevs; i++) {
        if (!evidence_rec(&evs[i], in_review, ms_rec)) continue;
        out->links++;
        const link_check *c = link_check_find(checks, nchecks, evs[i].v[EV_URL]);
        if (!c) continue;
        out->links_checked++;
        if (strcmp(c->outcome, "ok") == 0 || strcmp(c->outcome, "moved") == 0) out->links_alive++;
    }
    out->lag_edits = (long)nedits;
    out->lag_median = ind_percentile_counts(lags, nlags, 50);
    out->lag_p90 = ind_percentile_counts(lags, nlags, 90);
    out->share_complete = ind_share(out->recs_complete, out->recs);
    out->share_kpi_target = ind_share(out->recs_kpi_target, out->recs);
    out->share_alive = ind_share(out->links_alive, out->links_checked);
    rc = 0;
done:
    map_free(in_review);
    map_free(ms_rec);
    map_free(with_target);
    map_free(parents);
    return rc;
}

static json_t *share(double d) { return d < 0 ? json_null() : json_real(d); }
static json_t *days(long d) { return d < 0 ? json_null() : json_integer(d); }

json_t *indicators_json(const indicators_t *in)
{
    return json_pack("{s:s, s:s,"
                     " s:{s:I, s:I, s:o},"
                     " s:{s:I, s:I},"
                     " s:{s:I, s:o, s:o},"
                     " s:{s:I, s:I, s:o},"
                     " s:{s:I, s:I, s:I, s:o}}",
                     "review", in->review, "as_of", in->as_of,
                     "recs_complete", "recs", (json_int_t)in->recs, "complete", (json_int_t)in->recs_complete,
                     "share", share(in->share_complete),
                     "milestones_overdue", "milestones", (json_int_t)in->milestones,
                     "overdue", (json_int_t)in->milestones_overdue,
                     "documentation_lag_days", "edits", (json_int_t)in->lag_edits,
                     "median", days(in->lag_median), "p90", days(in->lag_p90),
                     "recs_with_kpi_target", "recs", (json_int_t)in->recs,
                     "with_target", (json_int_t)in->recs_kpi_target, "share", share(in->share_kpi_target),
                     "evidence_links_alive", "links", (json_int_t)in->links,
                     "checked", (json_int_t)in->links_checked, "alive", (json_int_t)in->links_alive,
                     "share", share(in->share_alive));
}
