/* internal.h — what the files of src/store/ share. Not for other layers. */
#ifndef SSR_STORE_INTERNAL_H
#define SSR_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdio.h>

#include "ledger/merkle.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/map.h"

/* Generated SQL for one kind's projection tables. */
typedef struct {
    char *select_current;     /* id, fields..., since, changed, last_seq FROM table */
    char *select_versions;    /* the same from the version in force on ?1 */
    char *select_version;     /* the same for one thing, id ?2 */
    char *select_in_force;    /* the same for a few things: append WHERE c."field" = ?2 GROUP BY c.rowid */
    char *insert_current;
    char *insert_version;
    char *delete_current;
    char *delete_versions;
} kind_sql;                   /* all NULL until project_sql writes them all */

/* Cached statements of one kind's projection writes. */
typedef struct {
    sqlite3_stmt *insert_current, *insert_version, *delete_current, *delete_versions;
    sqlite3_stmt *exists, *get_current;   /* reads by id, kept for the write path */
    sqlite3_stmt *get_version;            /* a read by id as of a date (imports of dated rows) */
    sqlite3_stmt *get_owners;             /* what visibility asks of a thing (public_log.c) */
} kind_stmts;

struct store {
    sqlite3 *db;
    char *path;
    int readonly;
    int in_tx;
    /* The head of the chain, loaded at store_begin and advanced by appends. */
    long long head_seq;
    unsigned char head_hash[32];
    char head_recorded[TS_SIZE];
    char now[TS_SIZE];
    char today[DATE_SIZE];
    /* The transaction of the appends (seq of its first change; 0 until the
     * first append, -1: rows of version 1, without one) and their reported
     * date ("": the date of recorded_at). Set at store_begin; see store.h. */
    long long tx;
    char reported[DATE_SIZE];
    /* The last seq whose edit is counted in doc_lag_counts (lag_counts.c). */
    long long lag_seq;
    buf_t scratch;
    map_t *touched;           /* "kind\tid" of things to re-fold; value: kind_def* */
    sqlite3_stmt *insert_change;
    sqlite3_stmt *data_version;
    kind_sql sql[KIND_MAX_KINDS];     /* by position in all_kinds */
    kind_stmts stmt[KIND_MAX_KINDS];
    sqlite3_stmt *select_thing;
    /* The right edge of the Merkle tree, loaded at the first append of a
     * transaction (tree.c); not valid when tree_loaded is 0. */
    merkle_frontier tree;
    int tree_loaded;
    sqlite3_stmt *insert_node, *select_node;
    map_t *stmts;             /* SQL text -> kept_stmt*: db_cached */
    /* What the connection may keep in memory (store_set_memory); db_scan_end
     * comes back to these. */
    long cache_kib;
    long long mmap_bytes;
};

/* Map a SQLite result code to an err_t; returns -1. `what` names the step. */
int db_error(store_t *s, int rc, const char *what, err_t *e);
/* 0 while the transaction of store_begin is open. SQLite rolls a transaction
 * back by itself after some errors (out of memory, I/O, a full disk); were
 * we to go on, each later statement would commit alone. Then: -1, the
 * transaction counted as ended, and an error saying nothing was written. */
int db_tx_alive(store_t *s, err_t *e);
/* Run SQL without results; -1 with e filled on error. */
int db_exec(store_t *s, const char *sql, err_t *e);
/* The columns of change_log in the order row_to_change and read_changes read them. */
/* The recs' steps (store/project.c): of each rec, the versions whose status
 * or Board disposition differ from the version before, the first included. */
#define REC_STEPS_TABLE "CREATE TABLE IF NOT EXISTS rec_steps(id TEXT NOT NULL, valid_from TEXT NOT NULL," \
    " status TEXT, board TEXT, parent TEXT, PRIMARY KEY(id, valid_from)) WITHOUT ROWID"

/* The documentation lag kept at write time (store/lag_counts.c): per
 * review, the number n of distinct edits effective on effective_at whose
 * lag (reported or recorded date minus effective date) is lag_days. */
#define DOC_LAG_TABLE "CREATE TABLE IF NOT EXISTS doc_lag_counts(review TEXT NOT NULL," \
    " effective_at TEXT NOT NULL, lag_days INTEGER NOT NULL, n INTEGER NOT NULL," \
    " PRIMARY KEY(review, effective_at, lag_days)) WITHOUT ROWID"
