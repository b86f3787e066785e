/* tree.c — the Merkle tree over change_log (RFC 9162 hashing, the math in
 * ledger/merkle.c), kept in the same transaction as the rows it covers.
 *
 * Table merkle_nodes holds the hash of every complete subtree of 16 leaves
 * or more. A node (level, index) covers the leaves index * 2^level to
 * (index + 1) * 2^level - 1 (leaf i is the change with seq i + 1); its key is
 * (last leaf) * 64 + level, so keys grow in the order nodes are completed
 * and a verify can walk the table alongside the log. Subtrees below 16
 * leaves are recomputed from their rows when a proof needs them: that keeps
 * the table near an eighth of the log's row count, at the price of reading
 * at most 16 rows per proof. */
#include "store/internal.h"

#include <limits.h>
#include <string.h>

#include "util/alloc.h"

#define LOW_LEVELS 4                   /* levels 0..3 are not stored */
#define BLOCK (1 << LOW_LEVELS)        /* leaves in a smallest stored subtree */

static long long node_key(int level, uint64_t index)
{
    return (long long)((((index + 1) << level) - 1) << 6 | (uint64_t)level);
}

/* "over seq A-B" for messages. */
static void node_span(char *out, size_t n, int level, uint64_t index)
{
    unsigned long long first = (unsigned long long)(index << level) + 1;
    snprintf(out, n, "level %d, over seq %llu-%llu", level, first,
             first + ((1ULL << level) - 1));
}

static int node_read(store_t *s, int level, uint64_t index, unsigned char out[HASH_SIZE], err_t *e)
{
    if (!s->select_node &&
        db_prepare(s, "SELECT hash FROM merkle_nodes WHERE key = ?1", &s->select_node, e))
        return -1;
    sqlite3_stmt *st = s->select_node;
    sqlite3_bind_int64(st, 1, node_key(level, index));
    int rc = sqlite3_step(st);
    int ok = rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == HASH_SIZE;
    if (ok) memcpy(out, sqlite3_column_blob(st, 0), HASH_SIZE);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, rc, "Merkle tree", e);
    if (!ok) {
        char span[80];
        node_span(span, sizeof span, level, index);
        return err_set(e, ERR_IO, "%s: the stored Merkle tree lacks the node at %s (run 'ssrtrack "
                       "verify', then 'ssrtrack rebuild')", s->path, span);
    }
    return 0;
}

static int node_write(store_t *s, int level, uint64_t index, const unsigned char h[HASH_SIZE],
                      err_t *e)
{
    if (!s->insert_node &&
        db_prepare(s, "INSERT INTO merkle_nodes(key, hash) VALUES(?1, ?2)", &s->insert_node, e))
        return -1;
    sqlite3_stmt *st = s->insert_node;
    sqlite3_bind_int64(st, 1, node_key(level, index));
    sqlite3_bind_blob(st, 2, h, HASH_SIZE, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, rc, "Merkle tree", e);
}

typedef struct {
    unsigned char (*leaf)[HASH_SIZE];
    long long next;     /* the seq expected next */
    int n;
    buf_t scratch;
    int oom;
} leaves_ctx;

static int collect_leaf(void *ctx, const change_t *c)
{
    leaves_ctx *x = ctx;
    if (c->seq != x->next) return 1;
    if (hash_leaf(c, &x->scratch, x->leaf[x->n]) != 0) { x->oom = 1; return 1; }
    x->n++;
    x->next++;
    return 0;
}

/* The leaf hashes of changes from..to (at most BLOCK of them) into leaf[]. */
static int read_leaves(store_t *s, long long from, long long to, unsigned char leaf[][HASH_SIZE],
                       err_t *e)
{
    leaves_ctx x = {leaf, from, 0, BUF_INIT, 0};
    int rc = store_each_change(s, from, to, collect_leaf, &x, e);
    buf_free(&x.scratch);
    if (x.oom) return err_nomem(e);
    if (rc < 0) return -1;
    if (x.next != to + 1)
        return err_set(e, ERR_IO, "%s: seq %lld is missing from the log (run 'ssrtrack verify')",
                       s->path, x.next);
    return 0;
}

/* --- appending ----------------------------------------------------------- */

/* Load the right edge of the tree of the first size leaves: its stored
 * subtrees, then the leaves of its last, partial block. */
