/* lag_counts.c — the documentation lag kept at write time: doc_lag_counts
 * (internal.h) holds, per review, how many distinct edits have each
 * (effective date, lag). An edit is one thing's changes sharing an effective
 * date and a reported date (its recorded date when none) within one
 * recorded_at; it counts once, with its first row. store_flush calls
 * lag_counts_add after the touched things are projected, so the review of a
 * thing is read from the current tables, its own new state included. The
 * read side (sums by lag up to a date) is in measure.c. */
#include "store/internal.h"
#include "store/edit_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/date.h"
#include "util/map.h"

/* The rows after ?1 in seq order, the columns an edit is made of. */
static const char rows_sql[] =
    "SELECT entity, entity_id, effective_at, recorded_at, coalesce(reported_at, substr(recorded_at, 1, 10))"
    " FROM change_log WHERE seq > ?1 ORDER BY seq";
/* A thing's review as the current tables say (NULL: none). */
static const char review_sql[] = "SELECT " THING_REVIEW("?1", "?2");
/* 1 when a row up to ?4 already made this edit: one seek of change_log_thing. */
static const char seen_sql[] =
    "SELECT 1 FROM change_log WHERE entity = ?1 AND entity_id = ?2 AND effective_at = ?3 AND seq <= ?4"
    " AND recorded_at = ?5 AND coalesce(reported_at, substr(recorded_at, 1, 10)) = ?6 LIMIT 1";
static const char upsert_sql[] =
    "INSERT INTO doc_lag_counts(review, effective_at, lag_days, n) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT(review, effective_at, lag_days) DO UPDATE SET n = n + excluded.n";

/* One pass's state: the reviews of the things met ("entity\tid" -> review
 * copied into a, or &no_review), the counts ("review\teffective\tlag" ->
 * a long in a), and the last thing asked. */
typedef struct {
    store_t *s;
    arena_t *a;
    map_t *reviews, *counts;
    char last[600];
    const char *last_review;
} lag_pass;

static char no_review;

/* The review of (entity, id), or NULL when it has none; -1 in *bad on error. */
static const char *thing_review(lag_pass *p, const char *entity, const char *id, int *bad, err_t *e)
{
    char key[600];
    snprintf(key, sizeof key, "%s\t%s", entity, id);
    if (strcmp(key, p->last) == 0) return p->last_review;
    const char *r = map_get(p->reviews, key);
    if (!r) {
        sqlite3_stmt *st;
        if (db_cached(p->s, review_sql, &st, e)) { *bad = -1; return NULL; }
        sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        r = rc == SQLITE_ROW ? db_text(st, 0, p->a) : NULL;
        if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL && !r) *bad = err_nomem(e);
        else if (rc != SQLITE_ROW && rc != SQLITE_DONE) *bad = db_error(p->s, rc, "documentation lag", e);
        db_release(p->s, st);
        if (*bad) return NULL;
        if (!r) r = &no_review;
        if (map_put(p->reviews, key, (void *)r)) { *bad = err_nomem(e); return NULL; }
    }
    memcpy(p->last, key, sizeof key);
    p->last_review = r == &no_review ? NULL : r;
    return p->last_review;
}

/* Whether a row up to `upto` already made the edit of col[0..5). */
static int seen_before(store_t *s, long long upto, const char *const *col, err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(s, seen_sql, &st, e)) return -1;
    for (int i = 0; i < 3; i++) sqlite3_bind_text(st, i + 1, col[i], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, upto);
    sqlite3_bind_text(st, 5, col[3], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, col[4], -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    db_release(s, st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, rc, "documentation lag", e);
    return rc == SQLITE_ROW;
}

/* Count one new edit of review r. */
static int count_edit(lag_pass *p, const char *r, const char *eff, long lag, err_t *e)
{
    char key[700];
    snprintf(key, sizeof key, "%s\t%s\t%ld", r, eff, lag);
    long *n = map_get(p->counts, key);
    if (!n) {
        if (!(n = arena_alloc(p->a, sizeof *n)) || map_put(p->counts, key, n)) return err_nomem(e);
        *n = 0;
    }
    ++*n;
    return 0;
}

/* Write the pass's counts into doc_lag_counts, added to those kept. */
static int save_counts(lag_pass *p, err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(p->s, upsert_sql, &st, e)) return -1;
    int bad = 0;
    for (size_t i = 0; i < map_count(p->counts) && !bad; i++) {
        const char *key = map_key(p->counts, i), *t1 = strchr(key, '\t'), *t2 = strrchr(key, '\t');
        sqlite3_bind_text(st, 1, key, (int)(t1 - key), SQLITE_STATIC);
        sqlite3_bind_text(st, 2, t1 + 1, (int)(t2 - t1 - 1), SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, strtol(t2 + 1, NULL, 10));
        sqlite3_bind_int64(st, 4, *(long *)map_value(p->counts, i));
        int rc = sqlite3_step(st);
        if (rc != SQLITE_DONE) bad = db_error(p->s, rc, "documentation lag", e);
        sqlite3_reset(st);
    }
    db_release(p->s, st);
    return bad;
}

