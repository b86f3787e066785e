/* board_report.c — the report "board": the Board's decisions on a review's
 * recs as a timeline (report/board.h), in Markdown, HTML, CSV and JSON. */
#include <jansson.h>
#include <string.h>

#include "report/board.h"
#include "report/json_view.h"
#include "report/layout.h"
#include "report/report_internal.h"
#include "util/fmt.h"

static int board_json(const char *review, const char *as_of, const board_round *r, size_t n, buf_t *out,
                      err_t *e)
{
    json_t *rounds = json_array();
    for (size_t i = 0; rounds && i < n; i++) {
        json_t *ids = json_array();
        for (size_t k = 0; ids && k < r[i].nchanged; k++) json_array_append_new(ids, json_string(r[i].changed[k]));
        json_t *row = json_pack("{s:s, s:I, s:I, s:I, s:I, s:o}", "date", r[i].date,
                                "approved", (json_int_t)r[i].count[BD_APPROVED],
                                "passed_through", (json_int_t)r[i].count[BD_PASSED_THROUGH],
                                "pending", (json_int_t)r[i].count[BD_PENDING],
                                "rejected", (json_int_t)r[i].count[BD_REJECTED], "changed", ids ? ids : json_null());
        if (json_array_append_new(rounds, row)) { json_decref(rounds); rounds = NULL; }
    }
    json_t *j = json_pack("{s:s, s:s, s:s, s:o}", "report", "board", "review", review, "as_of", as_of,
                          "rounds", rounds ? rounds : json_null());
    return json_to_buf(j, out) ? err_nomem(e) : 0;
}

static void board_csv(const board_round *r, size_t n, buf_t *out)
{
    buf_puts(out, "date,approved,passed_through,pending,rejected,changed\r\n");
    for (size_t i = 0; i < n; i++) {
        bfmt(out, "%s,%zu,%zu,%zu,%zu,", r[i].date, r[i].count[BD_APPROVED], r[i].count[BD_PASSED_THROUGH],
             r[i].count[BD_PENDING], r[i].count[BD_REJECTED]);
        buf_t ids = BUF_INIT;
        for (size_t k = 0; k < r[i].nchanged; k++) bfmt(&ids, "%s%s", k ? " " : "", r[i].changed[k]);
        fmt_csv(out, buf_ok(&ids) && ids.len ? buf_str(&ids) : "");
        if (!buf_ok(&ids)) out->failed = 1;
        buf_free(&ids);
        buf_puts(out, "\r\n");
    }
}

/* The table in HTML or Markdown. */
static void board_table(const board_round *r, size_t n, int html, buf_t *out)
{
    if (html)
        buf_puts(out, "<table>\n<thead><tr><th>Date</th><th class=\"num\">Approved</th>"
                      "<th class=\"num\">Passed through</th><th class=\"num\">Pending</th>"
                      "<th class=\"num\">Rejected</th><th>Changed</th></tr></thead>\n<tbody>\n");
    else
        buf_puts(out, "| Date | Approved | Passed through | Pending | Rejected | Changed |\n"
                      "| --- | ---: | ---: | ---: | ---: | --- |\n");
    for (size_t i = 0; i < n; i++) {
        bfmt(out, html ? "<tr><td>%h</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
                         "<td class=\"num\">%zu</td><td class=\"num\">%zu</td><td>"
                       : "| %s | %zu | %zu | %zu | %zu | ",
             r[i].date, r[i].count[BD_APPROVED], r[i].count[BD_PASSED_THROUGH], r[i].count[BD_PENDING],
             r[i].count[BD_REJECTED]);
        for (size_t k = 0; k < r[i].nchanged; k++) {
            if (k) buf_puts(out, ", ");
            if (html) bfmt(out, "<a href=\"/recs/%t\">%h</a>", r[i].changed[k], r[i].changed[k]);
            else page_md_cell(out, r[i].changed[k]);
        }
        buf_puts(out, html ? "</td></tr>\n" : " |\n");
    }
    if (html) buf_puts(out, "</tbody>\n</table>\n");
}

int report_board(store_t *s, const report_opts *o, const view_t *v, arena_t *a, buf_t *out, err_t *e)
{
    ent_t rv;
    board_round *r;
    size_t n;
    if (report_pick_review(s, v, o->review, a, &rv, e) ||
        board_timeline(s, rv.id, v->as_of, o->include_restricted, a, &r, &n, e))
        return -1;
    if (o->format == RF_JSON) return board_json(rv.id, v->as_of, r, n, out, e);
    if (o->format == RF_CSV) { board_csv(r, n, out); return 0; }
    char title[160];
    snprintf(title, sizeof title, "%s: the Board's decisions over time", rv.id);
    if (o->format == RF_HTML) {
        buf_t sub = BUF_INIT;
        bfmt(&sub, "%s \xE2\x80\x94 running counts after each date, as of %s", rv.v[REVIEW_TITLE], v->as_of);
        page_open(out, title, buf_str(&sub));
        buf_free(&sub);
    } else {
        bfmt(out, "# %s\n\n%s; running counts after each date on which a disposition changed, as of %s. "
                  "A rec holding two dispositions counts in both.\n\n", title, rv.v[REVIEW_TITLE], v->as_of);
    }
    board_table(r, n, o->format == RF_HTML, out);
    if (o->format == RF_HTML && o->downloads) buf_puts(out, o->downloads);
    if (o->format == RF_HTML) page_close(out);
    return 0;
}
