/* query.c — reading things as they stood: from the current tables, from the
 * version tables (an earlier effective date, as known now), or by folding the
 * log itself (as the tracker knew it at an earlier moment). */
#include "store/internal.h"

#include <stdlib.h>
#include <string.h>

#include "core/fold.h"
#include "core/id.h"
#include "util/alloc.h"

/* The newest seq recorded at or before ts (0 when none). recorded_at never
 * decreases along seq, so a binary search over seq finds it. */
static int last_recorded_by(store_t *s, const char *ts, long long *out, err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(s, "SELECT seq, recorded_at <= ?2 FROM change_log WHERE seq >= ?1 ORDER BY seq LIMIT 1", &st, e))
        return -1;
    long long lo = 0, hi = store_head_seq(s);   /* seq lo is known to be recorded by ts */
    int rc = SQLITE_DONE;
    while (lo < hi) {
        long long mid = lo + (hi - lo + 1) / 2;
        sqlite3_bind_int64(st, 1, mid);
        sqlite3_bind_text(st, 2, ts, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        int before = rc == SQLITE_ROW && sqlite3_column_int(st, 1);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) break;
        rc = SQLITE_DONE;
        if (before) lo = mid;
        else hi = mid - 1;
    }
    db_release(s, st);
    if (rc != SQLITE_DONE) return db_error(s, rc, "view", e);
    *out = lo;
    return 0;
}

int store_change_in_view(const change_t *c, const view_t *v)
{
    if (strncmp(c->effective_at, v->as_of, DATE_LEN) > 0) return 0;
    return v->max_seq == 0 || c->seq <= v->max_seq;
}

int store_view(store_t *s, const char *as_of, const char *known_at, view_t *v, err_t *e)
{
    memset(v, 0, sizeof *v);
    char today[DATE_SIZE];
    clock_today(today);
    if (known_at && *known_at) {
        if (ts_parse(known_at, 1, v->known_at) != 0)
            return err_set(e, ERR_INPUT, "--known-at: '%.40s' is not a valid date or time "
                           "(YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)", known_at);
        if (last_recorded_by(s, v->known_at, &v->max_seq, e)) return -1;
        if (v->max_seq == 0) v->max_seq = -1;   /* before the first change: nothing */
    }
    if (as_of && *as_of) {
        if (!date_valid(as_of))
            return err_set(e, ERR_INPUT, "--as-of: '%.40s' is not a valid date (YYYY-MM-DD)", as_of);
        memcpy(v->as_of, as_of, DATE_SIZE);
    } else if (v->known_at[0] && strncmp(v->known_at, today, DATE_LEN) < 0) {
        memcpy(v->as_of, v->known_at, DATE_LEN);
        v->as_of[DATE_LEN] = '\0';
    } else {
        memcpy(v->as_of, today, DATE_SIZE);
    }
    v->current = !v->known_at[0] && strcmp(v->as_of, today) >= 0;
    return 0;
}

/* Read an entity row: id, nfields values, since, changed, last_seq. */
static int read_ent(sqlite3_stmt *st, const kind_def *k, arena_t *a, ent_t *out, err_t *e)
{
    out->id = db_text(st, 0, a);
    out->v = arena_alloc(a, sizeof(char *) * (size_t)k->nfields);
    if (!out->id || !out->v) return err_nomem(e);
    for (int f = 0; f < k->nfields; f++) {
        if (sqlite3_column_type(st, 1 + f) == SQLITE_NULL) continue;
        if (!(out->v[f] = db_text(st, 1 + f, a))) return err_nomem(e);
    }
    out->since = db_text(st, 1 + k->nfields, a);
    out->changed = db_text(st, 2 + k->nfields, a);
    out->last_seq = sqlite3_column_int64(st, 3 + k->nfields);
    if (!out->since || !out->changed) return err_nomem(e);
    return 0;
}

typedef struct {
    ent_t *v;
    size_t n, cap;
} ent_vec;

static ent_t *ent_push(ent_vec *ev, arena_t *a)
{
    if (ev->n == ev->cap) {
        size_t cap = ev->cap ? ev->cap * 2 : 32;
        ent_t *nv = arena_alloc(a, cap * sizeof *nv);
        if (!nv) return NULL;
        if (ev->n) memcpy(nv, ev->v, ev->n * sizeof *nv);
        ev->v = nv;
        ev->cap = cap;
    }
    return &ev->v[ev->n++];
}

