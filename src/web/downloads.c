/* downloads.c — see downloads.h. Each table of /tables is one producer that
 * writes the page's rows as CSV (the same filters, date and visibility as
 * the page); XLSX is made from that CSV (report/xlsx.h), one sheet per
 * review when the table has a review column. */
#include "web/downloads.h"

#include <stdio.h>
#include <string.h>

#include "core/board.h"
#include "core/kpi.h"
#include "core/status.h"
#include "report/board.h"
#include "report/claims_memo.h"
#include "report/claims_model.h"
#include "report/indicators.h"
#include "report/report.h"
#include "report/xlsx.h"
#include "util/date.h"
#include "util/fmt.h"
#include "util/map.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_kpis.h"
#include "web/recent.h"
#include "web/visible.h"

#define CHANGES_MAX 1000

/* pattern with its '*' replaced by id, URL-escaped, into b. */
static void expand(buf_t *b, const char *pattern, const char *id)
{
    const char *star = strchr(pattern, '*');
    if (!star || !id) { buf_puts(b, pattern); return; }
    buf_append(b, pattern, (size_t)(star - pattern));
    bfmt(b, "%t", id);
    buf_puts(b, star + 1);
}

/* The links paragraph into b: path.csv and path.xlsx (with ?query on the
 * server), then JSON: path.json when json_file, else api when given. */
static void links(web_req *w, buf_t *b, const char *path, const char *query, const char *api, int json_file)
{
    static const char *const ext[] = {"csv", "xlsx", "json"}, *const label[] = {"CSV", "XLSX", "JSON"};
    int site = w->ctx->static_site;
    buf_puts(b, "<p class=\"downloads\">Download this table: ");
    for (int f = 0; f < 3; f++) {
        buf_t href = BUF_INIT;
        if (f == 2 && !json_file) {
            if (!api || site) continue;
            buf_puts(&href, api);
            if (query && *query) { buf_putc(&href, '?'); buf_puts(&href, query); }
        } else {
            buf_puts(&href, path);
            bfmt(&href, ".%h", ext[f]);
            if (query && *query && !site) { buf_putc(&href, '?'); buf_puts(&href, query); }
        }
        buf_puts(b, f ? " \xC2\xB7 <a href=\"" : "<a href=\"");
        page_href(w, b, buf_ok(&href) ? buf_str(&href) : "/");
        bfmt(b, "\"%s>%h</a>", f < 2 ? " download" : "", label[f]);
        buf_free(&href);
    }
    buf_puts(b, "</p>\n");
}

/* The page's own parameters a table depends on, escaped for an href. */
static void page_query(web_req *w, buf_t *q)
{
    static const char *const names[] = {"review", "assessment", "before"};
    for (int i = 0; i < 3; i++) {
        const char *v = http_param(w->req, names[i]);
        if (v && *v) bfmt(q, "%s%t=%t", q->len ? "&amp;" : "", names[i], v);
    }
}

void table_links(web_req *w, const char *pattern, const char *id, const char *api)
{
    buf_t path = BUF_INIT, q = BUF_INIT, a = BUF_INIT;
    expand(&path, pattern, id);
    page_query(w, &q);
    if (api) expand(&a, api, id);
    if (buf_ok(&path) && buf_ok(&q) && buf_ok(&a))
        links(w, &w->res->body, buf_str(&path), buf_str(&q), api ? buf_str(&a) : NULL, 0);
    buf_free(&path);
    buf_free(&q);
    buf_free(&a);
}

const char *table_links_html(web_req *w, const char *pattern, const char *id, const char *query)
{
    buf_t b = BUF_INIT, path = BUF_INIT;
    expand(&path, pattern, id);
    if (buf_ok(&path)) links(w, &b, buf_str(&path), query, NULL, 1);
    char *s = buf_ok(&path) && buf_ok(&b) ? arena_strdup(w->a, buf_str(&b)) : NULL;
    buf_free(&path);
    buf_free(&b);
    return s;
}

void download_name(web_req *w, const char *stem, const char *ext)
{
    char name[200];
    snprintf(name, sizeof name, "ssrtrack-%.120s-%.10s.%.8s", stem ? stem : "table", w->view.as_of, ext);
    for (char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("._-", *p)))
            *p = '_';
    char *v = arena_printf(w->a, "attachment; filename=\"%s\"", name);
    if (v) http_add_header(w->res, w->a, "Content-Disposition", v);
}

