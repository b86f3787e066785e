/* transactions.h — the log read as transactions (docs/ledger.md, "Entry
 * versions"): the changes one command, form post, API call or import
 * committed together, newest first, each with what its summary needs (the
 * value each field had before, whether each thing is new: core/tx_summary.h).
 *
 * A transaction's changes are consecutive in seq (one writer at a time), and
 * its key (tx, the seq of its first change) grows with seq, so the newest
 * transactions are found by walking the log back from the head by seq: no
 * index beyond the primary key is needed.
 *
 * Memory: results are allocated in the caller's arena and live as long as it. */
#ifndef SSR_STORE_TRANSACTIONS_H
#define SSR_STORE_TRANSACTIONS_H

#include "core/tx_summary.h"
#include "store/store.h"

typedef struct {
    long long tx;          /* its key (core/tx_summary.h tx_key) */
    tx_change *ch;         /* the changes shown, in seq order */
    size_t n;
    long long total;       /* 0: ch holds all of it; else its rows in the log, of
                              which ch holds those among the first TX_ROWS_MAX */
} tx_entry;

/* The most rows of one transaction read (an import of a million changes is
 * summed up from its start, and the page says so). */
#define TX_ROWS_MAX 2000

/* 1 to show a change, 0 to leave it out (what the reader may not see). */
typedef int (*tx_keep_fn)(void *ctx, const change_t *c);

/* The newest `limit` transactions with key < before (0: no bound) that hold
 * a change in view v (effective by v->as_of; recorded by v->known_at when
 * given) kept by keep (NULL keeps all), newest first; each with those of
 * its changes only. A transaction of which nothing is kept is not counted.
 * Old values are looked up for transactions of at most TX_OLD_MAX changes
 * shown (an import's need none). *more is 1 when an older transaction would
 * be shown (a next page). One snapshot. */
#define TX_OLD_MAX 64
int store_transactions(store_t *s, const view_t *v, long long before, int limit, tx_keep_fn keep, void *ctx,
                       arena_t *a, tx_entry **out, size_t *n, int *more, err_t *e);

/* Fill ch[i].created (the thing has no change before the transaction of
 * ch[i].c) and, with want_old, ch[i].old (the value of the same field in force
 * at the change's effective date among earlier changes, NULL when none) from
 * the log, for n changes of any transactions; old values in the arena. */
int store_tx_context(store_t *s, tx_change *ch, size_t n, int want_old, arena_t *a, err_t *e);

#endif
