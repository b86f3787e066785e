/* recs_download.c — the list of /recs as a file: /recs?format=csv|xlsx with
 * the page's filters gives the recs it lists, in the columns
 * `import --format csv` reads (report/rec_csv.h); XLSX has a sheet per
 * review. And the links to them beside the table. */
#include <string.h>

#include "report/rec_csv.h"
#include "report/report.h"
#include "report/xlsx.h"
#include "util/fmt.h"
#include "web/downloads.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/recs_filter.h"

int recs_download(web_req *w, const char *fmt, const ent_t *recs, size_t n)
{
    int xlsx = strcmp(fmt, "xlsx") == 0;
    if (!xlsx && strcmp(fmt, "csv") != 0) return web_error(w, 400, "invalid", "format must be csv or xlsx.");
    buf_t csv = BUF_INIT;
    rec_csv(xlsx ? &csv : &w->res->body, recs, n, w->view.as_of);
    if (xlsx) {
        int rc = buf_ok(&csv) ? xlsx_from_csv(csv.data, csv.len, "recs", "review", &w->res->body, &w->err)
                              : err_nomem(&w->err);
        buf_free(&csv);
        if (rc) { buf_reset(&w->res->body); return web_error_from(w, &w->err); }
    }
    w->res->status = 200;
    w->res->content_type = report_media_type(xlsx ? RF_XLSX : RF_CSV);
    download_name(w, "recs", fmt);
    return 200;
}

void recs_download_links(web_req *w, const recs_filter *f)
{
    if (w->ctx->static_site) return;   /* a static site has no query strings */
    buf_t base = BUF_INIT;
    buf_puts(&base, "/recs?");
    const char *names[] = {"review", "status", "topic", "owner", "q"};
    const char *values[] = {f->review, f->status, f->topic, f->owner, f->q};
    for (int i = 0; i < 5; i++)
        if (values[i] && *values[i]) bfmt(&base, "%t=%t&amp;", names[i], values[i]);
    if (f->overdue) buf_puts(&base, "overdue=1&amp;");
    if (!buf_ok(&base)) { buf_free(&base); return; }
    base.len -= base.data[base.len - 1] == '?' ? 1 : 5;   /* the last separator */
    base.data[base.len] = '\0';
    static const char *const formats[] = {"csv", "xlsx", NULL};
    page_downloads(w, buf_str(&base), formats);
    buf_free(&base);
}
