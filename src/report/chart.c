/* chart.c — see chart.h. */
#include "report/chart.h"

#include "util/fmt.h"

const char *chart_status_colour(status_t s)
{
    static const char *const colours[ST_COUNT] = {
        "#c9ced6", "#9fc5e8", "#f6b26b", "#38a169", "#2f855a", "#a0a0a0",
    };
    return (unsigned)s < ST_COUNT ? colours[s] : "#000";
}

void chart_quarters_svg(buf_t *b, const quarter_counts *q, size_t n, const char *title)
{
    const int left = 40, top = 10, plot_h = 180, bar_gap = 4, legend_h = 40;
    int bar_w = n > 40 ? 8 : n > 20 ? 14 : 22;
    int width = left + (int)n * (bar_w + bar_gap) + 50;   /* room for the last, slanted label */
    if (width < 360) width = 360;
    int height = top + plot_h + 30 + legend_h;
    size_t max = 1;
    for (size_t i = 0; i < n; i++) {
        size_t total = 0;
        for (int s = 0; s < ST_COUNT; s++) total += q[i].count[s];
        if (total > max) max = total;
    }
    bfmt(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" "
            "width=\"100%%\" role=\"img\" aria-label=\"%h\"><title>%h</title>\n",
         width, height, title, title);
    /* Axis: 0 and the maximum. */
    bfmt(b, "<g font-size=\"11\" fill=\"#444\"><text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>"
            "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%zu</text></g>\n",
         left - 6, top + plot_h, left - 6, top + 10, max);
    bfmt(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n", left, top + plot_h,
         width - 5, top + plot_h);
    for (size_t i = 0; i < n; i++) {
        int x = left + bar_gap + (int)i * (bar_w + bar_gap);
        double y = top + plot_h;
        for (int s = 0; s < ST_COUNT; s++) {
            if (!q[i].count[s]) continue;
            double h = (double)q[i].count[s] * plot_h / (double)max;
            y -= h;
            bfmt(b, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%h %h: %zu</title></rect>\n",
                 x, y, bar_w, h, chart_status_colour((status_t)s), q[i].label, status_label((status_t)s), q[i].count[s]);
        }
        /* Label every quarter when there is room, else every fourth. */
        if (n <= 12 || i % 4 == 0)
            bfmt(b, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#444\" transform=\"rotate(45 %d %d)\">%h</text>\n",
                 x, top + plot_h + 12, x, top + plot_h + 12, q[i].label);
    }
    int lx = left, ly = top + plot_h + 42;
    for (int s = 0; s < ST_COUNT; s++) {
        bfmt(b, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" "
                "font-size=\"11\" fill=\"#222\">%h</text>\n",
             lx, ly, chart_status_colour((status_t)s), lx + 14, ly + 9, status_label((status_t)s));
        lx += 95;
        if (lx > width - 90) { lx = left; ly += 16; }
    }
    buf_puts(b, "</svg>\n");
}
