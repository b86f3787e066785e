/* db.c — opening, creating and migrating the database file; transactions;
 * SQLite errors as err_t. The schema of the log is here; the projection
 * tables are generated from the kind descriptors in project.c. */
#include "store/internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/alloc.h"

static const char schema_v1[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE change_log("
    " seq INTEGER PRIMARY KEY,"
    " entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT NOT NULL,"
    " value TEXT NOT NULL, effective_at TEXT NOT NULL, recorded_at TEXT NOT NULL,"
    " actor TEXT NOT NULL, reason TEXT NOT NULL, hash BLOB NOT NULL);"
    "CREATE INDEX change_log_thing ON change_log(entity, entity_id, effective_at, seq);";
/* recorded_at needs no index: it never decreases along seq (store_begin makes
 * sure), so the last change recorded by a moment is found by binary search. */

/* Later schema versions: step i brings version i+1 to version i+2. A new
 * database runs schema_v1 and then every step. Append; never edit a step
 * that has shipped. (Projection tables are not here: they follow the kind
 * descriptors and are rebuilt from the log when those change.) Steps use
 * IF NOT EXISTS, so replaying one on a file that has its tables is harmless. */
static const char *const migrations[] = {
    /* 1 -> 2: accounts for the web (secrets stay out of the change log) */
    "CREATE TABLE IF NOT EXISTS users(name TEXT PRIMARY KEY, role TEXT NOT NULL, password TEXT NOT NULL,"
    " created_at TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sessions(id_hash BLOB PRIMARY KEY, user TEXT NOT NULL, csrf TEXT NOT NULL,"
    " created INTEGER NOT NULL, seen INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS tokens(id_hash BLOB PRIMARY KEY, user TEXT NOT NULL, created_at TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS signin_failures(user TEXT NOT NULL, addr TEXT NOT NULL, at INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS signin_failures_user ON signin_failures(user, at);"
    "CREATE INDEX IF NOT EXISTS signin_failures_addr ON signin_failures(addr, at);",
    /* 2 -> 3: link checks (store/linkcheck.c): an operational, append-only record of
     * every check of an evidence URL. Not part of the change log: not hashed,
     * not exported, untouched by rebuild. */
    "CREATE TABLE IF NOT EXISTS link_checks("
    " id INTEGER PRIMARY KEY, url TEXT NOT NULL, checked_at TEXT NOT NULL,"
    " outcome TEXT NOT NULL, http_status INTEGER, final_url TEXT, content_sha256 TEXT,"
    " body_bytes INTEGER, truncated INTEGER NOT NULL, changed INTEGER NOT NULL,"
    " etag TEXT, last_modified TEXT, method TEXT NOT NULL, elapsed_ms INTEGER NOT NULL,"
    " error TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS link_checks_url ON link_checks(url, checked_at);"
    "CREATE TRIGGER IF NOT EXISTS link_checks_no_update BEFORE UPDATE ON link_checks"
    " BEGIN SELECT RAISE(ABORT, 'link_checks is append-only'); END;"
    "CREATE TRIGGER IF NOT EXISTS link_checks_no_delete BEFORE DELETE ON link_checks"
    " BEGIN SELECT RAISE(ABORT, 'link_checks is append-only'); END;",
    /* 3 -> 4: the Merkle tree over the log and the signed checkpoints (store/tree.c,
     * docs/ledger.md); tree.c builds the tree of an existing log on open. */
    "CREATE TABLE IF NOT EXISTS merkle_nodes(key INTEGER PRIMARY KEY, hash BLOB NOT NULL);"
    "CREATE TABLE IF NOT EXISTS checkpoints(id INTEGER PRIMARY KEY, tree_size INTEGER NOT NULL,"
    " root BLOB NOT NULL, issued_at TEXT NOT NULL, note TEXT NOT NULL);",
    /* 4 -> 5: entries of version 2 (docs/ledger.md): the date a fact was first
     * reported, and the transaction a change belongs to. Rows written before
     * keep NULL in both and their version-1 encoding. (ALTER TABLE has no IF
     * NOT EXISTS: add_column makes the step harmless to replay.) */
    "+change_log reported_at TEXT;"
    "+change_log tx INTEGER;",
    /* 5 -> 6: who is told (store/contacts.c): addresses of owners and users,
     * watches, and the record of digests sent. Operational, like accounts:
     * not in the change log, not exported, untouched by rebuild. */
    "CREATE TABLE IF NOT EXISTS contacts(owner TEXT PRIMARY KEY, email TEXT NOT NULL, set_at TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS user_emails(user TEXT PRIMARY KEY, email TEXT NOT NULL, set_at TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS watches(user TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,"
    " since TEXT NOT NULL, from_seq INTEGER NOT NULL, PRIMARY KEY(user, kind, id));"
    "CREATE TABLE IF NOT EXISTS notify_items(recipient TEXT NOT NULL, item TEXT NOT NULL, sent_at TEXT NOT NULL,"
    " PRIMARY KEY(recipient, item));"
    "CREATE TABLE IF NOT EXISTS notify_attempts(id INTEGER PRIMARY KEY, recipient TEXT NOT NULL,"
    " email TEXT NOT NULL, at TEXT NOT NULL, items INTEGER NOT NULL, outcome TEXT NOT NULL, error TEXT NOT NULL);",
    /* 6 -> 7: webhooks (store/webhooks.c): receivers, one delivery per
     * receiver and transaction of the log after last_seq, and every attempt.
     * Operational: not in the change log, not exported. */
    "CREATE TABLE IF NOT EXISTS webhooks(id INTEGER PRIMARY KEY, url TEXT NOT NULL, secret TEXT NOT NULL,"
    " allow_private INTEGER NOT NULL, created_at TEXT NOT NULL, active INTEGER NOT NULL, last_seq INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS webhook_deliveries(id INTEGER PRIMARY KEY, hook INTEGER NOT NULL,"
    " delivery TEXT NOT NULL UNIQUE, tx INTEGER NOT NULL, body TEXT NOT NULL, state TEXT NOT NULL,"
    " attempts INTEGER NOT NULL, next_at INTEGER NOT NULL, last_status INTEGER, last_error TEXT NOT NULL,"
    " created_at TEXT NOT NULL, done_at TEXT);"
    "CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries(state, next_at);"
    "CREATE TABLE IF NOT EXISTS webhook_attempts(id INTEGER PRIMARY KEY, delivery INTEGER NOT NULL,"
    " at TEXT NOT NULL, http_status INTEGER, error TEXT NOT NULL, elapsed_ms INTEGER NOT NULL);",
    /* 7 -> 8: accounts keyed to identity (store/accounts.c): each user gets a
     * random uid, never reused, so that a token or a session of a removed
     * user cannot pass to a new user of the same name. */
    "+users uid TEXT;",
    /* 8 -> 9: API tokens by id, keyed to the user's uid, with an expiry and a
     * last use; the tokens of step 1 move over (keyed to whoever has their
     * name now) and leave the old table empty. */
    "UPDATE users SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;"
    "CREATE UNIQUE INDEX IF NOT EXISTS users_uid ON users(uid);"
    "CREATE TABLE IF NOT EXISTS api_tokens(id TEXT PRIMARY KEY, id_hash BLOB NOT NULL UNIQUE,"
    " uid TEXT NOT NULL, created_at TEXT NOT NULL, expires TEXT, last_used TEXT);"
    "CREATE INDEX IF NOT EXISTS api_tokens_uid ON api_tokens(uid);"
    "INSERT OR IGNORE INTO api_tokens(id, id_hash, uid, created_at)"
    " SELECT 'K' || t.rowid, t.id_hash, u.uid, t.created_at FROM tokens t JOIN users u ON u.name = t.user;"
    "DELETE FROM tokens;",
    /* 9 -> 10: the recs' steps (store/project.c keeps them at each write):
     * the versions whose status or disposition differ from the one before,
     * filled here from the versions of a file written before. */
    REC_STEPS_TABLE ";"
    "DELETE FROM rec_steps;"
    "INSERT INTO rec_steps(id, valid_from, status, board, parent)"
    " SELECT id, valid_from, status, board, parent FROM (SELECT id, valid_from, status, board, parent,"
    "  row_number() OVER w AS n, lag(status) OVER w AS ps, lag(board) OVER w AS pb"
    "  FROM recs_versions WINDOW w AS (PARTITION BY id ORDER BY valid_from))"
    " WHERE n = 1 OR ps IS NOT status OR pb IS NOT board;",
    /* 10 -> 11: the documentation lag kept as counts per review
     * (store/lag_counts.c keeps them at each write), filled here by one
     * pass over the log of a file written before; and the restricted
     * things indexed (project.c makes these indexes for new files). */
    DOC_LAG_TABLE ";" DOC_LAG_FILL ";"
    "CREATE INDEX IF NOT EXISTS recs_restricted ON recs(id) WHERE \"restricted\" = 'true';"
    "CREATE INDEX IF NOT EXISTS milestones_restricted ON milestones(id) WHERE \"restricted\" = 'true';"
    "CREATE INDEX IF NOT EXISTS evidence_restricted ON evidence(id) WHERE \"restricted\" = 'true';",
    /* 11 -> 12: the recs' Board decisions indexed apart (internal.h,
     * REC_BOARD_SELECT): a review's Board timeline reads its few rows
     * instead of walking every rec change through change_log_thing. */
    REC_BOARD_INDEX ";",
    NULL
};
#define MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]) - 1)

int store_schema_version(void) { return 1 + MIGRATIONS; }

/* "+TABLE COLUMN TYPE;" in a step: ALTER TABLE TABLE ADD COLUMN COLUMN TYPE,
 * unless the table has that column already. *sql moves past the ';'. */
static int add_column(store_t *s, const char **sql, err_t *e)
{
    char table[64], column[64], type[64];
    int used = 0;
    if (sscanf(*sql, "+%63s %63s %63[^;];%n", table, column, type, &used) != 3 || !used)
        return err_set(e, ERR_INTERNAL, "a malformed schema step");
    *sql += used;
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2", &st, e)) return -1;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int have = rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) return db_error(s, rc, "database", e);
    if (have) return 0;
    char alter[256];
    snprintf(alter, sizeof alter, "ALTER TABLE %s ADD COLUMN %s %s", table, column, type);
    return db_exec(s, alter, e);
}

/* One step: SQL, or lines of add_column. */
static int run_step(store_t *s, const char *sql, err_t *e)
{
    if (*sql != '+') return db_exec(s, sql, e);
    while (*sql == '+')
        if (add_column(s, &sql, e)) return -1;
    return 0;
}

/* Run the steps from version `from` to the newest, inside the caller's transaction. */
static int run_migrations(store_t *s, long from, err_t *e)
{
    for (long v = from; v < 1 + MIGRATIONS; v++)
        if (run_step(s, migrations[v - 1], e)) return err_prefix(e, "%s: upgrading the schema to version %ld", s->path, v + 1);
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", 1 + MIGRATIONS);
    return db_exec(s, pragma, e);
}

int db_error(store_t *s, int rc, const char *what, err_t *e)
{
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
    case SQLITE_FULL:
        return err_set(e, ERR_FULL, "%s: the database is full: make room on its disk, then try again", what);
    case SQLITE_BUSY: case SQLITE_LOCKED:
        return err_set(e, ERR_BUSY, "%s: the database is locked by another writer", what);
    case SQLITE_NOMEM:
        return err_set(e, ERR_NOMEM, "%s: out of memory", what);
    case SQLITE_NOTADB:
        return err_set(e, ERR_INPUT, "%s: not an ssrtrack database (file is not a database)",
                       s && s->path ? s->path : what);
    case SQLITE_CORRUPT:
        return err_set(e, ERR_IO, "%s: the database file is damaged (%s)", what, msg);
    case SQLITE_IOERR: case SQLITE_CANTOPEN: case SQLITE_READONLY: case SQLITE_PERM:
        return err_set(e, ERR_IO, "%s: %s", what, msg);
    default:
        return err_set(e, ERR_INTERNAL, "%s: %s", what, msg);
    }
}

int db_exec(store_t *s, const char *sql, err_t *e)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : db_error(s, rc, "database", e);
}

