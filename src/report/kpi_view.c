/* kpi_view.c — see kpi_view.h. */
#include "report/kpi_view.h"

#include <stdlib.h>
#include <string.h>

#include "core/id.h"
#include "report/group.h"
#include "report/json_view.h"
#include "util/map.h"

static int cmp_measurement(const void *a, const void *b)
{
    const ent_t *x = a, *y = b;
    int c = strcmp(x->since, y->since);
    return c ? c : id_natural_cmp(x->id, y->id);
}

/* Fill m from its kpi and its measurements (ms[0..n), which m keeps). */
static int build(kpi_model *m, const ent_t *kpi, ent_t *ms, size_t n, const view_t *v,
                 arena_t *a, err_t *e)
{
    m->kpi = *kpi;
    m->ms = ms;
    m->nms = n;
    if (n > 1) qsort(ms, n, sizeof *ms, cmp_measurement);
    m->points = arena_alloc(a, sizeof *m->points * (n ? n : 1));
    if (!m->points) return err_nomem(e);
    for (size_t i = 0; i < n; i++) {
        m->points[i].date = ms[i].since;
        if (kpi_number(ms[i].v[MEAS_VALUE], &m->points[i].value))
            return err_set(e, ERR_IO, "measurement %s: stored value '%.40s' is not a number", ms[i].id,
                           ms[i].v[MEAS_VALUE]);
    }
    if (kpi_spec_from_fields(kpi->v, &m->spec, e)) return err_prefix(e, "KPI %s", kpi->id);
    kpi_evaluate(&m->spec, m->points, n, v->as_of, &m->eval);
    return 0;
}

int kpi_model_load(store_t *s, const view_t *v, const char *id, arena_t *a, kpi_model *out,
                   err_t *e)
{
    ent_t kpi, *ms;
    size_t n;
    if (store_get(s, &kind_kpi, v, id, a, &kpi, e) ||
        store_list(s, &kind_measurement, v, MEAS_KPI, id, a, &ms, &n, e))
        return -1;
    return build(out, &kpi, ms, n, v, a, e);
}

int kpi_model_list(store_t *s, const view_t *v, const char *review, arena_t *a, kpi_model **out,
                   size_t *n, err_t *e)
{
    ent_t *kpis, *ms, *recs = NULL;
    size_t nk, nms, nrecs = 0;
    if (store_list(s, &kind_kpi, v, -1, NULL, a, &kpis, &nk, e) ||
        store_list(s, &kind_measurement, v, -1, NULL, a, &ms, &nms, e) ||
        (review && store_list(s, &kind_rec, v, REC_REVIEW, review, a, &recs, &nrecs, e)))
        return -1;
    map_t *in_review = map_new();
    kpi_model *models = arena_alloc(a, sizeof(kpi_model) * (nk + 1));
    ent_groups g;
    int rc = -1;
    if (!in_review || !models) { err_nomem(e); goto done; }
    for (size_t i = 0; i < nrecs; i++)
        if (map_put(in_review, recs[i].id, &recs[i])) { err_nomem(e); goto done; }
    if (ent_group(kpis, nk, ms, nms, MEAS_KPI, a, &g, e)) goto done;
    *n = 0;
    for (size_t i = 0; i < nk; i++) {
        const char *of_review = kpis[i].v[KPI_REVIEW];
        if (review && !(of_review ? strcmp(of_review, review) == 0 : map_has(in_review, kpis[i].v[KPI_REC])))
            continue;
        if (build(&models[*n], &kpis[i], g.items + g.first[i], g.count[i], v, a, e)) goto done;
        (*n)++;
    }
    *out = models;
    rc = 0;
done:
    map_free(in_review);
    return rc;
}

int kpi_model_of_rec(store_t *s, const view_t *v, const char *review, const char *rec, arena_t *a, kpi_model **out,
                     size_t *n, err_t *e)
{
    ent_t *kpis;
    size_t nk;
    if (store_list(s, &kind_kpi, v, KPI_REC, rec, a, &kpis, &nk, e)) return -1;
    kpi_model *models = arena_alloc(a, sizeof(kpi_model) * (nk + 1));
    if (!models) return err_nomem(e);
    *n = 0;
    for (size_t i = 0; i < nk; i++) {
        ent_t *ms;
        size_t nms;
        const char *of_review = kpis[i].v[KPI_REVIEW];
        if (review && of_review && strcmp(of_review, review) != 0) continue;
        if (store_list(s, &kind_measurement, v, MEAS_KPI, kpis[i].id, a, &ms, &nms, e) ||
            build(&models[*n], &kpis[i], ms, nms, v, a, e))
            return -1;
        (*n)++;
    }
    *out = models;
    return 0;
}

/* {value, date} or null. */
static json_t *point(const char *value, const char *date)
{
    if (!value) return json_null();
    double d = 0;
    kpi_number(value, &d);
    return json_pack("{s:f, s:o}", "value", d, "date", json_str_or_null(date));
}

json_t *kpi_model_json(const kpi_model *m, const view_t *v, int with_measurements)
{
    const char *const *f = m->kpi.v;
    const kpi_eval *ev = &m->eval;
    json_t *o = json_pack("{s:s, s:o, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:s}",
                          "id", m->kpi.id, "rec", json_str_or_null(f[KPI_REC]),
                          "review", json_str_or_null(f[KPI_REVIEW]), "name", f[KPI_NAME],
                          "unit", f[KPI_UNIT], "direction", f[KPI_DIRECTION],
                          "baseline", point(f[KPI_BASELINE], f[KPI_BASELINE_DATE]),
                          "target", point(f[KPI_TARGET], f[KPI_TARGET_DATE]),
                          "frequency", json_str_or_null(f[KPI_FREQUENCY]),
                          "as_of", v->as_of, "status", kpi_status_name(ev->status), "why", ev->why);
    if (!o) return NULL;
    int bad = json_object_set_new(o, "latest", ev->has_latest
                                  ? json_pack("{s:f, s:s}", "value", ev->latest.value, "date", ev->latest.date)
                                  : json_null()) ||
              json_object_set_new(o, "progress", ev->has_progress ? json_real(ev->progress) : json_null()) ||
              json_object_set_new(o, "expected", ev->has_expected ? json_real(ev->expected) : json_null()) ||
              json_object_set_new(o, "next_due", json_str_or_null(ev->next_due[0] ? ev->next_due : NULL));
    if (!bad && with_measurements) {
        json_t *arr = json_array();
        bad = !arr || json_object_set_new(o, "measurements", arr);
        for (size_t i = 0; i < m->nms && !bad; i++) {
            const ent_t *x = &m->ms[i];
            bad = json_array_append_new(arr, json_pack("{s:s, s:f, s:s, s:o, s:o}", "id", x->id,
                                        "value", m->points[i].value, "date", x->since,
                                        "evidence", json_str_or_null(x->v[MEAS_EVIDENCE]),
                                        "source", json_str_or_null(x->v[MEAS_SOURCE])));
        }
    }
    if (bad) { json_decref(o); return NULL; }
    return o;
}
