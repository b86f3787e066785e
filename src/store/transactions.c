/* transactions.c — see transactions.h. */
#include "store/transactions.h"

#include <string.h>

#include "store/internal.h"

#define CHUNK 512   /* rows read at a time, walking back from the head */

typedef struct {
    arena_t *a;
    tx_entry *v;          /* the transactions found */
    size_t n, cap;
    const change_t **cur; /* the kept changes of the transaction being read, newest first */
    size_t ncur, capcur;
    long long key;        /* its key; 0 before the first row */
    long long hi;         /* its newest seq */
    size_t nread;         /* its rows read */
    int partial;          /* more than TX_ROWS_MAX rows: the rest skipped */
} walk;

/* Close the transaction being read: keep it when something of it is kept. */
static int walk_flush(walk *w, err_t *e)
{
    if (w->ncur == 0) return 0;
    tx_change *ch = arena_alloc(w->a, w->ncur * sizeof *ch);
    if (!ch || arena_grow(w->a, (void **)&w->v, w->n, &w->cap, sizeof *w->v, 16)) return err_nomem(e);
    for (size_t i = 0; i < w->ncur; i++) ch[i] = (tx_change){w->cur[w->ncur - 1 - i], NULL, 0};
    w->v[w->n++] = (tx_entry){w->key, ch, w->ncur, w->partial ? w->hi - w->key + 1 : 0};
    w->ncur = 0;
    return 0;
}

/* Take row c into the walk. Returns 1 when the rest of its transaction is
 * to be skipped (it passed TX_ROWS_MAX rows), 0 to go on, -1 on error. */
static int walk_row(walk *w, const change_t *c, int limit, tx_keep_fn keep, void *ctx, int *more, err_t *e)
{
    if (tx_key(c) != w->key) {
        if (walk_flush(w, e)) return -1;
        w->key = tx_key(c);
        w->hi = c->seq;
        w->nread = 0;
        w->partial = 0;
    }
    if (++w->nread > TX_ROWS_MAX) {
        w->partial = 1;
        return 1;
    }
    if (keep && !keep(ctx, c)) return 0;
    if ((int)w->n >= limit) {
        *more = 1;
        return 0;
    }
    if (arena_grow(w->a, (void **)&w->cur, w->ncur, &w->capcur, sizeof *w->cur, 64)) return err_nomem(e);
    w->cur[w->ncur++] = c;
    return 0;
}

/* Walk the rows in view back from seq `before`, CHUNK at a time, into
 * transactions until limit of them are whole and one more is seen. A
 * transaction of more than TX_ROWS_MAX rows is read from its end that far,
 * and the rest of it skipped (store_transactions reads its start instead). */
static int walk_log(store_t *s, const view_t *v, long long before, int limit, tx_keep_fn keep, void *ctx, walk *w,
                    int *more, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT " CHANGE_COLUMNS " FROM change_log WHERE seq < ?1 AND seq <= ?2 AND effective_at <= ?3"
                      " ORDER BY seq DESC LIMIT ?4", &st, e))
        return -1;
    long long upto = v->known_at[0] ? v->max_seq : (long long)9e18;
    long long next = before > 0 ? before : (long long)9e18;
    int rc = 0, done = 0;
    while (!done && rc == 0) {
        change_t *rows;
        size_t nrows, i;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, next);
        sqlite3_bind_int64(st, 2, upto);
        sqlite3_bind_text(st, 3, v->as_of, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 4, CHUNK);
        if ((rc = db_read_changes(s, st, w->a, &rows, &nrows, e))) break;
        int skip = 0;
        for (i = 0; i < nrows && !*more && !skip; i++) {
            skip = walk_row(w, &rows[i], limit, keep, ctx, more, e);
            if (skip < 0) rc = -1;
        }
        if (rc || *more) break;
        if (skip) next = w->key;   /* on from the transaction before it */
        else if (nrows < CHUNK) done = 1;
        else next = rows[nrows - 1].seq;
    }
    sqlite3_finalize(st);
    if (rc == 0 && !*more) rc = walk_flush(w, e);
    return rc;
}

/* A transaction of more than TX_ROWS_MAX rows: its kept changes among its
 * first TX_ROWS_MAX rows instead (an import records its source first), when
 * there are any. */
