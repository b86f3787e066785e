/* page_recs.c — /recs (filters and search) and /recs/ID (the rec with its
 * text, milestones, history with both times, evidence, assessments, links,
 * and the editors' forms). */
#include <string.h>

#include "core/status.h"
#include "report/layout.h"
#include "util/fmt.h"
#include "util/text.h"
#include "report/evidence_report.h"
#include "web/handlers.h"
#include "web/page_kpis.h"
#include "web/page.h"
#include "web/page_comments.h"
#include "web/rec_claims.h"
#include "web/recs_filter.h"
#include "web/visible.h"

static const char *or_dash(const char *s) { return s && *s ? s : "\xE2\x80\x93"; }

/* <select> of choices with one selected; first option "any" when any_label. */
static void select_box(buf_t *b, const char *name, const char *label, const char *const *choices, int n,
                       const char *selected, const char *any_label)
{
    bfmt(b, "<label>%h <select name=\"%h\">", label, name);
    if (any_label) bfmt(b, "<option value=\"\">%h</option>", any_label);
    for (int i = 0; i < n; i++)
        bfmt(b, "<option%s>%h</option>", selected && strcmp(selected, choices[i]) == 0 ? " selected" : "", choices[i]);
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
                bfmt(b, "<span title=\"%h: %h\">%s</span>", ms[m].v[MS_TITLE], ms[m].v[MS_STATUS],
                     status_ssr1_mark(st < 0 ? ST_NOT_STARTED : (status_t)st));
            }
        buf_puts(b, "</td></tr>\n");
    }
    buf_puts(b, "</tbody></table>\n");
}

/* GET /recs — the recs, filtered. Parameters: review, topic, owner,
 * status, q (words of the title or text), overdue=1, as_of. Role: anyone;
 * restricted recs only for signed-in users. */
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
    buf_puts(b, "<h1>Recommendations</h1>\n<form class=\"filters\" method=\"get\" action=\"/recs\" role=\"search\">");
    const char **rv = arena_alloc(w->a, sizeof(char *) * (nrev + 1));
    for (size_t i = 0; rv && i < nrev; i++) rv[i] = reviews[i].id;
    if (rv) select_box(b, "review", "Review", rv, (int)nrev, f.review, "any");
    const char *statuses[ST_COUNT];
    for (int s = 0; s < ST_COUNT; s++) statuses[s] = status_name((status_t)s);
    select_box(b, "status", "Status", statuses, ST_COUNT, f.status, "any");
    bfmt(b, "<label>Topic <input type=\"text\" name=\"topic\" value=\"%h\" size=\"14\"></label> "
            "<label>Owner <input type=\"text\" name=\"owner\" value=\"%h\" size=\"10\"></label> "
            "<label><input type=\"checkbox\" name=\"overdue\" value=\"1\"%s> Overdue</label> "
            "<label>Search <input type=\"search\" name=\"q\" value=\"%h\" size=\"16\"></label>",
         f.topic ? f.topic : "", f.owner ? f.owner : "", f.overdue ? " checked" : "", f.q ? f.q : "");
    if (w->as_of) bfmt(b, "<input type=\"hidden\" name=\"as_of\" value=\"%h\">", w->as_of);
    bfmt(b, " <button type=\"submit\">Filter</button></form>\n<p>%zu recommendations.</p>\n", n);
    rec_rows(w, &vis, recs, n, ms, nms);
    recs_download_links(w, &f);
    vis_free(&vis);
    page_end(w);
    return 200;
}

