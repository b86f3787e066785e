/* test.h — the unit test harness: each TEST is a function; CHECK records a
 * failure with its place and ends the test. main() runs the tests named in
 * RUN() and prints one "ok" / "not ok" line per test (TAP style), which
 * tests/run.sh counts. Exit status: 1 when any test failed. */
#ifndef SSR_TEST_H
#define SSR_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_failed_now;
static int test_skipped_now;
static int tests_failed;

#define TEST(name) static void name(void)

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            printf("#   %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);    \
            test_failed_now = 1;                                                    \
            return;                                                                 \
        }                                                                           \
    } while (0)

#define CHECK_STR(a, b)                                                             \
    do {                                                                            \
        const char *a_ = (a), *b_ = (b);                                            \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                    \
            printf("#   %s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__,             \
                   a_ ? a_ : "(null)", b_ ? b_ : "(null)");                         \
            test_failed_now = 1;                                                    \
            return;                                                                 \
        }                                                                           \
    } while (0)

#define CHECK_INT(a, b)                                                             \
    do {                                                                            \
        long long a_ = (long long)(a), b_ = (long long)(b);                         \
        if (a_ != b_) {                                                             \
            printf("#   %s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__,    \
                   #a, a_, b_);                                                     \
            test_failed_now = 1;                                                    \
            return;                                                                 \
        }                                                                           \
    } while (0)

/* SKIP(why): ends the test, which RUN reports as one "# skip" line saying why
 * (it counts neither as passed nor as failed). */
#define SKIP(why)                                                                   \
    do {                                                                            \
        test_skipped_now = 1;                                                       \
        printf("# skip - %s: %s: %s\n", __FILE__, __func__, why);                   \
        return;                                                                     \
    } while (0)

#define RUN(name)                                                                   \
    do {                                                                            \
        test_failed_now = test_skipped_now = 0;                                     \
        name();                                                                     \
        if (!test_skipped_now)                                                      \
            printf("%s - %s: %s\n", test_failed_now ? "not ok" : "ok", __FILE__, #name); \
        tests_failed += test_failed_now;                                            \
        fflush(stdout);                                                             \
    } while (0)

#define TEST_EXIT() return tests_failed ? 1 : 0

#endif
