/* indicator.h — the arithmetic of the built-in indicators (docs/measures.md):
 * shares and nearest-rank percentiles. Pure: no I/O, no allocation. */
#ifndef SSR_INDICATOR_H
#define SSR_INDICATOR_H

#include <stddef.h>

/* part / whole rounded to 4 decimals; -1 when whole is 0 (no share). */
double ind_share(long part, long whole);

/* The nearest-rank p-th percentile (0 < p <= 100) of sorted[0..n): the
 * smallest value with at least p% of the values at or below it, i.e.
 * sorted[ceil(p/100 * n) - 1]. -1 when n is 0. */
long ind_percentile(const long *sorted, size_t n, int p);

/* A value and how many times it occurs. */
typedef struct {
    long value;
    size_t n;
} ind_count;

/* The same percentile of the values c[0..k) hold, ascending by value, each
 * c[i].n times: what ind_percentile gives of them written out in order. */
long ind_percentile_counts(const ind_count *c, size_t k, int p);

#endif
