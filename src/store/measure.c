/* measure.c — queries behind the indicators and SMART's Measurable rule;
 * see measure.h. */
#include "store/internal.h"
#include "store/measure.h"
#include "store/edit_set.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/kpi.h"
#include "util/alloc.h"
#include "util/date.h"

int store_rec_has_kpi_target(store_t *s, const view_t *v, const char *rec, err_t *e)
{
    arena_t *a = arena_new();
    if (!a) return err_nomem(e);
    ent_t *kpis;
    size_t n;
    int rc = store_list(s, &kind_kpi, v, KPI_REC, rec, a, &kpis, &n, e);
    if (rc == 0)
        for (size_t i = 0; i < n && !rc; i++) rc = kpi_fields_have_target(kpis[i].v);
    arena_free(a);
    return rc;
}

/* Membership follows fixed fields (a rec's review, a milestone's rec, ...),
 * so the current tables answer it for any date. */
static const char lags_sql[] =
    "WITH recs_r(id) AS (SELECT id FROM recs WHERE review = ?1),"
    " ms_r(id) AS (SELECT id FROM milestones WHERE rec IN (SELECT id FROM recs_r)),"
    " kpis_r(id) AS (SELECT id FROM kpis WHERE rec IN (SELECT id FROM recs_r)),"
    " things(entity, id) AS ("
    "  SELECT 'review', ?1"
    "  UNION ALL SELECT 'rec', id FROM recs_r"
    "  UNION ALL SELECT 'milestone', id FROM ms_r"
    "  UNION ALL SELECT 'link', id FROM links WHERE rec IN (SELECT id FROM recs_r)"
    "  UNION ALL SELECT 'kpi', id FROM kpis_r"
    "  UNION ALL SELECT 'measurement', id FROM measurements WHERE kpi IN (SELECT id FROM kpis_r)"
    "  UNION ALL SELECT 'evidence', id FROM evidence"
    "   WHERE (target_kind = 'rec' AND target IN (SELECT id FROM recs_r))"
    "      OR (target_kind = 'milestone' AND target IN (SELECT id FROM ms_r))"
    "      OR (target_kind = 'item' AND instr(target, '/') > 0"
    "          AND substr(target, instr(target, '/') + 1) IN (SELECT id FROM recs_r)))"
    " SELECT entity, id FROM things";

/* The things of the review (lags_sql's list), as "entity\tid" -> mark:
 * &shown_thing, or &hidden_thing when public_only and restricted. */
static char shown_thing, hidden_thing;

static int review_things(store_t *s, const char *review, int public_only, map_t *things, err_t *e)
{
    sqlite3_stmt *st;
    store_vis *vis = NULL;
    if (public_only && !(vis = store_vis_new(s, e))) return -1;
    if (db_cached(s, lags_sql, &st, e)) { store_vis_free(vis); return -1; }
    sqlite3_bind_text(st, 1, review, -1, SQLITE_STATIC);
    char key[600];
    int rc, bad = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *entity = (const char *)sqlite3_column_text(st, 0), *id = (const char *)sqlite3_column_text(st, 1);
        if (!entity || !id) { bad = err_nomem(e); break; }
        int hidden = 0;
        if (vis) {
            const kind_def *k = kind_find(entity);
            hidden = k ? store_vis_hidden(vis, k, id) : 1;
            if (hidden < 0) { bad = -1; break; }
        }
        snprintf(key, sizeof key, "%s\t%s", entity, id);
        if (map_put(things, key, hidden ? &hidden_thing : &shown_thing)) { bad = err_nomem(e); break; }
    }
    if (!bad && rc != SQLITE_DONE) bad = db_error(s, rc, "documentation lag", e);
    db_release(s, st);
    store_vis_free(vis);
    return bad;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* Sort v[0..n) ascending: by counting when the values span at most 100,000
 * days (274 years: any real lag; the counts take 800 kB at most), else by
 * qsort. */
static int sort_lags(long *v, size_t n)
{
    if (n < 2) return 0;
    long lo = v[0], hi = v[0];
    for (size_t i = 1; i < n; i++) {
        if (v[i] < lo) lo = v[i];
        if (v[i] > hi) hi = v[i];
    }
    if ((unsigned long)(hi - lo) > 100000ul) { qsort(v, n, sizeof *v, cmp_long); return 0; }
    size_t span = (size_t)(hi - lo) + 1, k = 0;
    size_t *count = mem_calloc(span, sizeof *count);
    if (!count) return -1;
    for (size_t i = 0; i < n; i++) count[v[i] - lo]++;
    for (size_t d = 0; d < span; d++)
        for (size_t c = count[d]; c; c--) v[k++] = lo + (long)d;
    mem_free(count);
    return 0;
}

