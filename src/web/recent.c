/* recent.c — see recent.h. */
#include "web/recent.h"

#include <string.h>

#include "core/id.h"
#include "util/fmt.h"
#include "util/text.h"
#include "web/page.h"

int change_hidden(const visibility *vis, const change_t *c)
{
    return vis_is_hidden(vis, c->entity, c->entity_id);
}

/* A comment's change links to the page its discussion is on. */
static void comment_target_href(web_req *w, buf_t *b, const char *id)
{
    ent_t cm;
    err_t e = {0};
    if (store_get(w->db, &kind_comment, &w->view, id, w->a, &cm, &e)) { buf_puts(b, "/changes"); return; }
    const char *t = cm.v[COMMENT_TARGET];
    size_t head = strcmp(cm.v[COMMENT_TARGET_KIND], "item") == 0 ? strcspn(t, "/")
                  : strcmp(cm.v[COMMENT_TARGET_KIND], "milestone") == 0 && strrchr(t, '.') ? (size_t)(strrchr(t, '.') - t)
                                                                                          : strlen(t);
    char *page = arena_strndup(w->a, t, head);
    if (strcmp(cm.v[COMMENT_TARGET_KIND], "item") == 0) bfmt(b, "/assessments/%t#%t", page, id);
    else bfmt(b, "/recs/%t#%t", page, id);
}

void change_target(web_req *w, buf_t *b, const change_t *c)
{
    const char *id = c->entity_id;
    char head[200];
    if (strcmp(c->entity, "rec") == 0) bfmt(b, "/recs/%t", id);
    else if (strcmp(c->entity, "review") == 0) bfmt(b, "/reviews/%t", id);
    else if (strcmp(c->entity, "assessment") == 0) bfmt(b, "/assessments/%t", id);
    else if (strcmp(c->entity, "milestone") == 0 && id_milestone_rec_len(id) < strlen(id)) {
        snprintf(head, sizeof head, "%.*s", (int)id_milestone_rec_len(id), id);
        bfmt(b, "/recs/%t", head);
    } else if (strcmp(c->entity, "item") == 0 || strcmp(c->entity, "signoff") == 0) {
        snprintf(head, sizeof head, "%.*s", (int)strcspn(id, "/"), id);
        bfmt(b, "/assessments/%t", head);
    } else if (strcmp(c->entity, "comment") == 0) {
        comment_target_href(w, b, id);
    } else {
        buf_puts(b, "/changes");
    }
}

int recent_changes_page(web_req *w, const visibility *vis, long long before, int limit, long long *last)
{
    buf_t *b = &w->res->body;
    change_t *ch;
    size_t n;
    /* Read more than needed: hidden changes are skipped. */
    if (store_changes(w->db, 0, before, w->view.as_of, limit * 4 + 50, 0, w->a, &ch, &n, &w->err)) return -1;
    int shown = 0;
    for (size_t i = 0; i < n && shown < limit; i++) {
        const change_t *c = &ch[i];
        if (change_hidden(vis, c)) continue;
        if (!shown++)
            buf_puts(b, "<table class=\"changes\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Thing</th>"
                        "<th scope=\"col\">Change</th><th scope=\"col\">Effective</th><th scope=\"col\">Recorded</th>"
                        "<th scope=\"col\">By</th><th scope=\"col\">Reason</th></tr></thead><tbody>\n");
        buf_t href = BUF_INIT;
        change_target(w, &href, c);
        bfmt(b, "<tr><td class=\"num\">%lld</td><td>%h ", c->seq, c->entity);
        page_link(w, buf_str(&href), c->entity_id);
        buf_free(&href);
        size_t cut = utf8_prefix(c->value, 80);
        char *shortv = arena_strndup(w->a, c->value, cut);
        char recorded[20], dt[TS_SIZE];
        snprintf(recorded, sizeof recorded, "%.16s", c->recorded_at);
        recorded[10] = ' ';
        ts_html(c->recorded_at, dt);
        bfmt(b, "</td><td><code>%h</code> = %h%s</td><td><time>%h</time></td><td><time datetime=\"%h\">%h</time></td>"
                "<td>%h</td><td>%h</td></tr>\n",
             c->field, shortv ? shortv : "", c->value[cut] ? "\xE2\x80\xA6" : "", c->effective_at,
             dt, recorded, c->actor, c->reason);
        if (last) *last = c->seq;
    }
    if (shown) buf_puts(b, "</tbody></table>\n");
    else buf_puts(b, "<p>No changes.</p>\n");
    return 0;
}
