/* Tests of src/core/tx_summary.c: each shape of transaction reads as one
 * line of words, with no internal field or code in it. */
#include "test.h"

#include "core/entity.h"
#include "core/tx_summary.h"

static arena_t *A;

/* A change of transaction tx (seq given), effective 2014-03-18. */
static change_t chg(long long seq, long long tx, const char *kind, const char *id, const char *field, const char *value)
{
    change_t c = {0};
    c.seq = seq;
    c.tx = tx;
    c.entity = kind;
    c.entity_id = id;
    c.field = field;
    c.value = value;
    c.effective_at = "2014-03-18";
    c.recorded_at = "2026-01-01T00:00:00.000000Z";
    c.actor = "ana";
    c.reason = "";
    return c;
}

static const char *sum(const tx_change *t, size_t n, int *about)
{
    int dummy;
    return tx_summary(t, n, A, about ? about : &dummy);
}

/* No summary may show a raw "field = value" or a code with '_'. */
static int clean(const char *s)
{
    return s && !strstr(s, " = ") && !strstr(s, "in_progress") && !strstr(s, "not_started") && !strstr(s, "strawman");
}

TEST(status_change)
{
    change_t c = chg(10, 10, "rec", "SSR1-9", "status", "complete");
    tx_change t = {&c, "in_progress", 0};
    int about = -1;
    CHECK_STR(sum(&t, 1, &about), "SSR1-9: In progress \xE2\x86\x92 Complete");
    CHECK_INT(about, 0);
    /* Never set before: from the field's default. */
    t.old = NULL;
    CHECK_STR(sum(&t, 1, NULL), "SSR1-9: Not started \xE2\x86\x92 Complete");
}

TEST(board_decision)
{
    change_t c = chg(10, 10, "rec", "SSR2-3.1", "board", "approved");
    tx_change t = {&c, NULL, 0};
    CHECK_STR(sum(&t, 1, NULL), "SSR2-3.1: Board decision Approved (was Pending)");
    t.old = "approved";
    CHECK_STR(sum(&t, 1, NULL), "SSR2-3.1: Board decision Approved");
}

TEST(new_rec)
{
    change_t c[] = {chg(5, 5, "rec", "SSR2-4.2", "review", "SSR2"), chg(6, 5, "rec", "SSR2-4.2", "title", "Measure the DNS"),
                    chg(7, 5, "rec", "SSR2-4.2", "status", "not_started")};
    tx_change t[3] = {{&c[0], NULL, 1}, {&c[1], NULL, 1}, {&c[2], NULL, 1}};
    CHECK_STR(sum(t, 3, NULL), "New recommendation SSR2-4.2: Measure the DNS");
}

TEST(several_fields)
{
    change_t c[] = {chg(5, 5, "rec", "SSR1-6", "title", "T"), chg(6, 5, "rec", "SSR1-6", "owner", "CIIO"),
                    chg(7, 5, "rec", "SSR1-6", "due", "2015-01-01")};
    tx_change t[3] = {{&c[0], "t", 0}, {&c[1], NULL, 0}, {&c[2], NULL, 0}};
    CHECK_STR(sum(t, 3, NULL), "3 changes to SSR1-6 (title, owner, due date)");
    /* With a status among them, the status leads. */
    change_t m[] = {chg(5, 5, "milestone", "SSR1-9~1", "status", "complete"),
                    chg(6, 5, "milestone", "SSR1-9~1", "done", "2014-03-18")};
    tx_change tm[2] = {{&m[0], "in_progress", 0}, {&m[1], NULL, 0}};
    CHECK_STR(sum(tm, 2, NULL), "Milestone SSR1-9~1: In progress \xE2\x86\x92 Complete (and done date)");
}

TEST(single_fields_in_words)
{
    change_t c = chg(5, 5, "rec", "SSR1-6", "owner", "Security team");
    tx_change t = {&c, "CIIO", 0};
    CHECK_STR(sum(&t, 1, NULL), "SSR1-6: owner CIIO \xE2\x86\x92 Security team");
    c = chg(5, 5, "rec", "SSR1-6", "text", "New text");
    t.old = "Old";
    CHECK_STR(sum(&t, 1, NULL), "SSR1-6: text edited");
    c = chg(5, 5, "rec", "SSR1-6", "restricted", "true");
    CHECK_STR(sum(&t, 1, NULL), "SSR1-6: now restricted");
    c = chg(5, 5, "item", "SSR2-SSR1/SSR1-6", "implemented", "not");
    t.old = "partial";
    CHECK_STR(sum(&t, 1, NULL), "SSR1-6 in assessment SSR2-SSR1: Partly implemented \xE2\x86\x92 Not implemented");
    c = chg(5, 5, "item", "SSR2-SSR1/SSR1-6", "state", "approved");
    t.old = NULL;
    const char *s = sum(&t, 1, NULL);
    CHECK(clean(s));
    CHECK_STR(s, "SSR1-6 in assessment SSR2-SSR1: Draft \xE2\x86\x92 Approved by the team");
    c = chg(5, 5, "link", "SSR2-D1 derived_from SSR1-6", "active", "false");
    CHECK_STR(sum(&t, 1, NULL), "Relation SSR2-D1 is derived from SSR1-6: no longer in force");
}

