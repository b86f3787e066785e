/* page_recs.c — /recs (filters and search) and /recs/ID: the rec's header
 * and facts, then, for editors signed in by session, its Edit section near
 * the top (status, new milestone, each milestone), then its text, sub-items,
 * milestones, relations, KPIs, evidence, claims, assessments, discussion and
 * history. Each section is its own function; codes show as words
 * (core/vocab.h). */
#include <string.h>

#include "core/status.h"
#include "core/vocab.h"
#include "report/layout.h"
#include "util/fmt.h"
#include "util/text.h"
#include "report/evidence_report.h"
#include "store/claims.h"
#include "web/downloads.h"
#include "web/handlers.h"
#include "web/page_kpis.h"
#include "web/page.h"
#include "web/page_comments.h"
#include "web/page_form.h"
#include "web/rec_claims.h"
#include "web/rec_history.h"
#include "web/recs_filter.h"
#include "web/visible.h"

static const char *or_dash(const char *s) { return s && *s ? s : "\xE2\x80\x93"; }

/* The status codes, in order, for selects. */
static const char *const *status_codes(void)
{
    static const char *codes[ST_COUNT];
    for (int s = 0; s < ST_COUNT; s++) codes[s] = status_name((status_t)s);
    return codes;
}

/* <select> of codes shown as words, with one selected; first option "any"
 * when any_label. */
static void select_box(buf_t *b, const char *name, const char *label, const char *vocab, const char *const *choices,
                       int n, const char *selected, const char *any_label)
{
    bfmt(b, "<label>%h <select name=\"%h\">", label, name);
    if (any_label) bfmt(b, "<option value=\"\">%h</option>", any_label);
    for (int i = 0; i < n; i++)
        bfmt(b, "<option value=\"%h\"%s>%h</option>", choices[i],
             selected && strcmp(selected, choices[i]) == 0 ? " selected" : "", vocab ? vocab_label(vocab, choices[i]) : choices[i]);
    buf_puts(b, "</select></label> ");
}

static void rec_rows(web_req *w, const visibility *vis, const ent_t *recs, size_t n, const ent_t *ms, size_t nms)
{
    buf_t *b = &w->res->body;
    buf_puts(b, "<table class=\"recs\"><thead><tr><th scope=\"col\">Rec</th><th scope=\"col\">Status</th>"
                "<th scope=\"col\">Title</th><th scope=\"col\">Topic</th><th scope=\"col\">Owner</th>"
                "<th scope=\"col\">Due</th><th scope=\"col\">Activities</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const ent_t *r = &recs[i];
        buf_t href = BUF_INIT;
        bfmt(&href, "/recs/%t", r->id);
        bfmt(b, "<tr%s><td>", r->v[REC_PARENT] ? " class=\"sub\"" : "");
        page_link(w, buf_str(&href), r->id);
        buf_free(&href);
        buf_puts(b, "</td><td>");
        page_status(w, r->v[REC_STATUS]);
        bfmt(b, "</td><td>%h%s</td><td>%h</td><td>%h</td><td>%h</td><td class=\"marks\">", r->v[REC_TITLE],
             field_true(r->v[REC_RESTRICTED]) ? " <span class=\"restricted\">(restricted)</span>" : "",
             or_dash(r->v[REC_TOPIC]), or_dash(r->v[REC_OWNER]), or_dash(r->v[REC_DUE]));
        for (size_t m = 0; m < nms; m++)
            if (strcmp(ms[m].v[MS_REC], r->id) == 0 && !vis_is_hidden(vis, "milestone", ms[m].id)) {
                int st = status_parse(ms[m].v[MS_STATUS]);
                bfmt(b, "<span title=\"%h: %h\">%s</span>", ms[m].v[MS_TITLE], vocab_label("status", ms[m].v[MS_STATUS]),
                     status_ssr1_mark(st < 0 ? ST_NOT_STARTED : (status_t)st));
            }
        buf_puts(b, "</td></tr>\n");
    }
    buf_puts(b, "</tbody></table>\n");
}

