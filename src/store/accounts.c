/* accounts.c — see accounts.h. Each write is its own transaction, or part
 * of the caller's when one is open (store_begin … store_commit), so that the
 * user and token commands commit their log entries and these rows at once. */
#include "store/accounts.h"

#include <sodium.h>
#include <string.h>

#include "store/internal.h"
#include "util/hex.h"

/* Run one write statement with bound text/blob/integer arguments inside
 * BEGIN IMMEDIATE … COMMIT, or inside the caller's open transaction (which
 * then rolls back on error). fmt: one letter per argument: t text (NULL
 * binds NULL), b blob32, i int64. */
static int write1(store_t *s, const char *sql, const char *fmt, const void **args, err_t *e)
{
    int own = !s->in_tx;
    int rc = own ? sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) : SQLITE_OK;
    if (rc != SQLITE_OK) return db_error(s, rc, "accounts", e);
    sqlite3_stmt *st;
    if (db_prepare(s, sql, &st, e)) { if (own) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL); return -1; }
    for (int i = 0; fmt[i]; i++) {
        if (fmt[i] == 't') sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_STATIC);
        else if (fmt[i] == 'b') sqlite3_bind_blob(st, i + 1, args[i], 32, SQLITE_STATIC);
        else sqlite3_bind_int64(st, i + 1, *(const long long *)args[i]);
    }
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        int code = rc;
        if (own) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        if ((code & 0xff) == SQLITE_CONSTRAINT) return err_set(e, ERR_CONFLICT, "already exists");
        return db_error(s, code, "accounts", e);
    }
    if (!own) return 0;
    rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return db_error(s, rc, "accounts", e);
    }
    return 0;
}

int accounts_add_user(store_t *s, const char *name, const char *role, const char *password_hash, err_t *e)
{
    char now[TS_SIZE];
    clock_now(now);
    const void *args[] = {name, role, password_hash, now};
    if (write1(s, "INSERT INTO users(name, role, password, created_at, uid) "
                  "VALUES(?1, ?2, ?3, ?4, lower(hex(randomblob(16))))", "tttt", args, e))
        return e->code == ERR_CONFLICT ? err_set(e, ERR_CONFLICT, "user %s already exists", name) : -1;
    return 0;
}

int accounts_set_password(store_t *s, const char *name, const char *password_hash, err_t *e)
{
    const void *args[] = {password_hash, name};
    return write1(s, "UPDATE users SET password = ?1 WHERE name = ?2", "tt", args, e);
}

int accounts_get_user(store_t *s, const char *name, arena_t *a, account_t *out, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT name, role, password FROM users WHERE name = ?1", &st, e)) return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        out->name = db_text(st, 0, a);
        out->role = db_text(st, 1, a);
        out->password = db_text(st, 2, a);
        found = out->name && out->role && out->password ? 1 : err_nomem(e);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, rc, "accounts", e);
    return found;
}

int accounts_new_session(store_t *s, const unsigned char id_hash[32], const char *user, const char *csrf,
                         long long now, err_t *e)
{
    const void *args[] = {id_hash, user, csrf, &now, &now};
    return write1(s, "INSERT INTO sessions(id_hash, user, csrf, created, seen) VALUES(?1, ?2, ?3, ?4, ?5)",
                  "bttii", args, e);
}

int accounts_get_session(store_t *s, const unsigned char id_hash[32], arena_t *a, const char **user,
                         const char **csrf, long long *created, long long *seen, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT user, csrf, created, seen FROM sessions WHERE id_hash = ?1", &st, e)) return -1;
    sqlite3_bind_blob(st, 1, id_hash, 32, SQLITE_STATIC);
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        *user = db_text(st, 0, a);
        *csrf = db_text(st, 1, a);
        *created = sqlite3_column_int64(st, 2);
        *seen = sqlite3_column_int64(st, 3);
        found = *user && *csrf ? 1 : err_nomem(e);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, rc, "accounts", e);
    return found;
}

int accounts_touch_session(store_t *s, const unsigned char id_hash[32], long long now, err_t *e)
{
    const void *args[] = {&now, id_hash};
    return write1(s, "UPDATE sessions SET seen = ?1 WHERE id_hash = ?2", "ib", args, e);
}

int accounts_end_session(store_t *s, const unsigned char id_hash[32], err_t *e)
{
    const void *args[] = {id_hash};
    return write1(s, "DELETE FROM sessions WHERE id_hash = ?1", "b", args, e);
}

int accounts_expire_sessions(store_t *s, long long idle_before, long long created_before, err_t *e)
{
    const void *args[] = {&idle_before, &created_before};
    return write1(s, "DELETE FROM sessions WHERE seen < ?1 OR created < ?2", "ii", args, e);
}

int accounts_set_role(store_t *s, const char *name, const char *role, err_t *e)
{
    const void *args[] = {role, name};
    return write1(s, "UPDATE users SET role = ?1 WHERE name = ?2", "tt", args, e);
}

int accounts_remove_user(store_t *s, const char *name, err_t *e)
{
    const void *args[] = {name};
    if (write1(s, "DELETE FROM api_tokens WHERE uid = (SELECT uid FROM users WHERE name = ?1)", "t", args, e) ||
        write1(s, "DELETE FROM sessions WHERE user = ?1", "t", args, e) ||
        write1(s, "DELETE FROM users WHERE name = ?1", "t", args, e))
        return -1;
    return 0;
}