/* ---- the producers: each writes its table as CSV into out, or returns -1
 * with w->err set (ERR_NOTFOUND: a 404). id is the path's id, or NULL. */

/* A rec the user may see, or ERR_NOTFOUND. */
static int visible_rec(web_req *w, const visibility *vis, const char *id, ent_t *rec)
{
    if (store_get(w->db, &kind_rec, &w->view, id, w->a, rec, &w->err)) return -1;
    if (vis_rec_hidden(vis, id)) return err_set(&w->err, ERR_NOTFOUND, "no such rec: %.60s", id);
    return 0;
}

/* /tables/changes/N: the N newest changes as the page lists them (before=SEQ). */
static int tb_changes(web_req *w, const visibility *vis, const char *id, buf_t *out)
{
    long long limit, before = 0;
    const char *before_s = http_param(w->req, "before");
    if (http_count(id, &limit) || limit < 1 || limit > CHANGES_MAX)
        return err_set(&w->err, ERR_NOTFOUND, "no such table: changes/%.20s", id);
    if (before_s && http_count(before_s, &before)) return err_set(&w->err, ERR_INPUT, "before must be a change number.");
    change_t *ch;
    size_t n;
    if (store_changes(w->db, 0, before, w->view.as_of, (int)limit * 4 + 50, 0, w->a, &ch, &n, &w->err)) return -1;
    buf_puts(out, "seq,entity,id,field,value,effective,recorded,actor,reason\r\n");
    long long shown = 0;
    for (size_t i = 0; i < n && shown < limit; i++) {
        const change_t *c = &ch[i];
        if (change_hidden(vis, c)) continue;
        shown++;
        const char *cols[] = {c->entity, c->entity_id, c->field, c->value, c->effective_at, c->recorded_at,
                              c->actor, c->reason};
        bfmt(out, "%lld", c->seq);
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            buf_putc(out, ',');
            fmt_csv(out, cols[k]);
        }
        buf_puts(out, "\r\n");
    }
    return 0;
}

/* A number for a cell, or nothing. */
static void num_cell(buf_t *out, int has, double v)
{
    char num[40];
    snprintf(num, sizeof num, "%.15g", v);   /* bfmt has no %g */
    buf_putc(out, ',');
    if (has) buf_puts(out, num);
}

/* /tables/kpis: every KPI with its status (review=R: of that review's recs). */
static int tb_kpis(web_req *w, const visibility *vis, const char *id, buf_t *out)
{
    (void)id;
    kpi_model *all;
    size_t n;
    if (visible_kpis(w, vis, http_param(w->req, "review"), &all, &n)) return -1;
    buf_puts(out, "kpi,name,of,review,status,latest,latest_date,unit,target,target_date,next_due\r\n");
    for (size_t i = 0; i < n; i++) {
        const kpi_model *m = &all[i];
        const char *review = m->kpi.v[KPI_REVIEW];
        ent_t rec;
        err_t e = {0};
        if (!review && m->kpi.v[KPI_REC] && store_get(w->db, &kind_rec, &w->view, m->kpi.v[KPI_REC], w->a, &rec, &e) == 0)
            review = rec.v[REC_REVIEW];
        const char *cols[] = {m->kpi.id, m->kpi.v[KPI_NAME], kpi_subject(m->kpi.v), review,
                              kpi_status_name(m->eval.status)};
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            if (k) buf_putc(out, ',');
            fmt_csv(out, cols[k]);
        }
        num_cell(out, m->eval.has_latest, m->eval.latest.value);
        buf_putc(out, ',');
        fmt_csv(out, m->eval.has_latest ? m->eval.latest.date : NULL);
        buf_putc(out, ',');
        fmt_csv(out, m->kpi.v[KPI_UNIT]);
        num_cell(out, m->spec.has_target, m->spec.target.value);
        buf_putc(out, ',');
        fmt_csv(out, m->spec.has_target ? m->spec.target.date : NULL);
        buf_putc(out, ',');
        fmt_csv(out, m->eval.next_due);
        buf_puts(out, "\r\n");
    }
    return 0;
}

