/* page_home.c — the dashboard: per review the recs by status and their
 * progress quarter by quarter, overdue milestones, recent changes. */
#include <string.h>

#include "core/due.h"
#include "core/status.h"
#include "core/vocab.h"
#include "report/chart.h"
#include "report/glance.h"
#include "report/indicators.h"
#include "util/fmt.h"
#include "web/downloads.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/recent.h"
#include "web/visible.h"

/* "+2 since 2026-Q3", "±0 since 2026-Q3": the change since the end of the
 * previous quarter (prev is that quarter's last day). */
static void delta(buf_t *b, size_t now, size_t before, const char *prev)
{
    char q[8];
    date_quarter_label(prev, q);
    const char *sign = now == before ? "\xC2\xB1" : now > before ? "+" : "\xE2\x88\x92";
    bfmt(b, "<small><span class=\"delta\">%s%zu</span> since the end of %h</small>", sign,
         now > before ? now - before : before - now, q);
}

/* One figure of the glance: a label, a number, a line under it; the tile
 * before it, if any, is closed first. */
static void tile(buf_t *b, const char *cls, const char *label, size_t n, int first)
{
    if (!first) buf_puts(b, "</dd></div>");
    bfmt(b, "<div class=\"tile %h\"><dt>%h</dt><dd><span class=\"big\">%zu</span> ", cls, label, n);
}

/* The bar of the counted recs by status (and those rejected), with counts. */
static void status_bar(buf_t *b, const glance_t *g)
{
    static const status_t order[] = {ST_COMPLETE, ST_ONGOING, ST_IN_PROGRESS, ST_PLANNING, ST_NOT_STARTED, ST_DEFERRED};
    chart_seg seg[ST_COUNT + 1];
    size_t k = 0;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        seg[k++] = (chart_seg){status_label(order[i]), g->now.status[order[i]], chart_status_colour(order[i])};
    seg[k++] = (chart_seg){"Rejected by the Board", g->now.rejected, CHART_REJECTED};
    chart_row row = {NULL, seg, k, NULL};
    char id[80], title[160];
    snprintf(id, sizeof id, "bar-%s", g->review);
    snprintf(title, sizeof title, "%s: %zu recommendations counted, by status", g->review, g->now.total);
    chart_rows_svg(b, id, title, &row, 1, 1);
}

/* The figures: done, under way, not started (each with its change since the
 * previous quarter), overdue with the worst delay, at risk. */
static void glance_tiles(const glance_t *g, buf_t *b)
{
    char late[DUE_PHRASE_SIZE];
    buf_puts(b, "<dl class=\"tiles\">");
    tile(b, "done", "Done", glance_done_n(&g->now), 1);
    delta(b, glance_done_n(&g->now), glance_done_n(&g->before), g->prev);
    tile(b, "underway", "In progress", glance_underway_n(&g->now), 0);
    delta(b, glance_underway_n(&g->now), glance_underway_n(&g->before), g->prev);
    tile(b, "notstarted", "Not started", glance_notstarted_n(&g->now), 0);
    delta(b, glance_notstarted_n(&g->now), glance_notstarted_n(&g->before), g->prev);
    tile(b, g->overdue ? "overdue flag" : "overdue", "Overdue", g->overdue, 0);
    if (g->overdue)
        bfmt(b, "<small><span aria-hidden=\"true\">\xE2\x9A\x91</span> worst: %h, %h</small>", g->worst_rec,
             due_phrase(g->worst_late, late));
    else buf_puts(b, "<small>none past its date</small>");
    tile(b, "risk", "At risk", g->at_risk, 0);
    bfmt(b, "<small>due within %d days, or a KPI at risk</small></dd></div></dl>\n", GLANCE_RISK_DAYS);
}

