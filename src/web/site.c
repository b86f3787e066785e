/* site.c — see site.h. Each page is produced by web_handle() exactly as the
 * server would answer an anonymous GET, and written to the path a static
 * server maps the URL to: /recs/SSR1-9 becomes recs/SSR1-9/index.html
 * (web/export_links.h has the whole layout). Its links are then made
 * relative to that file, so the export opens from file:// and from any
 * sub-path, and each text file gets its gzip form beside it (NAME.gz) for
 * servers that send those to clients that accept them. */
#include "web/site.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "report/report.h"
#include "core/status.h"
#include "util/alloc.h"
#include "web/downloads.h"
#include "util/map.h"
#include "web/compress.h"
#include "web/export_links.h"
#include "web/ledger_tiles.h"
#include "web/web.h"

typedef struct {
    web_ctx ctx;
    store_t *db;
    const char *dir, *as_of;
    site_stats *st;
    err_t *e;
    map_t *optional;   /* files that may be missing, written before the pages link them */
} site;

/* mkdir -p for the directories of path. */
static int make_dirs(char *path, err_t *e)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        int rc = mkdir(path, 0755);
        *p = '/';
        if (rc != 0 && errno != EEXIST) return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    }
    return 0;
}

int site_write_file(const char *dir, const char *file, const void *data, size_t n, site_stats *st, err_t *e)
{
    char path[4096], tmp[4200];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, file) >= sizeof path)
        return err_set(e, ERR_INPUT, "%s: the path is too long", dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (make_dirs(path, e)) return -1;
    FILE *f = fopen(tmp, "wb");
    int rc = 0;
    if (!f || (n && fwrite(data, 1, n, f) != n)) rc = err_set(e, ERR_IO, "%s: %s", tmp, strerror(errno));
    if (f && fclose(f) != 0 && rc == 0) rc = err_set(e, ERR_IO, "%s: %s", tmp, strerror(errno));
    if (rc == 0 && rename(tmp, path) != 0) rc = err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    if (rc) remove(tmp);
    else {
        st->files++;
        st->bytes += (long long)n;
    }
    return rc;
}

/* For export_relink: whether the export holds file. Pages, reports and
 * static files always are; the checkpoint, the entries and the filtered
 * lists are there when they were written (before any page links them). */
static int site_has(void *ctx, const char *file)
{
    const site *s = ctx;
    if (strcmp(file, "ledger/checkpoint") == 0 || strncmp(file, "ledger/entries/", 15) == 0 ||
        strncmp(file, "recs/_/", 7) == 0)
        return map_has(s->optional, file);
    return 1;
}

/* Write body as dir/file: HTML and Atom with their links made relative
 * to file, and a text body worth it also as file.gz. */
static int write_page(site *s, const http_response *res, const char *file)
{
    const char *ct = res->content_type ? res->content_type : "";
    const buf_t *body = &res->body;
    buf_t relinked = BUF_INIT, gz = BUF_INIT;
    int rc = -1;
    if (strncmp(ct, "text/html", 9) == 0 || strncmp(ct, "application/atom+xml", 20) == 0) {
        export_relink(file, body->data ? body->data : "", body->len, site_has, s, &relinked);
        if (!buf_ok(&relinked)) { err_nomem(s->e); goto done; }
        body = &relinked;
    }
    if (site_write_file(s->dir, file, body->data, body->len, s->st, s->e)) goto done;
    if (gzip_worth(ct, body->len)) {
        char gzname[4096];
        snprintf(gzname, sizeof gzname, "%s.gz", file);
        if (gzip_buf(body->data, body->len, &gz)) { err_nomem(s->e); goto done; }
        if (site_write_file(s->dir, gzname, gz.data, gz.len, s->st, s->e)) goto done;
    }
    rc = 0;
done:
    buf_free(&relinked);
    buf_free(&gz);
    return rc;
}

/* Fetch url (a path, maybe with a query) as an anonymous visitor and write
 * it to dir/file. */
