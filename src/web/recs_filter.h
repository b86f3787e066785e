/* recs_filter.h — the filters of /recs and /api/v1/recs: review, topic,
 * status, owner, overdue, and a search over titles and text. */
#ifndef SSR_RECS_FILTER_H
#define SSR_RECS_FILTER_H

#include "web/visible.h"

typedef struct {
    const char *review, *topic, *status, *owner, *q;
    int overdue;
} recs_filter;

/* Read the filters from the query; an unknown status is ERR_INPUT. */
int recs_filter_parse(web_req *w, recs_filter *f);
/* The visible recs of the view that pass the filters, in natural order. */
int recs_filter_apply(web_req *w, const visibility *vis, const recs_filter *f, ent_t **out, size_t *n);
/* One sentence saying what the list holds ("3 recommendations of review
 * SSR1, In progress"), for the static export, which has no filter form. */
void recs_filter_describe(web_req *w, const recs_filter *f, size_t n);
/* Links to the filtered list as CSV and XLSX (web/recs_download.c). */
void recs_download_links(web_req *w, const recs_filter *f);

#endif
