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

/* Horizontal stacked bars that read on a 390 px phone: a 360-unit wide
 * drawing whose text is 13 units high, so it shows at about 13 px there.
 * One row per chart_row (its label on the left when any row has one, its
 * note on the right), each segment a count in a colour, all rows on one
 * scale (the largest row total); a legend of the segment labels below, with
 * their counts when `counts` is set (for a single row). id makes the
 * title's id unique on the page. All text is escaped. */
typedef struct {
    const char *label;        /* "Complete" */
    size_t n;
    const char *colour;       /* a CSS colour */
} chart_seg;

typedef struct {
    const char *label;        /* "2014-Q1", or NULL */
    const chart_seg *seg;
    size_t nseg;
    const char *note;         /* "9 done", or NULL */
} chart_row;

void chart_rows_svg(buf_t *b, const char *id, const char *title, const chart_row *rows, size_t n, int counts);

/* Colours of an assessment's verdicts, and of recs the Board rejected. */
#define CHART_FULL "#38a169"
#define CHART_PARTIAL "#ecc94b"
#define CHART_NOT "#e06666"
#define CHART_UNKNOWN "#c9ced6"
#define CHART_REJECTED "#ececec"

#endif
