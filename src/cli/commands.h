/* commands.h — the functions behind the rows of the command table. Each
 * takes the arguments after its name; returns 0, or -1 with c->err set. */
#ifndef SSR_COMMANDS_H
#define SSR_COMMANDS_H

#include "cli/cli.h"

#define CMD(name) int cmd_##name(cli_t *c, int argc, char **argv)
CMD(init); CMD(verify); CMD(rebuild); CMD(demo);
CMD(review_add); CMD(review_list);
CMD(rec_add); CMD(rec_set); CMD(rec_show); CMD(rec_list); CMD(rec_history); CMD(rec_link);
CMD(milestone_add); CMD(milestone_set);
CMD(import); CMD(export);
CMD(kpi_add); CMD(kpi_record); CMD(kpi_show); CMD(kpi_list);
CMD(indicators);
CMD(evidence_add); CMD(evidence_list); CMD(evidence_check);
CMD(report_evidence);
#undef CMD

#endif