/* The review a thing of the log belongs to, from the current tables, as an
 * SQL expression of two column expressions E (its kind) and I (its id); NULL
 * when none. The same membership as store_doc_lags_scan's: the review itself;
 * its recs; their milestones, links and KPIs; the KPIs' measurements;
 * evidence on one of those recs, on a milestone of one, or on an assessment
 * item "assessment/rec" of one. (The item's id decides, as in the pass; the
 * item's rec exists, so the rec its id names does too when the two agree,
 * as importers make them. Were a rec created after evidence on an item
 * whose id named it but whose rec was another, that evidence's earlier
 * edits would not join the new rec's review in the counts.) */
#define THING_REVIEW(E, I) "(CASE " E " WHEN 'review' THEN " I \
    " WHEN 'rec' THEN (SELECT review FROM recs WHERE id = " I ")" \
    " WHEN 'milestone' THEN (SELECT r.review FROM milestones m JOIN recs r ON r.id = m.rec WHERE m.id = " I ")" \
    " WHEN 'link' THEN (SELECT r.review FROM links l JOIN recs r ON r.id = l.rec WHERE l.id = " I ")" \
    " WHEN 'kpi' THEN (SELECT r.review FROM kpis k JOIN recs r ON r.id = k.rec WHERE k.id = " I ")" \
    " WHEN 'measurement' THEN (SELECT r.review FROM measurements x JOIN kpis k ON k.id = x.kpi" \
    "  JOIN recs r ON r.id = k.rec WHERE x.id = " I ")" \
    " WHEN 'evidence' THEN (SELECT r.review FROM evidence v JOIN recs r ON r.id = CASE v.target_kind" \
    "  WHEN 'rec' THEN v.target WHEN 'milestone' THEN (SELECT rec FROM milestones WHERE id = v.target)" \
    "  WHEN 'item' THEN CASE WHEN instr(v.target, '/') > 0 THEN substr(v.target, instr(v.target, '/') + 1) END" \
    "  END WHERE v.id = " I ") END)"
/* Fill doc_lag_counts from the whole log (empty it first): each thing's
 * changes grouped by effective and reported date, an edit per distinct
 * recorded_at, summed by the thing's review. */
#define DOC_LAG_FILL "DELETE FROM doc_lag_counts;" \
    "INSERT INTO doc_lag_counts(review, effective_at, lag_days, n)" \
    " SELECT r, effective_at, lag, sum(k) FROM (SELECT " THING_REVIEW("entity", "entity_id") " AS r, effective_at," \
    "  CAST(round(julianday(rep) - julianday(effective_at)) AS INTEGER) AS lag, k FROM (SELECT entity, entity_id," \
    "  effective_at, coalesce(reported_at, substr(recorded_at, 1, 10)) AS rep, count(DISTINCT recorded_at) AS k" \
    "  FROM change_log GROUP BY entity, entity_id, effective_at, rep))" \
    " WHERE r IS NOT NULL GROUP BY r, effective_at, lag"

#define CHANGE_COLUMNS "seq, entity, entity_id, field, value, effective_at, recorded_at, actor," \
    " reason, hash, coalesce(reported_at, substr(recorded_at, 1, 10)), coalesce(tx, 0)"
/* The recs' Board decisions, a few per rec among all their changes: a
 * partial index of the log holds only them (made by schema step 11 -> 12;
 * the rarer test first, as each insert into the log evaluates it). SQLite
 * reads a partial index only for a WHERE that implies the index's, decided
 * when the statement is prepared, before values are bound (and store_open
 * keeps it so), so the query spells the same constants; INDEXED BY, since
 * without statistics the planner would take change_log_thing, and so that
 * a file without the index fails loudly instead of walking every rec
 * change. */
#define REC_BOARD_WHERE "field = 'board' AND entity = 'rec'"
#define REC_BOARD_INDEX "CREATE INDEX IF NOT EXISTS change_log_rec_board" \
    " ON change_log(entity_id, effective_at, seq) WHERE " REC_BOARD_WHERE
#define REC_BOARD_SELECT "SELECT " CHANGE_COLUMNS " FROM change_log INDEXED BY change_log_rec_board" \
    " WHERE " REC_BOARD_WHERE
/* ... all of them, or those of review ?1's recs, by effective date, then seq. */
#define REC_BOARD_ALL_SQL REC_BOARD_SELECT " ORDER BY effective_at, seq"
#define REC_BOARD_OF_REVIEW_SQL REC_BOARD_SELECT \
    " AND entity_id IN (SELECT id FROM recs WHERE review = ?1) ORDER BY effective_at, seq"
