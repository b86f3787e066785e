/* cmd_ledger.c — the log as outsiders check it: verify (the chain, the
 * Merkle tree, a saved checkpoint), checkpoint, key show, proof inclusion |
 * consistency, verify-proof (offline), and the signing key that init makes.
 * Formats: docs/ledger.md. The private key is read only by the commands that
 * sign, and never printed. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "store/keyfile.h"
#include "ledger/note.h"
#include "report/ledger_json.h"
#include "report/proof_check.h"
#include "util/alloc.h"
#include "util/file.h"
#include "util/hex.h"

#define KEY_FILE_MAX 4096
#define PROOF_FILE_MAX (16 * 1024 * 1024)
#define DEFAULT_ORIGIN_PREFIX "ssrtrack/"

/* The private key file: --key, else $SSRTRACK_KEY, else the database's path
 * followed by ".key". Arena-owned or the caller's string. */
static const char *key_path(cli_t *c, const char *given)
{
    if (given && *given) return given;
    const char *env = getenv("SSRTRACK_KEY");
    if (env && *env) return env;
    return arena_printf(c->a, "%s.key", c->db_path);
}

/* Read and parse the private key at path; the caller wipes k. */
static int load_signer(cli_t *c, const char *path, note_signer *k)
{
    return keyfile_load(path, NULL, k, &c->err);
}

/* A verifier key given as text, or as the name of a file holding it. */
static int parse_verifier(cli_t *c, const char *given, note_verifier *v)
{
    if (access(given, F_OK) != 0) return note_verifier_parse(given, v, &c->err) ? err_prefix(&c->err, "--key") : 0;
    size_t len;
    char *text = file_read(given, KEY_FILE_MAX, &len, &c->err);
    if (!text) return err_prefix(&c->err, "--key");
    int rc = note_verifier_parse(text, v, &c->err);
    mem_free(text);
    return rc ? err_prefix(&c->err, "--key %s", given) : 0;
}

/* The database's public key; ERR_NOTFOUND when it has none. */
static int stored_verifier(cli_t *c, note_verifier *v)
{
    const char *vkey;
    if (store_log_key(c->store, c->a, &vkey, &c->err)) return -1;
    if (!vkey)
        return err_set(&c->err, ERR_NOTFOUND, "%s has no signing key (run 'ssrtrack init' to make one)",
                       c->db_path);
    return note_verifier_parse(vkey, v, &c->err) ? err_prefix(&c->err, "%s: the stored key", c->db_path) : 0;
}

/* Read a signed checkpoint from path and check it against v. */
static int open_checkpoint(cli_t *c, const char *opt, const char *path, const note_verifier *v,
                           checkpoint_t *ck)
{
    size_t len;
    char *note = file_read(path, NOTE_MAX_BYTES, &len, &c->err);
    if (!note) return err_prefix(&c->err, "%s", opt);
    int rc = checkpoint_open(v, note, len, ck, &c->err);
    mem_free(note);
    return rc ? err_prefix(&c->err, "%s %s", opt, path) : 0;
}

/* --- init's key ---------------------------------------------------------- */

static int save_key(cli_t *c, void *vkey)
{
    return store_set_log_key(c->store, vkey, &c->err);
}

