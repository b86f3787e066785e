/* project.c — the projection tables, generated from the kind descriptors.
 *
 * For each kind there is a current-state table (`recs`: id, one column per
 * field, since, changed, last_seq) and a version table (`recs_versions`: the
 * full state from each effective date on). Both are folds of the change log
 * (core/fold.h) and can be rebuilt from it at any time. Beside them,
 * `rec_steps` keeps of each rec only the versions whose status or Board
 * disposition differ from the version before (the first one included):
 * counting recs by status on many dates reads those few narrow rows; and
 * `doc_lag_counts` the documentation lag of each review (lag_counts.c),
 * refilled from the log by project_all. The SQL here is
 * assembled from descriptor names only, never from input; values are bound. */
#include "store/internal.h"

#include <string.h>

#include "core/fold.h"
#include "util/alloc.h"

int project_index(const kind_def *k)
{
    for (int i = 0; all_kinds[i]; i++)
        if (all_kinds[i] == k) return i;
    return -1;
}

/* Append `"f1", "f2", ...` for the kind's fields, each prefixed by pre. */
static void field_list(buf_t *b, const kind_def *k, const char *pre)
{
    for (int i = 0; i < k->nfields; i++)
        buf_printf(b, ", %s\"%s\"", pre, k->fields[i].name);
}

static void placeholders(buf_t *b, int n)
{
    for (int i = 0; i < n; i++) buf_puts(b, i ? ", ?" : "?");
}

/* The projection signature: a change in any descriptor forces a rebuild. */
static char *signature(void)
{
    buf_t b = BUF_INIT;
    for (int i = 0; all_kinds[i]; i++) {
        const kind_def *k = all_kinds[i];
        buf_printf(&b, "%s:%s", k->name, k->table);
        field_list(&b, k, "");
        buf_puts(&b, ";");
    }
    return buf_detach(&b);
}

static char *detach_or_null(buf_t *b) { return buf_detach(b); }

/* The columns of select_current from a kind's versions up to ?1, with
 * changed read as the expression `changed`. */
static void upto_select(buf_t *b, const kind_def *k, const char *changed)
{
    buf_puts(b, "SELECT v.id");
    field_list(b, k, "v.");
    buf_printf(b, ", c.since, %s, v.last_seq FROM %s c CROSS JOIN %s_versions v"
                  " ON v.id = c.id AND v.valid_from <= ?1", changed, k->table, k->table);
}

/* Write kind k's SQL into q; 0, or -1 when an allocation failed (the
 * caller frees what was written). */
static int build_sql(const kind_def *k, kind_sql *q)
{
    buf_t b = BUF_INIT;

    buf_puts(&b, "SELECT id");
    field_list(&b, k, "");
    buf_printf(&b, ", since, changed, last_seq FROM %s", k->table);
    q->select_current = detach_or_null(&b);

    buf_puts(&b, "SELECT v.id");
    field_list(&b, k, "v.");
    buf_printf(&b, ", c.since, v.valid_from, v.last_seq FROM %s c CROSS JOIN %s_versions v"
                   " ON v.id = c.id AND v.valid_from = (SELECT max(w.valid_from) FROM %s_versions w"
                   " WHERE w.id = c.id AND w.valid_from <= ?1)", k->table, k->table, k->table);
    q->select_versions = detach_or_null(&b);

    /* Two forms without the subquery, which doubles the cost to
     * compile (most of a one-shot command's work): one thing, its
     * versions read backwards from ?1 and the first kept; and the
     * things whose fixed field is ?2 (the caller appends it), by
     * SQLite's max() with bare columns: the other columns come from the
     * row holding the latest valid_from up to ?1. The second reads
     * every version up to ?1: for one parent's children, not a kind. */
    upto_select(&b, k, "v.valid_from");
    buf_puts(&b, " WHERE c.id = ?2 ORDER BY v.valid_from DESC LIMIT 1");
    q->select_version = detach_or_null(&b);
    upto_select(&b, k, "max(v.valid_from)");
    q->select_in_force = detach_or_null(&b);

    buf_printf(&b, "INSERT OR REPLACE INTO %s(id", k->table);
    field_list(&b, k, "");
    buf_puts(&b, ", since, changed, last_seq) VALUES(");
    placeholders(&b, k->nfields + 4);
    buf_puts(&b, ")");
    q->insert_current = detach_or_null(&b);

    buf_printf(&b, "INSERT INTO %s_versions(id, valid_from", k->table);
    field_list(&b, k, "");
    buf_puts(&b, ", last_seq) VALUES(");
    placeholders(&b, k->nfields + 3);
    buf_puts(&b, ")");
    q->insert_version = detach_or_null(&b);

    buf_printf(&b, "DELETE FROM %s WHERE id = ?1", k->table);
    q->delete_current = detach_or_null(&b);
    buf_printf(&b, "DELETE FROM %s_versions WHERE id = ?1", k->table);
    q->delete_versions = detach_or_null(&b);

    if (!q->select_current || !q->select_versions || !q->select_version || !q->select_in_force ||
        !q->insert_current || !q->insert_version || !q->delete_current || !q->delete_versions)
        return -1;
    return 0;
}