static int tree_load(store_t *s, long long size, err_t *e)
{
    merkle_frontier *f = &s->tree;
    uint64_t n = (uint64_t)size, pos = 0;
    merkle_frontier_init(f);
    for (int l = 62; l >= LOW_LEVELS; l--) {
        if (!((n >> l) & 1)) continue;
        if (node_read(s, l, pos >> l, f->node[l], e)) return -1;
        pos += (uint64_t)1 << l;
    }
    f->size = pos;
    if (pos < n) {
        unsigned char leaf[BLOCK][HASH_SIZE];
        if (read_leaves(s, (long long)pos + 1, size, leaf, e)) return -1;
        for (uint64_t i = 0; i < n - pos; i++) merkle_push(f, leaf[i], NULL, NULL);
    }
    s->tree_loaded = 1;
    return 0;
}

typedef struct {
    store_t *s;
    err_t *e;
} store_emit_ctx;

static int store_node(void *ctx, int level, uint64_t index, const unsigned char h[HASH_SIZE])
{
    store_emit_ctx *x = ctx;
    if (level < LOW_LEVELS) return 0;
    return node_write(x->s, level, index, h, x->e) ? -1 : 0;
}

int tree_append(store_t *s, const unsigned char leaf[HASH_SIZE], err_t *e)
{
    if (!s->tree_loaded && tree_load(s, s->head_seq, e)) return -1;
    store_emit_ctx x = {s, e};
    if (merkle_push(&s->tree, leaf, store_node, &x) != 0) {
        s->tree_loaded = 0;
        return -1;
    }
    return 0;
}

int tree_save(store_t *s, err_t *e)
{
    if (!s->tree_loaded) return 0;
    char size[24];
    snprintf(size, sizeof size, "%llu", (unsigned long long)s->tree.size);
    return meta_set(s, "tree_size", size, e);
}

typedef struct {
    store_t *s;
    long long next;
    buf_t scratch;
    err_t *e;
    int failed;
} rebuild_ctx;

static int rebuild_row(void *ctx, const change_t *c)
{
    rebuild_ctx *x = ctx;
    unsigned char leaf[HASH_SIZE];
    if (c->seq != x->next) {
        x->failed = err_set(x->e, ERR_INPUT, "%s: seq %lld is missing from the log; it cannot be "
                            "rebuilt (run 'ssrtrack verify')", x->s->path, x->next);
        return 1;
    }
    if (hash_leaf(c, &x->scratch, leaf) != 0) { x->failed = err_nomem(x->e); return 1; }
    store_emit_ctx em = {x->s, x->e};
    if (merkle_push(&x->s->tree, leaf, store_node, &em) != 0) { x->failed = -1; return 1; }
    x->next++;
    return 0;
}

/* Recompute the tree of rows 1..head inside the caller's write transaction. */
static int tree_rebuild_in_tx(store_t *s, err_t *e)
{
    if (db_exec(s, "DELETE FROM merkle_nodes", e)) return -1;
    merkle_frontier_init(&s->tree);
    s->tree_loaded = 1;
    rebuild_ctx x = {s, 1, BUF_INIT, e, 0};
    int rc = store_each_change(s, 1, s->head_seq, rebuild_row, &x, e);
    buf_free(&x.scratch);
    if (x.failed || rc < 0) { s->tree_loaded = 0; return -1; }
    if (x.next != s->head_seq + 1) {
        s->tree_loaded = 0;
        return err_set(e, ERR_INPUT, "%s: seq %lld is missing from the log; it cannot be rebuilt "
                       "(run 'ssrtrack verify')", s->path, x.next);
    }
    return 0;
}

int store_tree_rebuild(store_t *s, err_t *e)
{
    if (store_begin(s, e)) return -1;
    if (tree_rebuild_in_tx(s, e) || store_commit(s, e)) { store_rollback(s); return -1; }
    return 0;
}

int store_rebuild(store_t *s, err_t *e)
{
    if (store_begin(s, e)) return -1;
    if (project_all(s, e) || tree_rebuild_in_tx(s, e) || store_commit(s, e)) {
        store_rollback(s);
        return -1;
    }
    return 0;
}

