/* Tests of src/core/id.c: which ids are well formed, and their natural order. */
#include <stdlib.h>

#include "test.h"
#include "core/id.h"

TEST(valid_at_the_edges)
{
    char id[ID_MAX + 2];
    memset(id, 'a', ID_MAX);
    id[ID_MAX] = '\0';
    CHECK(id_valid(id));                 /* exactly 64 */
    id[ID_MAX] = 'a';
    id[ID_MAX + 1] = '\0';
    CHECK(!id_valid(id));                /* 65 */
    CHECK(id_valid("E1"));
    CHECK(id_valid("9"));
    CHECK(id_valid("SSR1-9.2_b"));
    CHECK(!id_valid(NULL));
    CHECK(!id_valid(".x"));
    CHECK(!id_valid("_x"));
    CHECK(!id_valid("x/y"));             /* pairs are the kinds' business, not a plain id's */
    CHECK(!id_valid("x\n"));
    CHECK(!id_valid("caf\xC3\xA9"));     /* ASCII only */
}

TEST(natural_order)
{
    CHECK_INT(id_natural_cmp("SSR1-02", "SSR1-2"), 0);   /* leading zeros do not count */
    CHECK_INT(id_natural_cmp("SSR1-007", "SSR1-10"), -1);
    CHECK_INT(id_natural_cmp("SSR1-0", "SSR1-00"), 0);
    CHECK_INT(id_natural_cmp("SSR1", "SSR1-1"), -1);     /* a prefix first */
    CHECK_INT(id_natural_cmp("SSR1-1", "SSR1"), 1);
    CHECK_INT(id_natural_cmp("A", "a"), -1);             /* bytes, case sensitive */
    CHECK_INT(id_natural_cmp("SSR1-99999999999999999999", "SSR1-100000000000000000000"), -1);
}

static int cmp(const void *a, const void *b)
{
    return id_natural_cmp(*(const char *const *)a, *(const char *const *)b);
}

TEST(sorts_a_review)
{
    const char *ids[] = {"SSR1-10", "SSR1-6B", "SSR1-9.10", "SSR1-2", "SSR1-6", "SSR1-9.2", "SSR1-6A", "SSR1-9"};
    const char *want[] = {"SSR1-2", "SSR1-6", "SSR1-6A", "SSR1-6B", "SSR1-9", "SSR1-9.2", "SSR1-9.10", "SSR1-10"};
    qsort(ids, sizeof ids / sizeof *ids, sizeof *ids, cmp);
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) CHECK_STR(ids[i], want[i]);
    /* Antisymmetric over every pair. */
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
        for (size_t j = 0; j < sizeof ids / sizeof *ids; j++)
            CHECK_INT(id_natural_cmp(ids[i], ids[j]), -id_natural_cmp(ids[j], ids[i]));
}

int main(void)
{
    RUN(valid_at_the_edges);
    RUN(natural_order);
    RUN(sorts_a_review);
    TEST_EXIT();
}
