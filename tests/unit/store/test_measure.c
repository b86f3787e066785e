/* Tests of src/store/measure.c, src/store/lag_counts.c and
 * src/store/link_checks.c: documentation lags (the reference pass over the
 * log, and the counts kept at each write against it, over the demo and over
 * random writes), "has a KPI with a target" as of a date, and the link
 * checks table. */
#include "test.h"
#include "store/db_files.h"
#include "embedded.h"
#include "import/canonical.h"
#include "ledger/hash.h"
#include "store/measure.h"

#include <string.h>

/* 0 when the kept lags of review as of a date (store_doc_lags) are exactly
 * those the reference pass finds (store_doc_lags_scan); else says how they
 * differ and returns 1. */
static int same_lags(store_t *s, const char *review, const char *as_of, int public_only)
{
    arena_t *a = arena_new();
    long *v;
    ind_count *c;
    size_t n, k, total, j = 0;
    err_t e;
    int bad = !a || store_doc_lags_scan(s, review, as_of, public_only, a, &v, &n, &e) ||
              store_doc_lags(s, review, as_of, public_only, a, &c, &k, &total, &e);
    if (bad) printf("# %s\n", a ? e.msg : "out of memory");
    for (size_t i = 0; !bad && i < k; i++) {
        if (!c[i].n || (i && c[i].value <= c[i - 1].value)) bad = 1;
        for (size_t m = 0; !bad && m < c[i].n; m++, j++)
            if (j >= n || v[j] != c[i].value) bad = 1;
    }
    if (!bad && (j != n || total != n)) bad = 1;
    if (bad) printf("# %s as of %s%s: %zu edits kept, %zu found by the pass\n", review, as_of,
                    public_only ? " (public)" : "", total, n);
    arena_free(a);
    return bad;
}

/* same_lags for each review, each date and both audiences: the number of
 * cases that differ. */
static int all_same(store_t *s, const char *const *reviews, const char *const *dates)
{
    int bad = 0;
    for (int r = 0; reviews[r]; r++)
        for (int d = 0; dates[d]; d++)
            bad += same_lags(s, reviews[r], dates[d], 0) + same_lags(s, reviews[r], dates[d], 1);
    return bad;
}

/* Create or update one thing, recorded at `now`, in its own transaction. */
static int put_at(store_t *s, const char *now, edit_op op, const kind_def *k, const char *id,
                  const char *eff, const field_value *fv, int n)
{
    setenv("SSRTRACK_NOW", now, 1);
    int rc = put(s, op, k, id, eff, fv, n);
    unsetenv("SSRTRACK_NOW");
    return rc;
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
    CHECK(put_at(s, "2014-01-01T10:00:00Z", EDIT_CREATE, &kind_review, "R1", "2014-01-01", review, 1) == 0);
    CHECK(put_at(s, "2014-01-11T10:00:00Z", EDIT_CREATE, &kind_rec, "R1-1", "2014-01-01", rec, 3) == 0);
    CHECK(put_at(s, "2014-01-11T11:00:00Z", EDIT_CREATE, &kind_review, "R2", "2014-01-11", other, 1) == 0);
    CHECK(put_at(s, "2014-01-12T10:00:00Z", EDIT_CREATE, &kind_rec, "R2-1", "2013-01-01", rec2, 2) == 0);
    CHECK(put_at(s, "2014-02-01T10:00:00Z", EDIT_CREATE, &kind_milestone, "R1-1.1", "2014-02-01", ms, 2) == 0);
    CHECK(put_at(s, "2014-03-03T10:00:00Z", EDIT_UPDATE, &kind_milestone, "R1-1.1", "2014-02-01", st, 1) == 0);
    CHECK(put_at(s, "2014-03-06T10:00:00Z", EDIT_CREATE, &kind_kpi, "K1", "2014-03-01", kpi, 4) == 0);
    CHECK(put_at(s, "2014-03-08T10:00:00Z", EDIT_CREATE, &kind_measurement, "M1", "2014-03-06", meas, 2) == 0);
    CHECK(put_at(s, "2014-06-20T10:00:00Z", EDIT_CREATE, &kind_evidence, "E1", "2014-03-12", ev, 3) == 0);
    arena_t *a = arena_new();
    long *lags;
    size_t n;
    err_t e;
    CHECK(store_doc_lags_scan(s, "R1", "2014-12-31", 0, a, &lags, &n, &e) == 0);
    /* The milestone's completion wrote status and done together: one edit. */
    static const long expect[] = {0, 0, 2, 5, 10, 30, 100};
    CHECK_INT(n, 7);
    for (size_t i = 0; i < n; i++) CHECK_INT(lags[i], expect[i]);
    /* As of 2014-02-28: only edits effective by then. */
    CHECK(store_doc_lags_scan(s, "R1", "2014-02-28", 0, a, &lags, &n, &e) == 0);
    CHECK_INT(n, 4);
    CHECK_INT(lags[3], 30);
    CHECK(store_doc_lags_scan(s, "R2", "2014-12-31", 0, a, &lags, &n, &e) == 0);
    CHECK_INT(n, 2);
    CHECK_INT(lags[1], 376);
    /* The counts kept at each write say the same, and the percentiles from
     * them are those of the sorted lags. */
    ind_count *c;
    size_t k, total;
    CHECK(store_doc_lags(s, "R1", "2014-12-31", 0, a, &c, &k, &total, &e) == 0);
    CHECK_INT(total, 7);
    CHECK_INT(k, 6);
    CHECK_INT(ind_percentile_counts(c, k, 50), 5);
    CHECK_INT(ind_percentile_counts(c, k, 90), 100);
    static const char *const reviews[] = {"R1", "R2", "R3", NULL};
    static const char *const dates[] = {"2013-12-31", "2014-02-28", "2014-03-06", "2014-12-31", NULL};
    CHECK_INT(all_same(s, reviews, dates), 0);
    arena_free(a);
    store_close(s);
}