/* Whether the thing of a log row is one of the review's shown things; the
 * log holds a thing's changes mostly in a row, so the last answer is kept. */
typedef struct {
    char key[600];
    size_t len;
    int shown;
} thing_memo;

static int row_shown(thing_memo *m, const map_t *things, const char *entity, const char *id)
{
    size_t ne = strlen(entity), ni = strlen(id);
    if (ne + ni + 2 > sizeof m->key) return 0;   /* longer than any id: not one of them */
    if (m->len == ne + 1 + ni && memcmp(m->key, entity, ne) == 0 && memcmp(m->key + ne + 1, id, ni) == 0)
        return m->shown;
    memcpy(m->key, entity, ne);
    m->key[ne] = '\t';
    memcpy(m->key + ne + 1, id, ni + 1);
    m->len = ne + 1 + ni;
    return m->shown = map_get(things, m->key) == &shown_thing;
}

/* A date's day number, the last one asked kept: dates repeat along the log. */
typedef struct {
    char date[DATE_SIZE];
    long days;
} day_memo;

static long day_of(day_memo *m, const char *date)
{
    if (strncmp(m->date, date, DATE_SIZE) != 0) {
        size_t n = strnlen(date, DATE_SIZE - 1);
        memcpy(m->date, date, n);
        m->date[n] = '\0';
        m->days = date_to_days(date);
    }
    return m->days;
}

/* One pass over the log in seq order (no lookups, no sort in SQLite): the
 * distinct edits of the review's things effective by as_of, each edit's
 * lag in whole days (reported - effective). The pass maps no page and
 * caches few (db_scan_begin): memory stays flat at any size of the log. */
static int scan_lags(store_t *s, const char *as_of, const map_t *things, arena_t *a, long **lags, size_t *n,
                     err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(s, "SELECT entity, entity_id, effective_at, recorded_at,"
                     " coalesce(reported_at, substr(recorded_at, 1, 10)) FROM change_log"
                     " WHERE effective_at <= ?1 ORDER BY seq", &st, e))
        return -1;
    sqlite3_bind_text(st, 1, as_of, -1, SQLITE_STATIC);
    edit_set set = EDIT_SET_INIT;
    day_memo eff = {"", 0}, rep = {"", 0};
    thing_memo *memo = mem_calloc(1, sizeof *memo);
    char run[TS_SIZE + 8] = "";
    size_t cap = 0;
    long *v = NULL;
    int rc = SQLITE_DONE, bad = memo ? 0 : err_nomem(e);
    *n = 0;
    db_scan_begin(s);
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *col[5];
        for (int i = 0; i < 5; i++) col[i] = (const char *)sqlite3_column_text(st, i);
        if (!col[0] || !col[1] || !col[2] || !col[3] || !col[4]) { bad = err_nomem(e); break; }
        if (!row_shown(memo, things, col[0], col[1])) continue;
        int fresh = edit_set_row(&set, run, sizeof run, col);
        if (fresh < 0) { bad = err_nomem(e); break; }
        if (!fresh) continue;
        if (arena_grow(a, (void **)&v, *n, &cap, sizeof *v, 256)) { bad = err_nomem(e); break; }
        v[(*n)++] = day_of(&rep, col[4]) - day_of(&eff, col[2]);
    }
    if (!bad && rc != SQLITE_DONE) bad = db_error(s, rc, "documentation lag", e);
    db_release(s, st);
    db_scan_end(s);
    edit_set_free(&set);
    mem_free(memo);
    if (!bad && sort_lags(v, *n)) bad = err_nomem(e);
    if (bad) return -1;
    *lags = v;
    return 0;
}

int store_doc_lags_scan(store_t *s, const char *review, const char *as_of, int public_only, arena_t *a,
                        long **lags, size_t *n, err_t *e)
{
    map_t *things = map_new();
    if (!things) return err_nomem(e);
    *lags = NULL;
    *n = 0;
    int rc = review_things(s, review, public_only, things, e) || scan_lags(s, as_of, things, a, lags, n, e) ? -1 : 0;
    map_free(things);
    return rc;
}

/* The kept counts of the review's edits effective by as_of, by lag
 * ascending, into an arena array. */
static int kept_counts(store_t *s, const char *review, const char *as_of, arena_t *a, ind_count **out,
                       size_t *k, err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(s, "SELECT lag_days, sum(n) FROM doc_lag_counts WHERE review = ?1 AND effective_at <= ?2"
                     " GROUP BY lag_days ORDER BY lag_days", &st, e))
        return -1;
    sqlite3_bind_text(st, 1, review, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, as_of, -1, SQLITE_STATIC);
    size_t cap = 0;
    int rc, bad = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (arena_grow(a, (void **)out, *k, &cap, sizeof **out, 64)) { bad = err_nomem(e); break; }
        (*out)[(*k)++] = (ind_count){sqlite3_column_int64(st, 0), (size_t)sqlite3_column_int64(st, 1)};
    }
    if (!bad && rc != SQLITE_DONE) bad = db_error(s, rc, "documentation lag", e);
    db_release(s, st);
    return bad ? -1 : 0;
}