/* "none of the 28", "3 of the 28": how many of the assessed a verdict holds. */
static void of_assessed(buf_t *b, size_t n, size_t items)
{
    if (!n) bfmt(b, "none of the %zu", items);
    else if (n == items) bfmt(b, "all %zu", items);
    else bfmt(b, "%zu of the %zu", n, items);
}

/* The latest assessment's verdicts beside the claims of the recs it assessed:
 * a sentence, then two bars on one scale. */
static void glance_verdict(web_req *w, const glance_t *g)
{
    buf_t *b = &w->res->body, href = BUF_INIT;
    const size_t *v = g->assess.verdict, *c = g->assess.claim;
    bfmt(b, "<div class=\"verdict\"><p><strong>%h's verdict", g->assess.by ? g->assess.by : g->assess.id);
    if (g->assess.as_of) bfmt(b, " (as of <time datetime=\"%h\">%h</time>)", g->assess.as_of, g->assess.as_of);
    buf_puts(b, ": ");
    of_assessed(b, v[GV_FULL], g->assess.items);
    bfmt(b, " recommendations it assessed fully implemented</strong> \xE2\x80\x94 %zu partly, %zu not", v[GV_PARTIAL],
         v[GV_NOT]);
    if (v[GV_UNKNOWN] + v[GV_NONE]) bfmt(b, ", %zu not known or not stated", v[GV_UNKNOWN] + v[GV_NONE]);
    bfmt(b, ". Claimed by the implementer today: %zu done, %zu in progress, %zu not started; ",
         c[ST_COMPLETE] + c[ST_ONGOING], c[ST_IN_PROGRESS] + c[ST_PLANNING], c[ST_NOT_STARTED] + c[ST_DEFERRED]);
    bfmt(&href, "/reviews/%t/claims", g->review);
    char text[80];
    snprintf(text, sizeof text, "%zu claimed done but assessed partly or not implemented", g->assess.divergent);
    buf_puts(b, "<span class=\"divergent-claims\">");
    page_link(w, buf_str(&href), text);
    buf_puts(b, "</span>.</p>\n");
    buf_free(&href);
    chart_seg claim[] = {{"Done", c[ST_COMPLETE] + c[ST_ONGOING], chart_status_colour(ST_COMPLETE)},
                         {"In progress", c[ST_IN_PROGRESS] + c[ST_PLANNING], chart_status_colour(ST_IN_PROGRESS)},
                         {"Not started", c[ST_NOT_STARTED] + c[ST_DEFERRED], chart_status_colour(ST_NOT_STARTED)}};
    chart_seg verdict[] = {{"Fully implemented", v[GV_FULL], CHART_FULL},
                           {"Partly implemented", v[GV_PARTIAL], CHART_PARTIAL},
                           {"Not implemented", v[GV_NOT], CHART_NOT},
                           {"Not known", v[GV_UNKNOWN] + v[GV_NONE], CHART_UNKNOWN}};
    chart_row rows[] = {{"Claimed", claim, 3, NULL}, {"Assessed", verdict, 4, NULL}};
    char id[80], title[200];
    snprintf(id, sizeof id, "verdict-%s", g->review);
    snprintf(title, sizeof title, "%s: claims today beside the verdicts of %s", g->review, g->assess.id);
    chart_rows_svg(b, id, title, rows, 2, 0);
    buf_puts(b, "</div>\n");
}