static int emit(site *s, const char *url, const char *file)
{
    arena_t *a = arena_new();
    if (!a) return err_nomem(s->e);
    http_request req = {0};
    req.method = "GET";
    const char *q = strchr(url, '?');
    req.path = q ? arena_strndup(a, url, (size_t)(q - url)) : url;
    req.query = q ? q + 1 : "";
    req.remote = "site";
    http_pair *params = NULL;
    int np = 0;
    if (!req.path || http_parse_pairs(a, req.query, strlen(req.query), &params, &np, s->e)) {
        arena_free(a);
        return req.path ? -1 : err_nomem(s->e);
    }
    req.params = arena_alloc(a, sizeof(http_pair) * (size_t)(np + 1));
    if (!req.params) { arena_free(a); return err_nomem(s->e); }
    for (int i = 0; i < np; i++) req.params[i] = params[i];
    if (s->as_of) req.params[np++] = (http_pair){"as_of", s->as_of};
    req.nparams = np;
    http_response res = {0};
    web_handle(&s->ctx, s->db, &req, a, &res);
    int rc = res.status == 200 ? write_page(s, &res, file)
                               : err_set(s->e, ERR_INTERNAL, "site: %s answered %d", url, res.status);
    buf_free(&res.body);
    arena_free(a);
    return rc;
}

/* Emit url to the file export_file() gives it, and note it among the files
 * that links may point at. A url that answers 404 is left out (no error). */
static int emit_optional(site *s, const char *url)
{
    char file[1024];
    if (!export_file(url, strlen(url), file, sizeof file))
        return err_set(s->e, ERR_INTERNAL, "site: %s has no file in the export", url);
    if (emit(s, url, file)) {
        if (!strstr(s->e->msg, "answered 404")) return -1;
        s->e->msg[0] = '\0';
        return 0;
    }
    return map_put(s->optional, file, s) ? err_nomem(s->e) : 0;
}

/* The log's entries, 1000 to a file, as /ledger/entries?start=A&end=B
 * answers them: with plan, only note the files (for the pages' links);
 * else write them. */
static int ledger_entries_files(site *s, int plan)
{
    long long size = store_head_seq(s->db);
    int rc = 0;
    for (long long start = 1; rc == 0 && start <= size; start += 1000) {
        char url[100], file[100];
        snprintf(url, sizeof url, "/ledger/entries?start=%lld&end=%lld", start, start + 999 < size ? start + 999 : size);
        if (!export_file(url, strlen(url), file, sizeof file)) return err_set(s->e, ERR_INTERNAL, "site: %s", url);
        rc = plan ? (map_put(s->optional, file, s) ? err_nomem(s->e) : 0) : emit(s, url, file);
    }
    return rc;
}

/* Note what of the log the pages may link to: the checkpoint (which
 * tiles_export writes when there is one) and the entries, written after
 * the tiles have checked the log against its checkpoint, so a log that no
 * longer matches it publishes no entry. */
static int plan_ledger_files(site *s)
{
    arena_t *a = arena_new();
    checkpoint_row *ck;
    size_t n;
    int rc = !a ? err_nomem(s->e) : store_checkpoints(s->db, 1, a, &ck, &n, s->e);
    if (rc == 0 && n && map_put(s->optional, "ledger/checkpoint", s)) rc = err_nomem(s->e);
    arena_free(a);
    return rc ? -1 : ledger_entries_files(s, 1);
}

/* The reviews as of the export's date, into a's memory; -1 with s->e set. */
static int site_reviews(site *s, arena_t *a, ent_t **items, size_t *n)
{
    view_t v;
    return store_view(s->db, s->as_of, NULL, &v, s->e) || store_list(s->db, &kind_review, &v, -1, NULL, a, items, n, s->e)
               ? -1
               : 0;
}

/* The lists the pages link with a filter, as pages of their own: each
 * review's recs, by status, and those overdue. */
static int emit_filtered_recs(site *s)
{
    arena_t *a = arena_new();
    if (!a) return err_nomem(s->e);
    ent_t *items;
    size_t n;
    int rc = site_reviews(s, a, &items, &n);
    for (size_t i = 0; rc == 0 && i < n; i++)
        for (int f = -2; rc == 0 && f < ST_COUNT; f++) {
            char *url = f == -2   ? arena_printf(a, "/recs?review=%s", items[i].id)
                        : f == -1 ? arena_printf(a, "/recs?review=%s&overdue=1", items[i].id)
                                  : arena_printf(a, "/recs?review=%s&status=%s", items[i].id,
                                                 status_name((status_t)f));
            rc = url ? emit_optional(s, url) : err_nomem(s->e);
        }
    arena_free(a);
    return rc;
}

