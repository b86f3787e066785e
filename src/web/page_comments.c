/* page_comments.c — comments on a rec's page (the rec's and its
 * milestones') and the form that adds one; the Watch button of rec, review
 * and assessment pages and the post behind it. Comments are Markdown,
 * rendered by cmark in its safe mode (page_markdown), and hidden with the
 * thing they are on. */
#include <pthread.h>
#include <string.h>

#include "report/layout.h"
#include "store/comments.h"
#include "store/contacts.h"
#include "util/fmt.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_comments.h"

/* The comments on one thing, oldest first, unless hidden (vis NULL: the
 * caller knows the thing is visible, and so are they), written to b;
 * *shown counts them. */
static int comments_of(web_req *w, buf_t *b, const visibility *vis, const char *kind, const char *id, int *shown)
{
    ent_t *cs;
    size_t n;
    if (store_list(w->db, &kind_comment, &w->view, COMMENT_TARGET, id, w->a, &cs, &n, &w->err)) return -1;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(cs[i].v[COMMENT_TARGET_KIND], kind) != 0 || (vis && vis_is_hidden(vis, "comment", cs[i].id))) continue;
        if (!(*shown)++) buf_puts(b, "<ol class=\"comments\">\n");
        /* Created with four changes; any more are edits, kept in the history. */
        change_t *h;
        size_t nh;
        if (store_history(w->db, &kind_comment, cs[i].id, w->a, &h, &nh, &w->err)) return -1;
        bfmt(b, "<li id=\"%h\"><p class=\"who\"><strong>%h</strong> on %h %h, <time>%h</time>%s</p>\n"
                "<div class=\"comment-text\">",
             cs[i].id, cs[i].v[COMMENT_AUTHOR], kind, id, cs[i].since, nh > 4 ? " (edited)" : "");
        page_markdown(b, cs[i].v[COMMENT_TEXT]);
        buf_puts(b, "</div></li>\n");
    }
    return 0;
}

/* The form that adds a comment on target, for a signed-in user. */
static void comment_form_html(web_req *w, const char *target)
{
    if (!w->user || w->via_token || !w->ctx->writer) return;
    buf_t *b = &w->res->body;
    bfmt(b, "<form method=\"post\" action=\"/comments\"><input type=\"hidden\" name=\"target\" value=\"%h\">", target);
    page_csrf(w);
    buf_puts(b, "<label>Comment (Markdown) <textarea name=\"text\" rows=\"4\" cols=\"60\" required maxlength=\"20000\">"
                "</textarea></label> <button type=\"submit\">Add comment</button></form>\n");
}

int comments_section(web_req *w, const visibility *vis, const char *rec, const ent_t *ms, size_t nms)
{
    buf_t *b = &w->res->body;
    int shown = 0;
    buf_puts(b, "<section class=\"discussion\" aria-labelledby=\"discussion\"><h2 id=\"discussion\">Discussion</h2>\n");
    if (comments_of(w, b, vis, "rec", rec, &shown)) return -1;
    for (size_t i = 0; i < nms; i++)
        if (!vis_is_hidden(vis, "milestone", ms[i].id) && comments_of(w, b, vis, "milestone", ms[i].id, &shown))
            return -1;
    buf_puts(b, shown ? "</ol>\n" : "<p>No comments yet.</p>\n");
    comment_form_html(w, rec);
    buf_puts(b, "</section>\n");
    return 0;
}

int item_comments(web_req *w, const char *item)
{
    int shown = 0, rc = -1;
    buf_t list = BUF_INIT, *b = &w->res->body;
    if (comments_of(w, &list, NULL, "item", item, &shown)) goto done;
    if (!buf_ok(&list)) { err_set(&w->err, ERR_NOMEM, "out of memory"); goto done; }
    /* Folded like the answers, the summary saying how many there are. */
    if (shown) {
        bfmt(b, "<details class=\"discussion\"><summary>Discussion (%d comment%s)</summary>\n", shown,
             shown == 1 ? "" : "s");
        buf_puts(b, buf_str(&list));
        buf_puts(b, "</ol>\n");
    } else buf_puts(b, "<details class=\"discussion\"><summary>Discussion (no comments yet)</summary>\n");
    comment_form_html(w, item);
    buf_puts(b, "</details>\n");
    rc = 0;
done:
    buf_free(&list);
    return rc;
}

typedef struct {
    const char *target, *text;
    char *id;
} comment_form;

static int write_comment(web_req *w, store_t *s, void *ctx)
{
    comment_form *f = ctx;
    return comment_add(s, f->target, f->text, w->user, w->a, &f->id, &w->err);
}

