/* cmd_indicators.c — indicators: the built-in indicators of each review
 * (report/indicators.h) as of a date. */
#include <string.h>

#include "cli/commands.h"
#include "report/indicators.h"

/* "3 of 4 (75%)", or "0 of 0" when there is nothing to divide by. */
static void share_line(const char *label, long part, long whole, double share)
{
    printf("  %-34s %ld of %ld", label, part, whole);
    if (share >= 0) printf(" (%.0f%%)", share * 100);
    putchar('\n');
}

static void print_text(const indicators_t *in)
{
    printf("%s, as of %s\n", in->review, in->as_of);
    share_line("recs complete", in->recs_complete, in->recs, in->share_complete);
    printf("  %-34s %ld of %ld\n", "milestones overdue", in->milestones_overdue, in->milestones);
    if (in->lag_edits)
        printf("  %-34s median %ld, 90th percentile %ld (%ld edits)\n", "documentation lag (days)",
               in->lag_median, in->lag_p90, in->lag_edits);
    else
        printf("  %-34s no edits\n", "documentation lag (days)");
    share_line("recs with a KPI that has a target", in->recs_kpi_target, in->recs, in->share_kpi_target);
    share_line("evidence links alive (of checked)", in->links_alive, in->links_checked, in->share_alive);
    if (in->links > in->links_checked)
        printf("  %-34s %ld never checked\n", "", in->links - in->links_checked);
}

int cmd_indicators(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--review", 1}, {"--as-of", 1}, {"--format", 1}};
    int no = NOPTS(o);
    if (args_parse(c, "indicators", argc, argv, o, no, NULL, 0, 0, NULL)) return -1;
    const char *fmt = cli_format(c, "indicators", opt_value(o, no, "--format"), "text|json", "text");
    if (!fmt) return -1;
    const char *review = opt_value(o, no, "--review");
    view_t v;
    ent_t *reviews = NULL;
    size_t n = 0;
    if (store_view(c->store, opt_value(o, no, "--as-of"), NULL, &v, &c->err))
        return err_prefix(&c->err, "indicators");
    if (cli_review_known(c, "indicators", review)) return -1;
    if (!review && store_list(c->store, &kind_review, &v, -1, NULL, c->a, &reviews, &n, &c->err))
        return err_prefix(&c->err, "indicators");
    size_t count = review ? 1 : n;
    json_t *arr = strcmp(fmt, "json") == 0 ? json_array() : NULL;
    if (strcmp(fmt, "json") == 0 && !arr) return err_nomem(&c->err);
    for (size_t i = 0; i < count; i++) {
        indicators_t in;
        if (indicators_compute(c->store, &v, review ? review : reviews[i].id, 0, c->a, &in, &c->err)) {
            json_decref(arr);
            return err_prefix(&c->err, "indicators");
        }
        if (arr) {
            if (json_array_append_new(arr, indicators_json(&in))) { json_decref(arr); return err_nomem(&c->err); }
        } else {
            if (i) putchar('\n');
            print_text(&in);
        }
    }
    if (arr) return cli_print_json(c, arr);
    if (!count) printf("no reviews as of %s\n", v.as_of);
    return 0;
}
