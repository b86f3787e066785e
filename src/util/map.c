/* map.c — open addressing (linear probing) over an insertion-ordered array. */
#include "util/map.h"

#include <stdint.h>
#include <string.h>

#include "util/alloc.h"

typedef struct { char *key; void *value; uint64_t hash; } entry;

struct map {
    entry *entries;      /* in insertion order */
    size_t count, cap;
    uint32_t *slots;     /* index+1 into entries; 0 = empty */
    size_t nslots;       /* power of two */
};

/* The key's hash: eight bytes at a time (FNV-1a's step over 64-bit words,
 * then a final mix so the low bits, which pick the slot, depend on every
 * byte). Keys can be long (the SQL text of a kept statement is hashed at
 * each use), so a byte at a time cost more than the lookup it served. */
static uint64_t key_hash(const char *s)
{
    size_t n = strlen(s);
    uint64_t h = 1469598103934665603ULL ^ n, w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 1099511628211ULL;
    }
    for (; n; s++, n--) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

map_t *map_new(void) { return mem_calloc(1, sizeof(map_t)); }

void map_clear(map_t *m)
{
    for (size_t i = 0; i < m->count; i++) mem_free(m->entries[i].key);
    m->count = 0;
    if (m->slots) memset(m->slots, 0, m->nslots * sizeof *m->slots);
}

void map_free(map_t *m)
{
    if (!m) return;
    map_clear(m);
    mem_free(m->entries);
    mem_free(m->slots);
    mem_free(m);
}

static long find(const map_t *m, const char *key, uint64_t h)
{
    if (!m->nslots) return -1;
    for (size_t i = h & (m->nslots - 1);; i = (i + 1) & (m->nslots - 1)) {
        uint32_t s = m->slots[i];
        if (!s) return -1;
        const entry *en = &m->entries[s - 1];
        if (en->hash == h && strcmp(en->key, key) == 0) return (long)(s - 1);
    }
}

static int rehash(map_t *m, size_t nslots)
{
    uint32_t *slots = mem_calloc(nslots, sizeof *slots);
    if (!slots) return -1;
    for (size_t e = 0; e < m->count; e++) {
        size_t i = m->entries[e].hash & (nslots - 1);
        while (slots[i]) i = (i + 1) & (nslots - 1);
        slots[i] = (uint32_t)(e + 1);
    }
    mem_free(m->slots);
    m->slots = slots;
    m->nslots = nslots;
    return 0;
}

int map_put(map_t *m, const char *key, void *value)
{
    uint64_t h = key_hash(key);
    long at = find(m, key, h);
    if (at >= 0) { m->entries[at].value = value; return 0; }
    if ((m->count + 1) * 2 > m->nslots && rehash(m, m->nslots ? m->nslots * 2 : 16) != 0)
        return -1;
    if (m->count == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 8;
        entry *en = mem_realloc(m->entries, cap * sizeof *en);
        if (!en) return -1;
        m->entries = en;
        m->cap = cap;
    }
    char *k = mem_strdup(key);
    if (!k) return -1;
    m->entries[m->count] = (entry){k, value, h};
    size_t i = h & (m->nslots - 1);
    while (m->slots[i]) i = (i + 1) & (m->nslots - 1);
    m->slots[i] = (uint32_t)(++m->count);
    return 0;
}

void *map_get(const map_t *m, const char *key)
{
    long at = find(m, key, key_hash(key));
    return at >= 0 ? m->entries[at].value : NULL;
}

int map_has(const map_t *m, const char *key) { return find(m, key, key_hash(key)) >= 0; }
size_t map_count(const map_t *m) { return m->count; }
const char *map_key(const map_t *m, size_t i) { return i < m->count ? m->entries[i].key : NULL; }
void *map_value(const map_t *m, size_t i) { return i < m->count ? m->entries[i].value : NULL; }
