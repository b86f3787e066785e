/* Tests of src/ledger/tile.c: C2SP tile paths both ways (with the spec's own
 * example), paths that are not canonical refused, which tiles a tree size
 * has, and the builder's tiles against subtree hashes computed here by the
 * RFC 9162 recursion, for trees with full and partial tiles at two levels. */
#include "test.h"
#include "ledger/tile.h"

#include <sodium.h>

#define MAXN (65536 + 700)

static unsigned char leaves[MAXN][32];

/* MTH(D[lo:hi]) by the RFC's recursion. */
static void mth(size_t lo, size_t hi, unsigned char out[32])
{
    if (hi - lo == 1) { memcpy(out, leaves[lo], 32); return; }
    size_t k = 1;
    while (k * 2 < hi - lo) k *= 2;
    unsigned char l[32], r[32];
    mth(lo, lo + k, l);
    mth(lo + k, hi, r);
    merkle_node(l, r, out);
}

static const char *path_of(int level, uint64_t index, int width)
{
    static char out[TILE_PATH_MAX];
    tile_id t = {level, index, width};
    return tile_path(&t, out, sizeof out) < 0 ? "(invalid)" : out;
}

TEST(paths_in_the_c2sp_encoding)
{
    CHECK_STR(path_of(0, 0, 256), "tile/0/000");
    CHECK_STR(path_of(0, 1234067, 256), "tile/0/x001/x234/067");
    CHECK_STR(path_of(1, 5, 7), "tile/1/005.p/7");
    CHECK_STR(path_of(2, 999, 255), "tile/2/999.p/255");
    CHECK_STR(path_of(0, 1000, 256), "tile/0/x001/000");
    CHECK_STR(path_of(TILE_ENTRIES, 1000, 3), "tile/entries/x001/000.p/3");
    CHECK_STR(path_of(0, UINT64_MAX, 256), "tile/0/x018/x446/x744/x073/x709/x551/615");
    CHECK_STR(path_of(0, 0, 0), "(invalid)");
    CHECK_STR(path_of(0, 0, 257), "(invalid)");
    CHECK_STR(path_of(TILE_LEVELS, 0, 1), "(invalid)");
}

TEST(parse_is_the_inverse_of_path)
{
    static const uint64_t idx[] = {0, 1, 999, 1000, 1001, 999999, 1000000, 1234067, UINT64_MAX};
    for (int l = TILE_ENTRIES; l < TILE_LEVELS; l++)
        for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++)
            for (int w = 1; w <= 256; w += 85) {
                tile_id t = {l, idx[i], w}, back;
                char p[TILE_PATH_MAX];
                int n = tile_path(&t, p, sizeof p);
                CHECK(n > 0);
                CHECK_INT(tile_parse(p, (size_t)n, &back), 0);
                CHECK_INT(back.level, l);
                CHECK(back.index == idx[i]);
                CHECK_INT(back.width, w);
            }
}

TEST(paths_that_are_not_canonical_are_refused)
{
    static const char *const bad[] = {
        "", "tile", "tile/", "tile/0", "tile/0/", "tile/0/00", "tile/0/0000", "tile/0/01",
        "tile/0/x000/001", "tile/0/x001", "tile/0/x001/", "tile/0/001/", "tile/0/001/002",
        "tile/00/000", "tile/8/000", "tile/-1/000", "tile/0/000.p/0", "tile/0/000.p/256",
        "tile/0/000.p/07", "tile/0/000.p/", "tile/0/000.p/5x", "tile/0/000.p/5/", "tile/0/000.q/5",
        "tile/entries/000.p/0", "tile/entry/000", "tile/0/00a", "tile/0/x018/x446/x744/x073/x709/x551/616",
        "tile/0/x001/x001/x001/x001/x001/x001/x001/001", "tile//000", "/tile/0/000", "tile/0/000\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tile_id t;
        if (tile_parse(bad[i], strlen(bad[i]), &t) == 0) {
            printf("#   accepted \"%s\"\n", bad[i]);
            CHECK(0);
        }
    }
    /* The length is the bound: bytes past it are never read. */
    tile_id t;
    CHECK_INT(tile_parse("tile/0/000.p/5", 10, &t), 0);
    CHECK_INT(t.width, 256);
}