/* The demo, as `demo` loads it. */
TEST(kept_lags_of_the_demo)
{
    store_t *s = fresh();
    CHECK(s != NULL);
    static const char *const files[] = {"data/demo.json", "data/demo-ssr2.json"};
    for (int i = 0; i < 2; i++) {
        const embedded_file *f = embedded_files;
        while (f->name && strcmp(f->name, files[i]) != 0) f++;
        CHECK(f->name != NULL);
        canon_stats st;
        err_t e;
        int rc = canon_import(s, files[i], (const char *)f->data, f->size, "demo", &st, &e);
        if (rc) printf("# %s\n", e.msg);
        CHECK(rc == 0);
    }
    static const char *const reviews[] = {"SSR1", "SSR2", NULL};
    static const char *const dates[] = {"2012-06-30", "2015-01-01", "2018-12-31", "2099-12-31", NULL};
    CHECK_INT(all_same(s, reviews, dates), 0);
    /* Restricting a rec hides its edits and its milestones' from the public. */
    field_value hide[] = {{"restricted", "true"}};
    setenv("SSRTRACK_NOW", "2026-01-01T00:00:00Z", 1);
    err_t e;
    edit_t ed = {EDIT_UPDATE, &kind_rec, "SSR1-9", hide, 1, "2020-01-01", "tester", ""};
    CHECK(store_begin(s, &e) == 0 && store_edit(s, &ed, &e) == 0 && store_commit(s, &e) == 0);
    unsetenv("SSRTRACK_NOW");
    arena_t *a = arena_new();
    ind_count *c;
    size_t k, all, shown;
    CHECK(store_doc_lags(s, "SSR1", "2099-12-31", 0, a, &c, &k, &all, &e) == 0);
    CHECK(store_doc_lags(s, "SSR1", "2099-12-31", 1, a, &c, &k, &shown, &e) == 0);
    CHECK(shown < all);
    CHECK_INT(all_same(s, reviews, dates), 0);
    arena_free(a);
    store_close(s);
}

/* A small deterministic generator, so that a failure repeats. */
static unsigned long rnd_state = 12345;
static unsigned rnd(unsigned n)
{
    rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)(rnd_state >> 33) % n;
}

/* A date of a few: edits of one thing meet on the same dates often. */
static void rnd_date(char *d, int from_year, int years)
{
    snprintf(d, DATE_SIZE, "%04d-%02u-01", from_year + (int)rnd((unsigned)years), 1 + 6 * rnd(2));
}

/* One random write in a transaction of its own, recorded at now: an update
 * of a thing, one or two edits at once, a restriction set or lifted, a new
 * milestone, or a raw change that moves a thing to another rec, review or
 * target. A write the store refuses is rolled back; that is fine too.
 * 1 when a move was committed. */
