/* commands.h — the functions behind the rows of the command table. Each
 * takes the arguments after its name; returns 0, or -1 with c->err set. */
#ifndef SSR_COMMANDS_H
#define SSR_COMMANDS_H

#include "cli/cli.h"

#define CMD(name) int cmd_##name(cli_t *c, int argc, char **argv)
CMD(init); CMD(verify); CMD(rebuild); CMD(demo);
CMD(review_add); CMD(review_list);
CMD(rec_add); CMD(rec_set); CMD(rec_show); CMD(rec_list); CMD(rec_history); CMD(rec_link); CMD(rec_verify);
CMD(milestone_add); CMD(milestone_set);
CMD(import); CMD(export);
CMD(report); CMD(lint);
CMD(serve); CMD(site); CMD(http); CMD(user_add); CMD(token_create);
CMD(assess_new); CMD(assess_set); CMD(assess_signoff); CMD(assess_show); CMD(assess_list);
CMD(kpi_add); CMD(kpi_record); CMD(kpi_show); CMD(kpi_list);
CMD(indicators);
CMD(evidence_add); CMD(evidence_list); CMD(evidence_check); CMD(evidence_set); CMD(kpi_set);
CMD(report_evidence);
CMD(checkpoint); CMD(key_show); CMD(proof_inclusion); CMD(proof_consistency); CMD(verify_proof);
#undef CMD

/* init's signing key (cmd_ledger.c): when the database has no public key,
 * use the private key file (--key, $SSRTRACK_KEY, DB.key) if it exists, or
 * make a new key pair there, and store the public key. *report gets the
 * lines to print about it (arena-owned), or NULL when the database had a key. */
int ledger_init_key(cli_t *c, const char *key_opt, const char *origin, const char **report);

#endif
