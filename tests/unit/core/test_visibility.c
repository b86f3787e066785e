/* Tests of src/core/visibility.c: the restricted rule over a small world
 * described here (who is restricted, who belongs to whom). */
#include "test.h"
#include "core/visibility.h"

/* The world: restricted things, by "kind id". */
static const char *restricted[8];
static int asked;

static int owner_hidden(void *ctx, const kind_def *k, const char *id)
{
    (void)ctx;
    asked++;
    char key[100];
    snprintf(key, sizeof key, "%s %s", k->name, id);
    for (int i = 0; restricted[i]; i++)
        if (strcmp(restricted[i], key) == 0) return 1;
    if (strcmp(key, "rec FAIL") == 0) return -1;
    return 0;
}

static int hidden(const kind_def *k, const char *const *v)
{
    return vis_hidden(k, v, owner_hidden, NULL);
}

TEST(own_flag_and_owners)
{
    restricted[0] = "rec R1-2";
    restricted[1] = "milestone R1-3.1";
    restricted[2] = NULL;
    const char *rec[REC_NFIELDS] = {0}, *ms[MS_NFIELDS] = {0}, *link[LINK_NFIELDS] = {0},
               *ev[EV_NFIELDS] = {0}, *review[REVIEW_NFIELDS] = {0};
    review[REVIEW_TITLE] = "Review";
    CHECK_INT(hidden(&kind_review, review), 0);
    rec[REC_REVIEW] = "R1";
    rec[REC_TITLE] = "A rec";
    CHECK_INT(hidden(&kind_rec, rec), 0);
    rec[REC_RESTRICTED] = "true";
    CHECK_INT(hidden(&kind_rec, rec), 1);                 /* its own flag */
    rec[REC_RESTRICTED] = "false";
    rec[REC_PARENT] = "R1-2";
    CHECK_INT(hidden(&kind_rec, rec), 1);                 /* a sub-item of a restricted rec */
    rec[REC_PARENT] = "R1-1";
    CHECK_INT(hidden(&kind_rec, rec), 0);
    ms[MS_REC] = "R1-2";
    ms[MS_TITLE] = "Step";
    CHECK_INT(hidden(&kind_milestone, ms), 1);            /* a milestone of a restricted rec */
    ms[MS_REC] = "R1-1";
    CHECK_INT(hidden(&kind_milestone, ms), 0);
    ms[MS_RESTRICTED] = "true";
    CHECK_INT(hidden(&kind_milestone, ms), 1);
    link[LINK_REC] = "R1-1";
    link[LINK_REL] = "related";
    link[LINK_OTHER] = "R1-2";
    CHECK_INT(hidden(&kind_link, link), 1);               /* either end restricted */
    link[LINK_OTHER] = "R1-5";
    CHECK_INT(hidden(&kind_link, link), 0);
    link[LINK_REC] = "R1-2";
    CHECK_INT(hidden(&kind_link, link), 1);
    ev[EV_TARGET_KIND] = "milestone";
    ev[EV_TARGET] = "R1-3.1";
    ev[EV_URL] = "https://example.org/";
    CHECK_INT(hidden(&kind_evidence, ev), 1);             /* evidence of a restricted milestone */
    ev[EV_TARGET] = "R1-3.2";
    CHECK_INT(hidden(&kind_evidence, ev), 0);
    ev[EV_TARGET_KIND] = "rec";
    ev[EV_TARGET] = "R1-2";
    CHECK_INT(hidden(&kind_evidence, ev), 1);
    ev[EV_TARGET] = "R1-1";
    ev[EV_RESTRICTED] = "true";
    CHECK_INT(hidden(&kind_evidence, ev), 1);
    ev[EV_RESTRICTED] = "false";
    CHECK_INT(hidden(&kind_evidence, ev), 0);
    ev[EV_TARGET_KIND] = "no-such-kind";                  /* a kind this build lacks: hidden */
    CHECK_INT(hidden(&kind_evidence, ev), 1);
}

TEST(errors_pass_through)
{
    restricted[0] = NULL;
    const char *ms[MS_NFIELDS] = {0};
    ms[MS_REC] = "FAIL";
    ms[MS_TITLE] = "Step";
    CHECK_INT(hidden(&kind_milestone, ms), -1);
    /* A restricted thing is hidden without asking about its owners. */
    asked = 0;
    ms[MS_RESTRICTED] = "true";
    CHECK_INT(hidden(&kind_milestone, ms), 1);
    CHECK_INT(asked, 0);
}

int main(void)
{
    RUN(own_flag_and_owners);
    RUN(errors_pass_through);
    TEST_EXIT();
}
