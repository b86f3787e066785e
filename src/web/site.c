/* site.c — see site.h. Each page is produced by web_handle() exactly as the
 * server would answer an anonymous GET, and written to the path a static
 * server maps the URL to: /recs/SSR1-9 becomes recs/SSR1-9/index.html
 * (web/export_links.h has the whole layout). Its links are then made
 * relative to that file, so the export opens from file:// and from any
 * sub-path, and each text file gets its gzip form beside it (NAME.gz) for
 * servers that send those to clients that accept them.
 *
 * What pages may link to but may be missing is written first, by this
 * thread alone, then the log's tiles; every other file is one job of a
 * list that one writer per core works through (emit_all, run_jobs). --incremental
 * compares each file with what is on disk and keeps a manifest of the files
 * produced (manifest_update). */
#include "web/site.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/claims_memo.h"
#include "report/report.h"
#include "core/status.h"
#include "util/alloc.h"
#include "util/file.h"
#include "web/downloads.h"
#include "util/map.h"
#include "web/compress.h"
#include "web/export_links.h"
#include "web/ledger_tiles.h"
#include "web/web.h"

/* What one writer of the export holds: the run's context, the export's
 * settings and, of its own, a reader, the counts, the first error and the
 * files it produced (each path NUL-terminated, for the manifest). */
typedef struct {
    web_ctx *ctx;
    store_t *db;
    const char *dir, *as_of;
    site_stats *st;
    err_t *e;
    map_t *optional;   /* files that may be missing, written before the pages link them; read-only in parallel */
    int incremental;   /* leave a file alone when it holds the same bytes already */
    int last_same;     /* the last file written held the same bytes already */
    buf_t produced;
} site;

/* The manifest of an export: the files it produced, one path a line, so the
 * next --incremental run knows which files it no longer produces. */
#define MANIFEST ".site-manifest"

/* mkdir -p for the directories of path. Most files go into a directory
 * that is there already: the file's own directory is tried first, and only
 * when it cannot be made is each one above it made in turn. */
static int make_dirs(char *path, err_t *e)
{
    char *last = strrchr(path, '/');
    if (!last || last == path) return 0;
    *last = '\0';
    int rc = mkdir(path, 0755);
    *last = '/';
    if (rc == 0 || errno == EEXIST) return 0;
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        rc = mkdir(path, 0755);
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

/* Whether a and b (n bytes each) are the same calendar: the same bytes but
 * in DTSTAMP lines (the moment the file was made, RFC 5545 §3.8.7.2), so a
 * calendar whose events did not change is left alone. */
static int same_calendar(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n;) {
        const char *ea = memchr(a + i, '\n', n - i), *eb = memchr(b + i, '\n', n - i);
        size_t la = ea ? (size_t)(ea - a) - i + 1 : n - i, lb = eb ? (size_t)(eb - b) - i + 1 : n - i;
        int stamp = la > 8 && memcmp(a + i, "DTSTAMP:", 8) == 0 && lb > 8 && memcmp(b + i, "DTSTAMP:", 8) == 0;
        if (la != lb || (!stamp && memcmp(a + i, b + i, la) != 0)) return 0;
        i += la;
    }
    return 1;
}

/* With --incremental: 1 when dir/file holds the n bytes of data (a calendar:
 * but for its stamps). */
static int same_file(const site *s, const char *file, const void *data, size_t n)
{
    char path[4200];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", s->dir, file);
    if (!s->incremental || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || (size_t)sb.st_size != n) return 0;
    err_t e;
    size_t len, fl = strlen(file);
    char *old = file_read(path, n + 1, &len, &e);
    int ics = fl > 4 && strcmp(file + fl - 4, ".ics") == 0;
    int same = old && len == n && (n == 0 || (ics ? same_calendar(old, data, n) : memcmp(old, data, n) == 0));
    mem_free(old);
    return same;
}

/* With --incremental: 1 when dir/file is there (a .gz beside a file whose
 * bytes did not change holds the same bytes too). */