int db_prepare(store_t *s, const char *sql, sqlite3_stmt **st, err_t *e)
{
    int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
    return rc == SQLITE_OK ? 0 : db_error(s, rc, "database", e);
}

/* A kept statement and whether it is handed out now. */
typedef struct {
    sqlite3_stmt *st;
    int out;
} kept_stmt;

#define STMT_CACHE_MAX 128   /* SQL texts are from the code, so few; a bound all the same */

int db_cached(store_t *s, const char *sql, sqlite3_stmt **st, err_t *e)
{
    kept_stmt *k = map_get(s->stmts, sql);
    if (k && !k->out) {
        k->out = 1;
        *st = k->st;
        return 0;
    }
    if (db_prepare(s, sql, st, e)) return -1;
    if (k || map_count(s->stmts) >= STMT_CACHE_MAX) return 0;
    k = mem_alloc(sizeof *k);
    if (!k) return 0;   /* not kept: db_release finalizes it */
    *k = (kept_stmt){*st, 1};
    if (map_put(s->stmts, sql, k) != 0) mem_free(k);
    return 0;
}

void db_release(store_t *s, sqlite3_stmt *st)
{
    if (!st) return;
    kept_stmt *k = map_get(s->stmts, sqlite3_sql(st));
    if (k && k->st == st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        k->out = 0;
    } else {
        sqlite3_finalize(st);
    }
}

