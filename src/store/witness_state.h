/* witness_state.h — what a witness remembers (docs/ledger.md "Witnesses"):
 * for each log it follows, by origin, the size and root of the newest
 * checkpoint it cosigned, and that checkpoint. A small SQLite file of its
 * own, apart from any log's database; every update is one transaction, and
 * the check that decides it runs inside it, so two requests cannot both pass
 * against the same old state (the race C2SP tlog-witness warns of). */
#ifndef SSR_WITNESS_STATE_H
#define SSR_WITNESS_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "ledger/hash.h"
#include "util/err.h"

typedef struct witness_state witness_state;

/* Open (creating when missing) the state file at path. */
int witness_state_open(const char *path, witness_state **out, err_t *e);
void witness_state_close(witness_state *w);

/* Decides on a request against the log's state (size 0 and a zero root
 * when the witness never saw the log): returns 200 to accept, when it sets
 * *new_size, new_root and *note (the checkpoint, owned by the caller), or
 * another HTTP status to refuse. */
typedef int (*witness_decide_fn)(void *ctx, uint64_t size, const unsigned char root[HASH_SIZE],
                                 uint64_t *new_size, unsigned char new_root[HASH_SIZE], const char **note);

/* In one IMMEDIATE transaction: read the state of origin, call decide, and
 * store what it accepted. The status decide returned in *status; -1 with e
 * set when the file could not be read or written (nothing changes). */
int witness_state_update(witness_state *w, const char *origin, witness_decide_fn decide, void *ctx, int *status,
                         err_t *e);

/* The state of origin (size 0 when unknown). */
int witness_state_get(witness_state *w, const char *origin, uint64_t *size, unsigned char root[HASH_SIZE],
                      err_t *e);

#endif
