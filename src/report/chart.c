/* chart.c — see chart.h. */
#include "report/chart.h"

#include <stdio.h>
#include <string.h>

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
    /* Named by aria-label, not by an id: a page may hold several charts, and ids must be unique. */
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

/* The legend under chart_rows_svg's bars: each label once, in order of first
 * appearance, flowing over lines 360 units wide; returns the height used. */
static int rows_legend(buf_t *b, const chart_row *rows, size_t n, int counts, int y)
{
    const char *seen[32];
    size_t nseen = 0;
    int x = 0, h = 0;
    for (size_t r = 0; r < n; r++)
        for (size_t s = 0; s < rows[r].nseg; s++) {
            const chart_seg *g = &rows[r].seg[s];
            size_t k = 0;
            while (k < nseen && strcmp(seen[k], g->label) != 0) k++;
            if (k < nseen || !g->n || nseen == 32) continue;
            seen[nseen++] = g->label;
            char text[80];
            if (counts) snprintf(text, sizeof text, "%s %zu", g->label, g->n);
            else snprintf(text, sizeof text, "%s", g->label);
            int w = 22 + 7 * (int)strlen(text) + 10;
            if (x && x + w > 360) x = 0, h += 20;
            bfmt(b, "<rect x=\"%d\" y=\"%d\" width=\"13\" height=\"13\" fill=\"%s\" stroke=\"#666\" stroke-width=\"0.5\"/>"
                    "<text x=\"%d\" y=\"%d\">%h</text>\n", x, y + h, g->colour, x + 18, y + h + 11, text);
            x += w;
        }
    return nseen ? h + 20 : 0;
}

void chart_rows_svg(buf_t *b, const char *id, const char *title, const chart_row *rows, size_t n, int counts)
{
    const int width = 360, row_h = 26, bar_h = 18;
    int label_w = 0, note_w = 0;
    size_t max = 1;
    for (size_t r = 0; r < n; r++) {
        size_t total = 0;
        for (size_t s = 0; s < rows[r].nseg; s++) total += rows[r].seg[s].n;
        if (total > max) max = total;
        if (rows[r].label) label_w = 84;
        if (rows[r].note) note_w = 72;
    }
    int bar_w = width - label_w - note_w;
    buf_t body = BUF_INIT;
    for (size_t r = 0; r < n; r++) {
        int y = (int)r * row_h;
        if (rows[r].label) bfmt(&body, "<text x=\"0\" y=\"%d\">%h</text>\n", y + 14, rows[r].label);
        double x = label_w;
        for (size_t s = 0; s < rows[r].nseg; s++) {
            const chart_seg *g = &rows[r].seg[s];
            if (!g->n) continue;
            double w = (double)g->n * bar_w / (double)max;
            bfmt(&body, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" stroke=\"#fff\" "
                        "stroke-width=\"0.5\"><title>%h: %zu</title></rect>\n", x, y, w, bar_h, g->colour, g->label, g->n);
            x += w;
        }
        if (rows[r].note) bfmt(&body, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%h</text>\n", width, y + 14, rows[r].note);
    }
    int legend_y = (int)n * row_h + 4;
    int legend_h = rows_legend(&body, rows, n, counts, legend_y);
    bfmt(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars\" viewBox=\"0 0 %d %d\" role=\"img\" "
            "aria-labelledby=\"%h-t\"><title id=\"%h-t\">%h</title>\n<g font-size=\"13\" fill=\"#222\">",
         width, legend_y + legend_h, id, id, title);
    buf_append(b, buf_str(&body), body.len);
    buf_puts(b, "</g></svg>\n");
    buf_free(&body);
}