/* The counts at each quarter end where they changed: one bar per change. */
static void glance_steps(buf_t *b, const glance_t *g)
{
    chart_seg seg[GLANCE_MAX_STEPS][5];
    chart_row rows[GLANCE_MAX_STEPS];
    char notes[GLANCE_MAX_STEPS][24];
    for (size_t i = 0; i < g->nsteps; i++) {
        const glance_counts *c = &g->steps[i].c;
        seg[i][0] = (chart_seg){"Done", glance_done_n(c), chart_status_colour(ST_COMPLETE)};
        seg[i][1] = (chart_seg){"In progress", glance_underway_n(c), chart_status_colour(ST_IN_PROGRESS)};
        seg[i][2] = (chart_seg){"Not started", glance_notstarted_n(c), chart_status_colour(ST_NOT_STARTED)};
        seg[i][3] = (chart_seg){"Rejected by the Board", c->rejected, CHART_REJECTED};
        snprintf(notes[i], sizeof notes[i], "%zu done", glance_done_n(c));
        rows[i] = (chart_row){g->steps[i].date, seg[i], 4, notes[i]};
    }
    char id[80], title[200];
    snprintf(id, sizeof id, "steps-%s", g->review);
    snprintf(title, sizeof title, "%s: the counts on each date they changed", g->review);
    buf_puts(b, "<figure class=\"steps\">");
    chart_rows_svg(b, id, title, rows, g->nsteps, 0);
    bfmt(b, "<figcaption>%h, at the end of each quarter in which they changed, and on <time>%h</time>", title, g->as_of);
    if (g->nsteps >= 2) {
        long days = date_to_days(g->as_of) - date_to_days(g->steps[g->nsteps - 2].date);
        char since[DUE_PHRASE_SIZE];
        if (memcmp(&g->steps[g->nsteps - 1].c, &g->steps[g->nsteps - 2].c, sizeof(glance_counts)) == 0 && days > 0)
            bfmt(b, ": <strong>no change in %h</strong>", due_span(days, since));
    }
    if (g->more) bfmt(b, " (%zu earlier changes not shown)", g->more);
    buf_puts(b, ".</figcaption></figure>\n");
}
/* The sentence under the review's title: how many count and why, and the
 * Board's dispositions. */
static void glance_counted(buf_t *b, const glance_t *g)
{
    bfmt(b, "<p class=\"counted\">%zu recommendations counted", g->now.total);
    if (g->split)
        bfmt(b, " \xE2\x80\x94 %zu at the top level, %zu of them counted by their sub-items", g->top, g->split);
    buf_puts(b, ". The Board's decisions: ");
    for (size_t i = 0; i < g->nboard; i++) {
        char word[80];
        snprintf(word, sizeof word, "%s", vocab_label("board", g->board[i].code));
        if (word[0] >= 'A' && word[0] <= 'Z') word[0] = (char)(word[0] - 'A' + 'a');
        bfmt(b, "%s%zu %h", i ? ", " : "", g->board[i].n, word);
    }
    if (g->now.rejected) buf_puts(b, " (rejected ones are not to be implemented and count apart)");
    buf_puts(b, ".</p>\n");
}

/* Links to the review's lists: all, by status, overdue (in the static
 * export each is a page of its own). */
static void review_lists(web_req *w, const char *review)
{
    buf_t *b = &w->res->body;
    buf_t q = BUF_INIT;
    bfmt(&q, "/recs?review=%t", review);
    buf_puts(b, "<p class=\"lists\">Lists: ");
    page_link(w, buf_str(&q), "All");
    for (int s = 0; s < ST_COUNT; s++) {
        buf_reset(&q);
        bfmt(&q, "/recs?review=%t&amp;status=%t", review, status_name((status_t)s));
        buf_puts(b, " \xC2\xB7 ");
        page_link(w, buf_str(&q), status_label((status_t)s));
    }
    buf_reset(&q);
    bfmt(&q, "/recs?review=%t&amp;overdue=1", review);
    buf_puts(b, " \xC2\xB7 ");
    page_link(w, buf_str(&q), "Overdue");
    buf_puts(b, "</p>\n");
    buf_free(&q);
}

