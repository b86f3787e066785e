/* page_assess.c — /assessments and /assessments/ID: the overview counts,
 * each rec's six answers with evidence, sign-offs and dissent; assessors
 * get a form per item to answer and to sign off. */
#include <string.h>

#include "report/assessment_model.h"
#include "report/layout.h"
#include "util/fmt.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_comments.h"
#include "web/visible.h"

static const char *or_not_stated(const char *s) { return s ? s : "not stated"; }

/* GET /assessments — every assessment with its counts. Parameters:
 * as_of. Role: anyone. */
int assessments_page(web_req *w, char **args)
{
    (void)args;
    ent_t *as;
    size_t n;
    if (store_list(w->db, &kind_assessment, &w->view, -1, NULL, w->a, &as, &n, &w->err))
        return web_error_from(w, &w->err);
    buf_t *b = &w->res->body;
    page_begin(w, "Assessments");
    buf_puts(b, "<h1>Assessments</h1>\n");
    if (!n) buf_puts(b, "<p>None yet.</p>\n");
    else buf_puts(b, "<ul>");
    for (size_t i = 0; i < n; i++) {
        buf_t href = BUF_INIT;
        bfmt(&href, "/assessments/%t", as[i].id);
        buf_puts(b, "<li>");
        page_link(w, buf_str(&href), as[i].id);
        bfmt(b, ": %h assessing %h as of <time>%h</time>%s%h</li>", as[i].v[ASM_BY], as[i].v[ASM_OF],
             as[i].v[ASM_AS_OF], as[i].v[ASM_TITLE] ? " \xE2\x80\x94 " : "", as[i].v[ASM_TITLE] ? as[i].v[ASM_TITLE] : "");
        buf_free(&href);
    }
    if (n) buf_puts(b, "</ul>\n");
    page_end(w);
    return 200;
}

static void select_box(buf_t *b, const char *name, const char *label, const char *const *choices,
                       const char *selected)
{
    bfmt(b, "<label>%h <select name=\"%h\"><option value=\"\">(not stated)</option>", label, name);
    for (int i = 0; choices[i]; i++)
        bfmt(b, "<option%s>%h</option>", selected && strcmp(selected, choices[i]) == 0 ? " selected" : "", choices[i]);
    buf_puts(b, "</select></label> ");
}

static void textarea(buf_t *b, const char *name, const char *label, const char *value)
{
    bfmt(b, "<p><label>%h<br><textarea name=\"%h\" rows=\"4\" cols=\"70\">%h</textarea></label></p>", label, name,
         value ? value : "");
}

static void item_form(web_req *w, const ent_t *a, const asm_item *it)
{
    buf_t *b = &w->res->body;
    const char *const *f = it->item.v;
    static const char *const impl[] = {"full", "partial", "not", "unknown", NULL};
    static const char *const eff[] = {"achieved", "partial", "not_achieved", "cannot_assess", NULL};
    static const char *const rel[] = {"yes", "no", NULL};
    static const char *const states[] = {"strawman", "discussed", "approved", NULL};
    char today[DATE_SIZE];
    clock_today(today);
    bfmt(b, "<details class=\"edit\"><summary>Edit the answers</summary><form method=\"post\" action=\"/assessments/%t/items/%t\">",
         a->id, f[ITEM_REC]);
    page_csrf(w);
    textarea(b, "what_done", "What was done", f[ITEM_WHAT_DONE]);
    select_box(b, "implemented", "Implemented", impl, f[ITEM_IMPLEMENTED]);
    select_box(b, "effect", "Intended effect", eff, f[ITEM_EFFECT]);
    select_box(b, "relevant", "Still relevant", rel, f[ITEM_RELEVANT]);
    select_box(b, "state", "State", states, f[ITEM_STATE]);
    textarea(b, "how_assessed", "How it was assessed", f[ITEM_HOW_ASSESSED]);
    textarea(b, "further_work", "Further work", f[ITEM_FURTHER_WORK]);
    bfmt(b, "<p><label>Effective <input type=\"date\" name=\"effective\" value=\"%h\" max=\"%h\" required></label> "
            "<label>Reason <input type=\"text\" name=\"reason\" required size=\"30\"></label> <button type=\"submit\">Save answers</button></p>"
            "</form>", today, today);
    bfmt(b, "<form method=\"post\" action=\"/assessments/%t/items/%t/signoff\">", a->id, f[ITEM_REC]);
    page_csrf(w);
    bfmt(b, "<p><label>Dissent (optional)<br><textarea name=\"dissent\" rows=\"2\" cols=\"70\"></textarea></label></p>"
            "<p><button type=\"submit\">Sign off as %h</button></p></form></details>\n", w->user);
}

