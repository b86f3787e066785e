/* page_assess.c — /assessments and /assessments/ID: the overview counts, a
 * filter by verdict, a contents list of the items with their verdicts as
 * badges, and each rec's answers folded (<details>) with evidence,
 * sign-offs and dissent. /assessments/ID/implemented/CODE is the same page
 * with only the items of that verdict: a plain address rather than a query,
 * so the filter works without scripts, live and in the static export alike.
 * Assessors get a form per item to answer and to sign off. */
#include <string.h>

#include "core/vocab.h"
#include "report/assessment_model.h"
#include "report/layout.h"
#include "util/fmt.h"
#include "web/downloads.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_comments.h"
#include "web/page_form.h"
#include "web/visible.h"

/* The `implemented` codes, in the order of asm_model's counts. */
static const char *const verdicts[] = {"full", "partial", "not", "unknown"};

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

/* A verdict badge: the word, with a class per code for its colour. */
static void badge(buf_t *b, const char *field, const char *code)
{
    if (!code) return;
    bfmt(b, "<span class=\"badge %h-%h\">%h</span> ", field, code, vocab_label(field, code));
}

static int is_form(const form_error *fe, const char *form) { return fe && fe->form && strcmp(fe->form, form) == 0; }

/* The assessor's forms of one item: its answers, then a sign-off with any
 * dissent; folded unless a refused post is shown again at one of them. */
static void item_form(web_req *w, const ent_t *a, const asm_item *it, const form_error *fe)
{
    buf_t *b = &w->res->body;
    const char *const *f = it->item.v;
    static const char *const eff[] = {"achieved", "partial", "not_achieved", "cannot_assess"};
    static const char *const rel[] = {"yes", "no"};
    static const char *const states[] = {"strawman", "discussed", "approved"};
    char *form = arena_printf(w->a, "item-%s", f[ITEM_REC]), *sign = arena_printf(w->a, "signoff-%s", f[ITEM_REC]);
    char *ctx = arena_printf(w->a, "for %s", f[ITEM_REC]);
    if (!form || !sign || !ctx) return;
    bfmt(b, "<details class=\"edit\"%s><summary>Edit the answers<span class=\"vh\"> for %h</span></summary>"
            "<form method=\"post\" action=\"/assessments/%t/items/%t\" aria-label=\"Answers for %h\">",
         is_form(fe, form) || is_form(fe, sign) ? " open" : "", f[ITEM_REC], a->id, f[ITEM_REC], f[ITEM_REC]);
    page_csrf(w);
    form_error_note(w, fe, form);
    form_field fw = {form, "what_done", "What was done", ctx}, fi = {form, "implemented", "Implemented", ctx},
               fx = {form, "effect", "Intended effect", ctx}, fr = {form, "relevant", "Still relevant", ctx},
               fs = {form, "state", "State", ctx}, fh = {form, "how_assessed", "How it was assessed", ctx},
               fu = {form, "further_work", "Further work", ctx};
    form_textarea(w, fe, &fw, 4, form_value(w, fe, form, "what_done", f[ITEM_WHAT_DONE]));
    form_select(w, fe, &fi, "implemented", verdicts, 4, form_value(w, fe, form, "implemented", f[ITEM_IMPLEMENTED]),
                "(not stated)");
    form_select(w, fe, &fx, "effect", eff, 4, form_value(w, fe, form, "effect", f[ITEM_EFFECT]), "(not stated)");
    form_select(w, fe, &fr, "relevant", rel, 2, form_value(w, fe, form, "relevant", f[ITEM_RELEVANT]), "(not stated)");
    form_select(w, fe, &fs, "state", states, 3, form_value(w, fe, form, "state", f[ITEM_STATE]), "(not stated)");
    form_textarea(w, fe, &fh, 4, form_value(w, fe, form, "how_assessed", f[ITEM_HOW_ASSESSED]));
    form_textarea(w, fe, &fu, 4, form_value(w, fe, form, "further_work", f[ITEM_FURTHER_WORK]));
    form_effective_reason(w, fe, form, ctx, 30);
    bfmt(b, "<button type=\"submit\">Save answers<span class=\"vh\"> for %h</span></button></form>"
            "<form method=\"post\" action=\"/assessments/%t/items/%t/signoff\" aria-label=\"Sign-off for %h\">",
         f[ITEM_REC], a->id, f[ITEM_REC], f[ITEM_REC]);
    page_csrf(w);
    form_error_note(w, fe, sign);
    form_field fd = {sign, "dissent", "Dissent (optional)", ctx};
    form_textarea(w, fe, &fd, 2, form_value(w, fe, sign, "dissent", NULL));
    bfmt(b, "<button type=\"submit\">Sign off %h as %h</button></form></details>\n", f[ITEM_REC], w->user);
}

