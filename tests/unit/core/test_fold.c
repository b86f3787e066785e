/* Tests of src/core/fold.c, src/core/entity.c and src/core/change.c. */
#include "test.h"
#include "core/change.h"
#include "core/entity.h"
#include "core/fold.h"
#include "util/buf.h"

TEST(descriptor_order)
{
    /* The position enums must match the field lists. */
    CHECK_STR(kind_rec.fields[REC_STATUS].name, "status");
    CHECK_STR(kind_rec.fields[REC_RESTRICTED].name, "restricted");
    CHECK_INT(kind_rec.nfields, REC_NFIELDS);
    CHECK_INT(kind_review.nfields, REVIEW_NFIELDS);
    CHECK_INT(kind_milestone.nfields, MS_NFIELDS);
    CHECK_STR(kind_milestone.fields[MS_DONE].name, "done");
    CHECK_INT(kind_link.nfields, LINK_NFIELDS);
    CHECK_STR(kind_link.fields[LINK_OTHER].name, "other");
    for (int i = 0; all_kinds[i]; i++) CHECK(all_kinds[i]->nfields <= KIND_MAX_FIELDS);
    CHECK_INT(kind_evidence.nfields, EV_NFIELDS);
    CHECK_STR(kind_evidence.fields[EV_URL].name, "url");
    CHECK(kind_find("rec") == &kind_rec);
    CHECK(kind_id_valid(&kind_rec, "SSR1-6A"));
    CHECK(!kind_id_valid(&kind_rec, "A/B"));
    CHECK(kind_id_valid(&kind_link, "SSR2-1 derived_from SSR1-2"));
    CHECK(!kind_id_valid(&kind_link, "two\nlines"));
    CHECK(kind_find("nope") == NULL);
}

TEST(normalize)
{
    arena_t *a = arena_new();
    err_t e;
    const char *out;
    const field_def *status = &kind_rec.fields[REC_STATUS];
    CHECK(field_normalize(status, "In progress", a, &out, &e) == 0);
    CHECK_STR(out, "in_progress");
    CHECK(field_normalize(status, "finished", a, &out, &e) != 0);
    CHECK(strstr(e.msg, "unknown status 'finished'") != NULL);
    CHECK(field_normalize(&kind_rec.fields[REC_DUE], "2014-02-30", a, &out, &e) != 0);
    CHECK(strstr(e.msg, "due") != NULL);
    CHECK(field_normalize(&kind_rec.fields[REC_DUE], "", a, &out, &e) == 0);
    CHECK_STR(out, "");
    CHECK(field_normalize(&kind_rec.fields[REC_TITLE], "", a, &out, &e) != 0);
    CHECK(field_normalize(&kind_rec.fields[REC_TITLE], "two\nlines", a, &out, &e) != 0);
    CHECK(field_normalize(&kind_rec.fields[REC_PRIORITY], "p2", a, &out, &e) == 0);
    CHECK_STR(out, "P2");
    CHECK(field_normalize(&kind_rec.fields[REC_PRIORITY], "P5", a, &out, &e) != 0);
    CHECK(field_normalize(&kind_rec.fields[REC_RECURRING], "yes", a, &out, &e) == 0);
    CHECK_STR(out, "true");
    CHECK(field_normalize(&kind_rec.fields[REC_TEXT], "a\r\nb\rc", a, &out, &e) == 0);
    CHECK_STR(out, "a\nb\nc");
    CHECK(field_normalize(&kind_rec.fields[REC_TEXT], "bad \xC0\xAF", a, &out, &e) != 0);
    CHECK(field_normalize(&kind_review.fields[REVIEW_URL], "javascript:alert(1)", a, &out, &e) != 0);
    CHECK(field_normalize(&kind_review.fields[REVIEW_URL], "https://www.icann.org/x", a, &out, &e) == 0);
    arena_free(a);
}

typedef struct { const char *from[16]; const char *status[16]; int n; } seen;

static int collect(void *ctx, const fold_version *v)
{
    seen *s = ctx;
    s->from[s->n] = v->valid_from;
    s->status[s->n] = v->v[REC_STATUS];
    s->n++;
    return 0;
}

TEST(fold_versions_and_backdating)
{
    /* Sorted by (effective_at, seq): the back-dated seq 5 sits between. */
    fold_change ch[] = {
        {1, "review", "SSR1", "2012-10-18"},
        {2, "title", "T", "2012-10-18"},
        {5, "status", "planning", "2013-01-01"},
        {3, "status", "in_progress", "2013-05-01"},
        {4, "status", "complete", "2014-03-18"},
        {6, "status", "ongoing", "2014-03-18"},
    };
    seen s = {0};
    CHECK(fold_entity(&kind_rec, ch, 6, collect, &s) == 0);
    CHECK_INT(s.n, 4);
    CHECK_STR(s.from[0], "2012-10-18");
    CHECK_STR(s.status[0], "not_started");
    CHECK_STR(s.status[1], "planning");
    CHECK_STR(s.status[2], "in_progress");
    CHECK_STR(s.status[3], "ongoing");  /* a later-recorded change wins its date */

    const char *v[KIND_MAX_FIELDS], *from;
    long long last;
    CHECK(fold_at(&kind_rec, ch, 6, "2013-02-01", v, &from, &last) == 1);
    CHECK_STR(v[REC_STATUS], "planning");
    CHECK_STR(from, "2013-01-01");
    CHECK_INT(last, 5);
    CHECK(fold_at(&kind_rec, ch, 6, "2012-01-01", v, &from, &last) == 0);
}

TEST(fold_needs_required_fields)
{
    fold_change ch[] = {{1, "status", "planning", "2012-01-01"}, {2, "title", "T", "2012-02-01"},
                        {3, "review", "SSR1", "2012-03-01"}, {4, "due", "", "2012-04-01"}};
    seen s = {0};
    CHECK(fold_entity(&kind_rec, ch, 4, collect, &s) == 0);
    CHECK_INT(s.n, 2);
    CHECK_STR(s.from[0], "2012-03-01");
}

TEST(canonical_encoding_vector)
{
    /* The vector is recomputed independently in docs/ledger.md's example. */
    change_t c = {1, "rec", "SSR1-6A", "status", "complete", "2014-03-18",
                  "2026-01-02T03:04:05.000006Z", "ana", "report \xE2\x9C\x93", NULL, 0, {0}};
    buf_t b = BUF_INIT;
    change_encode(&c, &b);
    CHECK(buf_ok(&b));
    CHECK_INT(b.len, 9 * 4 + 1 + 3 + 7 + 6 + 8 + 10 + 27 + 3 + 10);
    CHECK(memcmp(b.data, "\0\0\0\001" "1\0\0\0\003rec", 11) == 0);
    buf_free(&b);
}

int main(void)
{
    RUN(descriptor_order);
    RUN(normalize);
    RUN(fold_versions_and_backdating);
    RUN(fold_needs_required_fields);
    RUN(canonical_encoding_vector);
    TEST_EXIT();
}
