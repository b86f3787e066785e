/* Tests of src/web/http.c: reading a raw request (the `ssrtrack http` mode). */
#include "test.h"
#include "web/http.h"

static arena_t *a;
static http_request r;
static err_t e;

static int parse(const char *raw, size_t n) { return http_parse_raw(a, raw, n, &r, &e); }

TEST(a_request)
{
    static const char raw[] = "POST /recs/SSR1-9/status?as_of=2014-03-18 HTTP/1.1\r\nHost: h\r\n"
                              "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 8\r\n\r\n"
                              "status=c";
    CHECK(parse(raw, sizeof raw - 1) == 0);
    CHECK_STR(r.method, "POST");
    CHECK_STR(r.path, "/recs/SSR1-9/status");
    CHECK_STR(http_param(&r, "as_of"), "2014-03-18");
    CHECK_STR(http_header(&r, "content-type"), "application/x-www-form-urlencoded");
    CHECK_INT(r.body_len, 8);
    CHECK(memcmp(r.body, "status=c", 8) == 0);
}

/* A NUL in the head cut the copied name, value or path short: a header
 * whose name began with one became a header with an empty name (found by
 * tests/fuzz/fuzz_http_request.c). An empty method was taken too. */
TEST(refused)
{
    static const char nul_name[] = "GET / HTTP/1.1\r\nHost: h\r\n\0x: 1\r\n\r\n";
    CHECK(parse(nul_name, sizeof nul_name - 1) == -1);
    CHECK_INT(e.code, ERR_INPUT);
    static const char nul_path[] = "GET /recs\0/x HTTP/1.1\r\n\r\n";
    CHECK(parse(nul_path, sizeof nul_path - 1) == -1);
    static const char no_method[] = " / HTTP/1.1\r\n\r\n";
    CHECK(parse(no_method, sizeof no_method - 1) == -1);
    /* A NUL in the body is only data. */
    static const char nul_body[] = "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\na\0b";
    CHECK(parse(nul_body, sizeof nul_body - 1) == 0);
    CHECK_INT(r.body_len, 3);
}

/* Counts in parameters: digits only, at most 18 (a value strtoll saturates
 * at LLONG_MAX made start + 999 overflow: found by fuzz_web). */
/* Framing two readers could disagree on (request smuggling), and targets
 * whose decoded form holds a NUL or a control character. */
TEST(framing_and_targets)
{
    static const char two_cl[] = "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab";
    CHECK(parse(two_cl, sizeof two_cl - 1) == -1);
    static const char te_cl[] = "POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    CHECK(parse(te_cl, sizeof te_cl - 1) == -1);
    static const char te[] = "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nabc";
    CHECK(parse(te, sizeof te - 1) == -1);
    CHECK(http_target_clean(a, "/recs/SSR1-9", NULL, 0) == 1);
    CHECK(http_target_clean(a, "/recs/SSR1-9%00abc", NULL, 0) == 0);
    CHECK(http_target_clean(a, "/static/style.css%00.html", NULL, 0) == 0);
    CHECK(http_target_clean(a, "/recs%09", NULL, 0) == 0);
    CHECK(http_target_clean(a, "/recs%7f", NULL, 0) == 0);
    http_pair p[] = {{"q", "a\x01b"}};
    CHECK(http_target_clean(a, "/", p, 1) == 0);
    http_pair ok[] = {{"q", "risk management"}};
    CHECK(http_target_clean(a, "/", ok, 1) == 1);
    /* One parameter past the limit is refused, naming it. */
    char many[1024] = "";
    for (int i = 0; i <= HTTP_MAX_PARAMS; i++) snprintf(many + strlen(many), sizeof many - strlen(many), "a%d=1&", i);
    http_pair *out;
    int n;
    CHECK(http_parse_pairs(a, many, strlen(many), &out, &n, &e) == -1);
    CHECK(strstr(e.msg, "more than 64 parameters") != NULL);
}

TEST(counts)
{
    long long v = -1;
    CHECK(http_count("0", &v) == 0 && v == 0);
    CHECK(http_count("999999999999999999", &v) == 0 && v == 999999999999999999LL);
    CHECK(http_count("1000000000000000000", &v) == -1);
    CHECK(http_count("26666666666666666666666", &v) == -1);
    CHECK(http_count("", &v) == -1);
    CHECK(http_count(NULL, &v) == -1);
    CHECK(http_count("-1", &v) == -1);
    CHECK(http_count("+1", &v) == -1);
    CHECK(http_count(" 1", &v) == -1);
    CHECK(http_count("1x", &v) == -1);
}

int main(void)
{
    a = arena_new();
    RUN(a_request);
    RUN(refused);
    RUN(counts);
    RUN(framing_and_targets);
    arena_free(a);
    TEST_EXIT();
}
