/* page_home.c — the dashboard: per review the recs by status and their
 * progress quarter by quarter, overdue milestones, recent changes. */
#include <string.h>

#include "core/status.h"
#include "report/chart.h"
#include "report/claims_model.h"
#include "report/indicators.h"
#include "report/report.h"
#include "util/fmt.h"
#include "web/downloads.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/recent.h"
#include "web/visible.h"

/* The row of the indicators table counting the review's recs whose claim
 * diverges from the latest verdict, linked to the claims page. */
static int divergent_row(web_req *w, const char *review)
{
    claims_model m;
    if (claims_load(w->db, &w->view, review, NULL, NULL, can_see_restricted(w), w->a, &m, &w->err)) return -1;
    buf_t *b = &w->res->body, href = BUF_INIT;
    char text[80];
    snprintf(text, sizeof text, "%zu of %zu", m.divergent, m.n);
    bfmt(&href, "/reviews/%t/claims", review);
    buf_puts(b, "<tr class=\"divergent-claims\"><th scope=\"row\">Claims divergent from the latest verdict</th>"
                "<td class=\"num\">");
    page_link(w, buf_str(&href), text);
    buf_puts(b, "</td></tr>");
    buf_free(&href);
    return 0;
}

/* One review's section: counts by status and the quarterly chart. */
static int review_section(web_req *w, const visibility *vis, const ent_t *rv)
{
    buf_t *b = &w->res->body;
    ent_t *recs;
    size_t n;
    if (store_list(w->db, &kind_rec, &w->view, REC_REVIEW, rv->id, w->a, &recs, &n, &w->err)) return -1;
    size_t count[ST_COUNT] = {0}, total = 0;
    const char *first = NULL;
    for (size_t i = 0; i < n; i++) {
        if (recs[i].v[REC_PARENT] || vis_rec_hidden(vis, recs[i].id)) continue;
        int st = status_parse(recs[i].v[REC_STATUS]);
        count[st < 0 ? 0 : st]++;
        total++;
        if (!first || strcmp(recs[i].since, first) < 0) first = recs[i].since;
    }
    if (!total) return 0;
    char path[200];
    snprintf(path, sizeof path, "/reviews/%s", rv->id);
    bfmt(b, "<section class=\"review\" aria-labelledby=\"rv-%h\"><h2 id=\"rv-%h\">", rv->id, rv->id);
    buf_t href = BUF_INIT;
    bfmt(&href, "/reviews/%t", rv->id);
    page_link(w, buf_str(&href), rv->v[REVIEW_TITLE]);
    buf_free(&href);
    bfmt(b, "</h2>\n<div class=\"cols\"><table class=\"counts\"><caption>%zu recommendations by status</caption>"
            "<thead><tr><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Recs</th></tr></thead><tbody>", total);
    for (int s = 0; s < ST_COUNT; s++) {
        if (!count[s]) continue;
        bfmt(b, "<tr><td>");
        page_status(w, status_name((status_t)s));
        bfmt(b, "</td><td class=\"num\">");
        buf_t q = BUF_INIT;
        bfmt(&q, "/recs?review=%t&amp;status=%t", rv->id, status_name((status_t)s));
        char num[24];
        snprintf(num, sizeof num, "%zu", count[s]);
        page_link(w, buf_str(&q), num);
        buf_free(&q);
        buf_puts(b, "</td></tr>");
    }
    buf_puts(b, "</tbody></table>\n");
    table_links(w, "/tables/reviews/*/status", rv->id, NULL);
    quarter_counts *qc;
    size_t nq;
    char title[200];
    snprintf(title, sizeof title, "%s recommendations by status at the end of each quarter", rv->id);
    if (report_quarter_counts(w->db, rv->id, first, w->view.as_of, can_see_restricted(w), w->a, &qc, &nq, &w->err) == 0) {
        buf_puts(b, "<figure class=\"chart\">");
        chart_quarters_svg(b, qc, nq, title);
        bfmt(b, "<figcaption>%h, computed from history.</figcaption></figure>", title);
    } else if (w->err.code == ERR_NOMEM) {
        return -1;
    }
    buf_puts(b, "</div>\n");
    indicators_t in;
    if (indicators_compute(w->db, &w->view, rv->id, !can_see_restricted(w), w->a, &in, &w->err) == 0) {
        bfmt(b, "<table class=\"indicators\"><caption>Indicators on %h</caption><tbody>", w->view.as_of);
        bfmt(b, "<tr><th scope=\"row\">Recommendations complete</th><td class=\"num\">%ld of %ld</td></tr>",
             in.recs_complete, in.recs);
        bfmt(b, "<tr><th scope=\"row\">Milestones overdue</th><td class=\"num\">%ld of %ld</td></tr>",
             in.milestones_overdue, in.milestones);
        if (in.lag_median >= 0)
            bfmt(b, "<tr><th scope=\"row\">Documentation lag, median / 90th percentile</th><td class=\"num\">"
                    "%ld / %ld days</td></tr>", in.lag_median, in.lag_p90);
        bfmt(b, "<tr><th scope=\"row\">Recommendations with a KPI target</th><td class=\"num\">%ld of %ld</td></tr>",
             in.recs_kpi_target, in.recs);
        if (divergent_row(w, rv->id)) return -1;
        if (in.links_checked)
            bfmt(b, "<tr><th scope=\"row\">Evidence links alive</th><td class=\"num\">%ld of %ld checked</td></tr>",
                 in.links_alive, in.links_checked);
        else
            bfmt(b, "<tr><th scope=\"row\">Evidence links</th><td class=\"num\">%ld, none checked yet</td></tr>", in.links);
        buf_puts(b, "</tbody></table>\n");
        table_links(w, "/tables/reviews/*/indicators", rv->id, NULL);
    } else if (w->err.code == ERR_NOMEM) {
        return -1;
    }
    buf_puts(b, "</section>\n");
    return 0;
}

