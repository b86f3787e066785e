/* page_ledger.c — /ledger and its machine-readable parts, for outsiders who
 * check the log (docs/ledger.md): the newest signed checkpoints and the
 * public key (/ledger), the current checkpoint (/ledger/checkpoint, signed
 * on demand when the server holds the key), inclusion and consistency proofs,
 * and the raw leaves of the public log (/ledger/entries) for independent
 * rebuilders. Restricted changes show only their seq and leaf hash. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report/json_view.h"
#include "report/ledger_json.h"
#include "util/fmt.h"
#include "util/hex.h"
#include "web/handlers.h"
#include "web/page.h"

#define ENTRIES_MAX 1000

/* A count from the query or the path: a whole number >= min. */
/* A change number or a size of at least min (digits only: a value that
 * strtoll would saturate made start + 999 overflow, found by fuzz_web). */
static int number(const char *s, long long min, long long *out)
{
    long long v;
    if (http_count(s, &v) || v < min) return -1;
    *out = v;
    return 0;
}

/* GET /ledger — the log's size, root, key and how to verify it.
 * Parameters: none. Role: anyone. */
int ledger_page(web_req *w, char **args)
{
    (void)args;
    long long size;
    unsigned char root[HASH_SIZE], head[HASH_SIZE];
    const char *vkey;
    checkpoint_row *cks;
    size_t nck;
    long long seq;
    if (store_tree_head(w->db, &size, root, &w->err) || store_log_key(w->db, w->a, &vkey, &w->err) ||
        store_checkpoints(w->db, 10, w->a, &cks, &nck, &w->err))
        return web_error_from(w, &w->err);
    store_head(w->db, &seq, head);
    char root_hex[65], head_hex[65];
    hex_encode(root, 32, root_hex);
    hex_encode(head, 32, head_hex);
    buf_t *b = &w->res->body;
    page_begin(w, "Ledger");
    bfmt(b, "<h1>Ledger</h1>\n<p>Every change is a row of an append-only log. Each row is hashed into a chain "
            "and into a Merkle tree (RFC 9162); signed checkpoints of the tree let anyone who kept an older "
            "one prove that the log was only ever appended to, and check a single change without "
            "downloading the rest. Restricted changes keep their place and their leaf hash; only their "
            "content is withheld.</p>\n"
            "<dl class=\"facts\"><dt>Changes (tree size)</dt><dd>%lld</dd><dt>Tree root</dt><dd><code>%h</code></dd>"
            "<dt>Chain head</dt><dd><code>%h</code></dd><dt>Public key</dt><dd><code>%h</code></dd></dl>\n",
         size, root_hex, seq ? head_hex : "(empty)", vkey ? vkey : "(none yet: the operator runs ssrtrack init)");
    buf_puts(b, "<h2>Signed checkpoints</h2>\n");
    if (!nck) buf_puts(b, "<p>None issued yet.</p>\n");
    for (size_t i = 0; i < nck; i++)
        bfmt(b, "<h3>Size %lld, signed <time>%h</time></h3>\n<pre class=\"note\">%h</pre>\n", cks[i].size,
             cks[i].issued_at, cks[i].note);
    bfmt(b, "<h2>How to check it yourself</h2>\n<ol>\n"
            "<li>Keep the public key above, taken once and from somewhere you trust.</li>\n"
            "<li>Fetch <a href=\"/ledger/checkpoint\">/ledger/checkpoint</a> and check its signature with the key "
            "(a C2SP signed note over a tlog checkpoint).</li>\n"
            "<li>Later, fetch a newer one and ask for <code>/ledger/proof/consistency/OLD/NEW</code> between the two "
            "sizes: the path must lead to both roots (RFC 9162 \xC2\xA7" "2.1.4.2).</li>\n"
            "<li>To check one change, ask for <code>/ledger/proof/inclusion/SEQ?size=N</code> with N the size of a "
            "checkpoint you checked (\xC2\xA7" "2.1.3.2).</li>\n"
            "<li>To rebuild the whole tree, page through <a href=\"/ledger/entries?start=1&amp;end=%lld\">/ledger/entries</a> "
            "(%d entries at a time), recompute each public leaf hash from its fields, and compare the root.</li>\n"
            "</ol>\n<p>The byte encoding, the proofs' JSON and the checkpoint format are specified in the "
            "project's <code>docs/ledger.md</code>; <code>ssrtrack verify-proof</code> checks a proof offline.</p>\n",
         size < ENTRIES_MAX ? (size ? size : 1) : ENTRIES_MAX, ENTRIES_MAX);
    page_end(w);
    return 200;
}

static int sign_now(web_req *w, store_t *s, void *ctx)
{
    buf_t *note = ctx;
    checkpoint_t ck;
    long long size;
    if (store_tree_head(s, &size, ck.root, &w->err)) return -1;
    ck.size = (uint64_t)size;
    snprintf(ck.origin, sizeof ck.origin, "%s", w->ctx->signer->v.name);
    buf_t text = BUF_INIT;
    checkpoint_format(&ck, &text);
    int rc = !buf_ok(&text) ? err_nomem(&w->err) : note_sign(w->ctx->signer, text.data, text.len, note, &w->err);
    buf_free(&text);
    return rc ? -1 : store_checkpoint_add(s, size, ck.root, note->data, &w->err);
}

/* GET /ledger/checkpoint — the signed checkpoint of the whole log (signs
 * and stores a new one when the log grew). Parameters: none. Role: anyone. */
