/* indicators.h — the built-in indicators of one review on one date,
 * computed from the tracker's own data (docs/measures.md): how many recs are
 * complete, how many milestones are overdue, how late the documentation is,
 * how many recs have a KPI with a target, how many evidence links are alive.
 * The `indicators` command and the dashboard show these.
 *
 * Counts come from the store (views as of a date); the arithmetic is
 * core/indicator.h. A share is -1 when there is nothing to divide by. */
#ifndef SSR_INDICATORS_H
#define SSR_INDICATORS_H

#include <jansson.h>

#include "store/store.h"

typedef struct {
    const char *review;
    char as_of[DATE_SIZE];
    long recs, recs_complete;            /* recs counted as report/glance.h counts them (sub-items
                                            in place of their rec, rejected ones left out);
                                            complete: status complete or ongoing */
    double share_complete;
    long milestones, milestones_overdue; /* overdue: due before as_of, not complete or ongoing */
    long lag_edits;                      /* edits whose lag was measured */
    long lag_median, lag_p90;            /* days; -1 without edits */
    long recs_kpi_target;                /* recs with a KPI that has a target */
    double share_kpi_target;
    long links, links_checked, links_alive;   /* evidence entries; alive: ok or moved */
    double share_alive;                  /* of the checked ones */
} indicators_t;

/* The indicators of review (which must exist) as of v->as_of. v must not be
 * a --known-at view. With public_only, over what the public may see: things
 * hidden by the rule of core/visibility.h (restricted recs, milestones,
 * KPIs, evidence, and what belongs to them) count nowhere, so a public
 * figure never tells how many restricted things there are. */
int indicators_compute(store_t *s, const view_t *v, const char *review, int public_only, arena_t *a,
                       indicators_t *out, err_t *e);

/* The indicators as a JSON object; shares and medians null when undefined. */
json_t *indicators_json(const indicators_t *in);

#endif
