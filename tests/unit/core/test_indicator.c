/* Tests of src/core/indicator.c: shares and nearest-rank percentiles. */
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

int main(void)
{
    RUN(shares);
    RUN(percentiles);
    TEST_EXIT();
}
