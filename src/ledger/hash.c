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

void hash_bytes(const void *data, size_t n, unsigned char out[HASH_SIZE])
{
    crypto_hash_sha256(out, data, n);
}
