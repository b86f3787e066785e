/* changed_recs.h — what a stretch of the log changed, as the server's
 * response cache needs it: the recs whose pages the changes may alter, or
 * "everything" when they may alter any page; and the marks of what public
 * pages show beside the log (link checks, signed checkpoints).
 *
 * Memory: ids are allocated in the caller's arena and live as long as it. */
#ifndef SSR_STORE_CHANGED_RECS_H
#define SSR_STORE_CHANGED_RECS_H

#include "store/store.h"

/* Beyond this many changes in one stretch, changed_recs answers "all"
 * without reading them: a large import changes most pages anyway. */
#define CHANGED_RECS_MAX 5000

/* Where the inputs of public pages stand: the log's head, and the newest
 * row of link_checks and of checkpoints (neither is in the log). */
typedef struct {
    long long head, link_check, checkpoint;
} page_inputs;

/* Read the marks now (each statement sees the newest commit). 0, or -1 with
 * e set. */
int store_page_inputs(store_t *s, page_inputs *out, err_t *e);

/* The recs whose pages the changes after seq `after` up to seq `upto` may
 * change: for each changed thing the rec it belongs to (a milestone's, a
 * link's two, an item's, a sign-off's item's, a KPI's, a measurement's
 * KPI's, a verification's, the target of evidence and comments), and for a
 * changed rec also its parent and its sub-items, whose pages show it. *all
 * is set instead (and *n 0) when the stretch may change any page: a review,
 * an assessment, a source document, a kind this function does not know, a
 * `restricted` flag (visibility cascades), or more than CHANGED_RECS_MAX
 * changes. Changes of users and tokens touch no rec's page. Each id is
 * listed once. 0, or -1 with e set. */
int store_changed_recs(store_t *s, long long after, long long upto, arena_t *a, const char ***ids, size_t *n,
                       int *all, err_t *e);

#endif
