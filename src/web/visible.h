/* visible.h — what the person asking may see. Signed-in users see
 * everything; everyone else sees what the ledger's rule leaves public
 * (core/visibility.h): restricted things, and whatever belongs to them, are
 * left out of pages, feeds and the public API. */
#ifndef SSR_VISIBLE_H
#define SSR_VISIBLE_H

#include "web/web.h"

typedef struct {
    int all;          /* the user may see everything */
    store_vis *sv;    /* the rule, memoised, for everyone else */
} visibility;

/* Prepare for w; release with vis_free. */
int vis_load(web_req *w, visibility *v);
void vis_free(visibility *v);
/* 1 when the thing (kind name, id) is hidden from this user. Errors count
 * as hidden. */
int vis_is_hidden(const visibility *v, const char *kind, const char *id);
int vis_rec_hidden(const visibility *v, const char *rec);
/* Things of kind k read for a page in view: when the view is today's, their
 * values are the current ones, and the rule is decided from them here
 * rather than by a read of each row when vis_is_hidden first asks. -1 on a
 * read error (of an owner). */
int vis_known(const visibility *v, const view_t *view, const kind_def *k, const ent_t *things, size_t n);

#endif