/* A review's board page and its downloads (page_board.c). */
static int emit_board(site *s, arena_t *a, const char *review)
{
    static const char *const files[] = {"board/index.html", "board.csv", "board.xlsx", "board.json", "board.md",
                                        "board.html", NULL};
    int rc = 0;
    for (int f = 0; rc == 0 && files[f]; f++) {
        const char *name = f ? files[f] : "board";
        char *url = arena_printf(a, "/reviews/%s/%s", review, name);
        char *file = arena_printf(a, "reviews/%s/%s", review, files[f]);
        rc = url && file ? emit(s, url, file) : err_nomem(s->e);
    }
    return rc;
}

/* An assessment's page per verdict (page_assess.c): its filter as files. */
static int emit_verdicts(site *s, arena_t *a, const char *assessment)
{
    static const char *const codes[] = {"full", "partial", "not", "unknown", NULL};
    int rc = 0;
    for (int c = 0; rc == 0 && codes[c]; c++) {
        char *url = arena_printf(a, "/assessments/%s/implemented/%s", assessment, codes[c]);
        char *file = url ? arena_printf(a, "%s/index.html", url + 1) : NULL;
        rc = file ? emit(s, url, file) : err_nomem(s->e);
    }
    return rc;
}

/* Every rec, review and assessment page of the kind (public ones only: a
 * restricted thing's page answers 404 to anonymous visitors and is skipped). */
static int emit_all(site *s, const kind_def *k, const char *prefix)
{
    arena_t *a = arena_new();
    if (!a) return err_nomem(s->e);
    view_t v;
    ent_t *items;
    size_t n;
    int rc = 0;
    if (store_view(s->db, s->as_of, NULL, &v, s->e) || store_list(s->db, k, &v, -1, NULL, a, &items, &n, s->e)) rc = -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (k == &kind_rec && field_true(items[i].v[REC_RESTRICTED])) continue;
        char *url = arena_printf(a, "/%s/%s", prefix, items[i].id);
        char *file = arena_printf(a, "%s/%s/index.html", prefix, items[i].id);
        if (!url || !file) { rc = err_nomem(s->e); break; }
        if (emit(s, url, file)) {
            if (strstr(s->e->msg, "answered 404")) continue;   /* hidden from the public */
            rc = -1;
        }
        if (rc == 0 && k == &kind_review) rc = emit_board(s, a, items[i].id);
        if (rc == 0 && k == &kind_assessment) rc = emit_verdicts(s, a, items[i].id);
        /* An assessment's printable report. */
        if (rc == 0 && k == &kind_assessment) {
            char *rurl = arena_printf(a, "/reports/assessment?assessment=%s&format=html", items[i].id);
            rc = rurl ? emit_optional(s, rurl) : err_nomem(s->e);
        }
        /* A review's claims beside verdicts. */
        if (rc == 0 && k == &kind_review) {
            char *curl = arena_printf(a, "%s/claims", url), *cfile = arena_printf(a, "%s/%s/claims/index.html", prefix,
                                                                                   items[i].id);
            if (!curl || !cfile) rc = err_nomem(s->e);
            else rc = emit(s, curl, cfile);
        }
    }
    arena_free(a);
    return rc;
}

/* Each review's calendar of due dates: reviews/R/calendar.ics. */
static int emit_review_calendars(site *s)
{
    arena_t *a = arena_new();
    if (!a) return err_nomem(s->e);
    ent_t *items;
    size_t n;
    int rc = site_reviews(s, a, &items, &n);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char *url = arena_printf(a, "/reviews/%s/calendar.ics", items[i].id);
        char *file = url ? arena_printf(a, "%s", url + 1) : NULL;
        rc = !file ? err_nomem(s->e) : emit(s, url, file);
    }
    arena_free(a);
    return rc;
}

