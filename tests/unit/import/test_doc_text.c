/* Tests of src/import/doc_text.c: dates as the documents write them. */
#include "test.h"
#include "import/doc_text.h"

TEST(document_dates)
{
    char d[11];
    CHECK(doc_date("18 March 2014", d) == 0);
    CHECK_STR(d, "2014-03-18");
    CHECK(doc_date("1 January 2000 and more", d) == 0);
    CHECK_STR(d, "2000-01-01");
    CHECK(doc_date("31 December 9999", d) == 0);
    CHECK_STR(d, "9999-12-31");
    CHECK(doc_date("29 February 2015", d) == -1);
    CHECK(doc_date("18 Mars 2014", d) == -1);
    CHECK(doc_date("18 March", d) == -1);
    /* Numbers out of range are refused, not taken modulo (a year 12014 was
     * read as 2014, day 118 as 18: found by tests/fuzz/fuzz_date.c). */
    CHECK(doc_date("18 March 12014", d) == -1);
    CHECK(doc_date("118 March 2014", d) == -1);
    CHECK(doc_date("0 March 2014", d) == -1);
    CHECK(doc_date("18 March 999", d) == -1);
    CHECK(doc_date("99999999999999999999 March 2014", d) == -1);
}

/* Short titles: a clean cut at a clause, never an ellipsis. */
TEST(short_titles)
{
    arena_t *a = arena_new();
    CHECK(a != NULL);
    CHECK_STR(doc_short_title(a, "ICANN should assess options for audits against common standards (e.g. A, B, C) "
                                 "and report on them every year.", 80),
              "Assess options for audits against common standards");
    CHECK_STR(doc_short_title(a, "Once the plan is agreed, ICANN should publish its targets in every report.", 80),
              "Publish its targets in every report");
    CHECK_STR(doc_short_title(a, "If we restate it, the team thinks it meant \xE2\x80\x98The framework should be "
                                 "written down, with owners\xE2\x80\x99", 80),
              "The framework should be written down");
    CHECK_STR(doc_short_title(a, "It is recommended that the process should involve the wider community more.", 80),
              "The process should involve the wider community more");
    CHECK_STR(doc_short_title(a, "ICANN should publish, check and renew the list of the contacts it keeps for "
                                 "every operator.", 80),
              "Publish, check and renew the list of the contacts it keeps for every operator");
    /* Too long for one clause: the last whole word that fits, small words trimmed. */
    const char *t = doc_short_title(a, "ICANN should write down the names of all of the groups that work on the "
                                       "stability of the root and of the ways in which they meet", 60);
    CHECK_STR(t, "Write down the names of all of the groups that work");
    CHECK(strlen(t) <= 60 && !strstr(t, "\xE2\x80\xA6"));
    t = doc_short_title(a, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 17);
    CHECK_INT(strlen(t), 16);   /* cut between characters */
    CHECK(strlen(doc_short_title(a, "of the", 80)) > 0);   /* never empty */
    arena_free(a);
}

int main(void)
{
    RUN(document_dates);
    RUN(short_titles);
    TEST_EXIT();
}
