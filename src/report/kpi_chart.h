/* kpi_chart.h — the chart of one KPI, as an SVG element for pages: its
 * measurements as a line of points, the baseline point, the target as a
 * dashed level, the target date as a dashed upright, and the straight line
 * from the start to the target that the status rule measures against.
 * Pure: markup is appended to a buf_t; every text passes through %h. */
#ifndef SSR_KPI_CHART_H
#define SSR_KPI_CHART_H

#include "core/kpi.h"
#include "util/buf.h"

/* The scales of a chart: dates (days since 1970) across, values up. */
typedef struct {
    int width, height;               /* the whole SVG, px */
    int left, right, top, bottom;    /* the plot box inside it, px */
    int dated;                       /* 0: nothing carries a date (no date axis) */
    long day_min, day_max;
    double v_min, v_max;
} kpi_chart_frame;

/* Fit a frame of width x height (clamped to 200..2000 x 120..1200) around
 * the baseline, the target and the points, with some room above and below. */
void kpi_chart_fit(kpi_chart_frame *f, const kpi_spec *k, const kpi_point *m, size_t n,
                   int width, int height);
double kpi_chart_x(const kpi_chart_frame *f, const char *date);
double kpi_chart_y(const kpi_chart_frame *f, double value);

/* Append the chart as one <svg> element, titled "name (unit)". */
void kpi_chart_svg(buf_t *b, const char *name, const char *unit, const kpi_spec *k,
                   const kpi_point *m, size_t n, int width, int height);

#endif
