/* Tests of src/report/kpi_chart.c: scales, the parts of the chart, and
 * escaping of every text in the markup. */
#include "test.h"
#include "report/kpi_chart.h"

TEST(frame_fits_everything)
{
    kpi_spec k = {KPI_UP, FREQ_NONE, 1, {40, "2014-01-01"}, 1, {80, "2016-01-01"}};
    kpi_point m[] = {{50, "2014-07-01"}, {90, "2016-06-01"}};
    kpi_chart_frame f;
    kpi_chart_fit(&f, &k, m, 2, 600, 300);
    CHECK_INT(f.width, 600);
    CHECK_INT(f.height, 300);
    CHECK(f.dated);
    CHECK_INT(f.day_min, date_to_days("2014-01-01"));
    CHECK_INT(f.day_max, date_to_days("2016-06-01"));
    CHECK(f.v_min < 40 && f.v_max > 90);
    CHECK(kpi_chart_x(&f, "2014-01-01") == f.left);
    CHECK(kpi_chart_x(&f, "2016-06-01") == f.right);
    CHECK(kpi_chart_y(&f, 90) < kpi_chart_y(&f, 40));   /* up is up */
    CHECK(kpi_chart_y(&f, 40) < f.bottom && kpi_chart_y(&f, 90) > f.top);
    kpi_chart_fit(&f, &k, m, 2, 5, 99999);             /* clamped */
    CHECK_INT(f.width, 200);
    CHECK_INT(f.height, 1200);
    /* One lonely value still gets a range. */
    kpi_spec bare = {KPI_UP, FREQ_NONE, 0, {0, NULL}, 0, {0, NULL}};
    kpi_point one[] = {{7, "2020-05-05"}};
    kpi_chart_fit(&f, &bare, one, 1, 400, 200);
    CHECK(f.day_max > f.day_min && f.v_max > f.v_min);
}

TEST(svg_parts_and_escaping)
{
    kpi_spec k = {KPI_DOWN, FREQ_NONE, 1, {30, "2014-01-01"}, 1, {10, "2015-01-01"}};
    kpi_point m[] = {{25, "2014-04-01"}, {20, "2014-07-01"}};
    buf_t b = BUF_INIT;
    kpi_chart_svg(&b, "Incidents <script>alert(1)</script>", "count & \"more\"", &k, m, 2, 500, 250);
    CHECK(buf_ok(&b));
    const char *s = buf_str(&b);
    static const char head[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"";
    CHECK(strncmp(s, head, sizeof head - 1) == 0);
    CHECK(strstr(s, "</svg>\n") != NULL);
    CHECK(strstr(s, "<script>") == NULL);
    CHECK(strstr(s, "Incidents &lt;script&gt;alert(1)&lt;/script&gt; (count &amp; &quot;more&quot;)") != NULL);
    CHECK(strstr(s, "class=\"target\"") != NULL);
    CHECK(strstr(s, "class=\"target-date\"") != NULL);
    CHECK(strstr(s, "class=\"plan\"") != NULL);
    CHECK(strstr(s, "class=\"baseline\"") != NULL);
    CHECK(strstr(s, "<title>baseline 30 on 2014-01-01</title>") != NULL);
    CHECK(strstr(s, "<title>2014-07-01: 20 count &amp; &quot;more&quot;</title>") != NULL);
    CHECK(strstr(s, "class=\"measurements\"") != NULL);
    buf_free(&b);
    /* Nothing measured: the chart says so, and draws no line. */
    kpi_chart_svg(&b, "K", "u", &k, m, 0, 500, 250);
    CHECK(strstr(buf_str(&b), "no measurement yet") != NULL);
    CHECK(strstr(buf_str(&b), "polyline") == NULL);
    buf_free(&b);
}

int main(void)
{
    RUN(frame_fits_everything);
    RUN(svg_parts_and_escaping);
    TEST_EXIT();
}
