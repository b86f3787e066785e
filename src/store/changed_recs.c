/* changed_recs.c — see changed_recs.h. The rec a thing belongs to is read
 * from the projection tables: the fields that say it (a milestone's rec, an
 * item's rec, evidence's target …) are fixed once the thing is made, so
 * today's row answers for every change of the thing. */
#include "store/changed_recs.h"

#include "store/internal.h"

int store_page_inputs(store_t *s, page_inputs *out, err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(s, "SELECT coalesce((SELECT max(seq) FROM change_log), 0),"
                     " coalesce((SELECT max(id) FROM link_checks), 0),"
                     " coalesce((SELECT max(id) FROM checkpoints), 0)", &st, e))
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->head = sqlite3_column_int64(st, 0);
        out->link_check = sqlite3_column_int64(st, 1);
        out->checkpoint = sqlite3_column_int64(st, 2);
    }
    db_release(s, st);
    return rc == SQLITE_ROW ? 0 : db_error(s, rc, "page inputs", e);
}

/* 1 when a change in the stretch may alter any page (see the header). */
static const char any_page_sql[] =
    "SELECT 1 FROM change_log WHERE seq > ?1 AND seq <= ?2 AND (field = 'restricted' OR entity NOT IN"
    " ('rec', 'milestone', 'link', 'evidence', 'item', 'signoff', 'kpi', 'measurement', 'comment',"
    "  'verification', 'user', 'token')) LIMIT 1";

/* The rec of each changed thing; for a rec, also its parent and sub-items. */
static const char recs_sql[] =
    "WITH c(entity, id) AS (SELECT DISTINCT entity, entity_id FROM change_log WHERE seq > ?1 AND seq <= ?2),"
    " target(kind, id) AS (SELECT e.target_kind, e.target FROM evidence e JOIN c ON c.entity = 'evidence' AND e.id = c.id"
    "   UNION SELECT m.target_kind, m.target FROM comments m JOIN c ON c.entity = 'comment' AND m.id = c.id),"
    " r(id) AS ("
    "  SELECT id FROM c WHERE entity = 'rec'"
    "  UNION SELECT x.parent FROM recs x JOIN c ON c.entity = 'rec' AND x.id = c.id"
    "  UNION SELECT x.id FROM recs x JOIN c ON c.entity = 'rec' AND x.parent = c.id"
    "  UNION SELECT m.rec FROM milestones m JOIN c ON c.entity = 'milestone' AND m.id = c.id"
    "  UNION SELECT l.rec FROM links l JOIN c ON c.entity = 'link' AND l.id = c.id"
    "  UNION SELECT l.other FROM links l JOIN c ON c.entity = 'link' AND l.id = c.id"
    "  UNION SELECT i.rec FROM items i JOIN c ON c.entity = 'item' AND i.id = c.id"
    "  UNION SELECT i.rec FROM signoffs g JOIN items i ON i.id = g.item JOIN c ON c.entity = 'signoff' AND g.id = c.id"
    "  UNION SELECT k.rec FROM kpis k JOIN c ON c.entity = 'kpi' AND k.id = c.id"
    "  UNION SELECT k.rec FROM measurements m JOIN kpis k ON k.id = m.kpi JOIN c ON c.entity = 'measurement'"
    "   AND m.id = c.id"
    "  UNION SELECT v.rec FROM verifications v JOIN c ON c.entity = 'verification' AND v.id = c.id"
    "  UNION SELECT id FROM target WHERE kind = 'rec'"
    "  UNION SELECT m.rec FROM milestones m JOIN target t ON t.kind = 'milestone' AND m.id = t.id"
    "  UNION SELECT i.rec FROM items i JOIN target t ON t.kind = 'item' AND i.id = t.id)"
    " SELECT id FROM r WHERE id IS NOT NULL";

int store_changed_recs(store_t *s, long long after, long long upto, arena_t *a, const char ***ids, size_t *n,
                       int *all, err_t *e)
{
    *ids = NULL;
    *n = 0;
    *all = upto - after > CHANGED_RECS_MAX;
    if (*all || upto <= after) return 0;
    sqlite3_stmt *st;
    if (db_cached(s, any_page_sql, &st, e)) return -1;
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int64(st, 2, upto);
    int rc = sqlite3_step(st);
    *all = rc == SQLITE_ROW;
    db_release(s, st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, rc, "changed recs", e);
    if (*all) return 0;
    if (db_cached(s, recs_sql, &st, e)) return -1;
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int64(st, 2, upto);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = db_text(st, 0, a);
        if (!id || arena_grow(a, (void **)ids, *n, &cap, sizeof **ids, 16)) { rc = SQLITE_NOMEM; break; }
        (*ids)[(*n)++] = id;
    }
    db_release(s, st);
    if (rc == SQLITE_NOMEM) return err_nomem(e);
    return rc == SQLITE_DONE ? 0 : db_error(s, rc, "changed recs", e);
}
