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
#include "ledger/merkle.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"

#define STORE_APPLICATION_ID 0x53535254   /* "SSRT" */

/* The schema version this build writes (PRAGMA user_version). */
int store_schema_version(void);

typedef struct store store_t;

enum {
    STORE_READWRITE = 0,
    STORE_READONLY = 1,   /* a reader: no migration, no writes; one thread at a time */
    STORE_CREATE = 2      /* init: create the file and schema if needed */
};

/* Once per process, before SQLite starts: routes SQLite's heap memory through
 * util/alloc.c (so injected allocation failures reach it). store_open calls
 * it; call it first yourself only to set up SQLite before opening (the fault
 * VFS does). Safe to call again. */
int store_init(err_t *e);

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
/* The date on which what follows in this transaction was first reported
 * (its source document's date); NULL or "" (the default): the date it is
 * recorded. Lag = reported - effective (docs/measures.md). */
int store_set_reported(store_t *s, const char *date, err_t *e);
/* The changes of one store transaction make one "transaction" of the log
 * (tx: the seq of its first change), what people read as one change. An
 * import that carries its own history starts a new one before each of its
 * own transactions; store_version1_rows makes what follows rows of version
 * 1, without tx or reported date, to re-import a full export made before
 * version 2 with the same hashes. */
void store_new_tx(store_t *s);
void store_version1_rows(store_t *s);
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
 * are "REC~" + N, evidence "E" + N. Arena-owned. */
int store_next_id(store_t *s, const kind_def *k, const char *prefix, arena_t *a, char **out,
                  err_t *e);

/* --- reading ------------------------------------------------------------ */

/* A read transaction: everything read until store_read_end sees one
 * snapshot of the file (a page drawn from several queries stays consistent). */
int store_read_begin(store_t *s, err_t *e);
void store_read_end(store_t *s);
/* Bound what this connection keeps in memory: SQLite's page cache to
 * cache_kib KiB and its memory map of the file to mmap_bytes (0: no map;
 * pages are read into the cache). By default 64 MiB and 1 GiB, so a pass
 * over a large file maps all of it; the server's readers take less (each
 * thread has one, and a mapped page counts in the process's memory). */
int store_set_memory(store_t *s, long cache_kib, long long mmap_bytes, err_t *e);
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

/* Every version (the state from each effective date on, as known now) of
 * every thing of a kind whose fixed field equals value, streamed: fn gets
 * the versions of one thing after another, each thing's in date order,
 * with since = changed = the version's first date, and the values of the
 * fields in want[0..nwant) (the others NULL). The strings live until
 * fn returns (copy what you keep); fn returns non-zero to stop (passed
 * back). Memory stays flat whatever the history's size. */
int store_each_version(store_t *s, const kind_def *k, int fixed_field, const char *value, const int *want,
                       int nwant, int (*fn)(void *ctx, const ent_t *version), void *ctx, err_t *e);

/* Like store_each_version for the recs of review with want = status, board,
 * parent, but only the versions where the status or the disposition
 * changed (rec_steps): the value on any date is the last step's on or
 * before it, so counting by status reads a fraction of the versions.
 * last_seq is 0. */
int store_each_rec_step(store_t *s, const char *review, int (*fn)(void *ctx, const ent_t *step), void *ctx,
                        err_t *e);

/* Changes with after < seq < before (0: no bound) and effective on or before
 * as_of (NULL: any), newest first (or oldest first when ascending), at most
 * limit of them. */
int store_changes(store_t *s, long long after, long long before, const char *as_of, int limit,
                  int ascending, arena_t *a, change_t **out, size_t *n, err_t *e);

/* The changes that shaped a rec (its own, its milestones', its links', its verification's), or of
 * any other single thing, in log order. */
int store_history(store_t *s, const kind_def *k, const char *id, arena_t *a, change_t **out,
                  size_t *n, err_t *e);
/* The changes of one field of one thing, in log order (its rows only, found
 * through the log's index by thing). Arena-owned. */
int store_thing_field_changes(store_t *s, const kind_def *k, const char *id, const char *field, arena_t *a,
                              change_t **out, size_t *n, err_t *e);
/* The recs' Board decisions (their changes of field "board"), by effective
 * date, then seq: of every rec, or with review only of the recs whose
 * current review it is. Read through a partial index of those changes
 * alone, so the cost follows the decisions and the review's recs, not the
 * log. Arena-owned. */
int store_rec_board_changes(store_t *s, const char *review, arena_t *a, change_t **out, size_t *n, err_t *e);
/* 1 when change c belongs to view v: in effect by v->as_of and recorded by
 * v->known_at (when given). History shown "as of" a date ends there. */
int store_change_in_view(const change_t *c, const view_t *v);

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
    long long bad_seq;        /* 0 when the chain and the tree are whole */
    char problem[240];
    unsigned char head[32];   /* chain hash of the last row */
    unsigned char root[32];   /* Merkle root over all rows, recomputed from them */
    long long at_size;        /* the size asked of store_verify_at (0: none) */
    unsigned char root_at[32];/* Merkle root of the first at_size rows */
} verify_result;