/* The edits first seen in the rows after s->lag_seq, added to their
 * review's counts: one pass in seq order, each run of equal recorded_at
 * deduplicated in memory (edit_set.h); only the run that continues row
 * lag_seq's recorded_at can repeat an earlier edit, and only its rows seek
 * the log. The review is asked once per thing: an import of a million rows
 * of ten thousand things asks ten thousand times. */
static int add_new_edits(store_t *s, err_t *e)
{
    lag_pass p = {s, arena_new(), map_new(), map_new(), "", NULL};
    sqlite3_stmt *st = NULL;
    edit_set set = EDIT_SET_INIT;
    char run[TS_SIZE + 8] = "", before[TS_SIZE + 8] = "";
    int rc = SQLITE_DONE, bad = p.a && p.reviews && p.counts ? 0 : err_nomem(e);
    if (!bad && s->lag_seq > 0 && (bad = db_cached(s, "SELECT recorded_at FROM change_log WHERE seq = ?1", &st, e)) == 0) {
        sqlite3_bind_int64(st, 1, s->lag_seq);
        if ((rc = sqlite3_step(st)) == SQLITE_ROW) snprintf(before, sizeof before, "%s", sqlite3_column_text(st, 0));
        else if (rc != SQLITE_DONE) bad = db_error(s, rc, "documentation lag", e);
        db_release(s, st);
    }
    if (bad || db_cached(s, rows_sql, &st, e)) { bad = -1; goto done; }
    sqlite3_bind_int64(st, 1, s->lag_seq);
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *col[5];
        for (int i = 0; i < 5; i++) col[i] = (const char *)sqlite3_column_text(st, i);
        if (!col[0] || !col[1] || !col[2] || !col[3] || !col[4]) { bad = err_nomem(e); break; }
        int fresh = edit_set_row(&set, run, sizeof run, col);
        if (fresh < 0) { bad = err_nomem(e); break; }
        if (fresh && strcmp(run, before) == 0) {
            int seen = seen_before(s, s->lag_seq, col, e);
            if (seen < 0) { bad = -1; break; }
            fresh = !seen;
        }
        if (!fresh) continue;
        const char *r = thing_review(&p, col[0], col[1], &bad, e);
        if (r && !bad) bad = count_edit(&p, r, col[2], date_to_days(col[4]) - date_to_days(col[2]), e);
    }
    if (!bad && rc != SQLITE_DONE) bad = db_error(s, rc, "documentation lag", e);
    db_release(s, st);
    if (!bad) bad = save_counts(&p, e);
done:
    edit_set_free(&set);
    map_free(p.counts);
    map_free(p.reviews);
    arena_free(p.a);
    return bad ? -1 : 0;
}

/* 1 when a row after ?1 may move a thing that had rows before to another
 * review or parent: a change of a membership field (rec.review, the rec of
 * a milestone, KPI or link, a measurement's KPI, evidence's target) of a
 * thing with earlier rows, unless every earlier value of that field is the
 * new one (then the field, and so the membership, stays as it was). The
 * unary + keeps SQLite from answering the ORs through change_log_thing, a
 * walk of every rec's rows: only the new rows, by seq, are read. */
static const char moves_sql[] =
    "SELECT 1 FROM change_log c WHERE c.seq > ?1"
    " AND ((+c.entity = 'rec' AND c.field = 'review') OR (+c.entity IN ('milestone', 'kpi', 'link') AND c.field = 'rec')"
    "  OR (+c.entity = 'measurement' AND c.field = 'kpi') OR (+c.entity = 'evidence' AND c.field IN ('target', 'target_kind')))"
    " AND EXISTS (SELECT 1 FROM change_log o WHERE o.entity = c.entity AND o.entity_id = c.entity_id AND o.seq <= ?1)"
    " AND (NOT EXISTS (SELECT 1 FROM change_log o WHERE o.entity = c.entity AND o.entity_id = c.entity_id"
    "   AND o.seq <= ?1 AND o.field = c.field)"
    "  OR EXISTS (SELECT 1 FROM change_log o WHERE o.entity = c.entity AND o.entity_id = c.entity_id"
    "   AND o.seq <= ?1 AND o.field = c.field AND o.value <> c.value))"
    " LIMIT 1";

static int run_from(store_t *s, const char *sql, int *row, err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(s, sql, &st, e)) return -1;
    sqlite3_bind_int64(st, 1, s->lag_seq);
    int rc = sqlite3_step(st);
    db_release(s, st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, rc, "documentation lag", e);
    if (row) *row = rc == SQLITE_ROW;
    return 0;
}

int lag_counts_add(store_t *s, err_t *e)
{
    if (s->head_seq <= s->lag_seq) return 0;
    int moved = 0;
    if (run_from(s, moves_sql, &moved, e)) return -1;
    /* A move takes the thing's earlier edits, and those of everything under
     * it, to another review. It is rare (membership fields are fixed at
     * creation; only raw appends change them), so the counts are made again
     * from the whole log, a scan, rather than by finding what moved. */
    if (moved ? db_exec(s, DOC_LAG_FILL, e) : add_new_edits(s, e)) return -1;
    s->lag_seq = s->head_seq;
    return 0;
}
