/* page_kpis.c — KPIs on the pages: /kpis (every KPI with its status on the
 * chosen date) and the KPI section of a rec's page (one chart each:
 * measurements, baseline, target line and date). */
#include <string.h>

#include "core/vocab.h"
#include "core/kpi.h"
#include "report/kpi_chart.h"
#include "report/kpi_view.h"
#include "util/fmt.h"
#include "web/downloads.h"
#include "web/handlers.h"
#include "web/page_kpis.h"
#include "web/page.h"

static void status_badge(buf_t *b, const kpi_model *m)
{
    const char *code = kpi_status_name(m->eval.status);
    bfmt(b, "<span class=\"kpi kpi-%h\" title=\"%h\">%h</span>", code, m->eval.why, vocab_label("kpi", code));
}

/* A measured value as people write it: "17", "52.5", "0.25" (no trailing zeros). */
static const char *num(double v, char out[32])
{
    snprintf(out, 32, "%.2f", v);
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = out + strlen(out);
        while (end > dot + 1 && end[-1] == '0') *--end = '\0';
        if (end == dot + 1) *dot = '\0';
    }
    return out;
}

static void latest(buf_t *b, const kpi_model *m)
{
    char v[32];
    if (m->eval.has_latest)
        bfmt(b, "%h %h (<time>%h</time>)", num(m->eval.latest.value, v), m->kpi.v[KPI_UNIT], m->eval.latest.date);
    else buf_puts(b, "\xE2\x80\x93");
}

int visible_kpis(web_req *w, const visibility *vis, const char *review, kpi_model **out, size_t *n)
{
    if (kpi_model_list(w->db, &w->view, review, w->a, out, n, &w->err)) return -1;
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++)
        if (!vis_is_hidden(vis, "kpi", (*out)[i].kpi.id)) (*out)[kept++] = (*out)[i];
    *n = kept;
    return 0;
}

/* The rec's own KPIs only (not every KPI of the tracker, then filtered). */
int kpi_section(web_req *w, const char *rec, const visibility *vis)
{
    kpi_model *all;
    size_t n;
    if (kpi_model_of_rec(w->db, &w->view, NULL, rec, w->a, &all, &n, &w->err)) return -1;
    buf_t *b = &w->res->body;
    int shown = 0;
    for (size_t i = 0; i < n; i++) {
        const kpi_model *m = &all[i];
        if (vis_is_hidden(vis, "kpi", m->kpi.id)) continue;
        if (!shown++) buf_puts(b, "<h2>KPIs</h2>\n");
        bfmt(b, "<section class=\"kpi-box\"><h3><span class=\"id\">%h</span> %h ", m->kpi.id, m->kpi.v[KPI_NAME]);
        status_badge(b, m);
        buf_puts(b, "</h3><p>Latest: ");
        latest(b, m);
        if (m->spec.has_target) {
            char v[32];
            bfmt(b, " \xC2\xB7 target %h %h", num(m->spec.target.value, v), m->kpi.v[KPI_UNIT]);
            if (m->spec.target.date) bfmt(b, " by <time>%h</time>", m->spec.target.date);
        }
        char bv[32];
        if (m->spec.has_baseline) bfmt(b, " \xC2\xB7 baseline %h", num(m->spec.baseline.value, bv));
        bfmt(b, " \xC2\xB7 %h</p>\n<figure class=\"chart\">", m->eval.why);
        kpi_chart_svg(b, m->kpi.v[KPI_NAME], m->kpi.v[KPI_UNIT], &m->spec, m->points, m->nms, 640, 260);
        buf_puts(b, "</figure></section>\n");
    }
    return 0;
}

/* GET /kpis — every KPI with its latest measure and status. Parameters:
 * review, as_of. Role: anyone; restricted recs' KPIs only for signed-in users. */
int kpis_page(web_req *w, char **args)
{
    (void)args;
    visibility vis;
    kpi_model *all;
    size_t n;
    int rc = vis_load(w, &vis) || visible_kpis(w, &vis, http_param(w->req, "review"), &all, &n);
    vis_free(&vis);
    if (rc) return web_error_from(w, &w->err);
    buf_t *b = &w->res->body;
    page_begin(w, "KPIs");
    buf_puts(b, "<h1>KPIs</h1>\n<p>Indicators with baselines and targets, and their status on the date shown: "
                "on track, at risk, off track, achieved, or stale when a measurement is overdue.</p>\n");
    size_t count[KPI_STATUS_COUNT] = {0}, shown = 0;
    for (size_t i = 0; i < n; i++) count[all[i].eval.status]++;
    buf_puts(b, "<p class=\"summary\">");
    for (int s = 0; s < KPI_STATUS_COUNT; s++)
        if (count[s]) bfmt(b, "<span class=\"kpi kpi-%h\">%h</span> %zu &nbsp; ", kpi_status_name((kpi_status)s),
                           vocab_label("kpi", kpi_status_name((kpi_status)s)), count[s]);
    buf_puts(b, "</p>\n");
    for (size_t i = 0; i < n; i++) {
        const kpi_model *m = &all[i];
        if (!shown++) buf_puts(b, "<table><thead><tr><th scope=\"col\">KPI</th><th scope=\"col\">Of</th>"
                                  "<th scope=\"col\">Status</th><th scope=\"col\">Latest</th><th scope=\"col\">Target</th>"
                                  "<th scope=\"col\">Next due</th></tr></thead><tbody>\n");
        buf_t href = BUF_INIT;
        bfmt(&href, m->kpi.v[KPI_REC] ? "/recs/%t" : "/reviews/%t", kpi_subject(m->kpi.v));
        bfmt(b, "<tr><td><span class=\"id\">%h</span> %h</td><td>", m->kpi.id, m->kpi.v[KPI_NAME]);
        page_link(w, buf_str(&href), kpi_subject(m->kpi.v));
        buf_free(&href);
        buf_puts(b, "</td><td>");
        status_badge(b, m);
        buf_puts(b, "</td><td>");
        latest(b, m);
        buf_puts(b, "</td><td>");
        char tv[32];
        if (m->spec.has_target) bfmt(b, "%h%s%h", num(m->spec.target.value, tv), m->spec.target.date ? " by " : "",
                                     m->spec.target.date ? m->spec.target.date : "");
        else buf_puts(b, "\xE2\x80\x93");
        bfmt(b, "</td><td>%h</td></tr>\n", m->eval.next_due[0] ? m->eval.next_due : "\xE2\x80\x93");
    }
    buf_puts(b, shown ? "</tbody></table>\n" : "<p>No KPIs yet.</p>\n");
    if (shown) table_links(w, "/tables/kpis", NULL, "/api/v1/kpis");
    page_end(w);
    return 200;
}
