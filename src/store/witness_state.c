/* witness_state.c — see witness_state.h. */
#include "store/witness_state.h"

#include <sqlite3.h>
#include <string.h>

#include "util/alloc.h"
#include "util/date.h"

struct witness_state {
    sqlite3 *db;
};

static int fail(witness_state *w, const char *what, err_t *e)
{
    int rc = sqlite3_errcode(w->db);
    return err_set(e, rc == SQLITE_FULL ? ERR_FULL : rc == SQLITE_BUSY ? ERR_BUSY : ERR_IO,
                   "witness state: %s: %s", what, sqlite3_errmsg(w->db));
}

int witness_state_open(const char *path, witness_state **out, err_t *e)
{
    *out = NULL;
    witness_state *w = mem_calloc(1, sizeof *w);
    if (!w) return err_nomem(e);
    if (sqlite3_open_v2(path, &w->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        err_set(e, ERR_IO, "%s: %s", path, w->db ? sqlite3_errmsg(w->db) : "cannot open");
        witness_state_close(w);
        return -1;
    }
    sqlite3_busy_timeout(w->db, 10000);
    if (sqlite3_exec(w->db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                     "CREATE TABLE IF NOT EXISTS witnessed ("
                     " origin TEXT PRIMARY KEY, size INTEGER NOT NULL, root BLOB NOT NULL,"
                     " checkpoint TEXT NOT NULL, updated_at TEXT NOT NULL)",
                     NULL, NULL, NULL) != SQLITE_OK) {
        fail(w, path, e);
        witness_state_close(w);
        return -1;
    }
    *out = w;
    return 0;
}

void witness_state_close(witness_state *w)
{
    if (!w) return;
    sqlite3_close(w->db);
    mem_free(w);
}

/* Read origin's row inside the open transaction. */
static int read_row(witness_state *w, const char *origin, uint64_t *size, unsigned char root[HASH_SIZE], err_t *e)
{
    sqlite3_stmt *st = NULL;
    *size = 0;
    memset(root, 0, HASH_SIZE);
    if (sqlite3_prepare_v2(w->db, "SELECT size, root FROM witnessed WHERE origin = ?1", -1, &st, NULL) != SQLITE_OK)
        return fail(w, "read", e);
    sqlite3_bind_text(st, 1, origin, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 1) == HASH_SIZE) {
        *size = (uint64_t)sqlite3_column_int64(st, 0);
        memcpy(root, sqlite3_column_blob(st, 1), HASH_SIZE);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(w, "read", e);
}

static int write_row(witness_state *w, const char *origin, uint64_t size, const unsigned char root[HASH_SIZE],
                     const char *note, err_t *e)
{
    sqlite3_stmt *st = NULL;
    char now[TS_SIZE];
    clock_now(now);
    if (sqlite3_prepare_v2(w->db,
                           "INSERT INTO witnessed (origin, size, root, checkpoint, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)"
                           " ON CONFLICT (origin) DO UPDATE SET size = ?2, root = ?3, checkpoint = ?4, updated_at = ?5",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(w, "write", e);
    sqlite3_bind_text(st, 1, origin, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)size);
    sqlite3_bind_blob(st, 3, root, HASH_SIZE, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, note, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(w, "write", e);
}

int witness_state_update(witness_state *w, const char *origin, witness_decide_fn decide, void *ctx, int *status,
                         err_t *e)
{
    if (sqlite3_exec(w->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) return fail(w, "begin", e);
    uint64_t size, new_size = 0;
    unsigned char root[HASH_SIZE], new_root[HASH_SIZE];
    const char *note = NULL;
    int rc = read_row(w, origin, &size, root, e);
    if (rc == 0) {
        *status = decide(ctx, size, root, &new_size, new_root, &note);
        if (*status == 200 && (!note || new_size > INT64_MAX)) rc = err_set(e, ERR_INTERNAL, "witness state: bad update");
        else if (*status == 200) rc = write_row(w, origin, new_size, new_root, note, e);
    }
    if (rc == 0 && sqlite3_exec(w->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) rc = fail(w, "commit", e);
    if (rc) sqlite3_exec(w->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int witness_state_get(witness_state *w, const char *origin, uint64_t *size, unsigned char root[HASH_SIZE], err_t *e)
{
    return read_row(w, origin, size, root, e);
}
