/* cmd_report.c — report KIND and lint: the published views, from data. */
#include <string.h>

#include "cli/commands.h"
#include "report/report.h"
#include "report/smart_report.h"
#include "util/fmt.h"

int cmd_report(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--review", 1}, {"--assessment", 1}, {"--as-of", 1}, {"--format", 1},
                 {"--from", 1}, {"--to", 1}, {"--include-restricted", 0}, {"-o", 1}};
    int no = NOPTS(o);
    const char *pos[1];
    if (args_parse(c, "report", argc, argv, o, no, pos, 1, 1, NULL)) return -1;
    const char *fmt = cli_format(c, "report", opt_value(o, no, "--format"), "md|html|csv|json|xlsx", "md");
    if (!fmt) return -1;
    report_opts ro = {opt_value(o, no, "--review"), opt_value(o, no, "--assessment"),
                      opt_value(o, no, "--as-of"), opt_value(o, no, "--from"), opt_value(o, no, "--to"),
                      RF_MD, opt_given(o, no, "--include-restricted")};
    report_format_parse(fmt, &ro.format);
    buf_t out = BUF_INIT;
    int rc = report_render(c->store, pos[0], &ro, c->a, &out, &c->err);
    if (rc == 0 && !buf_ok(&out)) rc = err_nomem(&c->err);
    if (rc) { buf_free(&out); return err_prefix(&c->err, "report %s", pos[0]); }
    if (ro.format == RF_XLSX) return cli_output_file(c, "report", opt_value(o, no, "-o"), &out);
    return cli_print_buf(c, &out);
}

int cmd_lint(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--strict", 0}, {"--review", 1}, {"--as-of", 1}, {"--format", 1}};
    int no = NOPTS(o), np;
    const char *pos[1];
    if (args_parse(c, "lint", argc, argv, o, no, pos, 0, 1, &np)) return -1;
    const char *fmt = cli_format(c, "lint", opt_value(o, no, "--format"), "text|json", "text");
    if (!fmt) return -1;
    view_t v;
    smart_rows sr;
    if (store_view(c->store, opt_value(o, no, "--as-of"), NULL, &v, &c->err) ||
        smart_all(c->store, &v, opt_value(o, no, "--review"), np ? pos[0] : NULL, 1, c->a, &sr, &c->err))
        return err_prefix(&c->err, "lint");
    if (strcmp(fmt, "json") == 0) {
        json_t *arr = json_array();
        for (size_t i = 0; arr && i < sr.n; i++)
            for (int k = 0; k < sr.rows[i].n; k++)
                json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}", "rec", sr.rows[i].rec.id, "rule",
                                                     sr.rows[i].f[k].rule, "letter", sr.rows[i].f[k].letter,
                                                     "detail", sr.rows[i].f[k].detail));
        if (cli_print_json(c, arr)) return -1;
    } else {
        for (size_t i = 0; i < sr.n; i++)
            for (int k = 0; k < sr.rows[i].n; k++)
                printf("%-10s %s %-10s %s\n", sr.rows[i].rec.id, sr.rows[i].f[k].rule, sr.rows[i].f[k].letter,
                       sr.rows[i].f[k].detail);
        printf("%zu findings in %zu recs (S1 %zu, M1 %zu, A1 %zu, R1 %zu, T1 %zu)\n", sr.findings, sr.n,
               sr.by_rule[0], sr.by_rule[1], sr.by_rule[2], sr.by_rule[3], sr.by_rule[4]);
    }
    if (opt_given(o, no, "--strict") && sr.findings)
        return err_set(&c->err, ERR_INPUT, "lint: %zu SMART findings (--strict)", sr.findings);
    return 0;
}
