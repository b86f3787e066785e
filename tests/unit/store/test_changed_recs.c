/* Tests of src/store/changed_recs.c: which recs' pages a stretch of the log
 * can change, kind by kind, and when it is every page; on a real file. */
#include "test.h"
#include "store/db_files.h"
#include "store/changed_recs.h"
#include "util/arena.h"

#include <stdarg.h>

/* One edit of up to four fields (pairs of name and value, NULL-ended) in a
 * transaction of its own. */
static int edit(store_t *s, edit_op op, const kind_def *k, const char *id, ...)
{
    field_value fv[4];
    int n = 0;
    va_list ap;
    va_start(ap, id);
    for (const char *f; n < 4 && (f = va_arg(ap, const char *));) fv[n++] = (field_value){f, va_arg(ap, const char *)};
    va_end(ap);
    return put(s, op, k, id, "2015-01-01", fv, n);
}

/* R1 with recs R1-1 (sub-item R1-2) and R1-3; R1-3 related to R1-1, a
 * milestone of R1-3 with evidence, a KPI of R1-1 with a measurement, a
 * comment on R1-2, an assessment A1 with an item on R1-3. */
static store_t *seeded(void)
{
    store_t *s = fresh();
    if (!s) return NULL;
    int rc = edit(s, EDIT_CREATE, &kind_review, "R1", "title", "Review one", NULL) ||
             edit(s, EDIT_CREATE, &kind_rec, "R1-1", "review", "R1", "title", "One", NULL) ||
             edit(s, EDIT_CREATE, &kind_rec, "R1-2", "review", "R1", "parent", "R1-1", "title", "Two", NULL) ||
             edit(s, EDIT_CREATE, &kind_rec, "R1-3", "review", "R1", "title", "Three", NULL) ||
             edit(s, EDIT_CREATE, &kind_link, "L1", "rec", "R1-3", "rel", "related", "other", "R1-1", NULL) ||
             edit(s, EDIT_CREATE, &kind_milestone, "R1-3~1", "rec", "R1-3", "title", "Plan", NULL) ||
             edit(s, EDIT_CREATE, &kind_evidence, "E1", "target_kind", "milestone", "target", "R1-3~1", "url",
                  "https://example.org/plan", NULL) ||
             edit(s, EDIT_CREATE, &kind_kpi, "K1", "rec", "R1-1", "name", "Share", "unit", "%", "direction", "up",
                  NULL) ||
             edit(s, EDIT_CREATE, &kind_comment, "C1", "target_kind", "rec", "target", "R1-2", "text", "Hm",
                  "author", "ana", NULL) ||
             edit(s, EDIT_CREATE, &kind_review, "R2", "title", "Review two", NULL) ||
             edit(s, EDIT_CREATE, &kind_assessment, "A1", "by", "R2", "of", "R1", "as_of", "2016-01-01", NULL) ||
             edit(s, EDIT_CREATE, &kind_item, "A1/R1-3", "assessment", "A1", "rec", "R1-3", NULL);
    if (rc) { store_close(s); return NULL; }
    return s;
}

static char got[200];

/* The recs the last edit's changes touch, sorted and joined by ' ', or
 * "ALL"; in got. */
static const char *touched(store_t *s, long long before)
{
    err_t e;
    page_inputs now;
    arena_t *a = arena_new();
    const char **ids;
    size_t n;
    int all;
    snprintf(got, sizeof got, "error");
    if (store_page_inputs(s, &now, &e) == 0 && store_changed_recs(s, before, now.head, a, &ids, &n, &all, &e) == 0) {
        got[0] = '\0';
        if (all) snprintf(got, sizeof got, "ALL");
        for (size_t i = 0; i < n; i++) {   /* in order: few enough to sort by insertion */
            size_t j = i;
            while (j > 0 && strcmp(ids[j - 1], ids[j]) > 0) {
                const char *t = ids[j];
                ids[j] = ids[j - 1];
                ids[j - 1] = t;
                j--;
            }
        }
        for (size_t i = 0; i < n; i++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? " " : "", ids[i]);
    }
    arena_free(a);
    return got;
}

