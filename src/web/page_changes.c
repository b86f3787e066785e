/* page_changes.c — /changes (every transaction, newest first, page by page)
 * and /changes.atom (the feed of the latest ones): one entry per
 * transaction, its line in words, its field-level detail folded. */
#include <stdlib.h>
#include <string.h>

#include "util/fmt.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/recent.h"

#define PAGE_SIZE 50     /* transactions on a page of /changes */
#define FEED_SIZE 50     /* entries of the feed */
#define FEED_DETAIL 40   /* changes listed in an entry's content */

/* GET /changes — the transactions of the log, newest first, a page at a
 * time. Parameters: before (a transaction's number), as_of. Role: anyone;
 * restricted changes only for signed-in users. */
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
    buf_puts(b, "<h1>Changes</h1>\n<p>What was done, newest first: one entry per command, form, API call or import, "
                "with when it took effect and when it was recorded; open an entry for the fields it changed. Nothing "
                "is ever overwritten: a correction is a new change.</p>\n");
    long long next = 0;
    if (recent_transactions(w, &vis, before, PAGE_SIZE, &next)) {
        vis_free(&vis);
        buf_reset(b);
        return web_error_from(w, &w->err);
    }
    if (next && !w->ctx->static_site) {
        buf_t href = BUF_INIT;
        bfmt(&href, "/changes?before=%lld", next);
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

/* An entry's content: when, who, why, then one line per change in words
 * (at most FEED_DETAIL), as plain text (escaped by the caller's %h). */
static void feed_content(web_req *w, buf_t *t, const tx_change *ch, size_t n, long long total)
{
    const change_t *c0 = ch[0].c;
    buf_printf(t, "Recorded %s by %s.", c0->recorded_at, c0->actor);
    if (total) buf_printf(t, " Summed up from the first %d of its %lld changes.", TX_ROWS_MAX, total);
    if (*tx_reason(ch, n)) buf_printf(t, " Why: %s", tx_reason(ch, n));
    buf_puts(t, "\n");
    size_t shown = 0, left = 0;
    for (size_t i = 0; i < n; i++) {
        const change_t *c = ch[i].c;
        if (tx_change_implied(c)) continue;
        if (shown++ >= FEED_DETAIL) { left++; continue; }
        const char *name = tx_thing_name(c->entity, c->entity_id, w->a);
        buf_printf(t, "\n%s, %s: ", name ? name : c->entity_id, tx_field_label(c->entity, c->field));
        if (ch[i].old && !ch[i].created) buf_printf(t, "%s \xE2\x86\x92 ", tx_value_label(c->entity, c->field, ch[i].old));
        const char *v = tx_value_label(c->entity, c->field, c->value);
        size_t cut = utf8_prefix(v, 200);
        buf_append(t, v, cut);
        buf_printf(t, "%s (effective %s)", v[cut] ? "\xE2\x80\xA6" : "", c->effective_at);
    }
    if (left) buf_printf(t, "\n\xE2\x80\xA6 and %zu more.", left);
}

/* GET /changes.atom — the Atom feed of the latest transactions: one entry
 * each, titled by its line in words, its changes as the content; ids stay
 * the same from one fetch to the next (the feed's id and "#tx-N").
 * Parameters: none. Role: anyone; restricted changes left out. */
int changes_atom(web_req *w, char **args)
{
    (void)args;
    visibility vis;
    tx_entry *tx;
    size_t n;
    int more;
    if (vis_load(w, &vis) || recent_read(w, &vis, 0, FEED_SIZE, &tx, &n, &more)) {
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
            "<link href=\"%h/changes\"/>\n<updated>%h</updated>\n", id, base, base, n ? tx[0].ch[0].c->recorded_at : updated);
    buf_t href = BUF_INIT, text = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const tx_change *ch = tx[i].ch;
        int about = -1;
        const char *title = tx_summary(ch, tx[i].n, w->a, &about);
        buf_reset(&href);
        buf_reset(&text);
        tx_target(w, &href, ch, tx[i].n, about);
        if (!href.len) bfmt(&href, "/changes#tx-%lld", tx[i].tx);
        feed_content(w, &text, ch, tx[i].n, tx[i].total);
        bfmt(b, "<entry>\n<title>%h</title>\n<id>%h#tx-%lld</id>\n<link href=\"%h%h\"/>\n"
                "<updated>%h</updated>\n<author><name>%h</name></author>\n<content type=\"text\">%h</content>\n</entry>\n",
             title, id, tx[i].tx, base, buf_str(&href), ch[0].c->recorded_at, ch[0].c->actor, buf_str(&text));
    }
    buf_free(&href);
    buf_free(&text);
    buf_puts(b, "</feed>\n");
    vis_free(&vis);
    return 200;
}
