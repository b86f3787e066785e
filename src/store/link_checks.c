/* link_checks.c — the append-only table of link checks; see measure.h. The
 * table is operational data beside the change log: a check is a fact about
 * the web at a moment, not a change to the tracker's things. */
#include "store/internal.h"
#include "store/measure.h"

#include <stdlib.h>
#include <string.h>

static void bind_or_null(sqlite3_stmt *st, int i, const char *v)
{
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

int store_link_check_add(store_t *s, const link_check *c, err_t *e)
{
    if (!s->in_tx) return err_set(e, ERR_INTERNAL, "link check outside a transaction");
    sqlite3_stmt *st;
    if (db_prepare(s, "INSERT INTO link_checks(url, checked_at, outcome, http_status, final_url,"
                      " content_sha256, body_bytes, truncated, changed, etag, last_modified, method,"
                      " elapsed_ms, error) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
                   &st, e))
        return -1;
    sqlite3_bind_text(st, 1, c->url, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->checked_at, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, c->outcome, -1, SQLITE_STATIC);
    if (c->http_status > 0) sqlite3_bind_int(st, 4, c->http_status);
    else sqlite3_bind_null(st, 4);
    bind_or_null(st, 5, c->final_url);
    bind_or_null(st, 6, c->sha256);
    if (c->body_bytes >= 0) sqlite3_bind_int64(st, 7, c->body_bytes);
    else sqlite3_bind_null(st, 7);
    sqlite3_bind_int(st, 8, c->truncated != 0);
    sqlite3_bind_int(st, 9, c->changed != 0);
    bind_or_null(st, 10, c->etag);
    bind_or_null(st, 11, c->last_modified);
    sqlite3_bind_text(st, 12, c->method ? c->method : "GET", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 13, c->elapsed_ms);
    sqlite3_bind_text(st, 14, c->error ? c->error : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, rc, "link check", e);
}

/* The columns read_check reads: a check, then the newest ok or moved check
 * of its URL by ?2 (its last_alive). */
#define CHECK_COLUMNS                                                                  \
    "l.url, l.checked_at, l.outcome, l.http_status, l.final_url,"                     \
    " l.content_sha256, l.body_bytes, l.truncated, l.changed, l.etag,"                \
    " l.last_modified, l.method, l.elapsed_ms, l.error,"                              \
    " (SELECT max(x.checked_at) FROM link_checks x WHERE x.url = l.url"               \
    "   AND x.checked_at <= ?1 AND x.outcome IN ('ok', 'moved'))"

/* Append the row st stands on (CHECK_COLUMNS) to *v (n used, cap room). */
static int read_check(sqlite3_stmt *st, arena_t *a, link_check **v, size_t *n, size_t *cap, err_t *e)
{
    if (arena_grow(a, (void **)v, *n, cap, sizeof **v, 64)) return err_nomem(e);
    link_check *c = &(*v)[(*n)++];
    c->url = db_text(st, 0, a);
    c->checked_at = db_text(st, 1, a);
    c->outcome = db_text(st, 2, a);
    c->http_status = sqlite3_column_int(st, 3);
    c->final_url = db_text(st, 4, a);
    c->sha256 = db_text(st, 5, a);
    c->body_bytes = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 6);
    c->truncated = sqlite3_column_int(st, 7);
    c->changed = sqlite3_column_int(st, 8);
    c->etag = db_text(st, 9, a);
    c->last_modified = db_text(st, 10, a);
    c->method = db_text(st, 11, a);
    c->elapsed_ms = (long)sqlite3_column_int64(st, 12);
    c->error = db_text(st, 13, a);
    c->last_alive = db_text(st, 14, a);
    if (!c->url || !c->checked_at || !c->outcome || !c->method || !c->error ||
        (sqlite3_column_type(st, 4) != SQLITE_NULL && !c->final_url) ||
        (sqlite3_column_type(st, 5) != SQLITE_NULL && !c->sha256))
        return err_nomem(e);
    return 0;
}

int store_link_latest(store_t *s, const char *at, int with_body, arena_t *a, link_check **out,
                      size_t *n, err_t *e)
{
    sqlite3_stmt *st;
    if (db_cached(s, "SELECT " CHECK_COLUMNS
                      " FROM link_checks l JOIN (SELECT url, max(id) AS id FROM link_checks"
                      "   WHERE checked_at <= ?1 AND (?2 = 0 OR content_sha256 IS NOT NULL)"
                      "   GROUP BY url) m ON l.id = m.id ORDER BY l.url", &st, e))
        return -1;
    sqlite3_bind_text(st, 1, at ? at : "9999", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, with_body != 0);
    size_t cap = 0;
    link_check *v = NULL;
    int rc, bad = 0;
    *n = 0;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) bad = read_check(st, a, &v, n, &cap, e);
    db_release(s, st);
    if (bad) return -1;
    if (rc != SQLITE_DONE) return db_error(s, rc, "link checks", e);
    *out = v;
    return 0;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int store_link_latest_of(store_t *s, const char *at, const char **urls, size_t nurls, arena_t *a,
                         link_check **out, size_t *n, err_t *e)
{
    sqlite3_stmt *st;
    size_t cap = 0;
    link_check *v = NULL;
    int rc = SQLITE_DONE, bad = 0;
    *n = 0;
    *out = NULL;
    if (!nurls) return 0;
    /* One seek of the index (url, checked_at) per URL, in URL order. */
    if (db_cached(s, "SELECT " CHECK_COLUMNS " FROM link_checks l WHERE l.id ="
                      " (SELECT max(id) FROM link_checks WHERE url = ?2 AND checked_at <= ?1)", &st, e))
        return -1;
    qsort(urls, nurls, sizeof *urls, cmp_str);
    for (size_t i = 0; !bad && i < nurls; i++) {
        if (i && strcmp(urls[i], urls[i - 1]) == 0) continue;
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, at ? at : "9999", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, urls[i], -1, SQLITE_STATIC);
        while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) bad = read_check(st, a, &v, n, &cap, e);
        if (!bad && rc != SQLITE_DONE) break;
    }
    db_release(s, st);
    if (bad) return -1;
    if (rc != SQLITE_DONE) return db_error(s, rc, "link checks", e);
    *out = v;
    return 0;
}

const link_check *link_check_find(const link_check *list, size_t n, const char *url)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(list[mid].url, url);
        if (c == 0) return &list[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}
