/* report_internal.h — what the report renderers share. */
#ifndef SSR_REPORT_INTERNAL_H
#define SSR_REPORT_INTERNAL_H

#include "report/report.h"

/* The review a report is about: o->review, else the first review (natural
 * order) with recs in view. */
int report_pick_review(store_t *s, const view_t *v, const char *given, arena_t *a, ent_t *out, err_t *e);

/* Recs of a review in view (restricted ones dropped unless asked for), with
 * their milestones: ms[first[i]] .. ms[first[i] + count[i] - 1]. */
typedef struct {
    ent_t *recs;
    size_t n;
    ent_t *ms;
    size_t *first, *count;
} rec_table;
int report_load_recs(store_t *s, const view_t *v, const char *review, int include_restricted,
                     arena_t *a, rec_table *t, err_t *e);
/* The same for one rec (id) alone: n is 0 when it is not in view on the
 * date, belongs to another review, or is restricted and not asked for.
 * Costs what one rec costs, whatever the size of the review. */
int report_load_one_rec(store_t *s, const view_t *v, const char *review, const char *id, int include_restricted,
                        arena_t *a, rec_table *t, err_t *e);

/* The SSR1 key mark of a canonical status name. */
const char *report_mark(const char *status);

int report_implementation(store_t *s, const report_opts *o, const view_t *v, arena_t *a, buf_t *out, err_t *e);
int report_assessment(store_t *s, const report_opts *o, const view_t *v, arena_t *a, buf_t *out, err_t *e);
int report_quarterly(store_t *s, const report_opts *o, const view_t *v, arena_t *a, buf_t *out, err_t *e);
int report_board(store_t *s, const report_opts *o, const view_t *v, arena_t *a, buf_t *out, err_t *e);
int report_smart(store_t *s, const report_opts *o, const view_t *v, arena_t *a, buf_t *out, err_t *e);
int report_claims(store_t *s, const report_opts *o, const view_t *v, arena_t *a, buf_t *out, err_t *e);

#endif