static void stmts_free(store_t *s)
{
    for (size_t i = 0; s->stmts && i < map_count(s->stmts); i++) {
        kept_stmt *k = map_value(s->stmts, i);
        sqlite3_finalize(k->st);
        mem_free(k);
    }
    map_free(s->stmts);
    s->stmts = NULL;
}

const char *db_text(sqlite3_stmt *st, int i, arena_t *a)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    if (!t) return NULL;
    return arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, i));
}

int meta_get(store_t *s, const char *key, arena_t *a, const char **out, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT value FROM meta WHERE key = ?1", &st, e)) return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *out = NULL;
    if (rc == SQLITE_ROW) {
        *out = db_text(st, 0, a);
        if (!*out) { sqlite3_finalize(st); return err_nomem(e); }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, rc, "meta", e);
    return 0;
}

int meta_set(store_t *s, const char *key, const char *value, err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, "INSERT INTO meta(key, value) VALUES(?1, ?2)"
                      " ON CONFLICT(key) DO UPDATE SET value = excluded.value", &st, e))
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, rc, "meta", e);
}

/* Read one integer PRAGMA; -1 with e set on error. */
static int pragma_int(store_t *s, const char *sql, long *out, err_t *e)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return db_error(s, rc, s->path, e);
    rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, rc, s->path, e);
    return 0;
}

