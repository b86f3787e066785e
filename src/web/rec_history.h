/* rec_history.h — the History section of a rec's page: one entry per
 * transaction that shaped the rec (its own changes, its milestones', its
 * relations', its verification's), newest first, in words, with the
 * field-level detail folded (web/recent.h). */
#ifndef SSR_REC_HISTORY_H
#define SSR_REC_HISTORY_H

#include "web/visible.h"

/* Append the section for rec from its history (store_history, seq order):
 * changes in effect after the view's date are counted, not shown; those of
 * hidden milestones and relations are left out. Returns 0, or -1 with
 * w->err set when memory runs out. */
int rec_history(web_req *w, const visibility *vis, const char *rec, const change_t *hist, size_t nhist);

#endif
