/* proof_check.c — see proof_check.h. The steps are those of docs/ledger.md:
 * open the checkpoint(s), read the proof, match sizes and roots, hash the
 * change when the proof carries it, then verify the Merkle path. */
#include "report/proof_check.h"

#include <string.h>

#include "ledger/merkle.h"
#include "report/ledger_json.h"
#include "util/hex.h"

static int check_inclusion(const proof_check_in *in, const ledger_proof *p, proof_check_out *out, err_t *e)
{
    const checkpoint_t *ck = &out->ck;
    if (in->old_checkpoint)
        return err_set(e, ERR_INPUT, "--old-checkpoint goes with a consistency proof");
    if ((uint64_t)p->size != ck->size)
        return err_set(e, ERR_INPUT, "the proof is for a tree of %lld changes, the checkpoint of %llu",
                       p->size, (unsigned long long)ck->size);
    if (memcmp(p->root, ck->root, HASH_SIZE) != 0)
        return err_set(e, ERR_INPUT, "the proof's root_hash is not the checkpoint's root");
    unsigned char leaf[HASH_SIZE];
    if (in->leaf && (hex_decode(in->leaf, leaf, HASH_SIZE) != 0 || memcmp(leaf, p->leaf, HASH_SIZE) != 0)) {
        char hex[2 * HASH_SIZE + 1];
        hex_encode(p->leaf, HASH_SIZE, hex);
        return err_set(e, ERR_INPUT, "the proof is of the leaf %s, not --leaf %.64s", hex, in->leaf);
    }
    if (p->has_change) {
        buf_t scratch = BUF_INIT;
        int bad = hash_leaf(&p->change, &scratch, leaf) != 0;
        buf_free(&scratch);
        if (bad) return err_nomem(e);
        if (memcmp(leaf, p->leaf, HASH_SIZE) != 0)
            return err_set(e, ERR_INPUT, "the change in the proof does not hash to its leaf_hash (its "
                           "content was altered)");
    }
    if (merkle_verify_inclusion((uint64_t)p->seq - 1, (uint64_t)p->size, p->leaf, &p->path, ck->root, e))
        return -1;
    out->inclusion = 1;
    out->seq = p->seq;
    out->with_change = p->has_change;
    return 0;
}

static int check_consistency(const proof_check_in *in, const ledger_proof *p, proof_check_out *out, err_t *e)
{
    if (in->leaf) return err_set(e, ERR_INPUT, "--leaf goes with an inclusion proof");
    if (!in->old_checkpoint)
        return err_set(e, ERR_INPUT, "a consistency proof needs --old-checkpoint (the older signed checkpoint)");
    const char *name = in->old_checkpoint_name ? in->old_checkpoint_name : "the old checkpoint";
    if (checkpoint_open(in->key, in->old_checkpoint, in->old_checkpoint_len, &out->old, e))
        return err_prefix(e, "%s", name);
    if ((uint64_t)p->old_size != out->old.size || (uint64_t)p->new_size != out->ck.size)
        return err_set(e, ERR_INPUT, "the proof is from %lld to %lld changes, the checkpoints are at %llu and %llu",
                       p->old_size, p->new_size, (unsigned long long)out->old.size,
                       (unsigned long long)out->ck.size);
    return merkle_verify_consistency(out->old.size, out->ck.size, out->old.root, out->ck.root, &p->path, e);
}

int proof_check(const proof_check_in *in, arena_t *a, proof_check_out *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    const char *ck_name = in->checkpoint_name ? in->checkpoint_name : "the checkpoint";
    if (checkpoint_open(in->key, in->checkpoint, in->checkpoint_len, &out->ck, e))
        return err_prefix(e, "%s", ck_name);
    ledger_proof p;
    if (ledger_proof_parse(in->proof, in->proof_len, a, &p, e))
        return in->proof_name ? err_prefix(e, "%s", in->proof_name) : -1;
    return p.inclusion ? check_inclusion(in, &p, out, e) : check_consistency(in, &p, out, e);
}
