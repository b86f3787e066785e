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

/* The hash of parts[0..n), each with its NUL as separator. */
void edit_set_hash(const char *const *parts, int n, uint64_t *h1, uint32_t *h2);
/* 1 when new (now added), 0 when seen in this run, -1 out of memory. */
int edit_set_add(edit_set *set, uint64_t h1, uint32_t h2);
/* Forget the run's edits: a new recorded_at begins. */
void edit_set_next_run(edit_set *set);
void edit_set_free(edit_set *set);

#endif