/* /tables/milestones/overdue: the dashboard's overdue milestones. */
static int tb_overdue(web_req *w, const visibility *vis, const char *id, buf_t *out)
{
    (void)id;
    ent_t *ms, *recs;
    size_t nms, nrecs;
    if (store_list(w->db, &kind_milestone, &w->view, -1, NULL, w->a, &ms, &nms, &w->err) ||
        store_list(w->db, &kind_rec, &w->view, -1, NULL, w->a, &recs, &nrecs, &w->err))
        return -1;
    map_t *review = map_new();
    if (!review) return err_nomem(&w->err);
    for (size_t i = 0; i < nrecs; i++)
        if (map_put(review, recs[i].id, (void *)recs[i].v[REC_REVIEW])) { map_free(review); return err_nomem(&w->err); }
    buf_puts(out, "review,rec,milestone,title,status,due,days_late\r\n");
    for (size_t i = 0; i < nms; i++) {
        const ent_t *m = &ms[i];
        int st = status_parse(m->v[MS_STATUS]);
        if (!m->v[MS_DUE] || strcmp(m->v[MS_DUE], w->view.as_of) >= 0 || st == ST_COMPLETE || st == ST_ONGOING ||
            vis_is_hidden(vis, "milestone", m->id))
            continue;
        const char *cols[] = {map_get(review, m->v[MS_REC]), m->v[MS_REC], m->id, m->v[MS_TITLE], m->v[MS_STATUS],
                              m->v[MS_DUE]};
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            if (k) buf_putc(out, ',');
            fmt_csv(out, cols[k]);
        }
        bfmt(out, ",%ld\r\n", date_to_days(w->view.as_of) - date_to_days(m->v[MS_DUE]));
    }
    map_free(review);
    return 0;
}

/* /tables/reviews/R/status: the review's top-level recs counted by status. */
static int tb_status(web_req *w, const visibility *vis, const char *id, buf_t *out)
{
    ent_t rv, *recs;
    size_t n, count[ST_COUNT] = {0};
    if (store_get(w->db, &kind_review, &w->view, id, w->a, &rv, &w->err) ||
        store_list(w->db, &kind_rec, &w->view, REC_REVIEW, rv.id, w->a, &recs, &n, &w->err))
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (recs[i].v[REC_PARENT] || vis_rec_hidden(vis, recs[i].id)) continue;
        int st = status_parse(recs[i].v[REC_STATUS]);
        count[st < 0 ? 0 : st]++;
    }
    buf_puts(out, "review,status,label,recs\r\n");
    for (int s = 0; s < ST_COUNT; s++) {
        if (!count[s]) continue;
        fmt_csv(out, rv.id);
        bfmt(out, ",%s,", status_name((status_t)s));
        fmt_csv(out, status_label((status_t)s));
        bfmt(out, ",%zu\r\n", count[s]);
    }
    return 0;
}

/* One row of the indicators table: value of `of` (of < 0: none). */
static void indicator_row(buf_t *out, const char *review, const char *name, long value, long of)
{
    fmt_csv(out, review);
    buf_putc(out, ',');
    fmt_csv(out, name);
    bfmt(out, ",%ld,", value);
    if (of >= 0) bfmt(out, "%ld", of);
    buf_puts(out, "\r\n");
}

/* /tables/reviews/R/indicators: the dashboard's indicators of the review. */
static int tb_indicators(web_req *w, const visibility *vis, const char *id, buf_t *out)
{
    (void)vis;
    ent_t rv;
    indicators_t in;
    claims_model m;
    int all = can_see_restricted(w);
    if (store_get(w->db, &kind_review, &w->view, id, w->a, &rv, &w->err) ||
        indicators_compute(w->db, &w->view, rv.id, !all, w->a, &in, &w->err) ||
        claims_load_kept(w->ctx->claims, w->db, &w->view, rv.id, NULL, all, w->a, &m, &w->err))
        return -1;
    buf_puts(out, "review,indicator,value,of\r\n");
    indicator_row(out, rv.id, "Recommendations complete", in.recs_complete, in.recs);
    indicator_row(out, rv.id, "Milestones overdue", in.milestones_overdue, in.milestones);
    if (in.lag_median >= 0) {
        indicator_row(out, rv.id, "Documentation lag, median (days)", in.lag_median, -1);
        indicator_row(out, rv.id, "Documentation lag, 90th percentile (days)", in.lag_p90, -1);
    }
    indicator_row(out, rv.id, "Recommendations with a KPI target", in.recs_kpi_target, in.recs);
    indicator_row(out, rv.id, "Claims divergent from the latest verdict", (long)m.divergent, (long)m.n);
    if (in.links_checked) indicator_row(out, rv.id, "Evidence links alive", in.links_alive, in.links_checked);
    else indicator_row(out, rv.id, "Evidence links, none checked yet", in.links, -1);
    return 0;
}

