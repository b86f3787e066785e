/* assessment.c — the assessment report: the overview (how many recs were
 * fully, partially or not implemented, or unknown; relevant or not), then for
 * each rec its six answers with evidence links, sign-offs and dissent. */
#include "report/report_internal.h"

#include <string.h>

#include "report/assessment_model.h"
#include "report/json_view.h"
#include "report/layout.h"
#include "util/fmt.h"

/* The assessment a report is about: o->assessment, else the first one that
 * assesses o->review (or any, when no review is given). */
static int pick(store_t *s, const report_opts *o, const view_t *v, arena_t *a, const char **id, err_t *e)
{
    if (o->assessment) { *id = o->assessment; return 0; }
    ent_t *as;
    size_t n;
    if (store_list(s, &kind_assessment, v, -1, NULL, a, &as, &n, e)) return -1;
    for (size_t i = 0; i < n; i++)
        if (!o->review || strcmp(as[i].v[ASM_OF], o->review) == 0) { *id = as[i].id; return 0; }
    return err_set(e, ERR_NOTFOUND, "no assessment%s%s on %s (give --assessment)", o->review ? " of " : "",
                   o->review ? o->review : "", v->as_of);
}

static const char *show(const char *v) { return v ? v : "not stated"; }

/* The recommendation as the assessment quotes it, else as the rec holds it. */
static const char *quoted(const asm_item *it)
{
    if (it->item.v[ITEM_REC_TEXT]) return it->item.v[ITEM_REC_TEXT];
    return it->rec.id ? it->rec.v[REC_TEXT] : NULL;
}

static void md_answer(buf_t *b, const char *heading, const char *text)
{
    bfmt(b, "\n### %s\n\n", heading);
    if (text) page_md_text(b, text);
    else buf_puts(b, "_No answer recorded._");
    buf_putc(b, '\n');
}

static void render_md(buf_t *b, const asm_model *m, const view_t *v)
{
    const ent_t *a = &m->a;
    bfmt(b, "# %s assessment of %s recommendations\n\n", a->v[ASM_BY], a->v[ASM_OF]);
    bfmt(b, "Assessment %s, as of %s%s%s. Shown as recorded on %s.\n\n", a->id, a->v[ASM_AS_OF],
         a->v[ASM_TITLE] ? ": " : "", a->v[ASM_TITLE] ? a->v[ASM_TITLE] : "", v->as_of);
    bfmt(b, "## Overview\n\n| | recs |\n| --- | ---: |\n| Fully implemented | %zu |\n"
            "| Partially implemented | %zu |\n| Not implemented | %zu |\n| Unknown | %zu |\n"
            "| Still relevant | %zu |\n| Not relevant | %zu |\n| Relevance not stated | %zu |\n"
            "| Approved by the team | %zu of %zu |\n| Dissents on record | %zu |\n",
         m->implemented[0], m->implemented[1], m->implemented[2], m->implemented[3], m->relevant[0],
         m->relevant[1], m->relevant[2], m->approved, m->n, m->dissents);
    for (size_t i = 0; i < m->n; i++) {
        const asm_item *it = &m->items[i];
        const char *const *f = it->item.v;
        bfmt(b, "\n## %s", f[ITEM_REC]);
        if (it->rec.id) {
            buf_puts(b, ": ");
            page_md_cell(b, it->rec.v[REC_TITLE]);
        }
        buf_puts(b, "\n\n");
        if (quoted(it)) {
            buf_puts(b, "> ");
            page_md_cell(b, quoted(it));
            buf_puts(b, "\n\n");
        }
        bfmt(b, "**Implemented:** %s \xC2\xB7 **Intended effect:** %s \xC2\xB7 **Still relevant:** %s \xC2\xB7 "
                "**State:** %s\n", f[ITEM_IMPLEMENTED], show(f[ITEM_EFFECT]), show(f[ITEM_RELEVANT]), f[ITEM_STATE]);
        md_answer(b, "What was done", f[ITEM_WHAT_DONE]);
        md_answer(b, "How it was assessed", f[ITEM_HOW_ASSESSED]);
        md_answer(b, "Further work", f[ITEM_FURTHER_WORK]);
        if (it->nevidence) {
            buf_puts(b, "\n### Evidence\n\n");
            for (size_t k = 0; k < it->nevidence; k++) {
                const ent_t *ev = &it->evidence[k];
                buf_puts(b, "- [");
                page_md_cell(b, ev->v[EV_TITLE] ? ev->v[EV_TITLE] : ev->v[EV_URL]);
                bfmt(b, "](<%s>)\n", ev->v[EV_URL]);
            }
        }
        if (it->nsignoffs) {
            buf_puts(b, "\n### Sign-offs\n\n");
            for (size_t k = 0; k < it->nsignoffs; k++) {
                buf_puts(b, "- ");
                page_md_cell(b, it->signoffs[k].v[SIGN_ASSESSOR]);
                if (it->signoffs[k].v[SIGN_DISSENT]) {
                    buf_puts(b, " \xE2\x80\x94 **dissent:** ");
                    page_md_cell(b, it->signoffs[k].v[SIGN_DISSENT]);
                }
                buf_putc(b, '\n');
            }
        }
    }
}

