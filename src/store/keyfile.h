/* keyfile.h — the private signing key file, read for the commands and the
 * server that sign checkpoints. File I/O, so it lives beside the database
 * file it belongs to rather than in the pure ledger/; the path comes from
 * the caller. */
#ifndef SSR_KEYFILE_H
#define SSR_KEYFILE_H

#include "ledger/note.h"

/* Read and parse the signer key at path (a file only its owner may read),
 * and, when vkey is not NULL, check that it is the key vkey (a verifier key)
 * names. The caller wipes k with note_signer_wipe. Errors never quote the key. */
int keyfile_load(const char *path, const char *vkey, note_signer *k, err_t *e);

/* Read and parse a witness's cosigning key (type NOTE_ALG_COSIGNATURE) at
 * path, under the same rules. */
int keyfile_load_witness(const char *path, note_signer *k, err_t *e);

#endif
