/* Tests of src/core/due.c: how late or how soon, in the words a reader takes
 * in at a glance, at each boundary of its units. */
#include "test.h"
#include "core/due.h"

TEST(late)
{
    char out[DUE_PHRASE_SIZE];
    CHECK_STR(due_phrase(4173, out), "11 years late");    /* the SSR1-9 milestone in 2026 */
    CHECK_STR(due_phrase(3, out), "3 days late");
    CHECK_STR(due_phrase(1, out), "1 day late");
    CHECK_STR(due_phrase(13, out), "13 days late");
    CHECK_STR(due_phrase(14, out), "2 weeks late");
    CHECK_STR(due_phrase(60, out), "8 weeks late");
    CHECK_STR(due_phrase(61, out), "2 months late");
    CHECK_STR(due_phrase(729, out), "24 months late");
    CHECK_STR(due_phrase(730, out), "2 years late");
}

TEST(soon)
{
    char out[DUE_PHRASE_SIZE];
    CHECK_STR(due_phrase(0, out), "due today");
    CHECK_STR(due_phrase(-1, out), "due tomorrow");
    CHECK_STR(due_phrase(-2, out), "due in 2 days");
    CHECK_STR(due_phrase(-14, out), "due in 2 weeks");
    CHECK_STR(due_phrase(-20, out), "due in 2 weeks");
    CHECK_STR(due_phrase(-365, out), "due in 12 months");
    CHECK_STR(due_span(7, out), "7 days");
    CHECK_STR(due_span(-800, out), "2 years");
}

TEST(dates)
{
    char out[DUE_PHRASE_SIZE];
    CHECK_STR(due_phrase_dates("2026-12-02", "2015-06-30", out), "11 years late");
    CHECK_STR(due_phrase_dates("2026-12-02", "2026-12-16", out), "due in 2 weeks");
    CHECK_STR(due_phrase_dates("2026-12-02", "2026-11-29", out), "3 days late");
    CHECK_STR(due_phrase_dates("2026-12-02", "2026-02-30", out), "");
    CHECK_STR(due_phrase_dates(NULL, "2026-02-03", out), "");
}

int main(void)
{
    RUN(late);
    RUN(soon);
    RUN(dates);
    TEST_EXIT();
}
