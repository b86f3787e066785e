/* recent.h — a table of changes (newest first) as pages show them: what
 * changed, when it took effect, when it was recorded, by whom and why. */
#ifndef SSR_RECENT_H
#define SSR_RECENT_H

#include "web/visible.h"

/* The `limit` newest visible changes with seq < before (0: the newest),
 * effective on or before the view's date. *last gets the smallest seq shown
 * (for paging; may be NULL). */
int recent_changes_page(web_req *w, const visibility *vis, long long before, int limit, long long *last);
#define recent_changes(w, vis, before, limit) recent_changes_page(w, vis, before, limit, NULL)

/* The page of the thing a change is about, e.g. /recs/SSR1-9 (escaped). */
void change_target(web_req *w, buf_t *b, const change_t *c);
/* 1 when the change is about something hidden. */
int change_hidden(const visibility *vis, const change_t *c);

#endif
