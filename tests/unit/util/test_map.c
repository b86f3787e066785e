/* Tests of src/util/map.c, src/util/arena.c and src/util/text.c. */
#include <string.h>

#include "test.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/map.h"
#include "util/text.h"

TEST(map_basics)
{
    map_t *m = map_new();
    char key[32];
    static int vals[5000];
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        CHECK(map_put(m, key, &vals[i]) == 0);
    }
    CHECK_INT(map_count(m), 5000);
    CHECK(map_get(m, "k4999") == &vals[4999]);
    CHECK(map_get(m, "k5000") == NULL);
    CHECK(map_put(m, "k7", &vals[0]) == 0);
    CHECK(map_get(m, "k7") == &vals[0]);
    CHECK_INT(map_count(m), 5000);
    CHECK_STR(map_key(m, 3), "k3");
    map_clear(m);
    CHECK(!map_has(m, "k1"));
    map_free(m);
}

/* Long keys that differ in one byte only, at every position of a word:
 * each is found, and only itself. */
TEST(map_long_keys)
{
    map_t *m = map_new();
    char key[200];
    static int vals[150];
    memset(key, 'x', sizeof key - 1);
    key[sizeof key - 1] = 0;
    for (int i = 0; i < 150; i++) {
        key[i] = 'y';
        CHECK(map_put(m, key, &vals[i]) == 0);
        key[i] = 'x';
    }
    CHECK_INT(map_count(m), 150);
    for (int i = 0; i < 150; i++) {
        key[i] = 'y';
        CHECK(map_get(m, key) == &vals[i]);
        key[i] = 'x';
    }
    CHECK(map_get(m, key) == NULL);
    key[150] = 0;   /* a prefix of the others */
    CHECK(map_get(m, key) == NULL);
    map_free(m);
}

TEST(arena_basics)
{
    arena_t *a = arena_new();
    char *s = arena_printf(a, "%s-%d", "SSR1", 6);
    CHECK_STR(s, "SSR1-6");
    char *big = arena_alloc(a, 1 << 20);
    CHECK(big != NULL);
    big[(1 << 20) - 1] = 'x';
    CHECK_STR(arena_strndup(a, "abcdef", 3), "abc");
    CHECK(arena_used(a) >= (1 << 20));
    arena_free(a);
}

TEST(arena_oom)
{
    arena_t *a = arena_new();
    mem_fail_at(1, 1);
    CHECK(arena_alloc(a, 100) == NULL);
    mem_fail_at(0, 0);
    CHECK(arena_alloc(a, 100) != NULL);
    arena_free(a);
}

TEST(utf8)
{
    CHECK(utf8_valid("\xE2\x9C\x93 ok", 6));
    CHECK(!utf8_valid("\xC0\xAF", 2));          /* overlong */
    CHECK(!utf8_valid("\xED\xA0\x80", 3));      /* surrogate */
    CHECK(!utf8_valid("\xE2\x9C", 2));          /* truncated */
    CHECK(!utf8_valid("\xFF", 1));
    CHECK_INT(utf8_cols("\xE2\x9C\x93\xE2\x97\x8B" "ab"), 4);
    CHECK_INT(utf8_prefix("\xE2\x9C\x93" "abc", 2), 4);
    CHECK(has_control("a\x01"));
    CHECK(!has_control("a\tb\nc"));
    CHECK(ascii_casecmp("In Progress", "in progress") == 0);
    CHECK(ascii_casestr("Risk Management", "MANAGE") != NULL);
    const char *hay = "An ISMS, then ISO 27001: iso certification";
    CHECK(ascii_casestr(hay, "iso") == hay + 14);   /* the first place, in either case */
    CHECK(ascii_casestr(hay, "ISO c") == hay + 25);
    CHECK(ascii_casestr(hay, "isms,") == hay + 3);
    CHECK(ascii_casestr(hay, ": ISO") == hay + 23);
    CHECK(ascii_casestr(hay, "certifications") == NULL);   /* runs past the end */
    CHECK(ascii_casestr(hay, "x") == NULL);
    CHECK(ascii_casestr(hay, "") == hay);
    CHECK(ascii_casestr("", "a") == NULL);
}

int main(void)
{
    RUN(map_basics);
    RUN(map_long_keys);
    RUN(arena_basics);
    RUN(arena_oom);
    RUN(utf8);
    TEST_EXIT();
}
