/* Tests of src/util/err.c: messages are one line of UTF-8. */
#include "test.h"
#include "util/err.h"
#include "util/text.h"

static int valid(const char *s) { return utf8_valid(s, strlen(s)); }

/* A precision that cuts a character in two left half of it in the message,
 * which pages and JSON then carried (found by tests/fuzz/fuzz_web.c:
 * "status: unknown status '%.40s'"). The cut half becomes '?'. */
TEST(cut_characters)
{
    err_t e;
    CHECK(err_set(&e, ERR_INPUT, "status: '%.4s'", "ab\xE1\x9A\x80z") == -1);
    CHECK_STR(e.msg, "status: 'ab?\?'");   /* "?\?" is "??" without a trigraph */
    CHECK(err_set(&e, ERR_INPUT, "bytes \xFF\xC3 and \xE2\x80\x94 a dash") == -1);
    CHECK_STR(e.msg, "bytes ?\? and \xE2\x80\x94 a dash");
    CHECK(err_set(&e, ERR_INPUT, "two\nlines\r") == -1);
    CHECK_STR(e.msg, "two lines ");
    /* Cut by the size of the message itself. */
    char long_text[1000];
    for (int i = 0; i + 3 < (int)sizeof long_text; i += 3) memcpy(long_text + i, "\xE2\x80\x94", 3);
    long_text[999] = '\0';
    long_text[998] = long_text[997] = long_text[996] = 'x';
    for (int k = 0; k < 3; k++) {
        CHECK(err_set(&e, ERR_INPUT, "%.*s%s", k, "ab", long_text) == -1);
        CHECK(valid(e.msg));
        CHECK(err_prefix(&e, "%.*s", 4 + k, "pre\xE2\x80\x94") == -1);
        CHECK(valid(e.msg));
        CHECK(strncmp(e.msg, "pre", 3) == 0 && strlen(e.msg) >= sizeof e.msg - 4);
    }
}

int main(void)
{
    RUN(cut_characters);
    TEST_EXIT();
}