int accounts_list_users(store_t *s, arena_t *a, account_t **out, size_t *n, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT name, role, created_at FROM users ORDER BY name", &st, e)) return -1;
    size_t cap = 0;
    account_t *v = NULL;
    int rc, bad = 0;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(a, (void **)&v, *n, &cap, sizeof *v, 16)) { bad = err_nomem(e); break; }
        account_t *u = &v[(*n)++];
        *u = (account_t){db_text(st, 0, a), db_text(st, 1, a), NULL, db_text(st, 2, a)};
        if (!u->name || !u->role || !u->created) { bad = err_nomem(e); break; }
    }
    sqlite3_finalize(st);
    if (bad) return -1;
    if (rc != SQLITE_DONE) return db_error(s, rc, "accounts", e);
    *out = v;
    return 0;
}

int accounts_new_token(store_t *s, const char *id, const unsigned char id_hash[32], const char *user,
                       const char *expires, err_t *e)
{
    char now[TS_SIZE];
    clock_now(now);
    const void *args[] = {id, id_hash, user, now, expires};
    if (write1(s, "INSERT INTO api_tokens(id, id_hash, uid, created_at, expires) "
                  "SELECT ?1, ?2, uid, ?4, ?5 FROM users WHERE name = ?3", "tbttt", args, e))
        return -1;
    return sqlite3_changes(s->db) == 1 ? 0 : err_set(e, ERR_NOTFOUND, "no such user: %s", user);
}

/* The columns of a token_info, joined to its user (by uid, not by name). */
#define TOKEN_SELECT \
    "SELECT t.id, u.name, t.created_at, t.expires, t.last_used FROM api_tokens t JOIN users u ON u.uid = t.uid "

static int token_row(sqlite3_stmt *st, arena_t *a, token_info *t, err_t *e)
{
    *t = (token_info){db_text(st, 0, a), db_text(st, 1, a), db_text(st, 2, a), NULL, NULL};
    if (sqlite3_column_type(st, 3) != SQLITE_NULL) t->expires = db_text(st, 3, a);
    if (sqlite3_column_type(st, 4) != SQLITE_NULL) t->last_used = db_text(st, 4, a);
    return t->id && t->user && t->created ? 0 : err_nomem(e);
}

int accounts_get_token(store_t *s, const unsigned char id_hash[32], arena_t *a, token_info *out, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, TOKEN_SELECT "WHERE t.id_hash = ?1", &st, e)) return -1;
    sqlite3_bind_blob(st, 1, id_hash, 32, SQLITE_STATIC);
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) found = token_row(st, a, out, e) ? -1 : 1;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, rc, "accounts", e);
    return found;
}

int accounts_list_tokens(store_t *s, const char *user, arena_t *a, token_info **out, size_t *n, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, TOKEN_SELECT "WHERE ?1 IS NULL OR u.name = ?1 ORDER BY t.created_at, t.id", &st, e)) return -1;
    sqlite3_bind_text(st, 1, user, -1, SQLITE_STATIC);
    size_t cap = 0;
    token_info *v = NULL;
    int rc, bad = 0;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(a, (void **)&v, *n, &cap, sizeof *v, 16)) { bad = err_nomem(e); break; }
        if (token_row(st, a, &v[(*n)++], e)) { bad = -1; break; }
    }
    sqlite3_finalize(st);
    if (bad) return -1;
    if (rc != SQLITE_DONE) return db_error(s, rc, "accounts", e);
    *out = v;
    return 0;
}

int accounts_touch_token(store_t *s, const char *id, const char *day, err_t *e)
{
    const void *args[] = {day, id};
    return write1(s, "UPDATE api_tokens SET last_used = ?1 WHERE id = ?2", "tt", args, e);
}

int accounts_revoke_token(store_t *s, const char *id, err_t *e)
{
    const void *args[] = {id};
    if (write1(s, "DELETE FROM api_tokens WHERE id = ?1", "t", args, e)) return -1;
    return sqlite3_changes(s->db) == 1 ? 0 : err_set(e, ERR_NOTFOUND, "no such token: %.40s", id);
}

int accounts_reserve_signin(store_t *s, const char *user, const char *addr, const signin_limits *l, long long *id,
                            err_t *e)
{
    const void *args[] = {user, addr, &l->now, &l->user_since, &l->max_user, &l->addr_since, &l->max_addr};
    long long before = sqlite3_total_changes(s->db);
    if (write1(s, "INSERT INTO signin_failures(user, addr, at) SELECT ?1, ?2, ?3 "
                  "WHERE (SELECT count(*) FROM signin_failures WHERE user = ?1 AND at >= ?4) < ?5 "
                  "AND (SELECT count(*) FROM signin_failures WHERE addr = ?2 AND at >= ?6) < ?7",
               "ttiiiii", args, e))
        return -1;
    if (sqlite3_total_changes(s->db) == before) return 0;
    *id = sqlite3_last_insert_rowid(s->db);
    return 1;
}

int accounts_release_signin(store_t *s, long long id, err_t *e)
{
    const void *args[] = {&id};
    return write1(s, "DELETE FROM signin_failures WHERE rowid = ?1", "i", args, e);
}

char *accounts_hash_password(arena_t *a, const char *password, err_t *e)
{
    char *out = arena_alloc(a, crypto_pwhash_STRBYTES);
    if (!out) { err_nomem(e); return NULL; }
    if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        err_set(e, ERR_NOMEM, "not enough memory to hash the password");
        return NULL;
    }
    return out;
}

char *accounts_new_secret(arena_t *a, unsigned char hash[32])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    char *hex = arena_alloc(a, 65);
    if (!hex) return NULL;
    hex_encode(raw, sizeof raw, hex);
    crypto_hash_sha256(hash, (const unsigned char *)hex, 64);
    sodium_memzero(raw, sizeof raw);
    return hex;
}
