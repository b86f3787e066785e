/* smart_report.h — the SMART findings of recs as stored: the data the check
 * needs (owner, topic, due dates, milestones, KPIs) gathered for each rec. */
#ifndef SSR_SMART_REPORT_H
#define SSR_SMART_REPORT_H

#include "core/smart.h"
#include "store/store.h"

typedef struct {
    ent_t rec;
    smart_finding f[SMART_MAX_FINDINGS];
    int n;
} smart_row;

typedef struct {
    smart_row *rows;
    size_t n;
    size_t findings;
    size_t by_rule[5];        /* S, M, A, R, T */
} smart_rows;

/* Findings of one rec given its milestones. */
int smart_rec(const ent_t *rec, const ent_t *ms, size_t nms, int has_kpi_target, smart_finding *out);

/* Findings of every rec (of review, or of all reviews; only one rec when
 * `only` is set: ERR_NOTFOUND if it does not exist), in natural order. */
int smart_all(store_t *s, const view_t *v, const char *review, const char *only, int include_restricted,
              arena_t *a, smart_rows *out, err_t *e);

#endif