/* Read the rows of a prepared query into out; the statement is reset. */
static int read_rows(store_t *s, sqlite3_stmt *st, const kind_def *k, arena_t *a, ent_vec *out,
                     err_t *e)
{
    int rc, bad = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ent_t *en = ent_push(out, a);
        if (!en) { bad = err_nomem(e); break; }
        if (read_ent(st, k, a, en, e)) { bad = -1; break; }
    }
    sqlite3_reset(st);
    if (bad) return -1;
    return rc == SQLITE_DONE ? 0 : db_error(s, rc, "query", e);
}

/* Query the current or version tables; where_field: -2 by id, -1 none, else a field. */
static int load_tables(store_t *s, const kind_def *k, const view_t *v, int where_field,
                       const char *value, arena_t *a, ent_vec *out, err_t *e)
{
    int ki = project_index(k);
    int versions = !v->current;
    const kind_sql *q = project_sql(s, ki, e);
    if (!q) return -1;
    if (where_field == -2) {
        /* The write path, and imports of dated rows, look things up by id
         * often: keep those statements. */
        sqlite3_stmt **st = versions ? &s->stmt[ki].get_version : &s->stmt[ki].get_current;
        if (!*st) {
            buf_t b = BUF_INIT;
            if (versions) buf_puts(&b, q->select_version);
            else buf_printf(&b, "%s WHERE id = ?2", q->select_current);
            int rc = buf_ok(&b) ? db_prepare(s, b.data, st, e) : err_nomem(e);
            buf_free(&b);
            if (rc) return -1;
        }
        /* A copy of value is bound (the statement outlives it): that copy
         * may fail, and an unbound id would read as "no such thing". */
        int rc = sqlite3_bind_text(*st, 2, value, -1, SQLITE_TRANSIENT);
        if (rc == SQLITE_OK && versions) rc = sqlite3_bind_text(*st, 1, v->as_of, -1, SQLITE_TRANSIENT);
        if (rc != SQLITE_OK) return db_error(s, rc, "query", e);
        return read_rows(s, *st, k, a, out, e);
    }
    buf_t b = BUF_INIT;
    const field_def *f = where_field >= 0 ? &k->fields[where_field] : NULL;
    int fixed = f && versions && (f->flags & F_FIXED);
    if (fixed && f->ref && strcmp(f->ref, "rec") == 0)
        /* One rec's milestones, links, children...: few things with few
         * versions, so reading each version up to the date costs less than
         * compiling the subquery of select_versions (most of a one-shot
         * command's work). The current table's index on the fixed field
         * names the candidates in rowid order. */
        buf_printf(&b, "%s WHERE c.\"%s\" = ?2 GROUP BY c.rowid", q->select_in_force, f->name);
    else if (fixed)
        /* A fixed field never changes after creation, so the current table
         * (and its index) names every candidate; the version in force on
         * the date decides. Without this, every thing of the kind has its
         * version looked up. */
        buf_printf(&b, "%s WHERE c.\"%s\" = ?2 AND v.\"%s\" = ?2", q->select_versions, f->name,
                   f->name);
    else if (f)
        buf_printf(&b, "%s WHERE %s\"%s\" = ?2", versions ? q->select_versions : q->select_current,
                   versions ? "v." : "", f->name);
    else
        buf_puts(&b, versions ? q->select_versions : q->select_current);
    if (!buf_ok(&b)) { buf_free(&b); return err_nomem(e); }
    sqlite3_stmt *st;
    int rc = db_cached(s, b.data, &st, e);
    buf_free(&b);
    if (rc) return -1;
    if (versions) sqlite3_bind_text(st, 1, v->as_of, -1, SQLITE_STATIC);
    if (where_field != -1) sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    rc = read_rows(s, st, k, a, out, e);
    db_release(s, st);
    return rc;
}

/* Keep a folded thing: its values, first date and last change copied from
 * the scratch arena of its changes into a. */
