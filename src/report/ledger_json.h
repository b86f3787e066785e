/* ledger_json.h — the JSON forms of the ledger, specified in docs/ledger.md:
 * inclusion and consistency proofs, entries of the public log, and the
 * public export. The CLI prints them; a web page can serve the same bytes.
 * Hashes are 64 lower-case hex digits. Restricted content never enters
 * these forms: a hidden change is its seq and leaf hash only. */
#ifndef SSR_LEDGER_JSON_H
#define SSR_LEDGER_JSON_H

#include <jansson.h>
#include <stdio.h>

#include "ledger/merkle.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"

/* An inclusion proof; change is the change's content, or NULL when it is
 * hidden. New reference, NULL on OOM. */
json_t *ledger_inclusion_json(long long seq, long long size, const unsigned char leaf[HASH_SIZE],
                              const merkle_path *p, const unsigned char root[HASH_SIZE],
                              const change_t *change);
json_t *ledger_consistency_json(long long old_size, long long new_size,
                                const unsigned char old_root[HASH_SIZE],
                                const unsigned char new_root[HASH_SIZE], const merkle_path *p);

/* Append one entry of the public log as a JSON object: seq and leaf_hash,
 * then the change's fields, or "hidden": true when l->change is NULL. */
void ledger_entry_format(buf_t *b, const leaf_t *l);

/* Write the public side of the whole log to f: every entry, then the tree
 * size and root its leaves give. One snapshot. */
int ledger_export_public(store_t *s, FILE *f, err_t *e);

/* A proof read back from its JSON form. */
typedef struct {
    int inclusion;                  /* 1: inclusion, 0: consistency */
    long long seq, size;            /* inclusion: the change and the tree size */
    unsigned char leaf[HASH_SIZE], root[HASH_SIZE];
    long long old_size, new_size;   /* consistency */
    unsigned char old_root[HASH_SIZE], new_root[HASH_SIZE];
    merkle_path path;
    int has_change;                 /* inclusion: the change's content came along */
    change_t change;                /* strings owned by the arena */
} ledger_proof;

/* Parse a proof (n bytes of JSON). ERR_INPUT naming the member at fault. */
int ledger_proof_parse(const char *text, size_t n, arena_t *a, ledger_proof *out, err_t *e);

#endif
