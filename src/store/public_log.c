/* public_log.c — the public side of the log: leaves with their visibility (the
 * rule is core/visibility.c; this file asks the current tables), the log's
 * public key, and the signed checkpoints that were issued. */
#include "store/internal.h"

#include <string.h>

#include "core/visibility.h"
#include "util/alloc.h"

/* Memo values: whether a thing is hidden. */
static char hidden_mark, shown_mark;

struct store_vis {
    store_t *s;
    map_t *memo;        /* "kind\tid" -> &hidden_mark / &shown_mark */
    arena_t *a;
    int depth;
    err_t *e;
    int failed;
};
typedef struct store_vis vis_ctx;

/* The fields the visibility rule reads (core/visibility.c): restricted,
 * target_kind and the fixed references to owners. */
static int owner_field(const field_def *f)
{
    return strcmp(f->name, "restricted") == 0 || strcmp(f->name, "target_kind") == 0 ||
           (f->type == FT_ID && (f->flags & F_FIXED));
}

/* Those fields of thing id as it stands now into v (copies in a; the others
 * NULL): 1 found, 0 no such thing, -1 error. One narrow kept statement per
 * kind instead of the whole row, since every thing shown asks. */
static int owner_fields(store_t *s, const kind_def *k, const char *id, arena_t *a, const char **v, err_t *e)
{
    sqlite3_stmt **st = &s->stmt[project_index(k)].get_owners;
    if (!*st) {
        buf_t b = BUF_INIT;
        buf_puts(&b, "SELECT 1");
        for (int f = 0; f < k->nfields; f++)
            if (owner_field(&k->fields[f])) buf_printf(&b, ", \"%s\"", k->fields[f].name);
        buf_printf(&b, " FROM %s WHERE id = ?1", k->table);
        int rc = buf_ok(&b) ? db_prepare(s, b.data, st, e) : err_nomem(e);
        buf_free(&b);
        if (rc) return -1;
    }
    sqlite3_bind_text(*st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(*st), found = rc == SQLITE_ROW, bad = 0;
    for (int f = 0, col = 1; f < k->nfields; f++) {
        v[f] = NULL;
        if (!owner_field(&k->fields[f])) continue;
        if (found && sqlite3_column_type(*st, col) != SQLITE_NULL && !(v[f] = db_text(*st, col, a))) bad = 1;
        col++;
    }
    sqlite3_reset(*st);
    if (bad) return err_nomem(e);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, rc, "visibility", e);
    return found;
}

static int thing_hidden(void *ctx, const kind_def *k, const char *id);

/* key = "kind\tid", cut as snprintf would to its size (600); built by hand,
 * since formatting it cost more than the lookup of a thing already decided. */
static void memo_key(const kind_def *k, const char *id, char key[600])
{
    size_t kn = strlen(k->name), in = strlen(id);
    if (kn > 598) kn = 598;
    if (in > 598 - kn) in = 598 - kn;
    memcpy(key, k->name, kn);
    key[kn] = '\t';
    memcpy(key + kn + 1, id, in);
    key[kn + 1 + in] = 0;
}

/* Decide a thing whose values now are v (NULL: no such thing, hidden) and
 * remember it under key: 1 hidden, 0 not, -1 on error (in x->e). */
static int decide(vis_ctx *x, const char *key, const kind_def *k, const char *const *v)
{
    /* A thing being decided reads as hidden, so a cycle or a chain of owners
     * too long (only possible in a hand-edited file) hides rather than loops. */
    if (map_put(x->memo, key, &hidden_mark) != 0) {
        x->failed = err_nomem(x->e);
        return -1;
    }
    int h = 1;   /* not a whole thing now: nothing to show */
    if (v) {
        x->depth++;
        h = vis_hidden(k, v, thing_hidden, x);
        x->depth--;
        if (h < 0) return -1;
    }
    if (map_put(x->memo, key, h ? &hidden_mark : &shown_mark) != 0) {
        x->failed = err_nomem(x->e);
        return -1;
    }
    return h;
}

/* 1 when the thing is hidden now, 0 when not, -1 on error (in x->e). */
static int thing_hidden(void *ctx, const kind_def *k, const char *id)
{
    vis_ctx *x = ctx;
    char key[600];
    memo_key(k, id, key);
    void *m = map_get(x->memo, key);
    if (m) return m == &hidden_mark;
    if (x->depth > 32) return 1;
    const char *v[KIND_MAX_FIELDS];
    int found = owner_fields(x->s, k, id, x->a, v, x->e);
    if (found < 0) {
        x->failed = -1;
        return -1;
    }
    return decide(x, key, k, found ? v : NULL);
}

int store_vis_known(store_vis *x, const kind_def *k, const char *id, const char *const *v)
{
    char key[600];
    memo_key(k, id, key);
    void *m = map_get(x->memo, key);
    if (m) return m == &hidden_mark;
    return decide(x, key, k, v);
}

