/* kpi_view.h — a KPI as the pages and commands show it: its fields, its
 * measurements in view (oldest first) and its status on the view's date
 * (core/kpi.h). The CLI's `kpi show`/`kpi list` and the dashboard's KPI
 * pages are made from these.
 *
 * Memory: everything is allocated in the caller's arena. JSON values are
 * new references the caller releases with json_decref. */
#ifndef SSR_KPI_VIEW_H
#define SSR_KPI_VIEW_H

#include <jansson.h>

#include "core/kpi.h"
#include "store/store.h"

typedef struct {
    ent_t kpi;
    ent_t *ms;             /* measurements in view, by date then id */
    kpi_point *points;     /* ms as numbers, same order */
    size_t nms;
    kpi_spec spec;
    kpi_eval eval;         /* on the view's as_of date */
} kpi_model;

/* One KPI as seen from v; ERR_NOTFOUND when it did not exist then. */
int kpi_model_load(store_t *s, const view_t *v, const char *id, arena_t *a, kpi_model *out,
                   err_t *e);

/* Every KPI in view (of the recs of review, when not NULL), in natural id
 * order. */
int kpi_model_list(store_t *s, const view_t *v, const char *review, arena_t *a, kpi_model **out,
                   size_t *n, err_t *e);

/* The KPIs in view of one rec, in natural id order, those naming another
 * review than review left out (as kpi_model_list does; review NULL: none
 * left out): what a rec's page needs, without reading every KPI and
 * measurement of the tracker. */
int kpi_model_of_rec(store_t *s, const view_t *v, const char *review, const char *rec, arena_t *a, kpi_model **out,
                     size_t *n, err_t *e);

/* {id, rec, name, unit, direction, baseline {value, date} | null,
 *  target {value, date} | null, frequency, as_of, status, why,
 *  latest {value, date} | null, progress, expected, next_due,
 *  measurements [{id, value, date, evidence, source}]} — values as numbers;
 * measurements left out when with_measurements is 0. */
json_t *kpi_model_json(const kpi_model *m, const view_t *v, int with_measurements);

#endif
