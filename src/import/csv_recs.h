/* csv_recs.h — recs from a CSV table (docs/import.md, "CSV"): a header row of
 * column names, then rows that each set the named fields of rec `id` on the
 * row's effective date. Rows apply in order of effective date (file order
 * among equals); a rec that does not exist is created by its first row. A
 * cell equal to the rec's value on that date adds nothing, so importing the
 * same file twice changes nothing the second time.
 *
 * All or nothing: every cell is checked before anything is written, and the
 * writes are one transaction; the first problem is ERR_INPUT (or the
 * store's code) as "NAME:LINE:COLUMN: problem". */
#ifndef SSR_CSV_RECS_H
#define SSR_CSV_RECS_H

#include "store/store.h"

typedef struct {
    const char *review;      /* for rows without a review cell */
    const char *effective;   /* for rows without an effective cell; NULL: today */
    const char *reason;      /* for rows without a reason cell */
    const char *actor;
} csv_options;

typedef struct { long rows, created, updated, changes; } csv_stats;

/* Import data[0..len) (name for messages) in one transaction of its own.
 * Memory: what is kept lives in the arena a. */
int csv_import_recs(store_t *s, const char *name, const char *data, size_t len, const csv_options *o,
                    arena_t *a, csv_stats *st, err_t *e);

#endif
