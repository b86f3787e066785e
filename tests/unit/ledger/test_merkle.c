/* Tests of src/ledger/merkle.c: the RFC 6962/9162 reference roots, every
 * inclusion and consistency proof of small trees against a recursive MTH
 * written here from the RFC's definition, and tampered proofs refused. */
#include "test.h"
#include "ledger/merkle.h"
#include "util/hex.h"

#include <sodium.h>

#define MAXN 300

static unsigned char leaves[MAXN][32];

static void leaf_of(const unsigned char *data, size_t n, unsigned char out[32])
{
    unsigned char buf[64];
    buf[0] = 0;
    memcpy(buf + 1, data, n);
    crypto_hash_sha256(out, buf, n + 1);
}

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

/* Complete subtrees of the leaves, computed once per fill(). */
static unsigned char nodes[10][MAXN][32];

static int mem_get(void *ctx, int level, uint64_t index, unsigned char out[32], err_t *e)
{
    (void)ctx;
    if (level >= 10 || ((index + 1) << level) > MAXN) return err_set(e, ERR_INPUT, "no such node");
    memcpy(out, nodes[level][index], 32);
    return 0;
}

static const merkle_source src = {mem_get, NULL};

static void fill(size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char d[8] = {(unsigned char)i, (unsigned char)(i >> 8), (unsigned char)seed};
        leaf_of(d, sizeof d, leaves[i]);
        memcpy(nodes[0][i], leaves[i], 32);
    }
    for (int l = 1; l < 10; l++)
        for (size_t i = 0; ((i + 1) << l) <= n; i++) merkle_node(nodes[l - 1][2 * i], nodes[l - 1][2 * i + 1], nodes[l][i]);
}

