/* webhook_sender.h — delivering webhooks (docs/webhooks.md): queue one
 * delivery per receiver for each transaction committed since it was last
 * asked, then POST what is due (net/webhook.h), recording every attempt and
 * retrying with backoff. Writers never wait for any of it: they only commit;
 * the sender finds their transactions in the log afterwards, from its own
 * connection, and holds no transaction while it talks to a receiver.
 *
 * The running server delivers from a thread of its own (webhook_sender_start
 * and _stop, called once each by server_run); without a server,
 * `ssrtrack webhook deliver` runs webhook_sender_pump once (for cron). */
#ifndef SSR_WEBHOOK_SENDER_H
#define SSR_WEBHOOK_SENDER_H

#include <stdio.h>

#include "store/store.h"

#define WEBHOOK_TIMEOUT_MS 10000
#define WEBHOOK_FIRST_RETRY_MS 10000   /* then 3 times longer each time */

typedef struct {
    long queued;       /* deliveries queued */
    long delivered;    /* attempts answered 2xx */
    long retrying;     /* failed attempts to be tried again */
    long failed;       /* deliveries given up after their last attempt */
} webhook_stats;

/* The wait before attempt number `attempt` + 1, after `attempt` failed ones:
 * WEBHOOK_FIRST_RETRY_MS * 3^(attempt-1); 0 once WEBHOOK_MAX_ATTEMPTS were made. */
long long webhook_backoff_ms(long long attempt);

/* One round on s (read-write): queue, then attempt what is due now. A
 * non-zero *stop ends it early. Each attempt's line goes to log when not NULL. */
int webhook_sender_pump(store_t *s, const volatile int *stop, FILE *log, webhook_stats *st, err_t *e);

/* The server's sender thread, on its own connection to db_path, every
 * second; start returns -1 with e when the thread cannot start. */
int webhook_sender_start(const char *db_path, err_t *e);
/* Stop it: an attempt in progress is aborted; returns when the thread has ended. */
void webhook_sender_stop(void);

#endif