TEST(tiles_of_a_tree_size)
{
    tile_id full0 = {0, 0, 256}, part = {0, 1, 3}, full1 = {1, 0, 256}, one1 = {1, 0, 1}, far = {5, UINT64_MAX, 256};
    CHECK_INT(tile_in_tree(&full0, 255), 0);
    CHECK_INT(tile_in_tree(&full0, 256), 1);
    CHECK_INT(tile_in_tree(&part, 258), 0);
    CHECK_INT(tile_in_tree(&part, 259), 1);
    CHECK_INT(tile_in_tree(&one1, 255), 0);
    CHECK_INT(tile_in_tree(&one1, 256), 1);
    CHECK_INT(tile_in_tree(&full1, 65535), 0);
    CHECK_INT(tile_in_tree(&full1, 65536), 1);
    CHECK_INT(tile_in_tree(&far, UINT64_MAX), 0);
    CHECK(tile_first_leaf(&part, 2) == 258);
    CHECK(tile_first_leaf(&one1, 1) == 256);
}

/* What the builder emitted, checked as it comes. */
typedef struct {
    uint64_t size;
    int full[TILE_LEVELS], partial[TILE_LEVELS], bad;
} seen;

static int check_tile(void *ctx, const tile_id *t, const unsigned char (*h)[32])
{
    seen *s = ctx;
    if (t->width == 256) s->full[t->level]++;
    else s->partial[t->level]++;
    uint64_t span = (uint64_t)1 << (8 * t->level);
    for (int k = 0; k < t->width; k++) {
        unsigned char want[32];
        uint64_t lo = tile_first_leaf(t, k);
        mth(lo, lo + span, want);
        if (memcmp(want, h[k], 32) != 0) s->bad++;
    }
    if (!tile_in_tree(t, s->size)) s->bad++;
    return 0;
}

static void build(uint64_t n, seen *s, unsigned char root[32])
{
    static tile_builder b;
    memset(s, 0, sizeof *s);
    s->size = n;
    tile_builder_init(&b, check_tile, s);
    for (uint64_t i = 0; i < n; i++) tile_builder_push(&b, leaves[i]);
    tile_builder_finish(&b, root);
}

TEST(builder_tiles_match_the_tree)
{
    CHECK(sodium_init() >= 0);
    for (uint32_t i = 0; i < MAXN; i++) crypto_hash_sha256(leaves[i], (const unsigned char *)&i, sizeof i);
    static const uint64_t sizes[] = {1, 2, 255, 256, 257, 511, 512, 700, 65535, 65536, MAXN};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        uint64_t n = sizes[i];
        seen s;
        unsigned char root[32], want[32];
        build(n, &s, root);
        mth(0, n, want);
        CHECK(memcmp(root, want, 32) == 0);
        CHECK_INT(s.bad, 0);
        CHECK_INT(s.full[0], n / 256);
        CHECK_INT(s.partial[0], n % 256 != 0);
        CHECK_INT(s.full[1], n / 65536);
        CHECK_INT(s.partial[1], (n / 256) % 256 != 0);
        CHECK_INT(s.full[2], 0);
        CHECK_INT(s.partial[2], (n / 65536) % 256 != 0);
        CHECK_INT(s.full[3] + s.partial[3], 0);
    }
}

TEST(bundles_are_length_prefixed_leaf_hashes)
{
    unsigned char out[3 * 34];
    CHECK_INT(tile_bundle((const unsigned char (*)[32])leaves, 3, out), 102);
    CHECK(out[0] == 0 && out[1] == 32 && memcmp(out + 2, leaves[0], 32) == 0);
    CHECK(out[68] == 0 && out[69] == 32 && memcmp(out + 70, leaves[2], 32) == 0);
}

int main(void)
{
    RUN(paths_in_the_c2sp_encoding);
    RUN(parse_is_the_inverse_of_path);
    RUN(paths_that_are_not_canonical_are_refused);
    RUN(tiles_of_a_tree_size);
    RUN(builder_tiles_match_the_tree);
    RUN(bundles_are_length_prefixed_leaf_hashes);
    TEST_EXIT();
}
