/* id.h — identifiers of reviews, recs and milestones. Pure.
 *
 * An id is 1-64 characters: a letter or digit, then letters, digits, '.', '-'
 * or '_' (SSR1, SSR1-6A, SSR1-9.2). Ids sort in natural order: digit runs
 * compare by value, so SSR1-2 < SSR1-6 < SSR1-6A < SSR1-10. */
#ifndef SSR_ID_H
#define SSR_ID_H

#define ID_MAX 64

int id_valid(const char *id);
int id_natural_cmp(const char *a, const char *b);

#endif
