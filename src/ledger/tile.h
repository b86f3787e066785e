/* tile.h — C2SP tlog-tiles: the log's Merkle tree cut into tiles of height 8
 * that any static host can serve (docs/ledger.md "Tiles").
 *
 * A tile at level L holds up to 256 hashes of the tree's level 8·L: tile N of
 * level L holds the hashes of the complete subtrees of 256^L leaves with
 * indexes N·256 … N·256+W−1. A full tile holds 256 of them and never changes;
 * the rightmost tile of a level may be partial (width W < 256) and is
 * replaced as the log grows. An entry bundle (level "entries") follows the
 * level-0 tile of the same N.
 *
 * Pure: paths, their parsing, which tiles a tree size has, and a builder that
 * cuts a stream of leaf hashes into tiles. Nothing here allocates. */
#ifndef SSR_TILE_H
#define SSR_TILE_H

#include <stddef.h>
#include <stdint.h>

#include "ledger/merkle.h"

#define TILE_HEIGHT 8
#define TILE_WIDTH 256
/* Levels of hash tiles a tree of at most 2^63 leaves can have. */
#define TILE_LEVELS 8
/* The longest path tile_path writes, with its terminating NUL. */
#define TILE_PATH_MAX 64

typedef struct {
    int level;        /* 0 … TILE_LEVELS-1, or TILE_ENTRIES for an entry bundle */
    uint64_t index;   /* N */
    int width;        /* 1 … 256; 256 is a full tile */
} tile_id;

#define TILE_ENTRIES (-1)

/* Write "tile/<L>/<N>[.p/<W>]" (or "tile/entries/…") to out, with N in the
 * C2SP encoding: groups of three digits, all but the last prefixed "x"
 * (1234067 is x001/x234/067). Returns the length, or -1 when t is invalid. */
int tile_path(const tile_id *t, char *out, size_t n);

/* Parse a path of that form (exactly: no leading zeros in W, no group of
 * N beyond what its value needs, no trailing bytes). 0, or -1 when path is
 * not one. */
int tile_parse(const char *path, size_t len, tile_id *out);

/* 1 when a tree of size leaves has tile t (all of t's hashes are complete
 * subtrees of that tree), else 0. */
int tile_in_tree(const tile_id *t, uint64_t size);

/* The first leaf (0-based) that hash k of a level-L tile N covers, and the
 * level of the tree (8·L) that hash is at. */
uint64_t tile_first_leaf(const tile_id *t, int k);

/* Called with each tile the builder completes: full ones as they fill,
 * partial ones at tile_builder_finish. hashes holds t->width hashes (for
 * an entries tile: the leaf hashes of its bundle). Non-zero stops the push
 * and is returned. */
typedef int (*tile_emit_fn)(void *ctx, const tile_id *t, const unsigned char (*hashes)[HASH_SIZE]);

/* Cuts a stream of leaf hashes into hash tiles. About 66 KiB: allocate it. */
typedef struct {
    merkle_frontier f;
    int n[TILE_LEVELS];                                  /* hashes waiting in each level */
    uint64_t index[TILE_LEVELS];                         /* the tile they belong to */
    unsigned char hash[TILE_LEVELS][TILE_WIDTH][HASH_SIZE];
    tile_emit_fn emit;
    void *ctx;
    int rc;
} tile_builder;

void tile_builder_init(tile_builder *b, tile_emit_fn emit, void *ctx);
/* Append the next leaf hash; full tiles it completes are emitted. */
int tile_builder_push(tile_builder *b, const unsigned char leaf[HASH_SIZE]);
/* Emit the partial tiles of the tree so far (lowest level first) and give
 * its root. The builder may go on being pushed afterwards. */
int tile_builder_finish(tile_builder *b, unsigned char root[HASH_SIZE]);

/* An entry bundle: each entry as a 2-byte big-endian length, then its
 * bytes. Ours are the 32-byte leaf hashes (docs/ledger.md says why), so a
 * bundle of w entries is w·34 bytes. out must hold that many. */
size_t tile_bundle(const unsigned char (*leaves)[HASH_SIZE], int w, unsigned char *out);

#endif