static int random_write(store_t *s, const char *now, int step)
{
    static const char *const recs[] = {"RA1", "RA2", "RA3", "RB1", "RB2", "RB3"};
    static const char *const mss[] = {"RA1.1", "RA2.1", "RB1.1"};
    char eff[DATE_SIZE], eff2[DATE_SIZE], rep[DATE_SIZE], id[32];
    rnd_date(eff, 2011, 4);
    rnd_date(eff2, 2011, 4);
    rnd_date(rep, 2011, 6);
    err_t e;
    setenv("SSRTRACK_NOW", now, 1);
    int rc = store_begin(s, &e);
    if (!rc && rnd(2)) rc = store_set_reported(s, rep, &e);
    const char *rec = recs[rnd(6)], *ms = mss[rnd(3)];
    field_value status[] = {{"status", rnd(2) ? "in_progress" : "complete"}};
    field_value title[] = {{"title", rnd(2) ? "One" : "Two"}};
    field_value hide[] = {{"restricted", rnd(2) ? "true" : "false"}};
    edit_t ed = {EDIT_UPDATE, &kind_rec, rec, status, 1, eff, "tester", ""};
    unsigned what = rnd(9);
    switch (what) {
    case 0: case 1:
        if (!rc) rc = store_edit(s, &ed, &e);
        ed.fv = title;   /* the same edit again, or another date */
        ed.effective_at = rnd(2) ? eff : eff2;
        if (!rc && rnd(2)) rc = store_edit(s, &ed, &e);
        break;
    case 2:
        ed.kind = &kind_milestone, ed.id = ms;
        if (!rc) rc = store_edit(s, &ed, &e);
        break;
    case 3: {
        static const kind_def *const kinds[] = {&kind_rec, &kind_milestone, &kind_evidence};
        static const char *const ids[] = {"RA2", "RB1.1", "E2"};
        int i = (int)rnd(3);
        ed.kind = kinds[i], ed.id = ids[i], ed.fv = hide;
        if (!rc) rc = store_edit(s, &ed, &e);
        break;
    }
    case 4: {
        snprintf(id, sizeof id, "%s.%d", rec, 10 + step);
        field_value fv[] = {{"rec", rec}, {"title", "New"}};
        edit_t cr = {EDIT_CREATE, &kind_milestone, id, fv, 2, eff, "tester", ""};
        if (!rc) rc = store_edit(s, &cr, &e);
        break;
    }
    case 5:
        if (!rc) rc = store_append(s, &kind_rec, rnd(2) ? "RA3" : "RB3", "review", rnd(2) ? "RA" : "RB", eff,
                                   "tester", "moved", &e);
        break;
    case 6:
        if (!rc) rc = store_append(s, rnd(2) ? &kind_milestone : &kind_kpi, rnd(2) ? "RA1.1" : "K1", "rec", rec, eff,
                                   "tester", "moved", &e);
        break;
    case 7:
        if (!rc) rc = store_append(s, rnd(2) ? &kind_measurement : &kind_link, rnd(2) ? "M1" : "L1",
                                   rnd(2) ? "kpi" : "rec", rnd(2) ? "K2" : rec, eff, "tester", "moved", &e);
        break;
    default: {
        static const char *const targets[][2] = {{"rec", "RB2"}, {"milestone", "RA2.1"}, {"item", "A1/RA1"},
                                                 {"rec", "RA1"}};
        int t = (int)rnd(4);
        if (!rc) rc = store_append(s, &kind_evidence, "E1", "target_kind", targets[t][0], eff, "tester", "moved", &e);
        if (!rc) rc = store_append(s, &kind_evidence, "E1", "target", targets[t][1], eff, "tester", "moved", &e);
    }
    }
    if (!rc) rc = store_commit(s, &e);
    if (rc) store_rollback(s);
    unsetenv("SSRTRACK_NOW");
    return !rc && what >= 5;
}

/* The number of edits of review as of the far future, for all or the public. */
static size_t edits_of(store_t *s, const char *review, int public_only)
{
    arena_t *a = arena_new();
    ind_count *c;
    size_t k, total = 0;
    err_t e;
    if (a && store_doc_lags(s, review, "2099-12-31", public_only, a, &c, &k, &total, &e)) total = 0;
    arena_free(a);
    return total;
}