/* A report's CSV, as the user may see it. */
static int report_csv(web_req *w, const char *kind, const char *review, const char *assessment, buf_t *out)
{
    report_opts o = {review, assessment, w->as_of, NULL, NULL, RF_CSV, can_see_restricted(w)};
    o.claims = w->ctx->claims;
    return report_render(w->db, kind, &o, w->a, out, &w->err);
}

/* /tables/reviews/R/claims: the claims page's table (assessment=A as the page). */
static int tb_claims(web_req *w, const visibility *vis, const char *id, buf_t *out)
{
    (void)vis;
    ent_t rv;
    if (store_get(w->db, &kind_review, &w->view, id, w->a, &rv, &w->err)) return -1;
    return report_csv(w, "claims", rv.id, http_param(w->req, "assessment"), out);
}

/* /tables/assessments/A: the assessment's items (its overview counts them). */
static int tb_assessment(web_req *w, const visibility *vis, const char *id, buf_t *out)
{
    (void)vis;
    return report_csv(w, "assessment", NULL, id, out);
}

/* /tables/recs/ID/board: the rec's Board decisions, dated. */
static int tb_rec_board(web_req *w, const visibility *vis, const char *id, buf_t *out)
{
    ent_t rec;
    board_step *st;
    size_t n;
    if (visible_rec(w, vis, id, &rec) || board_of_rec(w->db, rec.id, w->view.as_of, w->a, &st, &n, &w->err))
        return -1;
    buf_puts(out, "rec,effective,board,disposition,reason\r\n");
    for (size_t i = 0; i < n; i++) {
        fmt_csv(out, rec.id);
        bfmt(out, ",%s,", st[i].date);
        fmt_csv(out, st[i].value);
        buf_t words = BUF_INIT;
        unsigned set = board_parse(st[i].value);
        for (int d = 0; d < BD_COUNT; d++)
            if (set >> d & 1u) {
                if (words.len) buf_puts(&words, " + ");
                buf_puts(&words, board_label((board_t)d));
            }
        buf_putc(out, ',');
        fmt_csv(out, buf_ok(&words) ? buf_str(&words) : "");
        buf_free(&words);
        buf_putc(out, ',');
        fmt_csv(out, st[i].reason);
        buf_puts(out, "\r\n");
    }
    return 0;
}

/* /tables/recs/ID/milestones: the rec's milestones. */
static int tb_rec_milestones(web_req *w, const visibility *vis, const char *id, buf_t *out)
{
    ent_t rec, *ms;
    size_t n;
    if (visible_rec(w, vis, id, &rec) ||
        store_list(w->db, &kind_milestone, &w->view, MS_REC, rec.id, w->a, &ms, &n, &w->err))
        return -1;
    buf_puts(out, "rec,milestone,title,status,due,done\r\n");
    for (size_t i = 0; i < n; i++) {
        if (vis_is_hidden(vis, "milestone", ms[i].id)) continue;
        const char *cols[] = {rec.id, ms[i].id, ms[i].v[MS_TITLE], ms[i].v[MS_STATUS], ms[i].v[MS_DUE], ms[i].v[MS_DONE]};
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            if (k) buf_putc(out, ',');
            fmt_csv(out, cols[k]);
        }
        buf_puts(out, "\r\n");
    }
    return 0;
}

/* /tables/recs/ID/assessments: what each assessment found of the rec. */
static int tb_rec_items(web_req *w, const visibility *vis, const char *id, buf_t *out)
{
    ent_t rec, *items;
    size_t n;
    if (visible_rec(w, vis, id, &rec) ||
        store_list(w->db, &kind_item, &w->view, ITEM_REC, rec.id, w->a, &items, &n, &w->err))
        return -1;
    buf_puts(out, "rec,assessment,implemented,effect,relevant,state\r\n");
    for (size_t i = 0; i < n; i++) {
        const char *const *f = items[i].v;
        const char *cols[] = {rec.id, f[ITEM_ASSESSMENT], f[ITEM_IMPLEMENTED], f[ITEM_EFFECT], f[ITEM_RELEVANT],
                              f[ITEM_STATE]};
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            if (k) buf_putc(out, ',');
            fmt_csv(out, cols[k]);
        }
        buf_puts(out, "\r\n");
    }
    return 0;
}

