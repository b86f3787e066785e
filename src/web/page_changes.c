/* page_changes.c — /changes (every change, newest first, page by page) and
 * /changes.atom (the feed of the latest changes). */
#include <stdlib.h>
#include <string.h>

#include "util/fmt.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/recent.h"

#define PAGE_SIZE 100
#define FEED_SIZE 50

/* GET /changes — the change log, newest first, a page at a time.
 * Parameters: before (a seq), as_of. Role: anyone; restricted changes only
 * for signed-in users. */
int changes_page(web_req *w, char **args)
{
    (void)args;
    const char *before_s = http_param(w->req, "before");
    long long before = 0;
    if (before_s && http_count(before_s, &before)) return web_error(w, 400, "invalid", "before must be a change number.");
    visibility vis;
    if (vis_load(w, &vis)) return web_error_from(w, &w->err);
    buf_t *b = &w->res->body;
    page_begin(w, "Changes");
    buf_puts(b, "<h1>Changes</h1>\n<p>Every change ever recorded, newest first, with when it took effect and when "
                "it was recorded. Nothing is ever overwritten: a correction is a new change.</p>\n");
    long long last = 0;
    if (recent_changes_page(w, &vis, before, PAGE_SIZE, &last)) {
        vis_free(&vis);
        buf_reset(b);
        return web_error_from(w, &w->err);
    }
    if (last > 1 && !w->ctx->static_site) {
        buf_t href = BUF_INIT;
        bfmt(&href, "/changes?before=%lld", last);
        buf_puts(b, "<p>");
        page_link(w, buf_str(&href), "Older changes");
        buf_puts(b, "</p>\n");
        buf_free(&href);
    }
    vis_free(&vis);
    page_end(w);
    return 200;
}

/* GET /changes.atom — the Atom feed of the latest transactions.
 * Parameters: none. Role: anyone; restricted changes left out. */
int changes_atom(web_req *w, char **args)
{
    (void)args;
    visibility vis;
    change_t *ch;
    size_t n;
    if (vis_load(w, &vis) ||
        store_changes(w->db, 0, 0, w->view.as_of, FEED_SIZE * 4 + 50, 0, w->a, &ch, &n, &w->err)) {
        vis_free(&vis);
        return web_error_from(w, &w->err);
    }
    const char *host = http_header(w->req, "host");
    char base[300];
    snprintf(base, sizeof base, "http://%s", host && !strpbrk(host, "<>\"' ") ? host : "localhost");
    buf_t *b = &w->res->body;
    w->res->content_type = "application/atom+xml; charset=utf-8";
    char updated[TS_SIZE];
    clock_now(updated);
    bfmt(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
            "<title>ssr-tracker: changes</title>\n<id>%h/changes</id>\n<link rel=\"self\" href=\"%h/changes.atom\"/>\n"
            "<link href=\"%h/changes\"/>\n<updated>%h</updated>\n", base, base, base, n ? ch[0].recorded_at : updated);
    int shown = 0;
    for (size_t i = 0; i < n && shown < FEED_SIZE; i++) {
        const change_t *c = &ch[i];
        if (change_hidden(&vis, c)) continue;
        shown++;
        buf_t href = BUF_INIT;
        change_target(w, &href, c);
        bfmt(b, "<entry>\n<title>%h %h: %h = %h</title>\n<id>%h/changes#%lld</id>\n<link href=\"%h%h\"/>\n"
                "<updated>%h</updated>\n<author><name>%h</name></author>\n"
                "<content type=\"text\">Effective %h, recorded %h by %h. %h</content>\n</entry>\n",
             c->entity, c->entity_id, c->field, c->value, base, c->seq, base, buf_str(&href), c->recorded_at,
             c->actor, c->effective_at, c->recorded_at, c->actor, c->reason);
        buf_free(&href);
    }
    buf_puts(b, "</feed>\n");
    vis_free(&vis);
    return 200;
}
