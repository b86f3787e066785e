/* log.c — the append-only change log: the head of the hash chain, appending
 * a row (and its leaf to the Merkle tree), reading rows in order, and
 * verifying the chain and the tree. */
#include "store/internal.h"

#include <stdlib.h>
#include <string.h>

#include "ledger/hash.h"
#include "util/hex.h"

int log_load_head(store_t *s, err_t *e)
{
    arena_t *a = arena_new();
    if (!a) return err_nomem(e);
    const char *seq = NULL, *hash = NULL, *rec = NULL;
    int rc = meta_get(s, "head_seq", a, &seq, e) || meta_get(s, "head_hash", a, &hash, e) ||
             meta_get(s, "head_recorded_at", a, &rec, e);
    if (rc == 0) {
        s->head_seq = seq ? strtoll(seq, NULL, 10) : 0;
        memset(s->head_hash, 0, sizeof s->head_hash);
        if (hash && *hash && hex_decode(hash, s->head_hash, 32) != 0)
            rc = err_set(e, ERR_IO, "%s: the stored head hash is damaged", s->path);
        snprintf(s->head_recorded, sizeof s->head_recorded, "%s", rec ? rec : "");
    }
    arena_free(a);
    return rc ? -1 : 0;
}

int log_save_head(store_t *s, err_t *e)
{
    char seq[24], hash[65];
    snprintf(seq, sizeof seq, "%lld", s->head_seq);
    if (s->head_seq) hex_encode(s->head_hash, 32, hash);
    else hash[0] = '\0';
    if (meta_set(s, "head_seq", seq, e) || meta_set(s, "head_hash", hash, e) ||
        meta_set(s, "head_recorded_at", s->head_recorded, e) || tree_save(s, e))
        return -1;
    return 0;
}

int log_insert(store_t *s, change_t *c, err_t *e)
{
    if (db_tx_alive(s, e)) return -1;
    c->seq = s->head_seq + 1;
    char reported[DATE_SIZE];
    if (s->tx == 0) s->tx = c->seq;
    c->tx = s->tx > 0 ? s->tx : 0;
    snprintf(reported, sizeof reported, "%.10s", *s->reported ? s->reported : c->recorded_at);
    c->reported_at = c->tx ? reported : NULL;
    unsigned char leaf[HASH_SIZE];
    if (hash_chain_leaf(s->head_hash, c, &s->scratch, c->hash, leaf) != 0) return err_nomem(e);
    if (!s->insert_change &&
        db_prepare(s, "INSERT INTO change_log(seq, entity, entity_id, field, value, effective_at,"
                      " recorded_at, actor, reason, hash, reported_at, tx)"
                      " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
                   &s->insert_change, e))
        return -1;
    sqlite3_stmt *st = s->insert_change;
    sqlite3_bind_int64(st, 1, c->seq);
    sqlite3_bind_text(st, 2, c->entity, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, c->entity_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, c->field, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, c->value, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, c->effective_at, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, c->recorded_at, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, c->actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, c->reason, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 10, c->hash, 32, SQLITE_STATIC);
    if (c->tx) {
        sqlite3_bind_text(st, 11, c->reported_at, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 12, c->tx);
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) return db_error(s, rc, "append", e);
    if (tree_append(s, leaf, e)) return -1;
    s->head_seq = c->seq;
    memcpy(s->head_hash, c->hash, 32);
    memcpy(s->head_recorded, c->recorded_at, TS_SIZE);
    return 0;
}

long long store_head_seq(store_t *s)
{
    if (!s->in_tx) {
        err_t e;
        if (log_load_head(s, &e)) return -1;
    }
    return s->head_seq;
}

void store_head(store_t *s, long long *seq, unsigned char hash[32])
{
    *seq = store_head_seq(s);
    memcpy(hash, s->head_hash, 32);
}

int store_change_count(store_t *s, long long *n, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT count(*) FROM change_log", &st, e)) return -1;
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : db_error(s, rc, "count", e);
}

/* Fill c from the current row of a statement selecting CHANGE_COLUMNS. The
 * strings point into SQLite's buffers. */
static void row_to_change(sqlite3_stmt *st, change_t *c)
{
    c->seq = sqlite3_column_int64(st, 0);
    c->entity = (const char *)sqlite3_column_text(st, 1);
    c->entity_id = (const char *)sqlite3_column_text(st, 2);
    c->field = (const char *)sqlite3_column_text(st, 3);
    c->value = (const char *)sqlite3_column_text(st, 4);
    c->effective_at = (const char *)sqlite3_column_text(st, 5);
    c->recorded_at = (const char *)sqlite3_column_text(st, 6);
    c->actor = (const char *)sqlite3_column_text(st, 7);
    c->reason = (const char *)sqlite3_column_text(st, 8);
    memset(c->hash, 0, 32);
    const void *h = sqlite3_column_blob(st, 9);
    int hn = sqlite3_column_bytes(st, 9);
    if (h) memcpy(c->hash, h, hn < 32 ? (size_t)hn : 32);
    c->reported_at = (const char *)sqlite3_column_text(st, 10);
    c->tx = sqlite3_column_int64(st, 11);
    /* A NULL text column (only possible in a hand-edited file) reads as "". */
    const char **f[] = {&c->entity, &c->entity_id, &c->field, &c->value, &c->effective_at,
                        &c->recorded_at, &c->actor, &c->reason, &c->reported_at};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (!*f[i]) *f[i] = "";
}

