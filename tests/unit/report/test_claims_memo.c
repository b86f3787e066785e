/* Tests of src/report/claims_memo.c on a real SQLite file: a model kept is
 * the one claims_load makes (compared as JSON), asked again it is the same
 * memory, another view, assessment or audience is a model of its own, a
 * failed load is not kept, and without a memo claims_load answers. */
#include "test.h"
#include "store/db_files.h"
#include "ledger/hash.h"
#include "report/claims_memo.h"

/* R1-1 complete (assessed partial by A1 as of 2014-05-01), R1-2 restricted,
 * R1-3 complete from 2014-06-01. */
static store_t *sample(void)
{
    store_t *s = fresh();
    if (!s) return NULL;
    field_value rv[] = {{"title", "Review one"}}, rv2[] = {{"title", "Review two"}};
    field_value r1[] = {{"review", "R1"}, {"title", "One"}, {"status", "complete"}};
    field_value r2[] = {{"review", "R1"}, {"title", "Two"}, {"status", "complete"}, {"restricted", "true"}};
    field_value r3[] = {{"review", "R1"}, {"title", "Three"}, {"status", "complete"}};
    field_value as[] = {{"by", "R2"}, {"of", "R1"}, {"as_of", "2014-05-01"}, {"title", "R2 on R1"}};
    field_value i1[] = {{"assessment", "A1"}, {"rec", "R1-1"}, {"implemented", "partial"}};
    if (put(s, EDIT_CREATE, &kind_review, "R1", "2014-01-01", rv, 1) ||
        put(s, EDIT_CREATE, &kind_review, "R2", "2014-01-01", rv2, 1) ||
        put(s, EDIT_CREATE, &kind_rec, "R1-1", "2014-01-01", r1, 3) ||
        put(s, EDIT_CREATE, &kind_rec, "R1-2", "2014-01-01", r2, 4) ||
        put(s, EDIT_CREATE, &kind_rec, "R1-3", "2014-06-01", r3, 3) ||
        put(s, EDIT_CREATE, &kind_assessment, "A1", "2014-05-01", as, 4) ||
        put(s, EDIT_CREATE, &kind_item, "A1/R1-1", "2014-05-01", i1, 3)) {
        store_close(s);
        return NULL;
    }
    return s;
}

/* The model as JSON text, to compare two models whole; malloc'd. */
static char *text_of(const claims_model *m)
{
    json_t *j = claims_json(m);
    char *t = j ? json_dumps(j, JSON_SORT_KEYS) : NULL;
    json_decref(j);
    return t;
}

TEST(kept_is_what_claims_load_makes)
{
    store_t *s = sample();
    CHECK(s != NULL);
    arena_t *a = arena_new();
    claims_memo *memo = claims_memo_new();
    view_t v;
    err_t e;
    claims_model plain, kept, again;
    CHECK(a && memo && store_view(s, "2014-07-01", NULL, &v, &e) == 0);
    CHECK(claims_load(s, &v, "R1", NULL, NULL, 0, a, &plain, &e) == 0);
    CHECK(claims_load_kept(memo, s, &v, "R1", NULL, 0, a, &kept, &e) == 0);
    char *t1 = text_of(&plain), *t2 = text_of(&kept);
    CHECK(t1 && t2);
    CHECK_STR(t2, t1);
    free(t1);
    free(t2);
    CHECK_INT(kept.n, 2);   /* R1-2 is restricted */
    CHECK(claims_load_kept(memo, s, &v, "R1", NULL, 0, a, &again, &e) == 0);
    CHECK(again.rows == kept.rows);   /* made once */
    claims_memo_free(memo);
    arena_free(a);
    store_close(s);
}

TEST(each_question_its_own_model)
{
    store_t *s = sample();
    CHECK(s != NULL);
    arena_t *a = arena_new();
    claims_memo *memo = claims_memo_new();
    view_t v, early;
    err_t e;
    claims_model m, all, before, of_a1, none;
    CHECK(a && memo && store_view(s, "2014-07-01", NULL, &v, &e) == 0 &&
          store_view(s, "2014-02-01", NULL, &early, &e) == 0);
    CHECK(claims_load_kept(memo, s, &v, "R1", NULL, 0, a, &m, &e) == 0);
    CHECK(claims_load_kept(memo, s, &v, "R1", NULL, 1, a, &all, &e) == 0);
    CHECK_INT(all.n, 3);
    CHECK(claims_load_kept(memo, s, &early, "R1", NULL, 0, a, &before, &e) == 0);
    CHECK_INT(before.n, 1);   /* R1-3 came later */
    CHECK(claims_load_kept(memo, s, &v, "R1", "A1", 0, a, &of_a1, &e) == 0);
    CHECK_STR(of_a1.assessment, "A1");
    CHECK(of_a1.rows != m.rows);
    /* A failed load is an error each time, and is not kept. */
    CHECK(claims_load_kept(memo, s, &v, "R1", "NOPE", 0, a, &none, &e) != 0);
    CHECK_INT(e.code, ERR_NOTFOUND);
    CHECK(claims_load_kept(memo, s, &v, "R1", "NOPE", 0, a, &none, &e) != 0);
    /* Without a memo: claims_load's own, in the caller's arena. */
    CHECK(claims_load_kept(NULL, s, &v, "R1", NULL, 0, a, &none, &e) == 0);
    CHECK(none.rows != m.rows);
    CHECK_INT(none.n, m.n);
    claims_memo_free(memo);
    arena_free(a);
    store_close(s);
}

int main(void)
{
    if (db_files_begin()) return 1;
    hash_init();
    RUN(kept_is_what_claims_load_makes);
    RUN(each_question_its_own_model);
    if (db_files_end()) return 1;
    TEST_EXIT();
}
