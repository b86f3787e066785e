/* Tests of src/report/glance.c on a real SQLite file: what counts (sub-items
 * in place of their rec, rejected ones apart), the change since the previous
 * quarter, overdue and at risk, the steps, the latest assessment's verdicts
 * beside the claims, restricted recs left out, and the JSON; the counts on
 * past dates (from the recs' steps) against a plain reading of every rec as
 * it stood on each date, and the quarterly report's likewise. */
#include "test.h"
#include "store/db_files.h"
#include "ledger/hash.h"
#include "core/board.h"
#include "report/glance.h"
#include "report/report.h"

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

/* The counts on d read the plain way (every rec of R1 as it stood on d,
 * one view of its own): what the glance counted before the recs' steps. */
static int reference(store_t *s, const char *d, int restricted, arena_t *a, glance_counts *c, size_t *top_by_status)
{
    view_t v;
    err_t e;
    ent_t *recs;
    size_t n;
    memset(c, 0, sizeof *c);
    memset(top_by_status, 0, sizeof(size_t) * ST_COUNT);
    store_vis *vis = restricted ? NULL : store_vis_new(s, &e);
    if ((!restricted && !vis) || store_view(s, d, NULL, &v, &e) ||
        store_list(s, &kind_rec, &v, REC_REVIEW, "R1", a, &recs, &n, &e)) {
        store_vis_free(vis);
        return -1;
    }
    char *shown = arena_alloc(a, n + 1), *split = arena_alloc(a, n + 1);
    for (size_t i = 0; i < n; i++) shown[i] = !vis || store_vis_hidden(vis, &kind_rec, recs[i].id) == 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (shown[j] && recs[j].v[REC_PARENT] && strcmp(recs[j].v[REC_PARENT], recs[i].id) == 0) split[i] = 1;
    for (size_t i = 0; i < n; i++) {
        int st = status_parse(recs[i].v[REC_STATUS] ? recs[i].v[REC_STATUS] : "");
        if (st < 0) st = ST_NOT_STARTED;
        if (shown[i] && !recs[i].v[REC_PARENT]) top_by_status[st]++;
        if (!shown[i] || split[i]) continue;
        if (recs[i].v[REC_BOARD] && board_parse(recs[i].v[REC_BOARD]) == 1u << BD_REJECTED) c->rejected++;
        else c->status[st]++;
        c->total++;
    }
    store_vis_free(vis);
    return 0;
}

/* A history over many quarters, written out of order: changes dated before
 * later ones already recorded, a rec rejected then approved again, a
 * sub-item that comes (and so splits its parent) years later, a status
 * set back, a restricted rec. */
static store_t *history(void)
{
    store_t *s = sample();
    if (!s) return NULL;
    field_value prog[] = {{"status", "in_progress"}}, plan[] = {{"status", "planning"}},
                done[] = {{"status", "complete"}}, ongo[] = {{"status", "ongoing"}},
                rej[] = {{"board", "rejected"}}, appr[] = {{"board", "approved"}};
    field_value r6[] = {{"review", "R1"}, {"title", "Six"}, {"status", "planning"}};
    field_value r5a[] = {{"review", "R1"}, {"parent", "R1-5"}, {"title", "Five A"}};
    field_value r7[] = {{"review", "R1"}, {"title", "Seven"}, {"restricted", "true"}, {"status", "planning"}};
    if (put(s, EDIT_UPDATE, &kind_rec, "R1-5", "2016-03-01", done, 1) ||
        put(s, EDIT_UPDATE, &kind_rec, "R1-5", "2015-02-01", prog, 1) ||   /* before the one above */
        put(s, EDIT_UPDATE, &kind_rec, "R1-5", "2014-08-20", plan, 1) ||
        put(s, EDIT_UPDATE, &kind_rec, "R1-2", "2015-05-05", rej, 1) ||
        put(s, EDIT_UPDATE, &kind_rec, "R1-2", "2016-11-30", appr, 1) ||
        put(s, EDIT_UPDATE, &kind_rec, "R1-2", "2015-09-09", done, 1) ||
        put(s, EDIT_UPDATE, &kind_rec, "R1-2", "2017-01-01", prog, 1) ||   /* set back */
        put(s, EDIT_CREATE, &kind_rec, "R1-6", "2013-06-01", r6, 3) ||     /* before the review's first rec */
        put(s, EDIT_UPDATE, &kind_rec, "R1-6", "2018-12-31", ongo, 1) ||
        put(s, EDIT_CREATE, &kind_rec, "R1-5A", "2017-07-07", r5a, 3) ||
        put(s, EDIT_CREATE, &kind_rec, "R1-7", "2015-01-01", r7, 4) ||
        put(s, EDIT_UPDATE, &kind_rec, "R1-7", "2016-01-01", done, 1)) {
        store_close(s);
        return NULL;
    }
    return s;
}

TEST(steps_match_a_plain_reading)
{
    store_t *s = history();
    CHECK(s != NULL);
    arena_t *a = arena_new();
    static const char *const days[] = {"2014-02-15", "2014-06-20", "2015-03-31", "2015-06-30", "2016-12-31",
                                       "2017-08-15", "2019-04-01", "2024-02-29"};
    size_t compared = 0, top[ST_COUNT];
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
        for (int restricted = 0; restricted < 2; restricted++) {
            view_t v;
            err_t e;
            glance_t g;
            glance_counts want;
            CHECK(store_view(s, days[i], NULL, &v, &e) == 0);
            CHECK(glance_load(s, &v, "R1", restricted, a, &g, &e) == 0);
            CHECK(reference(s, g.prev, restricted, a, &want, top) == 0);
            CHECK(memcmp(&g.before, &want, sizeof want) == 0);
            for (size_t k = 0; k < g.nsteps; k++, compared++) {
                CHECK(reference(s, g.steps[k].date, restricted, a, &want, top) == 0);
                if (memcmp(&g.steps[k].c, &want, sizeof want) != 0)
                    printf("# %s, step %s: %zu counted, %zu by the plain reading\n", days[i], g.steps[k].date,
                           g.steps[k].c.total, want.total);
                CHECK(memcmp(&g.steps[k].c, &want, sizeof want) == 0);
            }
            /* The quarterly report: top-level recs by status at each quarter end. */
            quarter_counts *q;
            size_t nq;
            CHECK(report_quarter_counts(s, "R1", "2013-01-01", days[i], restricted, a, &q, &nq, &e) == 0);
            for (size_t k = 0; k < nq; k++) {
                CHECK(reference(s, q[k].end, restricted, a, &want, top) == 0);
                CHECK(memcmp(q[k].count, top, sizeof top) == 0);
            }
        }
    /* Steps where the counts changed: the history's dates are among them. */
    CHECK(compared > 30);
    arena_free(a);
    store_close(s);
}

int main(void)
{
    if (db_files_begin()) return 1;
    hash_init();
    RUN(counts_and_dates);
    RUN(earlier_and_json);
    RUN(steps_match_a_plain_reading);
    if (db_files_end()) return 1;
    TEST_EXIT();
}
