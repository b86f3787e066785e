/* proof_check.h — checking a proof offline, as `ssrtrack verify-proof` does
 * and as an outsider would: a proof (its JSON form, docs/ledger.md), the
 * signed checkpoint it must lead to (and, for a consistency proof, the older
 * one it extends), and the log's public key. Everything comes as bytes: no
 * file is read, no database opened, nothing printed, so the fuzzer can call
 * it as the command does. */
#ifndef SSR_PROOF_CHECK_H
#define SSR_PROOF_CHECK_H

#include <stddef.h>

#include "ledger/note.h"
#include "util/arena.h"
#include "util/err.h"

typedef struct {
    const note_verifier *key;         /* the log's public key */
    const char *proof;                /* the proof's JSON, proof_len bytes */
    size_t proof_len;
    const char *checkpoint;           /* a signed checkpoint, checkpoint_len bytes */
    size_t checkpoint_len;
    const char *old_checkpoint;       /* the older one, or NULL when none was given */
    size_t old_checkpoint_len;
    const char *leaf;                 /* 64 hex digits the proof must be of, or NULL */
    /* How messages name the inputs ("--checkpoint c2"); NULL: a plain name. */
    const char *proof_name, *checkpoint_name, *old_checkpoint_name;
} proof_check_in;

/* What was proven, for the caller's message. */
typedef struct {
    int inclusion;                    /* 1: inclusion, 0: consistency */
    long long seq;                    /* inclusion: the change */
    int with_change;                  /* inclusion: the proof carried its content, which hashed right */
    checkpoint_t ck;                  /* the checkpoint the proof leads to */
    checkpoint_t old;                 /* consistency: the older checkpoint */
} proof_check_out;

/* 0 when the proof holds against the checkpoint(s) signed by in->key; else
 * -1 with ERR_INPUT saying why (ERR_TOOBIG for an oversized input). Strings
 * of the proof's change are allocated in a. */
int proof_check(const proof_check_in *in, arena_t *a, proof_check_out *out, err_t *e);

#endif
