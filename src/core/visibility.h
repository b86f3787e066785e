/* visibility.h — which changes the public may read: the rule for restricted
 * things. Pure: the caller answers questions about other things.
 *
 * A thing is hidden when its own `restricted` field is true now, or when a
 * thing it belongs to is hidden. It belongs to the things its fixed
 * references name: a sub-item to its parent rec, a milestone to its rec,
 * evidence to its target, a link to both of its recs. (A rec's review is
 * never restricted, so recs stay visible through it.) A change is public
 * when the thing it changes is not hidden — decided by the state now, not
 * when the change was made: restricting a rec hides its whole history, and
 * lifting the restriction shows it again. A hidden change keeps its place and
 * its leaf hash in the Merkle tree; only its content is withheld. */
#ifndef SSR_VISIBILITY_H
#define SSR_VISIBILITY_H

#include "core/entity.h"

/* Answers whether the thing (kind, id) is hidden now: 1 hidden, 0 not, -1
 * on error (the caller's error). An unknown thing should count as hidden. */
typedef int (*vis_owner_fn)(void *ctx, const kind_def *k, const char *id);

/* 1 when a thing of kind k whose current values are v (k->nfields entries,
 * NULL when unset) is hidden, 0 when not, -1 when owner_hidden failed. */
int vis_hidden(const kind_def *k, const char *const *v, vis_owner_fn owner_hidden, void *ctx);

#endif
