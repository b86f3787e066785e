/* Tests of src/store/: a real SQLite file in a temporary directory. */
#include "test.h"
#include "store/db_files.h"
#include "ledger/hash.h"
#include "store/store.h"
#include "util/alloc.h"

/* Review R1 and rec R1-1 created on 2012-10-18. */
static store_t *seeded(void)
{
    store_t *s = fresh();
    err_t e;
    if (!s) return NULL;
    if (put2(s, EDIT_CREATE, &kind_review, "R1", "2012-06-20", "title", "Review one", NULL, NULL, &e) ||
        put2(s, EDIT_CREATE, &kind_rec, "R1-1", "2012-10-18", "review", "R1", "title", "First", &e)) {
        printf("# seed: %s\n", e.msg);
        store_close(s);
        return NULL;
    }
    return s;
}

TEST(create_and_reopen)
{
    store_t *s = fresh();
    CHECK(s != NULL);
    store_close(s);
    err_t e;
    int created = 1;
    CHECK(store_open(path, STORE_READWRITE, &s, &created, &e) == 0);
    CHECK_INT(created, 0);
    CHECK_INT(store_head_seq(s), 0);
    store_close(s);
}

TEST(missing_and_foreign_files)
{
    store_t *s;
    err_t e;
    char p[300];
    snprintf(p, sizeof p, "%s/none.db", dir);
    CHECK(store_open(p, STORE_READWRITE, &s, NULL, &e) != 0);
    CHECK(e.code == ERR_INPUT && strstr(e.msg, "no such database"));
    CHECK(access(p, F_OK) != 0);   /* nothing was created */
    snprintf(p, sizeof p, "%s/text.db", dir);
    FILE *f = fopen(p, "w");
    fputs("this is not a database, just some words that fill a page\n", f);
    fclose(f);
    CHECK(store_open(p, STORE_CREATE, &s, NULL, &e) != 0);
    CHECK(strstr(e.msg, "not an ssrtrack database") != NULL);
}

TEST(as_of_and_backdating)
{
    store_t *s = seeded();
    CHECK(s != NULL);
    err_t e;
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-1", "2013-05-01", "status", "in_progress", NULL, NULL, &e) == 0);
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-1", "2014-03-18", "status", "complete", NULL, NULL, &e) == 0);
    /* Recorded last, effective in between: it folds in at 2013-01-01. */
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-1", "2013-01-01", "status", "planning", NULL, NULL, &e) == 0);
    arena_t *a = arena_new();
    view_t v;
    ent_t r;
    static const char *const expect[][2] = {{"2012-12-31", "not_started"}, {"2013-01-01", "planning"},
                                            {"2013-06-01", "in_progress"}, {"2014-03-18", "complete"}};
    for (int i = 0; i < 4; i++) {
        CHECK(store_view(s, expect[i][0], NULL, &v, &e) == 0);
        CHECK(store_get(s, &kind_rec, &v, "R1-1", a, &r, &e) == 0);
        CHECK_STR(r.v[REC_STATUS], expect[i][1]);
    }
    CHECK(store_view(s, NULL, NULL, &v, &e) == 0);
    CHECK(v.current);
    CHECK(store_get(s, &kind_rec, &v, "R1-1", a, &r, &e) == 0);
    CHECK_STR(r.v[REC_STATUS], "complete");
    CHECK(store_view(s, "2012-01-01", NULL, &v, &e) == 0);
    CHECK(store_get(s, &kind_rec, &v, "R1-1", a, &r, &e) != 0);
    CHECK(e.code == ERR_NOTFOUND);
    arena_free(a);
    store_close(s);
}

TEST(known_at_sees_what_was_recorded)
{
    store_t *s = seeded();
    CHECK(s != NULL);
    err_t e;
    setenv("SSRTRACK_NOW", "2030-01-01T00:00:00Z", 1);
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-1", "2014-03-18", "status", "complete", NULL, NULL, &e) == 0);
    setenv("SSRTRACK_NOW", "2030-06-01T00:00:00Z", 1);
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-1", "2013-01-01", "status", "planning", NULL, NULL, &e) == 0);
    arena_t *a = arena_new();
    view_t v;
    ent_t r;
    /* Before the back-dated change was recorded, 2013-06 showed not_started. */
    CHECK(store_view(s, "2013-06-01", "2030-03-01", &v, &e) == 0);
    CHECK(store_get(s, &kind_rec, &v, "R1-1", a, &r, &e) == 0);
    CHECK_STR(r.v[REC_STATUS], "not_started");
    CHECK(store_view(s, "2013-06-01", NULL, &v, &e) == 0);
    CHECK(store_get(s, &kind_rec, &v, "R1-1", a, &r, &e) == 0);
    CHECK_STR(r.v[REC_STATUS], "planning");
    /* known-at alone: the tracker's own view at that moment. */
    CHECK(store_view(s, NULL, "2030-03-01T12:00:00Z", &v, &e) == 0);
    CHECK_STR(v.as_of, "2030-03-01");
    CHECK(store_get(s, &kind_rec, &v, "R1-1", a, &r, &e) == 0);
    CHECK_STR(r.v[REC_STATUS], "complete");
    ent_t *items;
    size_t n;
    CHECK(store_list(s, &kind_rec, &v, REC_STATUS, "complete", a, &items, &n, &e) == 0);
    CHECK_INT(n, 1);
    unsetenv("SSRTRACK_NOW");
    arena_free(a);
    store_close(s);
}

