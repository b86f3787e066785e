/* Tests of src/store/measure.c and src/store/link_checks.c: documentation
 * lags, "has a KPI with a target" as of a date, and the link checks table. */
#include "test.h"
#include "store/db_files.h"
#include "ledger/hash.h"
#include "store/measure.h"

/* Create or update one thing, recorded at `now`, in its own transaction. */
static int put(store_t *s, const char *now, edit_op op, const kind_def *k, const char *id,
               const char *eff, const field_value *fv, int n)
{
    err_t e;
    setenv("SSRTRACK_NOW", now, 1);
    edit_t ed = {op, k, id, fv, n, eff, "tester", ""};
    int rc = store_begin(s, &e) || store_edit(s, &ed, &e) || store_commit(s, &e);
    if (rc) { printf("# put %s: %s\n", id, e.msg); store_rollback(s); }
    unsetenv("SSRTRACK_NOW");
    return rc ? -1 : 0;
}

TEST(documentation_lags)
{
    store_t *s = fresh();
    CHECK(s != NULL);
    field_value review[] = {{"title", "Review one"}};
    field_value other[] = {{"title", "Review two"}};
    field_value rec[] = {{"review", "R1"}, {"title", "First"}, {"topic", "T"}};
    field_value rec2[] = {{"review", "R2"}, {"title", "Elsewhere"}};
    field_value ms[] = {{"rec", "R1-1"}, {"title", "Draft"}};
    field_value kpi[] = {{"rec", "R1-1"}, {"name", "N"}, {"unit", "u"}, {"direction", "up"}};
    field_value meas[] = {{"kpi", "K1"}, {"value", "3"}};
    field_value ev[] = {{"target_kind", "milestone"}, {"target", "R1-1.1"}, {"url", "https://x.example/"}};
    field_value st[] = {{"status", "complete"}};
    /* lag 0, 10 (three fields, one edit), 0, 30, 5, 2, 100 days; R2's do not count. */
    CHECK(put(s, "2014-01-01T10:00:00Z", EDIT_CREATE, &kind_review, "R1", "2014-01-01", review, 1) == 0);
    CHECK(put(s, "2014-01-11T10:00:00Z", EDIT_CREATE, &kind_rec, "R1-1", "2014-01-01", rec, 3) == 0);
    CHECK(put(s, "2014-01-11T11:00:00Z", EDIT_CREATE, &kind_review, "R2", "2014-01-11", other, 1) == 0);
    CHECK(put(s, "2014-01-12T10:00:00Z", EDIT_CREATE, &kind_rec, "R2-1", "2013-01-01", rec2, 2) == 0);
    CHECK(put(s, "2014-02-01T10:00:00Z", EDIT_CREATE, &kind_milestone, "R1-1.1", "2014-02-01", ms, 2) == 0);
    CHECK(put(s, "2014-03-03T10:00:00Z", EDIT_UPDATE, &kind_milestone, "R1-1.1", "2014-02-01", st, 1) == 0);
    CHECK(put(s, "2014-03-06T10:00:00Z", EDIT_CREATE, &kind_kpi, "K1", "2014-03-01", kpi, 4) == 0);
    CHECK(put(s, "2014-03-08T10:00:00Z", EDIT_CREATE, &kind_measurement, "M1", "2014-03-06", meas, 2) == 0);
    CHECK(put(s, "2014-06-20T10:00:00Z", EDIT_CREATE, &kind_evidence, "E1", "2014-03-12", ev, 3) == 0);
    arena_t *a = arena_new();
    long *lags;
    size_t n;
    err_t e;
    CHECK(store_doc_lags(s, "R1", "2014-12-31", 0, a, &lags, &n, &e) == 0);
    /* The milestone's completion wrote status and done together: one edit. */
    static const long expect[] = {0, 0, 2, 5, 10, 30, 100};
    CHECK_INT(n, 7);
    for (size_t i = 0; i < n; i++) CHECK_INT(lags[i], expect[i]);
    /* As of 2014-02-28: only edits effective by then. */
    CHECK(store_doc_lags(s, "R1", "2014-02-28", 0, a, &lags, &n, &e) == 0);
    CHECK_INT(n, 4);
    CHECK_INT(lags[3], 30);
    CHECK(store_doc_lags(s, "R2", "2014-12-31", 0, a, &lags, &n, &e) == 0);
    CHECK_INT(n, 2);
    CHECK_INT(lags[1], 376);
    arena_free(a);
    store_close(s);
}