/* A test hook: $SSRTRACK_MAX_PAGES caps the file at that many pages on every
 * connection, so tests can see what a full disk does without filling one. */
static int apply_page_limit(store_t *s, err_t *e)
{
    const char *v = getenv("SSRTRACK_MAX_PAGES");
    if (!v || !*v) return 0;
    char *end;
    errno = 0;
    long long pages = strtoll(v, &end, 10);
    if (errno || *end || pages < 1)
        return err_set(e, ERR_INPUT, "SSRTRACK_MAX_PAGES: '%.40s' is not a positive whole number of pages", v);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count=%lld", pages);
    long got;
    return pragma_int(s, sql, &got, e);
}

/* Create the schema in an empty file. */
static int create_schema(store_t *s, err_t *e)
{
    sqlite3_stmt *st;
    /* WAL must be chosen outside a transaction; it is kept in the file. */
    if (db_prepare(s, "PRAGMA journal_mode=WAL", &st, e)) return -1;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) return db_error(s, rc, s->path, e);
    if (db_exec(s, "BEGIN IMMEDIATE", e)) return -1;
    char pragmas[128];
    snprintf(pragmas, sizeof pragmas, "PRAGMA application_id=%d;", STORE_APPLICATION_ID);
    char now[TS_SIZE];
    clock_now(now);
    /* The projection's tables first: a migration may fill one of them. */
    if (db_exec(s, schema_v1, e) || project_create_tables(s, e) || run_migrations(s, 1, e) ||
        db_exec(s, pragmas, e) || meta_set(s, "created_at", now, e) ||
        meta_set(s, "head_seq", "0", e) || meta_set(s, "head_hash", "", e) ||
        meta_set(s, "head_recorded_at", "", e)) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return db_exec(s, "COMMIT", e);
}

