/* Tests of src/report/glance.c on a real SQLite file: what counts (sub-items
 * in place of their rec, rejected ones apart), the change since the previous
 * quarter, overdue and at risk, the steps, the latest assessment's verdicts
 * beside the claims, restricted recs left out, and the JSON. */
#include "test.h"
#include "store/db_files.h"
#include "ledger/hash.h"
#include "report/glance.h"

/* Create or update one thing, effective on eff, in its own transaction. */
static int put(store_t *s, edit_op op, const kind_def *k, const char *id, const char *eff, const field_value *fv,
               int n)
{
    err_t e;
    edit_t ed = {op, k, id, fv, n, eff, "tester", ""};
    int rc = store_begin(s, &e) || store_edit(s, &ed, &e) || store_commit(s, &e);
    if (rc) { printf("# put %s: %s\n", id, e.msg); store_rollback(s); }
    return rc ? -1 : 0;
}

/* R1-1 (two sub-items, one complete in 2014-Q2), R1-2 (in progress, a
 * milestone due 2014-03-31), R1-3 (rejected), R1-4 (restricted, complete),
 * R1-5 (due in 2014-07); an assessment by R2 as of 2014-05-01: R1-1 partial,
 * R1-2 not. */
static store_t *sample(void)
{
    store_t *s = fresh();
    if (!s) return NULL;
    field_value rv[] = {{"title", "Review one"}}, rv2[] = {{"title", "Review two"}};
    field_value r1[] = {{"review", "R1"}, {"title", "One"}, {"status", "complete"}};
    field_value r1a[] = {{"review", "R1"}, {"parent", "R1-1"}, {"title", "One A"}};
    field_value r1b[] = {{"review", "R1"}, {"parent", "R1-1"}, {"title", "One B"}, {"status", "in_progress"}};
    field_value r2[] = {{"review", "R1"}, {"title", "Two"}, {"status", "in_progress"}, {"board", "approved"}};
    field_value r3[] = {{"review", "R1"}, {"title", "Three"}, {"board", "rejected"}};
    field_value r4[] = {{"review", "R1"}, {"title", "Four"}, {"status", "complete"}, {"restricted", "true"}};
    field_value r5[] = {{"review", "R1"}, {"title", "Five"}, {"due", "2014-07-15"}};
    field_value done[] = {{"status", "complete"}};
    field_value ms[] = {{"rec", "R1-2"}, {"title", "Draft"}, {"due", "2014-03-31"}};
    field_value as[] = {{"by", "R2"}, {"of", "R1"}, {"as_of", "2014-05-01"}, {"title", "R2 on R1"}};
    field_value i1[] = {{"assessment", "A1"}, {"rec", "R1-1"}, {"implemented", "partial"}};
    field_value i2[] = {{"assessment", "A1"}, {"rec", "R1-2"}, {"implemented", "not"}};
    if (put(s, EDIT_CREATE, &kind_review, "R1", "2014-01-01", rv, 1) ||
        put(s, EDIT_CREATE, &kind_review, "R2", "2014-01-01", rv2, 1) ||
        put(s, EDIT_CREATE, &kind_rec, "R1-1", "2014-01-01", r1, 3) ||
        put(s, EDIT_CREATE, &kind_rec, "R1-1A", "2014-01-01", r1a, 3) ||
        put(s, EDIT_CREATE, &kind_rec, "R1-1B", "2014-01-01", r1b, 4) ||
        put(s, EDIT_CREATE, &kind_rec, "R1-2", "2014-01-01", r2, 4) ||
        put(s, EDIT_CREATE, &kind_rec, "R1-3", "2014-01-01", r3, 3) ||
        put(s, EDIT_CREATE, &kind_rec, "R1-4", "2014-01-01", r4, 4) ||
        put(s, EDIT_CREATE, &kind_rec, "R1-5", "2014-01-01", r5, 3) ||
        put(s, EDIT_UPDATE, &kind_rec, "R1-1A", "2014-05-10", done, 1) ||
        put(s, EDIT_CREATE, &kind_milestone, "R1-2.1", "2014-01-01", ms, 3) ||
        put(s, EDIT_CREATE, &kind_assessment, "A1", "2014-05-01", as, 4) ||
        put(s, EDIT_CREATE, &kind_item, "A1/R1-1", "2014-05-01", i1, 3) ||
        put(s, EDIT_CREATE, &kind_item, "A1/R1-2", "2014-05-01", i2, 3)) {
        store_close(s);
        return NULL;
    }
    return s;
}

