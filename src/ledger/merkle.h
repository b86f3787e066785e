/* merkle.h — the Merkle tree of RFC 9162 §2.1 over the leaves of the log:
 * tree heads, inclusion and consistency proofs, and their verification.
 *
 *   leaf hash  = SHA-256(0x00 || entry)        (hash_leaf, ledger/hash.h)
 *   node hash  = SHA-256(0x01 || left || right)
 *   empty tree = SHA-256("")
 *
 * Leaves are numbered from 0 (the change with seq n is leaf n-1). A complete
 * subtree is named by (level, index): it covers the 2^level leaves from
 * index * 2^level on; its hash is the MTH of those leaves.
 *
 * Pure: the functions that build proofs read complete-subtree hashes through
 * a callback (merkle_source), so they run over the store's table of nodes or
 * over leaves held in memory alike. Nothing here allocates. */
#ifndef SSR_MERKLE_H
#define SSR_MERKLE_H

#include <stdint.h>

#include "ledger/hash.h"
#include "util/err.h"

/* A proof of a tree of at most 2^63 leaves holds at most this many hashes. */
#define MERKLE_MAX_PATH 128

typedef struct {
    int n;
    unsigned char hash[MERKLE_MAX_PATH][HASH_SIZE];
} merkle_path;

/* out = SHA-256(0x01 || left || right). */
void merkle_node(const unsigned char left[HASH_SIZE], const unsigned char right[HASH_SIZE],
                 unsigned char out[HASH_SIZE]);
/* out = SHA-256(""), the hash of the empty tree. */
void merkle_empty(unsigned char out[HASH_SIZE]);

/* --- building a tree leaf by leaf ---------------------------------------- */

/* The right edge of a tree: the roots of its complete subtrees, one for each
 * bit set in size (bit l: the subtree of 2^l leaves). Enough to append a leaf
 * and to compute the root; 2 KiB, no allocation. */
typedef struct {
    uint64_t size;
    unsigned char node[64][HASH_SIZE];
} merkle_frontier;

/* Called for each complete subtree a new leaf completes, lowest level first
 * (the leaf itself is level 0). A non-zero return stops the push and is
 * returned by merkle_push. */
typedef int (*merkle_emit_fn)(void *ctx, int level, uint64_t index,
                              const unsigned char hash[HASH_SIZE]);

void merkle_frontier_init(merkle_frontier *f);
/* Append one leaf hash; emit may be NULL. */
int merkle_push(merkle_frontier *f, const unsigned char leaf[HASH_SIZE], merkle_emit_fn emit,
                void *ctx);
/* The root of the tree of f->size leaves. */
void merkle_frontier_root(const merkle_frontier *f, unsigned char out[HASH_SIZE]);

/* --- proofs over a source of complete subtrees ---------------------------- */

/* Fill out with the hash of the complete subtree (level, index); 0, or -1
 * with e set. */
typedef int (*merkle_source_fn)(void *ctx, int level, uint64_t index,
                                unsigned char out[HASH_SIZE], err_t *e);
typedef struct {
    merkle_source_fn get;
    void *ctx;
} merkle_source;

/* MTH(D[lo:hi]) for a range a proof can name: lo a multiple of the largest
 * power of two below hi - lo (any range [0, n) is). ERR_INPUT otherwise. */
int merkle_range(const merkle_source *src, uint64_t lo, uint64_t hi,
                 unsigned char out[HASH_SIZE], err_t *e);
/* The root of the tree of the first size leaves. */
int merkle_root(const merkle_source *src, uint64_t size, unsigned char out[HASH_SIZE], err_t *e);

/* RFC 9162 §2.1.3.1: the inclusion path of leaf index in the tree of size
 * leaves, leaf to root. index < size, or ERR_INPUT. */
int merkle_inclusion(const merkle_source *src, uint64_t index, uint64_t size, merkle_path *out,
                     err_t *e);
/* RFC 9162 §2.1.4.1: the consistency proof from the tree of old_size leaves
 * to that of new_size leaves (old_size <= new_size; empty when old_size is 0
 * or equal to new_size). */
int merkle_consistency(const merkle_source *src, uint64_t old_size, uint64_t new_size,
                       merkle_path *out, err_t *e);

/* --- verification (RFC 9162 §2.1.3.2 and §2.1.4.2) ------------------------ */

/* 0 when path proves that leaf is leaf index of the tree of size leaves
 * with root root; -1 with ERR_INPUT and the reason otherwise. */
int merkle_verify_inclusion(uint64_t index, uint64_t size, const unsigned char leaf[HASH_SIZE],
                            const merkle_path *path, const unsigned char root[HASH_SIZE], err_t *e);
/* 0 when path proves that the tree of old_size leaves with root old_root is
 * a prefix of the tree of new_size leaves with root new_root. */
int merkle_verify_consistency(uint64_t old_size, uint64_t new_size,
                              const unsigned char old_root[HASH_SIZE],
                              const unsigned char new_root[HASH_SIZE], const merkle_path *path,
                              err_t *e);

/* The root computed from an inclusion path (RFC 9162 §2.1.3.2 steps 1-4);
 * 0, or -1 when the path has the wrong length for index and size. */
int merkle_root_from_inclusion(uint64_t index, uint64_t size, const unsigned char leaf[HASH_SIZE],
                               const merkle_path *path, unsigned char out[HASH_SIZE]);

#endif