static int read_start(store_t *s, const view_t *v, tx_entry *t, tx_keep_fn keep, void *ctx, arena_t *a, err_t *e)
{
    sqlite3_stmt *st;
    change_t *rows;
    size_t nrows, k = 0;
    if (db_prepare(s, "SELECT " CHANGE_COLUMNS " FROM change_log WHERE seq >= ?1 AND seq < ?2 AND effective_at <= ?3"
                      " AND seq <= ?5 ORDER BY seq LIMIT ?4", &st, e))
        return -1;
    sqlite3_bind_int64(st, 5, v->known_at[0] ? v->max_seq : (long long)9e18);
    sqlite3_bind_int64(st, 1, t->tx);
    sqlite3_bind_int64(st, 2, t->tx + t->total);
    sqlite3_bind_text(st, 3, v->as_of, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, TX_ROWS_MAX);
    int rc = db_read_changes(s, st, a, &rows, &nrows, e);
    sqlite3_finalize(st);
    tx_change *ch = rc ? NULL : arena_alloc(a, (nrows ? nrows : 1) * sizeof *ch);
    if (rc || !ch) return rc ? -1 : err_nomem(e);
    for (size_t i = 0; i < nrows; i++)
        if (!keep || keep(ctx, &rows[i]))
            ch[k++] = (tx_change){&rows[i], NULL, 0};
    if (k) t->ch = ch, t->n = k;
    return 0;
}

int store_transactions(store_t *s, const view_t *v, long long before, int limit, tx_keep_fn keep, void *ctx,
                       arena_t *a, tx_entry **out, size_t *n, int *more, err_t *e)
{
    walk w = {a, NULL, 0, 0, NULL, 0, 0, 0, 0, 0, 0};
    int began;
    *out = NULL;
    *n = 0;
    *more = 0;
    if (limit <= 0) return 0;
    if (db_read_begin(s, &began, e)) return -1;
    int rc = walk_log(s, v, before, limit, keep, ctx, &w, more, e);
    for (size_t i = 0; i < w.n && rc == 0; i++)
        if (w.v[i].total) rc = read_start(s, v, &w.v[i], keep, ctx, a, e);
    for (size_t i = 0; i < w.n && rc == 0; i++)
        rc = store_tx_context(s, w.v[i].ch, w.v[i].n, w.v[i].n <= TX_OLD_MAX, a, e);
    db_read_end(s, began);
    if (rc) return -1;
    *out = w.v;
    *n = w.n;
    return 0;
}

/* 1 when changes a and b are about the same thing. */
static int same_thing(const change_t *a, const change_t *b)
{
    return strcmp(a->entity_id, b->entity_id) == 0 && strcmp(a->entity, b->entity) == 0;
}

int store_tx_context(store_t *s, tx_change *ch, size_t n, int want_old, arena_t *a, err_t *e)
{
    sqlite3_stmt *existed = NULL, *prev = NULL;
    int rc = 0;
    if (db_prepare(s, "SELECT 1 FROM change_log WHERE entity = ?1 AND entity_id = ?2 AND seq < ?3 LIMIT 1", &existed, e) ||
        (want_old && db_prepare(s, "SELECT value FROM change_log WHERE entity = ?1 AND entity_id = ?2 AND field = ?3"
                                   " AND seq < ?4 AND effective_at <= ?5 ORDER BY effective_at DESC, seq DESC LIMIT 1",
                                &prev, e)))
        rc = -1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const change_t *c = ch[i].c;
        /* The changes of one thing in one transaction are mostly side by side. */
        if (i > 0 && same_thing(ch[i - 1].c, c) && tx_key(ch[i - 1].c) == tx_key(c)) {
            ch[i].created = ch[i - 1].created;
        } else {
            sqlite3_reset(existed);
            sqlite3_bind_text(existed, 1, c->entity, -1, SQLITE_STATIC);
            sqlite3_bind_text(existed, 2, c->entity_id, -1, SQLITE_STATIC);
            sqlite3_bind_int64(existed, 3, tx_key(c));
            int r = sqlite3_step(existed);
            if (r != SQLITE_ROW && r != SQLITE_DONE) rc = db_error(s, r, "transactions", e);
            ch[i].created = r == SQLITE_DONE;
        }
        if (!want_old || rc) continue;
        sqlite3_reset(prev);
        sqlite3_bind_text(prev, 1, c->entity, -1, SQLITE_STATIC);
        sqlite3_bind_text(prev, 2, c->entity_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(prev, 3, c->field, -1, SQLITE_STATIC);
        sqlite3_bind_int64(prev, 4, c->seq);
        sqlite3_bind_text(prev, 5, c->effective_at, -1, SQLITE_STATIC);
        int r = sqlite3_step(prev);
        if (r == SQLITE_ROW) {
            ch[i].old = db_text(prev, 0, a);
            if (!ch[i].old) rc = err_nomem(e);
        } else if (r != SQLITE_DONE) {
            rc = db_error(s, r, "transactions", e);
        }
    }
    sqlite3_finalize(existed);
    sqlite3_finalize(prev);
    return rc;
}
