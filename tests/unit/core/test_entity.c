/* Tests of src/core/entity.c: the kinds as data, ids per kind, and the
 * validation and canonical form of each field type (field_normalize). */
#include "test.h"
#include "core/entity.h"

static arena_t *a;
static err_t e;

/* norm(kind, field, in): field_normalize's canonical form, or NULL (the
 * message in e). */
static const char *norm(const kind_def *k, const char *field, const char *in)
{
    int i = kind_field(k, field);
    if (i < 0) return NULL;
    const char *out = NULL;
    return field_normalize(&k->fields[i], in, a, &out, &e) == 0 ? out : NULL;
}

TEST(kinds_and_field_positions)
{
    int n = 0;
    for (int i = 0; all_kinds[i]; i++, n++) {
        CHECK(kind_find(all_kinds[i]->name) == all_kinds[i]);
        CHECK(all_kinds[i]->nfields > 0 && all_kinds[i]->nfields <= KIND_MAX_FIELDS);
        for (int f = 0; f < all_kinds[i]->nfields; f++)
            CHECK_INT(kind_field(all_kinds[i], all_kinds[i]->fields[f].name), f);
    }
    CHECK_INT(n, 15);   /* review … measurement, comment, user, token, verification */
    CHECK(n <= KIND_MAX_KINDS);
    CHECK(kind_find("recs") == NULL);
    CHECK_INT(kind_field(&kind_rec, "nope"), -1);
    /* The enums of entity.h name the fields in declaration order. */
    CHECK_INT(kind_rec.nfields, REC_NFIELDS);
    CHECK_STR(kind_rec.fields[REC_STATUS].name, "status");
    CHECK_STR(kind_rec.fields[REC_RESTRICTED].name, "restricted");
    CHECK_INT(kind_milestone.nfields, MS_NFIELDS);
    CHECK_STR(kind_milestone.fields[MS_DONE].name, "done");
    CHECK_INT(kind_item.nfields, ITEM_NFIELDS);
    CHECK_STR(kind_item.fields[ITEM_STATE].name, "state");
    CHECK_INT(kind_kpi.nfields, KPI_NFIELDS);
    CHECK_STR(kind_kpi.fields[KPI_TARGET_DATE].name, "target_date");
    CHECK_INT(kind_measurement.nfields, MEAS_NFIELDS);
    CHECK_INT(kind_evidence.nfields, EV_NFIELDS);
    CHECK_INT(kind_signoff.nfields, SIGN_NFIELDS);
}

TEST(ids_per_kind)
{
    CHECK(kind_id_valid(&kind_rec, "SSR1-6A"));
    CHECK(!kind_id_valid(&kind_rec, "SSR2-A/SSR1-6"));
    CHECK(kind_id_valid(&kind_item, "SSR2-A/SSR1-6"));
    CHECK(!kind_id_valid(&kind_item, "SSR1-6"));            /* an item is a pair */
    CHECK(!kind_id_valid(&kind_item, "SSR2-A/"));
    CHECK(!kind_id_valid(&kind_item, "/SSR1-6"));
    CHECK(kind_id_valid(&kind_link, "SSR2-1 derived_from SSR1-2"));
    CHECK(!kind_id_valid(&kind_link, ""));
    CHECK(!kind_id_valid(&kind_link, "a\nb"));
    CHECK(!kind_id_valid(&kind_link, "a\x01" "b"));
    CHECK(!kind_id_valid(&kind_link, "\xC3("));             /* not UTF-8 */
    char *id = link_id(a, "SSR2-1", "derived_from", "SSR1-2");
    CHECK_STR(id, "SSR2-1 derived_from SSR1-2");
    CHECK(kind_id_valid(&kind_link, id));
}

