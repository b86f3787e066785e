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
CMD(user_remove); CMD(user_set); CMD(user_list); CMD(token_list); CMD(token_revoke);
CMD(assess_new); CMD(assess_set); CMD(assess_signoff); CMD(assess_show); CMD(assess_list);
CMD(kpi_add); CMD(kpi_record); CMD(kpi_show); CMD(kpi_list);
CMD(indicators);
CMD(evidence_add); CMD(evidence_list); CMD(evidence_check); CMD(evidence_set); CMD(kpi_set);
CMD(report_evidence);
CMD(contact_set); CMD(watch); CMD(unwatch); CMD(config_set); CMD(config_get); CMD(notify);
CMD(webhook_add); CMD(webhook_list); CMD(webhook_remove); CMD(webhook_deliveries); CMD(webhook_deliver);
CMD(comment_add); CMD(comment_edit);
CMD(witness_init); CMD(witness_serve);
CMD(checkpoint); CMD(key_show); CMD(proof_inclusion); CMD(proof_consistency); CMD(verify_proof);
#undef CMD

/* init's signing key (cmd_ledger.c): when the database has no public key,
 * use the private key file (--key, $SSRTRACK_KEY, DB.key) if it exists, or
 * make a new key pair there, and store the public key. *report gets the
 * lines to print about it (arena-owned), or NULL when the database had a key. */
int ledger_init_key(cli_t *c, const char *key_opt, const char *origin, const char **report);

/* cmd_contacts.c: ERR_INPUT naming cmd unless addr is an email address
 * (core/email.h); unless url is an http(s) base URL without credentials. */
int cli_check_email(cli_t *c, const char *cmd, const char *opt, const char *addr);
int cli_check_base_url(cli_t *c, const char *cmd, const char *url);
/* checkpoint --witness (cmd_witness.c): ask each witness ("URL=VKEY") to
 * cosign the signed checkpoint in note, over the network and outside any
 * transaction, and append their verified cosignature lines to note. Any
 * refusal (a fork, a roll-back, a bad proof) or unverifiable answer is an
 * error naming the witness. */
int witness_gather(cli_t *c, const char **specs, int n, int allow_private, buf_t *note);
/* --witness-key VKEY... [--witnesses-needed K] among a command's options o:
 * when keys are given, the signed checkpoint note (len bytes, read from the
 * file called name) must carry valid cosignatures by K of them (default:
 * all). 0, or -1 with c->err. */
int witness_require(cli_t *c, const opt_t *o, int no, const char *note, size_t len, const char *name);

#endif
