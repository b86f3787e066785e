/* test_etag.c — validators and the 304 rule (web/etag.c). */
#include "test.h"
#include "web/etag.h"

TEST(etags)
{
    char a[ETAG_SIZE], b[ETAG_SIZE], gz[ETAG_SIZE];
    etag_make("hello", 5, NULL, a);
    etag_make("hellO", 5, NULL, b);
    etag_make("hello", 5, "-gz", gz);
    CHECK(strcmp(a, b) != 0);
    CHECK_INT(strlen(a), 34);
    CHECK(a[0] == '"' && a[33] == '"');
    CHECK(strncmp(a, gz, 33) == 0 && strcmp(gz + 33, "-gz\"") == 0);
    CHECK(etag_match(a, a));
    CHECK(etag_match("*", a));
    char list[200];
    snprintf(list, sizeof list, "\"x\", W/%s", a);
    CHECK(etag_match(list, a));
    CHECK(!etag_match(list, b));
    CHECK(!etag_match("", a));
    CHECK(!etag_match("\"unterminated", a));
}

TEST(http_dates)
{
    char d[HTTP_DATE_SIZE];
    http_date(784111777, d);
    CHECK_STR(d, "Sun, 06 Nov 1994 08:49:37 GMT");
    long long t;
    CHECK(http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT", &t) == 0 && t == 784111777);
    CHECK(http_date_parse("Sunday, 06-Nov-94 08:49:37 GMT", &t) == 0 && t == 784111777);
    CHECK(http_date_parse("Sun Nov  6 08:49:37 1994", &t) == 0 && t == 784111777);
    CHECK(http_date_parse("yesterday", &t) == -1);
    CHECK(http_date_parse("Sun, 06 Foo 1994 08:49:37 GMT", &t) == -1);
    CHECK(http_date_parse("Sun, 06 Nov 1994 08:49:37 CET", &t) == -1);
}

TEST(not_modified_rule)
{
    const char *tag = "\"abc\"";
    long long lm = 784111777;
    CHECK(etag_not_modified("\"abc\"", NULL, tag, lm));
    CHECK(!etag_not_modified("\"abd\"", "Sun, 06 Nov 1994 08:49:37 GMT", tag, lm));  /* If-None-Match decides */
    CHECK(etag_not_modified(NULL, "Sun, 06 Nov 1994 08:49:37 GMT", tag, lm));
    CHECK(!etag_not_modified(NULL, "Sun, 06 Nov 1994 08:49:36 GMT", tag, lm));
    CHECK(!etag_not_modified(NULL, "garbage", tag, lm));
    CHECK(!etag_not_modified(NULL, NULL, tag, lm));
}

int main(void)
{
    RUN(etags);
    RUN(http_dates);
    RUN(not_modified_rule);
    TEST_EXIT();
}
