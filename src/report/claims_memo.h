/* claims_memo.h — claims models kept for a run over a database that no one
 * writes meanwhile (the static export): each review's model is made once
 * and shared, read-only, by every page, report and table made of it, from
 * any thread. The server keeps none: its data changes under it.
 *
 * Memory: the memo owns the models it keeps, valid until claims_memo_free. */
#ifndef SSR_CLAIMS_MEMO_H
#define SSR_CLAIMS_MEMO_H

#include "report/claims_model.h"

typedef struct claims_memo claims_memo;

/* A new, empty memo; NULL when memory ran out. */
claims_memo *claims_memo_new(void);
void claims_memo_free(claims_memo *memo);

/* claims_load of a whole review (no only_rec). With memo, the model made
 * before for the same review, assessment, view and include_restricted, or
 * one made now and kept (in memo's memory; a failure is not kept); without
 * memo, claims_load's own (in a). */
int claims_load_kept(claims_memo *memo, store_t *s, const view_t *v, const char *review, const char *assessment,
                     int include_restricted, arena_t *a, claims_model *m, err_t *e);

#endif