/* Bring an older schema up to this version, in one transaction. */
static int migrate(store_t *s, long from, err_t *e)
{
    if (db_exec(s, "BEGIN IMMEDIATE", e)) return -1;
    if (run_migrations(s, from, e) || db_exec(s, "COMMIT", e)) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

int store_open(const char *path, int flags, store_t **out, int *created, err_t *e)
{
    *out = NULL;
    if (created) *created = 0;
    if (store_init(e)) return -1;
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    if (!exists && !(flags & STORE_CREATE))
        return err_set(e, ERR_INPUT, "%s: no such database (create it with 'ssrtrack init')", path);
    if (exists && !S_ISREG(sb.st_mode))
        return err_set(e, ERR_INPUT, "%s: not a regular file", path);

    store_t *s = mem_calloc(1, sizeof *s);
    if (!s) return err_nomem(e);
    s->path = mem_strdup(path);
    s->touched = map_new();
    s->stmts = map_new();
    s->readonly = (flags & STORE_READONLY) != 0;
    if (!s->path || !s->touched || !s->stmts) { store_close(s); return err_nomem(e); }

    /* A reader is used by one thread at a time (the server keeps one per
     * thread): SQLite's own mutexes on it would only cost time. */
    int oflags = s->readonly ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX : SQLITE_OPEN_READWRITE;
    if (flags & STORE_CREATE) oflags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &s->db, oflags, NULL);
    if (rc != SQLITE_OK) {
        err_set(e, ERR_IO, "%s: cannot open: %s", path, s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        store_close(s);
        return -1;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 10000);
    /* Plans never depend on bound values (the query planner stability
     * guarantee): statements are prepared once and kept (db_cached), and
     * without it SQLite prepares a query with "field = ?3" on change_log
     * again at every new binding, to see whether the value makes the
     * partial index change_log_rec_board ("field = 'board'") usable. */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_QPSG, 1, (int *)NULL);
    if (apply_page_limit(s, e)) { store_close(s); return -1; }

    long app_id = 0, version = 0, tables = 0;
    if (pragma_int(s, "PRAGMA application_id", &app_id, e) ||
        pragma_int(s, "PRAGMA user_version", &version, e) ||
        pragma_int(s, "SELECT count(*) FROM sqlite_schema", &tables, e)) {
        store_close(s);
        return -1;
    }
    if (app_id == 0 && version == 0 && tables == 0) {
        if (!(flags & STORE_CREATE)) {
            store_close(s);
            return err_set(e, ERR_INPUT, "%s: empty file, not an ssrtrack database (run 'ssrtrack init')", path);
        }
        if (create_schema(s, e)) { store_close(s); return -1; }
        if (created) *created = 1;
        version = store_schema_version();
        app_id = STORE_APPLICATION_ID;
    }
    if (app_id != STORE_APPLICATION_ID) {
        store_close(s);
        return err_set(e, ERR_INPUT, "%s: not an ssrtrack database (another application's SQLite file)", path);
    }
    if (version > store_schema_version()) {
        store_close(s);
        return err_set(e, ERR_INPUT,
                       "%s: database schema version %ld is newer than this ssrtrack supports (%d); "
                       "use a newer ssrtrack", path, version, store_schema_version());
    }
    s->cache_kib = 65536;
    s->mmap_bytes = 1073741824;
    if (db_exec(s, "PRAGMA synchronous=FULL; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=1073741824", e)) {
        store_close(s);
        return -1;
    }
    if (version < store_schema_version()) {
        if (s->readonly) {
            store_close(s);
            return err_set(e, ERR_INPUT, "%s: schema version %ld needs an upgrade; open it read-write once", path, version);
        }
        if (migrate(s, version, e)) { store_close(s); return -1; }
    }
    if (!s->readonly && (project_check(s, e) || tree_check(s, e))) {
        store_close(s);
        return -1;
    }
    *out = s;
    return 0;
}

void store_close(store_t *s)
{
    if (!s) return;
    if (s->in_tx) store_rollback(s);
    sqlite3_finalize(s->insert_change);
    sqlite3_finalize(s->data_version);
    sqlite3_finalize(s->insert_node);
    sqlite3_finalize(s->select_node);
    project_free_sql(s);
    stmts_free(s);
    if (s->db) sqlite3_close(s->db);
    buf_free(&s->scratch);
    map_free(s->touched);
    mem_free(s->path);
    mem_free(s);
}

const char *store_path(const store_t *s) { return s->path; }
const char *store_now(const store_t *s) { return s->now; }
const char *store_today(const store_t *s) { return s->today; }

int store_begin(store_t *s, err_t *e)
{
    if (s->readonly) return err_set(e, ERR_INTERNAL, "%s: opened read-only", s->path);
    if (s->in_tx) return err_set(e, ERR_INTERNAL, "nested transaction");
    int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK) return db_error(s, rc, "begin", e);
    s->in_tx = 1;
    s->tree_loaded = 0;   /* another process may have appended since */
    map_clear(s->touched);
    if (log_load_head(s, e)) { store_rollback(s); return -1; }
    s->lag_seq = s->head_seq;
    clock_now(s->now);
    if (strcmp(s->now, s->head_recorded) < 0) memcpy(s->now, s->head_recorded, TS_SIZE);
    clock_today(s->today);
    s->tx = 0;
    s->reported[0] = '\0';
    return 0;
}

void store_new_tx(store_t *s) { s->tx = 0; }

void store_version1_rows(store_t *s) { s->tx = -1; }

