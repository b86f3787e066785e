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

void page_begin(web_req *w, const char *title)
{
    buf_t *b = &w->res->body;
    w->res->status = 200;
    w->res->content_type = "text/html; charset=utf-8";
    bfmt(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>%h \xE2\x80\x94 ssr-tracker</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
            "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Changes\" href=\"/changes.atom\">\n"
            "</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the content</a>\n"
            "<header class=\"top\"><nav aria-label=\"Main\"><a class=\"brand\" href=\"",
         title);
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
