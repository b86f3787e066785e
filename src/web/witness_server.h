/* witness_server.h — `ssrtrack witness serve`: a witness speaking C2SP
 * tlog-witness over HTTP (POST /add-checkpoint), cosigning checkpoints of
 * the logs it follows when they are consistent with the last one it cosigned
 * (docs/ledger.md "Witnesses"). Its state is a SQLite file of its own
 * (store/witness_state.h). */
#ifndef SSR_WITNESS_SERVER_H
#define SSR_WITNESS_SERVER_H

#include <stddef.h>

#include "ledger/note.h"
#include "store/witness_state.h"
#include "util/buf.h"

#define WITNESS_LOGS_MAX 64

typedef struct {
    const note_signer *key;        /* the witness's cosigning key */
    const note_verifier *logs;     /* the logs it follows (their keys) */
    int nlogs;
    witness_state *state;
    int quiet;                     /* no line on stderr per refusal */
} witness_ctx;

/* Answer one request: the status, the body in out, its content type in
 * *ctype. Requests must not run at the same time for one state file from
 * two threads (the server has one thread; the state's transaction guards
 * against other processes). */
int witness_answer(const witness_ctx *w, const char *method, const char *path, const char *body, size_t n,
                   buf_t *out, const char **ctype);

/* Serve on listen ("ADDRESS:PORT") until SIGTERM or SIGINT; -1 with e set
 * when it cannot start. */
int witness_serve(const witness_ctx *w, const char *listen, err_t *e);

#endif