int ledger_init_key(cli_t *c, const char *key_opt, const char *origin, const char **report)
{
    const char *vkey;
    *report = NULL;
    if (store_log_key(c->store, c->a, &vkey, &c->err)) return -1;
    if (vkey) return 0;
    if (origin && !note_name_valid(origin))
        return err_set(&c->err, ERR_INPUT, "init: --origin: '%.60s' cannot name a log (no spaces or "
                       "'+', at most %d bytes)", origin, NOTE_NAME_MAX);
    const char *path = key_path(c, key_opt);
    note_signer k;
    int adopted = access(path, F_OK) == 0, rc = -1;
    buf_t text = BUF_INIT, pub = BUF_INIT;
    if (adopted) {
        /* A key kept from before (a database made again): use it. */
        if (load_signer(c, path, &k)) return err_prefix(&c->err, "init");
        if (origin && strcmp(origin, k.v.name) != 0) {
            err_set(&c->err, ERR_INPUT, "init: --origin %s differs from the name of the key in %s (%s)",
                    origin, path, k.v.name);
            goto done;
        }
    } else {
        if (origin ? note_keygen(origin, &k, &c->err) : note_keygen_named_by_key(DEFAULT_ORIGIN_PREFIX, &k, &c->err))
            return err_prefix(&c->err, "init");
        note_signer_format(&k, &text);
        buf_putc(&text, '\n');
        if (!buf_ok(&text)) { err_nomem(&c->err); goto done; }
        if (file_create_private(path, text.data, text.len, &c->err)) { err_prefix(&c->err, "init"); goto done; }
    }
    note_verifier_format(&k.v, &pub);
    if (!buf_ok(&pub)) { err_nomem(&c->err); goto done; }
    if (cli_write(c, save_key, pub.data)) goto done;
    *report = arena_printf(c->a, "%s the signing key %s\npublic key: %s\n",
                           adopted ? "using" : "created", path, pub.data);
    rc = *report ? 0 : err_nomem(&c->err);
done:
    note_signer_wipe(&k);
    if (text.data) note_wipe(text.data, text.cap);
    buf_free(&text);
    buf_free(&pub);
    return rc;
}

/* --- key show, checkpoint ------------------------------------------------ */

int cmd_key_show(cli_t *c, int argc, char **argv)
{
    if (args_parse(c, "key show", argc, argv, NULL, 0, NULL, 0, 0, NULL)) return -1;
    note_verifier v;
    if (stored_verifier(c, &v)) return err_prefix(&c->err, "key show");
    buf_t b = BUF_INIT;
    note_verifier_format(&v, &b);
    if (!buf_ok(&b)) { buf_free(&b); return err_nomem(&c->err); }
    printf("%s\n", b.data);
    buf_free(&b);
    return 0;
}

typedef struct {
    const note_signer *k;
    buf_t note;
} sign_ctx;

static int sign_head(cli_t *c, void *ctx)
{
    sign_ctx *x = ctx;
    checkpoint_t ck;
    long long size;
    if (store_tree_head(c->store, &size, ck.root, &c->err)) return -1;
    ck.size = (uint64_t)size;
    snprintf(ck.origin, sizeof ck.origin, "%s", x->k->v.name);
    buf_t text = BUF_INIT;
    checkpoint_format(&ck, &text);
    int rc = !buf_ok(&text) ? err_nomem(&c->err) : note_sign(x->k, text.data, text.len, &x->note, &c->err);
    buf_free(&text);
    return rc ? -1 : store_checkpoint_add(c->store, size, ck.root, x->note.data, &c->err);
}

/* Keep the cosigned checkpoint as the newest one (same size and root). */
static int keep_cosigned(cli_t *c, void *ctx)
{
    const buf_t *note = ctx;
    const char *blank = memmem(note->data, note->len, "\n\n", 2);
    checkpoint_t ck;
    if (!blank || checkpoint_parse(note->data, (size_t)(blank - note->data) + 1, &ck, &c->err)) return -1;
    return store_checkpoint_add(c->store, (long long)ck.size, ck.root, note->data, &c->err);
}

int cmd_checkpoint(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--key", 1}, {"--witness", OPT_REPEAT}, {"--allow-private", 0}};
    if (args_parse(c, "checkpoint", argc, argv, o, NOPTS(o), NULL, 0, 0, NULL)) return -1;
    const char **witnesses;
    int nw;
    if (opt_values(c, o, NOPTS(o), "--witness", &witnesses, &nw)) return -1;
    note_verifier stored;
    if (stored_verifier(c, &stored)) return err_prefix(&c->err, "checkpoint");
    const char *path = key_path(c, opt_value(o, NOPTS(o), "--key"));
    note_signer k;
    if (load_signer(c, path, &k)) return err_prefix(&c->err, "checkpoint");
    int rc = -1;
    sign_ctx x = {&k, BUF_INIT};
    if (k.v.id != stored.id || memcmp(k.v.pub, stored.pub, 32) != 0 || strcmp(k.v.name, stored.name) != 0) {
        err_set(&c->err, ERR_INPUT, "checkpoint: the key in %s is not this log's key (%s+%08x)", path,
                stored.name, (unsigned)stored.id);
        goto done;
    }
    if (cli_write(c, sign_head, &x)) goto done;
    if (nw) {
        if (witness_gather(c, witnesses, nw, opt_given(o, NOPTS(o), "--allow-private"), &x.note) ||
            cli_write(c, keep_cosigned, &x.note)) {
            err_prefix(&c->err, "checkpoint");
            goto done;
        }
    }
    fwrite(x.note.data, 1, x.note.len, stdout);
    rc = 0;
done:
    buf_free(&x.note);
    note_signer_wipe(&k);
    return rc;
}

