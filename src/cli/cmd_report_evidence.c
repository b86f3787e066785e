/* cmd_report_evidence.c — report evidence: the health of every evidence
 * link as Markdown, one self-contained HTML page, CSV or JSON
 * (report/evidence_report.h). */
#include <string.h>

#include "cli/commands.h"
#include "report/evidence_report.h"

int cmd_report_evidence(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--as-of", 1}, {"--format", 1}, {"-o", 1}};
    int no = NOPTS(o);
    if (args_parse(c, "report evidence", argc, argv, o, no, NULL, 0, 0, NULL)) return -1;
    const char *fmt = cli_format(c, "report evidence", opt_value(o, no, "--format"), "md|html|csv|json|xlsx", "md");
    if (!fmt) return -1;
    view_t v;
    buf_t b = BUF_INIT;
    if (store_view(c->store, opt_value(o, no, "--as-of"), NULL, &v, &c->err) ||
        ev_report(c->store, &v, NULL, fmt, c->a, &b, &c->err)) {
        buf_free(&b);
        return err_prefix(&c->err, "report evidence");
    }
    if (strcmp(fmt, "xlsx") == 0) return cli_output_file(c, "report evidence", opt_value(o, no, "-o"), &b);
    return cli_print_buf(c, &b);
}
