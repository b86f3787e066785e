/* hash.h — the hashes of the change log (SHA-256, ledger/sha256.c).
 *
 *   chain hash of row n = SHA-256(chain hash of row n-1 || encoding(row n)),
 *                         with 32 zero bytes before the first row;
 *   leaf hash (RFC 9162) = SHA-256(0x00 || encoding(row)).
 * encoding() is change_encode (core/change.h). Pure computation over bytes. */
#ifndef SSR_HASH_H
#define SSR_HASH_H

#include "core/change.h"
#include "util/err.h"

#define HASH_SIZE 32

/* Start libsodium; call once before any hashing. 0 on success. */
int hash_init(void);

/* out = SHA-256(prev || encoding(c)); scratch is reused between calls. -1 on OOM. */
int hash_chain(const unsigned char prev[HASH_SIZE], const change_t *c, buf_t *scratch,
               unsigned char out[HASH_SIZE]);

/* out = SHA-256(0x00 || encoding(c)). -1 on OOM. */
int hash_leaf(const change_t *c, buf_t *scratch, unsigned char out[HASH_SIZE]);

/* Both at once, encoding c only once: chain = SHA-256(prev || encoding(c)),
 * leaf = SHA-256(0x00 || encoding(c)). -1 on OOM. */
int hash_chain_leaf(const unsigned char prev[HASH_SIZE], const change_t *c, buf_t *scratch,
                    unsigned char chain[HASH_SIZE], unsigned char leaf[HASH_SIZE]);

/* out = SHA-256(data). */
void hash_bytes(const void *data, size_t n, unsigned char out[HASH_SIZE]);

#endif