/* --- verify -------------------------------------------------------------- */

/* The cosignatures verify --checkpoint FILE requires (witness_require). */
static int cosigned(cli_t *c, const opt_t *o, int no, const char *file)
{
    if (!opt_given(o, no, "--witness-key") && !opt_given(o, no, "--witnesses-needed")) return 0;
    size_t len;
    char *note = file_read(file, NOTE_MAX_BYTES, &len, &c->err);
    if (!note) return err_prefix(&c->err, "--checkpoint");
    int rc = witness_require(c, o, no, note, len, file);
    mem_free(note);
    return rc;
}

int cmd_verify(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--checkpoint", 1}, {"--key", 1}, {"--witness-key", OPT_REPEAT}, {"--witnesses-needed", 1}};
    if (args_parse(c, "verify", argc, argv, o, NOPTS(o), NULL, 0, 0, NULL)) return -1;
    const char *file = opt_value(o, NOPTS(o), "--checkpoint"), *key = opt_value(o, NOPTS(o), "--key");
    if ((key || opt_given(o, NOPTS(o), "--witness-key") || opt_given(o, NOPTS(o), "--witnesses-needed")) && !file)
        return err_set(&c->err, ERR_INPUT, "verify: --key and --witness-key go with --checkpoint");
    checkpoint_t ck = {0};
    if (file) {
        note_verifier v;
        if ((key ? parse_verifier(c, key, &v) : stored_verifier(c, &v)) ||
            open_checkpoint(c, "--checkpoint", file, &v, &ck) || cosigned(c, o, NOPTS(o), file))
            return err_prefix(&c->err, "verify");
    }
    verify_result r;
    if (store_verify_at(c->store, (long long)ck.size, &r, &c->err)) return -1;
    if (r.bad_seq)
        return err_set(&c->err, ERR_INPUT, "verify: seq %lld: %s (%lld rows before it verified)",
                       r.bad_seq, r.problem, r.rows);
    if (file) {
        if ((long long)ck.size > r.rows)
            return err_set(&c->err, ERR_INPUT, "verify: the checkpoint is of %llu changes but the log "
                           "holds %lld (changes were removed)", (unsigned long long)ck.size, r.rows);
        if (memcmp(r.root_at, ck.root, HASH_SIZE) != 0)
            return err_set(&c->err, ERR_INPUT, "verify: the first %llu changes of the log are not those "
                           "of the checkpoint (the log was rewritten)", (unsigned long long)ck.size);
        /* And the stored tree proves it the way an outsider would check. */
        merkle_path p;
        if (store_proof_consistency(c->store, (long long)ck.size, r.rows, &p, &c->err) ||
            merkle_verify_consistency(ck.size, (uint64_t)r.rows, ck.root, r.root, &p, &c->err))
            return err_prefix(&c->err, "verify");
    }
    char head[65], root[65];
    hex_encode(r.head, 32, head);
    hex_encode(r.root, 32, root);
    printf("ok: %lld changes, chain head %s, tree root %s\n", r.rows, r.rows ? head : "(empty)", root);
    if (file)
        printf("ok: the checkpoint of %s at %llu changes is consistent with the log\n", ck.origin,
               (unsigned long long)ck.size);
    return 0;
}

/* --- proof --------------------------------------------------------------- */

