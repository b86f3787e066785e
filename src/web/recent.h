/* recent.h — changes as pages show them: one entry per transaction (what
 * one command, form post, API call or import did), a line in words
 * (core/tx_summary.h) linked to the thing it is about, when it was recorded
 * and took effect, by whom and why, and the field-level detail folded in a
 * <details> element. The log itself stays field by field (/ledger). */
#ifndef SSR_RECENT_H
#define SSR_RECENT_H

#include "store/transactions.h"
#include "web/visible.h"

/* The `limit` newest transactions with key < before (0: the newest) that
 * hold a change the reader may see, effective by the view's date, as a
 * timeline. *next gets the key to ask for the next page, 0 when there is
 * none (may be NULL). */
int recent_transactions(web_req *w, const visibility *vis, long long before, int limit, long long *next);
#define recent_changes(w, vis, before, limit) recent_transactions(w, vis, before, limit, NULL)

/* Read the transactions for a reader (visibility applied), as above. */
int recent_read(web_req *w, const visibility *vis, long long before, int limit, tx_entry **out, size_t *n, int *more);

/* One entry of a timeline: <li> with the summary (linked to its thing's
 * page when link is 1), its times, actor and reason, and its detail (at
 * most max changes). total: tx_entry's (non-zero: the summary is of the
 * transaction's start, and says so). */
void tx_entry_html(web_req *w, buf_t *b, const tx_change *ch, size_t n, long long total, int max, int link);

/* The detail of n changes as a table, at most max rows (then how many more). */
void tx_detail_html(web_req *w, buf_t *b, const tx_change *ch, size_t n, int max);

/* The page a transaction's line links to (path, %t-escaped ids), or "" when
 * its changes are about things on several pages. about: tx_summary's. */
void tx_target(web_req *w, buf_t *b, const tx_change *ch, size_t n, int about);

/* Why the changes were made: the reason of the first that is not the record
 * of a source document (an import records its file with a reason of its own). */
const char *tx_reason(const tx_change *ch, size_t n);

/* The page of the thing a change is about, e.g. /recs/SSR1-9 (escaped). */
void change_target(web_req *w, buf_t *b, const change_t *c);
/* 1 when the change is about something hidden. */
int change_hidden(const visibility *vis, const change_t *c);

#endif
