/* canonical.h — the canonical JSON format of the log (docs/format.md): the
 * exact changes, in order, with both times, actor, reason and hashes.
 * An export imports into an identical state; an import is all or nothing. */
#ifndef SSR_CANONICAL_H
#define SSR_CANONICAL_H

#include <stdio.h>

#include "store/store.h"

#define CANON_MAX_BYTES ((size_t)2 << 30)

typedef struct {
    long long changes;          /* changes appended */
    long long first_seq, last_seq;
} canon_stats;

/* Append the changes of the document (len bytes at data; name for messages)
 * in one transaction of its own. actor is used where an entry names none.
 * Errors name "name:line: changes[i]: problem"; nothing is written then. */
int canon_import(store_t *s, const char *name, const char *data, size_t len, const char *actor,
                 canon_stats *st, err_t *e);
/* The same inside the caller's transaction (store_begin done; the caller
 * commits, or rolls back as the fuzzer does). References are checked at the
 * caller's store_flush or store_commit. */
int canon_import_tx(store_t *s, const char *name, const char *data, size_t len, const char *actor,
                    canon_stats *st, err_t *e);

/* Write the log to f: every change, or (as_of set) those effective on or
 * before as_of, without seq and hash (a subset is a new chain). */
int canon_export(store_t *s, const char *as_of, FILE *f, err_t *e);

#endif
