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

int main(void)
{
    RUN(document_dates);
    TEST_EXIT();
}