/* Re-hash the whole chain and compare with the stored hashes and the head;
 * recompute the Merkle tree from the rows and compare it with the stored
 * tree. The first problem, in seq order, is reported in bad_seq/problem. */
int store_verify(store_t *s, verify_result *r, err_t *e);
/* The same, also giving the root of the tree of the first at_size rows, as
 * recomputed from them (at_size <= the rows that verified). */
int store_verify_at(store_t *s, long long at_size, verify_result *r, err_t *e);

/* --- what the public may see (core/visibility.h) --------------------------- */

/* A memo of which things are hidden now, for one reader; answers cost one
 * lookup per thing the first time. Free with store_vis_free. */
typedef struct store_vis store_vis;
store_vis *store_vis_new(store_t *s, err_t *e);
/* 1 hidden, 0 shown, -1 error (in the e given to store_vis_new). An unknown
 * thing counts as hidden. */
int store_vis_hidden(store_vis *v, const kind_def *k, const char *id);
/* The same for a thing the caller has read as it stands now (v: its
 * kind->nfields current values, from the current table), decided from those
 * values without reading its row again, and remembered. */
int store_vis_known(store_vis *v, const kind_def *k, const char *id, const char *const *vals);
void store_vis_free(store_vis *v);

/* --- the Merkle tree and the public side of the log (docs/ledger.md) ---- */

/* The size (= the newest seq) and root of the tree now, from one snapshot. */
int store_tree_head(store_t *s, long long *size, unsigned char root[HASH_SIZE], err_t *e);
/* The root of the tree of the first size changes (size <= the newest seq). */
int store_tree_root(store_t *s, long long size, unsigned char root[HASH_SIZE], err_t *e);
/* The inclusion proof of change seq in the tree of size changes; the leaf
 * hash of the change in *leaf. ERR_INPUT unless 1 <= seq <= size <= now. */
int store_proof_inclusion(store_t *s, long long seq, long long size, merkle_path *path,
                          unsigned char leaf[HASH_SIZE], err_t *e);
/* The consistency proof between the trees of old_size and new_size changes
 * (0 <= old_size <= new_size <= now). */
int store_proof_consistency(store_t *s, long long old_size, long long new_size,
                            merkle_path *path, err_t *e);
/* The hashes of the complete subtrees (level, first) … (level, first+count-1)
 * into out (count of them): what a tile of the log holds. ERR_INPUT unless
 * all of them lie within the tree now. One snapshot. */
int store_subtrees(store_t *s, int level, uint64_t first, int count, unsigned char (*out)[HASH_SIZE],
                   err_t *e);
/* Recompute the whole tree from the log, in one transaction. */
int store_tree_rebuild(store_t *s, err_t *e);

typedef struct {
    long long seq;
    unsigned char leaf[HASH_SIZE];   /* SHA-256(0x00 || encoding) */
    int hidden;                      /* its content is restricted (core/visibility.h) */
    const change_t *change;          /* NULL when hidden and only public rows were asked */
} leaf_t;

/* Call fn for each change with from <= seq <= to (to = 0: to the end), in
 * seq order, with its leaf hash and whether its content is hidden from the
 * public now. With public_only, hidden changes come without their content:
 * this is what may be shown to anyone (the /ledger/entries of the web).
 * A non-zero return from fn stops and is returned; the leaf lives until fn
 * returns. Reads one snapshot. */
int store_each_leaf(store_t *s, long long from, long long to, int public_only,
                    int (*fn)(void *ctx, const leaf_t *l), void *ctx, err_t *e);

/* The log's public key as a C2SP verifier key ("NAME+HASH+BASE64"), or NULL
 * when it has none (arena-owned). */
int store_log_key(store_t *s, arena_t *a, const char **vkey, err_t *e);
/* Set it, inside a transaction; ERR_CONFLICT when the log has one already. */
int store_set_log_key(store_t *s, const char *vkey, err_t *e);

typedef struct {
    long long id;
    long long size;
    unsigned char root[HASH_SIZE];
    const char *issued_at;     /* recorded time of the signing */
    const char *note;          /* the signed checkpoint, as printed */
} checkpoint_row;

/* Keep a signed checkpoint, inside a transaction (issued at store_now). */
int store_checkpoint_add(store_t *s, long long size, const unsigned char root[HASH_SIZE],
                         const char *note, err_t *e);
/* The newest checkpoints, newest first, at most limit (arena-owned). */
int store_checkpoints(store_t *s, int limit, arena_t *a, checkpoint_row **out, size_t *n,
                      err_t *e);

/* Re-fold every projection from the log and recompute the Merkle tree, in
 * one transaction. */
int store_rebuild(store_t *s, err_t *e);

/* A dump of all projection tables in a fixed order (for tests that compare
 * a rebuild with the incrementally kept tables). Caller frees with mem_free. */
int store_dump_projections(store_t *s, char **out, err_t *e);

#endif