static int keep_folded(const kind_def *k, const char *id, const char *const *vals, const char *since,
                       const char *from, long long last, arena_t *a, ent_vec *out, err_t *e)
{
    ent_t *en = ent_push(out, a);
    const char **copy = arena_alloc(a, sizeof(char *) * (size_t)k->nfields);
    if (!en || !copy) return err_nomem(e);
    for (int f = 0; f < k->nfields; f++)
        if (vals[f] && !(copy[f] = arena_strdup(a, vals[f]))) return err_nomem(e);
    *en = (ent_t){id, copy, arena_strdup(a, since), from ? arena_strdup(a, from) : NULL, last};
    return en->since && (en->changed || !from) ? 0 : err_nomem(e);
}

/* Fold the log as known at v->max_seq. id NULL: every thing of the kind.
 * One thing's changes at a time live in a scratch arena, so memory follows
 * the largest thing's history, not the log's. */
static int load_log(store_t *s, const kind_def *k, const view_t *v, const char *id,
                    int where_field, const char *value, arena_t *a, ent_vec *out, err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(s, id ? "SELECT entity_id, seq, field, value, effective_at FROM change_log"
                          " WHERE entity = ?1 AND entity_id = ?2 AND seq <= ?3 AND effective_at <= ?4"
                          " ORDER BY entity_id, effective_at, seq"
                        : "SELECT entity_id, seq, field, value, effective_at FROM change_log"
                          " WHERE entity = ?1 AND seq <= ?3 AND effective_at <= ?4"
                          " ORDER BY entity_id, effective_at, seq", &st, e))
        return -1;
    sqlite3_bind_text(st, 1, k->name, -1, SQLITE_STATIC);
    if (id) sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, v->max_seq);
    sqlite3_bind_text(st, 4, v->as_of, -1, SQLITE_STATIC);

    fold_change *ch = NULL;
    size_t n = 0, cap = 0;
    const char *cur = NULL;
    if (!id) db_scan_begin(s);
    arena_t *t = arena_new();
    int rc, bad = t ? 0 : err_nomem(e);
    while (!bad) {
        rc = sqlite3_step(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) { bad = db_error(s, rc, "query", e); break; }
        const char *eid = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
        if (cur && (!eid || strcmp(eid, cur) != 0)) {
            const char *vals[KIND_MAX_FIELDS], *from;
            long long last;
            if (fold_at(k, ch, n, NULL, vals, &from, &last) &&
                (where_field < 0 || (vals[where_field] && strcmp(vals[where_field], value) == 0)) &&
                keep_folded(k, cur, vals, ch[0].effective_at, from, last, a, out, e)) {
                bad = -1;
                break;
            }
            n = 0;
            cur = NULL;
            arena_free(t);
            if (!(t = arena_new())) { bad = err_nomem(e); break; }
        }
        if (rc == SQLITE_DONE) break;
        if (!cur && !(cur = arena_strdup(a, eid))) { bad = err_nomem(e); break; }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            fold_change *nc = mem_realloc(ch, cap * sizeof *nc);
            if (!nc) { bad = err_nomem(e); break; }
            ch = nc;
        }
        ch[n].seq = sqlite3_column_int64(st, 1);
        ch[n].field = db_text(st, 2, t);
        ch[n].value = db_text(st, 3, t);
        ch[n].effective_at = db_text(st, 4, t);
        if (!ch[n].field || !ch[n].value || !ch[n].effective_at) { bad = err_nomem(e); break; }
        n++;
    }
    db_release(s, st);
    if (!id) db_scan_end(s);
    arena_free(t);
    mem_free(ch);
    return bad ? -1 : 0;
}

int store_get(store_t *s, const kind_def *k, const view_t *v, const char *id, arena_t *a,
              ent_t *out, err_t *e)
{
    ent_vec ev = {0};
    int rc = v->known_at[0] ? load_log(s, k, v, id, -1, NULL, a, &ev, e)
                            : load_tables(s, k, v, -2, id, a, &ev, e);
    if (rc) return -1;
    if (ev.n == 0) {
        if (v->current) return err_set(e, ERR_NOTFOUND, "no such %s: %s", k->label, id);
        return err_set(e, ERR_NOTFOUND, "no such %s on %s%s%s: %s", k->label, v->as_of,
                       v->known_at[0] ? " as known at " : "", v->known_at, id);
    }
    *out = ev.v[0];
    return 0;
}

