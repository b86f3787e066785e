/* witness.h — the pure parts of witnessing (docs/ledger.md "Witnesses"):
 * C2SP tlog-witness's add-checkpoint request, C2SP tlog-cosignature's
 * cosignature/v1 lines, and the witness's decision on a request.
 *
 *   request      "old SIZE\n", 0…63 lines of base64 consistency-proof
 *                hashes, an empty line, then the signed checkpoint
 *   cosignature  "— NAME BASE64(key id || u64 timestamp || Ed25519 sig)\n",
 *                signing "cosignature/v1\ntime T\n" then the checkpoint text
 *   key id       SHA-256(NAME || 0x0A || 0x04 || public key)[:4]
 *
 * Witness keys are note_signer / note_verifier of type NOTE_ALG_COSIGNATURE
 * (note.h). Nothing here allocates beyond the caller's buffers; parsed
 * requests point into the caller's body. */
#ifndef SSR_WITNESS_H
#define SSR_WITNESS_H

#include <stddef.h>
#include <stdint.h>

#include "ledger/merkle.h"
#include "ledger/note.h"
#include "util/buf.h"
#include "util/err.h"

#define WITNESS_PROOF_MAX 63
/* The largest request body a witness reads: the checkpoint and the proof. */
#define WITNESS_BODY_MAX (NOTE_MAX_BYTES + 4096)

typedef struct {
    uint64_t old_size;
    merkle_path proof;        /* at most WITNESS_PROOF_MAX hashes */
    const char *note;         /* the signed checkpoint, inside the body */
    size_t note_len;
} witness_request;

/* Parse an add-checkpoint body of n bytes (not NUL-terminated). ERR_INPUT
 * naming the line at fault; ERR_TOOBIG over WITNESS_BODY_MAX. */
int witness_request_parse(const char *body, size_t n, witness_request *out, err_t *e);
/* The body of a request (check buf_ok). */
void witness_request_format(uint64_t old_size, const merkle_path *proof, const char *note, size_t n,
                            buf_t *out);

/* Append the cosignature line by w of the checkpoint text (n bytes, the
 * note's text up to and with its last newline) made at time ts. */
int witness_cosign(const note_signer *w, const char *text, size_t n, uint64_t ts, buf_t *out, err_t *e);
/* Look in the signed checkpoint note (n bytes, whose text is its first
 * text_len bytes) for a cosignature by w: 0 with its time in *ts when one
 * verifies, else -1 with ERR_INPUT. */
int witness_cosig_check(const note_verifier *w, const char *note, size_t n, size_t text_len, uint64_t *ts,
                        err_t *e);

/* The witness's decision on a request whose checkpoint (size, root) carries
 * a valid signature by the log, against what the witness holds for the log
 * (cur_size 0 when it never saw it): 200 cosign, 400 an old size beyond the
 * checkpoint, 409 an old size that is not the witness's (the caller answers
 * with its size) or the same size with another root (a fork), 422 a
 * consistency proof that does not verify. e says why when not 200. */
int witness_decide(uint64_t cur_size, const unsigned char cur_root[HASH_SIZE], uint64_t size,
                   const unsigned char root[HASH_SIZE], const witness_request *r, err_t *e);

#endif
