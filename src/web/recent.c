/* recent.c — see recent.h. */
#include "web/recent.h"

#include <string.h>

#include "core/entity.h"
#include "core/id.h"
#include "util/fmt.h"
#include "util/text.h"
#include "web/downloads.h"
#include "web/page.h"

#define VALUE_COLS 120   /* a value in the detail, then "…" */

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
    if (strcmp(c->entity, "rec") == 0 || strcmp(c->entity, "verification") == 0) bfmt(b, "/recs/%t", id);
    else if (strcmp(c->entity, "review") == 0) bfmt(b, "/reviews/%t", id);
    else if (strcmp(c->entity, "assessment") == 0) bfmt(b, "/assessments/%t", id);
    else if (strcmp(c->entity, "milestone") == 0 && id_milestone_rec_len(id) < strlen(id)) {
        snprintf(head, sizeof head, "%.*s", (int)id_milestone_rec_len(id), id);
        bfmt(b, "/recs/%t", head);
    } else if (strcmp(c->entity, "item") == 0 || strcmp(c->entity, "signoff") == 0) {
        snprintf(head, sizeof head, "%.*s", (int)strcspn(id, "/"), id);
        bfmt(b, "/assessments/%t", head);
    } else if (strcmp(c->entity, "link") == 0) {
        snprintf(head, sizeof head, "%.*s", (int)strcspn(id, " "), id);
        bfmt(b, "/recs/%t", head);
    } else if (strcmp(c->entity, "comment") == 0) {
        comment_target_href(w, b, id);
    } else {
        buf_puts(b, "/changes");
    }
}

void tx_target(web_req *w, buf_t *b, const tx_change *ch, size_t n, int about)
{
    if (about >= 0 && (size_t)about < n) {
        change_target(w, b, ch[about].c);
        return;
    }
    /* Several things: a link only when they are all on one page. */
    buf_t one = BUF_INIT, other = BUF_INIT;
    change_target(w, &one, ch[0].c);
    for (size_t i = 1; i < n; i++) {
        buf_reset(&other);
        change_target(w, &other, ch[i].c);
        if (strcmp(buf_str(&one), buf_str(&other)) != 0) { buf_reset(&one); break; }
    }
    buf_puts(b, buf_str(&one));
    buf_free(&one);
    buf_free(&other);
}

/* One value of the detail, in words, cut to VALUE_COLS characters. */
static void detail_value(buf_t *b, const change_t *c, const char *v)
{
    const char *l = tx_value_label(c->entity, c->field, v);
    if (!*l) { buf_puts(b, "<em>none</em>"); return; }
    size_t cut = utf8_prefix(l, VALUE_COLS);
    char part[4 * VALUE_COLS + 1];
    snprintf(part, sizeof part, "%.*s", (int)cut, l);
    bfmt(b, "%h%s", part, l[cut] ? "\xE2\x80\xA6" : "");
}

void tx_detail_html(web_req *w, buf_t *b, const tx_change *ch, size_t n, int max)
{
    buf_puts(b, "<table class=\"tx-detail\"><thead><tr><th scope=\"col\">Thing</th><th scope=\"col\">What</th>"
                "<th scope=\"col\">Before</th><th scope=\"col\">After</th><th scope=\"col\">Effective</th></tr></thead><tbody>\n");
    int shown = 0;
    size_t left = 0;
    for (size_t i = 0; i < n; i++) {
        const change_t *c = ch[i].c;
        if (tx_change_implied(c)) continue;
        if (shown >= max) { left++; continue; }
        shown++;
        const char *name = tx_thing_name(c->entity, c->entity_id, w->a);
        bfmt(b, "<tr><td>%h</td><td>%h</td><td>", name ? name : c->entity_id, tx_field_label(c->entity, c->field));
        if (ch[i].created) buf_puts(b, "<em>new</em>");
        else if (ch[i].old) detail_value(b, c, ch[i].old);
        buf_puts(b, "</td><td>");
        detail_value(b, c, c->value);
        bfmt(b, "</td><td><time>%h</time></td></tr>\n", c->effective_at);
    }
    buf_puts(b, "</tbody></table>\n");
    if (left)
        bfmt(b, "<p class=\"note\">\xE2\x80\xA6 and %zu more change%s (log entries %lld to %lld).</p>\n", left,
             left == 1 ? "" : "s", ch[0].c->seq, ch[n - 1].c->seq);
}

/* The effective dates of the changes (one date, or the first and the
 * last), and how many days later than the last of them it was recorded. */
