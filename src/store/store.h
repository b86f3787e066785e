/* store.h — the SQLite file: the append-only change log and the projections
 * (current state, and every past version) derived from it.
 *
 * Only src/store/ includes sqlite3.h. Every write happens inside one
 * transaction (store_begin ... store_commit): changes are appended to the log
 * with their hash chain, the things they touch are re-folded into the
 * projection tables, references are checked, and all of it commits or none.
 *
 * Memory: results are allocated in the caller's arena and live as long as it.
 * A store_t is used by one thread at a time. */
#ifndef SSR_STORE_H
#define SSR_STORE_H

#include <stddef.h>

#include "core/change.h"
#include "core/entity.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"

#define STORE_APPLICATION_ID 0x53535254   /* "SSRT" */

/* The schema version this build writes (PRAGMA user_version). */
int store_schema_version(void);

typedef struct store store_t;

enum {
    STORE_READWRITE = 0,
    STORE_READONLY = 1,   /* a reader: no migration, no writes */
    STORE_CREATE = 2      /* init: create the file and schema if needed */
};

/* Open path. Without STORE_CREATE the file must exist and be an ssrtrack
 * database of this or an older schema (an older one is migrated). A file that
 * is not a database, another application's database, or a newer schema is
 * ERR_INPUT with nothing written. *created is set to 1 when STORE_CREATE made
 * the schema (may be NULL). */
int store_open(const char *path, int flags, store_t **out, int *created, err_t *e);
void store_close(store_t *s);
const char *store_path(const store_t *s);

/* --- writing ------------------------------------------------------------ */

/* BEGIN IMMEDIATE; fixes the recorded time of everything in this transaction. */
int store_begin(store_t *s, err_t *e);
/* Re-fold what was touched, check references, COMMIT. Rolls back on error. */
int store_commit(store_t *s, err_t *e);
void store_rollback(store_t *s);

/* Use ts (normalised) as recorded_at for what follows in this transaction;
 * it may not precede the newest recorded change nor follow now. For imports
 * that carry their own history. */
int store_set_recorded(store_t *s, const char *ts, err_t *e);
/* The recorded time and the UTC date of the current transaction. */
const char *store_now(const store_t *s);
const char *store_today(const store_t *s);

/* Append one change (value validated and normalised against the kind's field).
 * The effective date may not be in the future. The thing is re-folded at the
 * next store_flush or store_commit. */
int store_append(store_t *s, const kind_def *k, const char *id, const char *field,
                 const char *value, const char *effective_at, const char *actor,
                 const char *reason, err_t *e);

/* Re-fold every thing touched since the last flush and check its references. */
int store_flush(store_t *s, err_t *e);

typedef struct { const char *field, *value; } field_value;

typedef enum {
    EDIT_CREATE,   /* the thing must not exist; required fields must be given */
    EDIT_UPDATE    /* the thing must exist; only settable fields; not before it existed */
} edit_op;

typedef struct {
    edit_op op;
    const kind_def *kind;
    const char *id;
    const field_value *fv;
    int nfv;
    const char *effective_at;  /* YYYY-MM-DD; NULL: today */
    const char *actor, *reason;
} edit_t;

/* One create or update inside the current transaction, with its checks and
 * derived changes (a milestone marked complete gets its done date). */
int store_edit(store_t *s, const edit_t *ed, err_t *e);

/* The next free id "PREFIX<N>" of a kind, never used in the log: milestones
 * are "REC." + N, evidence "E" + N. Arena-owned. */
int store_next_id(store_t *s, const kind_def *k, const char *prefix, arena_t *a, char **out,
                  err_t *e);

/* --- reading ------------------------------------------------------------ */

/* A read transaction: everything read until store_read_end sees one
 * snapshot of the file (a page drawn from several queries stays consistent). */
int store_read_begin(store_t *s, err_t *e);
void store_read_end(store_t *s);
/* A number that changes whenever another connection (or process) commits to
 * the file; cheap enough to ask on every request. */
int store_data_version(store_t *s, long long *v, err_t *e);

/* A point of view: the world as it stood on as_of (effective time), as the
 * tracker knew it at known_at (recorded time; "" = now). */
typedef struct {
    char as_of[DATE_SIZE];
    char known_at[TS_SIZE];
    long long max_seq;     /* known_at given: the newest change recorded by then */
    int current;           /* 1 when the current-state tables answer this view */
} view_t;

/* Build a view from option text (either may be NULL). A bad date is ERR_INPUT
 * naming the option. Without as_of: today, or known_at's date. */
int store_view(store_t *s, const char *as_of, const char *known_at, view_t *v, err_t *e);

typedef struct {
    const char *id;
    const char **v;          /* kind->nfields values; NULL when unset */
    const char *since;       /* effective date the thing first existed */
    const char *changed;     /* effective date of the newest change in view */
    long long last_seq;      /* newest change folded in */
} ent_t;

/* One thing as seen from view; ERR_NOTFOUND when it did not exist then. */
int store_get(store_t *s, const kind_def *k, const view_t *v, const char *id, arena_t *a,
              ent_t *out, err_t *e);
/* 1 when the thing exists now (current tables), 0 when not, -1 on error. */
int store_exists(store_t *s, const kind_def *k, const char *id, err_t *e);
/* All things of a kind in view, in natural id order; when field >= 0 only
 * those whose field equals value. */
int store_list(store_t *s, const kind_def *k, const view_t *v, int field, const char *value,
               arena_t *a, ent_t **items, size_t *n, err_t *e);

/* Changes with after < seq < before (0: no bound) and effective on or before
 * as_of (NULL: any), newest first (or oldest first when ascending), at most
 * limit of them. */
int store_changes(store_t *s, long long after, long long before, const char *as_of, int limit,
                  int ascending, arena_t *a, change_t **out, size_t *n, err_t *e);

/* The changes that shaped a rec (its own, its milestones', its links'), or of
 * any other single thing, in log order. */
int store_history(store_t *s, const kind_def *k, const char *id, arena_t *a, change_t **out,
                  size_t *n, err_t *e);

/* --- the log ------------------------------------------------------------ */

long long store_head_seq(store_t *s);
/* The newest seq and its chain hash (zeros before the first change). */
void store_head(store_t *s, long long *seq, unsigned char hash[32]);
/* Number of rows in change_log (not the head: a deleted row shows here). */
int store_change_count(store_t *s, long long *n, err_t *e);

/* Call fn for each change with from <= seq <= to (to = 0: to the end), in
 * seq order. A non-zero return from fn stops and is returned. The change's
 * strings live until fn returns. */
int store_each_change(store_t *s, long long from, long long to,
                      int (*fn)(void *ctx, const change_t *c), void *ctx, err_t *e);

typedef struct {
    long long rows;           /* rows checked */
    long long bad_seq;        /* 0 when the chain is whole */
    char problem[240];
    unsigned char head[32];   /* chain hash of the last row */
} verify_result;

/* Re-hash the whole chain and compare with the stored hashes and the head. */
int store_verify(store_t *s, verify_result *r, err_t *e);

/* Re-fold every projection from the log, in one transaction. */
int store_rebuild(store_t *s, err_t *e);

/* A dump of all projection tables in a fixed order (for tests that compare
 * a rebuild with the incrementally kept tables). Caller frees with mem_free. */
int store_dump_projections(store_t *s, char **out, err_t *e);

#endif