/* A seq or a size: decimal digits only. */
static int parse_count(cli_t *c, const char *cmd, const char *s, size_t n, long long *out)
{
    long long v = 0;
    if (n == 0 || n > 18) goto bad;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') goto bad;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
bad:
    return err_set(&c->err, ERR_INPUT, "%s: '%.*s' is not a number", cmd, (int)(n > 30 ? 30 : n), s);
}

/* "N" or "FROM..TO". */
static int parse_range(cli_t *c, const char *cmd, const char *s, long long *from, long long *to,
                       int *is_range)
{
    const char *dots = strstr(s, "..");
    *is_range = dots != NULL;
    if (!dots) {
        if (parse_count(c, cmd, s, strlen(s), from)) return -1;
        *to = *from;
        return 0;
    }
    if (parse_count(c, cmd, s, (size_t)(dots - s), from) || parse_count(c, cmd, dots + 2, strlen(dots + 2), to))
        return -1;
    if (*to < *from) return err_set(&c->err, ERR_INPUT, "%s: the range %.40s runs backwards", cmd, s);
    return 0;
}

/* Print one proof of a list: "[" before the first, "," between. */
static int print_item(cli_t *c, json_t *j, int is_range, long long *count)
{
    if (!j) return err_nomem(&c->err);
    if (is_range) fputs(*count ? ",\n" : "[\n", stdout);
    int rc = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(j);
    (*count)++;
    if (rc) return err_set(&c->err, ERR_IO, "cannot write the output");
    if (!is_range) fputc('\n', stdout);
    return 0;
}

typedef struct {
    cli_t *c;
    long long size, count;
    unsigned char root[HASH_SIZE];
    int is_range;
} inclusion_ctx;

static int inclusion_one(void *ctx, const leaf_t *l)
{
    inclusion_ctx *x = ctx;
    merkle_path p;
    unsigned char leaf[HASH_SIZE];
    if (store_proof_inclusion(x->c->store, l->seq, x->size, &p, leaf, &x->c->err)) return -1;
    if (memcmp(leaf, l->leaf, HASH_SIZE) != 0)
        return err_set(&x->c->err, ERR_INTERNAL, "seq %lld: two reads gave two leaf hashes", l->seq);
    return print_item(x->c, ledger_inclusion_json(l->seq, x->size, l->leaf, &p, x->root, l->change),
                      x->is_range, &x->count);
}

int cmd_proof_inclusion(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--size", 1}};
    const char *pos[1];
    if (args_parse(c, "proof inclusion", argc, argv, o, NOPTS(o), pos, 1, 1, NULL)) return -1;
    inclusion_ctx x = {c, 0, 0, {0}, 0};
    long long from, to;
    if (parse_range(c, "proof inclusion", pos[0], &from, &to, &x.is_range)) return -1;
    const char *size = opt_value(o, NOPTS(o), "--size");
    if (size ? parse_count(c, "proof inclusion: --size", size, strlen(size), &x.size)
             : (x.size = store_head_seq(c->store)) < 0)
        return -1;
    if (from < 1 || to > x.size)
        return err_set(&c->err, ERR_INPUT, "proof inclusion: seq %lld is not in the tree of %lld changes",
                       from < 1 ? from : to, x.size);
    if (store_tree_root(c->store, x.size, x.root, &c->err)) return err_prefix(&c->err, "proof inclusion");
    if (store_each_leaf(c->store, from, to, 1, inclusion_one, &x, &c->err))
        return err_prefix(&c->err, "proof inclusion");
    if (x.count != to - from + 1)
        return err_set(&c->err, ERR_IO, "proof inclusion: seq %lld is missing from the log (run "
                       "'ssrtrack verify')", from + x.count);
    if (x.is_range) fputs("\n]\n", stdout);
    return 0;
}

