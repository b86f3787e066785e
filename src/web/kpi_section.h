/* kpi_section.h — the KPIs of one rec, with a chart each, for its page. */
#ifndef SSR_KPI_SECTION_H
#define SSR_KPI_SECTION_H

#include "web/visible.h"

int kpi_section(web_req *w, const char *rec, const visibility *vis);

#endif