/* For assessors: answer a rec of the assessed review that has no item yet. */
static void new_item_form(web_req *w, const asm_model *m, const form_error *fe)
{
    ent_t *recs;
    size_t n;
    if (store_list(w->db, &kind_rec, &w->view, REC_REVIEW, m->a.v[ASM_OF], w->a, &recs, &n, &w->err)) return;
    const char **open = arena_alloc(w->a, sizeof(char *) * (n + 1));
    int nopen = 0;
    for (size_t i = 0; open && i < n; i++) {
        int has = 0;
        for (size_t k = 0; k < m->n && !has; k++) has = strcmp(m->items[k].item.v[ITEM_REC], recs[i].id) == 0;
        if (!has) open[nopen++] = recs[i].id;
    }
    if (!open || !nopen) return;
    buf_t *b = &w->res->body;
    bfmt(b, "<section class=\"edit\" aria-labelledby=\"new-item-h\"><h2 id=\"new-item-h\">Answer another recommendation</h2>"
            "<form method=\"post\" action=\"/assessments/%t/items\">", m->a.id);
    page_csrf(w);
    form_error_note(w, fe, "new-item");
    form_field fr = {"new-item", "rec", "Recommendation", NULL}, fi = {"new-item", "implemented", "Implemented", NULL};
    form_select(w, fe, &fr, NULL, open, nopen, form_value(w, fe, "new-item", "rec", NULL), NULL);
    form_select(w, fe, &fi, "implemented", verdicts, 4, form_value(w, fe, "new-item", "implemented", "unknown"), NULL);
    form_effective_reason(w, fe, "new-item", "for the new answer", 30);
    buf_puts(b, "<button type=\"submit\">Start</button></form></section>\n");
}

/* The heading, the Watch button, the overview counts in words, and the
 * printable report. */
static void asm_head(web_req *w, const asm_model *m)
{
    buf_t *b = &w->res->body;
    const ent_t *a = &m->a;
    bfmt(b, "<h1>%h assessment of %h</h1>\n<p class=\"sub\">Assessment %h as of <time>%h</time>%s%h</p>\n",
         a->v[ASM_BY], a->v[ASM_OF], a->id, a->v[ASM_AS_OF], a->v[ASM_TITLE] ? ": " : "",
         a->v[ASM_TITLE] ? a->v[ASM_TITLE] : "");
    watch_button(w, "assessment", a->id);
    bfmt(b, "<table class=\"overview\"><caption>Overview of %zu recommendations</caption><tbody>", m->n);
    for (int v = 0; v < 4; v++)
        bfmt(b, "<tr><th scope=\"row\">%h</th><td class=\"num\">%zu</td></tr>", vocab_label("implemented", verdicts[v]),
             m->implemented[v]);
    bfmt(b, "<tr><th scope=\"row\">%h</th><td class=\"num\">%zu</td></tr>"
            "<tr><th scope=\"row\">%h</th><td class=\"num\">%zu</td></tr>"
            "<tr><th scope=\"row\">%h</th><td class=\"num\">%zu</td></tr>"
            "<tr><th scope=\"row\">Dissents on record</th><td class=\"num\">%zu</td></tr></tbody></table>\n",
         vocab_label("relevant", "yes"), m->relevant[0], vocab_label("relevant", "no"), m->relevant[1],
         vocab_label("state", "approved"), m->approved, m->dissents);
    table_links(w, "/tables/assessments/*", a->id, "/api/v1/assessments/*");
    buf_puts(b, "<p>");
    buf_t href = BUF_INIT;
    bfmt(&href, "/reports/assessment?assessment=%t&amp;format=html", a->id);   /* the export holds it as a file */
    page_link(w, buf_str(&href), "Printable report");
    buf_puts(b, "</p>\n");
    buf_free(&href);
}