/* The filter form of /recs: selects show words and send codes. */
static void recs_filter_form(web_req *w, const recs_filter *f, const ent_t *reviews, size_t nrev)
{
    buf_t *b = &w->res->body;
    buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"/recs\" role=\"search\">");
    const char **rv = arena_alloc(w->a, sizeof(char *) * (nrev + 1));
    for (size_t i = 0; rv && i < nrev; i++) rv[i] = reviews[i].id;
    if (rv) select_box(b, "review", "Review", NULL, rv, (int)nrev, f->review, "any");
    select_box(b, "status", "Status", "status", status_codes(), ST_COUNT, f->status, "any");
    bfmt(b, "<label>Topic <input type=\"text\" name=\"topic\" value=\"%h\" size=\"14\"></label> "
            "<label>Owner <input type=\"text\" name=\"owner\" value=\"%h\" size=\"10\"></label> "
            "<label><input type=\"checkbox\" name=\"overdue\" value=\"1\"%s> Overdue</label> "
            "<label>Search <input type=\"search\" name=\"q\" value=\"%h\" size=\"16\"></label>",
         f->topic ? f->topic : "", f->owner ? f->owner : "", f->overdue ? " checked" : "", f->q ? f->q : "");
    if (w->as_of) bfmt(b, "<input type=\"hidden\" name=\"as_of\" value=\"%h\">", w->as_of);
    buf_puts(b, " <button type=\"submit\">Filter</button></form>\n");
}

/* GET /recs — the recs, filtered. Parameters: review, topic, owner,
 * status, q (words of the title or text), overdue=1, as_of; format=csv|xlsx
 * for a download. Role: anyone; restricted recs only for signed-in users.
 * The static export has no query strings, so no filter form there. */
int recs_page(web_req *w, char **args)
{
    (void)args;
    visibility vis;
    recs_filter f;
    ent_t *recs, *ms, *reviews;
    size_t n, nms, nrev;
    if (vis_load(w, &vis) || recs_filter_parse(w, &f) ||
        recs_filter_apply(w, &vis, &f, &recs, &n) ||
        store_list(w->db, &kind_milestone, &w->view, -1, NULL, w->a, &ms, &nms, &w->err) ||
        store_list(w->db, &kind_review, &w->view, -1, NULL, w->a, &reviews, &nrev, &w->err)) {
        vis_free(&vis);
        return web_error_from(w, &w->err);
    }
    const char *fmt = http_param(w->req, "format");
    if (fmt) { vis_free(&vis); return recs_download(w, fmt, recs, n); }
    buf_t *b = &w->res->body;
    page_begin(w, "Recommendations");
    buf_puts(b, "<h1>Recommendations</h1>\n");
    if (w->ctx->static_site) {
        /* Static files take no query: the filtered lists the pages link are pages of their own. */
        recs_filter_describe(w, &f, n);
        rec_rows(w, &vis, recs, n, ms, nms);
        vis_free(&vis);
        page_end(w);
        return 200;
    }
    recs_filter_form(w, &f, reviews, nrev);
    bfmt(b, "<p>%zu recommendations.</p>\n", n);
    rec_rows(w, &vis, recs, n, ms, nms);
    recs_download_links(w, &f);
    vis_free(&vis);
    page_end(w);
    return 200;
}

/* What a rec's page shows, loaded once as of the view. */
typedef struct {
    ent_t r;
    ent_t *ms, *kids, *out, *in, *items;
    size_t nms, nkids, nout, nin, nitems;
    ent_t *ev;                /* the evidence cited for the rec or its milestones, in id order */
    size_t nev;
    link_check *checks;       /* the newest check of each of its URLs, as of the view (URL order) */
    size_t nchecks;
    visibility vis;
} rec_parts;

