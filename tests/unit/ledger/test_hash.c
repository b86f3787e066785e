/* Tests of src/ledger/hash.c against values computed independently
 * (Python's hashlib over the encoding of docs/ledger.md). */
#include "test.h"
#include "ledger/hash.h"
#include "util/hex.h"

TEST(chain_and_leaf_vectors)
{
    CHECK(hash_init() == 0);
    change_t c = {1, "rec", "SSR1-6A", "status", "complete", "2014-03-18",
                  "2026-01-02T03:04:05.000006Z", "ana", "report \xE2\x9C\x93", NULL, 0, {0}};
    unsigned char zero[32] = {0}, h[32];
    char hex[65];
    buf_t scratch = BUF_INIT;
    CHECK(hash_chain(zero, &c, &scratch, h) == 0);
    hex_encode(h, 32, hex);
    CHECK_STR(hex, "16338edcc25d6af63b2e187a531044866c31ce135e0aae9e08fab571eb288d50");
    CHECK(hash_leaf(&c, &scratch, h) == 0);
    hex_encode(h, 32, hex);
    CHECK_STR(hex, "456108ddc81fd9d0cd6740e4142618ef3017b38b17bdaa48f2697b8543f764eb");
    buf_free(&scratch);
}

/* The same row as an entry of version 2 (docs/ledger.md, "Entry versions"). */
TEST(version2_vectors)
{
    change_t c = {1, "rec", "SSR1-6A", "status", "complete", "2014-03-18",
                  "2026-01-02T03:04:05.000006Z", "ana", "report \xE2\x9C\x93", "2014-03-18", 1, {0}};
    unsigned char zero[32] = {0}, h[32];
    char hex[65];
    buf_t scratch = BUF_INIT;
    change_encode(&c, &scratch);
    CHECK_INT(scratch.len, 130);
    CHECK(hash_chain(zero, &c, &scratch, h) == 0);
    hex_encode(h, 32, hex);
    CHECK_STR(hex, "2d0105fdca000fe6874725942984c008cc3fdf93fd136ec39c7458ad5ee920e4");
    CHECK(hash_leaf(&c, &scratch, h) == 0);
    hex_encode(h, 32, hex);
    CHECK_STR(hex, "cc82860f6f33b8e837ca972b730378f9c2eaa8728a0057ba4c5fee080da8102b");
    buf_free(&scratch);
}

TEST(hex)
{
    unsigned char b[3];
    CHECK(hex_decode("00fF7a", b, 3) == 0);
    CHECK(b[0] == 0 && b[1] == 0xff && b[2] == 0x7a);
    CHECK(hex_decode("00fg7a", b, 3) != 0);
    CHECK(hex_decode("00ff", b, 3) != 0);
}

int main(void)
{
    RUN(chain_and_leaf_vectors);
    RUN(version2_vectors);
    RUN(hex);
    TEST_EXIT();
}
