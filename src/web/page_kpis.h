/* page_kpis.h — KPIs as the web shows them: the list a user may see, and
 * the KPIs of one rec with a chart each, for its page. */
#ifndef SSR_WEB_PAGE_KPIS_H
#define SSR_WEB_PAGE_KPIS_H

#include "web/visible.h"

#include "report/kpi_view.h"

/* The KPIs in w's view that vis leaves visible (of the recs of review, when
 * not NULL), in natural id order; allocated in w's arena. */
int visible_kpis(web_req *w, const visibility *vis, const char *review, kpi_model **out, size_t *n);

int kpi_section(web_req *w, const char *rec, const visibility *vis);

#endif
