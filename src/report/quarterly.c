/* quarterly.c — counts of recs by status at the end of each quarter,
 * computed from history (ICANN has published such grids by hand). Only
 * top-level recs are counted: sub-items are parts of their parent. */
#include "report/report_internal.h"

#include <jansson.h>
#include <string.h>

#include "report/chart.h"
#include "report/json_view.h"
#include "report/layout.h"
#include "util/alloc.h"
#include "util/fmt.h"

#define MAX_QUARTERS 400

/* Counting the quarters from the stream of a rec's steps (the versions
 * where its status or disposition changed): the version in force at a
 * quarter's end has the status of the last step on or before it. */
typedef struct {
    quarter_counts *qc;
    size_t nq;               /* quarters answered from the versions */
    store_t *s;
    store_vis *vis;
    char id[600];            /* the thing whose versions are coming */
    size_t next;             /* its first quarter not yet given a version */
    int have;                /* it has a version before quarter next */
    int top, status;         /* that version: no parent; its status */
    int hidden;              /* -2: not asked yet */
} quarter_walk;

/* The previous version holds for quarters next .. up to (not including) upto. */
static int walk_hold(quarter_walk *w, size_t upto)
{
    for (; w->next < upto; w->next++) {
        if (!w->have || !w->top) continue;
        if (w->hidden == -2) w->hidden = w->vis ? store_vis_hidden(w->vis, &kind_rec, w->id) : 0;
        if (w->hidden < 0) return -1;
        if (!w->hidden) w->qc[w->next].count[w->status]++;
    }
    return 0;
}

static int walk_version(void *ctx, const ent_t *ver)
{
    quarter_walk *w = ctx;
    if (strcmp(ver->id, w->id) != 0) {
        if (walk_hold(w, w->nq)) return -1;
        snprintf(w->id, sizeof w->id, "%s", ver->id);
        w->next = 0;
        w->have = 0;
        w->hidden = -2;
    }
    size_t upto = w->next;
    while (upto < w->nq && strcmp(w->qc[upto].end, ver->since) < 0) upto++;
    if (walk_hold(w, upto)) return -1;
    int st = status_parse(ver->v[REC_STATUS]);
    w->have = 1;
    w->top = ver->v[REC_PARENT] == NULL;
    w->status = st < 0 ? ST_NOT_STARTED : st;
    return 0;
}

int report_quarter_counts(store_t *s, const char *review, const char *from, const char *to,
                          int include_restricted, arena_t *a, quarter_counts **out, size_t *n, err_t *e)
{
    char q[DATE_SIZE], next[DATE_SIZE];
    size_t count = 0;
    date_quarter_end(from, q);
    while (strcmp(q, to) <= 0 && count <= MAX_QUARTERS) {
        count++;
        date_add_days(q, 1, next);
        if (strcmp(next, q) <= 0) break;   /* 9999-12-31 ends the calendar */
        date_quarter_end(next, q);
    }
    if (count > MAX_QUARTERS) return err_set(e, ERR_INPUT, "quarterly: more than %d quarters", MAX_QUARTERS);
    if (count == 0) return err_set(e, ERR_INPUT, "quarterly: no quarter ends between %s and %s", from, to);
    quarter_counts *qc = arena_alloc(a, sizeof *qc * count);
    quarter_walk *w = mem_calloc(1, sizeof *w);
    if (!qc || !w) { mem_free(w); return err_nomem(e); }
    memset(qc, 0, sizeof *qc * count);
    store_vis *vis = NULL;
    if (!include_restricted && !(vis = store_vis_new(s, e))) { mem_free(w); return -1; }
    /* Quarters that ended before today come from the version tables in one
     * pass; one still open (today or later) from the current tables, as
     * any view of today is. */
    size_t past = 0;
    int rc = -1;
    date_quarter_end(from, q);
    for (size_t i = 0; i < count; i++) {
        view_t v;
        if (store_view(s, q, NULL, &v, e)) goto done;
        memcpy(qc[i].end, q, DATE_SIZE);
        date_quarter_label(q, qc[i].label);
        if (!v.current) past = i + 1;
        date_add_days(q, 1, next);
        date_quarter_end(next, q);
    }
    *w = (quarter_walk){qc, past, s, vis, "", 0, 0, 0, 0, -2};
    if (past && (store_each_rec_step(s, review, walk_version, w, e) ||
                 walk_hold(w, past)))
        goto done;
    for (size_t i = past; i < count; i++) {
        view_t v;
        ent_t *recs;
        size_t nr;
        if (store_view(s, qc[i].end, NULL, &v, e) ||
            store_list(s, &kind_rec, &v, REC_REVIEW, review, a, &recs, &nr, e))
            goto done;
        for (size_t r = 0; r < nr; r++) {
            if (recs[r].v[REC_PARENT] || (vis && store_vis_hidden(vis, &kind_rec, recs[r].id) != 0)) continue;
            int st = status_parse(recs[r].v[REC_STATUS]);
            qc[i].count[st < 0 ? ST_NOT_STARTED : st]++;
        }
    }
    *out = qc;
    *n = count;
    rc = 0;
done:
    store_vis_free(vis);
    mem_free(w);
    return rc;
}

/* The dates of the report: --to, else the view's date; --from, else the
 * date the review's first rec came to exist. Both valid, from <= to. */
