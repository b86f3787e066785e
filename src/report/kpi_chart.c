/* kpi_chart.c — see kpi_chart.h. */
#include "report/kpi_chart.h"

#include <stdio.h>
#include <string.h>

#include "util/date.h"
#include "util/fmt.h"

static int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

typedef struct { int any; double lo, hi; } range;

static void take(range *r, double v)
{
    if (!r->any || v < r->lo) r->lo = v;
    if (!r->any || v > r->hi) r->hi = v;
    r->any = 1;
}

void kpi_chart_fit(kpi_chart_frame *f, const kpi_spec *k, const kpi_point *m, size_t n,
                   int width, int height)
{
    memset(f, 0, sizeof *f);
    f->width = clamp(width, 200, 2000);
    f->height = clamp(height, 120, 1200);
    f->left = 64;
    f->right = f->width - 16;
    f->top = 16;
    f->bottom = f->height - 28;
    range days = {0}, values = {0};
    for (size_t i = 0; i < n; i++) {
        take(&days, (double)date_to_days(m[i].date));
        take(&values, m[i].value);
    }
    if (k->has_baseline) {
        if (k->baseline.date) take(&days, (double)date_to_days(k->baseline.date));
        take(&values, k->baseline.value);
    }
    if (k->has_target) {
        if (k->target.date) take(&days, (double)date_to_days(k->target.date));
        take(&values, k->target.value);
    }
    long d0 = (long)days.lo, d1 = (long)days.hi;
    double v0 = values.lo, v1 = values.hi;
    f->dated = days.any;
    if (d1 <= d0) { d0 -= 30; d1 += 30; }
    double pad = (v1 - v0) * 0.1;
    if (pad <= 0) pad = v0 != 0 ? (v0 < 0 ? -v0 : v0) * 0.1 : 1;
    f->day_min = d0;
    f->day_max = d1;
    f->v_min = v0 - pad;
    f->v_max = v1 + pad;
}

double kpi_chart_x(const kpi_chart_frame *f, const char *date)
{
    double t = (double)(date_to_days(date) - f->day_min) / (double)(f->day_max - f->day_min);
    return f->left + t * (f->right - f->left);
}

double kpi_chart_y(const kpi_chart_frame *f, double value)
{
    double t = (value - f->v_min) / (f->v_max - f->v_min);
    return f->bottom - t * (f->bottom - f->top);
}

/* A value as short text ("40", "99.5"). */
static const char *num(char *out, size_t size, double v)
{
    snprintf(out, size, "%.6g", v);
    return out;
}

void kpi_chart_svg(buf_t *b, const char *name, const char *unit, const kpi_spec *k,
                   const kpi_point *m, size_t n, int width, int height)
{
    kpi_chart_frame f;
    kpi_chart_fit(&f, k, m, n, width, height);
    char t1[32], t2[32], d[DATE_SIZE];
    bfmt(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kpi-chart\" viewBox=\"0 0 %d %d\""
            " width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%h (%h)\">\n"
            "<title>%h (%h)</title>\n",
         f.width, f.height, f.width, f.height, name, unit, name, unit);
    /* Axes and their end labels. */
    bfmt(b, "<g font-family=\"sans-serif\" font-size=\"11\" fill=\"#333\">\n"
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n"
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n",
         f.left, f.top, f.left, f.bottom, f.left, f.bottom, f.right, f.bottom);
    bfmt(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%h</text>\n"
            "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%h</text>\n",
         f.left - 4, f.top + 4, num(t1, sizeof t1, f.v_max), f.left - 4, f.bottom, num(t2, sizeof t2, f.v_min));
    if (f.dated) {
        date_from_days(f.day_min, d);
        bfmt(b, "<text x=\"%d\" y=\"%d\">%h</text>\n", f.left, f.height - 8, d);
        date_from_days(f.day_max, d);
        bfmt(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%h</text>\n", f.right, f.height - 8, d);
    }
    bfmt(b, "<text x=\"4\" y=\"%d\">%h</text>\n</g>\n", f.top + (f.bottom - f.top) / 2, unit);

    if (k->has_target) {
        double y = kpi_chart_y(&f, k->target.value);
        bfmt(b, "<line class=\"target\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#1a7f37\""
                " stroke-dasharray=\"6 4\"><title>target %h</title></line>\n",
             f.left, y, f.right, y, num(t1, sizeof t1, k->target.value));
        if (k->target.date) {
            double x = kpi_chart_x(&f, k->target.date);
            bfmt(b, "<line class=\"target-date\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#1a7f37\""
                    " stroke-dasharray=\"2 4\"><title>target date %h</title></line>\n",
                 x, f.top, x, f.bottom, k->target.date);
            const kpi_point *start = k->has_baseline && k->baseline.date ? &k->baseline : n ? &m[0] : NULL;
            if (start && strcmp(start->date, k->target.date) < 0)
                bfmt(b, "<line class=\"plan\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\""
                        " stroke-dasharray=\"1 3\"/>\n",
                     kpi_chart_x(&f, start->date), kpi_chart_y(&f, start->value), x, y);
        }
    }
    if (k->has_baseline && k->baseline.date)
        bfmt(b, "<rect class=\"baseline\" x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"#555\">"
                "<title>baseline %h on %h</title></rect>\n",
             kpi_chart_x(&f, k->baseline.date) - 4, kpi_chart_y(&f, k->baseline.value) - 4,
             num(t1, sizeof t1, k->baseline.value), k->baseline.date);
    if (n) {
        buf_puts(b, "<polyline class=\"measurements\" fill=\"none\" stroke=\"#0b57d0\" stroke-width=\"2\" points=\"");
        for (size_t i = 0; i < n; i++)
            bfmt(b, "%s%.1f,%.1f", i ? " " : "", kpi_chart_x(&f, m[i].date), kpi_chart_y(&f, m[i].value));
        buf_puts(b, "\"/>\n");
        for (size_t i = 0; i < n; i++)
            bfmt(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#0b57d0\"><title>%h: %h %h</title></circle>\n",
                 kpi_chart_x(&f, m[i].date), kpi_chart_y(&f, m[i].value), m[i].date,
                 num(t1, sizeof t1, m[i].value), unit);
    } else {
        bfmt(b, "<text x=\"%d\" y=\"%d\" font-family=\"sans-serif\" font-size=\"12\" fill=\"#666\">"
                "no measurement yet</text>\n", f.left + 8, f.top + 16);
    }
    buf_puts(b, "</svg>\n");
}
