/* Tests of src/ledger/witness.c: add-checkpoint bodies parsed and refused,
 * cosignatures made and checked (and refused when anything they cover
 * changes), and the witness's decision on each kind of request: a first
 * checkpoint, a consistent one, a bad proof, a stale old size, a rolled-back
 * log and a forked one. */
#include "test.h"
#include "ledger/witness.h"

#include <sodium.h>

static unsigned char leaves[16][32];

static int mem_get(void *ctx, int level, uint64_t index, unsigned char out[32], err_t *e)
{
    (void)ctx;
    (void)e;
    /* Recompute the subtree from the leaves. */
    uint64_t n = (uint64_t)1 << level, lo = index * n;
    unsigned char h[16][32];
    memcpy(h, leaves[lo], n * 32);
    for (; n > 1; n /= 2)
        for (uint64_t i = 0; i < n / 2; i++) merkle_node(h[2 * i], h[2 * i + 1], h[i]);
    memcpy(out, h[0], 32);
    return 0;
}

static const merkle_source src = {mem_get, NULL};

static void root_of(uint64_t size, unsigned char out[32])
{
    err_t e;
    merkle_root(&src, size, out, &e);
}

static int parse(const char *body, witness_request *r)
{
    err_t e;
    return witness_request_parse(body, strlen(body), r, &e);
}

TEST(requests_parsed)
{
    witness_request r;
    const char *h = "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=";
    char body[400];
    snprintf(body, sizeof body, "old 20852014\n%s\n%s\n\nexample.com/log\n5\nROOT\n\n\xE2\x80\x94 x y\n", h, h);
    CHECK_INT(parse(body, &r), 0);
    CHECK(r.old_size == 20852014);
    CHECK_INT(r.proof.n, 2);
    CHECK(strncmp(r.note, "example.com/log\n", 16) == 0);
    CHECK_INT(parse("old 0\n\nlog\n", &r), 0);
    CHECK_INT(r.proof.n, 0);
    static const char *const bad[] = {
        "", "old\n\nx", "old 01\n\nx", "old -1\n\nx", "old 1", "old 1\n", "old 1\nAAAA\n\nx", "old 1\n\n",
        "Old 1\n\nx", "old  1\n\nx", "old 1 \n\nx", "old 18446744073709551616\n\nx", "old 1\nx\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (parse(bad[i], &r) == 0) {
            printf("#   accepted \"%s\"\n", bad[i]);
            CHECK(0);
        }
    }
    /* At most 63 proof lines. */
    buf_t b = BUF_INIT;
    buf_puts(&b, "old 1\n");
    for (int i = 0; i < 64; i++) buf_printf(&b, "%s\n", h);
    buf_puts(&b, "\nlog\n");
    err_t e;
    CHECK(witness_request_parse(b.data, b.len, &r, &e) != 0);
    CHECK(strstr(e.msg, "more than 63") != NULL);
    buf_free(&b);
}

TEST(format_then_parse)
{
    merkle_path p = {3, {{0}}};
    for (int i = 0; i < 3; i++) memset(p.hash[i], i + 1, 32);
    buf_t b = BUF_INIT;
    const char *note = "log\n8\nabc\n\n\xE2\x80\x94 log sig\n";
    witness_request_format(7, &p, note, strlen(note), &b);
    witness_request r;
    err_t e;
    CHECK(buf_ok(&b));
    CHECK_INT(witness_request_parse(b.data, b.len, &r, &e), 0);
    CHECK(r.old_size == 7);
    CHECK_INT(r.proof.n, 3);
    CHECK(memcmp(r.proof.hash[2], p.hash[2], 32) == 0);
    CHECK_INT(r.note_len, strlen(note));
    CHECK(memcmp(r.note, note, r.note_len) == 0);
    buf_free(&b);
}

