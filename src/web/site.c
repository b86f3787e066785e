/* site.c — see site.h. Each page is produced by web_handle() exactly as the
 * server would answer an anonymous GET, and written to the path a static
 * server maps the URL to: /recs/SSR1-9 becomes recs/SSR1-9/index.html. */
#include "web/site.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "report/report.h"
#include "util/alloc.h"
#include "web/web.h"

typedef struct {
    web_ctx ctx;
    store_t *db;
    const char *dir, *as_of;
    site_stats *st;
    err_t *e;
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

/* Fetch url as an anonymous visitor and write it to dir/file. */
static int emit(site *s, const char *url, const char *file)
{
    arena_t *a = arena_new();
    if (!a) return err_nomem(s->e);
    http_request req = {0};
    req.method = "GET";
    req.path = url;
    req.query = "";
    req.remote = "site";
    http_pair p = {"as_of", s->as_of};
    if (s->as_of) { req.params = &p; req.nparams = 1; }
    http_response res = {0};
    web_handle(&s->ctx, s->db, &req, a, &res);
    int rc = 0;
    if (res.status != 200) {
        rc = err_set(s->e, ERR_INTERNAL, "site: %s answered %d", url, res.status);
    } else {
        char *path = arena_printf(a, "%s/%s", s->dir, file);
        FILE *f = NULL;
        if (!path) rc = err_nomem(s->e);
        else if (make_dirs(path, s->e)) rc = -1;
        else if (!(f = fopen(path, "wb")) || fwrite(res.body.data ? res.body.data : "", 1, res.body.len, f) != res.body.len)
            rc = err_set(s->e, ERR_IO, "%s: %s", path, strerror(errno));
        if (f && fclose(f) != 0 && rc == 0) rc = err_set(s->e, ERR_IO, "%s: %s", path, strerror(errno));
        s->st->files++;
        s->st->bytes += (long long)res.body.len;
    }
    buf_free(&res.body);
    arena_free(a);
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

int site_export(const char *db_path, const char *dir, const char *as_of, site_stats *st, err_t *e)
{
    memset(st, 0, sizeof *st);
    site s = {.dir = dir, .as_of = as_of, .st = st, .e = e};
    s.ctx.db_path = db_path;
    s.ctx.static_site = 1;
    s.ctx.session_idle = s.ctx.session_max = 1;
    pthread_mutex_init(&s.ctx.writer_lock, NULL);
    if (as_of && !date_valid(as_of)) return err_set(e, ERR_INPUT, "--as-of: '%.40s' is not a valid date", as_of);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) return err_set(e, ERR_IO, "%s: %s", dir, strerror(errno));
    if (store_open(db_path, STORE_READONLY, &s.db, NULL, e)) return -1;
    static const char *const pages[][2] = {
        {"/", "index.html"}, {"/recs", "recs/index.html"}, {"/reviews", "reviews/index.html"},
        {"/assessments", "assessments/index.html"}, {"/changes", "changes/index.html"},
        {"/changes.atom", "changes.atom"}, {"/reports", "reports/index.html"}, {"/ledger", "ledger/index.html"},
        {"/kpis", "kpis/index.html"},
        {"/static/style.css", "static/style.css"}, {"/static/favicon.svg", "static/favicon.svg"},
    };
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof pages / sizeof pages[0]; i++) rc = emit(&s, pages[i][0], pages[i][1]);
    if (rc == 0) rc = emit_all(&s, &kind_rec, "recs");
    if (rc == 0) rc = emit_all(&s, &kind_review, "reviews");
    if (rc == 0) rc = emit_all(&s, &kind_assessment, "assessments");
    static const char *const formats[] = {"html", "md", "csv", "json"};
    static const char *const kinds[] = {"implementation", "assessment", "quarterly", "smart", "claims", "evidence",
                                        NULL};
    for (int k = 0; rc == 0 && kinds[k]; k++)
        for (int f = 0; rc == 0 && f < 4; f++) {
            char url[80], file[80];
            snprintf(url, sizeof url, "/reports/%s.%s", kinds[k], formats[f]);
            snprintf(file, sizeof file, "reports/%s.%s", kinds[k], formats[f]);
            if (emit(&s, url, file) && !strstr(e->msg, "answered 404")) rc = -1;
            else if (strstr(e->msg, "answered 404")) e->msg[0] = '\0';
        }
    store_close(s.db);
    return rc;
}
