/* Tests of the read paths of src/store/ that keep work proportional to what
 * is asked: children by a fixed field as of a date, the stream of versions,
 * the statement cache, a rec's claim state and its evidence, the recs' Board
 * decisions through their partial index. A real SQLite
 * file in a temporary directory. */
#include "test.h"
#include "store/db_files.h"
#include "ledger/hash.h"
#include "store/claims.h"
#include "store/internal.h"
#include "store/store.h"
#include "util/alloc.h"

/* Review R1 with R1-1 (2012), its sub-items R1-1A (2013) and R1-1B (2015),
 * and R1-2 (2012); R1-1's status moves in 2013 and 2014. */
static store_t *family(void)
{
    store_t *s = fresh();
    err_t e;
    if (!s) return NULL;
    field_value a[3] = {{"review", "R1"}, {"title", "Part A"}, {"parent", "R1-1"}};
    field_value b[3] = {{"review", "R1"}, {"title", "Part B"}, {"parent", "R1-1"}};
    edit_t ea = {EDIT_CREATE, &kind_rec, "R1-1A", a, 3, "2013-02-01", "tester", "because"};
    edit_t eb = {EDIT_CREATE, &kind_rec, "R1-1B", b, 3, "2015-02-01", "tester", "because"};
    if (put2(s, EDIT_CREATE, &kind_review, "R1", "2012-01-01", "title", "Review one", NULL, NULL, &e) ||
        put2(s, EDIT_CREATE, &kind_rec, "R1-1", "2012-01-01", "review", "R1", "title", "First", &e) ||
        put2(s, EDIT_CREATE, &kind_rec, "R1-2", "2012-01-01", "review", "R1", "title", "Second", &e) ||
        put2(s, EDIT_UPDATE, &kind_rec, "R1-1", "2013-05-01", "status", "in_progress", NULL, NULL, &e) ||
        put2(s, EDIT_UPDATE, &kind_rec, "R1-1", "2014-05-01", "status", "complete", NULL, NULL, &e) ||
        store_begin(s, &e) || store_edit(s, &ea, &e) || store_edit(s, &eb, &e) || store_commit(s, &e)) {
        printf("# seed: %s\n", e.msg);
        store_close(s);
        return NULL;
    }
    return s;
}

TEST(children_as_of_a_date)
{
    store_t *s = family();
    CHECK(s != NULL);
    arena_t *a = arena_new();
    err_t e;
    view_t v;
    ent_t *kids;
    size_t n;
    static const struct { const char *day; size_t n; } at[] = {
        {"2012-06-01", 0}, {"2013-02-01", 1}, {"2014-12-31", 1}, {"2015-02-01", 2}};
    for (int i = 0; i < 4; i++) {
        CHECK(store_view(s, at[i].day, NULL, &v, &e) == 0);
        CHECK(store_list(s, &kind_rec, &v, REC_PARENT, "R1-1", a, &kids, &n, &e) == 0);
        CHECK_INT(n, at[i].n);
    }
    CHECK_STR(kids[0].id, "R1-1A");
    CHECK_STR(kids[1].id, "R1-1B");
    /* The version in force on the date decides the other fields. */
    CHECK(store_view(s, "2013-06-01", NULL, &v, &e) == 0);
    CHECK(store_list(s, &kind_rec, &v, REC_REVIEW, "R1", a, &kids, &n, &e) == 0);
    CHECK_INT(n, 3);
    CHECK_STR(kids[0].id, "R1-1");
    CHECK_STR(kids[0].v[REC_STATUS], "in_progress");
    arena_free(a);
    store_close(s);
}

/* One rec's children and one thing by id, as of dates between, on and
 * before their versions: each read gives the version in force, its first
 * date and the date of that version (the forms without a subquery). */
