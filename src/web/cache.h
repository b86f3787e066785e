/* cache.h — the server's response cache: whole answers to anonymous GETs,
 * kept under their request target within a budget of bytes and of entries
 * (the least recently used go first), each for one day.
 *
 * Each entry says what it depends on: one rec (a rec's page shows that rec
 * and, through store/changed_recs.h, the recs it shows by relation count as
 * changes of it), or anything (lists, home, feeds, reports, the ledger). A
 * write then drops only the entries it can change: rcache_invalidate with
 * the recs it touched drops theirs and every entry of the second sort.
 *
 * An answer made while a write was being noticed must not outlive it: the
 * caller reads rcache_epoch before it starts reading the database, and
 * rcache_put keeps the answer only when no invalidation since then concerned
 * its key.
 *
 * Thread-safe (one mutex). Values are the caller's objects; the cache owns
 * each from rcache_put on and gives it back to `release` when it drops it. */
#ifndef SSR_WEB_CACHE_H
#define SSR_WEB_CACHE_H

#include <stddef.h>

typedef struct rcache rcache;

typedef struct {
    size_t entries, bytes;
    unsigned long long hits, misses, evicted, dropped;   /* dropped: by invalidation */
} rcache_stats;

/* A new empty cache; NULL when memory ran out. */
rcache *rcache_new(size_t max_bytes, size_t max_entries, void (*release)(void *value));
/* Release every value and the cache. */
void rcache_free(rcache *c);

/* The count of invalidations so far, for rcache_put's `born`. */
unsigned long long rcache_epoch(rcache *c);

/* When key is kept for day: call use(value, arg) with the cache locked (so
 * the value lives through the call), count a hit, make it the most recently
 * used, and return 1. Else count a miss and return 0. */
int rcache_use(rcache *c, const char *key, const char *day, void (*use)(void *value, void *arg), void *arg);

/* Keep value (bytes long) under key for day, replacing what key held; rec:
 * the one rec the answer depends on, NULL for anything. Released at once
 * instead when an invalidation since born concerned it, when memory runs
 * out, or when it alone would take over a quarter of the budget. */
void rcache_put(rcache *c, const char *key, const char *rec, const char *day, void *value, size_t bytes,
                unsigned long long born);

/* With all: drop every entry. Else drop the entries that depend on anything
 * and those of the n recs. Either way a new epoch begins. */
void rcache_invalidate(rcache *c, int all, const char *const *recs, size_t n);

void rcache_stats_get(rcache *c, rcache_stats *out);

#endif