int store_exists(store_t *s, const kind_def *k, const char *id, err_t *e)
{
    sqlite3_stmt **st = &s->stmt[project_index(k)].exists;
    if (!*st) {
        buf_t b = BUF_INIT;
        buf_printf(&b, "SELECT 1 FROM %s WHERE id = ?1", k->table);
        int rc = buf_ok(&b) ? db_prepare(s, b.data, st, e) : err_nomem(e);
        buf_free(&b);
        if (rc) return -1;
    }
    int rc = sqlite3_bind_text(*st, 1, id, -1, SQLITE_TRANSIENT);   /* a copy: may fail */
    if (rc != SQLITE_OK) return db_error(s, rc, "query", e);
    rc = sqlite3_step(*st);
    sqlite3_reset(*st);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) return 0;
    return db_error(s, rc, "query", e);
}

static int cmp_ent(const void *a, const void *b)
{
    const ent_t *x = a, *y = b;
    int c = id_natural_cmp(x->id, y->id);
    return c ? c : strcmp(x->id, y->id);
}

int store_list(store_t *s, const kind_def *k, const view_t *v, int field, const char *value,
               arena_t *a, ent_t **items, size_t *n, err_t *e)
{
    ent_vec ev = {0};
    int rc = v->known_at[0] ? load_log(s, k, v, NULL, field, value, a, &ev, e)
                            : load_tables(s, k, v, field, value, a, &ev, e);
    if (rc) return -1;
    if (ev.n > 1) qsort(ev.v, ev.n, sizeof *ev.v, cmp_ent);
    *items = ev.v;
    *n = ev.n;
    return 0;
}

int store_each_version(store_t *s, const kind_def *k, int fixed_field, const char *value, const int *want,
                       int nwant, int (*fn)(void *ctx, const ent_t *version), void *ctx, err_t *e)
{
    if (fixed_field < 0 || fixed_field >= k->nfields || !(k->fields[fixed_field].flags & F_FIXED))
        return err_set(e, ERR_INTERNAL, "versions of a %s by a field that is not fixed", k->label);
    /* The current table's index on the fixed field gives the things (in
     * rowid order), the version table's key their versions in date order:
     * no sort, nothing held. Only the wanted columns are read. */
    buf_t b = BUF_INIT;
    buf_puts(&b, "SELECT v.id, v.valid_from, v.last_seq");
    for (int i = 0; i < nwant; i++) buf_printf(&b, ", v.\"%s\"", k->fields[want[i]].name);
    buf_printf(&b, " FROM %s c CROSS JOIN %s_versions v ON v.id = c.id WHERE c.\"%s\" = ?1"
                   " ORDER BY c.rowid, v.valid_from", k->table, k->table, k->fields[fixed_field].name);
    if (!buf_ok(&b)) { buf_free(&b); return err_nomem(e); }
    sqlite3_stmt *st;
    int rc = db_cached(s, b.data, &st, e);
    buf_free(&b);
    if (rc) return -1;
    sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
    const char *vals[KIND_MAX_FIELDS] = {0};
    int stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < nwant; i++) vals[want[i]] = (const char *)sqlite3_column_text(st, 3 + i);
        ent_t en = {(const char *)sqlite3_column_text(st, 0), vals, (const char *)sqlite3_column_text(st, 1),
                    NULL, sqlite3_column_int64(st, 2)};
        en.changed = en.since;
        if (!en.id || !en.since) { stop = err_nomem(e); break; }
        stop = fn(ctx, &en);
    }
    if (!stop && rc != SQLITE_DONE) stop = db_error(s, rc, "versions", e);
    db_release(s, st);
    return stop;
}