static int file_there(const site *s, const char *file)
{
    char path[4200];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", s->dir, file);
    return s->incremental && stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static void note_produced(site *s, const char *file) { buf_append(&s->produced, file, strlen(file) + 1); }

/* Write body as dir/file: HTML and Atom with their links made relative
 * to file, and a text body worth it also as file.gz. With --incremental, a
 * file that holds the same bytes is left alone (its mtime too), and so is
 * its .gz, which is then not even made. */
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
    int same = s->last_same = same_file(s, file, body->data, body->len);
    if (same) s->st->unchanged++;
    else if (site_write_file(s->dir, file, body->data, body->len, s->st, s->e)) goto done;
    note_produced(s, file);
    if (gzip_worth(ct, body->len)) {
        char gzname[4096];
        snprintf(gzname, sizeof gzname, "%s.gz", file);
        if (same && file_there(s, gzname)) s->st->unchanged++;
        else if (gzip_buf(body->data, body->len, &gz)) { err_nomem(s->e); goto done; }
        else if (site_write_file(s->dir, gzname, gz.data, gz.len, s->st, s->e)) goto done;
        note_produced(s, gzname);
    }
    rc = buf_ok(&s->produced) ? 0 : err_nomem(s->e);
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
    web_handle(s->ctx, s->db, &req, a, &res);
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

/* ---- the bulk of the export, on every core --------------------------------- */

#define SITE_MAX_THREADS 8
/* Each reader's page cache, and no memory map: with one reader per thread,
 * maps of the whole file (the log's entries, the home page) add up. */
#define SITE_CACHE_KIB (16 * 1024)

/* One file to emit; may_404: a page hidden from the public, skipped. An
 * XLSX table is made from the CSV beside it (report/xlsx.h): a job may name
 * it as xlsx_url and xlsx_file, emitted right after, or with --incremental
 * left alone when the CSV held the same bytes (the XLSX differs only by the
 * moment it was made, and is the costliest file of all to make). A job
 * with no url is the log's tiles (web/ledger_tiles.h). */
typedef struct {
    const char *url, *file;
    int may_404;
    const char *xlsx_url, *xlsx_file;
} job;

/* Emit url as file; a 404 is skipped (no error) when may_404. */
static int emit_maybe(site *s, const char *url, const char *file, int may_404)
{
    if (emit(s, url, file) == 0) return 0;
    if (!may_404 || !strstr(s->e->msg, "answered 404")) return -1;
    s->e->msg[0] = '\0';
    s->last_same = 0;
    return 1;
}

/* Emit an XLSX table whose CSV was just emitted (see job). */
static int emit_xlsx(site *s, const char *url, const char *file, int may_404)
{
    if (!s->last_same || !file_there(s, file)) return emit_maybe(s, url, file, may_404) < 0 ? -1 : 0;
    s->st->unchanged++;
    note_produced(s, file);
    return buf_ok(&s->produced) ? 0 : err_nomem(s->e);
}

static int emit_job(site *s, const job *j)
{
    if (!j->url) return tiles_export(s->db, s->dir, s->st, s->e);
    int rc = emit_maybe(s, j->url, j->file, j->may_404);
    if (rc == 0 && j->xlsx_url) rc = emit_xlsx(s, j->xlsx_url, j->xlsx_file, j->may_404);
    return rc < 0 ? -1 : 0;
}

typedef struct {
    const job *jobs;
    size_t n;
    atomic_size_t next;
    atomic_int failed;
} job_queue;

typedef struct {
    job_queue *q;
    site s;            /* a copy of the export's, with this writer's reader, counts and error */
    site_stats st;
    err_t e;
    int rc;
    pthread_t thread;
} worker;

/* A writer: take the next job until none is left or one failed. */
static void *work(void *arg)
{
    worker *w = arg;
    while (!atomic_load(&w->q->failed)) {
        size_t i = atomic_fetch_add(&w->q->next, 1);
        if (i >= w->q->n) break;
        if (emit_job(&w->s, &w->q->jobs[i]) == 0) continue;
        w->rc = -1;
        atomic_store(&w->q->failed, 1);
    }
    return NULL;
}

/* Emit the n jobs with one writer per core (at most SITE_MAX_THREADS): this
 * thread with s's reader, each other one with a read connection of its own
 * (a reader is used by one thread only). Their counts, produced files and
 * first error come back into s. */
static int run_jobs(site *s, const job *jobs, size_t n)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t nw = cores < 1 ? 1 : cores > SITE_MAX_THREADS ? SITE_MAX_THREADS : (size_t)cores;
    if (nw > n) nw = n ? n : 1;
    job_queue q = {jobs, n, 0, 0};
    worker *w = mem_calloc(nw, sizeof *w);
    if (!w) return err_nomem(s->e);
    size_t started = 0;
    for (; started < nw; started++) {
        worker *x = &w[started];
        *x = (worker){.q = &q};
        x->s = *s;
        x->s.st = &x->st;
        x->st.tiles_size = -1;
        x->s.e = &x->e;
        x->s.produced = (buf_t)BUF_INIT;
        if (started == 0) continue;
        x->s.db = NULL;
        if (store_open(s->ctx->db_path, STORE_READONLY, &x->s.db, NULL, &x->e) ||
            store_set_memory(x->s.db, SITE_CACHE_KIB, 0, &x->e) || pthread_create(&x->thread, NULL, work, x) != 0) {
            if (!x->e.msg[0]) err_set(&x->e, ERR_INTERNAL, "site: cannot start a writer thread");
            store_close(x->s.db);
            x->s.db = NULL;
            x->rc = -1;
            atomic_store(&q.failed, 1);
            break;
        }
    }
    work(&w[0]);
    int rc = 0;
    for (size_t i = 0; i < nw; i++) {
        worker *x = &w[i];
        if (i > 0 && i < started) pthread_join(x->thread, NULL);
        if (i > 0 && i <= started && x->s.db) store_close(x->s.db);
        s->st->files += x->st.files;
        s->st->bytes += x->st.bytes;
        s->st->unchanged += x->st.unchanged;
        if (x->st.tiles_size >= 0) s->st->tiles_size = x->st.tiles_size;
        buf_append(&s->produced, x->s.produced.data, x->s.produced.len);
        buf_free(&x->s.produced);
        if (x->rc && rc == 0) {
            *s->e = x->e;
            rc = -1;
        }
    }
    mem_free(w);
    if (rc == 0 && !buf_ok(&s->produced)) rc = err_nomem(s->e);
    return rc;
}

