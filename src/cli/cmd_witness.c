/* cmd_witness.c — `witness init` (a witness's cosigning key) and `witness
 * serve` (C2SP tlog-witness, web/witness_server.h): a witness needs no log
 * database, only its key file and its state file; and the log's side,
 * gathering cosignatures for `checkpoint --witness`. */
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "ledger/witness.h"
#include "net/witness_client.h"
#include "store/keyfile.h"
#include "util/alloc.h"
#include "util/file.h"
#include "web/witness_server.h"

#define DEFAULT_WITNESS_KEY "witness.key"

/* --key, else $SSRTRACK_WITNESS_KEY, else witness.key. */
static const char *witness_key_path(const char *given)
{
    if (given && *given) return given;
    const char *env = getenv("SSRTRACK_WITNESS_KEY");
    return env && *env ? env : DEFAULT_WITNESS_KEY;
}

int cmd_witness_init(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--name", 1}, {"--key", 1}};
    if (args_parse(c, "witness init", argc, argv, o, NOPTS(o), NULL, 0, 0, NULL)) return -1;
    const char *name = opt_value(o, NOPTS(o), "--name"), *path = witness_key_path(opt_value(o, NOPTS(o), "--key"));
    if (!name) return err_set(&c->err, ERR_INPUT, "witness init: --name is required (the witness's address, say)");
    note_signer k;
    if (note_keygen_alg(name, NOTE_ALG_COSIGNATURE, &k, &c->err)) return err_prefix(&c->err, "witness init: --name");
    buf_t secret = BUF_INIT, pub = BUF_INIT;
    note_signer_format_alg(&k, NOTE_ALG_COSIGNATURE, &secret);
    buf_putc(&secret, '\n');
    note_verifier_format_alg(&k.v, NOTE_ALG_COSIGNATURE, &pub);
    int rc = -1;
    if (!buf_ok(&secret) || !buf_ok(&pub)) err_nomem(&c->err);
    else if (file_create_private(path, secret.data, secret.len, &c->err)) err_prefix(&c->err, "witness init: %s", path);
    else {
        printf("%s\n", pub.data);
        fprintf(stderr, "witness key written to %s (keep it private); its verifier key is above\n", path);
        rc = 0;
    }
    note_wipe(secret.data, secret.len);
    buf_free(&secret);
    buf_free(&pub);
    note_signer_wipe(&k);
    return rc;
}

int cmd_witness_serve(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--listen", 1}, {"--key", 1}, {"--state", 1}, {"--log", OPT_REPEAT}, {"--quiet", 0}};
    int no = NOPTS(o);
    if (args_parse(c, "witness serve", argc, argv, o, no, NULL, 0, 0, NULL)) return -1;
    const char **vkeys;
    int nlogs;
    if (opt_values(c, o, no, "--log", &vkeys, &nlogs)) return -1;
    if (nlogs == 0) return err_set(&c->err, ERR_INPUT, "witness serve: give each log to witness with --log VKEY");
    if (nlogs > WITNESS_LOGS_MAX) return err_set(&c->err, ERR_INPUT, "witness serve: at most %d logs", WITNESS_LOGS_MAX);
    note_verifier *logs = arena_alloc(c->a, sizeof *logs * (size_t)nlogs);
    if (!logs) return err_nomem(&c->err);
    for (int i = 0; i < nlogs; i++)
        if (note_verifier_parse(vkeys[i], &logs[i], &c->err)) return err_prefix(&c->err, "witness serve: --log %d", i + 1);
    const char *path = witness_key_path(opt_value(o, no, "--key"));
    const char *state_path = opt_value(o, no, "--state");
    if (!state_path && !(state_path = arena_printf(c->a, "%s.state", path))) return err_nomem(&c->err);
    note_signer k;
    if (keyfile_load_witness(path, &k, &c->err)) return err_prefix(&c->err, "witness serve");
    witness_state *st = NULL;
    int rc = -1;
    if (witness_state_open(state_path, &st, &c->err) == 0) {
        witness_ctx w = {&k, logs, nlogs, st, opt_given(o, no, "--quiet")};
        rc = witness_serve(&w, opt_value(o, no, "--listen") ? opt_value(o, no, "--listen") : "127.0.0.1:8081", &c->err);
    }
    witness_state_close(st);
    note_signer_wipe(&k);
    return rc ? err_prefix(&c->err, "witness serve") : 0;
}

/* --- gathering cosignatures (checkpoint --witness) ------------------------ */

/* Ask the witness at url to cosign the signed checkpoint note (its text the
 * first tlen bytes, of size size), starting from old size 0 and, when it
 * answers with the size it holds, again with a proof from there. Appends
 * its verified cosignature lines to out. */
