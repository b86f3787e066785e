/* witness.c — see witness.h. */
#include "ledger/witness.h"

#include <sodium.h>
#include <string.h>

#define SIG_PREFIX "\xE2\x80\x94 "   /* em dash U+2014, then a space */
#define SIG_MAX_LINES 100

/* "old N": a decimal without leading zeros ("0" alone). Bytes read, or 0. */
static size_t old_line(const char *s, size_t n, uint64_t *out)
{
    if (n < 6 || memcmp(s, "old ", 4) != 0) return 0;
    size_t i = 4;
    uint64_t v = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10) return 0;
        v = v * 10 + d;
        i++;
    }
    if (i == 4 || (s[4] == '0' && i > 5) || i >= n || s[i] != '\n') return 0;
    *out = v;
    return i + 1;
}

int witness_request_parse(const char *body, size_t n, witness_request *out, err_t *e)
{
    if (n > WITNESS_BODY_MAX) return err_set(e, ERR_TOOBIG, "request: longer than %d bytes", WITNESS_BODY_MAX);
    memset(out, 0, sizeof *out);
    size_t p = old_line(body, n, &out->old_size);
    if (!p) return err_set(e, ERR_INPUT, "request line 1: not 'old SIZE'");
    for (int line = 2;; line++) {
        const char *nl = memchr(body + p, '\n', n - p);
        if (!nl) return err_set(e, ERR_INPUT, "request line %d: no empty line before the checkpoint", line);
        size_t len = (size_t)(nl - (body + p));
        if (len == 0) { p++; break; }
        if (out->proof.n == WITNESS_PROOF_MAX)
            return err_set(e, ERR_INPUT, "request line %d: more than %d proof lines", line, WITNESS_PROOF_MAX);
        if (note_unbase64(body + p, len, out->proof.hash[out->proof.n], HASH_SIZE) != 0)
            return err_set(e, ERR_INPUT, "request line %d: not a base64 hash", line);
        out->proof.n++;
        p += len + 1;
    }
    if (p >= n) return err_set(e, ERR_INPUT, "request: no checkpoint after the empty line");
    out->note = body + p;
    out->note_len = n - p;
    return 0;
}

void witness_request_format(uint64_t old_size, const merkle_path *proof, const char *note, size_t n,
                            buf_t *out)
{
    buf_printf(out, "old %llu\n", (unsigned long long)old_size);
    for (int i = 0; proof && i < proof->n; i++) {
        note_base64(proof->hash[i], HASH_SIZE, out);
        buf_putc(out, '\n');
    }
    buf_putc(out, '\n');
    buf_append(out, note, n);
}

/* The message a cosignature signs, into a new buffer. */
static void cosigned_message(const char *text, size_t n, uint64_t ts, buf_t *msg)
{
    buf_printf(msg, "cosignature/v1\ntime %llu\n", (unsigned long long)ts);
    buf_append(msg, text, n);
}

int witness_cosign(const note_signer *w, const char *text, size_t n, uint64_t ts, buf_t *out, err_t *e)
{
    if (ts > (uint64_t)INT64_MAX) return err_set(e, ERR_INPUT, "cosignature: time out of range");
    buf_t msg = BUF_INIT;
    cosigned_message(text, n, ts, &msg);
    if (!buf_ok(&msg)) { buf_free(&msg); return err_nomem(e); }
    unsigned char sig[4 + 8 + crypto_sign_BYTES];
    for (int i = 0; i < 4; i++) sig[i] = (unsigned char)(w->v.id >> (24 - 8 * i));
    for (int i = 0; i < 8; i++) sig[4 + i] = (unsigned char)(ts >> (56 - 8 * i));
    crypto_sign_detached(sig + 12, NULL, (const unsigned char *)msg.data, msg.len, w->sk);
    buf_free(&msg);
    buf_printf(out, SIG_PREFIX "%s ", w->v.name);
    note_base64(sig, sizeof sig, out);
    buf_putc(out, '\n');
    return buf_ok(out) ? 0 : err_nomem(e);
}

/* Check one signature line (len bytes, no newline) as w's cosignature of
 * text: 1 valid (time in *ts), 0 not w's line, -1 w's line but invalid. */
static int check_line(const note_verifier *w, const char *line, size_t len, const char *text, size_t tlen,
                      uint64_t *ts)
{
    size_t nlen = strlen(w->name);
    if (len < 4 + nlen + 1 || memcmp(line, SIG_PREFIX, 4) != 0 || memcmp(line + 4, w->name, nlen) != 0 ||
        line[4 + nlen] != ' ')
        return 0;
    unsigned char sig[4 + 8 + crypto_sign_BYTES];
    const char *b64 = line + 4 + nlen + 1;
    if (note_unbase64(b64, len - (size_t)(b64 - line), sig, sizeof sig) != 0) return 0;
    uint32_t id = (uint32_t)sig[0] << 24 | (uint32_t)sig[1] << 16 | (uint32_t)sig[2] << 8 | sig[3];
    if (id != w->id) return 0;
    uint64_t t = 0;
    for (int i = 0; i < 8; i++) t = t << 8 | sig[4 + i];
    if (t > (uint64_t)INT64_MAX) return -1;
    buf_t msg = BUF_INIT;
    cosigned_message(text, tlen, t, &msg);
    int ok = buf_ok(&msg) &&
             crypto_sign_verify_detached(sig + 12, (const unsigned char *)msg.data, msg.len, w->pub) == 0;
    buf_free(&msg);
    if (!ok) return -1;
    *ts = t;
    return 1;
}

int witness_cosig_check(const note_verifier *w, const char *note, size_t n, size_t text_len, uint64_t *ts,
                        err_t *e)
{
    if (text_len + 1 > n) return err_set(e, ERR_INPUT, "checkpoint: no signatures");
    const char *p = note + text_len + 1, *end = note + n;
    int bad = 0;
    for (int lines = 0; p < end && lines < SIG_MAX_LINES; lines++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        int r = check_line(w, p, len, note, text_len, ts);
        if (r == 1) return 0;
        if (r < 0) bad = 1;
        p += len + 1;
    }
    return err_set(e, ERR_INPUT, bad ? "the cosignature by witness %s is not valid"
                                     : "no cosignature by witness %s", w->name);
}

int witness_decide(uint64_t cur_size, const unsigned char cur_root[HASH_SIZE], uint64_t size,
                   const unsigned char root[HASH_SIZE], const witness_request *r, err_t *e)
{
    if (r->old_size > size) {
        err_set(e, ERR_INPUT, "old size %llu is beyond the checkpoint's size %llu",
                (unsigned long long)r->old_size, (unsigned long long)size);
        return 400;
    }
    if (r->old_size != cur_size) {
        err_set(e, ERR_CONFLICT, "old size %llu is not the witness's size %llu%s", (unsigned long long)r->old_size,
                (unsigned long long)cur_size, size < cur_size ? " (the log would be rolled back)" : "");
        return 409;
    }
    if (cur_size > 0 && size == cur_size && memcmp(root, cur_root, HASH_SIZE) != 0) {
        err_set(e, ERR_CONFLICT, "a different root for the size %llu the witness holds: a forked log",
                (unsigned long long)size);
        return 409;
    }
    if (r->old_size == 0 && r->proof.n) {
        err_set(e, ERR_INPUT, "a consistency proof from size 0 must be empty");
        return 422;
    }
    if (r->old_size > 0 && merkle_verify_consistency(r->old_size, size, cur_root, root, &r->proof, e) != 0)
        return 422;
    return 200;
}
