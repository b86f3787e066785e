/* page_comments.h — the discussion section of a rec's page and the Watch
 * button of rec, review and assessment pages (web/page_comments.c). */
#ifndef SSR_PAGE_COMMENTS_H
#define SSR_PAGE_COMMENTS_H

#include "web/visible.h"
#include "web/web.h"

/* The comments on rec and its milestones ms (hidden ones left out), and a
 * form for a signed-in user; -1 with w->err on a read error. */
int comments_section(web_req *w, const visibility *vis, const char *rec, const ent_t *ms, size_t nms);

/* The comments on one assessment item (which the caller shows, so may be
 * seen) and the form, folded in a <details> whose summary counts them; -1
 * with w->err on a read error. */
int item_comments(web_req *w, const char *item);

/* A Watch (or Stop watching) button for a signed-in user; nothing otherwise. */
void watch_button(web_req *w, const char *kind, const char *id);

#endif