/* The tables: /tables/SECTION[/ID][/NAME]; sheet names the XLSX sheet of a
 * table without a review column ('*' is the id). */
typedef int (*table_fn)(web_req *w, const visibility *vis, const char *id, buf_t *out);
static const struct {
    const char *section;
    int has_id;
    const char *name, *sheet;
    table_fn fn;
} tables[] = {
    {"changes", 1, NULL, "changes", tb_changes},
    {"kpis", 0, NULL, "kpis", tb_kpis},
    {"milestones", 0, "overdue", "overdue milestones", tb_overdue},
    {"reviews", 1, "status", "* status", tb_status},
    {"reviews", 1, "indicators", "* indicators", tb_indicators},
    {"reviews", 1, "claims", "* claims", tb_claims},
    {"recs", 1, "board", "* board", tb_rec_board},
    {"recs", 1, "milestones", "* milestones", tb_rec_milestones},
    {"recs", 1, "assessments", "* assessments", tb_rec_items},
    {"assessments", 1, NULL, "* assessment", tb_assessment},
};
#define NTABLES (sizeof tables / sizeof tables[0])

/* The table a path (without its extension, as sent) names, with its id
 * decoded; -1: none. */
static int find_table(arena_t *a, const char *path, const char **id)
{
    char *seg[4];
    int n = 0;
    for (const char *p = path;; p++) {
        size_t len = strcspn(p, "/");
        if (n == 4 || !(seg[n] = http_url_decode(a, p, len, 0)) || strchr(seg[n], '/')) return -1;
        n++;
        p += len;
        if (!*p) break;
    }
    for (size_t t = 0; t < NTABLES; t++) {
        int want = 1 + tables[t].has_id + (tables[t].name != NULL);
        if (n != want || strcmp(seg[0], tables[t].section) != 0) continue;
        if (tables[t].name && strcmp(seg[n - 1], tables[t].name) != 0) continue;
        if (tables[t].has_id && !*seg[1]) continue;
        *id = tables[t].has_id ? seg[1] : NULL;
        return (int)t;
    }
    return -1;
}

/* GET /tables/PATH.csv|xlsx — one page table as a file (downloads.h).
 * Parameters: as_of; review (kpis), assessment (claims), before (changes).
 * Role: anyone; restricted items only for signed-in users. */
int table_file(web_req *w, char **args)
{
    char *path = args[0];   /* the rest of the path, arena-owned, not yet decoded */
    char *dot = strrchr(path, '.');
    int xlsx = dot && strcmp(dot, ".xlsx") == 0;
    if (!dot || (!xlsx && strcmp(dot, ".csv") != 0)) return web_error(w, 404, "not_found", "There is no such table.");
    *dot = '\0';
    const char *id = NULL;
    int t = find_table(w->a, path, &id);
    if (t < 0) return web_error(w, 404, "not_found", "There is no such table.");
    visibility vis;
    buf_t csv = BUF_INIT;
    int rc = vis_load(w, &vis) || tables[t].fn(w, &vis, id, &csv) ? -1 : 0;
    vis_free(&vis);
    if (rc == 0 && !buf_ok(&csv)) rc = err_nomem(&w->err);
    char sheet[80];
    const char *star = strchr(tables[t].sheet, '*');
    if (star) snprintf(sheet, sizeof sheet, "%.60s%s", id, star + 1);
    else snprintf(sheet, sizeof sheet, "%s", tables[t].sheet);
    if (rc == 0 && xlsx) rc = xlsx_from_csv(csv.data, csv.len, sheet, "review", &w->res->body, &w->err);
    else if (rc == 0) buf_append(&w->res->body, csv.data, csv.len);
    buf_free(&csv);
    if (rc || !buf_ok(&w->res->body)) {
        buf_reset(&w->res->body);
        return web_error_from(w, &w->err);
    }
    char stem[200];
    snprintf(stem, sizeof stem, "%s%s%.60s%s%s", tables[t].section, id ? "-" : "", id ? id : "",
             tables[t].name ? "-" : "", tables[t].name ? tables[t].name : "");
    download_name(w, stem, xlsx ? "xlsx" : "csv");
    w->res->status = 200;
    w->res->content_type = report_media_type(xlsx ? RF_XLSX : RF_CSV);
    return 200;
}

