/* evidence_report.c — see evidence_report.h. */
#include "report/xlsx.h"
#include "report/evidence_report.h"
#include "report/layout.h"

#include <string.h>

#include "util/fmt.h"
#include "util/map.h"

/* Fill each row's review: the review of the rec its evidence is cited for,
 * directly or through a milestone or an assessment item. */
static int ev_reviews(store_t *s, const view_t *v, ev_health *r, size_t n, arena_t *a, err_t *e)
{
    ent_t *recs, *ms, *items;
    size_t nrecs, nms, nitems;
    if (!n) return 0;
    if (store_list(s, &kind_rec, v, -1, NULL, a, &recs, &nrecs, e) ||
        store_list(s, &kind_milestone, v, -1, NULL, a, &ms, &nms, e) ||
        store_list(s, &kind_item, v, -1, NULL, a, &items, &nitems, e))
        return -1;
    int rc = -1;
    map_t *review = map_new(), *rec_of = map_new();   /* rec -> review; milestone or item -> rec */
    if (!review || !rec_of) goto done;
    for (size_t i = 0; i < nrecs; i++)
        if (map_put(review, recs[i].id, (void *)recs[i].v[REC_REVIEW])) goto done;
    for (size_t i = 0; i < nms; i++)
        if (map_put(rec_of, ms[i].id, (void *)ms[i].v[MS_REC])) goto done;
    for (size_t i = 0; i < nitems; i++)
        if (map_put(rec_of, items[i].id, (void *)items[i].v[ITEM_REC])) goto done;
    for (size_t i = 0; i < n; i++) {
        const char *t = r[i].ev->v[EV_TARGET];
        const char *rec = strcmp(r[i].ev->v[EV_TARGET_KIND], "rec") == 0 ? t : map_get(rec_of, t);
        r[i].review = rec ? map_get(review, rec) : NULL;
    }
    rc = 0;
done:
    map_free(review);
    map_free(rec_of);
    return rc ? err_nomem(e) : 0;
}

int ev_health_load(store_t *s, const view_t *v, const char *target, arena_t *a, ev_health **rows,
                   size_t *n, err_t *e)
{
    ent_t *evs;
    size_t nevs, nchecks;
    link_check *checks;
    char end_of_day[TS_SIZE];
    if (ts_parse(v->as_of, 1, end_of_day)) return err_set(e, ERR_INPUT, "bad date %s", v->as_of);
    if (store_list(s, &kind_evidence, v, target ? EV_TARGET : -1, target, a, &evs, &nevs, e) ||
        store_link_latest(s, v->current ? NULL : end_of_day, 0, a, &checks, &nchecks, e))
        return -1;
    ev_health *r = arena_alloc(a, sizeof *r * (nevs + 1));
    if (!r) return err_nomem(e);
    for (size_t i = 0; i < nevs; i++) {
        r[i].ev = &evs[i];
        r[i].check = link_check_find(checks, nchecks, evs[i].v[EV_URL]);
    }
    if (ev_reviews(s, v, r, nevs, a, e)) return -1;
    *rows = r;
    *n = nevs;
    return 0;
}

int ev_checks_of(store_t *s, const view_t *v, const ent_t *evs, size_t n, arena_t *a, link_check **checks,
                 size_t *nchecks, err_t *e)
{
    char end_of_day[TS_SIZE];
    if (ts_parse(v->as_of, 1, end_of_day)) return err_set(e, ERR_INPUT, "bad date %s", v->as_of);
    const char **urls = arena_alloc(a, sizeof *urls * (n + 1));
    if (!urls) return err_nomem(e);
    for (size_t i = 0; i < n; i++) urls[i] = evs[i].v[EV_URL];
    return store_link_latest_of(s, v->current ? NULL : end_of_day, urls, n, a, checks, nchecks, e);
}

const char *ev_health_word(const ev_health *h)
{
    return h->check ? h->check->outcome : "unchecked";
}

static const char *const words[] = {"ok", "moved", "dead", "blocked", "unchecked"};
#define NWORDS 5

/* Counts by health word (words[] order) and of changed content. */
static void tally(const ev_health *rows, size_t n, size_t count[NWORDS], size_t *changed)
{
    memset(count, 0, sizeof(size_t) * NWORDS);
    *changed = 0;
    for (size_t i = 0; i < n; i++) {
        const char *w = ev_health_word(&rows[i]);
        for (int k = 0; k < NWORDS; k++)
            if (strcmp(w, words[k]) == 0) count[k]++;
        if (rows[i].check && rows[i].check->changed) (*changed)++;
    }
}

/* What a reader should know beyond the health word: as HTML (escaped), or
 * as plain text for a Markdown cell (which md_cell escapes). */
