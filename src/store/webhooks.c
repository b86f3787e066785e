/* webhooks.c — see webhooks.h. Writes run through op_tx (op_tx.c). */
#include "store/webhooks.h"

#include "store/internal.h"

typedef struct {
    const char *url, *secret;
    int allow_private;
    long long id;
} hook_add;

static int do_add(store_t *s, void *ctx, err_t *e)
{
    hook_add *h = ctx;
    char now[TS_SIZE];
    clock_now(now);
    sqlite3_stmt *st;
    if (db_prepare(s, "INSERT INTO webhooks(url, secret, allow_private, created_at, active, last_seq)"
                      " VALUES(?1, ?2, ?3, ?4, 1, coalesce((SELECT max(seq) FROM change_log), 0))", &st, e))
        return -1;
    sqlite3_bind_text(st, 1, h->url, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, h->secret, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, h->allow_private);
    sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return db_error(s, rc, "webhooks", e);
    h->id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

int webhooks_add(store_t *s, const char *url, const char *secret, int allow_private, long long *id, err_t *e)
{
    hook_add h = {url, secret, allow_private, 0};
    if (op_tx(s, do_add, &h, e)) return -1;
    *id = h.id;
    return 0;
}

/* Run sql with ?1 = id; *changed: rows changed. */
static int exec_id(store_t *s, const char *sql, long long id, int *changed, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, sql, &st, e)) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return db_error(s, rc, "webhooks", e);
    if (changed) *changed = sqlite3_changes(s->db);
    return 0;
}

static int do_remove(store_t *s, void *ctx, err_t *e)
{
    long long id = *(long long *)ctx;
    int changed = 0;
    if (exec_id(s, "UPDATE webhooks SET active = 0 WHERE id = ?1 AND active = 1", id, &changed, e)) return -1;
    if (!changed) return err_set(e, ERR_NOTFOUND, "no such webhook: %lld", id);
    return exec_id(s, "UPDATE webhook_deliveries SET state = 'cancelled' WHERE hook = ?1 AND state = 'pending'", id,
                   NULL, e);
}

int webhooks_remove(store_t *s, long long id, err_t *e) { return op_tx(s, do_remove, &id, e); }

int webhooks_list(store_t *s, int active_only, arena_t *a, webhook_row **out, size_t *n, err_t *e)
{
    sqlite3_stmt *st;
    *out = NULL;
    *n = 0;
    if (db_prepare(s, "SELECT id, url, secret, created_at, allow_private, active, last_seq,"
                      " (SELECT count(*) FROM webhook_deliveries d WHERE d.hook = w.id AND state = 'pending'),"
                      " (SELECT count(*) FROM webhook_deliveries d WHERE d.hook = w.id AND state = 'delivered'),"
                      " (SELECT count(*) FROM webhook_deliveries d WHERE d.hook = w.id AND state = 'failed')"
                      " FROM webhooks w WHERE active >= ?1 ORDER BY id", &st, e))
        return -1;
    sqlite3_bind_int(st, 1, active_only ? 1 : 0);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(a, (void **)out, *n, &cap, sizeof **out, 8)) { sqlite3_finalize(st); return err_nomem(e); }
        webhook_row *w = &(*out)[(*n)++];
        w->id = sqlite3_column_int64(st, 0);
        w->url = db_text(st, 1, a);
        w->secret = db_text(st, 2, a);
        w->created_at = db_text(st, 3, a);
        w->allow_private = sqlite3_column_int(st, 4);
        w->active = sqlite3_column_int(st, 5);
        w->last_seq = sqlite3_column_int64(st, 6);
        w->pending = sqlite3_column_int64(st, 7);
        w->delivered = sqlite3_column_int64(st, 8);
        w->failed = sqlite3_column_int64(st, 9);
        if (!w->url || !w->secret || !w->created_at) { sqlite3_finalize(st); return err_nomem(e); }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, rc, "webhooks", e);
}

typedef struct {
    long long hook, old_seq, new_seq, now_ms;
    const webhook_new *d;
    size_t n;
} enqueue;

static int do_enqueue(store_t *s, void *ctx, err_t *e)
{
    const enqueue *q = ctx;
    sqlite3_stmt *st;
    if (db_prepare(s, "UPDATE webhooks SET last_seq = ?2 WHERE id = ?1 AND last_seq = ?3 AND active = 1", &st, e))
        return -1;
    sqlite3_bind_int64(st, 1, q->hook);
    sqlite3_bind_int64(st, 2, q->new_seq);
    sqlite3_bind_int64(st, 3, q->old_seq);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return db_error(s, rc, "webhooks", e);
    if (sqlite3_changes(s->db) == 0) return 0;   /* another process queued these */
    char now[TS_SIZE];
    clock_now(now);
    if (db_prepare(s, "INSERT INTO webhook_deliveries(hook, delivery, tx, body, state, attempts, next_at, last_error,"
                      " created_at) VALUES(?1, ?2, ?3, ?4, 'pending', 0, ?5, '', ?6)", &st, e))
        return -1;
    for (size_t i = 0; i < q->n; i++) {
        if (!q->d[i].body) continue;
        sqlite3_bind_int64(st, 1, q->hook);
        sqlite3_bind_text(st, 2, q->d[i].delivery, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, q->d[i].tx);
        sqlite3_bind_text(st, 4, q->d[i].body, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, q->now_ms);
        sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) { sqlite3_finalize(st); return db_error(s, rc, "webhooks", e); }
    }
    sqlite3_finalize(st);
    return 0;
}

