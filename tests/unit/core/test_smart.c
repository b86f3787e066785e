/* Tests of src/core/smart.c. */
#include "test.h"
#include "core/smart.h"

static smart_finding f[SMART_MAX_FINDINGS];

static int has(int n, const char *rule)
{
    for (int i = 0; i < n; i++)
        if (strcmp(f[i].rule, rule) == 0) return 1;
    return 0;
}

TEST(every_rule_fires)
{
    smart_input in = {"Be timely", "Act in an appropriate way and continue to do so.", NULL, NULL, NULL, 0, 0};
    int n = smart_check(&in, f);
    CHECK_INT(n, 5);
    CHECK(has(n, "S1") && has(n, "M1") && has(n, "A1") && has(n, "R1") && has(n, "T1"));
    CHECK(strstr(f[0].detail, "'appropriate'") && strstr(f[0].detail, "'timely'") && strstr(f[0].detail, "'continue to'"));
}

TEST(every_rule_clears)
{
    smart_input in = {"Publish the roadmap by June", "Publish a certification roadmap with three targets.",
                      "CIIO", "Standards", "2015-06-30", 1, 0};
    CHECK_INT(smart_check(&in, f), 0);
    /* A dated milestone is enough to be trackable. */
    in.due = NULL;
    in.has_dated_milestone = 1;
    CHECK_INT(smart_check(&in, f), 0);
    in.has_dated_milestone = 0;
    CHECK(has(smart_check(&in, f), "T1"));
}

TEST(whole_words_only)
{
    /* "inappropriate" and "clearance" are not the vague words. */
    smart_input in = {"Stop inappropriate clearance", NULL, "x", "y", "2020-01-01", 1, 0};
    CHECK_INT(smart_check(&in, f), 0);
    in.title = "Make it CLEAR";
    CHECK(has(smart_check(&in, f), "S1"));
}

int main(void)
{
    RUN(every_rule_fires);
    RUN(every_rule_clears);
    RUN(whole_words_only);
    TEST_EXIT();
}
