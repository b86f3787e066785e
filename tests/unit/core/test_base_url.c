/* Tests of src/core/base_url.c: the one rule for a site's base URL, which
 * `config set base-url`, `notify`, `serve` and `site` share. */
#include "test.h"
#include "core/base_url.h"

TEST(accepted_and_normalised)
{
    arena_t *a = arena_new();
    err_t e;
    const char *out;
    CHECK(base_url_normalize(a, "x", "https://ssr.example.org/", &out, &e) == 0);
    CHECK_STR(out, "https://ssr.example.org");
    CHECK(base_url_normalize(a, "x", "http://h.example/tracker//", &out, &e) == 0);
    CHECK_STR(out, "http://h.example/tracker");
    arena_free(a);
}

TEST(refused)
{
    arena_t *a = arena_new();
    err_t e;
    const char *out;
    const char *bad[] = {"ftp://h.example", "https://", "https:///path", "https://u:p@h.example",
                         "https://h.example/?q=1", "https://h.example/#f", "https://h.example/a b",
                         "https://h.example/\"", "https://h.example/\t", "h.example"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(base_url_normalize(a, "config set: base-url", bad[i], &out, &e) == -1);
        CHECK(e.code == ERR_INPUT);
    }
    CHECK(strstr(e.msg, "config set: base-url") == e.msg);
    arena_free(a);
}

int main(void)
{
    RUN(accepted_and_normalised);
    RUN(refused);
    TEST_EXIT();
}