TEST(version_in_force_of_one_rec)
{
    store_t *s = family();
    CHECK(s != NULL);
    err_t e;
    CHECK(put2(s, EDIT_CREATE, &kind_milestone, "R1-1.1", "2013-01-10", "rec", "R1-1", "title", "Draft", &e) == 0);
    CHECK(put2(s, EDIT_UPDATE, &kind_milestone, "R1-1.1", "2014-03-01", "status", "complete", NULL, NULL, &e) == 0);
    /* Recorded last but in force first: the order of writing must not count. */
    CHECK(put2(s, EDIT_UPDATE, &kind_milestone, "R1-1.1", "2013-08-01", "status", "in_progress", NULL, NULL, &e) == 0);
    CHECK(put2(s, EDIT_CREATE, &kind_milestone, "R1-1.2", "2014-01-01", "rec", "R1-1", "title", "Publish", &e) == 0);
    static const struct { const char *day, *status1, *changed1; size_t n; const char *rec_status, *rec_changed; } at[] = {
        {"2013-01-09", NULL, NULL, 0, "not_started", "2012-01-01"},
        {"2013-01-10", "not_started", "2013-01-10", 1, "not_started", "2012-01-01"},
        {"2013-12-31", "in_progress", "2013-08-01", 1, "in_progress", "2013-05-01"},
        {"2014-03-01", "complete", "2014-03-01", 2, "in_progress", "2013-05-01"},
        {"2014-05-01", "complete", "2014-03-01", 2, "complete", "2014-05-01"},
    };
    arena_t *a = arena_new();
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        view_t v;
        ent_t *ms, rec;
        size_t n;
        CHECK(store_view(s, at[i].day, NULL, &v, &e) == 0);
        CHECK(store_list(s, &kind_milestone, &v, MS_REC, "R1-1", a, &ms, &n, &e) == 0);
        CHECK_INT(n, at[i].n);
        if (n) {
            CHECK_STR(ms[0].id, "R1-1.1");
            CHECK_STR(ms[0].v[MS_STATUS], at[i].status1);
            CHECK_STR(ms[0].changed, at[i].changed1);
            CHECK_STR(ms[0].since, "2013-01-10");
        }
        if (n == 2) CHECK_STR(ms[1].id, "R1-1.2");
        CHECK(store_get(s, &kind_rec, &v, "R1-1", a, &rec, &e) == 0);
        CHECK_STR(rec.v[REC_STATUS], at[i].rec_status);
        CHECK_STR(rec.since, "2012-01-01");
        CHECK_STR(rec.changed, at[i].rec_changed);
    }
    view_t v;
    ent_t rec;
    CHECK(store_view(s, "2011-12-31", NULL, &v, &e) == 0);
    CHECK(store_get(s, &kind_rec, &v, "R1-1", a, &rec, &e) == -1);
    CHECK_INT(e.code, ERR_NOTFOUND);
    arena_free(a);
    store_close(s);
}

typedef struct {
    char seen[16][40];   /* "id valid_from status" */
    int n;
} version_log;

static int note_version(void *ctx, const ent_t *ver)
{
    version_log *l = ctx;
    if (l->n < 16)
        snprintf(l->seen[l->n++], sizeof l->seen[0], "%s %s %s", ver->id, ver->since,
                 ver->v[REC_STATUS] ? ver->v[REC_STATUS] : "-");
    return ver->v[REC_TITLE] != NULL;   /* a field not asked for stays NULL */
}

TEST(versions_stream_in_order)
{
    store_t *s = family();
    CHECK(s != NULL);
    err_t e;
    version_log l = {{{0}}, 0};
    static const int want[] = {REC_STATUS};
    CHECK(store_each_version(s, &kind_rec, REC_REVIEW, "R1", want, 1, note_version, &l, &e) == 0);
    /* Grouped by thing (things in no set order), each thing's versions
     * oldest first. */
    CHECK_INT(l.n, 6);
    int at = 0;
    while (at < l.n && strncmp(l.seen[at], "R1-1 ", 5) != 0) at++;
    CHECK(at <= 3);
    CHECK_STR(l.seen[at], "R1-1 2012-01-01 not_started");
    CHECK_STR(l.seen[at + 1], "R1-1 2013-05-01 in_progress");
    CHECK_STR(l.seen[at + 2], "R1-1 2014-05-01 complete");
    /* Only by a fixed field. */
    CHECK(store_each_version(s, &kind_rec, REC_STATUS, "complete", want, 1, note_version, &l, &e) != 0);
    CHECK(e.code == ERR_INTERNAL);
    store_close(s);
}