/* The export's files to write, in one arena, before the writers start. */
typedef struct {
    arena_t *a;
    job *jobs;
    size_t n, cap;
    err_t *e;
} job_list;

/* Add a job; url and file are copied into the list's arena, and so are
 * xlsx_url and xlsx_file when given. */
static int add_job(job_list *l, const char *url, const char *file, int may_404, const char *xlsx_url,
                   const char *xlsx_file)
{
    if (arena_grow(l->a, (void **)&l->jobs, l->n, &l->cap, sizeof *l->jobs, 256)) return err_nomem(l->e);
    job *j = &l->jobs[l->n];
    *j = (job){arena_strdup(l->a, url), arena_strdup(l->a, file), may_404, NULL, NULL};
    if (xlsx_url) {
        j->xlsx_url = arena_strdup(l->a, xlsx_url);
        j->xlsx_file = arena_strdup(l->a, xlsx_file);
    }
    if (!j->url || !j->file || (xlsx_url && (!j->xlsx_url || !j->xlsx_file))) return err_nomem(l->e);
    l->n++;
    return 0;
}

/* Add the job that writes the log's tiles (see job). */
static int add_tiles_job(job_list *l)
{
    int rc = add_job(l, "", "", 0, NULL, NULL);
    if (rc == 0) l->jobs[l->n - 1].url = NULL;
    return rc;
}

/* The log's entries, 1000 to a file, as /ledger/entries?start=A&end=B
 * answers them: noted for the pages' links and added to l. */
static int ledger_entries_files(site *s, job_list *l)
{
    long long size = store_head_seq(s->db);
    int rc = 0;
    for (long long start = 1; rc == 0 && start <= size; start += 1000) {
        char url[100], file[100];
        snprintf(url, sizeof url, "/ledger/entries?start=%lld&end=%lld", start, start + 999 < size ? start + 999 : size);
        if (!export_file(url, strlen(url), file, sizeof file)) rc = err_set(s->e, ERR_INTERNAL, "site: %s", url);
        else if (map_put(s->optional, file, s)) rc = err_nomem(s->e);
        else rc = add_job(l, url, file, 0, NULL, NULL);
    }
    return rc;
}

/* Note the checkpoint, which tiles_export writes when there is one, for
 * the pages' links. */
static int plan_checkpoint(site *s, arena_t *a)
{
    checkpoint_row *ck;
    size_t n;
    if (store_checkpoints(s->db, 1, a, &ck, &n, s->e)) return -1;
    return n && map_put(s->optional, "ledger/checkpoint", s) ? err_nomem(s->e) : 0;
}

/* The things of kind k as of the export's date, into a's memory; -1 with
 * s->e set. */
static int site_list(site *s, const kind_def *k, arena_t *a, ent_t **items, size_t *n)
{
    view_t v;
    return store_view(s->db, s->as_of, NULL, &v, s->e) || store_list(s->db, k, &v, -1, NULL, a, items, n, s->e)
               ? -1
               : 0;
}