TEST(new_things)
{
    change_t l[] = {chg(5, 5, "link", "SSR2-D1 derived_from SSR1-6", "rec", "SSR2-D1"),
                    chg(6, 5, "link", "SSR2-D1 derived_from SSR1-6", "rel", "derived_from"),
                    chg(7, 5, "link", "SSR2-D1 derived_from SSR1-6", "other", "SSR1-6")};
    tx_change t[3] = {{&l[0], NULL, 1}, {&l[1], NULL, 1}, {&l[2], NULL, 1}};
    CHECK_STR(sum(t, 3, NULL), "New relation: SSR2-D1 is derived from SSR1-6");
    change_t c[] = {chg(5, 5, "comment", "C1", "target_kind", "item"), chg(6, 5, "comment", "C1", "target", "SSR2-SSR1/SSR1-6"),
                    chg(7, 5, "comment", "C1", "author", "ana")};
    tx_change tc[3] = {{&c[0], NULL, 1}, {&c[1], NULL, 1}, {&c[2], NULL, 1}};
    CHECK_STR(sum(tc, 3, NULL), "Comment by ana on SSR1-6 in assessment SSR2-SSR1");
    change_t m[] = {chg(5, 5, "measurement", "K1-3", "kpi", "K1"), chg(6, 5, "measurement", "K1-3", "value", "52")};
    tx_change tm[2] = {{&m[0], NULL, 1}, {&m[1], NULL, 1}};
    CHECK_STR(sum(tm, 2, NULL), "KPI K1 measured: 52 on 2014-03-18");
    change_t s[] = {chg(5, 5, "signoff", "SSR2-SSR1/SSR1-6 by Ana Ruiz", "item", "SSR2-SSR1/SSR1-6"),
                    chg(6, 5, "signoff", "SSR2-SSR1/SSR1-6 by Ana Ruiz", "assessor", "Ana Ruiz"),
                    chg(7, 5, "signoff", "SSR2-SSR1/SSR1-6 by Ana Ruiz", "dissent", "No.")};
    tx_change ts[3] = {{&s[0], NULL, 1}, {&s[1], NULL, 1}, {&s[2], NULL, 1}};
    CHECK_STR(sum(ts, 3, NULL), "Sign-off by Ana Ruiz on SSR1-6 in assessment SSR2-SSR1, with dissent");
}

/* An SSR2 assessment import: counted, no internal field named. */
TEST(import_counts)
{
    static change_t c[200];
    static tx_change t[200];
    static char ids[40][32];
    size_t n = 0;
    long long tx = 100;
#define ADD(kind, id, field, value, created) (c[n] = chg(tx + (long long)n, tx, kind, id, field, value), \
                                             t[n] = (tx_change){&c[n], NULL, created}, n++)
    ADD("source", "S1", "format", "ssr2-assessment", 1);
    ADD("source", "S1", "name", "assessment.txt", 1);
    ADD("review", "SSR2", "title", "SSR2", 0);
    ADD("assessment", "SSR2-SSR1", "by", "SSR2", 1);
    ADD("assessment", "SSR2-SSR1", "of", "SSR1", 1);
    for (int i = 0; i < 3; i++) {
        snprintf(ids[i], sizeof ids[i], "SSR2-SSR1/SSR1-%d", i + 1);
        ADD("item", ids[i], "assessment", "SSR2-SSR1", 1);
        ADD("item", ids[i], "rec", ids[i] + 10, 1);
        ADD("item", ids[i], "relevant", "yes", 1);
    }
    for (int i = 0; i < 2; i++) {
        snprintf(ids[10 + i], sizeof ids[10 + i], "E%d", i + 1);
        ADD("evidence", ids[10 + i], "url", "https://example.org/", 1);
    }
    ADD("rec", "SSR2-D1", "title", "Do more", 1);
    ADD("link", "SSR2-D1 derived_from SSR1-1", "rel", "derived_from", 1);
    ADD("rec", "SSR1-1", "text", "filled", 0);
#undef ADD
    int about = -1;
    const char *s = sum(t, n, &about);
    CHECK_STR(s, "Imported the SSR2 assessment of SSR1: 3 items, 2 evidence links, 1 draft recommendation, "
                 "1 recommendation changed");
    CHECK_STR(c[about].entity, "assessment");
    CHECK(clean(s));
}

/* One field of many things: a Board round. */
TEST(batch)
{
    static const char *const ids[] = {"R-1", "R-2", "R-3", "R-4"};
    static const char *const vals[] = {"approved", "rejected", "approved", "pending"};
    change_t c[4];
    tx_change t[4];
    for (int i = 0; i < 4; i++) {
        c[i] = chg(20 + i, 20, "rec", ids[i], "board", vals[i]);
        t[i] = (tx_change){&c[i], NULL, 0};
    }
    int about = 0;
    CHECK_STR(sum(t, 4, &about), "Board decisions on 4 recommendations: 2 Approved, 1 Rejected, 1 Pending");
    CHECK_INT(about, -1);
    for (int i = 0; i < 4; i++) c[i].field = "status", c[i].value = i ? "in_progress" : "complete";
    CHECK_STR(sum(t, 4, NULL), "Status of 4 recommendations: 3 In progress, 1 Complete");
    /* Mixed kinds: counts. */
    c[3] = chg(23, 20, "milestone", "R-1~1", "title", "M");
    t[3].created = 1;
    CHECK_STR(sum(t, 4, NULL), "3 recommendations changed, 1 new milestone");
}