int tree_check(store_t *s, err_t *e)
{
    arena_t *a = arena_new();
    if (!a) return err_nomem(e);
    const char *size = NULL;
    int rc = meta_get(s, "tree_size", a, &size, e);
    arena_free(a);
    if (rc) return -1;
    if (size) return 0;
    /* A database from before the tree: build it from the log once. */
    return store_tree_rebuild(s, e);
}

/* --- reading ------------------------------------------------------------- */

/* A merkle_source over the stored nodes, recomputing small subtrees from
 * the leaves of one cached block. */
typedef struct {
    store_t *s;
    long long size;          /* the tree being read; rows 1..size exist */
    long long block;         /* the block whose leaves are cached, -1 none */
    unsigned char leaf[BLOCK][HASH_SIZE];
} reader;

static int reader_get(void *ctx, int level, uint64_t index, unsigned char out[HASH_SIZE], err_t *e)
{
    reader *r = ctx;
    if (level >= LOW_LEVELS) return node_read(r->s, level, index, out, e);
    uint64_t first = index << level;
    long long block = (long long)(first >> LOW_LEVELS);
    if (r->block != block) {
        long long from = block * BLOCK + 1, to = from + BLOCK - 1;
        if (to > r->size) to = r->size;
        r->block = -1;
        if (read_leaves(r->s, from, to, r->leaf, e)) return -1;
        r->block = block;
    }
    unsigned char h[BLOCK][HASH_SIZE];
    int n = 1 << level;
    memcpy(h, r->leaf[first - (uint64_t)block * BLOCK], (size_t)n * HASH_SIZE);
    for (; n > 1; n /= 2)
        for (int i = 0; i < n / 2; i++) merkle_node(h[2 * i], h[2 * i + 1], h[i]);
    memcpy(out, h[0], HASH_SIZE);
    return 0;
}

/* Open a snapshot and check that size fits the tree in it. */
static int read_start(store_t *s, long long size, const char *what, int *began, err_t *e)
{
    if (db_read_begin(s, began, e)) return -1;
    long long now = store_head_seq(s);
    if (now < 0) { db_read_end(s, *began); return err_set(e, ERR_IO, "%s: cannot read the head", s->path); }
    if (size < 0 || size > now) {
        db_read_end(s, *began);
        return err_set(e, ERR_INPUT, "%s %lld: the log holds %lld changes", what, size, now);
    }
    return 0;
}

int store_tree_root(store_t *s, long long size, unsigned char root[HASH_SIZE], err_t *e)
{
    int began;
    if (read_start(s, size, "tree size", &began, e)) return -1;
    reader r = {s, size, -1, {{0}}};
    merkle_source src = {reader_get, &r};
    int rc = merkle_root(&src, (uint64_t)size, root, e);
    db_read_end(s, began);
    return rc;
}

int store_tree_head(store_t *s, long long *size, unsigned char root[HASH_SIZE], err_t *e)
{
    int began;
    if (db_read_begin(s, &began, e)) return -1;
    *size = store_head_seq(s);
    int rc = *size < 0 ? err_set(e, ERR_IO, "%s: cannot read the head", s->path)
                       : store_tree_root(s, *size, root, e);
    db_read_end(s, began);
    return rc;
}

int store_proof_inclusion(store_t *s, long long seq, long long size, merkle_path *path,
                          unsigned char leaf[HASH_SIZE], err_t *e)
{
    int began;
    if (read_start(s, size, "tree size", &began, e)) return -1;
    int rc = -1;
    if (seq < 1 || seq > size) {
        err_set(e, ERR_INPUT, "seq %lld is not in the tree of %lld changes", seq, size);
        goto done;
    }
    reader r = {s, size, -1, {{0}}};
    merkle_source src = {reader_get, &r};
    if (reader_get(&r, 0, (uint64_t)seq - 1, leaf, e) ||
        merkle_inclusion(&src, (uint64_t)seq - 1, (uint64_t)size, path, e))
        goto done;
    rc = 0;
done:
    db_read_end(s, began);
    return rc;
}