int store_each_change(store_t *s, long long from, long long to,
                      int (*fn)(void *ctx, const change_t *c), void *ctx, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT " CHANGE_COLUMNS " FROM change_log WHERE seq >= ?1 AND seq <= ?2"
                      " ORDER BY seq", &st, e))
        return -1;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to > 0 ? to : (long long)9e18);
    int rc, stop = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        change_t c;
        row_to_change(st, &c);
        if ((stop = fn(ctx, &c)) != 0) break;
    }
    sqlite3_finalize(st);
    if (stop) return stop;
    return rc == SQLITE_DONE ? 0 : db_error(s, rc, "read log", e);
}

typedef struct {
    verify_result *r;
    long long expect;
    unsigned char prev[32];
    buf_t scratch;
    tree_audit tree;
    err_t *e;
    int failed;     /* -1: an error in e */
} verify_ctx;

static int verify_row(void *ctx, const change_t *c)
{
    verify_ctx *v = ctx;
    verify_result *r = v->r;
    if (c->seq != v->expect) {
        r->bad_seq = v->expect;
        snprintf(r->problem, sizeof r->problem, "missing (seq %lld follows seq %lld)", c->seq,
                 v->expect - 1);
        return 1;
    }
    unsigned char h[32], leaf[32];
    if (hash_chain_leaf(v->prev, c, &v->scratch, h, leaf) != 0) {
        v->failed = err_nomem(v->e);
        return 1;
    }
    if (memcmp(h, c->hash, 32) != 0) {
        r->bad_seq = c->seq;
        snprintf(r->problem, sizeof r->problem,
                 "hash mismatch (the row, its hash or its place in the chain was altered)");
        return 1;
    }
    int t = tree_audit_leaf(&v->tree, leaf, v->e);
    if (t < 0) { v->failed = -1; return 1; }
    if (t > 0) {
        r->bad_seq = v->tree.bad_seq;
        snprintf(r->problem, sizeof r->problem, "%s", v->tree.problem);
        return 1;
    }
    if (r->at_size == c->seq) merkle_frontier_root(&v->tree.f, r->root_at);
    memcpy(v->prev, c->hash, 32);
    r->rows++;
    v->expect++;
    return 0;
}

int store_verify(store_t *s, verify_result *r, err_t *e)
{
    return store_verify_at(s, 0, r, e);
}

/* The recorded tree size (meta) must be the number of rows. */
static int check_tree_size(store_t *s, verify_result *r, err_t *e)
{
    arena_t *a = arena_new();
    if (!a) return err_nomem(e);
    const char *size = NULL;
    int rc = meta_get(s, "tree_size", a, &size, e);
    long long n = size ? strtoll(size, NULL, 10) : -1;
    arena_free(a);
    if (rc) return -1;
    if (n != r->rows) {
        r->bad_seq = (n >= 0 && n < r->rows ? n : r->rows) + 1;
        snprintf(r->problem, sizeof r->problem, "the stored Merkle tree holds %lld leaves, the log %lld rows",
                 n, r->rows);
    }
    return 0;
}

/* The rows chain correctly; they must also reach the recorded head. */
static void check_head(store_t *s, verify_ctx *v)
{
    verify_result *r = v->r;
    if (v->expect - 1 < s->head_seq) {
        r->bad_seq = v->expect;
        snprintf(r->problem, sizeof r->problem, "missing (the log ends at seq %lld, the head is seq %lld)",
                 v->expect - 1, s->head_seq);
    } else if (v->expect - 1 > s->head_seq) {
        r->bad_seq = s->head_seq + 1;
        snprintf(r->problem, sizeof r->problem, "not part of the chain (the head is seq %lld)", s->head_seq);
    } else if (s->head_seq && memcmp(s->head_hash, v->prev, 32) != 0) {
        r->bad_seq = s->head_seq;
        snprintf(r->problem, sizeof r->problem, "hash differs from the recorded head");
    }
}

int store_verify_at(store_t *s, long long at_size, verify_result *r, err_t *e)
{
    memset(r, 0, sizeof *r);
    r->at_size = at_size;
    verify_ctx v = {r, 1, {0}, BUF_INIT, {0}, e, 0};
    int began;
    db_scan_begin(s);   /* before the snapshot: the map's size is fixed for a transaction */
    if (db_read_begin(s, &began, e)) { db_scan_end(s); return -1; }
    if (log_load_head(s, e) || tree_audit_start(s, &v.tree, e)) {
        tree_audit_free(&v.tree);
        db_read_end(s, began);
        db_scan_end(s);
        return -1;
    }
    int rc = store_each_change(s, 1, 0, verify_row, &v, e);
    buf_free(&v.scratch);
    if (rc >= 0 && !v.failed && !r->bad_seq) {
        memcpy(r->head, v.prev, 32);
        merkle_frontier_root(&v.tree.f, r->root);
        if (at_size == 0) merkle_empty(r->root_at);
        check_head(s, &v);
        /* Every stored node must be accounted for by a row. */
        if (!r->bad_seq && tree_audit_finish(&v.tree, e) > 0) {
            r->bad_seq = v.tree.bad_seq;
            snprintf(r->problem, sizeof r->problem, "%s", v.tree.problem);
        }
        if (!r->bad_seq) rc = check_tree_size(s, r, e);
    }
    tree_audit_free(&v.tree);
    db_read_end(s, began);
    db_scan_end(s);
    return v.failed || rc < 0 ? -1 : 0;
}