/* The heading, the Watch button and the facts (status, review, Board, …). */
static void rec_header(web_req *w, const rec_parts *p)
{
    buf_t *b = &w->res->body;
    const ent_t *r = &p->r;
    buf_t href = BUF_INIT;
    bfmt(b, "<article class=\"rec\"><h1><span class=\"id\">%h</span> %h</h1>\n", r->id, r->v[REC_TITLE]);
    watch_button(w, "rec", r->id);
    if (field_true(r->v[REC_RESTRICTED])) buf_puts(b, "<p class=\"restricted\">Restricted: shown to signed-in users only.</p>\n");
    buf_puts(b, "<dl class=\"facts\"><dt>Status</dt><dd>");
    page_status(w, r->v[REC_STATUS]);
    buf_puts(b, "</dd><dt>Review</dt><dd>");
    bfmt(&href, "/reviews/%t", r->v[REC_REVIEW]);
    page_link(w, buf_str(&href), r->v[REC_REVIEW]);
    buf_reset(&href);
    buf_puts(b, "</dd>");
    if (r->v[REC_PARENT]) {
        bfmt(&href, "/recs/%t", r->v[REC_PARENT]);
        buf_puts(b, "<dt>Part of</dt><dd>");
        page_link(w, buf_str(&href), r->v[REC_PARENT]);
        buf_puts(b, "</dd>");
    }
    buf_free(&href);
    bfmt(b, "<dt>Board</dt><dd>%h</dd><dt>Priority</dt><dd>%h</dd><dt>Owner</dt><dd>%h</dd><dt>Topic</dt><dd>%h</dd>"
            "<dt>Due</dt><dd>%h</dd><dt>Recurring</dt><dd>%s</dd><dt>Since</dt><dd><time>%h</time></dd>"
            "<dt>Last change effective</dt><dd><time>%h</time></dd></dl>\n",
         r->v[REC_BOARD] ? vocab_label("board", r->v[REC_BOARD]) : or_dash(NULL), or_dash(r->v[REC_PRIORITY]),
         or_dash(r->v[REC_OWNER]), or_dash(r->v[REC_TOPIC]), or_dash(r->v[REC_DUE]),
         field_true(r->v[REC_RECURRING]) ? "yes" : "no", r->since, r->changed);
}

/* The milestone of p with id, or NULL. */
static const ent_t *find_ms(const rec_parts *p, const char *id)
{
    for (size_t i = 0; id && i < p->nms; i++)
        if (strcmp(p->ms[i].id, id) == 0) return &p->ms[i];
    return NULL;
}

/* Once after a save (the flash cookie of web/page_form.h), what was saved,
 * in words read from the record itself. */
static void rec_saved_note(web_req *w, const rec_parts *p)
{
    form_saved_t sv;
    buf_t path = BUF_INIT;
    bfmt(&path, "/recs/%t", p->r.id);
    int got = buf_ok(&path) && form_saved(w, buf_str(&path), &sv);
    buf_free(&path);
    if (!got) return;
    const char *saved = sv.what;
    const ent_t *m = find_ms(p, sv.which);
    char *text = NULL;
    if (strcmp(saved, "status") == 0)
        text = arena_printf(w->a, "Saved: status set to %s.", vocab_label("status", p->r.v[REC_STATUS]));
    else if (strcmp(saved, "milestone") == 0 && m)
        text = arena_printf(w->a, "Saved: milestone %s (%s) is now %s.", m->id, m->v[MS_TITLE],
                            vocab_label("status", m->v[MS_STATUS]));
    else if (strcmp(saved, "new-milestone") == 0 && m)
        text = arena_printf(w->a, "Saved: milestone %s added (%s).", m->id, m->v[MS_TITLE]);
    if (text) form_saved_note(w, text);
}

/* The editors' Edit section: the rec's status, a new milestone, and each
 * milestone's status; every field's label names what it changes. fe, when
 * not NULL, is a refused post to show again at its form. */
