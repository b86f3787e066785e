/* chart.h — SVG charts drawn by us (no scripts, no external resources):
 * a stacked bar per quarter of recs by status. All text is escaped. */
#ifndef SSR_CHART_H
#define SSR_CHART_H

#include <stddef.h>

#include "core/status.h"
#include "util/buf.h"

typedef struct {
    char label[8];            /* "2014-Q1" */
    char end[11];             /* the quarter's last day */
    size_t count[ST_COUNT];   /* recs by status on that day */
} quarter_counts;

/* Fill colour of a status (a CSS colour). */
const char *chart_status_colour(status_t s);

/* Append an <svg> of the quarters (n >= 1); title is its accessible name. */
void chart_quarters_svg(buf_t *b, const quarter_counts *q, size_t n, const char *title);

#endif
