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

/* The feed's id; an entry's is it and "#SEQ". With a base URL (--base-url),
 * BASE/changes. Without, a URN of the log's own name: the feed is cached and
 * served to everyone, so nothing in it may come from the request (a Host
 * header once put another site into every subscriber's links). Links are
 * then relative to the feed, which readers resolve against its address.
 * Arena-owned. */
static const char *feed_id(web_req *w, const char *base)
{
    if (*base) return arena_printf(w->a, "%s/changes", base);
    const char *vkey = NULL;
    err_t e;
    buf_t name = BUF_INIT;
    if (store_log_key(w->db, w->a, &vkey, &e) == 0 && vkey)
        for (const char *p = vkey; *p && *p != '+'; p++)
            buf_putc(&name, (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                                    *p == '.' || *p == '-' ? *p : ':');
    const char *id = arena_printf(w->a, "urn:ssrtrack:%s%schanges", buf_str(&name), name.len ? ":" : "");
    buf_free(&name);
    return id ? id : "urn:ssrtrack:changes";
}

/* GET /changes.atom — the Atom feed of the latest changes.
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
    const char *base = w->ctx->base_url ? w->ctx->base_url : "";
    const char *id = feed_id(w, base);
    buf_t *b = &w->res->body;
    w->res->content_type = "application/atom+xml; charset=utf-8";
    char updated[TS_SIZE];
    clock_now(updated);
    bfmt(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
            "<title>ssr-tracker: changes</title>\n<id>%h</id>\n<link rel=\"self\" href=\"%h/changes.atom\"/>\n"
            "<link href=\"%h/changes\"/>\n<updated>%h</updated>\n", id, base, base, n ? ch[0].recorded_at : updated);
    int shown = 0;
    for (size_t i = 0; i < n && shown < FEED_SIZE; i++) {
        const change_t *c = &ch[i];
        if (change_hidden(&vis, c)) continue;
        shown++;
        buf_t href = BUF_INIT;
        change_target(w, &href, c);
        bfmt(b, "<entry>\n<title>%h %h: %h = %h</title>\n<id>%h#%lld</id>\n<link href=\"%h%h\"/>\n"
                "<updated>%h</updated>\n<author><name>%h</name></author>\n"
                "<content type=\"text\">Effective %h, recorded %h by %h. %h</content>\n</entry>\n",
             c->entity, c->entity_id, c->field, c->value, id, c->seq, base, buf_str(&href), c->recorded_at,
             c->actor, c->effective_at, c->recorded_at, c->actor, c->reason);
        buf_free(&href);
    }
    buf_puts(b, "</feed>\n");
    vis_free(&vis);
    return 200;
}
