/* ops.h — writes made of several steps that both the CLI and the web
 * perform: adding a milestone under a new id, answering an assessment item
 * (creating it on the first answer), signing one off. Each runs inside the
 * caller's transaction (store_begin … store_commit). */
#ifndef SSR_OPS_H
#define SSR_OPS_H

#include "store/store.h"

/* A new milestone REC~N (core/id.h) with the given fields (title required); *id arena-owned. */
int op_add_milestone(store_t *s, const char *rec, const field_value *fv, int n, const char *effective,
                     const char *actor, const char *reason, arena_t *a, char **id, err_t *e);

/* Set answers of the item ASSESSMENT/REC, creating it if needed. */
int op_answer_item(store_t *s, const char *assessment, const char *rec, const field_value *fv, int n,
                   const char *effective, const char *actor, const char *reason, arena_t *a, err_t *e);

/* Sign off ASSESSMENT/REC as assessor, with dissent (NULL or "" for none);
 * withdraw ends an earlier sign-off. */
int op_signoff(store_t *s, const char *assessment, const char *rec, const char *assessor, const char *dissent,
               int withdraw, const char *effective, const char *actor, const char *reason, arena_t *a, err_t *e);

#endif