int store_each_rec_step(store_t *s, const char *review, int (*fn)(void *ctx, const ent_t *step), void *ctx,
                        err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(s, "SELECT t.id, t.valid_from, t.status, t.board, t.parent FROM recs c"
                     " CROSS JOIN rec_steps t ON t.id = c.id WHERE c.review = ?1 ORDER BY c.rowid, t.valid_from",
                  &st, e))
        return -1;
    sqlite3_bind_text(st, 1, review, -1, SQLITE_STATIC);
    const char *vals[KIND_MAX_FIELDS] = {0};
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        vals[REC_STATUS] = (const char *)sqlite3_column_text(st, 2);
        vals[REC_BOARD] = (const char *)sqlite3_column_text(st, 3);
        vals[REC_PARENT] = (const char *)sqlite3_column_text(st, 4);
        ent_t en = {(const char *)sqlite3_column_text(st, 0), vals, (const char *)sqlite3_column_text(st, 1), NULL, 0};
        en.changed = en.since;
        if (!en.id || !en.since) { stop = err_nomem(e); break; }
        stop = fn(ctx, &en);
    }
    if (!stop && rc != SQLITE_DONE) stop = db_error(s, rc, "steps", e);
    db_release(s, st);
    return stop;
}

int db_read_changes(store_t *s, sqlite3_stmt *st, arena_t *a, change_t **out, size_t *n, err_t *e)
{
    size_t cap = 0;
    *n = 0;
    *out = NULL;
    int rc, bad = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            change_t *nv = arena_alloc(a, ncap * sizeof *nv);
            if (!nv) { bad = err_nomem(e); break; }
            if (*n) memcpy(nv, *out, *n * sizeof *nv);
            *out = nv;
            cap = ncap;
        }
        change_t *c = &(*out)[(*n)++];
        c->seq = sqlite3_column_int64(st, 0);
        c->entity = db_text(st, 1, a);
        c->entity_id = db_text(st, 2, a);
        c->field = db_text(st, 3, a);
        c->value = db_text(st, 4, a);
        c->effective_at = db_text(st, 5, a);
        c->recorded_at = db_text(st, 6, a);
        c->actor = db_text(st, 7, a);
        c->reason = db_text(st, 8, a);
        const void *h = sqlite3_column_blob(st, 9);
        if (h && sqlite3_column_bytes(st, 9) == 32) memcpy(c->hash, h, 32);
        c->reported_at = db_text(st, 10, a);
        c->tx = sqlite3_column_int64(st, 11);
        if (!c->entity || !c->entity_id || !c->field || !c->value || !c->effective_at ||
            !c->recorded_at || !c->actor || !c->reason || !c->reported_at) { bad = err_nomem(e); break; }
    }
    if (bad) return -1;
    return rc == SQLITE_DONE ? 0 : db_error(s, rc, "changes", e);
}

int store_changes(store_t *s, long long after, long long before, const char *as_of, int limit,
                  int ascending, arena_t *a, change_t **out, size_t *n, err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(s, ascending
                   ? "SELECT " CHANGE_COLUMNS
                     " FROM change_log WHERE seq > ?1 AND seq < ?2 AND effective_at <= ?3 ORDER BY seq LIMIT ?4"
                   : "SELECT " CHANGE_COLUMNS
                     " FROM change_log WHERE seq > ?1 AND seq < ?2 AND effective_at <= ?3 ORDER BY seq DESC LIMIT ?4",
                   &st, e))
        return -1;
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int64(st, 2, before > 0 ? before : (long long)9e18);
    sqlite3_bind_text(st, 3, as_of ? as_of : "9999-12-31", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, limit);
    int rc = db_read_changes(s, st, a, out, n, e);
    db_release(s, st);
    return rc;
}

static int by_seq(const void *x, const void *y)
{
    long long a = ((const change_t *)x)->seq, b = ((const change_t *)y)->seq;
    return (a > b) - (a < b);
}

/* The rows come in index order and are put in seq order here: an ORDER BY
 * (a sorter), the IN lists (temporary tables) and the OR of four searches
 * cost SQLite more than the whole rest of the query on a rec's page. */
int store_history(store_t *s, const kind_def *k, const char *id, arena_t *a, change_t **out,
                  size_t *n, err_t *e)
{
    sqlite3_stmt *st;
    const char *sql = k == &kind_rec
        ? "SELECT " CHANGE_COLUMNS " FROM change_log WHERE entity IN ('rec', 'verification') AND entity_id = ?1"
          " UNION ALL SELECT " CHANGE_COLUMNS " FROM milestones CROSS JOIN change_log"
          " ON entity = 'milestone' AND entity_id = milestones.id WHERE milestones.rec = ?1"
          " UNION ALL SELECT " CHANGE_COLUMNS " FROM links CROSS JOIN change_log"
          " ON entity = 'link' AND entity_id = links.id WHERE links.rec = ?1 OR links.other = ?1"
        : "SELECT " CHANGE_COLUMNS " FROM change_log WHERE entity = ?2 AND entity_id = ?1";
    if (db_cached(s, sql, &st, e)) return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    if (k != &kind_rec) sqlite3_bind_text(st, 2, k->name, -1, SQLITE_STATIC);
    int rc = db_read_changes(s, st, a, out, n, e);
    db_release(s, st);
    if (rc == 0 && *n > 1) qsort(*out, *n, sizeof **out, by_seq);
    return rc;
}

