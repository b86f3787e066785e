/* ledger_json.c — proofs and public entries as JSON; see ledger_json.h. */
#include "report/ledger_json.h"

#include <string.h>

#include "report/json_view.h"
#include "util/alloc.h"
#include "util/date.h"
#include "util/fmt.h"
#include "util/hex.h"

#define EXPORT_FORMAT "ssrtrack-ledger"
#define PROOF_MAX_BYTES (16 * 1024 * 1024)

static json_t *hex_json(const unsigned char h[HASH_SIZE])
{
    char hex[2 * HASH_SIZE + 1];
    hex_encode(h, HASH_SIZE, hex);
    return json_string(hex);
}

static json_t *path_json(const merkle_path *p)
{
    json_t *a = json_array();
    for (int i = 0; a && i < p->n; i++)
        if (json_array_append_new(a, hex_json(p->hash[i]))) { json_decref(a); return NULL; }
    return a;
}

json_t *ledger_inclusion_json(long long seq, long long size, const unsigned char leaf[HASH_SIZE],
                              const merkle_path *p, const unsigned char root[HASH_SIZE],
                              const change_t *change)
{
    return json_pack("{s:s, s:I, s:I, s:I, s:o, s:o, s:o, s:o}", "type", "inclusion",
                     "seq", (json_int_t)seq, "leaf_index", (json_int_t)(seq - 1),
                     "tree_size", (json_int_t)size, "leaf_hash", hex_json(leaf),
                     "path", path_json(p), "root_hash", hex_json(root),
                     "change", change ? json_change(change) : json_null());
}

json_t *ledger_consistency_json(long long old_size, long long new_size,
                                const unsigned char old_root[HASH_SIZE],
                                const unsigned char new_root[HASH_SIZE], const merkle_path *p)
{
    return json_pack("{s:s, s:I, s:I, s:o, s:o, s:o}", "type", "consistency",
                     "old_size", (json_int_t)old_size, "new_size", (json_int_t)new_size,
                     "old_root", hex_json(old_root), "new_root", hex_json(new_root),
                     "path", path_json(p));
}

void ledger_entry_format(buf_t *b, const leaf_t *l)
{
    char leaf[2 * HASH_SIZE + 1];
    hex_encode(l->leaf, HASH_SIZE, leaf);
    bfmt(b, "{\"seq\": %lld, \"leaf_hash\": %J", l->seq, leaf);
    const change_t *c = l->change;
    if (!c) {
        buf_puts(b, ", \"hidden\": true}");
        return;
    }
    char hash[2 * HASH_SIZE + 1];
    hex_encode(c->hash, HASH_SIZE, hash);
    bfmt(b, ", \"entity\": %J, \"entity_id\": %J, \"field\": %J, \"value\": %J, "
            "\"effective_at\": %J, \"recorded_at\": %J, \"actor\": %J, \"reason\": %J",
         c->entity, c->entity_id, c->field, c->value, c->effective_at, c->recorded_at, c->actor,
         c->reason);
    if (c->tx) bfmt(b, ", \"reported\": %J, \"tx\": %lld", c->reported_at, c->tx);
    else buf_puts(b, ", \"tx\": null");
    bfmt(b, ", \"hash\": %J}", hash);
}

typedef struct {
    FILE *f;
    buf_t b;
    merkle_frontier tree;
    err_t *e;
} export_ctx;

static int export_entry(void *ctx, const leaf_t *l)
{
    export_ctx *x = ctx;
    buf_reset(&x->b);
    buf_puts(&x->b, x->tree.size ? ",\n    " : "\n    ");
    ledger_entry_format(&x->b, l);
    if (!buf_ok(&x->b)) return err_nomem(x->e);
    if (fwrite(x->b.data, 1, x->b.len, x->f) != x->b.len)
        return err_set(x->e, ERR_IO, "cannot write the export");
    merkle_push(&x->tree, l->leaf, NULL, NULL);
    return 0;
}

int ledger_export_public(store_t *s, FILE *f, err_t *e)
{
    export_ctx x = {f, BUF_INIT, {0}, e};
    merkle_frontier_init(&x.tree);
    char now[TS_SIZE];
    clock_now(now);
    bfmt(&x.b, "{\n  \"format\": \"" EXPORT_FORMAT "\",\n  \"version\": 1,\n  \"exported_at\": %J,\n"
               "  \"entries\": [", now);
    if (!buf_ok(&x.b)) { buf_free(&x.b); return err_nomem(e); }
    fwrite(x.b.data, 1, x.b.len, f);
    int rc = store_each_leaf(s, 1, 0, 1, export_entry, &x, e);
    if (rc == 0) {
        unsigned char root[HASH_SIZE];
        char hex[2 * HASH_SIZE + 1];
        merkle_frontier_root(&x.tree, root);
        hex_encode(root, HASH_SIZE, hex);
        buf_reset(&x.b);
        bfmt(&x.b, "%s],\n  \"tree_size\": %llu,\n  \"root_hash\": %J\n}\n", x.tree.size ? "\n  " : "",
             (unsigned long long)x.tree.size, hex);
        if (!buf_ok(&x.b)) rc = err_nomem(e);
        else fwrite(x.b.data, 1, x.b.len, f);
    }
    buf_free(&x.b);
    if (rc) return -1;
    return ferror(f) ? err_set(e, ERR_IO, "cannot write the export") : 0;
}