/* The filter by verdict: links to the whole assessment and to the page of
 * each verdict, with counts; the one shown is marked aria-current. */
static void asm_filters(web_req *w, const asm_model *m, const char *verdict)
{
    buf_t *b = &w->res->body;
    buf_t href = BUF_INIT;
    buf_puts(b, "<nav class=\"filter\" aria-label=\"Filter by verdict\"><span>Show:</span><ul>");
    for (int v = -1; v < 4; v++) {
        const char *code = v < 0 ? NULL : verdicts[v];
        int current = code ? verdict && strcmp(verdict, code) == 0 : !verdict;
        buf_reset(&href);
        bfmt(&href, "/assessments/%t", m->a.id);
        if (code) bfmt(&href, "/implemented/%t", code);
        buf_puts(b, "<li>");
        if (current) buf_puts(b, "<strong aria-current=\"page\">");
        else {
            buf_puts(b, "<a href=\"");
            page_href(w, b, buf_str(&href));
            buf_puts(b, "\">");
        }
        bfmt(b, "%h (%zu)%s</li>", code ? vocab_label("implemented", code) : "All", code ? m->implemented[v] : m->n,
             current ? "</strong>" : "</a>");
    }
    buf_puts(b, "</ul></nav>\n");
    buf_free(&href);
}

static int shown(const asm_item *it, const char *verdict)
{
    return !verdict || (it->item.v[ITEM_IMPLEMENTED] && strcmp(it->item.v[ITEM_IMPLEMENTED], verdict) == 0);
}