int webhooks_enqueue(store_t *s, long long hook, long long old_seq, long long new_seq, const webhook_new *d, size_t n,
                     long long now_ms, err_t *e)
{
    enqueue q = {hook, old_seq, new_seq, now_ms, d, n};
    return op_tx(s, do_enqueue, &q, e);
}

#define DELIVERY_COLUMNS                                                                                       \
    "d.id, d.hook, d.tx, d.delivery, d.body, d.state, d.last_error, d.created_at, d.done_at, w.url, w.secret," \
    " w.allow_private, d.attempts, d.next_at, d.last_status FROM webhook_deliveries d JOIN webhooks w ON w.id = d.hook"

static int read_deliveries(store_t *s, sqlite3_stmt *st, arena_t *a, delivery_row **out, size_t *n, err_t *e)
{
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(a, (void **)out, *n, &cap, sizeof **out, 16)) { sqlite3_finalize(st); return err_nomem(e); }
        delivery_row *d = &(*out)[(*n)++];
        d->id = sqlite3_column_int64(st, 0);
        d->hook = sqlite3_column_int64(st, 1);
        d->tx = sqlite3_column_int64(st, 2);
        const char **texts[] = {&d->delivery, &d->body, &d->state, &d->last_error, &d->created_at, &d->done_at,
                                &d->url, &d->secret};
        for (int i = 0; i < 8; i++) {
            *texts[i] = db_text(st, 3 + i, a);
            if (!*texts[i] && sqlite3_column_type(st, 3 + i) != SQLITE_NULL) { sqlite3_finalize(st); return err_nomem(e); }
        }
        d->allow_private = sqlite3_column_int(st, 11);
        d->attempts = sqlite3_column_int64(st, 12);
        d->next_at = sqlite3_column_int64(st, 13);
        d->last_status = sqlite3_column_int64(st, 14);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, rc, "webhooks", e);
}

int webhooks_due(store_t *s, long long now_ms, int limit, arena_t *a, delivery_row **out, size_t *n, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT " DELIVERY_COLUMNS " WHERE d.state = 'pending' AND d.next_at <= ?1 AND w.active = 1"
                      " ORDER BY d.next_at, d.id LIMIT ?2", &st, e))
        return -1;
    sqlite3_bind_int64(st, 1, now_ms);
    sqlite3_bind_int(st, 2, limit);
    return read_deliveries(s, st, a, out, n, e);
}

int webhooks_deliveries(store_t *s, long long hook, int limit, arena_t *a, delivery_row **out, size_t *n, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT " DELIVERY_COLUMNS " WHERE ?1 = 0 OR d.hook = ?1 ORDER BY d.id DESC LIMIT ?2", &st, e))
        return -1;
    sqlite3_bind_int64(st, 1, hook);
    sqlite3_bind_int(st, 2, limit);
    return read_deliveries(s, st, a, out, n, e);
}

typedef struct {
    long long delivery, http_status, elapsed_ms, next_ms;
    const char *error;
} attempt_rec;

static int do_attempted(store_t *s, void *ctx, err_t *e)
{
    const attempt_rec *r = ctx;
    char now[TS_SIZE];
    clock_now(now);
    sqlite3_stmt *st;
    if (db_prepare(s, "INSERT INTO webhook_attempts(delivery, at, http_status, error, elapsed_ms)"
                      " VALUES(?1, ?2, nullif(?3, 0), ?4, ?5)", &st, e))
        return -1;
    sqlite3_bind_int64(st, 1, r->delivery);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, r->http_status);
    sqlite3_bind_text(st, 4, r->error ? r->error : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, r->elapsed_ms);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return db_error(s, rc, "webhooks", e);
    if (db_prepare(s, "UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = nullif(?2, 0),"
                      " last_error = ?3, next_at = ?4,"
                      " state = CASE WHEN ?3 = '' THEN 'delivered' WHEN ?4 = 0 THEN 'failed' ELSE 'pending' END,"
                      " done_at = CASE WHEN ?3 = '' OR ?4 = 0 THEN ?5 END WHERE id = ?1 AND state = 'pending'", &st, e))
        return -1;
    sqlite3_bind_int64(st, 1, r->delivery);
    sqlite3_bind_int64(st, 2, r->http_status);
    sqlite3_bind_text(st, 3, r->error ? r->error : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, r->next_ms);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, rc, "webhooks", e);
}

int webhooks_attempted(store_t *s, long long delivery, long long http_status, const char *error, long long elapsed_ms,
                       long long next_ms, err_t *e)
{
    attempt_rec r = {delivery, http_status, elapsed_ms, next_ms, error};
    return op_tx(s, do_attempted, &r, e);
}
