/* merkle.c — RFC 9162 §2.1 tree hashes, proofs and their verification; see
 * merkle.h. The proof builders follow the RFC's recursive definitions
 * top-down and reverse the collected hashes, so the path runs leaf to root. */
#include "ledger/merkle.h"

#include <sodium.h>
#include <string.h>

#include "ledger/sha256.h"

void merkle_node(const unsigned char left[HASH_SIZE], const unsigned char right[HASH_SIZE],
                 unsigned char out[HASH_SIZE])
{
    unsigned char in[1 + 2 * HASH_SIZE];
    in[0] = 0x01;
    memcpy(in + 1, left, HASH_SIZE);
    memcpy(in + 1 + HASH_SIZE, right, HASH_SIZE);
    sha256(in, sizeof in, out);
}

void merkle_empty(unsigned char out[HASH_SIZE])
{
    sha256("", 0, out);
}

/* The largest power of two below n (n >= 2). */
static uint64_t split_point(uint64_t n)
{
    return (uint64_t)1 << (63 - __builtin_clzll(n - 1));
}

static int is_pow2(uint64_t n) { return n && !(n & (n - 1)); }

/* --- building ------------------------------------------------------------ */

void merkle_frontier_init(merkle_frontier *f)
{
    f->size = 0;
}

int merkle_push(merkle_frontier *f, const unsigned char leaf[HASH_SIZE], merkle_emit_fn emit,
                void *ctx)
{
    /* Work on a copy of the right edge, so that f is unchanged when emit fails. */
    unsigned char h[HASH_SIZE];
    memcpy(h, leaf, HASH_SIZE);
    uint64_t index = f->size;
    int level = 0;
    if (emit) {
        int rc = emit(ctx, 0, index, h);
        if (rc) return rc;
    }
    while (level < 63 && ((f->size >> level) & 1)) {
        merkle_node(f->node[level], h, h);
        level++;
        if (emit) {
            int rc = emit(ctx, level, index >> level, h);
            if (rc) return rc;
        }
    }
    memcpy(f->node[level], h, HASH_SIZE);
    f->size++;
    return 0;
}

void merkle_frontier_root(const merkle_frontier *f, unsigned char out[HASH_SIZE])
{
    if (f->size == 0) { merkle_empty(out); return; }
    int l = __builtin_ctzll(f->size);
    memcpy(out, f->node[l], HASH_SIZE);
    for (l++; l < 64; l++)
        if ((f->size >> l) & 1) merkle_node(f->node[l], out, out);
}

/* --- proofs -------------------------------------------------------------- */

int merkle_range(const merkle_source *src, uint64_t lo, uint64_t hi,
                 unsigned char out[HASH_SIZE], err_t *e)
{
    if (hi == lo && lo == 0) { merkle_empty(out); return 0; }
    if (hi <= lo) return err_set(e, ERR_INPUT, "tree range [%llu, %llu) is empty",
                                 (unsigned long long)lo, (unsigned long long)hi);
    uint64_t n = hi - lo;
    uint64_t top = is_pow2(n) ? n : split_point(n);
    if (lo % top != 0)
        return err_set(e, ERR_INPUT, "tree range [%llu, %llu) is not a subtree of a proof",
                       (unsigned long long)lo, (unsigned long long)hi);
    /* The range is a run of complete subtrees, largest first (the bits of
     * n); the hash folds them from the right. */
    unsigned char piece[64][HASH_SIZE];
    int np = 0;
    uint64_t at = lo;
    for (int b = 63; b >= 0; b--) {
        if (!((n >> b) & 1)) continue;
        if (src->get(src->ctx, b, at >> b, piece[np], e)) return -1;
        np++;
        at += (uint64_t)1 << b;
    }
    memcpy(out, piece[np - 1], HASH_SIZE);
    for (int i = np - 2; i >= 0; i--) merkle_node(piece[i], out, out);
    return 0;
}

int merkle_root(const merkle_source *src, uint64_t size, unsigned char out[HASH_SIZE], err_t *e)
{
    return merkle_range(src, 0, size, out, e);
}

static void reverse(merkle_path *p)
{
    unsigned char t[HASH_SIZE];
    for (int i = 0, j = p->n - 1; i < j; i++, j--) {
        memcpy(t, p->hash[i], HASH_SIZE);
        memcpy(p->hash[i], p->hash[j], HASH_SIZE);
        memcpy(p->hash[j], t, HASH_SIZE);
    }
}

int merkle_inclusion(const merkle_source *src, uint64_t index, uint64_t size, merkle_path *out,
                     err_t *e)
{
    out->n = 0;
    if (index >= size)
        return err_set(e, ERR_INPUT, "leaf %llu is not in a tree of %llu leaves",
                       (unsigned long long)index, (unsigned long long)size);
    uint64_t lo = 0, hi = size;
    while (hi - lo > 1) {
        uint64_t k = split_point(hi - lo);
        int rc = index < lo + k ? merkle_range(src, lo + k, hi, out->hash[out->n], e)
                                : merkle_range(src, lo, lo + k, out->hash[out->n], e);
        if (rc) return -1;
        out->n++;
        if (index < lo + k) hi = lo + k;
        else lo += k;
    }
    reverse(out);
    return 0;
}

