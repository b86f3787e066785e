/* change.h — one row of the change log, and its canonical byte encoding.
 *
 * The encoding is what the hash chain and the Merkle tree hash; it is
 * specified in docs/ledger.md: for each of seq (decimal), entity, entity_id,
 * field, value, effective_at, recorded_at, actor, reason, in that order, a
 * 4-byte big-endian length followed by the UTF-8 bytes (version 1). A row of
 * version 2 (tx > 0) appends reported_at and tx (decimal) the same way. */
#ifndef SSR_CHANGE_H
#define SSR_CHANGE_H

#include "util/buf.h"

typedef struct {
    long long seq;
    const char *entity, *entity_id, *field, *value;
    const char *effective_at;   /* YYYY-MM-DD */
    const char *recorded_at;    /* YYYY-MM-DDTHH:MM:SS.ffffffZ */
    const char *actor, *reason;
    /* The date the fact was first reported (its source's date); for a row of
     * version 1, which has none, readers fill in the date of recorded_at. */
    const char *reported_at;    /* YYYY-MM-DD */
    long long tx;               /* seq of its transaction's first change; 0: version 1 */
    unsigned char hash[32];     /* SHA-256(previous hash || encoding) */
} change_t;

/* Append the canonical encoding of c to out (check buf_ok afterwards). */
void change_encode(const change_t *c, buf_t *out);

#endif
