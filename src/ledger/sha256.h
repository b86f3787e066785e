/* sha256.h — SHA-256 (FIPS 180-4) for the ledger's hot paths: every append
 * hashes its row twice and the tree above it, and verify does all of that
 * again for every row. On x86-64 CPUs with the SHA extensions the blocks are
 * compressed by those instructions (chosen at run time, several times faster
 * than libsodium's portable code); elsewhere by portable C. The results are
 * those of any SHA-256: tests compare both paths with libsodium. */
#ifndef SSR_SHA256_H
#define SSR_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t bytes;          /* hashed so far */
    unsigned char buf[64];   /* a partial block */
    size_t nbuf;
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t n);
void sha256_final(sha256_ctx *c, unsigned char out[32]);
/* out = SHA-256 of the n bytes at data. */
void sha256(const void *data, size_t n, unsigned char out[32]);

/* For tests: 1 when the CPU's SHA instructions are in use; force = 0 makes
 * the portable code run from now on, 1 restores the choice. */
int sha256_accelerated(void);
void sha256_use_portable(int force);

#endif