/* For assessors: answer a rec of the assessed review that has no item yet. */
static void new_item_form(web_req *w, const asm_model *m)
{
    ent_t *recs;
    size_t n;
    if (store_list(w->db, &kind_rec, &w->view, REC_REVIEW, m->a.v[ASM_OF], w->a, &recs, &n, &w->err)) return;
    buf_t *b = &w->res->body;
    char today[DATE_SIZE];
    clock_today(today);
    bfmt(b, "<section class=\"edit\"><h2>Answer another recommendation</h2><form method=\"post\" "
            "action=\"/assessments/%t/items\">", m->a.id);
    page_csrf(w);
    buf_puts(b, "<label>Rec <select name=\"rec\">");
    for (size_t i = 0; i < n; i++) {
        int has = 0;
        for (size_t k = 0; k < m->n && !has; k++) has = strcmp(m->items[k].item.v[ITEM_REC], recs[i].id) == 0;
        if (!has) bfmt(b, "<option>%h</option>", recs[i].id);
    }
    bfmt(b, "</select></label> <label>Implemented <select name=\"implemented\"><option>unknown</option><option>full</option>"
            "<option>partial</option><option>not</option></select></label> "
            "<label>Effective <input type=\"date\" name=\"effective\" value=\"%h\" max=\"%h\" required></label> "
            "<label>Reason <input type=\"text\" name=\"reason\" required></label> <button type=\"submit\">Start</button></form></section>\n",
         today, today);
}

/* GET /assessments/ID — one assessment, item by item, with sign-offs and
 * dissent; an assessor signed in by session also gets the answer forms.
 * Parameters: as_of. Role: anyone; restricted recs only for signed-in users. */
int assessment_page(web_req *w, char **args)
{
    asm_model m;
    if (asm_load(w->db, &w->view, args[0], NULL, !can_see_restricted(w), w->a, &m, &w->err))
        return web_error_from(w, &w->err);
    buf_t *b = &w->res->body;
    const ent_t *a = &m.a;
    page_begin(w, a->id);
    bfmt(b, "<h1>%h assessment of %h</h1>\n<p class=\"sub\">Assessment %h as of <time>%h</time>%s%h</p>\n",
         a->v[ASM_BY], a->v[ASM_OF], a->id, a->v[ASM_AS_OF], a->v[ASM_TITLE] ? ": " : "",
         a->v[ASM_TITLE] ? a->v[ASM_TITLE] : "");
    watch_button(w, "assessment", a->id);
    bfmt(b, "<table class=\"overview\"><caption>Overview of %zu recommendations</caption><tbody>"
            "<tr><th scope=\"row\">Fully implemented</th><td class=\"num\">%zu</td></tr>"
            "<tr><th scope=\"row\">Partially implemented</th><td class=\"num\">%zu</td></tr>"
            "<tr><th scope=\"row\">Not implemented</th><td class=\"num\">%zu</td></tr>"
            "<tr><th scope=\"row\">Unknown</th><td class=\"num\">%zu</td></tr>"
            "<tr><th scope=\"row\">Still relevant</th><td class=\"num\">%zu</td></tr>"
            "<tr><th scope=\"row\">Not relevant</th><td class=\"num\">%zu</td></tr>"
            "<tr><th scope=\"row\">Approved by the team</th><td class=\"num\">%zu</td></tr>"
            "<tr><th scope=\"row\">Dissents on record</th><td class=\"num\">%zu</td></tr></tbody></table>\n",
         m.n, m.implemented[0], m.implemented[1], m.implemented[2], m.implemented[3], m.relevant[0], m.relevant[1],
         m.approved, m.dissents);
    buf_puts(b, "<p>");
    buf_t href = BUF_INIT;
    bfmt(&href, "/reports/assessment?assessment=%t&amp;format=html", a->id);
    page_link(w, buf_str(&href), "Printable report");
    buf_puts(b, "</p>\n");
    for (size_t i = 0; i < m.n; i++) {
        const asm_item *it = &m.items[i];
        const char *const *f = it->item.v;
        buf_reset(&href);
        bfmt(&href, "/recs/%t", f[ITEM_REC]);
        bfmt(b, "<section class=\"item\" id=\"%h\"><h2>", f[ITEM_REC]);
        page_link(w, buf_str(&href), f[ITEM_REC]);
        bfmt(b, " %h</h2>\n", it->rec.id ? it->rec.v[REC_TITLE] : "");
        const char *quoted = f[ITEM_REC_TEXT] ? f[ITEM_REC_TEXT] : it->rec.id ? it->rec.v[REC_TEXT] : NULL;
        if (quoted) {
            buf_puts(b, "<blockquote>");
            page_markdown(b, quoted);
            buf_puts(b, "</blockquote>");
        }
        bfmt(b, "<p class=\"verdicts\"><span><strong>Implemented:</strong> %h</span> <span><strong>Intended effect:</strong> "
                "%h</span> <span><strong>Still relevant:</strong> %h</span> <span><strong>State:</strong> %h</span></p>\n",
             f[ITEM_IMPLEMENTED], or_not_stated(f[ITEM_EFFECT]), or_not_stated(f[ITEM_RELEVANT]), f[ITEM_STATE]);
        static const struct { int field; const char *heading; } answers[] = {
            {ITEM_WHAT_DONE, "What was done"}, {ITEM_HOW_ASSESSED, "How it was assessed"}, {ITEM_FURTHER_WORK, "Further work"}};
        for (size_t k = 0; k < 3; k++) {
            if (!f[answers[k].field]) continue;
            bfmt(b, "<h3>%h</h3>", answers[k].heading);
            page_markdown(b, f[answers[k].field]);
        }
        asm_item_html_records(b, it);
        if (can_assess(w) && !w->via_token) item_form(w, a, it);
        if (item_comments(w, it->item.id)) { buf_free(&href); buf_reset(b); return web_error_from(w, &w->err); }
        buf_puts(b, "</section>\n");
    }
    buf_free(&href);
    if (can_assess(w) && !w->via_token) new_item_form(w, &m);
    page_end(w);
    return 200;
}
