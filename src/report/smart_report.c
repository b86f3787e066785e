/* smart_report.c — the SMART findings of every rec (core/smart.h) as a report, and
 * the per-rec check that `ssrtrack lint` prints. */
#include "report/report_internal.h"

#include <jansson.h>
#include <string.h>

#include "report/json_view.h"
#include "report/layout.h"
#include "report/smart_report.h"
#include "store/measure.h"
#include "util/fmt.h"

int smart_rec(const ent_t *rec, const ent_t *ms, size_t nms, int has_kpi_target, smart_finding *out)
{
    smart_input in = {rec->v[REC_TITLE], rec->v[REC_TEXT], rec->v[REC_OWNER], rec->v[REC_TOPIC],
                      rec->v[REC_DUE], has_kpi_target, 0};
    for (size_t i = 0; i < nms; i++)
        if (ms[i].v[MS_DUE]) in.has_dated_milestone = 1;
    return smart_check(&in, out);
}

int smart_all(store_t *s, const view_t *v, const char *review, const char *only, int include_restricted,
              arena_t *a, smart_rows *out, err_t *e)
{
    ent_t *reviews, one;
    size_t nrev;
    memset(out, 0, sizeof *out);
    if (review) {
        if (store_get(s, &kind_review, v, review, a, &one, e)) return -1;
        reviews = &one;
        nrev = 1;
    } else if (store_list(s, &kind_review, v, -1, NULL, a, &reviews, &nrev, e)) {
        return -1;
    }
    size_t cap = 0;
    for (size_t r = 0; r < nrev; r++) {
        rec_table t;
        if (report_load_recs(s, v, reviews[r].id, include_restricted, a, &t, e)) return -1;
        for (size_t i = 0; i < t.n; i++) {
            if (only && strcmp(t.recs[i].id, only) != 0) continue;
            if (out->n == cap) {
                size_t ncap = cap ? cap * 2 : 64;
                smart_row *nr = arena_alloc(a, sizeof *nr * ncap);
                if (!nr) return err_nomem(e);
                if (out->n) memcpy(nr, out->rows, sizeof *nr * out->n);
                out->rows = nr;
                cap = ncap;
            }
            smart_row *row = &out->rows[out->n++];
            row->rec = t.recs[i];
            int kpi = store_rec_has_kpi_target(s, v, t.recs[i].id, e);
            if (kpi < 0) return -1;
            row->n = smart_rec(&t.recs[i], t.ms + t.first[i], t.count[i], kpi, row->f);
            out->findings += (size_t)row->n;
            for (int k = 0; k < row->n; k++) {
                const char *rules = "SMART";
                const char *at = strchr(rules, row->f[k].rule[0]);
                if (at) out->by_rule[at - rules]++;
            }
        }
    }
    if (only && out->n == 0) return err_set(e, ERR_NOTFOUND, "no such rec: %s", only);
    return 0;
}

int report_smart(store_t *s, const report_opts *o, const view_t *v, arena_t *a, buf_t *out, err_t *e)
{
    smart_rows sr;
    if (smart_all(s, v, o->review, NULL, o->include_restricted, a, &sr, e)) return -1;
    static const char *const letters[] = {"Specific", "Measurable", "Assignable", "Relevant", "Trackable"};
    switch (o->format) {
    case RF_JSON: {
        json_t *rows = json_array();
        for (size_t i = 0; rows && i < sr.n; i++) {
            json_t *f = json_array();
            for (int k = 0; f && k < sr.rows[i].n; k++)
                json_array_append_new(f, json_pack("{s:s, s:s, s:s}", "rule", sr.rows[i].f[k].rule, "letter",
                                                   sr.rows[i].f[k].letter, "detail", sr.rows[i].f[k].detail));
            json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:o}", "rec", sr.rows[i].rec.id, "review",
                                                  sr.rows[i].rec.v[REC_REVIEW], "title", sr.rows[i].rec.v[REC_TITLE],
                                                  "findings", f ? f : json_null()));
        }
        json_t *j = json_pack("{s:s, s:s, s:I, s:I, s:o}", "report", "smart", "as_of", v->as_of, "recs",
                              (json_int_t)sr.n, "findings", (json_int_t)sr.findings, "recs_findings",
                              rows ? rows : json_null());
        return json_to_buf(j, out) ? err_nomem(e) : 0;
    }
    case RF_XLSX:   /* report_render makes it from the CSV */
    case RF_CSV:
        buf_puts(out, "rec,review,rule,letter,detail\r\n");
        for (size_t i = 0; i < sr.n; i++)
            for (int k = 0; k < sr.rows[i].n; k++) {
                fmt_csv(out, sr.rows[i].rec.id);
                buf_putc(out, ',');
                fmt_csv(out, sr.rows[i].rec.v[REC_REVIEW]);
                bfmt(out, ",%s,%s,", sr.rows[i].f[k].rule, sr.rows[i].f[k].letter);
                fmt_csv(out, sr.rows[i].f[k].detail);
                buf_puts(out, "\r\n");
            }
        return 0;
    case RF_HTML: {
        char sub[120];
        snprintf(sub, sizeof sub, "%zu findings over %zu recommendations, as of %s", sr.findings, sr.n, v->as_of);
        page_open(out, "SMART check of the recommendations", sub);
        buf_puts(out, "<table><thead><tr><th>Rule</th><th class=\"num\">Recs</th></tr></thead><tbody>\n");
        for (int r = 0; r < 5; r++)
            bfmt(out, "<tr><td>%c1 %h</td><td class=\"num\">%zu</td></tr>\n", "SMART"[r], letters[r], sr.by_rule[r]);
        buf_puts(out, "</tbody></table>\n<table><thead><tr><th>Rec</th><th>Findings</th></tr></thead><tbody>\n");
        for (size_t i = 0; i < sr.n; i++) {
            bfmt(out, "<tr><td>%h</td><td><ul>", sr.rows[i].rec.id);
            for (int k = 0; k < sr.rows[i].n; k++)
                bfmt(out, "<li><strong>%h %h</strong>: %h</li>", sr.rows[i].f[k].rule, sr.rows[i].f[k].letter,
                     sr.rows[i].f[k].detail);
            buf_puts(out, "</ul></td></tr>\n");
        }
        buf_puts(out, "</tbody></table>\n");
        if (o->downloads) buf_puts(out, o->downloads);
        page_close(out);
        return 0;
    }
    case RF_MD:
        bfmt(out, "# SMART check of the recommendations\n\n%zu findings over %zu recommendations, as of %s.\n\n"
                  "| Rule | Recs |\n| --- | ---: |\n", sr.findings, sr.n, v->as_of);
        for (int r = 0; r < 5; r++) bfmt(out, "| %c1 %s | %zu |\n", "SMART"[r], letters[r], sr.by_rule[r]);
        buf_puts(out, "\n| Rec | Findings |\n| --- | --- |\n");
        for (size_t i = 0; i < sr.n; i++) {
            bfmt(out, "| %s | ", sr.rows[i].rec.id);
            for (int k = 0; k < sr.rows[i].n; k++) {
                bfmt(out, "%s**%s %s**: ", k ? "<br>" : "", sr.rows[i].f[k].rule, sr.rows[i].f[k].letter);
                page_md_cell(out, sr.rows[i].f[k].detail);
            }
            buf_puts(out, " |\n");
        }
        return 0;
    }
    return 0;
}