/* The contents: one link per item shown, to its section, with its verdict. */
static void asm_contents(web_req *w, const asm_model *m, const char *verdict)
{
    buf_t *b = &w->res->body;
    buf_puts(b, "<nav class=\"contents\" id=\"contents\" aria-labelledby=\"contents-h\"><h2 id=\"contents-h\">Contents</h2><ol>");
    size_t n = 0;
    for (size_t i = 0; i < m->n; i++) {
        const asm_item *it = &m->items[i];
        if (!shown(it, verdict)) continue;
        n++;
        const char *rec = it->item.v[ITEM_REC];
        bfmt(b, "<li><a href=\"#%h\"><span class=\"id\">%h</span> %h</a> ", rec, rec, it->rec.id ? it->rec.v[REC_TITLE] : "");
        badge(b, "implemented", it->item.v[ITEM_IMPLEMENTED]);
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ol>");
    if (!n) buf_puts(b, "<p>No recommendation has this verdict.</p>");
    buf_puts(b, "</nav>\n");
}

/* Once after a save (sv, from the flash cookie of web/page_form.h: answers,
 * signoff or new-item, and the item's rec), at that item: what was saved, in
 * words read from the record. */
static void item_saved_note(web_req *w, const form_saved_t *sv, const asm_item *it)
{
    const char *saved = sv->what, *rec = sv->which;
    const char *const *f = it->item.v;
    if (!saved || !rec || strcmp(rec, f[ITEM_REC]) != 0) return;
    char *text = NULL;
    if (strcmp(saved, "answers") == 0 || strcmp(saved, "new-item") == 0)
        text = arena_printf(w->a, "Saved: the answers for %s (%s; %s).", f[ITEM_REC],
                            vocab_label("implemented", f[ITEM_IMPLEMENTED]), vocab_label("state", f[ITEM_STATE]));
    else if (strcmp(saved, "signoff") == 0)
        text = arena_printf(w->a, "Saved: %s signed off by %s.", f[ITEM_REC], w->user);
    if (text) form_saved_note(w, text);
}

/* One item: its heading, its verdicts as badges, and the quoted
 * recommendation and each answer folded; then evidence and sign-offs, the
 * assessor's forms and the discussion. -1 with w->err on a read error. */
static int asm_item_section(web_req *w, const asm_model *m, const asm_item *it, const form_error *fe,
                            const form_saved_t *sv)
{
    buf_t *b = &w->res->body;
    const char *const *f = it->item.v;
    buf_t href = BUF_INIT;
    bfmt(&href, "/recs/%t", f[ITEM_REC]);
    bfmt(b, "<section class=\"item\" id=\"%h\"><h2>", f[ITEM_REC]);
    page_link(w, buf_str(&href), f[ITEM_REC]);
    buf_free(&href);
    bfmt(b, " %h</h2>\n<p class=\"verdicts\">", it->rec.id ? it->rec.v[REC_TITLE] : "");
    badge(b, "implemented", f[ITEM_IMPLEMENTED]);
    badge(b, "effect", f[ITEM_EFFECT]);
    badge(b, "relevant", f[ITEM_RELEVANT]);
    badge(b, "state", f[ITEM_STATE]);
    buf_puts(b, "</p>\n");
    item_saved_note(w, sv, it);
    const char *quoted = f[ITEM_REC_TEXT] ? f[ITEM_REC_TEXT] : it->rec.id ? it->rec.v[REC_TEXT] : NULL;
    if (quoted) {
        buf_puts(b, "<details><summary>The recommendation</summary><blockquote>");
        page_markdown(b, quoted);
        buf_puts(b, "</blockquote></details>\n");
    }
    static const struct { int field; const char *heading; } answers[] = {
        {ITEM_WHAT_DONE, "What was done"}, {ITEM_HOW_ASSESSED, "How it was assessed"}, {ITEM_FURTHER_WORK, "Further work"}};
    for (size_t k = 0; k < 3; k++) {
        if (!f[answers[k].field]) continue;
        bfmt(b, "<details><summary>%h</summary>", answers[k].heading);
        page_markdown(b, f[answers[k].field]);
        buf_puts(b, "</details>\n");
    }
    if (it->nevidence || it->nsignoffs) {
        bfmt(b, "<details><summary>Evidence (%zu) and sign-offs (%zu)</summary>", it->nevidence, it->nsignoffs);
        asm_item_html_records(b, it);
        buf_puts(b, "</details>\n");
    }
    if (can_assess(w) && !w->via_token) item_form(w, &m->a, it, fe);
    if (item_comments(w, it->item.id)) return -1;
    buf_puts(b, "<p class=\"back\"><a href=\"#contents\">Back to the contents</a></p></section>\n");
    return 0;
}

int assessment_page_show(web_req *w, const char *id, const char *verdict, const form_error *fe)
{
    asm_model m;
    if (asm_load(w->db, &w->view, id, NULL, !can_see_restricted(w), w->a, &m, &w->err))
        return web_error_from(w, &w->err);
    buf_t *b = &w->res->body;
    char *title = verdict ? arena_printf(w->a, "%s: %s", m.a.id, vocab_label("implemented", verdict)) : NULL;
    page_begin(w, title ? title : m.a.id);
    asm_head(w, &m);
    asm_filters(w, &m, verdict);
    asm_contents(w, &m, verdict);
    /* A save's confirmation, on the whole page only (where the post's 303 leads). */
    form_saved_t sv = {NULL, NULL};
    if (!verdict) {
        buf_t path = BUF_INIT;
        bfmt(&path, "/assessments/%t", m.a.id);
        if (buf_ok(&path)) form_saved(w, buf_str(&path), &sv);
        buf_free(&path);
    }
    for (size_t i = 0; i < m.n; i++)
        if (shown(&m.items[i], verdict) && asm_item_section(w, &m, &m.items[i], fe, &sv)) {
            buf_reset(b);
            return web_error_from(w, &w->err);
        }
    if (can_assess(w) && !w->via_token && !verdict) new_item_form(w, &m, fe);
    page_end(w);
    return 200;
}

/* GET /assessments/ID — one assessment: overview, filter by verdict,
 * contents, then item by item the verdicts, the folded answers, sign-offs
 * and dissent; an assessor signed in by session also gets the answer forms
 * (and, once after a save, a confirmation at the item).
 * Parameters: as_of. Role: anyone; restricted recs only for signed-in users. */
int assessment_page(web_req *w, char **args) { return assessment_page_show(w, args[0], NULL, NULL); }

/* GET /assessments/ID/implemented/CODE — the same page with only the items
 * whose verdict is CODE (full, partial, not, unknown); 404 for another
 * code. Parameters: as_of. Role: anyone. */
int assessment_filter_page(web_req *w, char **args)
{
    for (int v = 0; v < 4; v++)
        if (strcmp(args[1], verdicts[v]) == 0) return assessment_page_show(w, args[0], verdicts[v], NULL);
    return web_error(w, 404, "not_found", "There is no such verdict: full, partial, not or unknown.");
}
