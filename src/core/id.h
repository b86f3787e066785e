/* id.h — identifiers of reviews, recs and milestones. Pure.
 *
 * An id is 1-64 characters: a letter or digit, then letters, digits, '.', '-'
 * or '_' (SSR1, SSR1-6A, SSR1-9.2). Ids sort in natural order: digit runs
 * compare by value, so SSR1-2 < SSR1-6 < SSR1-6A < SSR1-10. */
#ifndef SSR_ID_H
#define SSR_ID_H

#include <stddef.h>

#define ID_MAX 64

int id_valid(const char *id);

/* Milestone ids. The tracker gives a milestone of rec REC the id "REC~N"
 * (SSR2-9~1): '~' is never part of a rec id, so a milestone can never take
 * the id of a sub-numbered rec (SSR2-9.1). Ids made before, "REC.N", stay
 * valid: a milestone id is a plain id, or a rec id, '~' and digits. */
#define MILESTONE_SEP '~'
int id_milestone_valid(const char *id);
/* The length of the rec part of a milestone id: up to its '~', else (an id
 * of the old form) up to its last '.', else all of it. */
size_t id_milestone_rec_len(const char *id);
int id_natural_cmp(const char *a, const char *b);

#endif