static long long head(store_t *s)
{
    page_inputs p;
    err_t e;
    return store_page_inputs(s, &p, &e) == 0 ? p.head : -1;
}

TEST(each_kind_names_its_rec)
{
    store_t *s = seeded();
    CHECK(s != NULL);
    long long h = head(s);
    CHECK(edit(s, EDIT_UPDATE, &kind_rec, "R1-3", "title", "Three, again", NULL) == 0);
    CHECK_STR(touched(s, h), "R1-3");
    h = head(s);
    CHECK(edit(s, EDIT_UPDATE, &kind_rec, "R1-2", "status", "complete", NULL) == 0);
    CHECK_STR(touched(s, h), "R1-1 R1-2");   /* its parent shows it */
    h = head(s);
    CHECK(edit(s, EDIT_UPDATE, &kind_rec, "R1-1", "owner", "Desk", NULL) == 0);
    CHECK_STR(touched(s, h), "R1-1 R1-2");   /* its sub-item shows it */
    h = head(s);
    CHECK(edit(s, EDIT_UPDATE, &kind_milestone, "R1-3~1", "status", "complete", NULL) == 0);
    CHECK_STR(touched(s, h), "R1-3");
    h = head(s);
    CHECK(edit(s, EDIT_UPDATE, &kind_evidence, "E1", "title", "The plan", NULL) == 0);
    CHECK_STR(touched(s, h), "R1-3");        /* through its milestone */
    h = head(s);
    CHECK(edit(s, EDIT_CREATE, &kind_measurement, "M1", "kpi", "K1", "value", "40", NULL) == 0);
    CHECK_STR(touched(s, h), "R1-1");        /* through its KPI */
    h = head(s);
    CHECK(edit(s, EDIT_UPDATE, &kind_link, "L1", "active", "false", NULL) == 0);
    CHECK_STR(touched(s, h), "R1-1 R1-3");   /* both ends */
    h = head(s);
    CHECK(edit(s, EDIT_UPDATE, &kind_item, "A1/R1-3", "implemented", "partial", NULL) == 0);
    CHECK_STR(touched(s, h), "R1-3");
    h = head(s);
    CHECK(edit(s, EDIT_UPDATE, &kind_comment, "C1", "text", "Hm, yes", NULL) == 0);
    CHECK_STR(touched(s, h), "R1-2");
    h = head(s);
    CHECK(edit(s, EDIT_UPDATE, &kind_rec, "R1-3", "title", "Three", NULL) == 0);
    CHECK(edit(s, EDIT_UPDATE, &kind_milestone, "R1-3~1", "title", "Plan B", NULL) == 0);
    CHECK_STR(touched(s, h), "R1-3");        /* a stretch of several names each rec once */
    CHECK_STR(touched(s, head(s)), "");      /* nothing new */
    store_close(s);
}

TEST(what_changes_every_page)
{
    store_t *s = seeded();
    CHECK(s != NULL);
    long long h = head(s);
    CHECK(edit(s, EDIT_UPDATE, &kind_rec, "R1-3", "restricted", "true", NULL) == 0);
    CHECK_STR(touched(s, h), "ALL");         /* visibility cascades */
    h = head(s);
    CHECK(edit(s, EDIT_UPDATE, &kind_review, "R1", "title", "Review 1", NULL) == 0);
    CHECK_STR(touched(s, h), "ALL");
    h = head(s);
    CHECK(edit(s, EDIT_UPDATE, &kind_assessment, "A1", "title", "Assessed", NULL) == 0);
    CHECK_STR(touched(s, h), "ALL");
    err_t e;
    arena_t *a = arena_new();
    const char **ids;
    size_t n;
    int all = 0;
    CHECK(store_changed_recs(s, 0, CHANGED_RECS_MAX + 1, a, &ids, &n, &all, &e) == 0);
    arena_free(a);
    CHECK(all);                              /* too many to read */
    store_close(s);
}

int main(void)
{
    if (db_files_begin()) return 1;
    RUN(each_kind_names_its_rec);
    RUN(what_changes_every_page);
    db_files_end();
    TEST_EXIT();
}