void asm_item_html_records(buf_t *b, const asm_item *it)
{
    if (it->nevidence) {
        buf_puts(b, "<h3>Evidence</h3>\n<ul class=\"evidence\">\n");
        for (size_t k = 0; k < it->nevidence; k++) {
            const ent_t *ev = &it->evidence[k];
            bfmt(b, "<li><a href=\"%h\" rel=\"noopener noreferrer\">%h</a></li>\n", ev->v[EV_URL],
                 ev->v[EV_TITLE] ? ev->v[EV_TITLE] : ev->v[EV_URL]);
        }
        buf_puts(b, "</ul>\n");
    }
    if (it->nsignoffs) {
        buf_puts(b, "<h3>Sign-offs</h3>\n<ul>\n");
        for (size_t k = 0; k < it->nsignoffs; k++) {
            bfmt(b, "<li>%h", it->signoffs[k].v[SIGN_ASSESSOR]);
            if (it->signoffs[k].v[SIGN_DISSENT]) {
                buf_puts(b, "<div class=\"dissent\"><strong>Dissent:</strong> ");
                page_markdown(b, it->signoffs[k].v[SIGN_DISSENT]);
                buf_puts(b, "</div>");
            }
            buf_puts(b, "</li>\n");
        }
        buf_puts(b, "</ul>\n");
    }
}

static void html_answer(buf_t *b, const char *heading, const char *text)
{
    bfmt(b, "<h3>%h</h3>\n", heading);
    if (text) page_markdown(b, text);
    else buf_puts(b, "<p><em>No answer recorded.</em></p>\n");
}

static void render_html(buf_t *b, const asm_model *m, const view_t *v, const char *downloads)
{
    const ent_t *a = &m->a;
    char title[200];
    snprintf(title, sizeof title, "%s assessment of %s recommendations", a->v[ASM_BY], a->v[ASM_OF]);
    buf_t sub = BUF_INIT;
    bfmt(&sub, "Assessment %s, as of %s \xE2\x80\x94 shown as recorded on %s", a->id, a->v[ASM_AS_OF], v->as_of);
    page_open(b, title, buf_str(&sub));
    buf_free(&sub);
    bfmt(b, "<h2>Overview</h2>\n<table class=\"overview\"><tbody>"
            "<tr><th>Fully implemented</th><td class=\"num\">%zu</td></tr>"
            "<tr><th>Partially implemented</th><td class=\"num\">%zu</td></tr>"
            "<tr><th>Not implemented</th><td class=\"num\">%zu</td></tr>"
            "<tr><th>Unknown</th><td class=\"num\">%zu</td></tr>"
            "<tr><th>Still relevant</th><td class=\"num\">%zu</td></tr>"
            "<tr><th>Not relevant</th><td class=\"num\">%zu</td></tr>"
            "<tr><th>Relevance not stated</th><td class=\"num\">%zu</td></tr>"
            "<tr><th>Approved by the team</th><td class=\"num\">%zu of %zu</td></tr>"
            "<tr><th>Dissents on record</th><td class=\"num\">%zu</td></tr></tbody></table>\n",
         m->implemented[0], m->implemented[1], m->implemented[2], m->implemented[3], m->relevant[0],
         m->relevant[1], m->relevant[2], m->approved, m->n, m->dissents);
    if (downloads) buf_puts(b, downloads);
    for (size_t i = 0; i < m->n; i++) {
        const asm_item *it = &m->items[i];
        const char *const *f = it->item.v;
        bfmt(b, "<section class=\"item\" id=\"%h\">\n<h2>%h%s%h</h2>\n", f[ITEM_REC], f[ITEM_REC],
             it->rec.id ? ": " : "", it->rec.id ? it->rec.v[REC_TITLE] : "");
        if (quoted(it)) {
            buf_puts(b, "<blockquote>");
            page_markdown(b, quoted(it));
            buf_puts(b, "</blockquote>\n");
        }
        bfmt(b, "<p class=\"verdicts\"><span><strong>Implemented:</strong> %h</span><span><strong>Intended "
                "effect:</strong> %h</span><span><strong>Still relevant:</strong> %h</span><span><strong>"
                "State:</strong> %h</span></p>\n", f[ITEM_IMPLEMENTED], show(f[ITEM_EFFECT]),
             show(f[ITEM_RELEVANT]), f[ITEM_STATE]);
        html_answer(b, "What was done", f[ITEM_WHAT_DONE]);
        html_answer(b, "How it was assessed", f[ITEM_HOW_ASSESSED]);
        html_answer(b, "Further work", f[ITEM_FURTHER_WORK]);
        asm_item_html_records(b, it);
        buf_puts(b, "</section>\n");
    }
    page_close(b);
}