/* --- reading a proof ----------------------------------------------------- */

static int get_int(json_t *o, const char *key, long long min, long long *out, err_t *e)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) < min)
        return err_set(e, ERR_INPUT, "proof: '%s' must be an integer of at least %lld", key, min);
    *out = json_integer_value(v);
    return 0;
}

static int get_hash(json_t *v, const char *what, unsigned char out[HASH_SIZE], err_t *e)
{
    if (!json_is_string(v) || hex_decode(json_string_value(v), out, HASH_SIZE) != 0)
        return err_set(e, ERR_INPUT, "proof: '%s' must be 64 hex digits", what);
    return 0;
}

static int get_path(json_t *o, merkle_path *p, err_t *e)
{
    json_t *a = json_object_get(o, "path");
    if (!json_is_array(a) || json_array_size(a) > MERKLE_MAX_PATH)
        return err_set(e, ERR_INPUT, "proof: 'path' must be an array of at most %d hashes", MERKLE_MAX_PATH);
    p->n = (int)json_array_size(a);
    for (int i = 0; i < p->n; i++)
        if (get_hash(json_array_get(a, (size_t)i), "path", p->hash[i], e)) return -1;
    return 0;
}

/* The content of the change, when the proof carries it. */
static int get_change(json_t *c, long long seq, arena_t *a, change_t *out, err_t *e)
{
    static const char *const keys[] = {"entity", "entity_id", "field", "value", "effective_at",
                                       "recorded_at", "actor", "reason"};
    const char **dst[] = {&out->entity, &out->entity_id, &out->field, &out->value,
                          &out->effective_at, &out->recorded_at, &out->actor, &out->reason};
    json_t *s = json_object_get(c, "seq");
    if (!json_is_integer(s) || json_integer_value(s) != seq)
        return err_set(e, ERR_INPUT, "proof: 'change' is not the change with seq %lld", seq);
    out->seq = seq;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        json_t *v = json_object_get(c, keys[i]);
        if (!json_is_string(v))
            return err_set(e, ERR_INPUT, "proof: 'change.%s' must be a string", keys[i]);
        if (!(*dst[i] = arena_strndup(a, json_string_value(v), json_string_length(v))))
            return err_nomem(e);
    }
    /* Version 2 (docs/ledger.md): a tx, and the reported date with it. */
    json_t *tx = json_object_get(c, "tx"), *rep = json_object_get(c, "reported");
    out->tx = 0;
    out->reported_at = NULL;
    if (tx && !json_is_null(tx)) {
        if (!json_is_integer(tx) || json_integer_value(tx) < 1 || json_integer_value(tx) > seq)
            return err_set(e, ERR_INPUT, "proof: 'change.tx' must be null or a seq from 1 to %lld", seq);
        if (!json_is_string(rep))
            return err_set(e, ERR_INPUT, "proof: 'change.reported' must be a string");
        out->tx = json_integer_value(tx);
        if (!(out->reported_at = arena_strndup(a, json_string_value(rep), json_string_length(rep))))
            return err_nomem(e);
    }
    return 0;
}

int ledger_proof_parse(const char *text, size_t n, arena_t *a, ledger_proof *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    if (n > PROOF_MAX_BYTES) return err_set(e, ERR_TOOBIG, "proof: larger than %d bytes", PROOF_MAX_BYTES);
    json_error_t je;
    long failures = mem_failures();
    json_t *o = json_loadb(text, n, JSON_REJECT_DUPLICATES, &je);
    if (!o && mem_failures() != failures) return err_nomem(e);   /* not the input's fault */
    if (!o) return err_set(e, ERR_INPUT, "proof: invalid JSON at line %d: %s", je.line, je.text);
    int rc = -1;
    json_t *type = json_object_get(o, "type");
    const char *t = json_is_string(type) ? json_string_value(type) : "";
    if (strcmp(t, "inclusion") == 0) {
        out->inclusion = 1;
        json_t *c = json_object_get(o, "change");
        if (get_int(o, "seq", 1, &out->seq, e) || get_int(o, "tree_size", out->seq, &out->size, e) ||
            get_hash(json_object_get(o, "leaf_hash"), "leaf_hash", out->leaf, e) ||
            get_hash(json_object_get(o, "root_hash"), "root_hash", out->root, e) ||
            get_path(o, &out->path, e))
            goto done;
        if (c && !json_is_null(c)) {
            if (!json_is_object(c)) { err_set(e, ERR_INPUT, "proof: 'change' must be an object or null"); goto done; }
            if (get_change(c, out->seq, a, &out->change, e)) goto done;
            out->has_change = 1;
        }
    } else if (strcmp(t, "consistency") == 0) {
        if (get_int(o, "old_size", 0, &out->old_size, e) ||
            get_int(o, "new_size", out->old_size, &out->new_size, e) ||
            get_hash(json_object_get(o, "old_root"), "old_root", out->old_root, e) ||
            get_hash(json_object_get(o, "new_root"), "new_root", out->new_root, e) ||
            get_path(o, &out->path, e))
            goto done;
    } else {
        err_set(e, ERR_INPUT, "proof: 'type' must be \"inclusion\" or \"consistency\"");
        goto done;
    }
    rc = 0;
done:
    json_decref(o);
    return rc;
}
