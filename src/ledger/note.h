/* note.h — signed notes (C2SP signed-note) with Ed25519 keys, and the tlog
 * checkpoint (C2SP tlog-checkpoint) that the log signs.
 *
 *   verifier key  NAME+HASH+BASE64(0x01 || public key)        (shareable)
 *   signer key    PRIVATE+KEY+NAME+HASH+BASE64(0x01 || seed)   (secret; the
 *                 format of Go's golang.org/x/mod/sumdb/note)
 *   HASH          first 4 bytes of SHA-256(NAME || 0x0A || 0x01 || public
 *                 key), as 8 lower-case hex digits
 *   signed note   TEXT (ending in a newline), a blank line, then lines
 *                 "— NAME BASE64(key hash || Ed25519 signature of TEXT)"
 *   checkpoint    TEXT = "ORIGIN\nSIZE\nBASE64(root hash)\n"
 *
 * Base64 is the standard alphabet with padding (RFC 4648 §4). Computation
 * over bytes (libsodium); the caller reads and writes the files. Secret
 * material lives only in note_signer; wipe it with note_signer_wipe, and no
 * message here ever quotes it. */
#ifndef SSR_NOTE_H
#define SSR_NOTE_H

#include <stddef.h>
#include <stdint.h>

#include "ledger/hash.h"
#include "util/buf.h"
#include "util/err.h"

#define NOTE_NAME_MAX 200       /* bytes of a key name / log origin */
/* Signature types of keys: the log's note signatures, and witnesses'
 * cosignatures (C2SP tlog-cosignature, ledger/witness.h). */
#define NOTE_ALG_ED25519 0x01
#define NOTE_ALG_COSIGNATURE 0x04
#define NOTE_MAX_BYTES 65536    /* a signed note we will read */

typedef struct {
    char name[NOTE_NAME_MAX + 1];
    uint32_t id;                /* the key hash */
    unsigned char pub[32];
} note_verifier;

typedef struct {
    note_verifier v;
    unsigned char sk[64];       /* libsodium's secret key: seed || public key */
} note_signer;

/* 1 when name may name a key or a log: 1..NOTE_NAME_MAX bytes of UTF-8,
 * no space, no '+', no control character. */
int note_name_valid(const char *name);

/* A new random key pair called name. ERR_INPUT for a bad name. */
int note_keygen(const char *name, note_signer *out, err_t *e);
/* A new random key pair whose name is prefix followed by 16 hex digits of
 * its public key (a name unique to the key, when the operator gives none). */
int note_keygen_named_by_key(const char *prefix, note_signer *out, err_t *e);
void note_signer_wipe(note_signer *k);
/* Overwrite n bytes that held a secret (not optimised away). */
void note_wipe(void *p, size_t n);

/* Text forms (without a newline); check buf_ok afterwards. */
void note_verifier_format(const note_verifier *v, buf_t *out);
void note_signer_format(const note_signer *k, buf_t *out);
/* Parse the text forms; surrounding white space is ignored. Errors are
 * ERR_INPUT and never quote a signer key. */
int note_verifier_parse(const char *text, note_verifier *out, err_t *e);
int note_signer_parse(const char *text, note_signer *out, err_t *e);

/* Append to out the signed note of text (n bytes, ending in a newline, no
 * blank line inside): text, a blank line, the signature line. */
int note_sign(const note_signer *k, const char *text, size_t n, buf_t *out, err_t *e);
/* The same for keys of another signature type (NOTE_ALG_COSIGNATURE): the
 * type byte is part of the key hash and of the text forms. */
int note_keygen_alg(const char *name, unsigned char alg, note_signer *out, err_t *e);
void note_verifier_format_alg(const note_verifier *v, unsigned char alg, buf_t *out);
void note_signer_format_alg(const note_signer *k, unsigned char alg, buf_t *out);
int note_verifier_parse_alg(const char *text, unsigned char alg, note_verifier *out, err_t *e);
int note_signer_parse_alg(const char *text, unsigned char alg, note_signer *out, err_t *e);

/* Check that note (n bytes) carries a valid signature by v. On success
 * *text_len is the length of the signed text (the note starts with it). A
 * note without a line for v, or with a bad one, is ERR_INPUT. */
int note_open(const note_verifier *v, const char *note, size_t n, size_t *text_len, err_t *e);

/* A checkpoint's text. */
typedef struct {
    char origin[NOTE_NAME_MAX + 1];
    uint64_t size;
    unsigned char root[HASH_SIZE];
} checkpoint_t;

void checkpoint_format(const checkpoint_t *c, buf_t *out);
/* Parse the text of a checkpoint (n bytes): origin, decimal size, base64
 * root, then optional extension lines, which are ignored. */
int checkpoint_parse(const char *text, size_t n, checkpoint_t *out, err_t *e);
/* A signed checkpoint as a verifier reads it (n bytes): the note must carry
 * a valid signature by v, its text must parse, and its origin must be v's
 * name. ERR_INPUT otherwise. */
int checkpoint_open(const note_verifier *v, const char *note, size_t n, checkpoint_t *out, err_t *e);

/* Standard base64 of n bytes (check buf_ok), and its decoding into exactly
 * n bytes (0, or -1 when s is not that). */
void note_base64(const unsigned char *in, size_t n, buf_t *out);
int note_unbase64(const char *s, size_t len, unsigned char *out, size_t n);

#endif
