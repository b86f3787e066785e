/* hash.c — see hash.h. SHA-256 by ledger/sha256.c, the hot path of every
 * append and verify. */
#include "ledger/hash.h"

#include <sodium.h>

#include "ledger/sha256.h"

int hash_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

int hash_chain(const unsigned char prev[HASH_SIZE], const change_t *c, buf_t *scratch,
               unsigned char out[HASH_SIZE])
{
    buf_reset(scratch);
    buf_append(scratch, prev, HASH_SIZE);
    change_encode(c, scratch);
    if (!buf_ok(scratch)) return -1;
    sha256(scratch->data, scratch->len, out);
    return 0;
}

int hash_leaf(const change_t *c, buf_t *scratch, unsigned char out[HASH_SIZE])
{
    buf_reset(scratch);
    buf_putc(scratch, 0);
    change_encode(c, scratch);
    if (!buf_ok(scratch)) return -1;
    sha256(scratch->data, scratch->len, out);
    return 0;
}

int hash_chain_leaf(const unsigned char prev[HASH_SIZE], const change_t *c, buf_t *scratch,
                    unsigned char chain[HASH_SIZE], unsigned char leaf[HASH_SIZE])
{
    /* scratch holds prev || encoding; the leaf hash reads the encoding alone. */
    if (hash_chain(prev, c, scratch, chain) != 0) return -1;
    sha256_ctx st;
    unsigned char zero = 0;
    sha256_init(&st);
    sha256_update(&st, &zero, 1);
    sha256_update(&st, scratch->data + HASH_SIZE, scratch->len - HASH_SIZE);
    sha256_final(&st, leaf);
    return 0;
}

void hash_bytes(const void *data, size_t n, unsigned char out[HASH_SIZE])
{
    sha256(data, n, out);
}