/* The reviews and the assessments of the export, as of its date. */
typedef struct {
    ent_t *rv, *as;
    size_t nrv, nas;
} site_things;

/* What pages may link to but may be missing, written now, before any page:
 * the lists the pages link with a filter (each review's recs, by status,
 * and those overdue) and each assessment's printable report. */
static int emit_optional_files(site *s, const site_things *t, arena_t *a)
{
    const ent_t *rv = t->rv, *as = t->as;
    size_t nrv = t->nrv, nas = t->nas;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < nrv; i++)
        for (int f = -2; rc == 0 && f < ST_COUNT; f++) {
            char *url = f == -2   ? arena_printf(a, "/recs?review=%s", rv[i].id)
                        : f == -1 ? arena_printf(a, "/recs?review=%s&overdue=1", rv[i].id)
                                  : arena_printf(a, "/recs?review=%s&status=%s", rv[i].id, status_name((status_t)f));
            rc = url ? emit_optional(s, url) : err_nomem(s->e);
        }
    for (size_t i = 0; rc == 0 && i < nas; i++) {
        char *url = arena_printf(a, "/reports/assessment?assessment=%s&format=html", as[i].id);
        rc = url ? emit_optional(s, url) : err_nomem(s->e);
    }
    return rc;
}

/* Each review's page, its board page and downloads (page_board.c), its
 * claims beside verdicts and its calendar of due dates. */
static int review_jobs(const site_things *t, job_list *l)
{
    static const char *const board[] = {"board/index.html", "board.csv", "board.json", "board.md", "board.html"};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < t->nrv; i++) {
        const char *id = t->rv[i].id;
        char url[200], file[200], xurl[200];
        snprintf(url, sizeof url, "/reviews/%s", id);
        snprintf(file, sizeof file, "reviews/%s/index.html", id);
        rc = add_job(l, url, file, 1, NULL, NULL);
        for (size_t f = 0; rc == 0 && f < sizeof board / sizeof board[0]; f++) {
            snprintf(url, sizeof url, "/reviews/%s/%s", id, f ? board[f] : "board");
            snprintf(file, sizeof file, "reviews/%s/%s", id, board[f]);
            /* board.xlsx right after board.csv: see job. */
            snprintf(xurl, sizeof xurl, "/reviews/%s/board.xlsx", id);
            rc = add_job(l, url, file, 1, f == 1 ? xurl : NULL, xurl + 1);
        }
        snprintf(url, sizeof url, "/reviews/%s/claims", id);
        snprintf(file, sizeof file, "reviews/%s/claims/index.html", id);
        if (rc == 0) rc = add_job(l, url, file, 1, NULL, NULL);
        snprintf(url, sizeof url, "/reviews/%s/calendar.ics", id);
        if (rc == 0) rc = add_job(l, url, url + 1, 1, NULL, NULL);
    }
    return rc;
}

/* Each assessment's page and its page per verdict (page_assess.c). */
static int assessment_jobs(const site_things *t, job_list *l)
{
    static const char *const codes[] = {"", "/implemented/full", "/implemented/partial", "/implemented/not",
                                        "/implemented/unknown"};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < t->nas; i++)
        for (size_t c = 0; rc == 0 && c < sizeof codes / sizeof codes[0]; c++) {
            char url[200], file[220];
            snprintf(url, sizeof url, "/assessments/%s%s", t->as[i].id, codes[c]);
            snprintf(file, sizeof file, "%s/index.html", url + 1);
            rc = add_job(l, url, file, 1, NULL, NULL);
        }
    return rc;
}

/* Every public rec's page and the files of the pages' "Download this
 * table" links (web/downloads.h); a hidden rec's answer 404 and are
 * skipped. */
