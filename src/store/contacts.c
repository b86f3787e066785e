/* contacts.c — see contacts.h. Writes run through op_tx (op_tx.c). */
#include "store/contacts.h"

#include "store/internal.h"

/* One statement with up to four text arguments (NULL binds NULL) and an
 * optional integer as ?5; *changes gets sqlite3_changes when not NULL. */
static int exec_text(store_t *s, const char *sql, const char *const args[4], const long long *num, int *changes,
                     err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, sql, &st, e)) return -1;
    for (int i = 0; i < 4 && args[i]; i++) sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_STATIC);
    if (num) sqlite3_bind_int64(st, 5, *num);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return db_error(s, rc, "contacts", e);
    if (changes) *changes = sqlite3_changes(s->db);
    return 0;
}

/* 1 when the user exists, 0 not, -1 error. */
static int user_exists(store_t *s, const char *user, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT 1 FROM users WHERE name = ?1", &st, e)) return -1;
    sqlite3_bind_text(st, 1, user, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, rc, "contacts", e);
    return rc == SQLITE_ROW;
}

typedef struct {
    const char *sql;
    const char *args[4];
    long long num;
    int user_check;    /* args[0] names a user who must exist */
    int changes;
} one_write;

static int do_write(store_t *s, void *ctx, err_t *e)
{
    one_write *w = ctx;
    if (w->user_check) {
        int found = user_exists(s, w->args[0], e);
        if (found < 0) return -1;
        if (!found) return err_set(e, ERR_NOTFOUND, "no such user: %s", w->args[0]);
    }
    return exec_text(s, w->sql, w->args, &w->num, &w->changes, e);
}

int contacts_set_owner(store_t *s, const char *owner, const char *email, err_t *e)
{
    char now[TS_SIZE];
    clock_now(now);
    one_write w = {"INSERT INTO contacts(owner, email, set_at) VALUES(?1, ?2, ?3)"
                   " ON CONFLICT(owner) DO UPDATE SET email = excluded.email, set_at = excluded.set_at",
                   {owner, email, now, NULL}, 0, 0, 0};
    return op_tx(s, do_write, &w, e);
}

int contacts_set_user_email(store_t *s, const char *user, const char *email, err_t *e)
{
    char now[TS_SIZE];
    clock_now(now);
    one_write w = {"INSERT INTO user_emails(user, email, set_at) VALUES(?1, ?2, ?3)"
                   " ON CONFLICT(user) DO UPDATE SET email = excluded.email, set_at = excluded.set_at",
                   {user, email, now, NULL}, 0, 1, 0};
    return op_tx(s, do_write, &w, e);
}

int contacts_watch(store_t *s, const char *user, const char *kind, const char *id, int *added, err_t *e)
{
    char now[TS_SIZE];
    clock_now(now);
    /* From the newest change now: what is already in the log is no news. */
    one_write w = {"INSERT INTO watches(user, kind, id, since, from_seq)"
                   " VALUES(?1, ?2, ?3, ?4, coalesce((SELECT max(seq) FROM change_log), 0))"
                   " ON CONFLICT DO NOTHING",
                   {user, kind, id, now}, 0, 1, 0};
    if (op_tx(s, do_write, &w, e)) return -1;
    *added = w.changes > 0;
    return 0;
}

int contacts_unwatch(store_t *s, const char *user, const char *kind, const char *id, int *removed, err_t *e)
{
    one_write w = {"DELETE FROM watches WHERE user = ?1 AND kind = ?2 AND id = ?3", {user, kind, id, NULL}, 0, 1, 0};
    if (op_tx(s, do_write, &w, e)) return -1;
    *removed = w.changes > 0;
    return 0;
}

int contacts_watching(store_t *s, const char *user, const char *kind, const char *id, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT 1 FROM watches WHERE user = ?1 AND kind = ?2 AND id = ?3", &st, e)) return -1;
    sqlite3_bind_text(st, 1, user, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, rc, "contacts", e);
    return rc == SQLITE_ROW;
}

