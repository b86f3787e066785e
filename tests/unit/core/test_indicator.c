/* Tests of src/core/indicator.c: shares and nearest-rank percentiles, of
 * sorted values and of counts of values. */
#include "test.h"
#include "core/indicator.h"

TEST(shares)
{
    CHECK(ind_share(1, 3) == 0.3333);
    CHECK(ind_share(2, 3) == 0.6667);    /* rounded, not cut */
    CHECK(ind_share(0, 5) == 0.0);
    CHECK(ind_share(5, 5) == 1.0);
    CHECK(ind_share(1, 0) == -1);        /* no share of nothing */
    CHECK(ind_share(1, -2) == -1);
}

TEST(percentiles)
{
    const long v[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    CHECK_INT(ind_percentile(v, 10, 50), 5);     /* 50% of 10 is rank 5 exactly */
    CHECK_INT(ind_percentile(v, 10, 51), 6);
    CHECK_INT(ind_percentile(v, 10, 90), 9);
    CHECK_INT(ind_percentile(v, 10, 100), 10);
    CHECK_INT(ind_percentile(v, 10, 1), 1);
    CHECK_INT(ind_percentile(v, 1, 50), 1);
    const long two[] = {3, 40};
    CHECK_INT(ind_percentile(two, 2, 50), 3);
    CHECK_INT(ind_percentile(two, 2, 75), 40);
    CHECK_INT(ind_percentile(v, 0, 50), -1);
    CHECK_INT(ind_percentile(v, 10, 0), -1);
    CHECK_INT(ind_percentile(v, 10, 101), -1);
}

/* From counts: the same as the values written out, for every percentile. */
TEST(percentiles_of_counts)
{
    const ind_count c[] = {{-3, 2}, {0, 5}, {7, 1}, {40, 4}};
    long v[12];
    size_t n = 0;
    for (size_t i = 0; i < 4; i++)
        for (size_t m = 0; m < c[i].n; m++) v[n++] = c[i].value;
    int same = 0;
    for (int p = 0; p <= 101; p++) same += ind_percentile_counts(c, 4, p) == ind_percentile(v, n, p);
    CHECK_INT(same, 102);
    CHECK_INT(ind_percentile_counts(c, 4, 50), 0);
    CHECK_INT(ind_percentile_counts(c, 4, 90), 40);
    CHECK_INT(ind_percentile_counts(c, 0, 50), -1);
    const ind_count none[] = {{5, 0}};
    CHECK_INT(ind_percentile_counts(none, 1, 50), -1);
}

int main(void)
{
    RUN(shares);
    RUN(percentiles);
    RUN(percentiles_of_counts);
    TEST_EXIT();
}