static void free_sql(kind_sql *q)
{
    mem_free(q->select_current);
    mem_free(q->select_versions);
    mem_free(q->select_version);
    mem_free(q->select_in_force);
    mem_free(q->insert_current);
    mem_free(q->insert_version);
    mem_free(q->delete_current);
    mem_free(q->delete_versions);
    memset(q, 0, sizeof *q);
}

const kind_sql *project_sql(store_t *s, int ki, err_t *e)
{
    kind_sql *q = &s->sql[ki];
    if (q->select_current) return q;   /* a failed build leaves all NULL */
    if (build_sql(all_kinds[ki], q)) {
        free_sql(q);
        err_nomem(e);
        return NULL;
    }
    return q;
}

void project_free_sql(store_t *s)
{
    for (int i = 0; all_kinds[i]; i++) free_sql(&s->sql[i]);
    for (size_t i = 0; i < sizeof s->stmt / sizeof s->stmt[0]; i++) {
        sqlite3_finalize(s->stmt[i].insert_current);
        sqlite3_finalize(s->stmt[i].insert_version);
        sqlite3_finalize(s->stmt[i].delete_current);
        sqlite3_finalize(s->stmt[i].delete_versions);
        sqlite3_finalize(s->stmt[i].exists);
        sqlite3_finalize(s->stmt[i].get_current);
        sqlite3_finalize(s->stmt[i].get_version);
        sqlite3_finalize(s->stmt[i].get_owners);
        memset(&s->stmt[i], 0, sizeof s->stmt[i]);
    }
    sqlite3_finalize(s->select_thing);
    s->select_thing = NULL;
}

int project_create_tables(store_t *s, err_t *e)
{
    buf_t b = BUF_INIT;
    buf_t names = BUF_INIT;
    for (int i = 0; all_kinds[i]; i++) {
        const kind_def *k = all_kinds[i];
        buf_printf(&b, "CREATE TABLE %s(id TEXT PRIMARY KEY", k->table);
        for (int f = 0; f < k->nfields; f++) buf_printf(&b, ", \"%s\" TEXT", k->fields[f].name);
        buf_puts(&b, ", since TEXT NOT NULL, changed TEXT NOT NULL, last_seq INTEGER NOT NULL);");
        buf_printf(&b, "CREATE TABLE %s_versions(id TEXT NOT NULL, valid_from TEXT NOT NULL", k->table);
        for (int f = 0; f < k->nfields; f++) buf_printf(&b, ", \"%s\" TEXT", k->fields[f].name);
        buf_puts(&b, ", last_seq INTEGER NOT NULL, PRIMARY KEY(id, valid_from)) WITHOUT ROWID;");
        for (int f = 0; f < k->nfields; f++)
            if (k->fields[f].type == FT_ID || k->fields[f].type == FT_STATUS)
                buf_printf(&b, "CREATE INDEX %s_%s ON %s(\"%s\");", k->table, k->fields[f].name,
                           k->table, k->fields[f].name);
        /* The few restricted things, found without reading the table. */
        if (kind_field(k, "restricted") >= 0)
            buf_printf(&b, "CREATE INDEX %s_restricted ON %s(id) WHERE \"restricted\" = 'true';", k->table, k->table);
        buf_printf(&names, "%s%s %s_versions", i ? " " : "", k->table, k->table);
    }
    buf_puts(&b, REC_STEPS_TABLE ";" DOC_LAG_TABLE ";");
    buf_puts(&names, " rec_steps doc_lag_counts");
    char *sig = signature();
    int rc = -1;
    if (!buf_ok(&b) || !buf_ok(&names) || !sig) err_nomem(e);
    else if (db_exec(s, b.data, e) == 0 && meta_set(s, "projection", sig, e) == 0 &&
             meta_set(s, "projection_tables", names.data, e) == 0)
        rc = 0;
    buf_free(&b);
    buf_free(&names);
    mem_free(sig);
    return rc;
}