TEST(kept_lags_match_the_pass)
{
    store_t *s = fresh();
    CHECK(s != NULL);
    const char *t0 = "2016-01-01T00:00:00Z";
    field_value rv[] = {{"title", "Review"}};
    CHECK(put_at(s, t0, EDIT_CREATE, &kind_review, "RA", "2010-01-01", rv, 1) == 0);
    CHECK(put_at(s, t0, EDIT_CREATE, &kind_review, "RB", "2010-01-01", rv, 1) == 0);
    static const char *const recs[] = {"RA1", "RA2", "RA3", "RB1", "RB2", "RB3"};
    for (int i = 0; i < 6; i++) {
        field_value fv[] = {{"review", i < 3 ? "RA" : "RB"}, {"title", "Rec"}};
        CHECK(put_at(s, t0, EDIT_CREATE, &kind_rec, recs[i], "2010-01-01", fv, 2) == 0);
    }
    static const char *const mss[][2] = {{"RA1.1", "RA1"}, {"RA2.1", "RA2"}, {"RB1.1", "RB1"}};
    for (int i = 0; i < 3; i++) {
        field_value fv[] = {{"rec", mss[i][1]}, {"title", "Milestone"}};
        CHECK(put_at(s, t0, EDIT_CREATE, &kind_milestone, mss[i][0], "2010-01-01", fv, 2) == 0);
    }
    field_value asm_[] = {{"by", "RB"}, {"of", "RA"}, {"as_of", "2012-01-01"}};
    field_value item[] = {{"assessment", "A1"}, {"rec", "RA1"}};
    field_value k1[] = {{"rec", "RA1"}, {"name", "N"}, {"unit", "u"}, {"direction", "up"}};
    field_value k2[] = {{"rec", "RB2"}, {"name", "N"}, {"unit", "u"}, {"direction", "up"}};
    field_value m1[] = {{"kpi", "K1"}, {"value", "3"}};
    field_value l1[] = {{"rec", "RA2"}, {"rel", "related"}, {"other", "RB1"}};
    field_value e1[] = {{"target_kind", "rec"}, {"target", "RA1"}, {"url", "https://x.example/"}};
    field_value e2[] = {{"target_kind", "milestone"}, {"target", "RA2.1"}, {"url", "https://y.example/"}};
    CHECK(put_at(s, t0, EDIT_CREATE, &kind_assessment, "A1", "2010-01-01", asm_, 3) == 0);
    CHECK(put_at(s, t0, EDIT_CREATE, &kind_item, "A1/RA1", "2010-01-01", item, 2) == 0);
    CHECK(put_at(s, t0, EDIT_CREATE, &kind_kpi, "K1", "2010-01-01", k1, 4) == 0);
    CHECK(put_at(s, t0, EDIT_CREATE, &kind_kpi, "K2", "2010-01-01", k2, 4) == 0);
    CHECK(put_at(s, t0, EDIT_CREATE, &kind_measurement, "M1", "2010-01-01", m1, 2) == 0);
    CHECK(put_at(s, t0, EDIT_CREATE, &kind_link, "L1", "2010-01-01", l1, 3) == 0);
    CHECK(put_at(s, t0, EDIT_CREATE, &kind_evidence, "E1", "2010-01-01", e1, 3) == 0);
    CHECK(put_at(s, t0, EDIT_CREATE, &kind_evidence, "E2", "2010-01-01", e2, 3) == 0);
    static const char *const reviews[] = {"RA", "RB", NULL};
    static const char *const dates[] = {"2010-01-01", "2012-06-30", "2013-12-31", "2099-12-31", NULL};
    CHECK_INT(all_same(s, reviews, dates), 0);
    /* Writes recorded a minute apart, or (one in three) at the same moment
     * as the one before: an edit spans one recorded_at, not a transaction. */
    int minute = 0, bad = 0, moves = 0, hidden = 0;
    for (int step = 0; step < 300; step++) {
        if (rnd(3)) minute++;
        char now[TS_SIZE];
        snprintf(now, sizeof now, "2016-02-%02dT%02d:%02d:00Z", 1 + minute / 1440, minute / 60 % 24, minute % 60);
        moves += random_write(s, now, step);
        if (all_same(s, reviews, dates)) { printf("# after write %d\n", step); bad++; break; }
        hidden += edits_of(s, "RA", 1) < edits_of(s, "RA", 0);
    }
    CHECK_INT(bad, 0);
    /* The writes did move things, and hid some for a while. */
    printf("# %d moves, %d steps with hidden edits, %zu edits of RA\n", moves, hidden, edits_of(s, "RA", 0));
    CHECK(moves >= 20);
    CHECK(hidden >= 20);
    CHECK(edits_of(s, "RA", 0) > 50);
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
    CHECK(put_at(s, "2020-01-01T00:00:00Z", EDIT_CREATE, &kind_review, "R1", "2012-01-01", review, 1) == 0);
    CHECK(put_at(s, "2020-01-01T00:00:00Z", EDIT_CREATE, &kind_rec, "R1-1", "2012-01-01", rec, 2) == 0);
    CHECK(put_at(s, "2020-01-01T00:00:00Z", EDIT_CREATE, &kind_kpi, "K1", "2013-01-01", kpi, 4) == 0);
    CHECK(put_at(s, "2020-01-01T00:00:00Z", EDIT_UPDATE, &kind_kpi, "K1", "2015-01-01", target, 1) == 0);
    CHECK(put_at(s, "2020-01-01T00:00:00Z", EDIT_UPDATE, &kind_kpi, "K1", "2017-01-01", cleared, 1) == 0);
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
    RUN(kept_lags_of_the_demo);
    RUN(kept_lags_match_the_pass);
    RUN(kpi_with_target_as_of);
    RUN(link_checks_latest_and_alive);
    if (db_files_end()) return 1;
    TEST_EXIT();
}