/* Prepare a statement; -1 with e filled on error. */
int db_prepare(store_t *s, const char *sql, sqlite3_stmt **st, err_t *e);
/* A statement of this connection for sql, prepared on first use and kept
 * (keyed by the SQL text) until store_close, so a query asked for again
 * skips SQLite's parser. Give it back with db_release, which resets it and
 * clears its bindings. When the kept one is still out (a nested use of the
 * same SQL) or the cache is full, a fresh statement is prepared and
 * db_release finalizes it. */
int db_cached(store_t *s, const char *sql, sqlite3_stmt **st, err_t *e);
void db_release(store_t *s, sqlite3_stmt *st);
/* Copy column i as text into the arena; NULL stays NULL. */
const char *db_text(sqlite3_stmt *st, int i, arena_t *a);

/* Read change rows (CHANGE_COLUMNS) of a stepped-from-start statement into
 * an arena array (query.c). */
int db_read_changes(store_t *s, sqlite3_stmt *st, arena_t *a, change_t **out, size_t *n, err_t *e);

/* A consistent snapshot for a read of several statements: BEGIN unless a
 * transaction is open; *began says whether db_read_end must end it. */
int db_read_begin(store_t *s, int *began, err_t *e);
void db_read_end(store_t *s, int began);
/* Around one pass over the whole log (verify, --known-at): no memory map
 * and a small page cache, so memory stays flat at any size of the log. The
 * settings of store_open come back at db_scan_end. */
void db_scan_begin(store_t *s);
void db_scan_end(store_t *s);

/* op_tx.c: run fn inside a write transaction of its own (BEGIN IMMEDIATE
 * ... COMMIT, ROLLBACK when fn fails): for the operational tables, which
 * are written outside the change log (contacts, webhooks). Inside a
 * transaction already (store_begin), fn joins it. */
int op_tx(store_t *s, int (*fn)(store_t *s, void *ctx, err_t *e), void *ctx, err_t *e);

/* meta table */
int meta_get(store_t *s, const char *key, arena_t *a, const char **out, err_t *e);
int meta_set(store_t *s, const char *key, const char *value, err_t *e);

/* project.c */
int project_index(const kind_def *k);           /* position in all_kinds */
/* Kind ki's SQL, written at its first use (most commands touch a few of
 * the kinds); NULL with e set when an allocation failed. */
const kind_sql *project_sql(store_t *s, int ki, err_t *e);
void project_free_sql(store_t *s);
int project_create_tables(store_t *s, err_t *e); /* CREATE TABLE for every kind */
int project_check(store_t *s, err_t *e);         /* rebuild when descriptors changed */
int project_entity(store_t *s, const kind_def *k, const char *id, err_t *e);
int project_all(store_t *s, err_t *e);

/* lag_counts.c: count into doc_lag_counts the edits of the changes appended
 * since s->lag_seq (at each flush), then advance s->lag_seq. */
int lag_counts_add(store_t *s, err_t *e);

/* log.c */
int log_load_head(store_t *s, err_t *e);
int log_save_head(store_t *s, err_t *e);
/* Give c the next seq and its chain hash, insert it, advance the head and
 * the Merkle tree. */
int log_insert(store_t *s, change_t *c, err_t *e);

/* tree.c — the Merkle tree over the log, kept as the hashes of its complete
 * subtrees of 16 leaves and more (smaller ones are recomputed from rows). */
/* Add the leaf of the change just inserted as seq s->head_seq + 1. */
int tree_append(store_t *s, const unsigned char leaf[HASH_SIZE], err_t *e);
/* Record the tree size at commit (when this transaction appended). */
int tree_save(store_t *s, err_t *e);
/* On opening for writing: build the tree of a database that has none yet. */
int tree_check(store_t *s, err_t *e);

/* Checks the stored tree against the leaves of the log, recomputed in
 * order: for store_verify. */
typedef struct {
    store_t *s;
    sqlite3_stmt *cursor;       /* the stored nodes, in key order */
    int have;                   /* the cursor holds a row */
    long long key;
    unsigned char hash[HASH_SIZE];
    merkle_frontier f;
    long long bad_seq;
    char problem[200];
} tree_audit;
int tree_audit_start(store_t *s, tree_audit *t, err_t *e);
/* Push the next leaf: 0, 1 when the stored tree differs (bad_seq and
 * problem set), -1 on error (in e). */
int tree_audit_leaf(tree_audit *t, const unsigned char leaf[HASH_SIZE], err_t *e);
/* After the last leaf: 0, 1 when stored nodes remain, -1 on error. */
int tree_audit_finish(tree_audit *t, err_t *e);
void tree_audit_free(tree_audit *t);

#endif
