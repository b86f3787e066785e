/* visible.h — what the person asking may see. Restricted recs, milestones
 * and evidence (and the milestones, evidence, links and assessment items of
 * a restricted rec) are hidden from everyone but signed-in users; hidden
 * things' changes are left out of pages, feeds and the public API. */
#ifndef SSR_VISIBLE_H
#define SSR_VISIBLE_H

#include "util/map.h"
#include "web/web.h"

typedef struct {
    int all;          /* the user may see everything */
    map_t *hidden;    /* "kind\tid" of hidden things */
} visibility;

/* Work out what is hidden now for w; release with vis_free. */
int vis_load(web_req *w, visibility *v);
void vis_free(visibility *v);
int vis_hidden(const visibility *v, const char *kind, const char *id);
/* Is the rec hidden (by id)? */
int vis_rec_hidden(const visibility *v, const char *rec);

#endif