static void rec_edit(web_req *w, const rec_parts *p, const form_error *fe)
{
    buf_t *b = &w->res->body;
    const ent_t *r = &p->r;
    bfmt(b, "<section class=\"edit\" aria-labelledby=\"edit\"><h2 id=\"edit\">Edit</h2>\n");
    rec_saved_note(w, p);
    char *of_rec = arena_printf(w->a, "for %s", r->id);
    bfmt(b, "<form method=\"post\" action=\"/recs/%t/status\" aria-label=\"Status of %h\">", r->id, r->id);
    page_csrf(w);
    form_error_note(w, fe, "status");
    form_field st = {"status", "status", "Status", of_rec};
    form_select(w, fe, &st, "status", status_codes(), ST_COUNT, form_value(w, fe, "status", "status", r->v[REC_STATUS]), NULL);
    form_effective_reason(w, fe, "status", of_rec, 30);
    buf_puts(b, "<button type=\"submit\">Save status</button></form>\n");

    bfmt(b, "<form method=\"post\" action=\"/recs/%t/milestones\" aria-label=\"New milestone of %h\">", r->id, r->id);
    page_csrf(w);
    form_error_note(w, fe, "new-ms");
    char *of_new = arena_printf(w->a, "for the new milestone of %s", r->id);
    form_field title = {"new-ms", "title", "New milestone", of_rec}, due = {"new-ms", "due", "Due", of_new};
    form_input(w, fe, &title, NULL, form_value(w, fe, "new-ms", "title", NULL), "required size=\"30\"");
    form_input(w, fe, &due, "date", form_value(w, fe, "new-ms", "due", NULL), NULL);
    form_effective_reason(w, fe, "new-ms", of_new, 20);
    buf_puts(b, "<button type=\"submit\">Add milestone</button></form>\n");

    for (size_t i = 0; i < p->nms; i++) {
        const ent_t *m = &p->ms[i];
        char *form = arena_printf(w->a, "ms-%s", m->id), *of_ms = arena_printf(w->a, "for milestone %s", m->id);
        if (!form || !of_ms) return;
        bfmt(b, "<form method=\"post\" action=\"/milestones/%t\" aria-label=\"Milestone %h\">", m->id, m->id);
        page_csrf(w);
        form_error_note(w, fe, form);
        bfmt(b, "<span class=\"ms-name\"><span class=\"id\">%h</span> %h</span> ", m->id, m->v[MS_TITLE]);
        form_field ms_st = {form, "status", "Status", of_ms};
        form_select(w, fe, &ms_st, "status", status_codes(), ST_COUNT, form_value(w, fe, form, "status", m->v[MS_STATUS]), NULL);
        form_effective_reason(w, fe, form, of_ms, 20);
        bfmt(b, "<button type=\"submit\">Save<span class=\"vh\"> milestone %h</span></button></form>\n", m->id);
    }
    buf_puts(b, "</section>\n");
}

/* The evidence cited for the rec or its milestones that the reader may see,
 * with the health of each link at its newest check. */
static void evidence_section(web_req *w, const rec_parts *p)
{
    buf_t *b = &w->res->body;
    int shown = 0;
    for (size_t i = 0; i < p->nev; i++) {
        const ent_t *ev = &p->ev[i];
        if (vis_is_hidden(&p->vis, "evidence", ev->id)) continue;
        if (!shown++) buf_puts(b, "<h2>Evidence</h2><ul class=\"evidence\">");
        ev_health h = {ev, link_check_find(p->checks, p->nchecks, ev->v[EV_URL]), NULL};
        const char *health = ev_health_word(&h);
        bfmt(b, "<li><a href=\"%h\" rel=\"noopener noreferrer\">%h</a> <small>(%h, %h)</small> "
                "<span class=\"link link-%h\">%h</span></li>", ev->v[EV_URL],
             ev->v[EV_TITLE] ? ev->v[EV_TITLE] : ev->v[EV_URL], vocab_label("kind", ev->v[EV_KIND]), ev->v[EV_TARGET],
             health, vocab_label("health", health));
    }
    if (shown) buf_puts(b, "</ul>\n");
}

