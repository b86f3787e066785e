/* hash.c — see hash.h. */
#include "ledger/hash.h"

#include <sodium.h>

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
    crypto_hash_sha256(out, (const unsigned char *)scratch->data, scratch->len);
    return 0;
}

int hash_leaf(const change_t *c, buf_t *scratch, unsigned char out[HASH_SIZE])
{
    buf_reset(scratch);
    buf_putc(scratch, 0);
    change_encode(c, scratch);
    if (!buf_ok(scratch)) return -1;
    crypto_hash_sha256(out, (const unsigned char *)scratch->data, scratch->len);
    return 0;
}

int hash_chain_leaf(const unsigned char prev[HASH_SIZE], const change_t *c, buf_t *scratch,
                    unsigned char chain[HASH_SIZE], unsigned char leaf[HASH_SIZE])
{
    /* scratch holds prev || encoding; the leaf hash reads the encoding alone. */
    if (hash_chain(prev, c, scratch, chain) != 0) return -1;
    crypto_hash_sha256_state st;
    unsigned char zero = 0;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, &zero, 1);
    crypto_hash_sha256_update(&st, (const unsigned char *)scratch->data + HASH_SIZE,
                              scratch->len - HASH_SIZE);
    crypto_hash_sha256_final(&st, leaf);
    return 0;
}

void hash_bytes(const void *data, size_t n, unsigned char out[HASH_SIZE])
{
    crypto_hash_sha256(out, data, n);
}
