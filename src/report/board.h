/* board.h — the Board's decisions as a timeline (docs/reports.md, "board").
 *
 * A review's timeline has one round per date on which some rec's disposition
 * changed, with the running counts of each disposition after that date (a
 * rec holding two dispositions counts in both, as ICANN's tables do) and the
 * recs that changed. A rec counts from the first date its board field was
 * set; a value cleared later reads as the default, pending. Changes
 * effective the same day apply in log order: the last one stands.
 *
 * Memory: results live in the caller's arena. */
#ifndef SSR_REPORT_BOARD_H
#define SSR_REPORT_BOARD_H

#include "core/board.h"
#include "store/store.h"

typedef struct {
    char date[DATE_SIZE];
    size_t count[BD_COUNT];     /* running counts after this date */
    const char **changed;       /* ids of the recs that changed, natural order */
    size_t nchanged;
} board_round;

/* The rounds of review's recs up to as_of (NULL: all), restricted recs left
 * out unless include_restricted. */
int board_timeline(store_t *s, const char *review, const char *as_of, int include_restricted,
                   arena_t *a, board_round **out, size_t *n, err_t *e);

typedef struct {
    const char *date;           /* effective date */
    const char *value;          /* canonical disposition */
    const char *reason;         /* of the change that set it ("" when none) */
} board_step;

/* One rec's decisions up to as_of (NULL: all): one step per date on which its
 * disposition changed, oldest first. */
int board_of_rec(store_t *s, const char *rec, const char *as_of, arena_t *a, board_step **out,
                 size_t *n, err_t *e);

#endif
