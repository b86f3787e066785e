/* fuzz_witness.c — a witness answering add-checkpoint requests
 * (web/witness_server.c's witness_answer, what `ssrtrack witness serve` runs
 * on each body): the request parser (ledger/witness.c), the log's signature
 * (ledger/note.c), the decision and the cosignature, against a state held in
 * an in-memory SQLite database made afresh for each input.
 *
 * An input is one or more requests separated by lines "==", answered in
 * order by the same witness. A request that starts with a line "sign" has
 * the checkpoint text after its first empty line signed with the test log
 * key, so that mutated sizes and roots still carry a valid signature.
 *
 * Checks: the status is one the protocol names; a parsed request formats
 * back to one that parses the same; a 200 carries a cosignature that
 * verifies over the checkpoint; a 409 for a stale size names a size in
 * text/x.tlog.size; the witness only ever moves forward. */
#include "fuzz.h"
#include "ledger/witness.h"
#include "web/witness_server.h"

#define TEST_LOG "PRIVATE+KEY+fuzz.example/log+ce63efe7+ATznFAT8MRCTS2IHROantAz9p3B3hwd0M0fJHOGJtN1Q"
#define TEST_WITNESS "PRIVATE+KEY+fuzz.example/witness+f1687791+BFRCYZj5LZTMtkpDTxj6Z9oQPV/JwiXzlkpydql3jwjP"
#define SEPARATOR "\n==\n"

static note_signer log_key, witness_key;

static void setup(void)
{
    static int done;
    if (done) return;
    done = 1;
    fuzz_setup();
    err_t e;
    FUZZ_CHECK(note_signer_parse(TEST_LOG, &log_key, &e) == 0);
    FUZZ_CHECK(note_signer_parse_alg(TEST_WITNESS, NOTE_ALG_COSIGNATURE, &witness_key, &e) == 0);
}

/* The body of one request: as given, or with its checkpoint signed. */
static void body_of(const char *p, size_t n, buf_t *out)
{
    err_t e;
    if (n >= 5 && memcmp(p, "sign\n", 5) == 0) {
        p += 5;
        n -= 5;
        const char *blank = memmem(p, n, "\n\n", 2);
        if (blank) {
            size_t head = (size_t)(blank - p) + 2;
            buf_append(out, p, head);
            if (note_sign(&log_key, p + head, n - head, out, &e) == 0) return;
            buf_reset(out);
        }
    }
    buf_append(out, p, n);
}

/* What a parsed request promises: formatted again, it parses the same. */
static void check_round_trip(const char *body, size_t n)
{
    witness_request r, back;
    err_t e;
    if (witness_request_parse(body, n, &r, &e) != 0) {
        FUZZ_CHECK(e.code == ERR_INPUT || e.code == ERR_TOOBIG);
        return;
    }
    FUZZ_CHECK(r.proof.n <= WITNESS_PROOF_MAX && r.note + r.note_len == body + n);
    buf_t again = BUF_INIT;
    witness_request_format(r.old_size, &r.proof, r.note, r.note_len, &again);
    FUZZ_CHECK(buf_ok(&again));
    FUZZ_CHECK(witness_request_parse(again.data, again.len, &back, &e) == 0);
    FUZZ_CHECK(back.old_size == r.old_size && back.proof.n == r.proof.n && back.note_len == r.note_len);
    FUZZ_CHECK(memcmp(back.proof.hash, r.proof.hash, (size_t)r.proof.n * HASH_SIZE) == 0);
    buf_free(&again);
}

/* Answer one request and check the answer. */
static void answer(const witness_ctx *w, const char *body, size_t n, uint64_t *held)
{
    buf_t out = BUF_INIT;
    const char *ctype;
    check_round_trip(body, n);
    int status = witness_answer(w, "POST", "/add-checkpoint", body, n, &out, &ctype);
    fuzz_note("status %d: %.*s", status, (int)(out.len > 120 ? 120 : out.len), out.data ? out.data : "");
    FUZZ_CHECK(status == 200 || status == 400 || status == 403 || status == 404 || status == 409 ||
               status == 413 || status == 422);
    FUZZ_CHECK(buf_ok(&out));
    witness_request r;
    err_t e;
    uint64_t size, ts;
    unsigned char root[HASH_SIZE];
    FUZZ_CHECK(witness_state_get(w->state, "fuzz.example/log", &size, root, &e) == 0);
    FUZZ_CHECK(size >= *held);
    if (status == 200) {
        FUZZ_CHECK(witness_request_parse(body, n, &r, &e) == 0);
        const char *blank = memmem(r.note, r.note_len, "\n\n", 2);
        FUZZ_CHECK(blank != NULL);
        size_t tlen = (size_t)(blank - r.note) + 1;
        buf_t both = BUF_INIT;
        buf_append(&both, r.note, tlen);
        buf_putc(&both, '\n');
        buf_append(&both, out.data, out.len);
        FUZZ_CHECK(buf_ok(&both));
        FUZZ_CHECK(witness_cosig_check(&witness_key.v, both.data, both.len, tlen, &ts, &e) == 0);
        buf_free(&both);
    } else if (strcmp(ctype, "text/x.tlog.size") == 0) {
        char *end;
        FUZZ_CHECK(status == 409 && strtoull(out.data, &end, 10) == size && *end == '\n');
    }
    *held = size;
    buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    witness_state *st;
    err_t e;
    FUZZ_CHECK(witness_state_open(":memory:", &st, &e) == 0);
    witness_ctx w = {&witness_key, &log_key.v, 1, st, 1};
    const char *p = (const char *)data, *end = p + size;
    uint64_t held = 0;
    for (int i = 0; i < 8 && p <= end; i++) {
        const char *sep = p < end ? memmem(p, (size_t)(end - p), SEPARATOR, 4) : NULL;
        size_t n = sep ? (size_t)(sep - p) + 1 : (size_t)(end - p);
        buf_t body = BUF_INIT;
        body_of(p, n, &body);
        FUZZ_CHECK(buf_ok(&body));
        answer(&w, body.data ? body.data : "", body.len, &held);
        buf_free(&body);
        if (!sep) break;
        p = sep + 4;
    }
    witness_state_close(st);
    return 0;
}
