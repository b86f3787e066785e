/* rec_board.c — the rec page's "Board decisions" section: the rec's
 * disposition over time (report/board.h), each with the reason given. */
#include "report/board.h"
#include "util/fmt.h"
#include "web/downloads.h"
#include "web/handlers.h"
#include "web/page.h"

int rec_board_section(web_req *w, const char *rec)
{
    board_step *st;
    size_t n;
    if (board_of_rec(w->db, rec, w->view.as_of, w->a, &st, &n, &w->err)) return -1;
    if (!n) return 0;
    buf_t *b = &w->res->body;
    buf_puts(b, "<h2>Board decisions</h2>\n<table class=\"board\"><thead><tr><th scope=\"col\">Effective</th>"
                "<th scope=\"col\">Disposition</th><th scope=\"col\">Why</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        unsigned set = board_parse(st[i].value);
        bfmt(b, "<tr><td><time>%h</time></td><td>", st[i].date);
        int first = 1;
        for (int d = 0; d < BD_COUNT; d++)
            if (set >> d & 1u) {
                bfmt(b, "%s%h", first ? "" : " + ", board_label((board_t)d));
                first = 0;
            }
        bfmt(b, "</td><td>%h</td></tr>\n", st[i].reason);
    }
    buf_puts(b, "</tbody></table>\n");
    table_links(w, "/tables/recs/*/board", rec, NULL);
    return 0;
}