TEST(lines_and_text)
{
    CHECK_STR(norm(&kind_rec, "title", "Remit statement"), "Remit statement");
    CHECK(norm(&kind_rec, "title", "two\nlines") == NULL);
    CHECK(strstr(e.msg, "field 'title'") && strstr(e.msg, "one line"));
    CHECK(norm(&kind_rec, "title", "ctl\x01" "here") == NULL);
    CHECK(norm(&kind_rec, "title", "") == NULL);             /* required */
    CHECK(strstr(e.msg, "must not be empty"));
    CHECK_STR(norm(&kind_rec, "topic", ""), "");             /* optional: cleared */
    CHECK_STR(norm(&kind_rec, "text", "a\r\nb\rc\nd"), "a\nb\nc\nd");   /* LF only */
    CHECK(norm(&kind_rec, "text", "bell\a") == NULL);
    CHECK(norm(&kind_rec, "title", "\xFF") == NULL);
    CHECK(strstr(e.msg, "UTF-8"));
    char big[600];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK(norm(&kind_rec, "title", big) == NULL);            /* over 500 bytes */
    CHECK(strstr(e.msg, "longer than 500 bytes"));
}

TEST(dates_enums_statuses_bools)
{
    CHECK_STR(norm(&kind_rec, "due", "2016-02-29"), "2016-02-29");
    CHECK(norm(&kind_rec, "due", "2015-02-29") == NULL);
    CHECK(strstr(e.msg, "not a valid date"));
    CHECK_STR(norm(&kind_rec, "priority", "p2"), "P2");      /* canonical case */
    CHECK(norm(&kind_rec, "priority", "P5") == NULL);
    CHECK(strstr(e.msg, "one of: P1, P2, P3, P4"));
    CHECK_STR(norm(&kind_rec, "status", "In progress"), "in_progress");
    CHECK_STR(norm(&kind_milestone, "status", "Complete"), "complete");
    CHECK(norm(&kind_rec, "status", "done") == NULL);
    CHECK(strstr(e.msg, "unknown status 'done'"));
    CHECK_STR(norm(&kind_rec, "recurring", "YES"), "true");
    CHECK_STR(norm(&kind_rec, "recurring", "off"), "false");
    CHECK(norm(&kind_rec, "recurring", "maybe") == NULL);
    CHECK(field_true("true") && !field_true("false") && !field_true(NULL));
}

TEST(ids_urls_numbers)
{
    CHECK_STR(norm(&kind_rec, "review", "SSR1"), "SSR1");
    CHECK(norm(&kind_rec, "parent", "not an id") == NULL);
    CHECK(strstr(e.msg, "not a valid id"));
    CHECK_STR(norm(&kind_signoff, "item", "SSR2-A/SSR1-6"), "SSR2-A/SSR1-6");
    CHECK(norm(&kind_signoff, "item", "SSR1-6") == NULL);    /* refers to an item: a pair */
    CHECK_STR(norm(&kind_evidence, "target", "SSR2-A/SSR1-6"), "SSR2-A/SSR1-6");  /* either */
    CHECK_STR(norm(&kind_evidence, "target", "SSR1-9.1"), "SSR1-9.1");
    CHECK_STR(norm(&kind_evidence, "url", "https://www.icann.org/x?y=1"), "https://www.icann.org/x?y=1");
    CHECK(norm(&kind_evidence, "url", "ftp://example.org/") == NULL);
    CHECK(norm(&kind_evidence, "url", "https:///path") == NULL);
    CHECK(norm(&kind_evidence, "url", "https://a.example/\"><script>") == NULL);
    CHECK(norm(&kind_evidence, "url", "https://a.example/a b") == NULL);
    CHECK(strstr(e.msg, "not an http(s) URL"));
    CHECK_STR(norm(&kind_measurement, "value", "-0.5"), "-0.5");
    CHECK_STR(norm(&kind_measurement, "value", "0012"), "0012");   /* kept as written */
    CHECK(norm(&kind_measurement, "value", "1e3") == NULL);
    CHECK(norm(&kind_measurement, "value", "+1") == NULL);
    CHECK(norm(&kind_measurement, "value", "1.") == NULL);
    CHECK(norm(&kind_measurement, "value", ".5") == NULL);
    CHECK(strstr(e.msg, "not a number"));
}

int main(void)
{
    a = arena_new();
    if (!a) return 1;
    RUN(kinds_and_field_positions);
    RUN(ids_per_kind);
    RUN(lines_and_text);
    RUN(dates_enums_statuses_bools);
    RUN(ids_urls_numbers);
    arena_free(a);
    TEST_EXIT();
}