TEST(kpi_with_target_as_of)
{
    store_t *s = fresh();
    CHECK(s != NULL);
    field_value review[] = {{"title", "Review one"}};
    field_value rec[] = {{"review", "R1"}, {"title", "First"}};
    field_value kpi[] = {{"rec", "R1-1"}, {"name", "N"}, {"unit", "u"}, {"direction", "up"}};
    field_value target[] = {{"target", "10"}};
    field_value cleared[] = {{"target", ""}};
    CHECK(put(s, "2020-01-01T00:00:00Z", EDIT_CREATE, &kind_review, "R1", "2012-01-01", review, 1) == 0);
    CHECK(put(s, "2020-01-01T00:00:00Z", EDIT_CREATE, &kind_rec, "R1-1", "2012-01-01", rec, 2) == 0);
    CHECK(put(s, "2020-01-01T00:00:00Z", EDIT_CREATE, &kind_kpi, "K1", "2013-01-01", kpi, 4) == 0);
    CHECK(put(s, "2020-01-01T00:00:00Z", EDIT_UPDATE, &kind_kpi, "K1", "2015-01-01", target, 1) == 0);
    CHECK(put(s, "2020-01-01T00:00:00Z", EDIT_UPDATE, &kind_kpi, "K1", "2017-01-01", cleared, 1) == 0);
    err_t e;
    view_t v;
    static const struct { const char *date; int has; } when[] = {
        {"2012-06-01", 0}, {"2014-12-31", 0}, {"2015-01-01", 1}, {"2016-12-31", 1}, {"2017-01-01", 0}};
    for (size_t i = 0; i < sizeof when / sizeof when[0]; i++) {
        CHECK(store_view(s, when[i].date, NULL, &v, &e) == 0);
        CHECK_INT(store_rec_has_kpi_target(s, &v, "R1-1", &e), when[i].has);
    }
    CHECK(store_view(s, "2016-01-01", NULL, &v, &e) == 0);
    CHECK_INT(store_rec_has_kpi_target(s, &v, "R1-9", &e), 0);
    /* What the tracker knew before the target was recorded. */
    CHECK(store_view(s, "2016-01-01", "2019-12-31", &v, &e) == 0);
    CHECK_INT(store_rec_has_kpi_target(s, &v, "R1-1", &e), 0);
    store_close(s);
}

TEST(link_checks_latest_and_alive)
{
    store_t *s = fresh();
    CHECK(s != NULL);
    err_t e;
    link_check c[] = {
        {"https://a.example/", "2026-01-01T00:00:00.000000Z", "ok", 200, "https://a.example/", "aa", 5, 0, 0,
         "\"v1\"", NULL, "GET", 10, "", NULL},
        {"https://b.example/", "2026-01-01T00:00:00.000000Z", "dead", 404, "https://b.example/", NULL, -1, 0, 0,
         NULL, NULL, "GET", 10, "HTTP 404", NULL},
        {"https://a.example/", "2026-02-01T00:00:00.000000Z", "dead", 0, NULL, NULL, -1, 0, 0,
         NULL, NULL, "HEAD", 10, "timed out", NULL},
    };
    CHECK(store_link_check_add(s, &c[0], &e) != 0);   /* outside a transaction */
    CHECK(store_begin(s, &e) == 0);
    for (int i = 0; i < 3; i++) CHECK(store_link_check_add(s, &c[i], &e) == 0);
    CHECK(store_commit(s, &e) == 0);
    arena_t *a = arena_new();
    link_check *l;
    size_t n;
    CHECK(store_link_latest(s, NULL, 0, a, &l, &n, &e) == 0);
    CHECK_INT(n, 2);
    CHECK_STR(l[0].url, "https://a.example/");
    CHECK_STR(l[0].outcome, "dead");
    CHECK_STR(l[0].last_alive, "2026-01-01T00:00:00.000000Z");
    CHECK(l[0].sha256 == NULL && l[0].body_bytes == -1 && l[0].http_status == 0);
    CHECK(l[1].last_alive == NULL);
    CHECK(link_check_find(l, n, "https://b.example/") == &l[1]);
    CHECK(link_check_find(l, n, "https://c.example/") == NULL);
    /* As it stood in January; and the newest check that read a body. */
    CHECK(store_link_latest(s, "2026-01-31T23:59:59.999999Z", 0, a, &l, &n, &e) == 0);
    CHECK_STR(l[0].outcome, "ok");
    CHECK(store_link_latest(s, NULL, 1, a, &l, &n, &e) == 0);
    CHECK_INT(n, 1);
    CHECK_STR(l[0].sha256, "aa");
    CHECK_STR(l[0].etag, "\"v1\"");
    CHECK_INT(l[0].body_bytes, 5);
    /* Only the URLs asked for, each once, in URL order, as of a date: what
     * store_link_latest says of them. */
    const char *urls[] = {"https://c.example/", "https://b.example/", "https://a.example/", "https://b.example/"};
    CHECK(store_link_latest_of(s, NULL, urls, 4, a, &l, &n, &e) == 0);
    CHECK_INT(n, 2);
    CHECK_STR(l[0].url, "https://a.example/");
    CHECK_STR(l[0].outcome, "dead");
    CHECK_STR(l[0].last_alive, "2026-01-01T00:00:00.000000Z");
    CHECK_STR(l[1].error, "HTTP 404");
    CHECK(l[1].last_alive == NULL);
    const char *one[] = {"https://a.example/"};
    CHECK(store_link_latest_of(s, "2026-01-31T23:59:59.999999Z", one, 1, a, &l, &n, &e) == 0);
    CHECK_INT(n, 1);
    CHECK_STR(l[0].outcome, "ok");
    CHECK_INT(l[0].body_bytes, 5);
    CHECK(store_link_latest_of(s, "2025-12-31T23:59:59.999999Z", one, 1, a, &l, &n, &e) == 0);
    CHECK_INT(n, 0);
    CHECK(store_link_latest_of(s, NULL, NULL, 0, a, &l, &n, &e) == 0);
    CHECK_INT(n, 0);
    /* The log itself is untouched by checks. */
    CHECK_INT(store_head_seq(s), 0);
    arena_free(a);
    store_close(s);
}

int main(void)
{
    if (db_files_begin()) return 1;
    hash_init();
    RUN(documentation_lags);
    RUN(kpi_with_target_as_of);
    RUN(link_checks_latest_and_alive);
    if (db_files_end()) return 1;
    TEST_EXIT();
}