TEST(rejected_edits_write_nothing)
{
    store_t *s = seeded();
    CHECK(s != NULL);
    err_t e;
    long long before = store_head_seq(s);
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-1", NULL, "status", "finished", NULL, NULL, &e) != 0);
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-9", NULL, "status", "complete", NULL, NULL, &e) != 0);
    CHECK(e.code == ERR_NOTFOUND);
    CHECK(put2(s, EDIT_CREATE, &kind_rec, "R1-1", NULL, "review", "R1", "title", "Again", &e) != 0);
    CHECK(e.code == ERR_CONFLICT);
    CHECK(put2(s, EDIT_CREATE, &kind_rec, "R1-2", NULL, "review", "R9", "title", "Orphan", &e) != 0);
    CHECK(strstr(e.msg, "no such review: R9") != NULL);
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-1", "2099-01-01", "status", "complete", NULL, NULL, &e) != 0);
    CHECK(strstr(e.msg, "future") != NULL);
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-1", "2011-01-01", "status", "complete", NULL, NULL, &e) != 0);
    CHECK(strstr(e.msg, "before") != NULL);
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-1", NULL, "review", "R2", NULL, NULL, &e) != 0);
    /* The second field is bad: the first must not be written either. */
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-1", NULL, "owner", "ana", "due", "2014-02-30", &e) != 0);
    long long count;
    CHECK(store_change_count(s, &count, &e) == 0);
    CHECK_INT(count, before);
    CHECK_INT(store_head_seq(s), before);
    store_close(s);
}

TEST(rebuild_matches_incremental)
{
    store_t *s = seeded();
    CHECK(s != NULL);
    err_t e;
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-1", "2014-03-18", "status", "complete", "owner", "OCTO", &e) == 0);
    CHECK(put2(s, EDIT_UPDATE, &kind_rec, "R1-1", "2013-01-01", "status", "planning", NULL, NULL, &e) == 0);
    CHECK(put2(s, EDIT_CREATE, &kind_milestone, "R1-1.1", "2013-02-01", "rec", "R1-1", "title", "Draft", &e) == 0);
    CHECK(put2(s, EDIT_UPDATE, &kind_milestone, "R1-1.1", "2013-03-01", "status", "complete", NULL, NULL, &e) == 0);
    char *before, *after;
    CHECK(store_dump_projections(s, &before, &e) == 0);
    CHECK(strstr(before, "R1-1.1|R1-1|Draft|complete|NULL|2013-03-01|") != NULL);  /* done derived */
    CHECK(store_rebuild(s, &e) == 0);
    CHECK(store_dump_projections(s, &after, &e) == 0);
    CHECK_STR(after, before);
    mem_free(before);
    mem_free(after);
    store_close(s);
}

TEST(new_ids_and_evidence_targets)
{
    store_t *s = seeded();
    CHECK(s != NULL);
    err_t e;
    arena_t *a = arena_new();
    char *id;
    CHECK(store_begin(s, &e) == 0);
    CHECK(store_next_id(s, &kind_evidence, "E", a, &id, &e) == 0);
    CHECK_STR(id, "E1");
    field_value fv[] = {{"target_kind", "rec"}, {"target", "R1-1"}, {"url", "https://example.org/a"}};
    edit_t ed = {EDIT_CREATE, &kind_evidence, id, fv, 3, NULL, "t", ""};
    CHECK(store_edit(s, &ed, &e) == 0);
    CHECK(store_next_id(s, &kind_evidence, "E", a, &id, &e) == 0);
    CHECK_STR(id, "E2");
    field_value bad[] = {{"target_kind", "milestone"}, {"target", "R1-1.7"}, {"url", "https://example.org/b"}};
    edit_t ed2 = {EDIT_CREATE, &kind_evidence, id, bad, 3, NULL, "t", ""};
    CHECK(store_edit(s, &ed2, &e) != 0);
    CHECK(strstr(e.msg, "no such milestone: R1-1.7") != NULL);
    store_rollback(s);
    arena_free(a);
    store_close(s);
}

TEST(verify_detects_edits)
{
    store_t *s = seeded();
    CHECK(s != NULL);
    err_t e;
    verify_result r;
    CHECK(store_verify(s, &r, &e) == 0);
    CHECK_INT(r.bad_seq, 0);
    CHECK_INT(r.rows, 3);
    store_close(s);
}

/* A lookup whose allocation fails says so; it never answers "no such thing". */
TEST(failed_allocations_are_not_absence)
{
    store_t *s = seeded();
    CHECK(s != NULL);
    err_t e;
    view_t now = {0};
    now.current = 1;
    arena_t *a = arena_new();
    CHECK(a != NULL);
    int failures = 0;
    for (long n = 1; n <= 40; n++) {
        mem_fail_at(n, 0);
        int there = store_exists(s, &kind_rec, "R1-1", &e);
        mem_fail_at(0, 0);
        CHECK(there == 1 || (there == -1 && e.code == ERR_NOMEM));
        failures += there == -1;
        mem_fail_at(n, 0);
        ent_t en;
        int rc = store_get(s, &kind_rec, &now, "R1-1", a, &en, &e);
        mem_fail_at(0, 0);
        CHECK(rc == 0 || e.code == ERR_NOMEM);
        failures += rc != 0;
    }
    CHECK(failures >= 2);
    arena_free(a);
    store_close(s);
}

int main(void)
{
    if (db_files_begin()) return 1;
    hash_init();
    RUN(create_and_reopen);
    RUN(missing_and_foreign_files);
    RUN(as_of_and_backdating);
    RUN(known_at_sees_what_was_recorded);
    RUN(rejected_edits_write_nothing);
    RUN(rebuild_matches_incremental);
    RUN(new_ids_and_evidence_targets);
    RUN(verify_detects_edits);
    RUN(failed_allocations_are_not_absence);
    if (db_files_end()) return 1;
    TEST_EXIT();
}
