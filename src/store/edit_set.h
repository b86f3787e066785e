/* edit_set.h — the edits seen in one run of equal recorded_at along the
 * log (all its rows are together, since recorded_at never decreases along
 * seq): an open-addressing set of 96-bit hashes of "entity, id, effective
 * date, reported date", shared by the documentation lag's pass over the
 * log (measure.c) and the counts kept at each write (lag_counts.c).
 *
 * Memory: the set owns its slots; edit_set_free releases them. */
#ifndef SSR_STORE_EDIT_SET_H
#define SSR_STORE_EDIT_SET_H

#include <stddef.h>
#include <stdint.h>

/* A slot belongs to the set while its gen is the run's; a new run only
 * bumps gen. */
typedef struct {
    uint64_t h1;
    uint32_t h2, gen;
} edit_slot;

typedef struct {
    edit_slot *slot;
    size_t cap, used;
    uint32_t gen;
} edit_set;

#define EDIT_SET_INIT {NULL, 0, 0, 1}

/* The edit of one log row, col = entity, id, effective date, recorded_at,
 * reported date: a row whose recorded_at differs from run (the caller's
 * copy of the current run's, runsz bytes) begins a new run. 1 when the
 * edit is first seen in its run, 0 when seen, -1 out of memory. */
int edit_set_row(edit_set *set, char *run, size_t runsz, const char *const col[5]);
void edit_set_free(edit_set *set);

#endif
