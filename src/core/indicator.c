/* indicator.c — see indicator.h. */
#include "core/indicator.h"

#include <math.h>

double ind_share(long part, long whole)
{
    if (whole <= 0) return -1;
    return round((double)part / (double)whole * 10000.0) / 10000.0;
}

long ind_percentile(const long *sorted, size_t n, int p)
{
    if (n == 0 || p <= 0 || p > 100) return -1;
    /* ceil(p * n / 100) in integers, so that 50% of 10 is rank 5 exactly. */
    size_t rank = ((size_t)p * n + 99) / 100;
    if (rank < 1) rank = 1;
    return sorted[rank - 1];
}

long ind_percentile_counts(const ind_count *c, size_t k, int p)
{
    size_t n = 0;
    for (size_t i = 0; i < k; i++) n += c[i].n;
    if (n == 0 || p <= 0 || p > 100) return -1;
    size_t rank = ((size_t)p * n + 99) / 100, seen = 0;
    if (rank < 1) rank = 1;
    for (size_t i = 0; i < k; i++)
        if ((seen += c[i].n) >= rank) return c[i].value;
    return -1;
}