int store_thing_field_changes(store_t *s, const kind_def *k, const char *id, const char *field, arena_t *a,
                              change_t **out, size_t *n, err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(s, "SELECT " CHANGE_COLUMNS " FROM change_log WHERE entity = ?1 AND entity_id = ?2 AND field = ?3"
                     " ORDER BY seq", &st, e))
        return -1;
    sqlite3_bind_text(st, 1, k->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, field, -1, SQLITE_STATIC);
    int rc = db_read_changes(s, st, a, out, n, e);
    db_release(s, st);
    return rc;
}

int store_rec_board_changes(store_t *s, const char *review, arena_t *a, change_t **out, size_t *n, err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(s, review ? REC_BOARD_OF_REVIEW_SQL : REC_BOARD_ALL_SQL, &st, e)) return -1;
    if (review) sqlite3_bind_text(st, 1, review, -1, SQLITE_STATIC);
    int rc = db_read_changes(s, st, a, out, n, e);
    db_release(s, st);
    return rc;
}

int store_next_id(store_t *s, const kind_def *k, const char *prefix, arena_t *a, char **out,
                  err_t *e)
{
    sqlite3_stmt *st;
    if (db_prepare(s, "SELECT count(DISTINCT entity_id) FROM change_log WHERE entity = ?1"
                      " AND substr(entity_id, 1, length(?2)) = ?2", &st, e))
        return -1;
    sqlite3_bind_text(st, 1, k->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, prefix, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    long long n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) return db_error(s, rc, "new id", e);
    if (db_prepare(s, "SELECT 1 FROM change_log WHERE entity = ?1 AND entity_id = ?2 LIMIT 1", &st, e))
        return -1;
    /* The id must be new to the log, not just to the current table. */
    for (long long i = n + 1;; i++) {
        char *id = arena_printf(a, "%s%lld", prefix, i);
        if (!id) { sqlite3_finalize(st); return err_nomem(e); }
        sqlite3_bind_text(st, 1, k->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_DONE) { sqlite3_finalize(st); *out = id; return 0; }
        if (rc != SQLITE_ROW) { sqlite3_finalize(st); return db_error(s, rc, "new id", e); }
    }
}

int store_dump_projections(store_t *s, char **out, err_t *e)
{
    buf_t b = BUF_INIT;
    int bad = 0;
    for (int i = 0; all_kinds[i] && !bad; i++) {
        const kind_def *k = all_kinds[i];
        for (int pass = 0; pass < 2 && !bad; pass++) {
            buf_t q = BUF_INIT;
            if (pass == 0) buf_printf(&q, "SELECT * FROM %s ORDER BY id", k->table);
            else buf_printf(&q, "SELECT * FROM %s_versions ORDER BY id, valid_from", k->table);
            if (!buf_ok(&q)) { bad = err_nomem(e); break; }
            sqlite3_stmt *st;
            if (db_prepare(s, q.data, &st, e)) { buf_free(&q); bad = -1; break; }
            buf_printf(&b, "[%s%s]\n", k->table, pass ? "_versions" : "");
            int rc;
            while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
                for (int c = 0; c < sqlite3_column_count(st); c++) {
                    const char *t = (const char *)sqlite3_column_text(st, c);
                    buf_printf(&b, "%s%s", c ? "|" : "", t ? t : "NULL");
                }
                buf_putc(&b, '\n');
            }
            if (rc != SQLITE_DONE) bad = db_error(s, rc, "dump", e);
            sqlite3_finalize(st);
            buf_free(&q);
        }
    }
    if (bad) { buf_free(&b); return -1; }
    if (!(*out = buf_detach(&b))) return err_nomem(e);
    return 0;
}
