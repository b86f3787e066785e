/* page_board.c — /reviews/ID/board: the Board's decisions on a review's recs
 * as a timeline (report/board.h), with links to download the table; the same
 * path with a format (board.csv, or ?format=csv) answers the report itself;
 * /api/v1/reviews/ID/board answers its JSON. */
#include <stdio.h>
#include <string.h>

#include "core/board.h"
#include "report/board.h"
#include "report/chart.h"
#include "util/fmt.h"
#include "web/downloads.h"
#include "web/handlers.h"
#include "web/page.h"

void page_downloads(web_req *w, const char *base, const char *const *formats)
{
    buf_t *b = &w->res->body;
    buf_puts(b, "<p class=\"downloads\">Download this table:");
    for (int f = 0; formats[f]; f++) {
        buf_t href = BUF_INIT;
        if (w->ctx->static_site) bfmt(&href, "%s.%t", base, formats[f]);
        else bfmt(&href, "%s%sformat=%t", base, strchr(base, '?') ? "&amp;" : "?", formats[f]);
        buf_puts(b, f ? " \xC2\xB7 " : " ");
        char label[8];
        snprintf(label, sizeof label, "%s", formats[f]);
        for (char *p = label; *p; p++) *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
        page_link(w, buf_str(&href), label);
        buf_free(&href);
    }
    buf_puts(b, "</p>\n");
}

/* The report in format fmt for the review. */
static int board_file(web_req *w, const char *review, const char *fmt)
{
    report_opts o = {review, NULL, w->as_of, NULL, NULL, RF_JSON, can_see_restricted(w)};
    if (report_format_parse(fmt, &o.format))
        return web_error(w, 400, "invalid", "format must be html, md, csv, json or xlsx.");
    if (o.format == RF_HTML) o.downloads = table_links_html(w, "/reviews/*/board", review, "");
    if (report_render(w->db, "board", &o, w->a, &w->res->body, &w->err)) {
        buf_reset(&w->res->body);
        return web_error_from(w, &w->err);
    }
    if (o.format == RF_CSV || o.format == RF_XLSX) download_name(w, arena_printf(w->a, "%.60s-board", review), fmt);
    w->res->status = 200;
    w->res->content_type = report_media_type(o.format);
    return 200;
}

/* The running counts as bars, one per round (the latest 12), readable on a
 * phone (report/chart.h). */
static void board_chart(buf_t *b, const char *review, const board_round *r, size_t n)
{
    enum { MAX_ROWS = 12 };
    size_t from = n > MAX_ROWS ? n - MAX_ROWS : 0, k = 0;
    chart_seg seg[MAX_ROWS][4];
    chart_row rows[MAX_ROWS];
    for (size_t i = from; i < n; i++, k++) {
        seg[k][0] = (chart_seg){board_label(BD_APPROVED), r[i].count[BD_APPROVED], CHART_FULL};
        seg[k][1] = (chart_seg){board_label(BD_PASSED_THROUGH), r[i].count[BD_PASSED_THROUGH], "#9fc5e8"};
        seg[k][2] = (chart_seg){board_label(BD_PENDING), r[i].count[BD_PENDING], CHART_UNKNOWN};
        seg[k][3] = (chart_seg){board_label(BD_REJECTED), r[i].count[BD_REJECTED], CHART_NOT};
        rows[k] = (chart_row){r[i].date, seg[k], 4, NULL};
    }
    char id[80], title[160];
    snprintf(id, sizeof id, "board-%s", review);
    snprintf(title, sizeof title, "%s: the Board's decisions, running counts after each round", review);
    buf_puts(b, "<figure class=\"steps\">");
    chart_rows_svg(b, id, title, rows, k, 0);
    bfmt(b, "<figcaption>%h%s.</figcaption></figure>\n", title, from ? " (the latest 12 rounds)" : "");
}

static void board_rows(web_req *w, const board_round *r, size_t n)
{
    buf_t *b = &w->res->body;
    buf_puts(b, "<table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\" class=\"num\">Approved</th>"
                "<th scope=\"col\" class=\"num\">Passed through</th><th scope=\"col\" class=\"num\">Pending</th>"
                "<th scope=\"col\" class=\"num\">Rejected</th><th scope=\"col\">Changed</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        bfmt(b, "<tr><td><time>%h</time></td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
                "<td class=\"num\">%zu</td><td class=\"num\">%zu</td><td>", r[i].date, r[i].count[BD_APPROVED],
             r[i].count[BD_PASSED_THROUGH], r[i].count[BD_PENDING], r[i].count[BD_REJECTED]);
        /* Many ids fold away, so the table fits a phone. */
        if (r[i].nchanged > 6) bfmt(b, "<details><summary>%zu recommendations</summary>", r[i].nchanged);
        for (size_t k = 0; k < r[i].nchanged; k++) {
            buf_t href = BUF_INIT;
            bfmt(&href, "/recs/%t", r[i].changed[k]);
            if (k) buf_puts(b, ", ");
            page_link(w, buf_str(&href), r[i].changed[k]);
            buf_free(&href);
        }
        buf_puts(b, r[i].nchanged > 6 ? "</details></td></tr>\n" : "</td></tr>\n");
    }
    buf_puts(b, "</tbody></table>\n");
}

int review_sub_page(web_req *w, char **args)
{
    const char *fmt = http_param(w->req, "format");
    if (strncmp(args[1], "board", 5) != 0 || (args[1][5] && args[1][5] != '.'))
        return web_error(w, 404, "not_found", "There is no such page.");
    if (args[1][5] == '.') fmt = args[1] + 6;
    if (fmt) return board_file(w, args[0], fmt);
    ent_t rv;
    board_round *r;
    size_t n;
    if (store_get(w->db, &kind_review, &w->view, args[0], w->a, &rv, &w->err) ||
        board_timeline(w->db, rv.id, w->view.as_of, can_see_restricted(w), w->a, &r, &n, &w->err))
        return web_error_from(w, &w->err);
    buf_t *b = &w->res->body;
    char title[120];
    snprintf(title, sizeof title, "%s: the Board's decisions", rv.id);
    page_begin(w, title);
    buf_t href = BUF_INIT;
    bfmt(&href, "/reviews/%t", rv.id);
    bfmt(b, "<h1>The Board's decisions on %h</h1>\n<p>", rv.v[REVIEW_TITLE]);
    page_link(w, buf_str(&href), rv.id);
    buf_puts(b, ": the running counts after each date on which a recommendation's disposition changed. "
                "A recommendation approved in part and passed through in part counts in both columns.</p>\n");
    if (n) board_chart(b, rv.id, r, n), board_rows(w, r, n);
    else buf_puts(b, "<p>No decisions recorded.</p>\n");
    static const char *const formats[] = {"csv", "xlsx", "json", "md", "html", NULL};
    buf_reset(&href);
    bfmt(&href, "/reviews/%t/board", rv.id);
    page_downloads(w, buf_str(&href), formats);
    buf_free(&href);
    page_end(w);
    return 200;
}

int api_review_board(web_req *w, char **args)
{
    const char *fmt = http_param(w->req, "format");
    return board_file(w, args[0], fmt ? fmt : "json");
}