store_vis *store_vis_new(store_t *s, err_t *e)
{
    store_vis *v = mem_calloc(1, sizeof *v);
    if (v) {
        *v = (store_vis){s, map_new(), arena_new(), 0, e, 0};
        if (v->memo && v->a) return v;
        store_vis_free(v);
    }
    err_nomem(e);
    return NULL;
}

int store_vis_hidden(store_vis *v, const kind_def *k, const char *id)
{
    return thing_hidden(v, k, id);
}

void store_vis_free(store_vis *v)
{
    if (!v) return;
    map_free(v->memo);
    arena_free(v->a);
    mem_free(v);
}

typedef struct {
    vis_ctx vis;
    int public_only;
    int (*fn)(void *ctx, const leaf_t *l);
    void *ctx;
    buf_t scratch;
} leaf_ctx;

static int each_leaf_row(void *ctx, const change_t *c)
{
    leaf_ctx *x = ctx;
    leaf_t l = {c->seq, {0}, 0, c};
    if (hash_leaf(c, &x->scratch, l.leaf) != 0) { x->vis.failed = err_nomem(x->vis.e); return 1; }
    const kind_def *k = kind_find(c->entity);
    l.hidden = k ? thing_hidden(&x->vis, k, c->entity_id) : 1;
    if (l.hidden < 0) return 1;
    if (l.hidden && x->public_only) l.change = NULL;
    return x->fn(x->ctx, &l);
}

int store_each_leaf(store_t *s, long long from, long long to, int public_only,
                    int (*fn)(void *ctx, const leaf_t *l), void *ctx, err_t *e)
{
    leaf_ctx x = {{s, map_new(), arena_new(), 0, e, 0}, public_only, fn, ctx, BUF_INIT};
    int rc = -1, began = 0;
    if (!x.vis.memo || !x.vis.a) { err_nomem(e); goto done; }
    if (db_read_begin(s, &began, e)) goto done;
    rc = store_each_change(s, from, to, each_leaf_row, &x, e);
    db_read_end(s, began);
    if (x.vis.failed) rc = -1;
done:
    buf_free(&x.scratch);
    map_free(x.vis.memo);
    arena_free(x.vis.a);
    return rc;
}

/* --- the key ------------------------------------------------------------- */

int store_log_key(store_t *s, arena_t *a, const char **vkey, err_t *e)
{
    if (meta_get(s, "log_key", a, vkey, e)) return -1;
    if (*vkey && !**vkey) *vkey = NULL;
    return 0;
}

int store_set_log_key(store_t *s, const char *vkey, err_t *e)
{
    if (!s->in_tx) return err_set(e, ERR_INTERNAL, "key outside a transaction");
    arena_t *a = arena_new();
    if (!a) return err_nomem(e);
    const char *old = NULL;
    int rc = store_log_key(s, a, &old, e);
    if (rc == 0 && old) rc = err_set(e, ERR_CONFLICT, "%s already has a signing key", s->path);
    arena_free(a);
    return rc ? -1 : meta_set(s, "log_key", vkey, e);
}

/* --- checkpoints --------------------------------------------------------- */

int store_checkpoint_add(store_t *s, long long size, const unsigned char root[HASH_SIZE],
                         const char *note, err_t *e)
{
    if (!s->in_tx) return err_set(e, ERR_INTERNAL, "checkpoint outside a transaction");
    sqlite3_stmt *st;
    if (db_prepare(s, "INSERT INTO checkpoints(tree_size, root, issued_at, note) VALUES(?1, ?2, ?3, ?4)",
                   &st, e))
        return -1;
    sqlite3_bind_int64(st, 1, size);
    sqlite3_bind_blob(st, 2, root, HASH_SIZE, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, s->now, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, note, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, rc, "checkpoint", e);
}

int store_checkpoints(store_t *s, int limit, arena_t *a, checkpoint_row **out, size_t *n,
                      err_t *e)
{
    *out = NULL;
    *n = 0;
    if (limit <= 0) return 0;
    if (limit > 1000) limit = 1000;
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT id, tree_size, root, issued_at, note FROM checkpoints"
                      " ORDER BY id DESC LIMIT ?1", &st, e))
        return -1;
    sqlite3_bind_int(st, 1, limit);
    checkpoint_row *rows = arena_alloc(a, sizeof *rows * (size_t)limit);
    int rc = SQLITE_DONE, bad = 0;
    if (!rows) bad = err_nomem(e);
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        checkpoint_row *c = &rows[*n];
        c->id = sqlite3_column_int64(st, 0);
        c->size = sqlite3_column_int64(st, 1);
        memset(c->root, 0, HASH_SIZE);
        if (sqlite3_column_bytes(st, 2) == HASH_SIZE) memcpy(c->root, sqlite3_column_blob(st, 2), HASH_SIZE);
        c->issued_at = db_text(st, 3, a);
        c->note = db_text(st, 4, a);
        if (!c->issued_at || !c->note) { bad = err_nomem(e); break; }
        (*n)++;
    }
    if (!bad && rc != SQLITE_DONE) bad = db_error(s, rc, "checkpoints", e);
    sqlite3_finalize(st);
    if (bad) return -1;
    *out = rows;
    return 0;
}
