/* measure.c — queries behind the indicators and SMART's Measurable rule;
 * see measure.h. */
#include "store/internal.h"
#include "store/measure.h"

#include "core/kpi.h"

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
    " SELECT CAST(julianday(reported) - julianday(effective_at) AS INTEGER) AS lag,"
    "        entity, entity_id"
    " FROM (SELECT DISTINCT c.entity, c.entity_id, c.effective_at, c.recorded_at,"
    "        coalesce(c.reported_at, substr(c.recorded_at, 1, 10)) AS reported"
    "       FROM things t JOIN change_log c ON c.entity = t.entity AND c.entity_id = t.id"
    "       WHERE c.effective_at <= ?2)"
    " ORDER BY lag";

int store_doc_lags(store_t *s, const char *review, const char *as_of, int public_only, arena_t *a, long **lags,
                   size_t *n, err_t *e)
{
    sqlite3_stmt *st;
    store_vis *vis = NULL;
    if (public_only && !(vis = store_vis_new(s, e))) return -1;
    if (db_prepare(s, lags_sql, &st, e)) { store_vis_free(vis); return -1; }
    sqlite3_bind_text(st, 1, review, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, as_of, -1, SQLITE_STATIC);
    size_t cap = 0;
    long *v = NULL;
    int rc, bad = 0;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (vis) {
            const kind_def *k = kind_find((const char *)sqlite3_column_text(st, 1));
            int hidden = k ? store_vis_hidden(vis, k, (const char *)sqlite3_column_text(st, 2)) : 1;
            if (hidden < 0) { bad = -1; break; }
            if (hidden) continue;
        }
        if (arena_grow(a, (void **)&v, *n, &cap, sizeof *v, 256)) { bad = err_nomem(e); break; }
        v[(*n)++] = (long)sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    store_vis_free(vis);
    if (bad) return -1;
    if (rc != SQLITE_DONE) return db_error(s, rc, "documentation lag", e);
    *lags = v;
    return 0;
}
