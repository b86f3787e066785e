/* tile.c — see tile.h. */
#include "ledger/tile.h"

#include <stdio.h>
#include <string.h>

int tile_path(const tile_id *t, char *out, size_t n)
{
    if (t->width < 1 || t->width > TILE_WIDTH || t->level < TILE_ENTRIES || t->level >= TILE_LEVELS) return -1;
    char idx[40];
    int groups = 1;
    for (uint64_t v = t->index; v >= 1000; v /= 1000) groups++;
    size_t p = 0;
    for (int g = groups - 1; g >= 0; g--) {
        uint64_t v = t->index;
        for (int i = 0; i < g; i++) v /= 1000;
        p += (size_t)snprintf(idx + p, sizeof idx - p, "%s%03u%s", g ? "x" : "", (unsigned)(v % 1000), g ? "/" : "");
    }
    char level[12];
    if (t->level == TILE_ENTRIES) snprintf(level, sizeof level, "entries");
    else snprintf(level, sizeof level, "%d", t->level);
    int len = t->width == TILE_WIDTH ? snprintf(out, n, "tile/%s/%s", level, idx)
                                     : snprintf(out, n, "tile/%s/%s.p/%d", level, idx, t->width);
    return len < 0 || (size_t)len >= n ? -1 : len;
}

/* A decimal number of 1 to max_digits digits without a leading zero (unless
 * it is "0"), ending at s + len or at stop. Returns the bytes read, 0 if none. */
static size_t decimal(const char *s, size_t len, int max_digits, long *out)
{
    size_t i = 0;
    long v = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9' && (int)i < max_digits) v = v * 10 + (s[i++] - '0');
    if (i == 0 || (i > 1 && s[0] == '0') || (i < len && s[i] >= '0' && s[i] <= '9')) return 0;
    *out = v;
    return i;
}

/* Parse the N of a tile path from s: groups "xDDD/" then "DDD". Returns the
 * bytes read, 0 when malformed. */
static size_t parse_index(const char *s, size_t len, uint64_t *out)
{
    size_t p = 0;
    uint64_t v = 0;
    for (int g = 0; g < 7; g++) {
        int more = p < len && s[p] == 'x';
        if (more) p++;
        if (len - p < 3) return 0;
        unsigned d = 0;
        for (int i = 0; i < 3; i++) {
            if (s[p + i] < '0' || s[p + i] > '9') return 0;
            d = d * 10 + (unsigned)(s[p + i] - '0');
        }
        p += 3;
        if (g == 0 && more && d == 0) return 0;            /* x000/…: not the shortest form */
        if (v > (UINT64_MAX - d) / 1000) return 0;
        v = v * 1000 + d;
        if (!more) { *out = v; return p; }
        if (p >= len || s[p] != '/') return 0;
        p++;
    }
    return 0;
}

int tile_parse(const char *path, size_t len, tile_id *out)
{
    tile_id t = {0, 0, TILE_WIDTH};
    if (len < 5 || memcmp(path, "tile/", 5) != 0) return -1;
    size_t p = 5;
    if (len - p >= 8 && memcmp(path + p, "entries/", 8) == 0) {
        t.level = TILE_ENTRIES;
        p += 8;
    } else {
        long l;
        size_t k = decimal(path + p, len - p, 2, &l);
        if (!k || l >= TILE_LEVELS || p + k >= len || path[p + k] != '/') return -1;
        t.level = (int)l;
        p += k + 1;
    }
    size_t k = parse_index(path + p, len - p, &t.index);
    if (!k) return -1;
    p += k;
    if (p < len) {
        long w;
        if (len - p < 4 || memcmp(path + p, ".p/", 3) != 0) return -1;
        p += 3;
        k = decimal(path + p, len - p, 3, &w);
        if (!k || w < 1 || w >= TILE_WIDTH) return -1;
        t.width = (int)w;
        p += k;
    }
    if (p != len) return -1;
    *out = t;
    return 0;
}

uint64_t tile_first_leaf(const tile_id *t, int k)
{
    int level = t->level == TILE_ENTRIES ? 0 : t->level;
    return (t->index * TILE_WIDTH + (uint64_t)k) << (TILE_HEIGHT * level);
}

int tile_in_tree(const tile_id *t, uint64_t size)
{
    int level = t->level == TILE_ENTRIES ? 0 : t->level;
    unsigned __int128 end = ((unsigned __int128)t->index * TILE_WIDTH + (unsigned)t->width)
                            << (TILE_HEIGHT * level);
    return end <= size;
}

void tile_builder_init(tile_builder *b, tile_emit_fn emit, void *ctx)
{
    memset(b->n, 0, sizeof b->n);
    memset(b->index, 0, sizeof b->index);
    merkle_frontier_init(&b->f);
    b->emit = emit;
    b->ctx = ctx;
    b->rc = 0;
}

/* merkle_push's callback: keep the subtrees at levels 0, 8, 16, …; emit a
 * tile when its 256th hash arrives. */
static int on_node(void *ctx, int level, uint64_t index, const unsigned char hash[HASH_SIZE])
{
    tile_builder *b = ctx;
    if (level % TILE_HEIGHT != 0) return 0;
    int l = level / TILE_HEIGHT;
    int k = (int)(index % TILE_WIDTH);
    b->index[l] = index / TILE_WIDTH;
    memcpy(b->hash[l][k], hash, HASH_SIZE);
    b->n[l] = k + 1;
    if (b->n[l] < TILE_WIDTH) return 0;
    b->n[l] = 0;
    tile_id t = {l, b->index[l], TILE_WIDTH};
    return b->emit(b->ctx, &t, (const unsigned char (*)[HASH_SIZE])b->hash[l]);
}

int tile_builder_push(tile_builder *b, const unsigned char leaf[HASH_SIZE])
{
    return merkle_push(&b->f, leaf, on_node, b);
}

int tile_builder_finish(tile_builder *b, unsigned char root[HASH_SIZE])
{
    for (int l = 0; l < TILE_LEVELS; l++) {
        if (!b->n[l]) continue;
        tile_id t = {l, b->index[l], b->n[l]};
        int rc = b->emit(b->ctx, &t, (const unsigned char (*)[HASH_SIZE])b->hash[l]);
        if (rc) return rc;
    }
    merkle_frontier_root(&b->f, root);
    return 0;
}

size_t tile_bundle(const unsigned char (*leaves)[HASH_SIZE], int w, unsigned char *out)
{
    size_t p = 0;
    for (int i = 0; i < w; i++) {
        out[p++] = 0;
        out[p++] = HASH_SIZE;
        memcpy(out + p, leaves[i], HASH_SIZE);
        p += HASH_SIZE;
    }
    return p;
}