int store_proof_consistency(store_t *s, long long old_size, long long new_size,
                            merkle_path *path, err_t *e)
{
    int began;
    if (read_start(s, new_size, "tree size", &began, e)) return -1;
    int rc = -1;
    if (old_size < 0 || old_size > new_size) {
        err_set(e, ERR_INPUT, "the old size %lld must be between 0 and the new size %lld",
                old_size, new_size);
        goto done;
    }
    reader r = {s, new_size, -1, {{0}}};
    merkle_source src = {reader_get, &r};
    rc = merkle_consistency(&src, (uint64_t)old_size, (uint64_t)new_size, path, e);
done:
    db_read_end(s, began);
    return rc;
}

int store_subtrees(store_t *s, int level, uint64_t first, int count, unsigned char (*out)[HASH_SIZE],
                   err_t *e)
{
    if (level < 0 || level > 62 || count < 0 || first > (UINT64_MAX >> level) - (uint64_t)count)
        return err_set(e, ERR_INPUT, "no such subtree");
    uint64_t end = (first + (uint64_t)count) << level;
    if (end > (uint64_t)LLONG_MAX) return err_set(e, ERR_INPUT, "no such subtree");
    int began;
    if (read_start(s, (long long)end, "tree size", &began, e)) return -1;
    reader r = {s, (long long)end, -1, {{0}}};
    int rc = 0;
    for (int i = 0; rc == 0 && i < count; i++) rc = reader_get(&r, level, first + (uint64_t)i, out[i], e);
    db_read_end(s, began);
    return rc;
}

/* --- verifying ----------------------------------------------------------- */

static int audit_next(tree_audit *t, err_t *e)
{
    int rc = sqlite3_step(t->cursor);
    t->have = rc == SQLITE_ROW;
    if (t->have) {
        t->key = sqlite3_column_int64(t->cursor, 0);
        memset(t->hash, 0, HASH_SIZE);
        if (sqlite3_column_bytes(t->cursor, 1) == HASH_SIZE)
            memcpy(t->hash, sqlite3_column_blob(t->cursor, 1), HASH_SIZE);
        return 0;
    }
    return rc == SQLITE_DONE ? 0 : db_error(t->s, rc, "Merkle tree", e);
}

int tree_audit_start(store_t *s, tree_audit *t, err_t *e)
{
    memset(t, 0, sizeof *t);
    t->s = s;
    merkle_frontier_init(&t->f);
    if (db_prepare(s, "SELECT key, hash FROM merkle_nodes ORDER BY key", &t->cursor, e)) return -1;
    return audit_next(t, e);
}

/* A stored node that no leaf completes: name its last seq. */
static int audit_extra(tree_audit *t)
{
    int level = (int)(t->key & 63);
    uint64_t last = (uint64_t)t->key >> 6;
    char span[80];
    node_span(span, sizeof span, level, level < 63 ? last >> level : 0);
    t->bad_seq = (long long)last + 1;
    snprintf(t->problem, sizeof t->problem,
             "the stored Merkle tree has a node no row accounts for (%s)", span);
    return 1;
}

typedef struct {
    tree_audit *t;
    err_t *e;
} audit_emit_ctx;

static int audit_node(void *ctx, int level, uint64_t index, const unsigned char h[HASH_SIZE])
{
    audit_emit_ctx *x = ctx;
    tree_audit *t = x->t;
    if (level < LOW_LEVELS) return 0;
    long long key = node_key(level, index);
    char span[80];
    node_span(span, sizeof span, level, index);
    if (t->have && t->key < key) return audit_extra(t);
    t->bad_seq = (long long)(((index + 1) << level));
    if (!t->have || t->key > key) {
        snprintf(t->problem, sizeof t->problem, "the stored Merkle tree lacks a node (%s)", span);
        return 1;
    }
    if (memcmp(t->hash, h, HASH_SIZE) != 0) {
        snprintf(t->problem, sizeof t->problem,
                 "the stored Merkle tree differs from the log (node at %s)", span);
        return 1;
    }
    t->bad_seq = 0;
    return audit_next(t, x->e) ? -1 : 0;
}

int tree_audit_leaf(tree_audit *t, const unsigned char leaf[HASH_SIZE], err_t *e)
{
    audit_emit_ctx x = {t, e};
    return merkle_push(&t->f, leaf, audit_node, &x);
}

int tree_audit_finish(tree_audit *t, err_t *e)
{
    (void)e;
    return t->have ? audit_extra(t) : 0;
}

void tree_audit_free(tree_audit *t)
{
    sqlite3_finalize(t->cursor);
    t->cursor = NULL;
}