/* One review's section: its glance (glance.h), then its indicators. */
static int review_section(web_req *w, const ent_t *rv)
{
    buf_t *b = &w->res->body, href = BUF_INIT;
    glance_t g;
    if (glance_load(w->db, &w->view, rv->id, can_see_restricted(w), w->a, &g, &w->err)) return -1;
    if (!g.now.total) return 0;
    bfmt(b, "<section class=\"review\" aria-labelledby=\"rv-%h\"><h2 id=\"rv-%h\">", rv->id, rv->id);
    bfmt(&href, "/reviews/%t", rv->id);
    page_link(w, buf_str(&href), rv->v[REVIEW_TITLE]);
    buf_free(&href);
    buf_puts(b, "</h2>\n");
    glance_counted(b, &g);
    buf_puts(b, "<div class=\"glance\"><div class=\"now\">");
    status_bar(b, &g);
    glance_tiles(&g, b);
    review_lists(w, rv->id);
    buf_puts(b, "</div>\n");
    if (g.assess.id) glance_verdict(w, &g);
    buf_puts(b, "</div>\n");
    glance_steps(b, &g);
    indicators_t in;
    if (indicators_compute(w->db, &w->view, rv->id, !can_see_restricted(w), w->a, &in, &w->err) == 0) {
        bfmt(b, "<details class=\"indicators\"><summary>More figures on %h</summary><table class=\"indicators\">"
                "<caption>Indicators on %h</caption><tbody>", w->view.as_of, w->view.as_of);
        bfmt(b, "<tr><th scope=\"row\">Recommendations complete</th><td class=\"num\">%ld of %ld</td></tr>",
             in.recs_complete, in.recs);
        bfmt(b, "<tr><th scope=\"row\">Milestones overdue</th><td class=\"num\">%ld of %ld</td></tr>",
             in.milestones_overdue, in.milestones);
        if (in.lag_median >= 0)
            bfmt(b, "<tr><th scope=\"row\">Documentation lag, median / 90th percentile</th><td class=\"num\">"
                    "%ld / %ld days</td></tr>", in.lag_median, in.lag_p90);
        bfmt(b, "<tr><th scope=\"row\">Recommendations with a KPI target</th><td class=\"num\">%ld of %ld</td></tr>",
             in.recs_kpi_target, in.recs);
        if (in.links_checked)
            bfmt(b, "<tr><th scope=\"row\">Evidence links alive</th><td class=\"num\">%ld of %ld checked</td></tr>",
                 in.links_alive, in.links_checked);
        else
            bfmt(b, "<tr><th scope=\"row\">Evidence links</th><td class=\"num\">%ld, none checked yet</td></tr>", in.links);
        buf_puts(b, "</tbody></table>\n");
        table_links(w, "/tables/reviews/*/indicators", rv->id, NULL);
        buf_puts(b, "</details>\n");
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
        if (review_section(w, &reviews[i])) { vis_free(&vis); buf_reset(b); return web_error_from(w, &w->err); }

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
                                  "Late</th></tr></thead><tbody>\n");
        buf_puts(b, "<tr><td>");
        buf_t href = BUF_INIT;
        bfmt(&href, "/recs/%t", m->v[MS_REC]);
        page_link(w, buf_str(&href), m->v[MS_REC]);
        buf_free(&href);
        bfmt(b, "</td><td>%h</td><td>", m->v[MS_TITLE]);
        page_status(w, m->v[MS_STATUS]);
        char late[DUE_PHRASE_SIZE];
        bfmt(b, "</td><td><time datetime=\"%h\">%h</time></td><td class=\"num late\"><span aria-hidden=\"true\">"
                "\xE2\x9A\x91</span> %h</td></tr>\n", m->v[MS_DUE], m->v[MS_DUE],
             due_phrase_dates(w->view.as_of, m->v[MS_DUE], late));
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

/* GET /api/v1/reviews/ID/glance — the numbers of the home page's section for
 * that review (report/glance.h), as JSON. Parameters: as_of. Role: anyone;
 * restricted recs count only for signed-in users. */
int api_review_glance(web_req *w, char **args)
{
    glance_t g;
    if (glance_load(w->db, &w->view, args[0], can_see_restricted(w), w->a, &g, &w->err))
        return web_error_from(w, &w->err);
    return web_json(w, 200, glance_json(&g));
}
