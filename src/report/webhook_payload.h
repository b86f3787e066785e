/* webhook_payload.h — the JSON body a webhook receiver gets for one
 * transaction of the log (docs/webhooks.md):
 *   {"event": "transaction", "tx", "recorded_at", "actor", "reason",
 *    "summary": "SSR1-6: In progress → Complete", "changes": [{"seq", "entity",
 *    "id", "field", "value", "effective_at", "reported_at"}], "omitted": N,
 *    "url": BASE/recs/ID | null}
 * Changes hidden from the public (core/visibility.h) are left out; at most
 * WEBHOOK_MAX_CHANGES go in one body and "omitted" counts the rest. */
#ifndef SSR_WEBHOOK_PAYLOAD_H
#define SSR_WEBHOOK_PAYLOAD_H

#include "store/store.h"

#define WEBHOOK_MAX_CHANGES 200

/* The body for the n changes of one transaction, in the arena; *out NULL
 * when none of them is public (nothing to send). base_url may be NULL. The
 * summary is the line pages and the feed show (core/tx_summary.h), its old
 * values read from s. */
int webhook_payload(store_t *s, store_vis *vis, const change_t *ch, size_t n, const char *base_url, arena_t *a, const char **out,
                    err_t *e);

#endif
