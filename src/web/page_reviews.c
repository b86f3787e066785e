/* page_reviews.c — /reviews and /reviews/ID: a review, its recs by status,
 * and the assessments it made or received. */
#include <string.h>

#include "core/status.h"
#include "util/fmt.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_comments.h"
#include "web/visible.h"

/* GET /reviews — every review with its counts. Parameters: as_of.
 * Role: anyone. */
int reviews_page(web_req *w, char **args)
{
    (void)args;
    ent_t *rv;
    size_t n;
    if (store_list(w->db, &kind_review, &w->view, -1, NULL, w->a, &rv, &n, &w->err)) return web_error_from(w, &w->err);
    buf_t *b = &w->res->body;
    page_begin(w, "Reviews");
    buf_puts(b, "<h1>Reviews</h1>\n<ul>");
    for (size_t i = 0; i < n; i++) {
        buf_t href = BUF_INIT;
        bfmt(&href, "/reviews/%t", rv[i].id);
        buf_puts(b, "<li>");
        page_link(w, buf_str(&href), rv[i].id);
        bfmt(b, " \xE2\x80\x94 %h</li>", rv[i].v[REVIEW_TITLE]);
        buf_free(&href);
    }
    buf_puts(b, "</ul>\n");
    page_end(w);
    return 200;
}

/* GET /reviews/ID — one review and its recs. Parameters: as_of.
 * Role: anyone; restricted recs only for signed-in users. */
int review_page(web_req *w, char **args)
{
    visibility vis;
    ent_t rv, *recs, *as;
    size_t n, nas;
    if (vis_load(w, &vis) || store_get(w->db, &kind_review, &w->view, args[0], w->a, &rv, &w->err) ||
        store_list(w->db, &kind_rec, &w->view, REC_REVIEW, rv.id, w->a, &recs, &n, &w->err) ||
        store_list(w->db, &kind_assessment, &w->view, -1, NULL, w->a, &as, &nas, &w->err)) {
        vis_free(&vis);
        return web_error_from(w, &w->err);
    }
    buf_t *b = &w->res->body;
    page_begin(w, rv.id);
    bfmt(b, "<h1>%h</h1>\n", rv.v[REVIEW_TITLE]);
    watch_button(w, "review", rv.id);
    bfmt(b, "<dl class=\"facts\"><dt>Id</dt><dd>%h</dd>", rv.id);
    if (rv.v[REVIEW_PUBLISHED]) bfmt(b, "<dt>Published</dt><dd><time>%h</time></dd>", rv.v[REVIEW_PUBLISHED]);
    if (rv.v[REVIEW_URL]) bfmt(b, "<dt>Report</dt><dd><a href=\"%h\" rel=\"noopener noreferrer\">%h</a></dd>",
                               rv.v[REVIEW_URL], rv.v[REVIEW_URL]);
    buf_puts(b, "</dl>\n<p>");
    buf_t board = BUF_INIT;
    bfmt(&board, "/reviews/%t/board", rv.id);
    page_link(w, buf_str(&board), "The Board's decisions over time");
    buf_free(&board);
    buf_puts(b, "</p>\n");
    size_t count[ST_COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
        if (vis_rec_hidden(&vis, recs[i].id)) continue;
        int st = status_parse(recs[i].v[REC_STATUS]);
        count[st < 0 ? 0 : st]++;
    }
    buf_puts(b, "<p class=\"summary\">");
    for (int s = 0; s < ST_COUNT; s++)
        if (count[s]) {
            page_status(w, status_name((status_t)s));
            bfmt(b, ": %zu &nbsp; ", count[s]);
        }
    buf_puts(b, "</p>\n<h2>Recommendations</h2>\n<ul class=\"reclist\">");
    for (size_t i = 0; i < n; i++) {
        if (vis_rec_hidden(&vis, recs[i].id)) continue;
        buf_t href = BUF_INIT;
        bfmt(&href, "/recs/%t", recs[i].id);
        bfmt(b, "<li%s>", recs[i].v[REC_PARENT] ? " class=\"sub\"" : "");
        page_status(w, recs[i].v[REC_STATUS]);
        buf_puts(b, " ");
        page_link(w, buf_str(&href), recs[i].id);
        bfmt(b, " %h</li>\n", recs[i].v[REC_TITLE]);
        buf_free(&href);
    }
    buf_puts(b, "</ul>\n");
    int shown = 0;
    for (size_t i = 0; i < nas; i++) {
        if (strcmp(as[i].v[ASM_BY], rv.id) != 0 && strcmp(as[i].v[ASM_OF], rv.id) != 0) continue;
        if (!shown++) buf_puts(b, "<h2>Assessments</h2><ul>");
        buf_t href = BUF_INIT;
        bfmt(&href, "/assessments/%t", as[i].id);
        buf_puts(b, "<li>");
        page_link(w, buf_str(&href), as[i].id);
        bfmt(b, ": %h assessing %h as of <time>%h</time></li>", as[i].v[ASM_BY], as[i].v[ASM_OF], as[i].v[ASM_AS_OF]);
        buf_free(&href);
    }
    if (shown) buf_puts(b, "</ul>\n");
    vis_free(&vis);
    page_end(w);
    return 200;
}