TEST(statements_are_kept_and_nested_use_is_safe)
{
    store_t *s = family();
    CHECK(s != NULL);
    err_t e;
    const char *sql = "SELECT id FROM recs ORDER BY id";
    sqlite3_stmt *one, *two, *again;
    CHECK(db_cached(s, sql, &one, &e) == 0);
    CHECK(sqlite3_step(one) == SQLITE_ROW);
    /* The kept one is out: a nested use gets its own statement. */
    CHECK(db_cached(s, sql, &two, &e) == 0);
    CHECK(two != one);
    CHECK(sqlite3_step(two) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(two, 0), "R1-1");
    db_release(s, two);
    db_release(s, one);
    /* Given back, the kept one is handed out again, from its start. */
    CHECK(db_cached(s, sql, &again, &e) == 0);
    CHECK(again == one);
    CHECK(sqlite3_step(again) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(again, 0), "R1-1");
    db_release(s, again);
    store_close(s);
}

TEST(claim_state_and_evidence_of_one_rec)
{
    store_t *s = family();
    CHECK(s != NULL);
    arena_t *a = arena_new();
    err_t e;
    view_t v;
    claim_state cs;
    CHECK(store_view(s, "2014-01-01", NULL, &v, &e) == 0);
    CHECK(store_claim_state(s, &v, "R1-1", a, &cs, &e) == 0);
    CHECK(cs.claim != NULL);
    CHECK_STR(cs.claim->value, "in_progress");
    CHECK(cs.verification == NULL);
    CHECK(store_view(s, NULL, NULL, &v, &e) == 0);
    CHECK(store_claim_state(s, &v, "R1-1", a, &cs, &e) == 0);
    CHECK_STR(cs.claim->value, "complete");
    CHECK(store_claim_state(s, &v, "R1-2", a, &cs, &e) == 0);
    CHECK(cs.claim == NULL);
    /* Evidence: what R1-1 cites, not what R1-2 cites. */
    field_value f1[3] = {{"target_kind", "rec"}, {"target", "R1-1"}, {"url", "https://example.org/b"}};
    field_value f2[3] = {{"target_kind", "rec"}, {"target", "R1-2"}, {"url", "https://example.org/c"}};
    field_value f3[3] = {{"target_kind", "rec"}, {"target", "R1-1"}, {"url", "https://example.org/a"}};
    edit_t e1 = {EDIT_CREATE, &kind_evidence, "E10", f1, 3, "2014-01-01", "tester", "because"};
    edit_t e2 = {EDIT_CREATE, &kind_evidence, "E2", f2, 3, "2014-01-01", "tester", "because"};
    edit_t e3 = {EDIT_CREATE, &kind_evidence, "E9", f3, 3, "2014-01-01", "tester", "because"};
    CHECK(store_begin(s, &e) == 0);
    CHECK(store_edit(s, &e1, &e) == 0 && store_edit(s, &e2, &e) == 0 && store_edit(s, &e3, &e) == 0);
    CHECK(store_commit(s, &e) == 0);
    ent_t *ev;
    size_t n;
    CHECK(store_view(s, NULL, NULL, &v, &e) == 0);
    CHECK(store_rec_evidence(s, &v, "R1-1", 0, a, &ev, &n, &e) == 0);
    CHECK_INT(n, 2);
    CHECK_STR(ev[0].id, "E9");    /* natural id order */
    CHECK_STR(ev[1].id, "E10");
    arena_free(a);
    store_close(s);
}

/* The plan SQLite makes for sql: its detail lines, one per row, joined by '|'. */
static int plan_of(store_t *s, const char *sql, char *out, size_t size)
{
    char q[2048];
    snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st;
    err_t e;
    if (db_prepare(s, q, &st, &e)) return -1;
    size_t used = 0;
    out[0] = '\0';
    while (sqlite3_step(st) == SQLITE_ROW && used < size)
        used += (size_t)snprintf(out + used, size - used, "%s|", (const char *)sqlite3_column_text(st, 3));
    sqlite3_finalize(st);
    return 0;
}

