/* Tests of src/util/fmt.c and src/util/buf.c. */
#include <string.h>

#include "test.h"
#include "util/alloc.h"
#include "util/fmt.h"

TEST(escapes)
{
    buf_t b = BUF_INIT;
    bfmt(&b, "<p title=\"%h\">%h</p>", "a\"b'c", "<script>alert(1)</script>&");
    CHECK_STR(buf_str(&b), "<p title=\"a&quot;b&#39;c\">&lt;script&gt;alert(1)&lt;/script&gt;&amp;</p>");
    buf_reset(&b);
    bfmt(&b, "/recs/%t?q=%t", "SSR1-6A", "a b&c/\xE2\x9C\x93");
    CHECK_STR(buf_str(&b), "/recs/SSR1-6A?q=a%20b%26c%2F%E2%9C%93");
    buf_reset(&b);
    bfmt(&b, "{\"t\": %J, \"n\": %J}", "line\n\"q\"\\ </script>\x01", NULL);
    CHECK_STR(buf_str(&b), "{\"t\": \"line\\n\\\"q\\\"\\\\ \\u003c/script\\u003e\\u0001\", \"n\": null}");
    buf_free(&b);
}

TEST(numbers)
{
    buf_t b = BUF_INIT;
    bfmt(&b, "%d %u %ld %lld %zu %.2f %c %%", -1, 2u, 3L, 4LL, (size_t)5, 6.125, 'x');
    CHECK_STR(buf_str(&b), "-1 2 3 4 5 6.12 x %");
    buf_free(&b);
}

TEST(unknown_conversion_fails)
{
    buf_t b = BUF_INIT;
    bfmt(&b, "%q", 1);
    CHECK(!buf_ok(&b));
    buf_free(&b);
}

TEST(csv)
{
    buf_t b = BUF_INIT;
    fmt_csv(&b, "plain");
    buf_putc(&b, ',');
    fmt_csv(&b, "a,\"b\"");
    buf_putc(&b, ',');
    fmt_csv(&b, "=1+1");
    CHECK_STR(buf_str(&b), "plain,\"a,\"\"b\"\"\",\"'=1+1\"");
    buf_free(&b);
}

/* A formula behind leading blanks is still a formula to a spreadsheet. */
TEST(csv_guard_after_blanks)
{
    static const char *const in[] = {"\t=1+1", "\r=1+1", " @SUM(A1)", "\n-2", " \t+3"};
    static const char *const out[] = {"\"'\t=1+1\"", "\"'\r=1+1\"", "\"' @SUM(A1)\"", "\"'\n-2\"", "\"' \t+3\""};
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
        buf_t b = BUF_INIT;
        fmt_csv(&b, in[i]);
        CHECK_STR(buf_str(&b), out[i]);
        buf_free(&b);
    }
    buf_t b = BUF_INIT;
    fmt_csv(&b, " plain - text");
    CHECK_STR(buf_str(&b), " plain - text");
    buf_free(&b);
}

TEST(limit_and_oom)
{
    buf_t b = BUF_INIT;
    b.limit = 4;
    buf_puts(&b, "abcd");
    CHECK(buf_ok(&b));
    buf_puts(&b, "e");
    CHECK(!buf_ok(&b) && b.over_limit);
    buf_free(&b);
    buf_t c = BUF_INIT;
    mem_fail_at(1, 1);
    buf_puts(&c, "x");
    mem_fail_at(0, 0);
    CHECK(!buf_ok(&c));
    CHECK(buf_detach(&c) == NULL);
}

/* buf_printf into the room a buffer has, and past it: the text is whole
 * either way, and a limit is kept to the byte. */
TEST(printf_room)
{
    buf_t b = BUF_INIT;
    buf_printf(&b, "%s-%d", "SSR1", 9);              /* the first, into no room */
    CHECK_STR(buf_str(&b), "SSR1-9");
    for (int i = 0; i < 60; i++) buf_printf(&b, "<%02d>", i);   /* 240 more: past 256 */
    CHECK_INT(b.len, 246);
    CHECK(strncmp(buf_str(&b) + 238, "<58><59>", 9) == 0);
    buf_free(&b);
    b.limit = 10;
    buf_printf(&b, "%s", "12345678");
    buf_printf(&b, "%s", "9");
    CHECK(buf_ok(&b));
    CHECK_STR(buf_str(&b), "123456789");
    buf_printf(&b, "%s", "ab");                     /* fits the room, not the limit */
    CHECK(!buf_ok(&b) && b.over_limit);
    CHECK_INT(b.len, 9);
    CHECK(b.data[9] == '\0');
    buf_free(&b);
}

int main(void)
{
    RUN(escapes);
    RUN(numbers);
    RUN(unknown_conversion_fails);
    RUN(csv);
    RUN(csv_guard_after_blanks);
    RUN(limit_and_oom);
    RUN(printf_room);
    TEST_EXIT();
}
