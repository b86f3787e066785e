/* Tests of src/core/claims.c: flags, divergence, the checklist, and which
 * claim a verification verifies. */
#include "test.h"
#include "core/claims.h"

static smart_finding sf[SMART_MAX_FINDINGS];

/* A rec that passes SMART (a KPI with a target, an owner, ...) claimed as status. */
static claim_input passing(const char *status)
{
    smart_input s = {"Publish the roadmap", "Publish it.", "CIIO", "Standards", "2015-06-30", 1, 0};
    claim_input in = {status, NULL, 2, 2, 0, 1, 0, sf, smart_check(&s, sf)};
    return in;
}

static const claim_check *check_of(const claim_eval *ev, const char *key)
{
    for (int i = 0; i < ev->nchecks; i++)
        if (strcmp(ev->checks[i].key, key) == 0) return &ev->checks[i];
    return NULL;
}

#define FLAG(ev, f) (((ev).flags >> (f)) & 1u)

TEST(done_when_nothing_is_missing)
{
    claim_input in = passing("complete");
    in.verdict = "full";
    claim_eval ev;
    claim_evaluate(&in, &ev);
    CHECK_INT(ev.missing, 0);
    CHECK_INT((int)ev.flags, 0);
    CHECK_INT(ev.divergent, 0);
    CHECK_INT(ev.nchecks, CLAIM_NCHECKS);
}

TEST(completion_flags_need_a_completion_claim)
{
    claim_input in = passing("complete");
    in.links = in.alive = 0;
    in.verified = 0;
    claim_eval ev;
    claim_evaluate(&in, &ev);
    CHECK(FLAG(ev, CF_COMPLETE_WITHOUT_EVIDENCE) && FLAG(ev, CF_COMPLETE_UNVERIFIED));
    CHECK(check_of(&ev, "evidence")->missing && check_of(&ev, "verified")->missing);
    /* The same gaps on work in progress are missing lines, not flags. */
    in.status = "in_progress";
    claim_evaluate(&in, &ev);
    CHECK(!FLAG(ev, CF_COMPLETE_WITHOUT_EVIDENCE) && !FLAG(ev, CF_COMPLETE_UNVERIFIED));
    CHECK(check_of(&ev, "evidence")->missing && check_of(&ev, "claim")->missing);
    /* Ongoing (complete but recurring) is a completion claim. */
    in.status = "ongoing";
    claim_evaluate(&in, &ev);
    CHECK(FLAG(ev, CF_COMPLETE_WITHOUT_EVIDENCE));
}

TEST(dead_evidence)
{
    claim_input in = passing("complete");
    in.dead = 1;
    in.alive = 1;
    claim_eval ev;
    claim_evaluate(&in, &ev);
    CHECK(FLAG(ev, CF_COMPLETE_EVIDENCE_DEAD));
    CHECK(strstr(check_of(&ev, "evidence_alive")->detail, "1 dead") != NULL);
}

TEST(divergence_and_below_claim)
{
    claim_input in = passing("complete");
    claim_eval ev;
    static const struct { const char *status, *verdict; int divergent, below; } cases[] = {
        {"complete", "partial", 1, 1}, {"ongoing", "not", 1, 1}, {"complete", "full", 0, 0},
        {"complete", "unknown", 0, 0}, {"complete", NULL, 0, 0}, {"in_progress", "not", 0, 1},
        {"in_progress", "partial", 0, 0}, {"planning", "not", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        in.status = cases[i].status;
        in.verdict = cases[i].verdict;
        claim_evaluate(&in, &ev);
        CHECK_INT(ev.divergent, cases[i].divergent);
        CHECK_INT((int)FLAG(ev, CF_ASSESSED_BELOW_CLAIM), cases[i].below);
        CHECK_INT(check_of(&ev, "verdict")->missing, cases[i].verdict == NULL || strcmp(cases[i].verdict, "full") != 0);
    }
}

TEST(smart_lines_are_the_lint_findings)
{
    smart_input s = {"Be timely", NULL, NULL, "Topic", "2015-01-01", 0, 0};
    claim_input in = passing("complete");
    in.nsmart = smart_check(&s, sf);
    claim_eval ev;
    claim_evaluate(&in, &ev);
    CHECK(FLAG(ev, CF_NO_KPI_TARGET));
    CHECK(check_of(&ev, "kpi_target")->missing && check_of(&ev, "specific")->missing && check_of(&ev, "owner")->missing);
    CHECK(!check_of(&ev, "topic")->missing && !check_of(&ev, "trackable")->missing);
    CHECK(strstr(check_of(&ev, "specific")->detail, "'timely'") != NULL);
    /* no_kpi_target does not wait for a completion claim. */
    in.status = "planning";
    claim_evaluate(&in, &ev);
    CHECK(FLAG(ev, CF_NO_KPI_TARGET));
    in.kpis_off_track = 2;
    claim_evaluate(&in, &ev);
    CHECK(FLAG(ev, CF_KPI_OFF_TRACK));
    CHECK_STR(check_of(&ev, "kpi_on_track")->detail, "2 KPIs off track");
}

TEST(flag_names)
{
    CHECK_STR(claim_flag_name(CF_COMPLETE_WITHOUT_EVIDENCE), "complete_without_evidence");
    CHECK_STR(claim_flag_name(CF_KPI_OFF_TRACK), "kpi_off_track");
    CHECK(claim_flag_name(CF_COUNT) == NULL);
}

static change_t ch(long long seq, const char *entity, const char *field, const char *value, const char *eff)
{
    change_t c = {0};
    c.seq = seq;
    c.entity = entity;
    c.entity_id = "R-1";
    c.field = field;
    c.value = value;
    c.effective_at = eff;
    return c;
}

TEST(verification_names_the_claim_in_force)
{
    change_t h[5] = {ch(3, "rec", "status", "in_progress", "2020-01-01"),
                     ch(7, "rec", "status", "complete", "2021-01-01"),
                     ch(9, "verification", "claim", "7", "2021-02-01"),
                     ch(8, "rec", "owner", "x", "2021-03-01")};
    claim_state st;
    claim_state_of("R-1", h, 4, &st);
    CHECK(st.claim && st.claim->seq == 7);
    CHECK(st.verification && st.verification->seq == 9);
    /* A later status change is a new claim: the verification is void. */
    h[4] = ch(12, "rec", "status", "complete", "2021-06-01");
    claim_state_of("R-1", h, 5, &st);
    CHECK(st.claim && st.claim->seq == 12);
    CHECK(st.verification == NULL);
    /* A back-dated status change recorded later does not displace the claim in force. */
    h[4] = ch(12, "rec", "status", "planning", "2019-06-01");
    claim_state_of("R-1", h, 5, &st);
    CHECK(st.claim && st.claim->seq == 7 && st.verification != NULL);
    /* Another rec's changes are not this one's. */
    claim_state_of("R-2", h, 5, &st);
    CHECK(st.claim == NULL && st.verification == NULL);
}

int main(void)
{
    RUN(done_when_nothing_is_missing);
    RUN(completion_flags_need_a_completion_claim);
    RUN(dead_evidence);
    RUN(divergence_and_below_claim);
    RUN(smart_lines_are_the_lint_findings);
    RUN(flag_names);
    RUN(verification_names_the_claim_in_force);
    TEST_EXIT();
}