/* Drop the tables the file's own projection list names. */
static int drop_tables(store_t *s, const char *list, err_t *e)
{
    buf_t b = BUF_INIT;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, " ");
        if (n) {
            /* Only names made of identifier characters were ever written here. */
            for (size_t i = 0; i < n; i++) {
                char c = p[i];
                if (!((c >= 'a' && c <= 'z') || c == '_')) {
                    buf_free(&b);
                    return err_set(e, ERR_IO, "%s: damaged projection table list", s->path);
                }
            }
            buf_printf(&b, "DROP TABLE IF EXISTS %.*s;", (int)n, p);
        }
        p += n;
        while (*p == ' ') p++;
    }
    int rc = buf_ok(&b) ? (b.len ? db_exec(s, b.data, e) : 0) : err_nomem(e);
    buf_free(&b);
    return rc;
}

int project_check(store_t *s, err_t *e)
{
    arena_t *a = arena_new();
    char *sig = signature();
    int rc = -1;
    const char *have = NULL, *tables = NULL;
    if (!a || !sig) { err_nomem(e); goto done; }
    if (meta_get(s, "projection", a, &have, e)) goto done;
    if (have && strcmp(have, sig) == 0) { rc = 0; goto done; }
    /* The descriptors changed since the file was written: rebuild. */
    if (store_begin(s, e)) goto done;
    if (meta_get(s, "projection_tables", a, &tables, e) ||
        drop_tables(s, tables ? tables : "", e) || project_create_tables(s, e) ||
        project_all(s, e) || store_commit(s, e)) {
        store_rollback(s);
        goto done;
    }
    rc = 0;
done:
    mem_free(sig);
    arena_free(a);
    return rc;
}

/* Prepared statements of one kind, made on first use. */
static kind_stmts *stmts(store_t *s, const kind_def *k, err_t *e)
{
    int i = project_index(k);
    kind_stmts *t = &s->stmt[i];
    if (!t->insert_current) {
        const kind_sql *q = project_sql(s, i, e);
        if (!q || db_prepare(s, q->insert_current, &t->insert_current, e) ||
            db_prepare(s, q->insert_version, &t->insert_version, e) ||
            db_prepare(s, q->delete_current, &t->delete_current, e) ||
            db_prepare(s, q->delete_versions, &t->delete_versions, e))
            return NULL;
    }
    return t;
}

static int step_done(store_t *s, sqlite3_stmt *st, err_t *e)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, rc, "projection", e);
}

typedef struct {
    store_t *s;
    const kind_def *k;
    const char *id;
    kind_stmts *t;
    err_t *e;
    const char *since;
    const char *last_from;
    const char *last_v[KIND_MAX_FIELDS];
    long long last_seq;
    int versions;
    sqlite3_stmt *step;       /* a rec's: inserts into rec_steps; else NULL */
} fold_ctx;