/* One rec and things of its own: the rec leads. */
TEST(lead_rec)
{
    change_t c[] = {chg(1, 1, "rec", "SSR1-9", "title", "Certify"), chg(2, 1, "milestone", "SSR1-9.1", "title", "A"),
                    chg(3, 1, "milestone", "SSR1-9.2", "title", "B"), chg(4, 1, "rec", "SSR1-9", "status", "in_progress")};
    tx_change t[4] = {{&c[0], NULL, 1}, {&c[1], NULL, 1}, {&c[2], NULL, 1}, {&c[3], NULL, 1}};
    int about = -1;
    CHECK_STR(sum(t, 4, &about), "New recommendation SSR1-9: Certify (and 2 new milestones)");
    CHECK_INT(about, 0);
    for (int i = 0; i < 4; i++) t[i].created = 0;
    t[3].old = "planning";
    CHECK_STR(sum(t, 4, NULL), "SSR1-9: In planning \xE2\x86\x92 In progress (and title; 2 milestones changed)");
}

/* The one new thing among few leads: a measurement with its KPI's new target. */
TEST(lead_new_thing)
{
    change_t c[] = {chg(1, 1, "kpi", "K1", "target", "25"), chg(2, 1, "measurement", "M1", "kpi", "K1"),
                    chg(3, 1, "measurement", "M1", "value", "13")};
    tx_change t[3] = {{&c[0], "24", 0}, {&c[1], NULL, 1}, {&c[2], NULL, 1}};
    int about = -1;
    CHECK_STR(sum(t, 3, &about), "KPI K1 measured: 13 on 2014-03-18 (and 1 KPI changed)");
    CHECK_INT(about, 1);
}

TEST(history_context)
{
    change_t h[] = {chg(1, 1, "rec", "SSR1-9", "review", "SSR1"), chg(2, 1, "rec", "SSR1-9", "status", "in_progress"),
                    chg(9, 9, "rec", "SSR1-9", "status", "complete"), chg(12, 12, "rec", "SSR1-9", "status", "planning")};
    h[3].effective_at = "2013-01-01";   /* back-dated: before the first status */
    h[0].effective_at = h[1].effective_at = "2012-10-18";
    tx_change t[4];
    tx_from_history(t, h, 4);
    CHECK_INT(t[0].created, 1);
    CHECK_INT(t[1].created, 1);
    CHECK(t[1].old == NULL);
    CHECK_INT(t[2].created, 0);
    CHECK_STR(t[2].old, "in_progress");
    CHECK_STR(t[3].old, "in_progress");   /* the value in force on 2013-01-01 */
    CHECK_STR(tx_summary(&t[2], 1, A, &(int){0}), "SSR1-9: In progress \xE2\x86\x92 Complete");
}

/* Every field of every kind has words: no field name with '_' shows. */
TEST(field_words)
{
    for (int k = 0; all_kinds[k]; k++)
        for (int f = 0; f < all_kinds[k]->nfields; f++) {
            const char *l = tx_field_label(all_kinds[k]->name, all_kinds[k]->fields[f].name);
            if (strchr(l, '_')) printf("#   %s.%s\n", all_kinds[k]->name, l);
            CHECK(!strchr(l, '_'));
        }
    CHECK_STR(tx_value_label("rec", "status", "in_progress"), "In progress");
    CHECK_STR(tx_value_label("item", "effect", "not_achieved"), "Effect not achieved");
    CHECK_STR(tx_value_label("evidence", "target_kind", "item"), "assessment item");
    CHECK_STR(tx_value_label("rec", "title", "x_y"), "x_y");
    change_t c = chg(1, 1, "item", "SSR2-SSR1/SSR1-6", "rec", "SSR1-6");
    CHECK(tx_change_implied(&c));
    c = chg(1, 1, "evidence", "E1", "target", "SSR1-6");
    CHECK(!tx_change_implied(&c));
    CHECK_STR(tx_thing_name("link", "A-1 supersedes B-2", A), "relation A-1 supersedes B-2");
    CHECK_STR(tx_thing_name("milestone", "SSR1-9~1", A), "milestone SSR1-9~1");
}

int main(void)
{
    A = arena_new();
    RUN(status_change);
    RUN(board_decision);
    RUN(new_rec);
    RUN(several_fields);
    RUN(single_fields_in_words);
    RUN(new_things);
    RUN(import_counts);
    RUN(batch);
    RUN(lead_rec);
    RUN(lead_new_thing);
    RUN(history_context);
    RUN(field_words);
    arena_free(A);
    TEST_EXIT();
}