int store_set_reported(store_t *s, const char *date, err_t *e)
{
    if (date && *date && !date_valid(date))
        return err_set(e, ERR_INPUT, "reported date '%.40s' is not a valid date (YYYY-MM-DD)", date);
    snprintf(s->reported, sizeof s->reported, "%s", date ? date : "");
    return 0;
}

int store_set_recorded(store_t *s, const char *ts, err_t *e)
{
    char now[TS_SIZE];
    clock_now(now);
    if (strcmp(ts, s->head_recorded) < 0)
        return err_set(e, ERR_INPUT, "recorded_at %s precedes the newest recorded change (%s)", ts, s->head_recorded);
    if (strcmp(ts, now) > 0)
        return err_set(e, ERR_INPUT, "recorded_at %s is in the future", ts);
    memcpy(s->now, ts, TS_SIZE);
    return 0;
}

int db_tx_alive(store_t *s, err_t *e)
{
    if (!s->in_tx || !sqlite3_get_autocommit(s->db)) return 0;
    s->in_tx = 0;
    s->tree_loaded = 0;
    map_clear(s->touched);
    return err_set(e, ERR_IO, "%s: the transaction was rolled back after an earlier error "
                   "(out of memory, disk I/O error or the database is full); nothing was written", s->path);
}

int store_commit(store_t *s, err_t *e)
{
    if (!s->in_tx) return err_set(e, ERR_INTERNAL, "commit outside a transaction");
    if (db_tx_alive(s, e) || store_flush(s, e) || db_tx_alive(s, e) || log_save_head(s, e)) {
        store_rollback(s);
        return -1;
    }
    int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        db_error(s, rc, "commit", e);
        store_rollback(s);
        return -1;
    }
    s->in_tx = 0;
    return 0;
}

/* BEGIN and COMMIT as kept statements (db_cached): a server opens a
 * snapshot for every request, and sqlite3_exec parsed each afresh. */
int store_read_begin(store_t *s, err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(s, "BEGIN DEFERRED", &st, e)) return -1;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) rc = db_error(s, rc, "read", e);
    else rc = 0;
    db_release(s, st);
    return rc;
}

void store_read_end(store_t *s)
{
    sqlite3_stmt *st;
    err_t e = {0};
    if (db_cached(s, "COMMIT", &st, &e)) return;
    sqlite3_step(st);
    db_release(s, st);
}

int store_data_version(store_t *s, long long *v, err_t *e)
{
    if (!s->data_version && db_prepare(s, "PRAGMA data_version", &s->data_version, e)) return -1;
    int rc = sqlite3_step(s->data_version);
    *v = rc == SQLITE_ROW ? sqlite3_column_int64(s->data_version, 0) : 0;
    sqlite3_reset(s->data_version);
    return rc == SQLITE_ROW ? 0 : db_error(s, rc, "data version", e);
}

void store_rollback(store_t *s)
{
    if (!s->in_tx) return;
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_tx = 0;
    s->tree_loaded = 0;
    map_clear(s->touched);
}

int db_read_begin(store_t *s, int *began, err_t *e)
{
    *began = 0;
    if (s->in_tx || !sqlite3_get_autocommit(s->db)) return 0;
    int rc = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL);
    if (rc != SQLITE_OK) return db_error(s, rc, "begin", e);
    *began = 1;
    return 0;
}

/* Pages read once, in order, by a pass over the whole log need not stay
 * mapped nor cached: they would only grow the process by the size of the
 * file. Restored by db_scan_end. */
void db_scan_begin(store_t *s)
{
    sqlite3_exec(s->db, "PRAGMA mmap_size=0; PRAGMA cache_size=-8192", NULL, NULL, NULL);
}

void db_scan_end(store_t *s)
{
    char sql[100];
    snprintf(sql, sizeof sql, "PRAGMA cache_size=-%ld; PRAGMA mmap_size=%lld", s->cache_kib, s->mmap_bytes);
    sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

int store_set_memory(store_t *s, long cache_kib, long long mmap_bytes, err_t *e)
{
    s->cache_kib = cache_kib > 0 ? cache_kib : 1;
    s->mmap_bytes = mmap_bytes > 0 ? mmap_bytes : 0;
    char sql[100];
    snprintf(sql, sizeof sql, "PRAGMA cache_size=-%ld; PRAGMA mmap_size=%lld", s->cache_kib, s->mmap_bytes);
    return db_exec(s, sql, e);
}

void db_read_end(store_t *s, int began)
{
    if (began) sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
}
