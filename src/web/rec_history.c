/* rec_history.c — see rec_history.h. */
#include "web/rec_history.h"

#include <string.h>

#include "core/tx_summary.h"
#include "util/fmt.h"
#include "web/recent.h"

#define DETAIL_MAX 200   /* changes listed in one entry's detail */

/* 1 when the reader may see change c of the rec's history. */
static int shown(const visibility *vis, const change_t *c)
{
    if (strcmp(c->entity, "milestone") == 0 || strcmp(c->entity, "link") == 0)
        return !vis_is_hidden(vis, c->entity, c->entity_id);
    return 1;
}

int rec_history(web_req *w, const visibility *vis, const char *rec, const change_t *hist, size_t nhist)
{
    buf_t *b = &w->res->body;
    /* Old values and new things from the whole history, then only what is shown. */
    tx_change *all = arena_alloc(w->a, (nhist ? nhist : 1) * sizeof *all);
    tx_change *keep = arena_alloc(w->a, (nhist ? nhist : 1) * sizeof *keep);
    if (!all || !keep) return err_nomem(&w->err);
    tx_from_history(all, hist, nhist);
    size_t n = 0, later = 0;
    for (size_t i = 0; i < nhist; i++) {
        if (!store_change_in_view(&hist[i], &w->view)) later++;
        else if (shown(vis, &hist[i])) keep[n++] = all[i];
    }
    buf_puts(b, "<h2>History</h2>\n<p class=\"note\">What was done to this recommendation, newest first, with when it "
                "took effect and when it was recorded here; the gap is how late the record was.</p>\n");
    if (n) buf_puts(b, "<ol class=\"timeline\">\n");
    /* Newest first: the transactions from the end, each in seq order. */
    for (size_t end = n; end > 0;) {
        size_t start = end - 1;
        while (start > 0 && tx_key(keep[start - 1].c) == tx_key(keep[end - 1].c)) start--;
        tx_entry_html(w, b, keep + start, end - start, 0, DETAIL_MAX, 0);
        end = start;
    }
    if (n) buf_puts(b, "</ol>\n");
    else buf_puts(b, "<p>No changes yet on this date.</p>\n");
    if (later)
        bfmt(b, "<p class=\"note\">%zu later change%s, in effect after %h, %s not shown: "
                "<a href=\"/recs/%t\">see the record as of today</a>.</p>\n",
             later, later == 1 ? "" : "s", w->view.as_of, later == 1 ? "is" : "are", rec);
    return 0;
}
