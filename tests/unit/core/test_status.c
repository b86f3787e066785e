/* Tests of src/core/status.c and src/core/id.c. */
#include "test.h"
#include "core/id.h"
#include "core/status.h"

TEST(parse_names_and_words)
{
    CHECK_INT(status_parse("in_progress"), ST_IN_PROGRESS);
    CHECK_INT(status_parse("In progress"), ST_IN_PROGRESS);
    CHECK_INT(status_parse("in-progress"), ST_IN_PROGRESS);
    CHECK_INT(status_parse("Complete"), ST_COMPLETE);
    CHECK_INT(status_parse("Not started"), ST_NOT_STARTED);
    CHECK_INT(status_parse("In Planning"), ST_PLANNING);
    CHECK_INT(status_parse("deferred"), ST_DEFERRED);
    CHECK_INT(status_parse("done"), -1);
    CHECK_INT(status_parse(""), -1);
    CHECK_INT(status_parse("complete "), -1);
}

TEST(marks)
{
    int len;
    CHECK_INT(status_from_mark("\xE2\x9C\x93 Public comment", &len), ST_COMPLETE);
    CHECK_INT(len, 3);
    CHECK_INT(status_from_mark("\xE2\x88\x9A" "6B", &len), ST_COMPLETE);
    CHECK_INT(status_from_mark("\xE2\x97\x8B x", &len), ST_IN_PROGRESS);
    CHECK_INT(status_from_mark("o x", &len), ST_IN_PROGRESS);
    CHECK_INT(len, 1);
    CHECK_INT(status_from_mark("\xE2\x97\x87 x", &len), ST_PLANNING);
    CHECK_INT(status_from_mark("x", &len), -1);
}

TEST(vocabularies)
{
    CHECK_STR(status_ssr1_mark(ST_COMPLETE), "\xE2\x9C\x93");
    CHECK_STR(status_ssr1_mark(ST_PLANNING), "\xE2\x97\x87");
    CHECK_STR(status_icann_word(ST_IN_PROGRESS), "In progress");
    CHECK_STR(status_icann_word(ST_PLANNING), "Not started");
    CHECK_STR(status_oc_code(ST_ONGOING), "O/C");
    CHECK_STR(status_oc_code(ST_COMPLETE), "C");
    CHECK_STR(status_oc_code(ST_DEFERRED), "O");
    for (int s = 0; s < ST_COUNT; s++) CHECK_INT(status_parse(status_name((status_t)s)), s);
}

TEST(ids)
{
    CHECK(id_valid("SSR1-6A"));
    CHECK(id_valid("SSR1-9.2"));
    CHECK(!id_valid("-x"));
    CHECK(!id_valid("a b"));
    CHECK(!id_valid(""));
    CHECK(!id_valid("<script>"));
    char longid[70];
    memset(longid, 'a', 65);
    longid[65] = 0;
    CHECK(!id_valid(longid));
    CHECK(id_natural_cmp("SSR1-2", "SSR1-10") < 0);
    CHECK(id_natural_cmp("SSR1-6", "SSR1-6A") < 0);
    CHECK(id_natural_cmp("SSR1-6B", "SSR1-7") < 0);
    CHECK(id_natural_cmp("SSR2-1", "SSR1-28") > 0);
    CHECK(id_natural_cmp("SSR1-9.10", "SSR1-9.9") > 0);
    CHECK(id_natural_cmp("a", "a") == 0);
}

TEST(milestone_ids)
{
    CHECK(id_milestone_valid("SSR2-9~1"));
    CHECK(id_milestone_valid("SSR1-9.2"));          /* made before the '~' form */
    CHECK(!id_milestone_valid("SSR2-9~"));
    CHECK(!id_milestone_valid("~1"));
    CHECK(!id_milestone_valid("SSR2-9~1a"));
    CHECK(!id_milestone_valid("SSR2-9~1~2"));
    CHECK(!id_valid("SSR2-9~1"));                   /* never a rec id */
    CHECK_INT(id_milestone_rec_len("SSR2-9.1~3"), 8);
    CHECK_INT(id_milestone_rec_len("SSR1-9.2"), 6);
    CHECK_INT(id_milestone_rec_len("M"), 1);
}

int main(void)
{
    RUN(parse_names_and_words);
    RUN(marks);
    RUN(vocabularies);
    RUN(ids);
    RUN(milestone_ids);
    TEST_EXIT();
}