static void note(buf_t *b, const ev_health *r, int html)
{
    const link_check *c = r->check;
    if (!c) return;
    const char *parts[4];
    int np = 0;
    if (c->changed) parts[np++] = "content changed";
    if (c->truncated) parts[np++] = "body cut at the cap";
    if (c->error && *c->error) parts[np++] = c->error;
    int moved = strcmp(c->outcome, "moved") == 0 && c->final_url;
    if (moved) {
        if (html) bfmt(b, "moved to <a href=\"%h\">%h</a>", c->final_url, c->final_url);
        else { buf_puts(b, "moved to "); buf_puts(b, c->final_url); }
    }
    for (int i = 0; i < np; i++) {
        if (moved || i) buf_puts(b, "; ");
        if (html) bfmt(b, "%h", parts[i]);
        else buf_puts(b, parts[i]);
    }
}

/* One Markdown table cell: | \ ` * _ [ ] < > # escaped with a backslash. */
static void md_cell(buf_t *b, const char *s)
{
    if (!s || !*s) { buf_puts(b, "–"); return; }
    for (; *s; s++) {
        if (strchr("|\\`*_[]<>#", *s)) buf_putc(b, '\\');
        buf_putc(b, *s);
    }
}

static void render_md(buf_t *b, const ev_health *rows, size_t n, const view_t *v)
{
    size_t count[NWORDS], changed;
    tally(rows, n, count, &changed);
    bfmt(b, "# Evidence link health\n\nAs of %s. %zu links: %zu ok, %zu moved, %zu dead, "
            "%zu blocked, %zu unchecked; %zu changed since the check before.\n\n",
         v->as_of, n, count[0], count[1], count[2], count[3], count[4], changed);
    buf_puts(b, "| evidence | about | title | URL | health | HTTP | checked | last alive | note |\n"
                "| --- | --- | --- | --- | --- | ---: | --- | --- | --- |\n");
    for (size_t i = 0; i < n; i++) {
        const ent_t *ev = rows[i].ev;
        const link_check *c = rows[i].check;
        buf_puts(b, "| ");
        md_cell(b, ev->id);
        buf_puts(b, " | ");
        md_cell(b, ev->v[EV_TARGET_KIND]);
        buf_putc(b, ' ');
        md_cell(b, ev->v[EV_TARGET]);
        buf_puts(b, " | ");
        md_cell(b, ev->v[EV_TITLE]);
        buf_puts(b, " | ");
        md_cell(b, ev->v[EV_URL]);
        bfmt(b, " | %s | ", ev_health_word(&rows[i]));
        if (c && c->http_status) bfmt(b, "%d", c->http_status);
        else buf_puts(b, "–");
        buf_puts(b, " | ");
        md_cell(b, c ? c->checked_at : NULL);
        buf_puts(b, " | ");
        md_cell(b, c ? c->last_alive : NULL);
        buf_puts(b, " | ");
        buf_t nb = BUF_INIT;
        note(&nb, &rows[i], 0);
        md_cell(b, buf_ok(&nb) ? buf_str(&nb) : "");
        buf_free(&nb);
        buf_puts(b, " |\n");
    }
}

static void render_html(buf_t *b, const ev_health *rows, size_t n, const view_t *v, const char *downloads)
{
    size_t count[NWORDS], changed;
    tally(rows, n, count, &changed);
    /* The reports' one layout (report/layout.c): its stylesheet is the one
     * the server's Content-Security-Policy allows, and it has a <main>. */
    page_open(b, "Evidence link health", NULL);
    bfmt(b, "<p>As of %h. %zu links: %zu ok, %zu moved, %zu dead, "
            "%zu blocked, %zu unchecked; %zu changed since the check before.</p>\n"
            "<table>\n<thead><tr><th>Evidence</th><th>About</th><th>Title</th><th>URL</th>"
            "<th>Health</th><th>HTTP</th><th>Checked</th><th>Last alive</th><th>Note</th></tr></thead>\n<tbody>\n",
         v->as_of, n, count[0], count[1], count[2], count[3], count[4], changed);
    for (size_t i = 0; i < n; i++) {
        const ent_t *ev = rows[i].ev;
        const link_check *c = rows[i].check;
        const char *w = ev_health_word(&rows[i]);
        bfmt(b, "<tr><td>%h</td><td>%h %h</td><td>%h</td><td class=\"url\"><a href=\"%h\">%h</a></td>"
                "<td class=\"%h\">%h</td><td>",
             ev->id, ev->v[EV_TARGET_KIND], ev->v[EV_TARGET], ev->v[EV_TITLE], ev->v[EV_URL],
             ev->v[EV_URL], w, w);
        if (c && c->http_status) bfmt(b, "%d", c->http_status);
        bfmt(b, "</td><td>%h</td><td>%h</td><td>", c ? c->checked_at : NULL, c ? c->last_alive : NULL);
        note(b, &rows[i], 1);
        buf_puts(b, "</td></tr>\n");
    }
    buf_puts(b, "</tbody>\n</table>\n");
    if (downloads) buf_puts(b, downloads);
    page_close(b);
}