static int same_text(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

/* A rec's version starts a step when its status or disposition differs
 * from the version before (always for the first). */
static int emit_step(fold_ctx *c, const fold_version *v)
{
    if (c->versions && same_text(v->v[REC_STATUS], c->last_v[REC_STATUS]) &&
        same_text(v->v[REC_BOARD], c->last_v[REC_BOARD]))
        return 0;
    sqlite3_stmt *st = c->step;
    sqlite3_bind_text(st, 1, c->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, v->valid_from, -1, SQLITE_STATIC);
    const int cols[] = {REC_STATUS, REC_BOARD, REC_PARENT};
    for (int i = 0; i < 3; i++) {
        if (v->v[cols[i]]) sqlite3_bind_text(st, 3 + i, v->v[cols[i]], -1, SQLITE_STATIC);
        else sqlite3_bind_null(st, 3 + i);
    }
    return step_done(c->s, st, c->e);
}

static int emit_version(void *ctx, const fold_version *v)
{
    fold_ctx *c = ctx;
    sqlite3_stmt *st = c->t->insert_version;
    sqlite3_bind_text(st, 1, c->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, v->valid_from, -1, SQLITE_STATIC);
    for (int f = 0; f < c->k->nfields; f++) {
        if (v->v[f]) sqlite3_bind_text(st, 3 + f, v->v[f], -1, SQLITE_STATIC);
        else sqlite3_bind_null(st, 3 + f);
    }
    sqlite3_bind_int64(st, 3 + c->k->nfields, v->last_seq);
    if (step_done(c->s, st, c->e) || (c->step && emit_step(c, v))) return -1;
    if (!c->versions++) c->since = v->valid_from;
    c->last_from = v->valid_from;
    memcpy(c->last_v, v->v, sizeof(char *) * (size_t)c->k->nfields);
    c->last_seq = v->last_seq;
    return 0;
}

/* Write the fold of one thing's changes (sorted) into both tables. */
static int write_fold(store_t *s, const kind_def *k, const char *id, const fold_change *ch,
                      size_t n, err_t *e)
{
    kind_stmts *t = stmts(s, k, e);
    if (!t) return -1;
    sqlite3_bind_text(t->delete_versions, 1, id, -1, SQLITE_STATIC);
    if (step_done(s, t->delete_versions, e)) return -1;
    fold_ctx c = {.s = s, .k = k, .id = id, .t = t, .e = e};
    if (k == &kind_rec) {
        sqlite3_stmt *del;
        if (db_cached(s, "DELETE FROM rec_steps WHERE id = ?1", &del, e)) return -1;
        sqlite3_bind_text(del, 1, id, -1, SQLITE_STATIC);
        int rc = step_done(s, del, e);
        db_release(s, del);
        if (rc || db_cached(s, "INSERT INTO rec_steps(id, valid_from, status, board, parent) VALUES(?1, ?2, ?3, ?4, ?5)",
                            &c.step, e))
            return -1;
    }
    int rc = fold_entity(k, ch, n, emit_version, &c);
    if (c.step) db_release(s, c.step);
    if (rc) return -1;
    if (!c.versions) {
        sqlite3_bind_text(t->delete_current, 1, id, -1, SQLITE_STATIC);
        return step_done(s, t->delete_current, e);
    }
    sqlite3_stmt *st = t->insert_current;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    for (int f = 0; f < k->nfields; f++) {
        if (c.last_v[f]) sqlite3_bind_text(st, 2 + f, c.last_v[f], -1, SQLITE_STATIC);
        else sqlite3_bind_null(st, 2 + f);
    }
    sqlite3_bind_text(st, 2 + k->nfields, c.since, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3 + k->nfields, c.last_from, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4 + k->nfields, c.last_seq);
    return step_done(s, st, e);
}

/* A growable array of changes whose strings live in an arena. */
typedef struct {
    fold_change *v;
    size_t n, cap;
    arena_t *a;
} change_vec;

static int vec_push(change_vec *cv, sqlite3_stmt *st, int col, err_t *e)
{
    if (cv->n == cv->cap) {
        size_t cap = cv->cap ? cv->cap * 2 : 64;
        fold_change *nv = mem_realloc(cv->v, cap * sizeof *nv);
        if (!nv) return err_nomem(e);
        cv->v = nv;
        cv->cap = cap;
    }
    fold_change *c = &cv->v[cv->n];
    c->seq = sqlite3_column_int64(st, col);
    c->field = db_text(st, col + 1, cv->a);
    c->value = db_text(st, col + 2, cv->a);
    c->effective_at = db_text(st, col + 3, cv->a);
    if (!c->field || !c->value || !c->effective_at) return err_nomem(e);
    cv->n++;
    return 0;
}

int project_entity(store_t *s, const kind_def *k, const char *id, err_t *e)
{
    if (!s->select_thing &&
        db_prepare(s, "SELECT seq, field, value, effective_at FROM change_log"
                      " WHERE entity = ?1 AND entity_id = ?2 ORDER BY effective_at, seq",
                   &s->select_thing, e))
        return -1;
    change_vec cv = {0};
    cv.a = arena_new();
    if (!cv.a) return err_nomem(e);
    sqlite3_stmt *st = s->select_thing;
    sqlite3_bind_text(st, 1, k->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    int rc, bad = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (vec_push(&cv, st, 0, e)) { bad = 1; break; }
    sqlite3_reset(st);
    if (!bad && rc != SQLITE_DONE) bad = db_error(s, rc, "projection", e) != 0;
    if (!bad) bad = write_fold(s, k, id, cv.v, cv.n, e) != 0;
    mem_free(cv.v);
    arena_free(cv.a);
    return bad ? -1 : 0;
}

int project_all(store_t *s, err_t *e)
{
    buf_t b = BUF_INIT;
    for (int i = 0; all_kinds[i]; i++)
        buf_printf(&b, "DELETE FROM %s; DELETE FROM %s_versions;", all_kinds[i]->table,
                   all_kinds[i]->table);
    buf_puts(&b, "DELETE FROM rec_steps;");
    int rc = buf_ok(&b) ? db_exec(s, b.data, e) : err_nomem(e);
    buf_free(&b);
    if (rc) return -1;

    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT entity, entity_id, seq, field, value, effective_at FROM change_log"
                      " ORDER BY entity, entity_id, effective_at, seq", &st, e))
        return -1;
    change_vec cv = {0};
    char *entity = NULL, *id = NULL;
    int bad = 0;
    for (;;) {
        int step = sqlite3_step(st);
        if (step != SQLITE_ROW && step != SQLITE_DONE) { bad = db_error(s, step, "rebuild", e) != 0; break; }
        const char *ent = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
        const char *eid = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 1) : NULL;
        int same = ent && entity && eid && strcmp(ent, entity) == 0 && strcmp(eid, id) == 0;
        if (!same && entity) {
            /* The previous thing's changes are complete: fold them. */
            const kind_def *k = kind_find(entity);
            if (k && write_fold(s, k, id, cv.v, cv.n, e)) { bad = 1; break; }
            arena_free(cv.a);
            cv.a = NULL;
            cv.n = 0;
            entity = id = NULL;
        }
        if (step == SQLITE_DONE) break;
        if (!entity) {
            cv.a = arena_new();
            if (!cv.a) { bad = err_nomem(e) != 0; break; }
            entity = arena_strdup(cv.a, ent ? ent : "");
            id = arena_strdup(cv.a, eid ? eid : "");
            if (!entity || !id) { bad = err_nomem(e) != 0; break; }
        }
        if (vec_push(&cv, st, 2, e)) { bad = 1; break; }
    }
    sqlite3_finalize(st);
    arena_free(cv.a);
    mem_free(cv.v);
    /* The lags last: their membership reads the current tables just made. */
    return bad || db_exec(s, DOC_LAG_FILL, e) ? -1 : 0;
}