static int rec_jobs(site *s, job_list *l)
{
    view_t v;
    ent_t *items;
    const char **paths;
    size_t n, np;
    if (store_view(s->db, s->as_of, NULL, &v, s->e) ||
        store_list(s->db, &kind_rec, &v, -1, NULL, l->a, &items, &n, s->e) ||
        tables_site_files(s->db, &v, l->a, &paths, &np, s->e))
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (field_true(items[i].v[REC_RESTRICTED])) continue;
        char url[200], file[220];
        snprintf(url, sizeof url, "/recs/%s", items[i].id);
        snprintf(file, sizeof file, "recs/%s/index.html", items[i].id);
        rc = add_job(l, url, file, 1, NULL, NULL);
    }
    for (size_t i = 0; rc == 0 && i < np; i++) {
        size_t len = strlen(paths[i]);
        /* TABLE.csv then TABLE.xlsx: one job. */
        int pair = i + 1 < np && len > 4 && strcmp(paths[i] + len - 4, ".csv") == 0 &&
                   strlen(paths[i + 1]) == len + 1 && strncmp(paths[i + 1], paths[i], len - 3) == 0 &&
                   strcmp(paths[i + 1] + len - 3, "xlsx") == 0;
        rc = add_job(l, paths[i], paths[i] + 1, 1, pair ? paths[i + 1] : NULL, pair ? paths[i + 1] + 1 : NULL);
        i += (size_t)pair;
    }
    return rc;
}

/* The pages with a fixed address, and the reports in each format (a
 * report with nothing to say answers 404 and is skipped). */
static int fixed_jobs(job_list *l)
{
    static const char *const pages[][2] = {
        {"/", "index.html"}, {"/recs", "recs/index.html"}, {"/reviews", "reviews/index.html"},
        {"/assessments", "assessments/index.html"}, {"/changes", "changes/index.html"},
        {"/changes.atom", "changes.atom"}, {"/reports", "reports/index.html"}, {"/ledger", "ledger/index.html"},
        {"/kpis", "kpis/index.html"}, {"/calendar.ics", "calendar.ics"},
        {"/static/style.css", "static/style.css"}, {"/static/favicon.svg", "static/favicon.svg"},
        {"/robots.txt", "robots.txt"},
    };
    static const char *const kinds[] = {"implementation", "assessment", "quarterly", "smart", "claims", "evidence",
                                        "board"};
    static const char *const formats[] = {"html", "md", "csv", "json"};
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < sizeof kinds / sizeof kinds[0]; k++)
        for (size_t f = 0; rc == 0 && f < sizeof formats / sizeof formats[0]; f++) {
            char url[80], xurl[80];
            snprintf(url, sizeof url, "/reports/%s.%s", kinds[k], formats[f]);
            snprintf(xurl, sizeof xurl, "/reports/%s.xlsx", kinds[k]);
            /* The XLSX right after its CSV: see job. */
            rc = add_job(l, url, url + 1, 1, f == 2 ? xurl : NULL, xurl + 1);
        }
    for (size_t i = 0; rc == 0 && i < sizeof pages / sizeof pages[0]; i++)
        rc = add_job(l, pages[i][0], pages[i][1], 0, NULL, NULL);
    return rc;
}

/* Every page, report and file of the export: what pages may link to but may
 * be missing first, by this thread alone; then on every core the log's
 * tiles, the costliest files (the reports) and all the rest, in that order
 * so that the writers finish together; then the log's entries, once the
 * tiles have checked the log. With ledger_only, the log's files alone. */
static int emit_all(site *s, int ledger_only)
{
    job_list l = {arena_new(), NULL, 0, 0, s->e}, entries = {arena_new(), NULL, 0, 0, s->e};
    site_things t = {0};
    int rc = l.a && entries.a ? 0 : err_nomem(s->e);
    if (rc == 0) rc = ledger_entries_files(s, &entries);
    if (rc == 0 && !ledger_only)
        rc = plan_checkpoint(s, l.a) || site_list(s, &kind_review, l.a, &t.rv, &t.nrv) ||
                     site_list(s, &kind_assessment, l.a, &t.as, &t.nas) || emit_optional_files(s, &t, l.a)
                 ? -1
                 : 0;
    if (rc == 0) rc = add_tiles_job(&l);
    if (rc == 0 && !ledger_only)
        rc = fixed_jobs(&l) || review_jobs(&t, &l) || assessment_jobs(&t, &l) || rec_jobs(s, &l) ? -1 : 0;
    if (rc == 0) rc = run_jobs(s, l.jobs, l.n);
    if (rc == 0) rc = run_jobs(s, entries.jobs, entries.n);
    arena_free(l.a);
    arena_free(entries.a);
    return rc;
}

/* The paths the previous export's manifest lists, as keys of m (none when
 * there is no manifest). */
static int manifest_read(const char *dir, map_t *m, err_t *e)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/" MANIFEST, dir);
    if (access(path, F_OK) != 0) return 0;
    size_t len;
    char *text = file_read(path, (size_t)1 << 30, &len, e);
    if (!text) return -1;
    int rc = 0;
    for (char *line = text, *nl; rc == 0 && *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl) break;
        *nl = '\0';
        if (*line && map_put(m, line, m)) rc = err_nomem(e);
    }
    mem_free(text);
    return rc;
}

