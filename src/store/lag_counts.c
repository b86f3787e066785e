/* lag_counts.c — the documentation lag kept at write time: doc_lag_counts
 * (internal.h) holds, per review, how many distinct edits have each
 * (effective date, lag). An edit is one thing's changes sharing an effective
 * date and a reported date (its recorded date when none) within one
 * recorded_at; it counts once, with its first row. store_flush calls
 * lag_counts_add after the touched things are projected, so the review of a
 * thing is read from the current tables, its own new state included. The
 * read side (sums by lag up to a date) is in measure.c. */
#include "store/internal.h"

/* The edits first seen in the rows after ?1, added to their review's
 * counts. "First seen": no earlier row of the same thing, effective date,
 * recorded_at and reported date — one seek of change_log_thing. */
static const char add_sql[] =
    "INSERT INTO doc_lag_counts(review, effective_at, lag_days, n)"
    " SELECT r, effective_at, lag, count(*) FROM (SELECT " THING_REVIEW("c.entity", "c.entity_id") " AS r,"
    "  c.effective_at, CAST(round(julianday(coalesce(c.reported_at, substr(c.recorded_at, 1, 10)))"
    "  - julianday(c.effective_at)) AS INTEGER) AS lag FROM change_log c"
    "  WHERE c.seq > ?1 AND NOT EXISTS (SELECT 1 FROM change_log o WHERE o.entity = c.entity"
    "   AND o.entity_id = c.entity_id AND o.effective_at = c.effective_at AND o.seq < c.seq"
    "   AND o.recorded_at = c.recorded_at AND coalesce(o.reported_at, substr(o.recorded_at, 1, 10))"
    "   = coalesce(c.reported_at, substr(c.recorded_at, 1, 10))))"
    " WHERE r IS NOT NULL GROUP BY r, effective_at, lag"
    " ON CONFLICT(review, effective_at, lag_days) DO UPDATE SET n = n + excluded.n";

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
    if (moved ? db_exec(s, DOC_LAG_FILL, e) : run_from(s, add_sql, NULL, e)) return -1;
    s->lag_seq = s->head_seq;
    return 0;
}