/* The editors' forms on a rec page. */
static void edit_forms(web_req *w, const ent_t *r, const ent_t *ms, size_t nms)
{
    buf_t *b = &w->res->body;
    char today[DATE_SIZE];
    clock_today(today);
    const char *statuses[ST_COUNT];
    for (int s = 0; s < ST_COUNT; s++) statuses[s] = status_name((status_t)s);
    bfmt(b, "<section class=\"edit\" aria-labelledby=\"edit\"><h2 id=\"edit\">Record a change</h2>\n"
            "<form method=\"post\" action=\"/recs/%t/status\">", r->id);
    page_csrf(w);
    select_box(b, "status", "Status", statuses, ST_COUNT, r->v[REC_STATUS], NULL);
    bfmt(b, "<label>Effective <input type=\"date\" name=\"effective\" value=\"%h\" max=\"%h\" required></label> "
            "<label>Reason <input type=\"text\" name=\"reason\" required size=\"30\"></label> "
            "<button type=\"submit\">Save status</button></form>\n", today, today);
    bfmt(b, "<form method=\"post\" action=\"/recs/%t/milestones\">", r->id);
    page_csrf(w);
    bfmt(b, "<label>New milestone <input type=\"text\" name=\"title\" required size=\"30\"></label> "
            "<label>Due <input type=\"date\" name=\"due\"></label> "
            "<label>Effective <input type=\"date\" name=\"effective\" value=\"%h\" max=\"%h\" required></label> "
            "<label>Reason <input type=\"text\" name=\"reason\" required size=\"20\"></label> "
            "<button type=\"submit\">Add milestone</button></form>\n", today, today);
    for (size_t i = 0; i < nms; i++) {
        bfmt(b, "<form method=\"post\" action=\"/milestones/%t\">", ms[i].id);
        page_csrf(w);
        bfmt(b, "<span>%h</span> ", ms[i].id);
        select_box(b, "status", "Status", statuses, ST_COUNT, ms[i].v[MS_STATUS], NULL);
        bfmt(b, "<label>Effective <input type=\"date\" name=\"effective\" value=\"%h\" max=\"%h\" required></label> "
                "<label>Reason <input type=\"text\" name=\"reason\" required size=\"20\"></label> "
                "<button type=\"submit\">Save</button></form>\n", today, today);
    }
    buf_puts(b, "</section>\n");
}

/* The evidence cited for the rec or its milestones, with the health of each
 * link at its newest check. */
static int evidence_section(web_req *w, const ent_t *r, const ent_t *ms, size_t nms, const visibility *vis)
{
    ev_health *rows;
    size_t n;
    if (ev_health_load(w->db, &w->view, NULL, w->a, &rows, &n, &w->err)) return -1;
    buf_t *b = &w->res->body;
    int shown = 0;
    for (size_t i = 0; i < n; i++) {
        const ent_t *ev = rows[i].ev;
        int mine = strcmp(ev->v[EV_TARGET_KIND], "rec") == 0 && strcmp(ev->v[EV_TARGET], r->id) == 0;
        for (size_t m = 0; !mine && m < nms; m++)
            mine = strcmp(ev->v[EV_TARGET_KIND], "milestone") == 0 && strcmp(ev->v[EV_TARGET], ms[m].id) == 0;
        if (!mine || vis_is_hidden(vis, "evidence", ev->id)) continue;
        if (!shown++) buf_puts(b, "<h2>Evidence</h2><ul class=\"evidence\">");
        const char *health = ev_health_word(&rows[i]);
        bfmt(b, "<li><a href=\"%h\" rel=\"noopener noreferrer\">%h</a> <small>(%h, %h)</small> "
                "<span class=\"link link-%h\">%h</span></li>", ev->v[EV_URL],
             ev->v[EV_TITLE] ? ev->v[EV_TITLE] : ev->v[EV_URL], ev->v[EV_KIND], ev->v[EV_TARGET], health, health);
    }
    if (shown) buf_puts(b, "</ul>\n");
    return 0;
}

/* GET /recs/ID[?as_of=DATE] — one rec: facts, text, sub-items, milestones,
 * relations, KPIs, evidence, assessments, history; an editor signed in by
 * session also gets the edit forms. Anyone; a restricted rec only for
 * signed-in users (404 otherwise). Owns vis and href until `done`. */