static void effective_span(buf_t *b, const tx_change *ch, size_t n)
{
    const char *lo = ch[0].c->effective_at, *hi = lo;
    for (size_t i = 1; i < n; i++) {
        if (strcmp(ch[i].c->effective_at, lo) < 0) lo = ch[i].c->effective_at;
        if (strcmp(ch[i].c->effective_at, hi) > 0) hi = ch[i].c->effective_at;
    }
    bfmt(b, "effective <time>%h</time>", lo);
    if (strcmp(lo, hi) != 0) bfmt(b, " to <time>%h</time>", hi);
    long lag = date_to_days(ch[0].c->recorded_at) - date_to_days(hi);
    /* In the unit a reader counts in: 12 days, 5 months, 11 years. */
    if (lag >= 730) bfmt(b, " (recorded %ld years later)", lag / 365);
    else if (lag >= 60) bfmt(b, " (recorded %ld months later)", lag / 30);
    else if (lag > 0) bfmt(b, " (recorded %ld day%s later)", lag, lag == 1 ? "" : "s");
}

const char *tx_reason(const tx_change *ch, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ch[i].c->entity, "source") != 0) return ch[i].c->reason;
    return n ? ch[0].c->reason : "";
}

void tx_entry_html(web_req *w, buf_t *b, const tx_change *ch, size_t n, long long total, int max, int link)
{
    int about = -1;
    const change_t *c0 = ch[0].c;
    const char *line = tx_summary(ch, n, w->a, &about);
    buf_t href = BUF_INIT;
    if (link) tx_target(w, &href, ch, n, about);
    bfmt(b, "<li id=\"tx-%lld\"><span class=\"what\">", tx_key(c0));
    if (href.len) page_link(w, buf_str(&href), line ? line : "");
    else bfmt(b, "%h", line);
    buf_free(&href);
    if (total) bfmt(b, " <small>(from the first %d of its %lld changes)</small>", TX_ROWS_MAX, total);
    /* recorded_at to the second, as HTML's datetime accepts it. */
    char stamp[24], shown[20];
    snprintf(stamp, sizeof stamp, "%.19sZ", c0->recorded_at);
    snprintf(shown, sizeof shown, "%.16s", c0->recorded_at);
    if (strlen(shown) > 10) shown[10] = ' ';
    buf_puts(b, "</span> <span class=\"when\">");
    effective_span(b, ch, n);
    bfmt(b, " \xC2\xB7 recorded <time datetime=\"%h\">%h</time> by <span class=\"who\">%h</span>", stamp, shown, c0->actor);
    buf_puts(b, "</span>");
    const char *why = tx_reason(ch, n);
    if (*why) bfmt(b, " <q class=\"why\">%h</q>", why);
    /* The detail, unless the line already says it all: one change (not a
     * text), counting only what the detail lists. */
    size_t rows = 0, texts = 0;
    for (size_t i = 0; i < n; i++) {
        if (tx_change_implied(ch[i].c)) continue;
        rows++;
        const kind_def *k = kind_find(ch[i].c->entity);
        int f = k ? kind_field(k, ch[i].c->field) : -1;
        texts += f >= 0 && k->fields[f].type == FT_TEXT;
    }
    if (rows > 1 || texts) {
        bfmt(b, "<details><summary>%zu change%s</summary>", rows, rows == 1 ? "" : "s");
        tx_detail_html(w, b, ch, n, max);
        buf_puts(b, "</details>");
    }
    buf_puts(b, "</li>\n");
}

/* The most changes a download of the timeline holds (downloads.c CHANGES_MAX). */
#define RECENT_DOWNLOAD_MAX 1000

static int keep_visible(void *ctx, const change_t *c) { return !change_hidden(ctx, c); }

int recent_read(web_req *w, const visibility *vis, long long before, int limit, tx_entry **out, size_t *n, int *more)
{
    return store_transactions(w->db, &w->view, before, limit, keep_visible, (void *)vis, w->a, out, n, more, &w->err);
}

int recent_transactions(web_req *w, const visibility *vis, long long before, int limit, long long *next)
{
    buf_t *b = &w->res->body;
    tx_entry *tx;
    size_t n;
    int more;
    if (recent_read(w, vis, before, limit, &tx, &n, &more)) return -1;
    if (n == 0) buf_puts(b, "<p>No changes.</p>\n");
    else buf_puts(b, "<ol class=\"timeline changes\">\n");
    for (size_t i = 0; i < n; i++) tx_entry_html(w, b, tx[i].ch, tx[i].n, tx[i].total, 40, 1);
    if (n) {
        /* The same changes field by field, as the log keeps them. */
        size_t changes = 0;
        for (size_t i = 0; i < n; i++) changes += tx[i].n;
        char count[24];
        snprintf(count, sizeof count, "%zu", changes < RECENT_DOWNLOAD_MAX ? changes : RECENT_DOWNLOAD_MAX);
        buf_puts(b, "</ol>\n");
        if (!w->ctx->static_site) table_links(w, "/tables/changes/*", count, NULL);   /* the export has no such file */
    }
    if (next) *next = more && n ? tx[n - 1].tx : 0;
    return 0;
}