static void render_csv(buf_t *b, const asm_model *m)
{
    buf_puts(b, "assessment,rec,implemented,effect,relevant,state,what_done,how_assessed,further_work,"
                "evidence,signoffs,dissent\r\n");
    for (size_t i = 0; i < m->n; i++) {
        const asm_item *it = &m->items[i];
        const char *const *f = it->item.v;
        buf_t ev = BUF_INIT, sg = BUF_INIT, ds = BUF_INIT;
        for (size_t k = 0; k < it->nevidence; k++) bfmt(&ev, "%s%s", k ? " " : "", it->evidence[k].v[EV_URL]);
        for (size_t k = 0; k < it->nsignoffs; k++) {
            bfmt(&sg, "%s%s", k ? "; " : "", it->signoffs[k].v[SIGN_ASSESSOR]);
            if (it->signoffs[k].v[SIGN_DISSENT])
                bfmt(&ds, "%s%s: %s", ds.len ? "; " : "", it->signoffs[k].v[SIGN_ASSESSOR], it->signoffs[k].v[SIGN_DISSENT]);
        }
        const char *cells[] = {m->a.id, f[ITEM_REC], f[ITEM_IMPLEMENTED], f[ITEM_EFFECT], f[ITEM_RELEVANT],
                               f[ITEM_STATE], f[ITEM_WHAT_DONE], f[ITEM_HOW_ASSESSED], f[ITEM_FURTHER_WORK],
                               buf_str(&ev), buf_str(&sg), buf_str(&ds)};
        for (size_t c = 0; c < sizeof cells / sizeof cells[0]; c++) {
            if (c) buf_putc(b, ',');
            fmt_csv(b, cells[c]);
        }
        buf_puts(b, "\r\n");
        if (!buf_ok(&ev) || !buf_ok(&sg) || !buf_ok(&ds)) b->failed = 1;
        buf_free(&ev);
        buf_free(&sg);
        buf_free(&ds);
    }
}

int report_assessment(store_t *s, const report_opts *o, const view_t *v, arena_t *a, buf_t *out, err_t *e)
{
    const char *id = NULL;
    asm_model m;
    if (pick(s, o, v, a, &id, e) || asm_load(s, v, id, NULL, !o->include_restricted, a, &m, e)) return -1;
    switch (o->format) {
    case RF_MD: render_md(out, &m, v); break;
    case RF_HTML: render_html(out, &m, v, o->downloads); break;
    case RF_CSV: render_csv(out, &m); break;
    case RF_JSON: if (json_to_buf(asm_json(&m, v), out)) return err_nomem(e); break;
    case RF_XLSX: break;   /* report_render makes it from the CSV */
    }
    return 0;
}
