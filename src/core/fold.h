/* fold.h — folding one thing's changes into its state over effective time.
 *
 * Given the changes of one thing sorted by (effective_at, seq), the state on
 * a date D is: each field takes the value of its last change effective on or
 * before D (a later-recorded change wins a tie), else the field's default. A
 * back-dated change therefore folds in at its effective date. The thing
 * exists from the first date on which all its required fields are set.
 * Pure: no I/O; nothing is allocated. */
#ifndef SSR_FOLD_H
#define SSR_FOLD_H

#include <stddef.h>

#include "core/entity.h"

typedef struct {
    long long seq;
    const char *field, *value, *effective_at;
} fold_change;

typedef struct {
    const char *valid_from;          /* the effective date this version starts */
    const char *const *v;            /* kind->nfields values; NULL when unset */
    long long last_seq;              /* the newest change folded in so far */
    int index;                       /* 0 for the first version */
} fold_version;

/* Calls emit once per distinct effective date at which the thing exists, in
 * date order; a non-zero return from emit stops the fold and is returned.
 * Changes naming an unknown field are skipped. */
int fold_entity(const kind_def *k, const fold_change *ch, size_t n,
                int (*emit)(void *ctx, const fold_version *v), void *ctx);

/* The state on date (NULL: after all changes) into v[kind->nfields]; returns
 * 1 when the thing exists then, else 0. *valid_from gets the start of that
 * version (may be NULL). */
int fold_at(const kind_def *k, const fold_change *ch, size_t n, const char *date,
            const char **v, const char **valid_from, long long *last_seq);

#endif
