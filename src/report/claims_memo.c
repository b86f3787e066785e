/* claims_memo.c — see claims_memo.h. The models are few (one per review and
 * assessment asked), so they are kept in a list searched in order; one lock
 * covers the search and the making, so two threads asking for the same
 * model make it once. */
#include "report/claims_memo.h"

#include <pthread.h>
#include <string.h>

#include "util/alloc.h"

typedef struct kept {
    struct kept *next;
    const char *review, *assessment;   /* as asked; assessment may be NULL */
    view_t view;
    int include_restricted;
    claims_model model;
} kept;

struct claims_memo {
    pthread_mutex_t lock;
    arena_t *a;   /* the kept models and their keys */
    kept *list;
};

claims_memo *claims_memo_new(void)
{
    claims_memo *memo = mem_calloc(1, sizeof *memo);
    if (!memo) return NULL;
    if (!(memo->a = arena_new())) {
        mem_free(memo);
        return NULL;
    }
    pthread_mutex_init(&memo->lock, NULL);
    return memo;
}

void claims_memo_free(claims_memo *memo)
{
    if (!memo) return;
    pthread_mutex_destroy(&memo->lock);
    arena_free(memo->a);
    mem_free(memo);
}

static int same_text(const char *x, const char *y) { return x == y || (x && y && strcmp(x, y) == 0); }

static int same_view(const view_t *x, const view_t *y)
{
    return strcmp(x->as_of, y->as_of) == 0 && strcmp(x->known_at, y->known_at) == 0 && x->max_seq == y->max_seq &&
           x->current == y->current;
}

int claims_load_kept(claims_memo *memo, store_t *s, const view_t *v, const char *review, const char *assessment,
                     int include_restricted, arena_t *a, claims_model *m, err_t *e)
{
    if (!memo) return claims_load(s, v, review, assessment, NULL, include_restricted, a, m, e);
    pthread_mutex_lock(&memo->lock);
    int rc = 0;
    kept *k = memo->list;
    while (k && !(same_text(k->review, review) && same_text(k->assessment, assessment) &&
                  same_view(&k->view, v) && k->include_restricted == include_restricted))
        k = k->next;
    if (!k) {
        /* A failed load leaves its bytes in the memo's arena: few, and freed with it. */
        kept *nk = arena_alloc(memo->a, sizeof *nk);
        if (!nk) rc = err_nomem(e);
        else {
            *nk = (kept){memo->list, arena_strdup(memo->a, review), assessment ? arena_strdup(memo->a, assessment) : NULL,
                         *v, include_restricted, {0}};
            if (!nk->review || (assessment && !nk->assessment)) rc = err_nomem(e);
            else rc = claims_load(s, v, review, assessment, NULL, include_restricted, memo->a, &nk->model, e);
            if (rc == 0) memo->list = k = nk;
        }
    }
    if (rc == 0) *m = k->model;
    pthread_mutex_unlock(&memo->lock);
    return rc;
}
