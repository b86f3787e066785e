/* fuzz_verify_proof.c — checking proofs offline (report/proof_check.c, what
 * `ssrtrack verify-proof` runs): signed notes and checkpoints
 * (ledger/note.c), the proof's JSON (report/ledger_json.c) and the Merkle
 * verification (ledger/merkle.c).
 *
 * An input is sections separated by lines "--":
 *   options      words: "sign" signs the checkpoint sections with the test
 *                key below (so mutated sizes and roots still carry a valid
 *                signature); otherwise they are used as signed notes as is
 *   proof        the proof's JSON
 *   checkpoint   a signed checkpoint, or its text when "sign"
 *   old          the older checkpoint, or empty for none
 *   key          a verifier key, or empty for the test key
 *   leaf         64 hex digits for --leaf, or empty for none
 * Missing sections are empty. The test key signs nothing real: it is the
 * key of the database the seed corpus was made from. */
#include "fuzz.h"
#include "ledger/note.h"
#include "report/proof_check.h"

#define TEST_SIGNER "PRIVATE+KEY+fuzz.example/log+ce63efe7+ATznFAT8MRCTS2IHROantAz9p3B3hwd0M0fJHOGJtN1Q"
#define NSECTIONS 6
#define SEPARATOR "\n--\n"

typedef struct { const char *p; size_t n; } span;

/* Cut the input into NSECTIONS spans at SEPARATOR. */
static void split(const char *data, size_t size, span out[NSECTIONS])
{
    const char *p = data, *end = data + size;
    for (int i = 0; i < NSECTIONS; i++) {
        const char *sep = p < end ? memmem(p, (size_t)(end - p), SEPARATOR, 4) : NULL;
        size_t n = sep ? (size_t)(sep - p) : (size_t)(end - p);
        out[i] = (span){p, n};
        /* The section keeps its final newline: notes and checkpoints end in one. */
        if (sep) out[i].n++;
        p = sep ? sep + 4 : end;
    }
}

/* The checkpoint of a section: signed by k when sign is set (and the text
 * can be signed), else the bytes as given. Returns a malloc'd copy. */
static char *checkpoint_bytes(const note_signer *k, int sign, span s, size_t *len)
{
    buf_t b = BUF_INIT;
    err_t e;
    if (!sign || note_sign(k, s.p, s.n, &b, &e) != 0) {
        buf_reset(&b);
        buf_append(&b, s.p, s.n);
    }
    FUZZ_CHECK(buf_ok(&b));
    *len = b.len;
    char *copy = malloc(b.len + 1);
    FUZZ_CHECK(copy != NULL);
    memcpy(copy, b.data ? b.data : "", b.len);
    buf_free(&b);
    return copy;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static note_signer k;
    static int have_key;
    fuzz_setup();
    err_t e;
    if (!have_key) {
        FUZZ_CHECK(note_signer_parse(TEST_SIGNER, &k, &e) == 0);
        have_key = 1;
    }
    if (size > 1 << 20) return 0;
    span s[NSECTIONS];
    split((const char *)data, size, s);
    int sign = s[0].n && memmem(s[0].p, s[0].n, "sign", 4) != NULL;

    note_verifier v = k.v;
    char *key = fuzz_string((const uint8_t *)s[4].p, s[4].n);
    int key_ok = !*key || note_verifier_parse(key, &v, &e) == 0;
    free(key);
    if (!key_ok) return 0;

    proof_check_in in = {.key = &v, .proof = s[1].p, .proof_len = s[1].n};
    char *ck = checkpoint_bytes(&k, sign, s[2], &in.checkpoint_len), *old = NULL;
    in.checkpoint = ck;
    if (s[3].n > 1) in.old_checkpoint = old = checkpoint_bytes(&k, sign, s[3], &in.old_checkpoint_len);
    char *leaf = s[5].n > 1 ? fuzz_string((const uint8_t *)s[5].p, s[5].n - (s[5].p[s[5].n - 1] == '\n')) : NULL;
    in.leaf = leaf;

    arena_t *a = arena_new();
    FUZZ_CHECK(a != NULL);
    proof_check_out out;
    if (proof_check(&in, a, &out, &e) == 0) {
        FUZZ_CHECK(strcmp(out.ck.origin, v.name) == 0);
        if (out.inclusion) FUZZ_CHECK(out.seq >= 1 && (uint64_t)out.seq <= out.ck.size);
        else FUZZ_CHECK(in.old_checkpoint && out.old.size <= out.ck.size && strcmp(out.old.origin, v.name) == 0);
        fuzz_note("proven (%s)", out.inclusion ? "inclusion" : "consistency");
    } else {
        fuzz_note("refused: %s", e.msg);
        FUZZ_CHECK(e.code == ERR_INPUT || e.code == ERR_TOOBIG || e.code == ERR_NOMEM);
    }
    arena_free(a);
    free(ck);
    free(old);
    free(leaf);
    return 0;
}