TEST(reference_roots)
{
    /* The leaves of the RFC 6962 test data and the roots of their first n. */
    static const char *const data[] = {"", "00", "10", "2021", "3031", "40414243",
                                       "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
    static const char *const roots[] = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
    CHECK(sodium_init() >= 0);
    merkle_frontier f;
    merkle_frontier_init(&f);
    unsigned char root[32], b[16];
    char hex[65];
    err_t e;
    merkle_frontier_root(&f, root);
    hex_encode(root, 32, hex);
    CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    for (int i = 0; i < 8; i++) {
        size_t n = strlen(data[i]) / 2;
        CHECK(n == 0 || hex_decode(data[i], b, n) == 0);
        leaf_of(b, n, leaves[i]);
        memcpy(nodes[0][i], leaves[i], 32);
        for (int l = 1; l < 4 && ((i + 1) % (1 << l)) == 0; l++)
            merkle_node(nodes[l - 1][(i >> l) * 2], nodes[l - 1][(i >> l) * 2 + 1], nodes[l][i >> l]);
        CHECK(merkle_push(&f, leaves[i], NULL, NULL) == 0);
        merkle_frontier_root(&f, root);
        hex_encode(root, 32, hex);
        CHECK_STR(hex, roots[i]);
        CHECK(merkle_root(&src, (uint64_t)i + 1, root, &e) == 0);
        hex_encode(root, 32, hex);
        CHECK_STR(hex, roots[i]);
    }
}

typedef struct {
    int count;
    int levels[64];
    uint64_t index[64];
} emitted;

static int note_emit(void *ctx, int level, uint64_t index, const unsigned char h[32])
{
    emitted *x = ctx;
    unsigned char want[32];
    mth((size_t)(index << level), (size_t)((index + 1) << level), want);
    if (memcmp(want, h, 32) != 0) return 7;
    x->levels[x->count] = level;
    x->index[x->count++] = index;
    return 0;
}

TEST(frontier_emits_every_complete_subtree)
{
    fill(MAXN, 1);
    merkle_frontier f;
    merkle_frontier_init(&f);
    long total = 0;
    for (size_t i = 0; i < MAXN; i++) {
        emitted x = {0};
        CHECK(merkle_push(&f, leaves[i], note_emit, &x) == 0);
        /* Leaf i completes one subtree per trailing one bit of i, plus itself. */
        CHECK_INT(x.count, 1 + __builtin_ctzll(~(unsigned long long)i));
        total += x.count;
        unsigned char a[32], b[32];
        merkle_frontier_root(&f, a);
        mth(0, i + 1, b);
        CHECK(memcmp(a, b, 32) == 0);
    }
    CHECK_INT(total, 2 * MAXN - __builtin_popcount(MAXN));
}

TEST(every_inclusion_proof_of_small_trees)
{
    fill(MAXN, 2);
    err_t e;
    merkle_path p;
    unsigned char root[32];
    for (uint64_t n = 1; n <= 130; n++) {
        mth(0, n, root);
        for (uint64_t i = 0; i < n; i++) {
            CHECK(merkle_inclusion(&src, i, n, &p, &e) == 0);
            CHECK(merkle_verify_inclusion(i, n, leaves[i], &p, root, &e) == 0);
            /* Any changed hash, a wrong index, leaf or size, a cut or longer
             * path: refused. (A size with a path of the same shape gives the
             * same root, which is why a proof is checked against a signed
             * checkpoint of that size.) */
            if (p.n) {
                int k = (int)((i * 7 + n) % (uint64_t)p.n);
                p.hash[k][i % 32] ^= 1;
                CHECK(merkle_verify_inclusion(i, n, leaves[i], &p, root, &e) != 0);
                p.hash[k][i % 32] ^= 1;
                p.n--;
                CHECK(merkle_verify_inclusion(i, n, leaves[i], &p, root, &e) != 0);
                p.n++;
            }
            if (n > 1) CHECK(merkle_verify_inclusion((i + 1) % n, n, leaves[i], &p, root, &e) != 0);
            CHECK(merkle_verify_inclusion(i, n, leaves[(i + 1) % MAXN], &p, root, &e) != 0);
            CHECK(merkle_verify_inclusion(i, i, leaves[i], &p, root, &e) != 0);
            memcpy(p.hash[p.n++], root, 32);
            CHECK(merkle_verify_inclusion(i, n, leaves[i], &p, root, &e) != 0);
        }
        CHECK(merkle_inclusion(&src, n, n, &p, &e) != 0);
    }
}

TEST(every_consistency_proof_of_small_trees)
{
    fill(MAXN, 3);
    err_t e;
    merkle_path p;
    unsigned char r1[32], r2[32];
    for (uint64_t n = 1; n <= 70; n++) {
        mth(0, n, r2);
        for (uint64_t m = 0; m <= n; m++) {
            if (m) mth(0, m, r1);
            else merkle_empty(r1);
            CHECK(merkle_consistency(&src, m, n, &p, &e) == 0);
            CHECK(merkle_verify_consistency(m, n, r1, r2, &p, &e) == 0);
            if (m == 0 || m == n) { CHECK_INT(p.n, 0); continue; }
            for (int k = 0; k < p.n; k++) {
                p.hash[k][k] ^= 0x80;
                CHECK(merkle_verify_consistency(m, n, r1, r2, &p, &e) != 0);
                p.hash[k][k] ^= 0x80;
            }
            unsigned char bad[32];
            memcpy(bad, r1, 32);
            bad[0] ^= 1;
            CHECK(merkle_verify_consistency(m, n, bad, r2, &p, &e) != 0);
            CHECK(merkle_verify_consistency(m, n, r1, bad, &p, &e) != 0);
            CHECK(merkle_verify_consistency(m - 1, n, r1, r2, &p, &e) != 0);
            CHECK(merkle_verify_consistency(n, m, r1, r2, &p, &e) != 0);
            p.n--;
            CHECK(merkle_verify_consistency(m, n, r1, r2, &p, &e) != 0);
        }
    }
    CHECK(merkle_consistency(&src, 5, 4, &p, &e) != 0);
    p.n = 0;
    CHECK(merkle_verify_consistency(3, 3, r2, r2, &p, &e) == 0);
    r1[0] ^= 1;
    CHECK(merkle_verify_consistency(3, 3, r1, r2, &p, &e) != 0);   /* same size, two roots */
    p.n = 1;
    CHECK(merkle_verify_consistency(0, 3, r1, r2, &p, &e) != 0);   /* from 0: must be empty */
}

TEST(ranges_a_proof_cannot_name)
{
    fill(MAXN, 4);
    err_t e;
    unsigned char h[32];
    CHECK(merkle_range(&src, 3, 7, h, &e) != 0);     /* not aligned */
    CHECK(e.code == ERR_INPUT);
    CHECK(merkle_range(&src, 4, 4, h, &e) != 0);
    CHECK(merkle_range(&src, 8, 13, h, &e) == 0);
}

int main(void)
{
    RUN(reference_roots);
    RUN(frontier_emits_every_complete_subtree);
    RUN(every_inclusion_proof_of_small_trees);
    RUN(every_consistency_proof_of_small_trees);
    RUN(ranges_a_proof_cannot_name);
    TEST_EXIT();
}