int merkle_consistency(const merkle_source *src, uint64_t old_size, uint64_t new_size,
                       merkle_path *out, err_t *e)
{
    out->n = 0;
    if (old_size > new_size)
        return err_set(e, ERR_INPUT, "a tree of %llu leaves cannot extend one of %llu",
                       (unsigned long long)new_size, (unsigned long long)old_size);
    if (old_size == 0 || old_size == new_size) return 0;
    uint64_t lo = 0, hi = new_size;
    int whole = 1;   /* the RFC's b: the old tree is the whole subtree so far */
    for (;;) {
        if (old_size == hi) {
            if (!whole && merkle_range(src, lo, hi, out->hash[out->n++], e)) return -1;
            break;
        }
        uint64_t k = split_point(hi - lo);
        if (old_size <= lo + k) {
            if (merkle_range(src, lo + k, hi, out->hash[out->n++], e)) return -1;
            hi = lo + k;
        } else {
            if (merkle_range(src, lo, lo + k, out->hash[out->n++], e)) return -1;
            lo += k;
            whole = 0;
        }
    }
    reverse(out);
    return 0;
}

/* --- verification -------------------------------------------------------- */

int merkle_root_from_inclusion(uint64_t index, uint64_t size, const unsigned char leaf[HASH_SIZE],
                               const merkle_path *path, unsigned char out[HASH_SIZE])
{
    if (index >= size || path->n < 0 || path->n > MERKLE_MAX_PATH) return -1;
    uint64_t fn = index, sn = size - 1;
    unsigned char r[HASH_SIZE];
    memcpy(r, leaf, HASH_SIZE);
    for (int i = 0; i < path->n; i++) {
        if (sn == 0) return -1;
        if ((fn & 1) || fn == sn) {
            merkle_node(path->hash[i], r, r);
            while (!(fn & 1) && fn != 0) { fn >>= 1; sn >>= 1; }
        } else {
            merkle_node(r, path->hash[i], r);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0) return -1;
    memcpy(out, r, HASH_SIZE);
    return 0;
}

int merkle_verify_inclusion(uint64_t index, uint64_t size, const unsigned char leaf[HASH_SIZE],
                            const merkle_path *path, const unsigned char root[HASH_SIZE], err_t *e)
{
    unsigned char r[HASH_SIZE];
    if (index >= size)
        return err_set(e, ERR_INPUT, "inclusion proof: leaf %llu is not in a tree of %llu leaves",
                       (unsigned long long)index, (unsigned long long)size);
    if (merkle_root_from_inclusion(index, size, leaf, path, r) != 0)
        return err_set(e, ERR_INPUT, "inclusion proof: %d hashes is the wrong length for leaf %llu "
                       "of %llu", path->n, (unsigned long long)index, (unsigned long long)size);
    if (sodium_memcmp(r, root, HASH_SIZE) != 0)
        return err_set(e, ERR_INPUT, "inclusion proof: the path does not lead to the root");
    return 0;
}

int merkle_verify_consistency(uint64_t old_size, uint64_t new_size,
                              const unsigned char old_root[HASH_SIZE],
                              const unsigned char new_root[HASH_SIZE], const merkle_path *path,
                              err_t *e)
{
    if (old_size > new_size)
        return err_set(e, ERR_INPUT, "consistency proof: the new size %llu is below the old %llu",
                       (unsigned long long)new_size, (unsigned long long)old_size);
    if (path->n < 0 || path->n > MERKLE_MAX_PATH)
        return err_set(e, ERR_INPUT, "consistency proof: too many hashes");
    if (old_size == new_size) {
        if (path->n != 0) return err_set(e, ERR_INPUT, "consistency proof: must be empty for equal sizes");
        if (sodium_memcmp(old_root, new_root, HASH_SIZE) != 0)
            return err_set(e, ERR_INPUT, "consistency proof: equal sizes with different roots");
        return 0;
    }
    if (old_size == 0) {
        if (path->n != 0) return err_set(e, ERR_INPUT, "consistency proof: must be empty from size 0");
        return 0;
    }
    if (path->n == 0) return err_set(e, ERR_INPUT, "consistency proof: empty");
    /* RFC 9162 §2.1.4.2. When old_size is a power of two, the old root is
     * itself the first hash of the path. */
    int i = 0;
    unsigned char fr[HASH_SIZE], sr[HASH_SIZE];
    if (is_pow2(old_size)) {
        memcpy(fr, old_root, HASH_SIZE);
    } else {
        memcpy(fr, path->hash[0], HASH_SIZE);
        i = 1;
    }
    memcpy(sr, fr, HASH_SIZE);
    uint64_t fn = old_size - 1, sn = new_size - 1;
    while (fn & 1) { fn >>= 1; sn >>= 1; }
    for (; i < path->n; i++) {
        if (sn == 0) return err_set(e, ERR_INPUT, "consistency proof: too many hashes");
        if ((fn & 1) || fn == sn) {
            merkle_node(path->hash[i], fr, fr);
            merkle_node(path->hash[i], sr, sr);
            while (!(fn & 1) && fn != 0) { fn >>= 1; sn >>= 1; }
        } else {
            merkle_node(sr, path->hash[i], sr);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0) return err_set(e, ERR_INPUT, "consistency proof: too few hashes");
    if (sodium_memcmp(fr, old_root, HASH_SIZE) != 0)
        return err_set(e, ERR_INPUT, "consistency proof: does not lead to the old root");
    if (sodium_memcmp(sr, new_root, HASH_SIZE) != 0)
        return err_set(e, ERR_INPUT, "consistency proof: does not lead to the new root");
    return 0;
}