/* Remove dir/file and then each folder above it left empty, up to dir. */
static int remove_file(const char *dir, const char *file)
{
    char path[4200];
    int n = snprintf(path, sizeof path, "%s/%s", dir, file);
    if (n < 0 || (size_t)n >= sizeof path || (unlink(path) != 0 && errno != ENOENT)) return -1;
    size_t root = strlen(dir);
    for (char *slash = strrchr(path, '/'); slash && (size_t)(slash - path) > root; slash = strrchr(path, '/')) {
        *slash = '\0';
        if (rmdir(path) != 0) break;
    }
    return 0;
}

static int path_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* After an export: with `prune`, remove the files the previous manifest
 * (before) lists that this export did not produce, counted in st->removed;
 * then write this export's manifest, its paths sorted. */
static int manifest_update(site *s, map_t *before, int prune)
{
    map_t *now = map_new();
    size_t n = 0;
    for (size_t i = 0; i < s->produced.len; i += strlen(s->produced.data + i) + 1) n++;
    char **paths = mem_calloc(n + 1, sizeof *paths);
    buf_t text = BUF_INIT;
    int rc = now && paths ? 0 : err_nomem(s->e);
    n = 0;
    for (size_t i = 0; rc == 0 && i < s->produced.len; i += strlen(s->produced.data + i) + 1) {
        paths[n++] = s->produced.data + i;
        if (map_put(now, s->produced.data + i, now)) rc = err_nomem(s->e);
    }
    for (size_t i = 0; rc == 0 && prune && i < map_count(before); i++) {
        const char *old = map_key(before, i);
        if (map_has(now, old) || strstr(old, "..")) continue;
        if (remove_file(s->dir, old)) rc = err_set(s->e, ERR_IO, "%s/%s: %s", s->dir, old, strerror(errno));
        else s->st->removed++;
    }
    if (rc == 0) {
        qsort(paths, n, sizeof *paths, path_cmp);
        for (size_t i = 0; i < n; i++) {
            buf_puts(&text, paths[i]);
            buf_puts(&text, "\n");
        }
        site_stats quiet = {0};
        if (!buf_ok(&text)) rc = err_nomem(s->e);
        else if (!same_file(s, MANIFEST, text.data, text.len))
            rc = site_write_file(s->dir, MANIFEST, text.data, text.len, &quiet, s->e);
    }
    buf_free(&text);
    mem_free(paths);
    map_free(now);
    return rc;
}

int site_export(const char *db_path, const char *dir, const site_opts *o, site_stats *st, err_t *e)
{
    memset(st, 0, sizeof *st);
    st->tiles_size = -1;
    web_ctx ctx = {.db_path = db_path, .static_site = 1, .base_url = o->base_url, .session_idle = 1, .session_max = 1};
    site s = {.ctx = &ctx, .dir = dir, .as_of = o->as_of, .st = st, .e = e, .incremental = o->incremental,
              .produced = BUF_INIT};
    if (o->as_of && !date_valid(o->as_of))
        return err_set(e, ERR_INPUT, "--as-of: '%.40s' is not a valid date", o->as_of);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) return err_set(e, ERR_IO, "%s: %s", dir, strerror(errno));
    pthread_mutex_init(&ctx.writer_lock, NULL);
    ctx.claims = claims_memo_new();
    map_t *before = map_new();
    s.optional = map_new();
    int rc = before && s.optional && ctx.claims ? 0 : err_nomem(e);
    if (rc == 0 && o->incremental && !o->ledger_only) rc = manifest_read(dir, before, e);
    if (rc == 0) rc = store_open(db_path, STORE_READONLY, &s.db, NULL, e);
    if (rc == 0) rc = store_set_memory(s.db, SITE_CACHE_KIB, 0, e);
    if (rc == 0) rc = emit_all(&s, o->ledger_only);
    /* --ledger-only writes a part of the export: the manifest stays the whole one's. */
    if (rc == 0 && !o->ledger_only) rc = manifest_update(&s, before, o->incremental);
    store_close(s.db);
    map_free(s.optional);
    map_free(before);
    buf_free(&s.produced);
    claims_memo_free(ctx.claims);
    pthread_mutex_destroy(&ctx.writer_lock);
    return rc;
}
