/* cache.c — see cache.h. A chained hash table of entries, threaded on one
 * list in order of use (head: most recent), and a map from rec to the epoch
 * of the last invalidation that named it, for rcache_put's check. */
#include "web/cache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "util/date.h"
#include "util/map.h"

/* Past this many recs named since the last "drop all", the map of them is
 * folded into one "drop all" epoch, so it stays small. */
#define NAMED_MAX 100000

typedef struct entry {
    struct entry *chain;          /* next in the bucket */
    struct entry *newer, *older;  /* the list in order of use */
    char *key, *rec;              /* rec NULL: depends on anything */
    char day[DATE_SIZE];
    void *value;
    size_t bytes;
} entry;

struct rcache {
    pthread_mutex_t lock;
    entry **buckets;
    size_t nbuckets;              /* a power of two */
    entry *newest, *oldest;
    size_t count, bytes, max_bytes, max_entries;
    void (*release)(void *value);
    unsigned long long epoch, all_at;   /* all_at: the epoch of the last "drop all" */
    map_t *named;                 /* rec -> (uintptr_t) the epoch of the last invalidation naming it */
    rcache_stats st;
};

static size_t hash_of(const char *s)
{
    size_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

rcache *rcache_new(size_t max_bytes, size_t max_entries, void (*release)(void *value))
{
    rcache *c = mem_calloc(1, sizeof *c);
    if (!c) return NULL;
    c->nbuckets = 64;
    while (c->nbuckets < 2 * max_entries) c->nbuckets *= 2;
    c->buckets = mem_calloc(c->nbuckets, sizeof *c->buckets);
    c->named = map_new();
    if (!c->buckets || !c->named) {
        mem_free(c->buckets);
        map_free(c->named);
        mem_free(c);
        return NULL;
    }
    pthread_mutex_init(&c->lock, NULL);
    c->max_bytes = max_bytes;
    c->max_entries = max_entries;
    c->release = release;
    return c;
}

static entry **slot_of(rcache *c, const char *key)
{
    entry **p = &c->buckets[hash_of(key) & (c->nbuckets - 1)];
    while (*p && strcmp((*p)->key, key) != 0) p = &(*p)->chain;
    return p;
}

static void unlink_use(rcache *c, entry *x)
{
    if (x->newer) x->newer->older = x->older;
    else c->newest = x->older;
    if (x->older) x->older->newer = x->newer;
    else c->oldest = x->newer;
    x->newer = x->older = NULL;
}

static void link_newest(rcache *c, entry *x)
{
    x->older = c->newest;
    x->newer = NULL;
    if (c->newest) c->newest->newer = x;
    c->newest = x;
    if (!c->oldest) c->oldest = x;
}

/* Take x out of the table and the list, and release it. */
static void drop(rcache *c, entry *x)
{
    entry **p = slot_of(c, x->key);
    if (*p == x) *p = x->chain;
    unlink_use(c, x);
    c->count--;
    c->bytes -= x->bytes;
    c->release(x->value);
    mem_free(x->key);
    mem_free(x->rec);
    mem_free(x);
}

void rcache_free(rcache *c)
{
    if (!c) return;
    while (c->oldest) drop(c, c->oldest);
    map_free(c->named);
    mem_free(c->buckets);
    pthread_mutex_destroy(&c->lock);
    mem_free(c);
}

unsigned long long rcache_epoch(rcache *c)
{
    pthread_mutex_lock(&c->lock);
    unsigned long long e = c->epoch;
    pthread_mutex_unlock(&c->lock);
    return e;
}

int rcache_use(rcache *c, const char *key, const char *day, void (*use)(void *value, void *arg), void *arg)
{
    pthread_mutex_lock(&c->lock);
    entry *x = *slot_of(c, key);
    int hit = x && strcmp(x->day, day) == 0;
    if (hit) {
        use(x->value, arg);
        unlink_use(c, x);
        link_newest(c, x);
        c->st.hits++;
    } else {
        c->st.misses++;
    }
    pthread_mutex_unlock(&c->lock);
    return hit;
}

/* Whether an answer for rec (NULL: anything), begun at epoch born, missed
 * an invalidation that concerned it. */
static int outdated(const rcache *c, const char *rec, unsigned long long born)
{
    if (born == c->epoch) return 0;
    if (!rec || c->all_at > born) return 1;
    return (uintptr_t)map_get(c->named, rec) > born;
}

void rcache_put(rcache *c, const char *key, const char *rec, const char *day, void *value, size_t bytes,
                unsigned long long born)
{
    entry *x = mem_calloc(1, sizeof *x);
    if (x) {
        x->key = mem_strdup(key);
        x->rec = rec ? mem_strdup(rec) : NULL;
        snprintf(x->day, sizeof x->day, "%s", day);
        x->value = value;
        x->bytes = bytes;
    }
    pthread_mutex_lock(&c->lock);
    if (!x || !x->key || (rec && !x->rec) || bytes > c->max_bytes / 4 || outdated(c, rec, born)) {
        pthread_mutex_unlock(&c->lock);
        c->release(value);
        if (x) { mem_free(x->key); mem_free(x->rec); mem_free(x); }
        return;
    }
    entry *old = *slot_of(c, key);
    if (old) drop(c, old);
    while (c->oldest && (c->count >= c->max_entries || c->bytes + bytes > c->max_bytes)) {
        drop(c, c->oldest);
        c->st.evicted++;
    }
    entry **p = slot_of(c, key);
    *p = x;
    link_newest(c, x);
    c->count++;
    c->bytes += bytes;
    pthread_mutex_unlock(&c->lock);
}

void rcache_invalidate(rcache *c, int all, const char *const *recs, size_t n)
{
    pthread_mutex_lock(&c->lock);
    c->epoch++;
    for (size_t i = 0; !all && i < n; i++)
        if (map_put(c->named, recs[i], (void *)(uintptr_t)c->epoch)) all = 1;
    if (all || map_count(c->named) > NAMED_MAX) {
        map_clear(c->named);
        c->all_at = c->epoch;
        all = 1;
    }
    for (entry *x = c->oldest, *next; x; x = next) {
        next = x->newer;
        if (all || !x->rec || (uintptr_t)map_get(c->named, x->rec) == c->epoch) {
            drop(c, x);
            c->st.dropped++;
        }
    }
    pthread_mutex_unlock(&c->lock);
}

void rcache_stats_get(rcache *c, rcache_stats *out)
{
    pthread_mutex_lock(&c->lock);
    *out = c->st;
    out->entries = c->count;
    out->bytes = c->bytes;
    pthread_mutex_unlock(&c->lock);
}