/* Take the edits of one hidden thing effective by as_of out of c[0..k)
 * (sorted by lag): its changes read through change_log_thing, an edit per
 * distinct recorded_at of each effective and reported date. */
static int subtract_thing(store_t *s, const char *entity, const char *id, const char *as_of, ind_count *c,
                          size_t k, err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(s, "SELECT CAST(round(julianday(coalesce(reported_at, substr(recorded_at, 1, 10)))"
                     " - julianday(effective_at)) AS INTEGER), count(DISTINCT recorded_at) FROM change_log"
                     " WHERE entity = ?1 AND entity_id = ?2 AND effective_at <= ?3"
                     " GROUP BY effective_at, coalesce(reported_at, substr(recorded_at, 1, 10))", &st, e))
        return -1;
    sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, as_of, -1, SQLITE_STATIC);
    int rc, bad = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long lag = (long)sqlite3_column_int64(st, 0);
        size_t m = (size_t)sqlite3_column_int64(st, 1), lo = 0, hi = k;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (c[mid].value < lag) lo = mid + 1;
            else hi = mid;
        }
        if (lo == k || c[lo].value != lag || c[lo].n < m) {
            bad = err_set(e, ERR_INTERNAL, "documentation lag: the kept counts miss edits of %s %s", entity, id);
            break;
        }
        c[lo].n -= m;
    }
    if (!bad && rc != SQLITE_DONE) bad = db_error(s, rc, "documentation lag", e);
    db_release(s, st);
    return bad ? -1 : 0;
}

/* Take the edits of the review's hidden things out of c[0..k). Only those
 * few things' changes are read; the review's things are listed as
 * lags_sql lists them and each is asked of visibility (memoised). */
static int subtract_hidden(store_t *s, const char *review, const char *as_of, ind_count *c, size_t k, err_t *e)
{
    sqlite3_stmt *st;
    store_vis *vis = store_vis_new(s, e);
    if (!vis) return -1;
    if (db_cached(s, lags_sql, &st, e)) { store_vis_free(vis); return -1; }
    sqlite3_bind_text(st, 1, review, -1, SQLITE_STATIC);
    int rc, bad = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *entity = (const char *)sqlite3_column_text(st, 0), *id = (const char *)sqlite3_column_text(st, 1);
        if (!entity || !id) { bad = err_nomem(e); break; }
        const kind_def *kd = kind_find(entity);
        int hidden = kd ? store_vis_hidden(vis, kd, id) : 1;
        if (hidden < 0 || (hidden && subtract_thing(s, entity, id, as_of, c, k, e))) { bad = -1; break; }
    }
    if (!bad && rc != SQLITE_DONE) bad = db_error(s, rc, "documentation lag", e);
    db_release(s, st);
    store_vis_free(vis);
    return bad ? -1 : 0;
}

/* 1 when some thing is restricted now, 0 when none is, -1 on error. A
 * thing is hidden only when it or a thing it belongs to is restricted
 * (core/visibility.h), so with none nothing is hidden. One seek of each
 * kind's index of its restricted things (project.c). */
static int any_restricted(store_t *s, err_t *e)
{
    int found = 0;
    for (int i = 0; all_kinds[i] && !found; i++) {
        if (kind_field(all_kinds[i], "restricted") < 0) continue;
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE \"restricted\" = 'true' LIMIT 1", all_kinds[i]->table);
        sqlite3_stmt *st;
        if (db_cached(s, sql, &st, e)) return -1;
        int rc = sqlite3_step(st);
        db_release(s, st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, rc, "documentation lag", e);
        found = rc == SQLITE_ROW;
    }
    return found;
}

int store_doc_lags(store_t *s, const char *review, const char *as_of, int public_only, arena_t *a,
                   ind_count **counts, size_t *k, size_t *total, err_t *e)
{
    int began;
    *counts = NULL;
    *k = *total = 0;
    if (db_read_begin(s, &began, e)) return -1;
    int hide = public_only ? any_restricted(s, e) : 0;
    int rc = hide < 0 || kept_counts(s, review, as_of, a, counts, k, e) ||
             (hide && subtract_hidden(s, review, as_of, *counts, *k, e)) ? -1 : 0;
    db_read_end(s, began);
    if (rc) return -1;
    size_t j = 0;
    for (size_t i = 0; i < *k; i++)
        if ((*counts)[i].n) {
            *total += (*counts)[i].n;
            (*counts)[j++] = (*counts)[i];
        }
    *k = j;
    return 0;
}
