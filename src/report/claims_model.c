/* claims_model.c — gathering the claims rows; see claims_model.h. */
#include "report/claims_model.h"

#include <string.h>

#include "report/json_view.h"
#include "report/kpi_view.h"
#include "report/report_internal.h"
#include "report/smart_report.h"
#include "store/claims.h"
#include "store/measure.h"

/* What every row of one model is drawn from. */
typedef struct {
    store_t *s;
    const view_t *v;
    const char *assessment;
    const kpi_model *kpis;        /* the review's KPIs in view */
    size_t nkpis;
    const link_check *checks;     /* the latest check of every URL (claims_load_rec: of the rec's) */
    size_t nchecks;
    int public_only;
    int have_ev;                  /* claims_load_rec: ev[0..nev) the rec's evidence, restricted included */
    const ent_t *ev;
    size_t nev;
    arena_t *a;
    err_t *e;
} row_ctx;

/* Evidence count and link health of one rec. */
static int evidence_of(const row_ctx *x, claim_row *r)
{
    ent_t *ev;
    size_t n = x->nev;
    if (x->have_ev) {   /* read by the caller: a copy, the public's part of it when asked */
        if (!(ev = arena_alloc(x->a, sizeof *ev * (n + 1)))) return err_nomem(x->e);
        if (n) memcpy(ev, x->ev, sizeof *ev * n);
        if (x->public_only && store_evidence_public(x->s, ev, &n, x->e)) return -1;
    } else if (store_rec_evidence(x->s, x->v, r->rec.id, x->public_only, x->a, &ev, &n, x->e))
        return -1;
    r->links = n;
    for (size_t i = 0; i < n; i++) {
        const link_check *c = link_check_find(x->checks, x->nchecks, ev[i].v[EV_URL]);
        if (!c) continue;
        if (strcmp(c->outcome, "ok") == 0 || strcmp(c->outcome, "moved") == 0) r->alive++;
        else if (strcmp(c->outcome, "dead") == 0) r->dead++;
    }
    return 0;
}

/* Fill one row (r->rec set; ms its milestones): everything core/claims.h
 * needs, then its evaluation. */
static int fill_row(const row_ctx *x, claim_row *r, const ent_t *ms, size_t nms)
{
    ent_t item, as;
    int found, target = 0;
    size_t off = 0;
    r->claimed = r->rec.v[REC_STATUS];
    for (size_t k = 0; k < x->nkpis; k++) {
        const char *kr = x->kpis[k].kpi.v[KPI_REC];   /* NULL: a KPI of the whole review */
        if (!kr || strcmp(kr, r->rec.id) != 0) continue;
        target |= kpi_fields_have_target(x->kpis[k].kpi.v);
        if (x->kpis[k].eval.status == KPI_OFF_TRACK) off++;
    }
    if (store_latest_verdict(x->s, x->v, r->rec.id, x->assessment, x->a, &item, &as, &found, x->e) ||
        store_claim_state(x->s, x->v, r->rec.id, x->a, &r->cs, x->e) || evidence_of(x, r))
        return -1;
    /* A sub-item not assessed on its own takes the verdict on its rec as a whole. */
    if (!found && r->rec.v[REC_PARENT] &&
        store_latest_verdict(x->s, x->v, r->rec.v[REC_PARENT], x->assessment, x->a, &item, &as, &found, x->e))
        return -1;
    if (found) {
        r->assessed = item.v[ITEM_IMPLEMENTED];
        r->assessment = as.id;
    }
    /* The SMART findings exactly as `lint` computes them. */
    int nsmart = smart_rec(&r->rec, ms, nms, target, r->smart);
    claim_input in = {r->claimed, r->assessed, r->links, r->alive, r->dead, r->cs.verification != NULL,
                      off, r->smart, nsmart};
    claim_evaluate(&in, &r->ev);
    return 0;
}

/* Append the row of rec (ms: its milestones) to m, and count it. */
static int add_row(const row_ctx *x, claims_model *m, const ent_t *rec, const ent_t *ms, size_t nms)
{
    claim_row *r = &m->rows[m->n];
    memset(r, 0, sizeof *r);
    r->rec = *rec;
    if (fill_row(x, r, ms, nms)) return -1;
    m->n++;
    for (int f = 0; f < CF_COUNT; f++) m->counts[f] += (r->ev.flags >> f) & 1u;
    m->divergent += (size_t)r->ev.divergent;
    return 0;
}