int cmd_proof_consistency(cli_t *c, int argc, char **argv)
{
    const char *pos[2];
    if (args_parse(c, "proof consistency", argc, argv, NULL, 0, pos, 2, 2, NULL)) return -1;
    long long from, to, new_size, count = 0;
    int is_range;
    if (parse_range(c, "proof consistency", pos[0], &from, &to, &is_range) ||
        parse_count(c, "proof consistency", pos[1], strlen(pos[1]), &new_size))
        return -1;
    if (to > new_size)
        return err_set(&c->err, ERR_INPUT, "proof consistency: the old size %lld is above the new size %lld",
                       to, new_size);
    unsigned char new_root[HASH_SIZE], old_root[HASH_SIZE];
    if (store_tree_root(c->store, new_size, new_root, &c->err)) return err_prefix(&c->err, "proof consistency");
    for (long long old = from; old <= to; old++) {
        merkle_path p;
        if (store_tree_root(c->store, old, old_root, &c->err) ||
            store_proof_consistency(c->store, old, new_size, &p, &c->err))
            return err_prefix(&c->err, "proof consistency");
        if (print_item(c, ledger_consistency_json(old, new_size, old_root, new_root, &p), is_range, &count))
            return -1;
    }
    if (is_range) fputs("\n]\n", stdout);
    return 0;
}

/* --- verify-proof: offline, no database ---------------------------------- */

/* Read a file for verify-proof; the caller frees *out with mem_free. */
static int read_input(cli_t *c, const char *opt, const char *path, size_t max, char **out, size_t *len)
{
    *out = file_read(path, max, len, &c->err);
    return *out ? 0 : err_prefix(&c->err, "%s", opt);
}

int cmd_verify_proof(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--proof", 1}, {"--checkpoint", 1}, {"--key", 1}, {"--old-checkpoint", 1}, {"--leaf", 1},
                 {"--witness-key", OPT_REPEAT}, {"--witnesses-needed", 1}};
    int no = NOPTS(o);
    if (args_parse(c, "verify-proof", argc, argv, o, no, NULL, 0, 0, NULL)) return -1;
    const char *proof_file = opt_value(o, no, "--proof"), *ck_file = opt_value(o, no, "--checkpoint"),
               *key = opt_value(o, no, "--key"), *old_file = opt_value(o, no, "--old-checkpoint");
    if (!proof_file || !ck_file || !key)
        return err_set(&c->err, ERR_INPUT, "verify-proof: --proof, --checkpoint and --key are required");
    note_verifier v;
    if (parse_verifier(c, key, &v)) return err_prefix(&c->err, "verify-proof");
    proof_check_in in = {.key = &v, .leaf = opt_value(o, no, "--leaf"), .proof_name = proof_file,
                         .checkpoint_name = arena_printf(c->a, "--checkpoint %s", ck_file),
                         .old_checkpoint_name = arena_printf(c->a, "--old-checkpoint %s", old_file ? old_file : "")};
    char *proof = NULL, *ck = NULL, *old = NULL;
    int rc = -1;
    if (!in.checkpoint_name || !in.old_checkpoint_name) { err_nomem(&c->err); goto done; }
    if (read_input(c, "--checkpoint", ck_file, NOTE_MAX_BYTES, &ck, &in.checkpoint_len) ||
        (old_file && read_input(c, "--old-checkpoint", old_file, NOTE_MAX_BYTES, &old, &in.old_checkpoint_len)) ||
        read_input(c, "--proof", proof_file, PROOF_FILE_MAX, &proof, &in.proof_len))
        goto done;
    in.checkpoint = ck;
    in.old_checkpoint = old;
    in.proof = proof;
    proof_check_out out;
    if (proof_check(&in, c->a, &out, &c->err) || witness_require(c, o, no, ck, in.checkpoint_len, ck_file)) goto done;
    if (out.inclusion)
        printf("ok: seq %lld is in the log %s of %llu changes%s\n", out.seq, out.ck.origin,
               (unsigned long long)out.ck.size, out.with_change ? ", with the content shown in the proof" : "");
    else
        printf("ok: the log %s of %llu changes extends its checkpoint of %llu changes\n", out.ck.origin,
               (unsigned long long)out.ck.size, (unsigned long long)out.old.size);
    rc = 0;
done:
    mem_free(proof);
    mem_free(ck);
    mem_free(old);
    return rc ? err_prefix(&c->err, "verify-proof") : 0;
}
