/* implementation.c — the implementation status table, as ICANN's SSR1
 * report printed it: rec, topic, summary, each activity with its mark, and
 * the rec's status; with the key and the as-of date. */
#include "report/report_internal.h"

#include <jansson.h>
#include <string.h>

#include "report/json_view.h"
#include "report/layout.h"
#include "util/fmt.h"

static const char *const key_text =
    "\xE2\x9C\x93 complete \xC2\xB7 \xE2\x97\x8B in progress \xC2\xB7 \xE2\x97\x87 in planning \xC2\xB7 "
    "\xE2\x80\x93 not started or deferred";

static const char *summary_of(const ent_t *r)
{
    return r->v[REC_TEXT] ? r->v[REC_TEXT] : r->v[REC_TITLE];
}

static void render_md(buf_t *b, const ent_t *rv, const rec_table *t, const view_t *v)
{
    bfmt(b, "# Implementation of %s recommendations\n\n", rv->id);
    bfmt(b, "%s. Status as of **%s**.\n\nKey: %s\n\n", rv->v[REVIEW_TITLE], v->as_of, key_text);
    buf_puts(b, "| Rec | Topic | Summary | Implementation activities | Status |\n| --- | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < t->n; i++) {
        const ent_t *r = &t->recs[i];
        buf_puts(b, "| ");
        page_md_cell(b, r->id);
        buf_puts(b, " | ");
        page_md_cell(b, r->v[REC_TOPIC] ? r->v[REC_TOPIC] : "");
        buf_puts(b, " | ");
        page_md_cell(b, summary_of(r));
        buf_puts(b, " | ");
        for (size_t m = 0; m < t->count[i]; m++) {
            const ent_t *ms = &t->ms[t->first[i] + m];
            if (m) buf_puts(b, "<br>");
            bfmt(b, "%s ", report_mark(ms->v[MS_STATUS]));
            page_md_cell(b, ms->v[MS_TITLE]);
        }
        bfmt(b, " | %s %s |\n", report_mark(r->v[REC_STATUS]), r->v[REC_STATUS]);
    }
    bfmt(b, "\n%zu recommendations. Generated from the tracker's history.\n", t->n);
}

static void render_html(buf_t *b, const ent_t *rv, const rec_table *t, const view_t *v, const char *downloads)
{
    buf_t sub = BUF_INIT;
    bfmt(&sub, "%s \xE2\x80\x94 status as of %s", rv->v[REVIEW_TITLE], v->as_of);
    char title[160];
    snprintf(title, sizeof title, "Implementation of %s recommendations", rv->id);
    page_open(b, title, buf_str(&sub));
    buf_free(&sub);
    bfmt(b, "<p class=\"key\"><strong>Key:</strong> <span>\xE2\x9C\x93 complete</span><span>\xE2\x97\x8B in progress</span>"
            "<span>\xE2\x97\x87 in planning</span><span>\xE2\x80\x93 not started or deferred</span></p>\n");
    buf_puts(b, "<table>\n<thead><tr><th>Rec</th><th>Topic</th><th>Summary</th>"
                "<th>Implementation activities</th><th>Status</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < t->n; i++) {
        const ent_t *r = &t->recs[i];
        bfmt(b, "<tr id=\"%h\"><td>%h</td><td>%h</td><td>", r->id, r->id,
             r->v[REC_TOPIC] ? r->v[REC_TOPIC] : "");
        page_markdown(b, summary_of(r));
        buf_puts(b, "</td><td><ul class=\"acts\">");
        for (size_t m = 0; m < t->count[i]; m++) {
            const ent_t *ms = &t->ms[t->first[i] + m];
            bfmt(b, "<li><span class=\"mark\" title=\"%h\">%s</span> %h", ms->v[MS_STATUS],
                 report_mark(ms->v[MS_STATUS]), ms->v[MS_TITLE]);
            if (ms->v[MS_DUE]) bfmt(b, " <small>(due %h)</small>", ms->v[MS_DUE]);
            buf_puts(b, "</li>");
        }
        bfmt(b, "</ul></td><td><span class=\"mark\">%s</span> %h</td></tr>\n",
             report_mark(r->v[REC_STATUS]), r->v[REC_STATUS]);
    }
    buf_puts(b, "</tbody>\n</table>\n");
    if (downloads) buf_puts(b, downloads);
    bfmt(b, "<p>%zu recommendations, generated from the tracker's history.</p>\n", t->n);
    page_close(b);
}