static int ask_witness(cli_t *c, const char *url, const note_verifier *w, const buf_t *note, size_t tlen,
                       uint64_t size, int allow_private, buf_t *out)
{
    merkle_path proof = {0};
    uint64_t old = 0;
    int rc = -1;
    buf_t body = BUF_INIT, reply = BUF_INIT, both = BUF_INIT;
    for (int attempt = 0; attempt < 2; attempt++) {
        long status = 0;
        buf_reset(&body);
        buf_reset(&reply);
        witness_request_format(old, &proof, note->data, note->len, &body);
        if (!buf_ok(&body)) { err_nomem(&c->err); goto done; }
        if (witness_post(url, body.data, body.len, allow_private, &status, &reply, &c->err)) goto done;
        if (!buf_ok(&reply)) { err_nomem(&c->err); goto done; }
        const char *text = buf_str(&reply);
        char *end;
        unsigned long long held = strtoull(text, &end, 10);
        if (status == 409 && attempt == 0 && end != text && *end == '\n') {
            if (held > size) {
                err_set(&c->err, ERR_CONFLICT, "witness %s has cosigned a checkpoint of %llu changes, beyond this "
                        "log's %llu: the log was rolled back", url, held, (unsigned long long)size);
                goto done;
            }
            if (store_proof_consistency(c->store, (long long)held, (long long)size, &proof, &c->err)) goto done;
            old = held;
            continue;
        }
        if (status != 200) {
            /* Its reason, as printable ASCII only: it comes from the network. */
            char why[201];
            size_t i = 0;
            for (; i < sizeof why - 1 && text[i] && text[i] != '\n'; i++)
                why[i] = text[i] >= ' ' && text[i] < 0x7f ? text[i] : '?';
            why[i] = '\0';
            err_set(&c->err, ERR_CONFLICT, "witness %s refused (HTTP %ld): %s", url, status, why);
            goto done;
        }
        /* Keep the lines of this witness, once one of them verifies. */
        buf_append(&both, note->data, tlen);
        buf_putc(&both, '\n');
        buf_append(&both, reply.data, reply.len);
        uint64_t ts;
        if (!buf_ok(&both)) { err_nomem(&c->err); goto done; }
        if (witness_cosig_check(w, both.data, both.len, tlen, &ts, &c->err)) {
            err_prefix(&c->err, "witness %s", url);
            goto done;
        }
        size_t nlen = strlen(w->name);
        for (const char *p = text, *nl; *p; p = nl + 1) {
            if (!(nl = strchr(p, '\n'))) break;
            if (strncmp(p, "\xE2\x80\x94 ", 4) == 0 && strncmp(p + 4, w->name, nlen) == 0 && p[4 + nlen] == ' ')
                buf_append(out, p, (size_t)(nl - p) + 1);
        }
        rc = 0;
        break;
    }
    if (rc && !c->err.msg[0]) err_set(&c->err, ERR_CONFLICT, "witness %s did not cosign", url);
done:
    buf_free(&body);
    buf_free(&reply);
    buf_free(&both);
    return rc;
}

int witness_gather(cli_t *c, const char **specs, int n, int allow_private, buf_t *note)
{
    const char *blank = note->len ? memmem(note->data, note->len, "\n\n", 2) : NULL;
    checkpoint_t ck;
    if (!blank) return err_set(&c->err, ERR_INTERNAL, "checkpoint: not a signed note");
    size_t tlen = (size_t)(blank - note->data) + 1;
    if (checkpoint_parse(note->data, tlen, &ck, &c->err)) return -1;
    buf_t lines = BUF_INIT;
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        const char *eq = strchr(specs[i], '=');
        note_verifier w;
        char *url = eq ? arena_strndup(c->a, specs[i], (size_t)(eq - specs[i])) : NULL;
        if (!eq || eq == specs[i])
            rc = err_set(&c->err, ERR_INPUT, "--witness %d: give URL=VKEY", i + 1);
        else if (!url)
            rc = err_nomem(&c->err);
        else if (note_verifier_parse_alg(eq + 1, NOTE_ALG_COSIGNATURE, &w, &c->err))
            rc = err_prefix(&c->err, "--witness %d", i + 1);
        else
            rc = ask_witness(c, url, &w, note, tlen, ck.size, allow_private, &lines);
    }
    if (rc == 0) buf_append(note, lines.data, lines.len);
    buf_free(&lines);
    return rc || !buf_ok(note) ? (rc ? rc : err_nomem(&c->err)) : 0;
}

/* --- requiring cosignatures (verify, verify-proof) ------------------------ */

int witness_require(cli_t *c, const opt_t *o, int no, const char *note, size_t len, const char *name)
{
    const char **keys;
    int nkeys;
    long needed;
    if (opt_values(c, o, no, "--witness-key", &keys, &nkeys)) return -1;
    if (!nkeys) {
        if (opt_given(o, no, "--witnesses-needed"))
            return err_set(&c->err, ERR_INPUT, "--witnesses-needed goes with --witness-key");
        return 0;
    }
    const char *k = opt_value(o, no, "--witnesses-needed");
    char *end = NULL;
    needed = k ? strtol(k, &end, 10) : nkeys;
    if (k && (!*k || *end || needed < 1 || needed > nkeys))
        return err_set(&c->err, ERR_INPUT, "--witnesses-needed: '%.30s' is not a whole number from 1 to %d (the keys given)",
                       k, nkeys);
    const char *blank = memmem(note, len, "\n\n", 2);
    int good = 0, rc = 0;
    buf_t missing = BUF_INIT;
    for (int i = 0; rc == 0 && i < nkeys; i++) {
        note_verifier w;
        uint64_t ts;
        err_t e2;
        if (note_verifier_parse_alg(keys[i], NOTE_ALG_COSIGNATURE, &w, &c->err))
            rc = err_prefix(&c->err, "--witness-key %d", i + 1);
        else if (blank && witness_cosig_check(&w, note, len, (size_t)(blank - note) + 1, &ts, &e2) == 0)
            good++;
        else
            buf_printf(&missing, "%s%s", missing.len ? ", " : "", w.name);
    }
    if (rc == 0 && good < needed)
        rc = err_set(&c->err, ERR_INPUT, "%s: %d of the %ld witness cosignatures needed verify (none valid by %s)", name,
                     good, needed, buf_str(&missing));
    buf_free(&missing);
    return rc;
}
