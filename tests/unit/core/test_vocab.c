/* Tests of src/core/vocab.c: codes read as words, unknown codes pass through. */
#include "test.h"
#include "core/vocab.h"

TEST(labels)
{
    CHECK_STR(vocab_label("effect", "not_achieved"), "Effect not achieved");
    CHECK_STR(vocab_label("state", "strawman"), "Draft");
    CHECK_STR(vocab_label("implemented", "partial"), "Partly implemented");
    CHECK_STR(vocab_label("status", "in_progress"), "In progress");
    CHECK_STR(vocab_label("board", "passed_through"), "Passed through");
    CHECK_STR(vocab_label("board", "approved+passed_through"), "Approved in part, passed through in part");
    CHECK_STR(vocab_label("health", "dead"), "Link dead");
    CHECK_STR(vocab_label("flag", "assessed_below_claim"), "Assessed below the claim");
    CHECK_STR(vocab_label("flag", "complete_unverified"), "Complete, not verified");
    CHECK_STR(vocab_label("kpi", "off_track"), "Off track");
    CHECK_STR(vocab_label("kpi", "stale"), "Stale: a measurement is due");
}

TEST(unknown_pass_through)
{
    CHECK_STR(vocab_label("effect", "sideways"), "sideways");
    CHECK_STR(vocab_label("nosuchfield", "yes"), "yes");
    CHECK_STR(vocab_label(NULL, "yes"), "yes");
    CHECK_STR(vocab_label("state", NULL), "");
}

TEST(relations)
{
    CHECK_STR(vocab_relation("derived_from"), "is derived from");
    CHECK_STR(vocab_relation("odd"), "odd");
}

int main(void)
{
    RUN(labels);
    RUN(unknown_pass_through);
    RUN(relations);
    TEST_EXIT();
}