TEST(cosignatures_made_and_checked)
{
    CHECK(sodium_init() >= 0);
    note_signer w, other;
    err_t e;
    CHECK_INT(note_keygen_alg("witness.example/w1", NOTE_ALG_COSIGNATURE, &w, &e), 0);
    CHECK_INT(note_keygen_alg("witness.example/w1", NOTE_ALG_COSIGNATURE, &other, &e), 0);
    const char *text = "example.com/log\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    buf_t note = BUF_INIT;
    buf_printf(&note, "%s\n\xE2\x80\x94 example.com/log AAAA\n", text);
    CHECK_INT(witness_cosign(&w, text, strlen(text), 1679315147, &note, &e), 0);
    uint64_t ts = 0;
    CHECK_INT(witness_cosig_check(&w.v, note.data, note.len, strlen(text), &ts, &e), 0);
    CHECK(ts == 1679315147);
    /* The line's key id is that of type 0x04, and the verifier key says so. */
    buf_t vk = BUF_INIT;
    note_verifier_format_alg(&w.v, NOTE_ALG_COSIGNATURE, &vk);
    note_verifier back;
    CHECK_INT(note_verifier_parse_alg(vk.data, NOTE_ALG_COSIGNATURE, &back, &e), 0);
    CHECK(note_verifier_parse(vk.data, &back, &e) != 0);
    /* Another key of the same name has no cosignature here. */
    CHECK(witness_cosig_check(&other.v, note.data, note.len, strlen(text), &ts, &e) != 0);
    CHECK(strstr(e.msg, "no cosignature") != NULL);
    /* Any change to the text it covers breaks it. */
    char *p = strstr(note.data, "20852163");
    p[0] = '3';
    CHECK(witness_cosig_check(&w.v, note.data, note.len, strlen(text), &ts, &e) != 0);
    CHECK(strstr(e.msg, "not valid") != NULL);
    buf_free(&note);
    buf_free(&vk);
    note_signer_wipe(&w);
    note_signer_wipe(&other);
}

TEST(the_witness_decides)
{
    for (uint32_t i = 0; i < 16; i++) crypto_hash_sha256(leaves[i], (const unsigned char *)&i, sizeof i);
    unsigned char r5[32], r8[32], r4[32], forged[32], none[32] = {0};
    root_of(5, r5);
    root_of(8, r8);
    root_of(4, r4);
    memcpy(forged, r5, 32);
    forged[0] ^= 1;
    err_t e;
    witness_request q = {0};
    /* A witness that never saw the log takes old size 0 with no proof. */
    CHECK_INT(witness_decide(0, none, 5, r5, &q, &e), 200);
    /* A consistent checkpoint from the size it holds. */
    q.old_size = 5;
    CHECK_INT(merkle_consistency(&src, 5, 8, &q.proof, &e), 0);
    CHECK_INT(witness_decide(5, r5, 8, r8, &q, &e), 200);
    /* The same proof against a root it does not hold. */
    CHECK_INT(witness_decide(5, forged, 8, r8, &q, &e), 422);
    q.proof.hash[0][3] ^= 1;
    CHECK_INT(witness_decide(5, r5, 8, r8, &q, &e), 422);
    /* A stale old size: 409 (the caller sends its size). */
    q.old_size = 3;
    CHECK_INT(witness_decide(5, r5, 8, r8, &q, &e), 409);
    /* A rolled-back log: a smaller checkpoint cannot name the witness's size. */
    q.old_size = 4;
    q.proof.n = 0;
    CHECK_INT(witness_decide(5, r5, 4, r4, &q, &e), 409);
    CHECK(strstr(e.msg, "rolled back") != NULL);
    q.old_size = 5;
    CHECK_INT(witness_decide(5, r5, 4, r4, &q, &e), 400);
    /* A forked log: the same size with another root. */
    CHECK_INT(witness_decide(5, r5, 5, forged, &q, &e), 409);
    CHECK(strstr(e.msg, "fork") != NULL);
    CHECK_INT(witness_decide(5, r5, 5, r5, &q, &e), 200);
    /* From size 0 the proof must be empty. */
    q.old_size = 0;
    q.proof.n = 1;
    CHECK_INT(witness_decide(0, none, 5, r5, &q, &e), 422);
}

int main(void)
{
    RUN(requests_parsed);
    RUN(format_then_parse);
    RUN(cosignatures_made_and_checked);
    RUN(the_witness_decides);
    TEST_EXIT();
}