static int quarterly_range(store_t *s, const report_opts *o, const view_t *v, const char *review,
                           arena_t *a, const char **from_out, const char **to_out, err_t *e)
{
    const char *to = o->to ? o->to : v->as_of;
    const char *from = o->from;
    if (from && !date_valid(from)) return err_set(e, ERR_INPUT, "--from: '%.40s' is not a valid date", from);
    if (!date_valid(to)) return err_set(e, ERR_INPUT, "--to: '%.40s' is not a valid date", to);
    if (!from) {
        rec_table t;
        if (report_load_recs(s, v, review, 1, a, &t, e)) return -1;
        from = to;
        for (size_t i = 0; i < t.n; i++)
            if (strcmp(t.recs[i].since, from) < 0) from = t.recs[i].since;
    }
    if (strcmp(from, to) > 0) return err_set(e, ERR_INPUT, "quarterly: --from %s is after --to %s", from, to);
    *from_out = from;
    *to_out = to;
    return 0;
}

static size_t quarter_total(const quarter_counts *q)
{
    size_t total = 0;
    for (int st = 0; st < ST_COUNT; st++) total += q->count[st];
    return total;
}

static int quarterly_json(const ent_t *rv, const char *from, const char *to, const quarter_counts *q,
                          size_t n, buf_t *out, err_t *e)
{
    json_t *rows = json_array();
    for (size_t i = 0; rows && i < n; i++) {
        json_t *c = json_object();
        for (int st = 0; c && st < ST_COUNT; st++)
            json_object_set_new(c, status_name((status_t)st), json_integer((json_int_t)q[i].count[st]));
        json_array_append_new(rows, json_pack("{s:s, s:s, s:o, s:I}", "quarter", q[i].label, "end", q[i].end,
                                              "counts", c ? c : json_null(), "total", (json_int_t)quarter_total(&q[i])));
    }
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:o}", "report", "quarterly", "review", rv->id, "from",
                          from, "to", to, "quarters", rows ? rows : json_null());
    return json_to_buf(j, out) ? err_nomem(e) : 0;
}

static void quarterly_csv(const quarter_counts *q, size_t n, buf_t *out)
{
    buf_puts(out, "quarter,end");
    for (int st = 0; st < ST_COUNT; st++) bfmt(out, ",%s", status_name((status_t)st));
    buf_puts(out, ",total\r\n");
    for (size_t i = 0; i < n; i++) {
        fmt_csv(out, q[i].label);
        buf_putc(out, ',');
        fmt_csv(out, q[i].end);
        for (int st = 0; st < ST_COUNT; st++) bfmt(out, ",%zu", q[i].count[st]);
        bfmt(out, ",%zu\r\n", quarter_total(&q[i]));
    }
}

/* The HTML page (with its chart) or the Markdown table. */
static void quarterly_table(const ent_t *rv, const char *from, const char *to, const quarter_counts *q,
                            size_t n, int html, const char *downloads, buf_t *out)
{
    char title[160];
    snprintf(title, sizeof title, "%s recommendations by status, quarter by quarter", rv->id);
    if (html) {
        buf_t sub = BUF_INIT;
        bfmt(&sub, "%s \xE2\x80\x94 from %s to %s, top-level recommendations", rv->v[REVIEW_TITLE], from, to);
        page_open(out, title, buf_str(&sub));
        buf_free(&sub);
        chart_quarters_svg(out, q, n, title);
        buf_puts(out, "<table>\n<thead><tr><th>Quarter</th><th>End</th>");
        for (int st = 0; st < ST_COUNT; st++) bfmt(out, "<th class=\"num\">%h</th>", status_label((status_t)st));
        buf_puts(out, "<th class=\"num\">Total</th></tr></thead>\n<tbody>\n");
    } else {
        bfmt(out, "# %s\n\n%s; from %s to %s; top-level recommendations, counted from history.\n\n"
                  "| Quarter | End |", title, rv->v[REVIEW_TITLE], from, to);
        for (int st = 0; st < ST_COUNT; st++) bfmt(out, " %s |", status_label((status_t)st));
        buf_puts(out, " Total |\n| --- | --- |");
        for (int st = 0; st <= ST_COUNT; st++) buf_puts(out, " ---: |");
        buf_putc(out, '\n');
    }
    for (size_t i = 0; i < n; i++) {
        bfmt(out, html ? "<tr><td>%h</td><td>%h</td>" : "| %s | %s |", q[i].label, q[i].end);
        for (int st = 0; st < ST_COUNT; st++)
            bfmt(out, html ? "<td class=\"num\">%zu</td>" : " %zu |", q[i].count[st]);
        bfmt(out, html ? "<td class=\"num\">%zu</td></tr>\n" : " %zu |\n", quarter_total(&q[i]));
    }
    if (html) {
        buf_puts(out, "</tbody>\n</table>\n");
        if (downloads) buf_puts(out, downloads);
        page_close(out);
    }
}

int report_quarterly(store_t *s, const report_opts *o, const view_t *v, arena_t *a, buf_t *out, err_t *e)
{
    ent_t rv;
    const char *from = NULL, *to = NULL;
    quarter_counts *q;
    size_t n;
    if (report_pick_review(s, v, o->review, a, &rv, e) ||
        quarterly_range(s, o, v, rv.id, a, &from, &to, e) ||
        report_quarter_counts(s, rv.id, from, to, o->include_restricted, a, &q, &n, e))
        return -1;
    if (o->format == RF_JSON) return quarterly_json(&rv, from, to, q, n, out, e);
    if (o->format == RF_CSV) quarterly_csv(q, n, out);
    else quarterly_table(&rv, from, to, q, n, o->format == RF_HTML, o->downloads, out);
    return 0;
}