static void render_csv(buf_t *b, const rec_table *t, const view_t *v)
{
    buf_puts(b, "rec,parent,topic,status,activity,activity_status,activity_mark,activity_title,due,done,summary,as_of\r\n");
    for (size_t i = 0; i < t->n; i++) {
        const ent_t *r = &t->recs[i];
        size_t rows = t->count[i] ? t->count[i] : 1;
        for (size_t m = 0; m < rows; m++) {
            const ent_t *ms = t->count[i] ? &t->ms[t->first[i] + m] : NULL;
            const char *cells[] = {r->id, r->v[REC_PARENT], r->v[REC_TOPIC], r->v[REC_STATUS],
                                   ms ? ms->id : NULL, ms ? ms->v[MS_STATUS] : NULL,
                                   ms ? report_mark(ms->v[MS_STATUS]) : NULL, ms ? ms->v[MS_TITLE] : NULL,
                                   ms ? ms->v[MS_DUE] : NULL, ms ? ms->v[MS_DONE] : NULL, summary_of(r), v->as_of};
            for (size_t c = 0; c < sizeof cells / sizeof cells[0]; c++) {
                if (c) buf_putc(b, ',');
                fmt_csv(b, cells[c]);
            }
            buf_puts(b, "\r\n");
        }
    }
}

static int render_json(buf_t *b, const ent_t *rv, const rec_table *t, const view_t *v)
{
    json_t *recs = json_array();
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s}}", "report", "implementation",
                          "review", rv->id, "review_title", rv->v[REVIEW_TITLE], "as_of", v->as_of, "key",
                          "complete", "\xE2\x9C\x93", "in_progress", "\xE2\x97\x8B", "planning",
                          "\xE2\x97\x87", "not_started", "\xE2\x80\x93");
    if (!recs || !o) { json_decref(recs); json_decref(o); return -1; }
    for (size_t i = 0; i < t->n; i++) {
        const ent_t *r = &t->recs[i];
        json_t *acts = json_array();
        for (size_t m = 0; acts && m < t->count[i]; m++) {
            json_t *j = json_milestone(&t->ms[t->first[i] + m]);
            if (j) json_object_set_new(j, "mark", json_string(report_mark(t->ms[t->first[i] + m].v[MS_STATUS])));
            json_array_append_new(acts, j);
        }
        json_t *jr = json_pack("{s:s, s:o, s:o, s:s, s:o, s:s, s:s, s:o}", "id", r->id,
                               "parent", json_str_or_null(r->v[REC_PARENT]), "topic", json_str_or_null(r->v[REC_TOPIC]),
                               "title", r->v[REC_TITLE], "summary", json_str_or_null(r->v[REC_TEXT]),
                               "status", r->v[REC_STATUS], "mark", report_mark(r->v[REC_STATUS]),
                               "activities", acts ? acts : json_null());
        if (!jr || json_array_append_new(recs, jr)) { json_decref(recs); json_decref(o); return -1; }
    }
    if (json_object_set_new(o, "recs", recs)) { json_decref(o); return -1; }
    return json_to_buf(o, b);
}

int report_implementation(store_t *s, const report_opts *o, const view_t *v, arena_t *a, buf_t *out, err_t *e)
{
    ent_t rv;
    rec_table t;
    if (report_pick_review(s, v, o->review, a, &rv, e) ||
        report_load_recs(s, v, rv.id, o->include_restricted, a, &t, e))
        return -1;
    switch (o->format) {
    case RF_MD: render_md(out, &rv, &t, v); break;
    case RF_HTML: render_html(out, &rv, &t, v, o->downloads); break;
    case RF_CSV: render_csv(out, &t, v); break;
    case RF_JSON: if (render_json(out, &rv, &t, v)) return err_nomem(e); break;
    case RF_XLSX: break;   /* report_render makes it from the CSV */
    }
    return 0;
}
