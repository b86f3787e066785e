/* glance.h — one review at a glance: the few numbers that matter on a day,
 * for the home page and /api/v1/reviews/ID/glance, so both show the same.
 *
 * What counts: every recommendation once, or, where it has sub-items, each of
 * its sub-items instead (SSR1-6 counts as 6A and 6B; SSR2's group 1 as 1.1).
 * Those the Board rejected are counted apart: they are not to be implemented,
 * so the status counts are of the others. Done: complete or ongoing.
 * Overdue: not done, and the rec's due date or one of its milestones' (or its
 * parent's) is past. At risk: not done, not overdue, and such a date falls
 * within the next 90 days, or one of its KPIs is at risk or off track.
 * The latest assessment of the review gives its verdicts beside the claims
 * (the status now) of the recs it assessed, which are the ones it names.
 *
 * Memory: everything lives in the caller's arena. */
#ifndef SSR_GLANCE_H
#define SSR_GLANCE_H

#include <jansson.h>

#include "core/status.h"
#include "store/store.h"

#define GLANCE_RISK_DAYS 90
#define GLANCE_MAX_STEPS 8
#define GLANCE_MAX_BOARD 8

typedef struct {
    size_t status[ST_COUNT];   /* counted recs not rejected, by status */
    size_t rejected;           /* counted recs the Board rejected */
    size_t total;              /* every counted rec */
} glance_counts;

/* The verdict scale of an assessment's `implemented`; GV_NONE: not stated. */
enum { GV_FULL, GV_PARTIAL, GV_NOT, GV_UNKNOWN, GV_NONE, GV_COUNT };

typedef struct {
    char date[DATE_SIZE];
    glance_counts c;
} glance_step;

typedef struct {
    const char *code;          /* the Board's disposition as stored */
    size_t n;
} glance_board;

typedef struct {
    const char *review;
    char as_of[DATE_SIZE];
    char prev[DATE_SIZE];      /* the end of the quarter before as_of's */
    size_t top;                /* top-level recs */
    size_t split;              /* top-level recs counted by their sub-items */
    glance_counts now, before; /* on as_of, and on prev */
    size_t overdue, at_risk;
    long worst_late;           /* days the most overdue date is past; -1: none overdue */
    const char *worst_rec;     /* the rec it belongs to */
    glance_board board[GLANCE_MAX_BOARD];
    size_t nboard;
    /* Counts at the quarter ends where they changed, oldest first, the first
     * quarter and as_of always among them; at most GLANCE_MAX_STEPS (the
     * latest ones). more: how many earlier changes were left out. */
    glance_step steps[GLANCE_MAX_STEPS];
    size_t nsteps, more;
    /* The latest assessment of this review (by its as-of date); id NULL when
     * there is none. */
    struct {
        const char *id, *by, *as_of, *title;
        size_t items;              /* recs it assessed */
        size_t verdict[GV_COUNT];  /* its `implemented` answers */
        size_t claim[ST_COUNT];    /* the assessed recs' status on as_of */
        size_t divergent;          /* claimed done, assessed partly or not implemented */
    } assess;
} glance_t;

/* Done by the glance's rule: complete or ongoing. */
int glance_done(status_t s);
/* The three headline figures of counts: done, under way (in progress or
 * planning), not started (not started or deferred). */
size_t glance_done_n(const glance_counts *c);
size_t glance_underway_n(const glance_counts *c);
size_t glance_notstarted_n(const glance_counts *c);

/* The review's glance in view v (not a --known-at view), restricted things
 * left out unless include_restricted. ERR_NOTFOUND for an unknown review. */
int glance_load(store_t *s, const view_t *v, const char *review, int include_restricted, arena_t *a, glance_t *g,
                err_t *e);

/* {review, as_of, counted {rule, top_level, split, total}, now COUNTS,
 *  previous {as_of, counts COUNTS}, overdue, worst_late_days, worst_rec,
 *  at_risk, board {code: n}, steps [{date, counts COUNTS}], earlier_changes,
 *  assessment {id, by, as_of, title, items, implemented {full, partial, not,
 *  unknown, none}, claims {status: n}, divergent} | null}, where COUNTS is
 *  {status {code: n}, rejected, total, done, underway, not_started}.
 *  A new reference (data/openapi.json, "Glance"). */
json_t *glance_json(const glance_t *g);

#endif