int contacts_recipients(store_t *s, arena_t *a, recipient_t **out, size_t *n, err_t *e)
{
    sqlite3_stmt *st;
    *out = NULL;
    *n = 0;
    if (db_prepare(s, "SELECT 'contact:' || owner, owner, email, 0 FROM contacts"
                      " UNION ALL SELECT 'user:' || user, user, email, 1 FROM user_emails"
                      " WHERE user IN (SELECT name FROM users) ORDER BY 4, 2", &st, e))
        return -1;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(a, (void **)out, *n, &cap, sizeof **out, 16)) { sqlite3_finalize(st); return err_nomem(e); }
        recipient_t *r = &(*out)[(*n)++];
        r->key = db_text(st, 0, a);
        r->name = db_text(st, 1, a);
        r->email = db_text(st, 2, a);
        r->is_user = sqlite3_column_int(st, 3);
        if (!r->key || !r->name || !r->email) { sqlite3_finalize(st); return err_nomem(e); }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, rc, "contacts", e);
}

int contacts_watches(store_t *s, const char *user, arena_t *a, watch_t **out, size_t *n, err_t *e)
{
    sqlite3_stmt *st;
    *out = NULL;
    *n = 0;
    if (db_prepare(s, "SELECT kind, id, from_seq FROM watches WHERE user = ?1 ORDER BY kind, id", &st, e)) return -1;
    sqlite3_bind_text(st, 1, user, -1, SQLITE_STATIC);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(a, (void **)out, *n, &cap, sizeof **out, 16)) { sqlite3_finalize(st); return err_nomem(e); }
        watch_t *w = &(*out)[(*n)++];
        w->kind = db_text(st, 0, a);
        w->id = db_text(st, 1, a);
        w->from_seq = sqlite3_column_int64(st, 2);
        if (!w->kind || !w->id) { sqlite3_finalize(st); return err_nomem(e); }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, rc, "contacts", e);
}

int notify_was_sent(store_t *s, const char *recipient, const char *item, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT 1 FROM notify_items WHERE recipient = ?1 AND item = ?2", &st, e)) return -1;
    sqlite3_bind_text(st, 1, recipient, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, item, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, rc, "notify", e);
    return rc == SQLITE_ROW;
}

typedef struct {
    const recipient_t *r;
    const char *const *items;
    size_t n;
    const char *error;
} attempt;

static int do_record(store_t *s, void *ctx, err_t *e)
{
    attempt *at = ctx;
    char now[TS_SIZE];
    clock_now(now);
    long long count = (long long)at->n;
    const char *a1[4] = {at->r->key, at->r->email, now, at->error ? at->error : ""};
    if (exec_text(s, "INSERT INTO notify_attempts(recipient, email, at, error, items, outcome)"
                     " VALUES(?1, ?2, ?3, ?4, ?5, CASE WHEN ?4 = '' THEN 'sent' ELSE 'failed' END)",
                  a1, &count, NULL, e))
        return -1;
    if (at->error) return 0;
    for (size_t i = 0; i < at->n; i++) {
        const char *a2[4] = {at->r->key, at->items[i], now, NULL};
        if (exec_text(s, "INSERT OR IGNORE INTO notify_items(recipient, item, sent_at) VALUES(?1, ?2, ?3)", a2,
                      NULL, NULL, e))
            return -1;
    }
    return 0;
}

int notify_record(store_t *s, const recipient_t *r, const char *const *items, size_t n, const char *error,
                  err_t *e)
{
    attempt at = {r, items, n, error};
    return op_tx(s, do_record, &at, e);
}

int config_get(store_t *s, const char *key, arena_t *a, const char **value, err_t *e)
{
    char k[80];
    snprintf(k, sizeof k, "config:%s", key);
    return meta_get(s, k, a, value, e);
}

typedef struct { const char *key, *value; } setting;

static int do_config(store_t *s, void *ctx, err_t *e)
{
    const setting *c = ctx;
    char k[80];
    snprintf(k, sizeof k, "config:%s", c->key);
    return meta_set(s, k, c->value, e);
}

int config_set(store_t *s, const char *key, const char *value, err_t *e)
{
    setting c = {key, value};
    return op_tx(s, do_config, &c, e);
}