/* The files of the pages' "Download this table" links (web/downloads.h);
 * a hidden rec's answer 404 and are skipped. */
static int emit_tables(site *s)
{
    arena_t *a = arena_new();
    if (!a) return err_nomem(s->e);
    view_t v;
    const char **paths;
    size_t n;
    int rc = store_view(s->db, s->as_of, NULL, &v, s->e) || tables_site_files(s->db, &v, a, &paths, &n, s->e) ? -1 : 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (emit(s, paths[i], paths[i] + 1)) {
            if (!strstr(s->e->msg, "answered 404")) rc = -1;
            else s->e->msg[0] = '\0';
        }
    arena_free(a);
    return rc;
}

/* Every page, report and file of the public side. */
static int emit_pages(site *s)
{
    static const char *const pages[][2] = {
        {"/", "index.html"}, {"/recs", "recs/index.html"}, {"/reviews", "reviews/index.html"},
        {"/assessments", "assessments/index.html"}, {"/changes", "changes/index.html"},
        {"/changes.atom", "changes.atom"}, {"/reports", "reports/index.html"}, {"/ledger", "ledger/index.html"},
        {"/kpis", "kpis/index.html"}, {"/calendar.ics", "calendar.ics"},
        {"/static/style.css", "static/style.css"}, {"/static/favicon.svg", "static/favicon.svg"},
        {"/robots.txt", "robots.txt"},
    };
    /* First what pages may link to but may be missing, so their links know. */
    int rc = plan_ledger_files(s);
    if (rc == 0) rc = emit_filtered_recs(s);
    for (size_t i = 0; rc == 0 && i < sizeof pages / sizeof pages[0]; i++) rc = emit(s, pages[i][0], pages[i][1]);
    if (rc == 0) rc = emit_all(s, &kind_rec, "recs");
    if (rc == 0) rc = emit_all(s, &kind_review, "reviews");
    if (rc == 0) rc = emit_review_calendars(s);
    if (rc == 0) rc = emit_all(s, &kind_assessment, "assessments");
    if (rc == 0) rc = emit_tables(s);
    static const char *const formats[] = {"html", "md", "csv", "json", "xlsx"};
    static const char *const kinds[] = {"implementation", "assessment", "quarterly", "smart", "claims", "evidence",
                                        "board", NULL};
    for (int k = 0; rc == 0 && kinds[k]; k++)
        for (int f = 0; rc == 0 && f < 5; f++) {
            char url[80], file[80];
            snprintf(url, sizeof url, "/reports/%s.%s", kinds[k], formats[f]);
            snprintf(file, sizeof file, "reports/%s.%s", kinds[k], formats[f]);
            if (emit(s, url, file) && !strstr(s->e->msg, "answered 404")) rc = -1;
            else if (strstr(s->e->msg, "answered 404")) s->e->msg[0] = '\0';
        }
    return rc;
}

int site_export(const char *db_path, const char *dir, const char *as_of, const char *base_url, int ledger_only,
                site_stats *st, err_t *e)
{
    memset(st, 0, sizeof *st);
    st->tiles_size = -1;
    site s = {.dir = dir, .as_of = as_of, .st = st, .e = e};
    s.ctx.db_path = db_path;
    s.ctx.static_site = 1;
    s.ctx.base_url = base_url;
    s.ctx.session_idle = s.ctx.session_max = 1;
    pthread_mutex_init(&s.ctx.writer_lock, NULL);
    if (as_of && !date_valid(as_of)) return err_set(e, ERR_INPUT, "--as-of: '%.40s' is not a valid date", as_of);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) return err_set(e, ERR_IO, "%s: %s", dir, strerror(errno));
    if (!(s.optional = map_new())) return err_nomem(e);
    if (store_open(db_path, STORE_READONLY, &s.db, NULL, e)) { map_free(s.optional); return -1; }
    int rc = ledger_only ? 0 : emit_pages(&s);
    if (rc == 0) rc = tiles_export(s.db, dir, st, e);
    if (rc == 0) rc = ledger_entries_files(&s, 0);
    store_close(s.db);
    map_free(s.optional);
    return rc;
}
