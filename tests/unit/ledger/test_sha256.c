/* Tests of src/ledger/sha256.c: the FIPS 180-4 examples, and both block
 * functions (the CPU's SHA instructions where present, and portable C)
 * against libsodium over random lengths fed in random pieces. */
#include "test.h"
#include "ledger/sha256.h"
#include "util/hex.h"

#include <sodium.h>

static int same_as_sodium(unsigned seed)
{
    unsigned char data[2100], a[32], b[32];
    srand(seed);
    size_t n = (size_t)rand() % sizeof data;
    for (size_t i = 0; i < n; i++) data[i] = (unsigned char)rand();
    crypto_hash_sha256(a, data, n);
    sha256_ctx c;
    sha256_init(&c);
    for (size_t at = 0; at < n;) {
        size_t k = (size_t)rand() % 150;
        if (k > n - at) k = n - at;
        sha256_update(&c, data + at, k);
        at += k;
    }
    sha256_final(&c, b);
    if (memcmp(a, b, 32) != 0) return 0;
    sha256(data, n, b);
    return memcmp(a, b, 32) == 0;
}

static void check_examples(int *ok)
{
    static const char *const in[] = {"", "abc", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"};
    static const char *const out[] = {
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"};
    unsigned char h[32];
    char hex[65];
    *ok = 1;
    for (int i = 0; i < 3; i++) {
        sha256(in[i], strlen(in[i]), h);
        hex_encode(h, 32, hex);
        if (strcmp(hex, out[i]) != 0) *ok = 0;
    }
}

TEST(both_block_functions)
{
    CHECK(sodium_init() >= 0);
    for (int portable = 0; portable < 2; portable++) {
        sha256_use_portable(portable);
        int ok;
        check_examples(&ok);
        CHECK(ok);
        for (unsigned seed = 1; seed <= 3000; seed++) CHECK(same_as_sodium(seed));
    }
    sha256_use_portable(0);
}

int main(void)
{
    RUN(both_block_functions);
    TEST_EXIT();
}
