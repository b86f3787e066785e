/* page_reports.c — /reports (every kind, every format, as of the chosen
 * date) and /reports/KIND (the report itself, as the CLI would write it). */
#include <string.h>

#include "report/evidence_report.h"
#include "report/report.h"
#include "web/visible.h"
#include "util/fmt.h"
#include "web/downloads.h"
#include "web/handlers.h"
#include "web/page.h"

static const char *const blurbs[] = {
    "The implementation table as ICANN's SSR1 report printed it: each activity with its mark.",
    "An assessment's overview and each recommendation's six answers, sign-offs and dissent.",
    "Recommendations by status at the end of each quarter, computed from history.",
    "What makes each recommendation hard to measure or track (the SMART check).",
    "Every piece of evidence with the health of its link at the newest check.",
    "The Board's decisions over time: running counts after each date a disposition changed.",
};
static const char *const kinds[] = {"implementation", "assessment", "quarterly", "smart", "evidence", "board", NULL};

/* GET /reports — the list of reports and their formats. Parameters:
 * as_of. Role: anyone. */
int reports_page(web_req *w, char **args)
{
    (void)args;
    buf_t *b = &w->res->body;
    page_begin(w, "Reports");
    buf_puts(b, "<h1>Reports</h1>\n<p>The documents review teams publish, drawn from the data as of the date above. "
                "HTML files are self-contained and print well.</p>\n<dl class=\"reports\">\n");
    static const char *const formats[] = {"html", "md", "csv", "json", "xlsx"};
    for (int k = 0; kinds[k]; k++) {
        bfmt(b, "<dt>%h</dt><dd>%h<br>", kinds[k], blurbs[k]);
        for (int f = 0; f < 5; f++) {
            buf_t href = BUF_INIT;
            if (w->ctx->static_site) bfmt(&href, "/reports/%t.%t", kinds[k], formats[f]);
            else bfmt(&href, "/reports/%t?format=%t", kinds[k], formats[f]);
            if (f) buf_puts(b, " \xC2\xB7 ");
            page_link(w, buf_str(&href), formats[f]);
            buf_free(&href);
        }
        buf_puts(b, "</dd>\n");
    }
    buf_puts(b, "</dl>\n");
    page_end(w);
    return 200;
}

/* The evidence report, with what the user may not see left out: shared by
 * /reports/evidence and /api/v1/reports/evidence. */
int evidence_report_respond(web_req *w, const char *fmt, report_format f)
{
    return evidence_report_links(w, fmt, f, NULL);
}

int evidence_report_links(web_req *w, const char *fmt, report_format f, const char *downloads)
{
    visibility vis;
    ev_health *rows;
    size_t n, kept = 0;
    if (vis_load(w, &vis) || ev_health_load(w->db, &w->view, NULL, w->a, &rows, &n, &w->err)) {
        vis_free(&vis);
        return web_error_from(w, &w->err);
    }
    for (size_t i = 0; i < n; i++)
        if (!vis_is_hidden(&vis, "evidence", rows[i].ev->id)) rows[kept++] = rows[i];
    vis_free(&vis);
    if (ev_report_render(&w->res->body, rows, kept, fmt, &w->view, downloads)) {
        buf_reset(&w->res->body);
        return web_error(w, 400, "invalid", "format must be html, md, csv, json or xlsx.");
    }
    w->res->status = 200;
    w->res->content_type = report_media_type(f);
    return 200;
}

/* The "Download this table" links of a report's HTML: the same report, with
 * the request's parameters, as /reports/KIND.csv, .xlsx and .json. */
static const char *report_downloads(web_req *w, const char *kind)
{
    static const char *const names[] = {"review", "assessment", "from", "to"};
    buf_t q = BUF_INIT;
    for (int i = 0; i < 4; i++) {
        const char *v = http_param(w->req, names[i]);
        if (v && *v) bfmt(&q, "%s%t=%t", q.len ? "&amp;" : "", names[i], v);
    }
    const char *html = buf_ok(&q) ? table_links_html(w, "/reports/*", kind, buf_str(&q)) : NULL;
    buf_free(&q);
    return html;
}

/* GET /reports/KIND — one report (implementation, assessment, quarterly,
 * smart, evidence). Parameters: format (html, md, csv, json), review,
 * assessment, from, to, as_of. Role: anyone; restricted items only for
 * signed-in users. */
int report_file(web_req *w, char **args)
{
    /* /reports/implementation?format=csv, or /reports/implementation.csv */
    char kind[40];
    snprintf(kind, sizeof kind, "%s", args[0]);
    const char *fmt = http_param(w->req, "format");
    char *dot = strrchr(kind, '.');
    if (dot) { *dot = '\0'; fmt = dot + 1; }
    report_opts o = {http_param(w->req, "review"), http_param(w->req, "assessment"), w->as_of,
                     http_param(w->req, "from"), http_param(w->req, "to"), RF_HTML, can_see_restricted(w)};
    if (fmt && report_format_parse(fmt, &o.format))
        return web_error(w, 400, "invalid", "format must be html, md, csv, json or xlsx.");
    if (o.format == RF_HTML) o.downloads = report_downloads(w, kind);
    o.claims = w->ctx->claims;
    int file = o.format == RF_CSV || o.format == RF_XLSX;
    char stem[120];
    snprintf(stem, sizeof stem, "%.40s%s%.40s", o.review ? o.review : "", o.review ? "-" : "", kind);
    if (strcmp(kind, "evidence") == 0) {
        int status = evidence_report_links(w, fmt ? fmt : "html", o.format, o.downloads);
        if (status == 200 && file) download_name(w, kind, fmt);
        return status;
    }
    if (report_render(w->db, kind, &o, w->a, &w->res->body, &w->err)) {
        buf_reset(&w->res->body);
        return web_error_from(w, &w->err);
    }
    if (file) download_name(w, stem, fmt);
    w->res->status = 200;
    w->res->content_type = report_media_type(o.format);
    return 200;
}
