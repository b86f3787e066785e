/* cmd_report_evidence.c — report evidence: the health of every evidence
 * link as Markdown, one self-contained HTML page, CSV or JSON
 * (report/evidence_report.h). */
#include <string.h>

#include "cli/commands.h"
#include "report/evidence_report.h"

int cmd_report_evidence(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--as-of", 1}, {"--format", 1}};
    int no = 2;
    if (args_parse(c, "report evidence", argc, argv, o, no, NULL, 0, 0, NULL)) return -1;
    const char *fmt = cli_format(c, "report evidence", opt_value(o, no, "--format"), "md|html|csv|json", "md");
    if (!fmt) return -1;
    view_t v;
    ev_health *rows;
    size_t n;
    if (store_view(c->store, opt_value(o, no, "--as-of"), NULL, &v, &c->err) ||
        ev_health_load(c->store, &v, NULL, c->a, &rows, &n, &c->err))
        return err_prefix(&c->err, "report evidence");
    buf_t b = BUF_INIT;
    ev_report_render(&b, rows, n, fmt, &v);
    return cli_print_buf(c, &b);
}