int claims_load(store_t *s, const view_t *v, const char *review, const char *assessment, const char *only_rec,
                int include_restricted, arena_t *a, claims_model *m, err_t *e)
{
    memset(m, 0, sizeof *m);
    ent_t rv;
    rec_table t;
    kpi_model *kpis;
    link_check *checks;
    size_t nkpis, nchecks;
    char end_of_day[TS_SIZE];
    if (ts_parse(v->as_of, 1, end_of_day)) return err_set(e, ERR_INPUT, "bad date %s", v->as_of);
    if (store_get(s, &kind_review, v, review, a, &rv, e)) return -1;
    if (assessment) {
        int has = store_exists(s, &kind_assessment, assessment, e);
        if (has < 0) return -1;
        if (!has) return err_set(e, ERR_NOTFOUND, "no such assessment: %s", assessment);
    }
    if ((only_rec ? report_load_one_rec(s, v, review, only_rec, include_restricted, a, &t, e)
                  : report_load_recs(s, v, review, include_restricted, a, &t, e)) ||
        (only_rec ? kpi_model_of_rec(s, v, review, only_rec, a, &kpis, &nkpis, e)
                  : kpi_model_list(s, v, review, a, &kpis, &nkpis, e)) ||
        store_link_latest(s, v->current ? NULL : end_of_day, 0, a, &checks, &nchecks, e))
        return -1;
    m->review = rv.id;
    m->assessment = assessment;
    memcpy(m->as_of, v->as_of, DATE_SIZE);
    if (!(m->rows = arena_alloc(a, sizeof *m->rows * (t.n + 1)))) return err_nomem(e);
    row_ctx x = {s, v, assessment, kpis, nkpis, checks, nchecks, !include_restricted, 0, NULL, 0, a, e};
    for (size_t i = 0; i < t.n; i++) {
        if (only_rec && strcmp(t.recs[i].id, only_rec) != 0) continue;
        if (add_row(&x, m, &t.recs[i], t.ms + t.first[i], t.count[i])) return -1;
    }
    if (only_rec && m->n == 0) return err_set(e, ERR_NOTFOUND, "no such rec in %s: %s", review, only_rec);
    return 0;
}

int claims_load_rec(store_t *s, const view_t *v, const ent_t *rec, const ent_t *ms, size_t nms,
                    const ent_t *ev, size_t nev, int include_restricted, const link_check *checks,
                    size_t nchecks, arena_t *a, claims_model *m, err_t *e)
{
    memset(m, 0, sizeof *m);
    ent_t rv;
    kpi_model *kpis;
    size_t nkpis;
    const char *review = rec->v[REC_REVIEW];
    if (store_get(s, &kind_review, v, review, a, &rv, e) ||
        kpi_model_of_rec(s, v, review, rec->id, a, &kpis, &nkpis, e))
        return -1;
    m->review = rv.id;
    memcpy(m->as_of, v->as_of, DATE_SIZE);
    if (!(m->rows = arena_alloc(a, sizeof *m->rows))) return err_nomem(e);
    row_ctx x = {s, v, NULL, kpis, nkpis, checks, nchecks, !include_restricted, 1, ev, nev, a, e};
    return add_row(&x, m, rec, ms, nms);
}

json_t *claim_row_json(const claim_row *r, int with_checklist)
{
    json_t *flags = json_array(), *list = with_checklist ? json_array() : NULL;
    json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:{s:I, s:I, s:I}, s:o, s:b, s:o}", "rec", r->rec.id,
                          "title", r->rec.v[REC_TITLE], "claimed", r->claimed, "assessed",
                          json_str_or_null(r->assessed), "assessment", json_str_or_null(r->assessment),
                          "evidence", "links", (json_int_t)r->links, "alive", (json_int_t)r->alive, "dead",
                          (json_int_t)r->dead, "verified", json_boolean(r->cs.verification != NULL),
                          "divergent", r->ev.divergent, "flags", flags ? json_incref(flags) : json_null());
    int bad = !o || !flags || (with_checklist && !list);
    for (int f = 0; !bad && f < CF_COUNT; f++)
        if ((r->ev.flags >> f) & 1u) bad = json_array_append_new(flags, json_string(claim_flag_name((claim_flag)f)));
    for (int i = 0; !bad && list && i < r->ev.nchecks; i++) {
        const claim_check *c = &r->ev.checks[i];
        bad = json_array_append_new(list, json_pack("{s:s, s:s, s:b, s:s}", "key", c->key, "label", c->label,
                                                    "done", !c->missing, "detail", c->detail));
    }
    if (!bad && list) bad = json_object_set_new(o, "checklist", json_incref(list));
    json_decref(flags);
    json_decref(list);
    if (bad) { json_decref(o); return NULL; }
    return o;
}

json_t *claims_json(const claims_model *m)
{
    json_t *counts = json_object(), *rows = json_array();
    int bad = !counts || !rows;
    for (int f = 0; !bad && f < CF_COUNT; f++)
        bad = json_object_set_new(counts, claim_flag_name((claim_flag)f), json_integer((json_int_t)m->counts[f]));
    if (!bad) bad = json_object_set_new(counts, "divergent", json_integer((json_int_t)m->divergent));
    for (size_t i = 0; !bad && i < m->n; i++) bad = json_array_append_new(rows, claim_row_json(&m->rows[i], 0));
    if (bad) { json_decref(counts); json_decref(rows); return NULL; }
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "report", "claims", "review", m->review, "as_of", m->as_of,
                     "assessment", json_str_or_null(m->assessment), "counts", counts, "rows", rows);
}