static void render_csv(buf_t *b, const ev_health *rows, size_t n)
{
    buf_puts(b, "id,target_kind,target,title,kind,url,restricted,health,http_status,final_url,"
                "changed,checked_at,last_alive,error,review\r\n");
    for (size_t i = 0; i < n; i++) {
        const ent_t *ev = rows[i].ev;
        const link_check *c = rows[i].check;
        const char *cols[] = {ev->id, ev->v[EV_TARGET_KIND], ev->v[EV_TARGET], ev->v[EV_TITLE],
                              ev->v[EV_KIND], ev->v[EV_URL], ev->v[EV_RESTRICTED],
                              ev_health_word(&rows[i])};
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            if (k) buf_putc(b, ',');
            fmt_csv(b, cols[k]);
        }
        buf_putc(b, ',');
        if (c && c->http_status) bfmt(b, "%d", c->http_status);
        buf_putc(b, ',');
        fmt_csv(b, c ? c->final_url : NULL);
        bfmt(b, ",%s,", c ? (c->changed ? "true" : "false") : "");
        fmt_csv(b, c ? c->checked_at : NULL);
        buf_putc(b, ',');
        fmt_csv(b, c ? c->last_alive : NULL);
        buf_putc(b, ',');
        fmt_csv(b, c ? c->error : NULL);
        buf_putc(b, ',');
        fmt_csv(b, rows[i].review);
        buf_puts(b, "\r\n");
    }
}

static void render_json(buf_t *b, const ev_health *rows, size_t n, const view_t *v)
{
    size_t count[NWORDS], changed;
    tally(rows, n, count, &changed);
    bfmt(b, "{\n  \"as_of\": %J,\n  \"summary\": {\"links\": %zu", v->as_of, n);
    for (int k = 0; k < NWORDS; k++) bfmt(b, ", %J: %zu", words[k], count[k]);
    bfmt(b, ", \"changed\": %zu},\n  \"evidence\": [", changed);
    for (size_t i = 0; i < n; i++) {
        const ent_t *ev = rows[i].ev;
        const link_check *c = rows[i].check;
        bfmt(b, "%s\n    {\"id\": %J, \"target_kind\": %J, \"target\": %J, \"title\": %J, \"kind\": %J,"
                " \"url\": %J, \"restricted\": %s, \"review\": %J, \"health\": %J",
             i ? "," : "", ev->id, ev->v[EV_TARGET_KIND], ev->v[EV_TARGET], ev->v[EV_TITLE],
             ev->v[EV_KIND], ev->v[EV_URL], field_true(ev->v[EV_RESTRICTED]) ? "true" : "false",
             rows[i].review, ev_health_word(&rows[i]));
        if (c) {
            bfmt(b, ", \"http_status\": ");
            if (c->http_status) bfmt(b, "%d", c->http_status);
            else buf_puts(b, "null");
            bfmt(b, ", \"final_url\": %J, \"changed\": %s, \"truncated\": %s, \"content_sha256\": %J,"
                    " \"checked_at\": %J, \"last_alive\": %J, \"error\": %J}",
                 c->final_url, c->changed ? "true" : "false", c->truncated ? "true" : "false",
                 c->sha256, c->checked_at, c->last_alive, *c->error ? c->error : NULL);
        } else {
            buf_puts(b, ", \"http_status\": null, \"final_url\": null, \"changed\": false,"
                        " \"truncated\": false, \"content_sha256\": null, \"checked_at\": null,"
                        " \"last_alive\": null, \"error\": null}");
        }
    }
    buf_puts(b, n ? "\n  ]\n}\n" : "]\n}\n");
}

int ev_report_render(buf_t *b, const ev_health *rows, size_t n, const char *format,
                     const view_t *v, const char *downloads)
{
    if (strcmp(format, "md") == 0) render_md(b, rows, n, v);
    else if (strcmp(format, "html") == 0) render_html(b, rows, n, v, downloads);
    else if (strcmp(format, "csv") == 0) render_csv(b, rows, n);
    else if (strcmp(format, "json") == 0) render_json(b, rows, n, v);
    else if (strcmp(format, "xlsx") == 0) {
        buf_t csv = BUF_INIT;
        err_t e = {0};
        render_csv(&csv, rows, n);
        int rc = buf_ok(&csv) ? xlsx_from_csv(csv.data ? csv.data : "", csv.len, "evidence", "review", b, &e) : -1;
        buf_free(&csv);
        if (rc) b->failed = 1;
    } else return -1;
    return 0;
}

int ev_report(store_t *s, const view_t *v, const char *target, const char *format, arena_t *a,
              buf_t *b, err_t *e)
{
    ev_health *rows;
    size_t n;
    if (ev_health_load(s, v, target, a, &rows, &n, e)) return -1;
    if (ev_report_render(b, rows, n, format, v, NULL))
        return err_set(e, ERR_INPUT, "unknown format '%.20s'", format);
    return 0;
}