int ledger_checkpoint(web_req *w, char **args)
{
    (void)args;
    long long size;
    unsigned char root[HASH_SIZE];
    checkpoint_row *cks;
    size_t nck;
    if (store_tree_head(w->db, &size, root, &w->err) || store_checkpoints(w->db, 1, w->a, &cks, &nck, &w->err))
        return web_error_from(w, &w->err);
    w->res->cacheable = 0;
    w->res->content_type = "text/plain; charset=utf-8";
    if (nck && cks[0].size == size) {
        buf_puts(&w->res->body, cks[0].note);
        return 200;
    }
    if (w->ctx->signer) {
        buf_t note = BUF_INIT;
        int rc = web_write(w, sign_now, &note);
        if (rc == 0) buf_append(&w->res->body, note.data, note.len);
        buf_free(&note);
        return rc ? web_error_from(w, &w->err) : 200;
    }
    if (nck) {
        /* Without the key the newest signed checkpoint is all there is. */
        buf_puts(&w->res->body, cks[0].note);
        return 200;
    }
    return web_error(w, 404, "not_found", "No checkpoint has been signed yet (the operator runs 'ssrtrack checkpoint').");
}

typedef struct {
    web_req *w;
    long long size;
    unsigned char root[HASH_SIZE];
    json_t *out;
} incl_ctx;

static int one_inclusion(void *ctx, const leaf_t *l)
{
    incl_ctx *x = ctx;
    merkle_path p;
    unsigned char leaf[HASH_SIZE];
    if (store_proof_inclusion(x->w->db, l->seq, x->size, &p, leaf, &x->w->err)) return -1;
    x->out = ledger_inclusion_json(l->seq, x->size, l->leaf, &p, x->root, l->change);
    return x->out ? 0 : err_nomem(&x->w->err);
}

/* GET /ledger/proof/inclusion/SEQ — the inclusion proof of change SEQ.
 * Parameters: size (of the tree; default the whole log). Role: anyone; the
 * change's content only for signed-in users when it is restricted. */
int ledger_inclusion(web_req *w, char **args)
{
    w->api = 1;
    long long seq, head = store_head_seq(w->db);
    incl_ctx x = {w, head, {0}, NULL};
    const char *size = http_param(w->req, "size");
    if (number(args[0], 1, &seq) || (size && number(size, 1, &x.size)))
        return web_error(w, 400, "invalid", "give a change number, and a tree size with ?size=");
    if (seq > x.size || x.size > head)
        return web_error(w, 404, "not_found", "no such change in a tree of that size");
    if (store_tree_root(w->db, x.size, x.root, &w->err) ||
        store_each_leaf(w->db, seq, seq, !can_see_restricted(w), one_inclusion, &x, &w->err)) {
        json_decref(x.out);
        return web_error_from(w, &w->err);
    }
    if (!x.out) return web_error(w, 404, "not_found", "that change is missing from the log");
    return web_json(w, 200, x.out);
}

/* GET /ledger/proof/consistency/OLD/NEW — the consistency proof between
 * two tree sizes. Parameters: none. Role: anyone. */
int ledger_consistency(web_req *w, char **args)
{
    w->api = 1;
    long long old_size, new_size, head = store_head_seq(w->db);
    if (number(args[0], 0, &old_size) || number(args[1], 0, &new_size) || old_size > new_size)
        return web_error(w, 400, "invalid", "give two tree sizes, OLD <= NEW");
    if (new_size > head) return web_error(w, 404, "not_found", "the log is not that large yet");
    merkle_path p;
    unsigned char old_root[HASH_SIZE], new_root[HASH_SIZE];
    if (store_tree_root(w->db, old_size, old_root, &w->err) || store_tree_root(w->db, new_size, new_root, &w->err) ||
        store_proof_consistency(w->db, old_size, new_size, &p, &w->err))
        return web_error_from(w, &w->err);
    return web_json(w, 200, ledger_consistency_json(old_size, new_size, old_root, new_root, &p));
}

typedef struct {
    buf_t *b;
    long long count;
} entries_ctx;

static int one_entry(void *ctx, const leaf_t *l)
{
    entries_ctx *x = ctx;
    buf_puts(x->b, x->count++ ? ",\n    " : "\n    ");
    ledger_entry_format(x->b, l);
    return buf_ok(x->b) ? 0 : -1;
}

/* GET /ledger/entries — the log's leaves as JSON, at most 1000 at a time.
 * Parameters: start, end (seqs). Role: anyone; always the public side
 * (restricted content withheld). */
int ledger_entries(web_req *w, char **args)
{
    (void)args;
    w->api = 1;
    long long head = store_head_seq(w->db), start = 1, end;
    const char *s = http_param(w->req, "start"), *e = http_param(w->req, "end");
    if ((s && number(s, 1, &start)) || (e && number(e, 1, &end)))
        return web_error(w, 400, "invalid", "start and end are change numbers");
    if (!e) end = start + ENTRIES_MAX - 1;
    if (end - start + 1 > ENTRIES_MAX)
        return web_error(w, 400, "invalid", "at most 1000 entries at a time");
    if (end > head) end = head;
    buf_t *b = &w->res->body;
    w->res->content_type = "application/json; charset=utf-8";
    bfmt(b, "{\n  \"start\": %lld,\n  \"end\": %lld,\n  \"tree_size\": %lld,\n  \"entries\": [", start,
         end < start ? start - 1 : end, head);
    entries_ctx x = {b, 0};
    /* Always the public side: this is what anyone may rebuild from. */
    if (end >= start && store_each_leaf(w->db, start, end, 1, one_entry, &x, &w->err)) {
        buf_reset(b);
        return web_error_from(w, &w->err);
    }
    buf_puts(b, x.count ? "\n  ]\n}\n" : "]\n}\n");
    return 200;
}
