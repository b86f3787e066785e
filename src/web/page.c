/* page.c — see page.h. */
#include "web/page.h"

#include <string.h>

#include "core/status.h"
#include "util/fmt.h"

void page_href(web_req *w, buf_t *b, const char *path)
{
    buf_puts(b, path);
    if (w->as_of && !w->ctx->static_site) bfmt(b, "%sas_of=%t", strchr(path, '?') ? "&amp;" : "?", w->as_of);
}

void page_link(web_req *w, const char *path, const char *text)
{
    buf_t *b = &w->res->body;
    buf_puts(b, "<a href=\"");
    page_href(w, b, path);
    bfmt(b, "\">%h</a>", text);
}

const char *page_datetime(web_req *w, const char *ts)
{
    if (!ts || strlen(ts) < 19 || ts[10] != 'T') return ts;
    char *out = arena_printf(w->a, "%.19sZ", ts);
    return out ? out : ts;
}

void page_status(web_req *w, const char *status)
{
    int st = status_parse(status);
    status_t s = st < 0 ? ST_NOT_STARTED : (status_t)st;
    bfmt(&w->res->body, "<span class=\"status st-%h\"><span class=\"mark\" aria-hidden=\"true\">%s</span> %h</span>",
         status_name(s), status_ssr1_mark(s), status_label(s));
}

void page_csrf(web_req *w)
{
    if (w->csrf) bfmt(&w->res->body, "<input type=\"hidden\" name=\"csrf\" value=\"%h\">", w->csrf);
}

void page_as_of_form(web_req *w)
{
    buf_t *b = &w->res->body;
    char today[DATE_SIZE];
    clock_today(today);
    int past = strcmp(w->view.as_of, today) < 0;
    bfmt(b, "<section class=\"asof%s\" aria-label=\"Date shown\"><p>Showing the record <strong>as of "
            "<time datetime=\"%h\">%h</time></strong>%s</p>",
         past ? " past" : "", w->view.as_of, w->view.as_of, past ? " \xE2\x80\x94 a past date" : " (today)");
    if (!w->ctx->static_site) {
        bfmt(b, "<form method=\"get\" action=\"%h\"><label for=\"as_of\">Show another date</label> "
                "<input type=\"date\" id=\"as_of\" name=\"as_of\" value=\"%h\" max=\"%h\">",
             w->req->path, w->view.as_of, today);
        /* Keep the page's other parameters (filters). */
        for (int i = 0; i < w->req->nparams; i++)
            if (strcmp(w->req->params[i].name, "as_of") != 0)
                bfmt(b, "<input type=\"hidden\" name=\"%h\" value=\"%h\">", w->req->params[i].name,
                     w->req->params[i].value);
        bfmt(b, " <button type=\"submit\">Show</button>");
        if (past) bfmt(b, " <a href=\"%h\">Today</a>", w->req->path);
        buf_puts(b, "</form>");
    }
    buf_puts(b, "</section>\n");
}

/* What a page of this path shows, in one sentence: the page's meta
 * description (the title comes first, so each page's is its own). */
static const char *describe(const char *path)
{
    static const struct {
        const char *prefix, *text;
    } what[] = {
        {"/recs/", "a recommendation of ICANN's SSR reviews: its status, milestones, evidence, assessments and "
                   "every change to it."},
        {"/recs", "the recommendations of ICANN's SSR reviews with their implementation status."},
        {"/reviews/", "one SSR review: its recommendations, their progress and the Board's decisions."},
        {"/reviews", "the reviews of the Security, Stability and Resiliency of the DNS and their "
                     "recommendations."},
        {"/assessments", "how a later review judged the implementation of earlier recommendations."},
        {"/kpis", "the measurable indicators of the recommendations, with their targets and status."},
        {"/changes", "every change to the record, newest first, with when it took effect and when it was "
                     "recorded."},
        {"/reports", "reports on the implementation of the SSR recommendations, in several formats."},
        {"/ledger", "the tamper-evident log of every change, with signed checkpoints and proofs anyone can "
                    "check."},
        {"/signin", "sign in to record progress on the recommendations."},
    };
    for (size_t i = 0; i < sizeof what / sizeof what[0]; i++)
        if (strncmp(path, what[i].prefix, strlen(what[i].prefix)) == 0) return what[i].text;
    return "the implementation of ICANN's Security, Stability and Resiliency review recommendations: what is "
           "done, in progress and overdue, with the whole history.";
}

void page_begin(web_req *w, const char *title)
{
    buf_t *b = &w->res->body;
    w->res->status = 200;
    w->res->content_type = "text/html; charset=utf-8";
    bfmt(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>%h \xE2\x80\x94 ssr-tracker</title>\n<meta name=\"description\" content=\"%h: %h\">\n"
            "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
            "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Changes\" href=\"/changes.atom\">\n"
            "</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the content</a>\n"
            "<header class=\"top\"><nav aria-label=\"Main\"><a class=\"brand\" href=\"",
         title, title, describe(w->req ? w->req->path : "/"));
    page_href(w, b, "/");
    buf_puts(b, "\">ssr-tracker</a><ul>");
    static const char *const nav[][2] = {{"/recs", "Recommendations"}, {"/assessments", "Assessments"},
                                         {"/kpis", "KPIs"}, {"/changes", "Changes"}, {"/reports", "Reports"},
                                         {"/ledger", "Ledger"}};
    for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
        buf_puts(b, "<li>");
        page_link(w, nav[i][0], nav[i][1]);
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ul>");
    if (!w->ctx->static_site) {
        if (w->user && !w->via_token)
            bfmt(b, "<form class=\"who\" method=\"post\" action=\"/signout\"><span>%h (%h)</span> "
                    "<input type=\"hidden\" name=\"csrf\" value=\"%h\"><button type=\"submit\">Sign out</button></form>",
                 w->user, role_name(w->role), w->csrf ? w->csrf : "");
        else
            buf_puts(b, "<a class=\"who\" href=\"/signin\">Sign in</a>");
    }
    buf_puts(b, "</nav></header>\n<main id=\"main\">\n");
    page_as_of_form(w);
}

void page_end(web_req *w)
{
    buf_t *b = &w->res->body;
    bfmt(b, "</main>\n<footer><p>Every change is kept with when it took effect and when it was recorded; "
            "the log is hash-chained (<a href=\"/ledger\">verify it</a>). Data as of %h.</p></footer>\n"
            "</body>\n</html>\n", w->view.as_of);
}