TEST(counts_and_dates)
{
    store_t *s = sample();
    CHECK(s != NULL);
    arena_t *a = arena_new();
    view_t v;
    err_t e;
    glance_t g;
    CHECK(store_view(s, "2014-06-20", NULL, &v, &e) == 0);
    CHECK(glance_load(s, &v, "R1", 0, a, &g, &e) == 0);
    /* Counted: 1A, 1B, 2, 3, 5 (R1-1 by its sub-items; R1-4 restricted). */
    CHECK_INT(g.now.total, 5);
    CHECK_INT(g.top, 4);
    CHECK_INT(g.split, 1);
    CHECK_INT(g.now.rejected, 1);
    CHECK_INT(glance_done_n(&g.now), 1);
    CHECK_INT(glance_underway_n(&g.now), 2);
    CHECK_INT(glance_notstarted_n(&g.now), 1);
    /* The previous quarter ended 2014-03-31, before 1A was complete. */
    CHECK_STR(g.prev, "2014-03-31");
    CHECK_INT(glance_done_n(&g.before), 0);
    /* R1-2's milestone is 81 days late; R1-5 is due in 25 days. */
    CHECK_INT(g.overdue, 1);
    CHECK_STR(g.worst_rec, "R1-2");
    CHECK_INT(g.worst_late, 81);
    CHECK_INT(g.at_risk, 1);
    CHECK_INT(g.nboard, 3);
    /* Steps: 2014-03-31 (nothing done), then 2014-06-20 (1A done). */
    CHECK_INT(g.nsteps, 2);
    CHECK_STR(g.steps[0].date, "2014-03-31");
    CHECK_STR(g.steps[1].date, "2014-06-20");
    CHECK_INT(glance_done_n(&g.steps[1].c), 1);
    /* The verdicts beside the claims: R1-1 claimed complete, assessed partial. */
    CHECK_STR(g.assess.id, "A1");
    CHECK_INT(g.assess.items, 2);
    CHECK_INT(g.assess.verdict[GV_FULL], 0);
    CHECK_INT(g.assess.verdict[GV_PARTIAL], 1);
    CHECK_INT(g.assess.verdict[GV_NOT], 1);
    CHECK_INT(g.assess.claim[ST_COMPLETE], 1);
    CHECK_INT(g.assess.divergent, 1);
    /* Signed in: the restricted rec counts. */
    CHECK(glance_load(s, &v, "R1", 1, a, &g, &e) == 0);
    CHECK_INT(g.now.total, 6);
    CHECK_INT(glance_done_n(&g.now), 2);
    arena_free(a);
    store_close(s);
}

TEST(earlier_and_json)
{
    store_t *s = sample();
    CHECK(s != NULL);
    arena_t *a = arena_new();
    view_t v;
    err_t e;
    glance_t g;
    /* Before the assessment and the milestone's date. */
    CHECK(store_view(s, "2014-02-01", NULL, &v, &e) == 0);
    CHECK(glance_load(s, &v, "R1", 0, a, &g, &e) == 0);
    CHECK(g.assess.id == NULL);
    CHECK_INT(g.overdue, 0);
    CHECK_INT(g.at_risk, 1);   /* the milestone is due within 90 days */
    json_t *j = glance_json(&g);
    CHECK(j != NULL);
    CHECK_INT(json_integer_value(json_object_get(json_object_get(j, "now"), "total")), 5);
    CHECK(json_is_null(json_object_get(j, "assessment")));
    CHECK(json_is_null(json_object_get(j, "worst_late_days")));
    json_decref(j);
    CHECK(glance_load(s, &v, "NOPE", 0, a, &g, &e) == -1);
    CHECK_INT(e.code, ERR_NOTFOUND);
    arena_free(a);
    store_close(s);
}

int main(void)
{
    if (db_files_begin()) return 1;
    hash_init();
    RUN(counts_and_dates);
    RUN(earlier_and_json);
    if (db_files_end()) return 1;
    TEST_EXIT();
}