int rec_page(web_req *w, char **args)
{
    visibility vis;
    ent_t r, *ms, *kids, *out, *in, *items;
    size_t nms, nkids, nout, nin, nitems;
    change_t *hist;
    size_t nhist;
    buf_t href = BUF_INIT;
    int status;
    if (vis_load(w, &vis)) return web_error_from(w, &w->err);
    if (vis_rec_hidden(&vis, args[0])) {
        status = web_error(w, 404, "not_found", "There is no such recommendation.");
        goto done;
    }
    if (store_get(w->db, &kind_rec, &w->view, args[0], w->a, &r, &w->err) ||
        store_list(w->db, &kind_milestone, &w->view, MS_REC, r.id, w->a, &ms, &nms, &w->err) ||
        store_list(w->db, &kind_rec, &w->view, REC_PARENT, r.id, w->a, &kids, &nkids, &w->err) ||
        store_list(w->db, &kind_link, &w->view, LINK_REC, r.id, w->a, &out, &nout, &w->err) ||
        store_list(w->db, &kind_link, &w->view, LINK_OTHER, r.id, w->a, &in, &nin, &w->err) ||
        store_list(w->db, &kind_item, &w->view, ITEM_REC, r.id, w->a, &items, &nitems, &w->err) ||
        store_history(w->db, &kind_rec, r.id, w->a, &hist, &nhist, &w->err)) {
        status = web_error_from(w, &w->err);
        goto done;
    }
    buf_t *b = &w->res->body;
    char title[200];
    snprintf(title, sizeof title, "%s", r.id);
    page_begin(w, title);
    bfmt(b, "<article class=\"rec\"><h1><span class=\"id\">%h</span> %h</h1>\n", r.id, r.v[REC_TITLE]);
    watch_button(w, "rec", r.id);
    if (field_true(r.v[REC_RESTRICTED])) buf_puts(b, "<p class=\"restricted\">Restricted: shown to signed-in users only.</p>\n");
    buf_puts(b, "<dl class=\"facts\"><dt>Status</dt><dd>");
    page_status(w, r.v[REC_STATUS]);
    buf_puts(b, "</dd><dt>Review</dt><dd>");
    bfmt(&href, "/reviews/%t", r.v[REC_REVIEW]);
    page_link(w, buf_str(&href), r.v[REC_REVIEW]);
    buf_reset(&href);
    buf_puts(b, "</dd>");
    if (r.v[REC_PARENT]) {
        bfmt(&href, "/recs/%t", r.v[REC_PARENT]);
        buf_puts(b, "<dt>Part of</dt><dd>");
        page_link(w, buf_str(&href), r.v[REC_PARENT]);
        buf_reset(&href);
        buf_puts(b, "</dd>");
    }
    bfmt(b, "<dt>Board</dt><dd>%h</dd><dt>Priority</dt><dd>%h</dd><dt>Owner</dt><dd>%h</dd><dt>Topic</dt><dd>%h</dd>"
            "<dt>Due</dt><dd>%h</dd><dt>Recurring</dt><dd>%s</dd><dt>Since</dt><dd><time>%h</time></dd>"
            "<dt>Last change effective</dt><dd><time>%h</time></dd></dl>\n",
         or_dash(r.v[REC_BOARD]), or_dash(r.v[REC_PRIORITY]), or_dash(r.v[REC_OWNER]), or_dash(r.v[REC_TOPIC]),
         or_dash(r.v[REC_DUE]), field_true(r.v[REC_RECURRING]) ? "yes" : "no", r.since, r.changed);
    if (rec_board_section(w, r.id)) {
        buf_reset(b);
        status = web_error_from(w, &w->err);
        goto done;
    }
    if (r.v[REC_TEXT]) {
        buf_puts(b, "<section class=\"text\" aria-label=\"Text\">");
        page_markdown(b, r.v[REC_TEXT]);
        buf_puts(b, "</section>\n");
    }
    if (nkids) {
        buf_puts(b, "<h2>Sub-items</h2><ul>");
        for (size_t i = 0; i < nkids; i++) {
            if (vis_rec_hidden(&vis, kids[i].id)) continue;
            bfmt(&href, "/recs/%t", kids[i].id);
            buf_puts(b, "<li>");
            page_link(w, buf_str(&href), kids[i].id);
            buf_reset(&href);
            bfmt(b, " %h \xE2\x80\x94 ", kids[i].v[REC_TITLE]);
            page_status(w, kids[i].v[REC_STATUS]);
            buf_puts(b, "</li>");
        }
        buf_puts(b, "</ul>\n");
    }
    buf_puts(b, "<h2>Milestones</h2>\n");
    size_t shown = 0;
    for (size_t i = 0; i < nms; i++) {
        if (vis_is_hidden(&vis, "milestone", ms[i].id)) continue;
        if (!shown++) buf_puts(b, "<table><thead><tr><th scope=\"col\">Milestone</th><th scope=\"col\">Status</th>"
                                  "<th scope=\"col\">Due</th><th scope=\"col\">Done</th></tr></thead><tbody>");
        bfmt(b, "<tr><td><span class=\"id\">%h</span> %h</td><td>", ms[i].id, ms[i].v[MS_TITLE]);
        page_status(w, ms[i].v[MS_STATUS]);
        bfmt(b, "</td><td>%h</td><td>%h</td></tr>\n", or_dash(ms[i].v[MS_DUE]), or_dash(ms[i].v[MS_DONE]));
    }
    buf_puts(b, shown ? "</tbody></table>\n" : "<p>None.</p>\n");

    int links = 0;
    for (int pass = 0; pass < 2; pass++) {
        ent_t *l = pass ? in : out;
        size_t nl = pass ? nin : nout;
        for (size_t i = 0; i < nl; i++) {
            if (!field_true(l[i].v[LINK_ACTIVE]) || vis_is_hidden(&vis, "link", l[i].id)) continue;
            if (!links++) buf_puts(b, "<h2>Related</h2><ul>");
            const char *other = pass ? l[i].v[LINK_REC] : l[i].v[LINK_OTHER];
            bfmt(&href, "/recs/%t", other);
            bfmt(b, "<li>%h %h ", l[i].v[LINK_REC], l[i].v[LINK_REL]);
            page_link(w, buf_str(&href), other);
            buf_reset(&href);
            buf_puts(b, "</li>");
        }
    }
    if (links) buf_puts(b, "</ul>\n");

    if (kpi_section(w, r.id, &vis) || evidence_section(w, &r, ms, nms, &vis) || rec_claims_section(w, &r)) {
        buf_reset(b);
        status = web_error_from(w, &w->err);
        goto done;
    }

    if (nitems) {
        buf_puts(b, "<h2>Assessments</h2><table><thead><tr><th scope=\"col\">Assessment</th><th scope=\"col\">Implemented</th>"
                    "<th scope=\"col\">Effect</th><th scope=\"col\">Still relevant</th><th scope=\"col\">State</th></tr></thead><tbody>");
        for (size_t i = 0; i < nitems; i++) {
            bfmt(&href, "/assessments/%t#%t", items[i].v[ITEM_ASSESSMENT], r.id);
            buf_puts(b, "<tr><td>");
            page_link(w, buf_str(&href), items[i].v[ITEM_ASSESSMENT]);
            buf_reset(&href);
            bfmt(b, "</td><td>%h</td><td>%h</td><td>%h</td><td>%h</td></tr>", items[i].v[ITEM_IMPLEMENTED],
                 or_dash(items[i].v[ITEM_EFFECT]), or_dash(items[i].v[ITEM_RELEVANT]), items[i].v[ITEM_STATE]);
        }
        buf_puts(b, "</tbody></table>\n");
    }

    if (comments_section(w, &vis, r.id, ms, nms)) {
        buf_reset(b);
        status = web_error_from(w, &w->err);
        goto done;
    }
    buf_puts(b, "<h2>History</h2>\n<p class=\"note\">Each change shows when it took effect and when it was "
                "recorded here; the gap is how late the record was.</p>\n<ol class=\"timeline\">\n");
    size_t later = 0;
    for (size_t i = nhist; i-- > 0;) {
        const change_t *c = &hist[i];
        if (!store_change_in_view(c, &w->view)) { later++; continue; }
        if (strcmp(c->entity, "milestone") == 0 && vis_is_hidden(&vis, "milestone", c->entity_id)) continue;
        if (strcmp(c->entity, "link") == 0 && vis_is_hidden(&vis, "link", c->entity_id)) continue;
        size_t cut = utf8_prefix(c->value, 120);
        char *shortv = arena_strndup(w->a, c->value, cut);
        long lag = date_to_days(c->recorded_at) - date_to_days(c->effective_at);
        char recorded[DATE_SIZE], dt[TS_SIZE];
        snprintf(recorded, sizeof recorded, "%.10s", c->recorded_at);
        ts_html(c->recorded_at, dt);
        bfmt(b, "<li><span class=\"when\">effective <time>%h</time> \xC2\xB7 recorded <time datetime=\"%h\">%h</time>",
             c->effective_at, dt, recorded);
        if (lag > 0) bfmt(b, " (%ld days later)", lag);
        bfmt(b, "</span> <span class=\"what\">%h %h: <code>%h</code> = %h%s</span> <span class=\"who\">by %h</span>",
             c->entity, c->entity_id, c->field, shortv ? shortv : "", c->value[cut] ? "\xE2\x80\xA6" : "", c->actor);
        if (*c->reason) bfmt(b, " <q class=\"why\">%h</q>", c->reason);
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ol>\n");
    if (later)
        bfmt(b, "<p class=\"note\">%zu later change%s, in effect after %h, %s not shown: "
                "<a href=\"/recs/%t\">see the record as of today</a>.</p>\n",
             later, later == 1 ? "" : "s", w->view.as_of, later == 1 ? "is" : "are", r.id);
    buf_puts(b, "</article>\n");
    if (can_edit(w) && !w->via_token) edit_forms(w, &r, ms, nms);
    page_end(w);
    status = 200;
done:
    buf_free(&href);
    vis_free(&vis);
    return status;
}