TEST(board_decisions_through_their_own_index)
{
    store_t *s = family();
    CHECK(s != NULL);
    arena_t *a = arena_new();
    err_t e;
    /* R1-1 decided, then decided again back-dated; R1-2 on the same day as
     * R1-1's first; R2-1 of another review in between. */
    CHECK(put2(s, EDIT_CREATE, &kind_review, "R2", "2012-01-01", "title", "Review two", NULL, NULL, &e) == 0);
    CHECK(put2(s, EDIT_CREATE, &kind_rec, "R2-1", "2012-01-01", "review", "R2", "title", "Other", &e) == 0);
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-1", "2012-06-01", "board", "approved", NULL, NULL, &e) == 0);
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R2-1", "2012-07-01", "board", "rejected", NULL, NULL, &e) == 0);
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-2", "2012-06-01", "board", "pending", NULL, NULL, &e) == 0);
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-1", "2012-03-01", "board", "rejected", NULL, NULL, &e) == 0);
    change_t *ch;
    size_t n;
    CHECK(store_rec_board_changes(s, "R1", a, &ch, &n, &e) == 0);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(ch[0].entity_id, "R1-1");
        CHECK_STR(ch[0].value, "rejected");   /* by effective date, not log order */
        CHECK_STR(ch[1].entity_id, "R1-1");   /* the same date: by seq */
        CHECK_STR(ch[2].entity_id, "R1-2");
        CHECK(ch[1].seq < ch[2].seq);
    }
    CHECK(store_rec_board_changes(s, NULL, a, &ch, &n, &e) == 0);
    CHECK_INT(n, 4);
    if (n == 4) {
        CHECK_STR(ch[3].entity_id, "R2-1");
        CHECK_STR(ch[3].field, "board");
    }
    CHECK(store_rec_board_changes(s, "R9", a, &ch, &n, &e) == 0);
    CHECK_INT(n, 0);
    /* Both queries read the partial index of the decisions, never the log's
     * index of every change. */
    const char *sql[2] = {REC_BOARD_OF_REVIEW_SQL, REC_BOARD_ALL_SQL};
    for (int i = 0; i < 2; i++) {
        char plan[1024];
        CHECK(plan_of(s, sql[i], plan, sizeof plan) == 0);
        printf("# plan %d: %s\n", i, plan);
        CHECK(strstr(plan, "USING INDEX change_log_rec_board") != NULL);
        CHECK(strstr(plan, "change_log_thing") == NULL);
    }
    arena_free(a);
    store_close(s);
}

/* A kept statement is prepared once: with "field = ?3" on the log (the
 * shape of store_thing_field_changes), beside the partial index's "field =
 * 'board'", SQLite would prepare it again at every binding unless plans
 * ignore bound values (store_open). */
TEST(kept_statements_are_not_prepared_again_per_binding)
{
    store_t *s = family();
    CHECK(s != NULL);
    err_t e;
    const char *ids[3] = {"R1-1", "R1-2", "R1-1A"};
    const char *fields[3] = {"status", "title", "parent"};
    int want[3] = {2, 1, 1};
    sqlite3_stmt *kept = NULL;
    for (int i = 0; i < 3; i++) {
        sqlite3_stmt *st;
        CHECK(db_cached(s, "SELECT count(*) FROM change_log WHERE entity = ?1 AND entity_id = ?2 AND field = ?3",
                        &st, &e) == 0);
        CHECK(kept == NULL || st == kept);
        kept = st;
        sqlite3_bind_text(st, 1, "rec", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, ids[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, fields[i], -1, SQLITE_STATIC);
        CHECK(sqlite3_step(st) == SQLITE_ROW);
        CHECK_INT(sqlite3_column_int(st, 0), want[i]);
        db_release(s, st);
    }
    CHECK_INT(sqlite3_stmt_status(kept, SQLITE_STMTSTATUS_REPREPARE, 0), 0);
    store_close(s);
}

int main(void)
{
    if (db_files_begin()) return 1;
    hash_init();
    RUN(children_as_of_a_date);
    RUN(version_in_force_of_one_rec);
    RUN(versions_stream_in_order);
    RUN(statements_are_kept_and_nested_use_is_safe);
    RUN(claim_state_and_evidence_of_one_rec);
    RUN(board_decisions_through_their_own_index);
    RUN(kept_statements_are_not_prepared_again_per_binding);
    if (db_files_end()) return 1;
    TEST_EXIT();
}