/* The rec's text (Markdown, rendered safely) and its visible sub-items. */
static void rec_text_and_parts(web_req *w, const rec_parts *p)
{
    buf_t *b = &w->res->body;
    if (p->r.v[REC_TEXT]) {
        buf_puts(b, "<section class=\"text\" aria-label=\"Text\">");
        page_markdown(b, p->r.v[REC_TEXT]);
        buf_puts(b, "</section>\n");
    }
    if (!p->nkids) return;
    buf_t href = BUF_INIT;
    buf_puts(b, "<h2>Sub-items</h2><ul>");
    for (size_t i = 0; i < p->nkids; i++) {
        if (vis_rec_hidden(&p->vis, p->kids[i].id)) continue;
        bfmt(&href, "/recs/%t", p->kids[i].id);
        buf_puts(b, "<li>");
        page_link(w, buf_str(&href), p->kids[i].id);
        buf_reset(&href);
        bfmt(b, " %h \xE2\x80\x94 ", p->kids[i].v[REC_TITLE]);
        page_status(w, p->kids[i].v[REC_STATUS]);
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ul>\n");
    buf_free(&href);
}

/* The visible milestones, with status, due and done dates. */
static void rec_milestones(web_req *w, const rec_parts *p)
{
    buf_t *b = &w->res->body;
    buf_puts(b, "<h2>Milestones</h2>\n");
    size_t shown = 0;
    for (size_t i = 0; i < p->nms; i++) {
        const ent_t *m = &p->ms[i];
        if (vis_is_hidden(&p->vis, "milestone", m->id)) continue;
        if (!shown++) buf_puts(b, "<table><thead><tr><th scope=\"col\">Milestone</th><th scope=\"col\">Status</th>"
                                  "<th scope=\"col\">Due</th><th scope=\"col\">Done</th></tr></thead><tbody>");
        bfmt(b, "<tr><td><span class=\"id\">%h</span> %h</td><td>", m->id, m->v[MS_TITLE]);
        page_status(w, m->v[MS_STATUS]);
        bfmt(b, "</td><td>%h</td><td>%h</td></tr>\n", or_dash(m->v[MS_DUE]), or_dash(m->v[MS_DONE]));
    }
    buf_puts(b, shown ? "</tbody></table>\n" : "<p>None.</p>\n");
    if (shown) table_links(w, "/tables/recs/*/milestones", p->r.id, NULL);
}

/* Active relations in both directions, read from this rec's side: "Derived
 * from SSR1-6" for its own links, "Led to SSR2-4" for those pointing here. */
static void rec_related(web_req *w, const rec_parts *p)
{
    buf_t *b = &w->res->body;
    buf_t href = BUF_INIT;
    int links = 0;
    for (int pass = 0; pass < 2; pass++) {
        const ent_t *l = pass ? p->in : p->out;
        size_t nl = pass ? p->nin : p->nout;
        for (size_t i = 0; i < nl; i++) {
            if (!field_true(l[i].v[LINK_ACTIVE]) || vis_is_hidden(&p->vis, "link", l[i].id)) continue;
            if (!links++) buf_puts(b, "<h2>Related</h2><ul>");
            /* Read from the link's source: "SSR2-D4 is derived from SSR1-9",
             * on either rec's page, the other rec linked. */
            const char *other = pass ? l[i].v[LINK_REC] : l[i].v[LINK_OTHER];
            bfmt(&href, "/recs/%t", other);
            buf_puts(b, "<li>");
            if (pass) page_link(w, buf_str(&href), other);
            else bfmt(b, "%h", p->r.id);
            bfmt(b, " %h ", vocab_relation(l[i].v[LINK_REL]));
            if (pass) bfmt(b, "%h", p->r.id);
            else page_link(w, buf_str(&href), other);
            buf_reset(&href);
            buf_puts(b, "</li>");
        }
    }
    if (links) buf_puts(b, "</ul>\n");
    buf_free(&href);
}

/* Each assessment's verdict on the rec, in words, linked to its item. */
static void rec_assessments(web_req *w, const rec_parts *p)
{
    if (!p->nitems) return;
    buf_t *b = &w->res->body;
    buf_t href = BUF_INIT;
    buf_puts(b, "<h2>Assessments</h2><table><thead><tr><th scope=\"col\">Assessment</th><th scope=\"col\">Implemented</th>"
                "<th scope=\"col\">Effect</th><th scope=\"col\">Still relevant</th><th scope=\"col\">State</th></tr></thead><tbody>");
    for (size_t i = 0; i < p->nitems; i++) {
        const char *const *f = p->items[i].v;
        bfmt(&href, "/assessments/%t#%t", f[ITEM_ASSESSMENT], p->r.id);
        buf_puts(b, "<tr><td>");
        page_link(w, buf_str(&href), f[ITEM_ASSESSMENT]);
        buf_reset(&href);
        bfmt(b, "</td><td>%h</td><td>%h</td><td>%h</td><td>%h</td></tr>", vocab_label("implemented", f[ITEM_IMPLEMENTED]),
             f[ITEM_EFFECT] ? vocab_label("effect", f[ITEM_EFFECT]) : or_dash(NULL),
             f[ITEM_RELEVANT] ? vocab_label("relevant", f[ITEM_RELEVANT]) : or_dash(NULL),
             vocab_label("state", f[ITEM_STATE]));
    }
    buf_puts(b, "</tbody></table>\n");
    table_links(w, "/tables/recs/*/assessments", p->r.id, NULL);
    buf_free(&href);
}

/* The History section (web/rec_history.c) from the rec's log; -1 with
 * w->err set on a read error. */
static int rec_history_section(web_req *w, const rec_parts *p)
{
    change_t *hist;
    size_t nhist;
    if (store_history(w->db, &kind_rec, p->r.id, w->a, &hist, &nhist, &w->err)) return -1;
    return rec_history(w, &p->vis, p->r.id, hist, nhist);
}

/* Load what the page shows; -1 with w->err set (ERR_NOTFOUND for a rec
 * hidden from this user). p->vis is loaded first; the caller frees it. */
static int rec_load(web_req *w, const char *id, rec_parts *p)
{
    if (vis_rec_hidden(&p->vis, id)) return err_set(&w->err, ERR_NOTFOUND, "There is no such recommendation.");
    return store_get(w->db, &kind_rec, &w->view, id, w->a, &p->r, &w->err) ||
                   store_list(w->db, &kind_milestone, &w->view, MS_REC, id, w->a, &p->ms, &p->nms, &w->err) ||
                   store_list(w->db, &kind_rec, &w->view, REC_PARENT, id, w->a, &p->kids, &p->nkids, &w->err) ||
                   store_list(w->db, &kind_link, &w->view, LINK_REC, id, w->a, &p->out, &p->nout, &w->err) ||
                   store_list(w->db, &kind_link, &w->view, LINK_OTHER, id, w->a, &p->in, &p->nin, &w->err) ||
                   store_list(w->db, &kind_item, &w->view, ITEM_REC, id, w->a, &p->items, &p->nitems, &w->err) ||
                   /* Only this rec's evidence, and the checks of only its URLs: read once
                    * for the evidence and claim sections. */
                   store_evidence_on(w->db, &w->view, id, p->ms, p->nms, w->a, &p->ev, &p->nev, &w->err) ||
                   ev_checks_of(w->db, &w->view, p->ev, p->nev, w->a, &p->checks, &p->nchecks, &w->err) ||
                   vis_known(&p->vis, &w->view, &kind_milestone, p->ms, p->nms) ||
                   vis_known(&p->vis, &w->view, &kind_rec, p->kids, p->nkids) ||
                   vis_known(&p->vis, &w->view, &kind_link, p->out, p->nout) ||
                   vis_known(&p->vis, &w->view, &kind_link, p->in, p->nin)
               ? -1
               : 0;
}

int rec_page_show(web_req *w, const char *id, const form_error *fe)
{
    rec_parts p = {0};
    int status = 200;
    if (vis_load(w, &p.vis)) return web_error_from(w, &w->err);
    if (rec_load(w, id, &p)) {
        status = web_error_from(w, &w->err);
        goto done;
    }
    buf_t *b = &w->res->body;
    page_begin(w, p.r.id);
    rec_header(w, &p);
    if (can_edit(w) && !w->via_token) rec_edit(w, &p, fe);
    if (rec_board_section(w, p.r.id)) goto failed;
    rec_text_and_parts(w, &p);
    rec_milestones(w, &p);
    rec_related(w, &p);
    if (kpi_section(w, p.r.id, &p.vis)) goto failed;
    evidence_section(w, &p);
    if (rec_claims_section(w, &p.r, p.ms, p.nms, &p.vis, p.ev, p.nev, p.checks, p.nchecks)) goto failed;
    rec_assessments(w, &p);
    if (comments_section(w, &p.vis, p.r.id, p.ms, p.nms) || rec_history_section(w, &p)) goto failed;
    buf_puts(b, "</article>\n");
    page_end(w);
    goto done;
failed:
    buf_reset(b);
    status = web_error_from(w, &w->err);
done:
    vis_free(&p.vis);
    return status;
}

/* GET /recs/ID[?as_of=DATE] — one rec: facts; for an editor signed in by
 * session, the Edit section (with a confirmation, once, after a save); the Board's decisions, text, sub-items, milestones, relations,
 * KPIs, evidence, claim, assessments, discussion, history. Anyone; a
 * restricted rec only for signed-in users (404 otherwise). */
int rec_page(web_req *w, char **args) { return rec_page_show(w, args[0], NULL); }