/* Append "/tables/P.csv" and "/tables/P.xlsx" for path P (pattern and id as
 * in expand, but raw: the exporter's paths are not URL-escaped). */
static int add_files(arena_t *a, const char ***list, size_t *n, size_t *cap, const char *pattern, const char *id)
{
    for (int f = 0; f < 2; f++) {
        if (*n == *cap) {
            size_t ncap = *cap ? *cap * 2 : 64;
            const char **nl = arena_alloc(a, sizeof *nl * ncap);
            if (!nl) return -1;
            if (*n) memcpy(nl, *list, sizeof *nl * *n);
            *list = nl;
            *cap = ncap;
        }
        const char *star = strchr(pattern, '*');
        char *p = star ? arena_printf(a, "/tables/%.*s%s%s.%s", (int)(star - pattern), pattern, id, star + 1,
                                      f ? "xlsx" : "csv")
                       : arena_printf(a, "/tables/%s.%s", pattern, f ? "xlsx" : "csv");
        if (!p) return -1;
        (*list)[(*n)++] = p;
    }
    return 0;
}

int tables_site_files(store_t *s, const view_t *v, arena_t *a, const char ***paths, size_t *n, err_t *e)
{
    static const char *const fixed[] = {"changes/15", "changes/100", "kpis", "milestones/overdue"};
    static const char *const per_review[] = {"reviews/*/status", "reviews/*/indicators", "reviews/*/claims"};
    static const char *const per_rec[] = {"recs/*/board", "recs/*/milestones", "recs/*/assessments"};
    ent_t *reviews, *recs, *asms, *ms, *items;
    size_t nrev, nrecs, nasm, nms, nitems, cap = 0;
    *paths = NULL;
    *n = 0;
    if (store_list(s, &kind_review, v, -1, NULL, a, &reviews, &nrev, e) ||
        store_list(s, &kind_rec, v, -1, NULL, a, &recs, &nrecs, e) ||
        store_list(s, &kind_assessment, v, -1, NULL, a, &asms, &nasm, e) ||
        store_list(s, &kind_milestone, v, -1, NULL, a, &ms, &nms, e) ||
        store_list(s, &kind_item, v, -1, NULL, a, &items, &nitems, e))
        return -1;
    /* A rec's table is only on its page when it has rows: which recs have a
     * Board decision in the view (a rec never decided on reads "pending"
     * but has no table, rec_board.c), milestones, items. */
    change_t *bd;
    size_t nbd;
    if (store_rec_board_changes(s, NULL, a, &bd, &nbd, e)) return -1;
    map_t *has_board = map_new(), *has_ms = map_new(), *has_items = map_new();
    int rc = has_board && has_ms && has_items ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < nbd; i++)
        if (store_change_in_view(&bd[i], v)) rc = map_put(has_board, bd[i].entity_id, "");
    for (size_t i = 0; rc == 0 && i < nms; i++) rc = map_put(has_ms, ms[i].v[MS_REC], "");
    for (size_t i = 0; rc == 0 && i < nitems; i++) rc = map_put(has_items, items[i].v[ITEM_REC], "");
    for (size_t i = 0; rc == 0 && i < sizeof fixed / sizeof fixed[0]; i++) rc = add_files(a, paths, n, &cap, fixed[i], NULL);
    for (size_t i = 0; rc == 0 && i < nrev; i++)
        for (size_t k = 0; rc == 0 && k < 3; k++) rc = add_files(a, paths, n, &cap, per_review[k], reviews[i].id);
    for (size_t i = 0; rc == 0 && i < nrecs; i++) {
        int shown[3] = {map_has(has_board, recs[i].id), map_has(has_ms, recs[i].id), map_has(has_items, recs[i].id)};
        for (size_t k = 0; rc == 0 && k < 3; k++)
            if (shown[k]) rc = add_files(a, paths, n, &cap, per_rec[k], recs[i].id);
    }
    for (size_t i = 0; rc == 0 && i < nasm; i++) rc = add_files(a, paths, n, &cap, "assessments/*", asms[i].id);
    map_free(has_board);
    map_free(has_ms);
    map_free(has_items);
    return rc ? err_nomem(e) : 0;
}
