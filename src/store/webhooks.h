/* webhooks.h — the receivers of webhooks, their deliveries and every
 * attempt (docs/webhooks.md). A delivery is one transaction of the log for
 * one receiver: its body is made once, when it is queued, and sent the same
 * on every retry. Operational tables, not part of the change log. Each
 * write is one transaction of its own, short: no network inside.
 *
 * Memory: results are allocated in the caller's arena. */
#ifndef SSR_STORE_WEBHOOKS_H
#define SSR_STORE_WEBHOOKS_H

#include "store/store.h"

#define WEBHOOK_MAX_ATTEMPTS 8

typedef struct {
    long long id;
    const char *url, *secret, *created_at;
    int allow_private, active;
    long long last_seq;               /* changes after this are not queued yet */
    long long pending, delivered, failed;
} webhook_row;

/* A new receiver, told of transactions committed from now on. */
int webhooks_add(store_t *s, const char *url, const char *secret, int allow_private, long long *id, err_t *e);
/* Stop one (ERR_NOTFOUND when there is no active one of that id); its
 * pending deliveries are cancelled. The record stays. */
int webhooks_remove(store_t *s, long long id, err_t *e);
/* Every receiver, active or not, by id; with active_only, only the active. */
int webhooks_list(store_t *s, int active_only, arena_t *a, webhook_row **out, size_t *n, err_t *e);

typedef struct {
    long long tx;
    const char *delivery;   /* its id, sent as X-Ssrtrack-Delivery */
    const char *body;       /* NULL: nothing public in it, nothing to send */
} webhook_new;

/* Queue deliveries for hook and move its last_seq from old_seq to new_seq,
 * in one transaction; 0 without effect when another process moved it
 * first (it queued the same). now_ms: when they are due. */
int webhooks_enqueue(store_t *s, long long hook, long long old_seq, long long new_seq, const webhook_new *d, size_t n,
                     long long now_ms, err_t *e);

typedef struct {
    long long id, hook, tx;
    const char *delivery, *body, *state, *last_error, *created_at, *done_at;
    const char *url, *secret;
    int allow_private;
    long long attempts, next_at, last_status;
} delivery_row;

/* Pending deliveries due by now_ms, oldest first, at most limit. */
int webhooks_due(store_t *s, long long now_ms, int limit, arena_t *a, delivery_row **out, size_t *n, err_t *e);
/* Deliveries of hook (0: all), newest first, at most limit. */
int webhooks_deliveries(store_t *s, long long hook, int limit, arena_t *a, delivery_row **out, size_t *n, err_t *e);

/* Record one attempt: delivered (error NULL), or failed and due again at
 * next_ms (0: no more tries, the delivery has failed). */
int webhooks_attempted(store_t *s, long long delivery, long long http_status, const char *error, long long elapsed_ms,
                       long long next_ms, err_t *e);

#endif