/* The page a thing's discussion is on: its rec's, or its assessment's. */
static void back_to(web_req *w, const char *thing, buf_t *loc)
{
    const char *slash = strchr(thing, '/'), *dot = strrchr(thing, '.');
    if (slash) bfmt(loc, "/assessments/%t", arena_strndup(w->a, thing, (size_t)(slash - thing)));
    else if (dot && store_exists(w->db, &kind_milestone, thing, &w->err) == 1)
        bfmt(loc, "/recs/%t", arena_strndup(w->a, thing, (size_t)(dot - thing)));
    else bfmt(loc, "/recs/%t", thing);
}

int form_comment(web_req *w, char **args)
{
    (void)args;
    comment_form f = {http_form(w->req, "target"), http_form(w->req, "text"), NULL};
    if (!w->user) return web_error(w, 401, "unauthorized", "Sign in to comment.");
    if (!f.target || !*f.target) return web_error(w, 422, "invalid", "Say what the comment is on.");
    if (!f.text) f.text = "";
    /* A comment may not land where its author cannot see. */
    visibility vis;
    if (vis_load(w, &vis)) return web_error_from(w, &w->err);
    const kind_def *k;
    int hidden = comment_target_kind(w->db, f.target, &k, &w->err) == 0 ? vis_is_hidden(&vis, k->name, f.target) : -1;
    vis_free(&vis);
    if (hidden) return hidden < 0 ? web_error_from(w, &w->err) : web_error(w, 404, "not_found", "There is no such thing.");
    if (web_write(w, write_comment, &f)) return web_error_from(w, &w->err);
    buf_t loc = BUF_INIT;
    back_to(w, f.target, &loc);
    bfmt(&loc, "#%t", f.id);
    int rc = web_redirect(w, buf_str(&loc));
    buf_free(&loc);
    return rc;
}

void watch_button(web_req *w, const char *kind, const char *id)
{
    if (!w->user || w->via_token || !w->ctx->writer) return;
    int on = contacts_watching(w->db, w->user, kind, id, &w->err);
    if (on < 0) return;
    bfmt(&w->res->body,
         "<form method=\"post\" action=\"/watch\" class=\"watch\"><input type=\"hidden\" name=\"kind\" value=\"%h\">"
         "<input type=\"hidden\" name=\"id\" value=\"%h\"><input type=\"hidden\" name=\"on\" value=\"%s\">",
         kind, id, on ? "0" : "1");
    page_csrf(w);
    bfmt(&w->res->body, "<button type=\"submit\">%s</button></form>\n", on ? "Stop watching" : "Watch");
}

/* The page of a watched thing. */
static void page_of(const char *kind, const char *id, buf_t *loc)
{
    if (!strcmp(kind, "rec")) bfmt(loc, "/recs/%t", id);
    else if (!strcmp(kind, "review")) bfmt(loc, "/reviews/%t", id);
    else bfmt(loc, "/assessments/%t", id);
}

int form_watch(web_req *w, char **args)
{
    (void)args;
    const char *kind = http_form(w->req, "kind"), *id = http_form(w->req, "id"), *on = http_form(w->req, "on");
    if (!w->user) return web_error(w, 401, "unauthorized", "Sign in to watch.");
    const kind_def *k = kind ? kind_find(kind) : NULL;
    if (!id || !on || !k || (k != &kind_rec && k != &kind_review && k != &kind_assessment))
        return web_error(w, 422, "invalid", "Watch a rec, a review or an assessment.");
    visibility vis;
    if (vis_load(w, &vis)) return web_error_from(w, &w->err);
    int exists = store_exists(w->db, k, id, &w->err);
    int hidden = exists == 1 ? vis_is_hidden(&vis, k->name, id) : 1;
    vis_free(&vis);
    if (exists < 0) return web_error_from(w, &w->err);
    if (hidden) return web_error(w, 404, "not_found", "There is no such thing.");
    if (!w->ctx->writer) return web_error(w, 403, "forbidden", "This server is read-only.");
    int did, rc;
    /* Operational tables, not the log: one short transaction on the writer. */
    pthread_mutex_lock(&w->ctx->writer_lock);
    if (!strcmp(on, "1")) rc = contacts_watch(w->ctx->writer, w->user, k->name, id, &did, &w->err);
    else rc = contacts_unwatch(w->ctx->writer, w->user, k->name, id, &did, &w->err);
    pthread_mutex_unlock(&w->ctx->writer_lock);
    if (rc) return web_error_from(w, &w->err);
    buf_t loc = BUF_INIT;
    page_of(k->name, id, &loc);
    rc = web_redirect(w, buf_str(&loc));
    buf_free(&loc);
    return rc;
}