/* GET / — the dashboard: counts by status, the chart, overdue milestones,
 * recent changes. Parameters: as_of. Role: anyone; restricted items only for
 * signed-in users. */
int home_page(web_req *w, char **args)
{
    (void)args;
    visibility vis;
    ent_t *reviews, *ms;
    size_t nrev, nms;
    if (vis_load(w, &vis) ||
        store_list(w->db, &kind_review, &w->view, -1, NULL, w->a, &reviews, &nrev, &w->err) ||
        store_list(w->db, &kind_milestone, &w->view, -1, NULL, w->a, &ms, &nms, &w->err)) {
        vis_free(&vis);
        return web_error_from(w, &w->err);
    }
    buf_t *b = &w->res->body;
    page_begin(w, "Dashboard");
    buf_puts(b, "<h1>Implementation of review recommendations</h1>\n");
    for (size_t i = 0; i < nrev; i++)
        if (review_section(w, &vis, &reviews[i])) { vis_free(&vis); buf_reset(b); return web_error_from(w, &w->err); }

    buf_puts(b, "<section aria-labelledby=\"overdue\"><h2 id=\"overdue\">Overdue milestones</h2>\n");
    size_t shown = 0;
    for (size_t i = 0; i < nms; i++) {
        const ent_t *m = &ms[i];
        int st = status_parse(m->v[MS_STATUS]);
        if (!m->v[MS_DUE] || strcmp(m->v[MS_DUE], w->view.as_of) >= 0 || st == ST_COMPLETE || st == ST_ONGOING ||
            vis_is_hidden(&vis, "milestone", m->id))
            continue;
        if (!shown++) buf_puts(b, "<table><thead><tr><th scope=\"col\">Rec</th><th scope=\"col\">Milestone</th>"
                                  "<th scope=\"col\">Status</th><th scope=\"col\">Due</th><th scope=\"col\" class=\"num\">"
                                  "Days late</th></tr></thead><tbody>\n");
        buf_puts(b, "<tr><td>");
        buf_t href = BUF_INIT;
        bfmt(&href, "/recs/%t", m->v[MS_REC]);
        page_link(w, buf_str(&href), m->v[MS_REC]);
        buf_free(&href);
        bfmt(b, "</td><td>%h</td><td>", m->v[MS_TITLE]);
        page_status(w, m->v[MS_STATUS]);
        bfmt(b, "</td><td><time>%h</time></td><td class=\"num\">%ld</td></tr>\n", m->v[MS_DUE],
             date_to_days(w->view.as_of) - date_to_days(m->v[MS_DUE]));
    }
    if (shown) buf_puts(b, "</tbody></table>\n");
    else buf_puts(b, "<p>None.</p>\n");
    if (shown) table_links(w, "/tables/milestones/overdue", NULL, NULL);
    buf_puts(b, "</section>\n");

    buf_puts(b, "<section aria-labelledby=\"recent\"><h2 id=\"recent\">Recent changes</h2>\n");
    if (recent_changes(w, &vis, 0, 15)) { vis_free(&vis); buf_reset(b); return web_error_from(w, &w->err); }
    buf_puts(b, "<p>");
    page_link(w, "/changes", "All changes");
    buf_puts(b, " \xC2\xB7 <a href=\"/changes.atom\">Atom feed</a></p></section>\n");
    vis_free(&vis);
    page_end(w);
    return 200;
}
