/* Tests of src/report/evidence_report.c: each format of `report evidence`,
 * and that hostile titles and URLs come out escaped. */
#include <jansson.h>

#include "test.h"
#include "report/evidence_report.h"

static const char *ev1[EV_NFIELDS] = {"rec", "SSR1-9", "https://a.example/x?a=1&b=\"2\"",
                                      "<img src=x onerror=alert(1)> | pipe", "web", "false"};
static const char *ev2[EV_NFIELDS] = {"milestone", "SSR1-9.1", "https://b.example/",
                                      "=cmd()", "document", "true"};

static void rows(ev_health r[2], ent_t e[2], link_check *c)
{
    e[0] = (ent_t){"E1", ev1, "2014-01-01", "2014-01-01", 1};
    e[1] = (ent_t){"E2", ev2, "2014-01-01", "2014-01-01", 2};
    *c = (link_check){"https://a.example/x?a=1&b=\"2\"", "2026-01-02T03:04:05.000000Z", "moved", 200,
                      "https://c.example/<new>", "ab", 10, 0, 1, NULL, NULL, "GET", 12, "",
                      "2026-01-02T03:04:05.000000Z"};
    r[0] = (ev_health){&e[0], c};
    r[1] = (ev_health){&e[1], NULL};
}

TEST(html_is_escaped_and_whole)
{
    ev_health r[2];
    ent_t e[2];
    link_check c;
    rows(r, e, &c);
    view_t v = {.as_of = "2026-01-02"};
    buf_t b = BUF_INIT;
    CHECK(ev_report_render(&b, r, 2, "html", &v, NULL) == 0);
    CHECK(buf_ok(&b));
    const char *s = buf_str(&b);
    CHECK(strncmp(s, "<!DOCTYPE html>", 15) == 0);
    CHECK(strstr(s, "</html>\n") != NULL);
    CHECK(strstr(s, "<img") == NULL);
    CHECK(strstr(s, "&lt;img src=x onerror=alert(1)&gt; | pipe") != NULL);
    CHECK(strstr(s, "href=\"https://a.example/x?a=1&amp;b=&quot;2&quot;\"") != NULL);
    CHECK(strstr(s, "moved to <a href=\"https://c.example/&lt;new&gt;\">") != NULL);
    CHECK(strstr(s, "content changed") != NULL);
    CHECK(strstr(s, "1 ok") == NULL && strstr(s, "0 ok, 1 moved") != NULL);
    CHECK(strstr(s, "<link") == NULL && strstr(s, "<script") == NULL);   /* self-contained */
    buf_free(&b);
}

TEST(markdown_csv_json)
{
    ev_health r[2];
    ent_t e[2];
    link_check c;
    rows(r, e, &c);
    view_t v = {.as_of = "2026-01-02"};
    buf_t b = BUF_INIT;
    CHECK(ev_report_render(&b, r, 2, "md", &v, NULL) == 0);
    CHECK(strstr(buf_str(&b), "\\<img src=x onerror=alert(1)\\> \\| pipe") != NULL);
    CHECK(strstr(buf_str(&b), "| E2 | milestone SSR1-9.1 |") != NULL);
    CHECK(strstr(buf_str(&b), "| unchecked |") != NULL);
    buf_free(&b);

    CHECK(ev_report_render(&b, r, 2, "csv", &v, NULL) == 0);
    const char *s = buf_str(&b);
    CHECK(strncmp(s, "id,target_kind,target,title,kind,url,restricted,health,", 55) == 0);
    CHECK(strstr(s, "\"https://a.example/x?a=1&b=\"\"2\"\"\"") != NULL);
    CHECK(strstr(s, ",\"'=cmd()\",") != NULL);            /* no formula */
    CHECK(strstr(s, ",moved,200,https://c.example/<new>,true,") != NULL);
    buf_free(&b);

    CHECK(ev_report_render(&b, r, 2, "json", &v, NULL) == 0);
    json_error_t je;
    json_t *j = json_loads(buf_str(&b), 0, &je);
    CHECK(j != NULL);
    json_t *arr = json_object_get(j, "evidence");
    CHECK_INT(json_array_size(arr), 2);
    CHECK_STR(json_string_value(json_object_get(json_array_get(arr, 0), "title")), ev1[EV_TITLE]);
    CHECK_STR(json_string_value(json_object_get(json_array_get(arr, 0), "health")), "moved");
    CHECK(json_is_true(json_object_get(json_array_get(arr, 1), "restricted")));
    CHECK(json_is_null(json_object_get(json_array_get(arr, 1), "checked_at")));
    CHECK_INT(json_integer_value(json_object_get(json_object_get(j, "summary"), "unchecked")), 1);
    CHECK(strstr(buf_str(&b), "<img") == NULL);
    json_decref(j);
    buf_free(&b);
    CHECK(ev_report_render(&b, r, 2, "pdf", &v, NULL) != 0);
    buf_free(&b);
}

int main(void)
{
    RUN(html_is_escaped_and_whole);
    RUN(markdown_csv_json);
    TEST_EXIT();
}
