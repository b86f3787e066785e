/* claims_report.c — the claims report: each rec's claim beside its verdict,
 * in Markdown, HTML, CSV and JSON (docs/reports.md, "claims"). */
#include "report/report_internal.h"

#include <string.h>

#include "core/vocab.h"
#include "report/claims_memo.h"
#include "report/claims_report.h"
#include "report/json_view.h"
#include "report/layout.h"
#include "util/fmt.h"

static const char *dash(const char *s) { return s ? s : "\xE2\x80\x93"; }

/* The row's flags joined by sep into b: their codes, or with words their
 * labels (core/vocab.h). */
static void flags_text(buf_t *b, const claim_row *r, const char *sep, int words)
{
    int first = 1;
    for (int f = 0; f < CF_COUNT; f++) {
        if (!((r->ev.flags >> f) & 1u)) continue;
        const char *name = claim_flag_name((claim_flag)f);
        bfmt(b, "%s%s", first ? "" : sep, words ? vocab_label("flag", name) : name);
        first = 0;
    }
}

void claims_html_table(buf_t *b, const claims_model *m, const char *rec_href)
{
    bfmt(b, "<table class=\"claims-counts\"><thead><tr><th scope=\"col\">Flag</th><th scope=\"col\" class=\"num\">Recs"
            "</th></tr></thead><tbody><tr><th scope=\"row\">Divergent</th><td class=\"num\">%zu</td></tr>\n", m->divergent);
    for (int f = 0; f < CF_COUNT; f++)
        bfmt(b, "<tr><th scope=\"row\">%h</th><td class=\"num\">%zu</td></tr>\n",
             vocab_label("flag", claim_flag_name((claim_flag)f)), m->counts[f]);
    buf_puts(b, "</tbody></table>\n<table class=\"claims\"><thead><tr><th scope=\"col\">Rec</th><th scope=\"col\">Claimed"
                "</th><th scope=\"col\">Assessed</th><th scope=\"col\" class=\"num\">Evidence alive / links</th>"
                "<th scope=\"col\">Verified</th><th scope=\"col\">Divergent</th><th scope=\"col\">Flags</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < m->n; i++) {
        const claim_row *r = &m->rows[i];
        bfmt(b, "<tr id=\"%h\"%s><td>", r->rec.id, r->ev.divergent ? " class=\"divergent\"" : "");
        if (rec_href) bfmt(b, "<a href=\"%h%t\">%h</a>", rec_href, r->rec.id, r->rec.id);
        else bfmt(b, "%h", r->rec.id);
        bfmt(b, " %h</td><td>%h</td><td>%h", r->rec.v[REC_TITLE], vocab_label("status", r->claimed),
             r->assessed ? vocab_label("implemented", r->assessed) : "\xE2\x80\x93");
        if (r->assessment) bfmt(b, " <small>(%h)</small>", r->assessment);
        bfmt(b, "</td><td class=\"num\">%zu / %zu</td><td>%s</td><td>%s</td><td>", r->alive, r->links,
             r->cs.verification ? "yes" : "no", r->ev.divergent ? "<strong>divergent</strong>" : "no");
        buf_t fl = BUF_INIT;
        flags_text(&fl, r, ", ", 1);
        bfmt(b, "%h</td></tr>\n", buf_str(&fl));
        buf_free(&fl);
    }
    buf_puts(b, "</tbody></table>\n");
}

void claims_html_checklist(buf_t *b, const claim_row *r)
{
    buf_puts(b, "<ul class=\"checklist\">\n");
    for (int i = 0; i < r->ev.nchecks; i++) {
        const claim_check *c = &r->ev.checks[i];
        bfmt(b, "<li class=\"%s\" data-key=\"%h\"><strong>%s</strong> %h <small>(%h)</small></li>\n",
             c->missing ? "missing" : "done", c->key, c->missing ? "Missing:" : "Done:", c->label, c->detail);
    }
    buf_puts(b, "</ul>\n");
}

static void render_md(buf_t *b, const claims_model *m)
{
    bfmt(b, "# Claims beside verdicts: %s\n\nAs of %s. %zu of %zu recommendations divergent (claimed complete or "
            "ongoing, assessed partially or not implemented).\n\n| Flag | Recs |\n| --- | ---: |\n| divergent | %zu |\n",
         m->review, m->as_of, m->divergent, m->n, m->divergent);
    for (int f = 0; f < CF_COUNT; f++) bfmt(b, "| %s | %zu |\n", claim_flag_name((claim_flag)f), m->counts[f]);
    buf_puts(b, "\n| Rec | Title | Claimed | Assessed | Evidence alive / links | Verified | Divergent | Flags |\n"
                "| --- | --- | --- | --- | ---: | --- | --- | --- |\n");
    for (size_t i = 0; i < m->n; i++) {
        const claim_row *r = &m->rows[i];
        bfmt(b, "| %s | ", r->rec.id);
        page_md_cell(b, r->rec.v[REC_TITLE]);
        bfmt(b, " | %s | %s | %zu / %zu | %s | %s | ", r->claimed, dash(r->assessed), r->alive, r->links,
             r->cs.verification ? "yes" : "no", r->ev.divergent ? "**divergent**" : "no");
        flags_text(b, r, ", ", 0);
        buf_puts(b, " |\n");
    }
}

static void render_csv(buf_t *b, const claims_model *m)
{
    buf_puts(b, "rec,title,claimed,assessed,assessment,links,alive,dead,verified,divergent,flags\r\n");
    for (size_t i = 0; i < m->n; i++) {
        const claim_row *r = &m->rows[i];
        fmt_csv(b, r->rec.id);
        buf_putc(b, ',');
        fmt_csv(b, r->rec.v[REC_TITLE]);
        bfmt(b, ",%s,", r->claimed);
        fmt_csv(b, r->assessed ? r->assessed : "");
        buf_putc(b, ',');
        fmt_csv(b, r->assessment ? r->assessment : "");
        bfmt(b, ",%zu,%zu,%zu,%s,%s,", r->links, r->alive, r->dead, r->cs.verification ? "true" : "false",
             r->ev.divergent ? "true" : "false");
        flags_text(b, r, " ", 0);
        buf_puts(b, "\r\n");
    }
}

int report_claims(store_t *s, const report_opts *o, const view_t *v, arena_t *a, buf_t *out, err_t *e)
{
    ent_t rv;
    claims_model m;
    if (report_pick_review(s, v, o->review, a, &rv, e) ||
        claims_load_kept(o->claims, s, v, rv.id, o->assessment, o->include_restricted, a, &m, e))
        return -1;
    switch (o->format) {
    case RF_JSON: return json_to_buf(claims_json(&m), out) ? err_nomem(e) : 0;
    case RF_CSV: render_csv(out, &m); return 0;
    case RF_MD: render_md(out, &m); return 0;
    case RF_XLSX: return 0;   /* report_render makes it from the CSV */
    case RF_HTML: {
        char title[120], sub[160];
        snprintf(title, sizeof title, "Claims beside verdicts: %s", m.review);
        snprintf(sub, sizeof sub, "As of %s: %zu of %zu recommendations divergent", m.as_of, m.divergent, m.n);
        page_open(out, title, sub);
        claims_html_table(out, &m, NULL);
        if (o->downloads) buf_puts(out, o->downloads);
        page_close(out);
        return 0;
    }
    }
    return 0;
}
