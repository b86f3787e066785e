/* Tests of src/core/kpi.c (the KPI status rule) and src/core/indicator.c. */
#include "test.h"
#include "core/entity.h"
#include "core/indicator.h"
#include "core/kpi.h"

/* A KPI going up from 40 on 2014-01-01 to 80 by 2016-01-01 (730 days). */
static kpi_spec up_spec(void)
{
    kpi_spec k = {KPI_UP, FREQ_NONE, 1, {40, "2014-01-01"}, 1, {80, "2016-01-01"}};
    return k;
}

static const char *status_of(const kpi_spec *k, const kpi_point *m, size_t n, const char *as_of)
{
    kpi_eval ev;
    kpi_evaluate(k, m, n, as_of, &ev);
    return kpi_status_name(ev.status);
}

TEST(status_rule_in_order)
{
    kpi_spec k = up_spec();
    /* Halfway in time (2015-01-01 is day 365 of 730): the line asks 0.5. */
    kpi_point on[] = {{56, "2015-01-01"}};      /* p = 0.4 = 0.5 - 0.10: on track, just */
    kpi_point risk[] = {{55, "2015-01-01"}};    /* p = 0.375: at risk */
    kpi_point edge[] = {{50, "2015-01-01"}};    /* p = 0.25 = 0.5 - 0.25: at risk, just */
    kpi_point off[] = {{49, "2015-01-01"}};     /* p = 0.225: off track */
    kpi_point worse[] = {{39, "2014-02-01"}};   /* below the baseline */
    kpi_point done[] = {{80, "2015-01-01"}};
    CHECK_STR(status_of(&k, on, 1, "2015-01-02"), "on_track");
    CHECK_STR(status_of(&k, risk, 1, "2015-01-02"), "at_risk");
    CHECK_STR(status_of(&k, edge, 1, "2015-01-02"), "at_risk");
    CHECK_STR(status_of(&k, off, 1, "2015-01-02"), "off_track");
    CHECK_STR(status_of(&k, worse, 1, "2014-03-01"), "off_track");
    CHECK_STR(status_of(&k, done, 1, "2015-01-02"), "achieved");
    /* Achieved stays achieved after the target date; missing it does not. */
    CHECK_STR(status_of(&k, done, 1, "2017-01-01"), "achieved");
    CHECK_STR(status_of(&k, on, 1, "2016-01-02"), "off_track");
    CHECK_STR(status_of(&k, on, 1, "2016-01-01"), "on_track");
    /* Nothing measured by as_of: stale; measurements after as_of are unseen. */
    CHECK_STR(status_of(&k, on, 0, "2015-01-02"), "stale");
    CHECK_STR(status_of(&k, on, 1, "2014-12-31"), "stale");
    kpi_spec none = k;
    none.has_target = 0;
    CHECK_STR(status_of(&none, on, 1, "2015-01-02"), "no_target");
}

TEST(expected_and_progress_values)
{
    kpi_spec k = up_spec();
    kpi_point m[] = {{60, "2015-01-01"}, {50, "2014-07-01"}};   /* any order */
    kpi_eval ev;
    kpi_evaluate(&k, m, 2, "2015-02-01", &ev);
    CHECK(ev.has_latest && ev.has_progress && ev.has_expected);
    CHECK_STR(ev.latest.date, "2015-01-01");
    CHECK(ev.progress > 0.4999 && ev.progress < 0.5001);
    CHECK(ev.expected > 0.4999 && ev.expected < 0.5001);
    CHECK_STR(kpi_status_name(ev.status), "on_track");
    CHECK_STR(ev.next_due, "");
}

TEST(down_direction_and_no_baseline)
{
    /* Fewer incidents is better; start is the first measurement. */
    kpi_spec k = {KPI_DOWN, FREQ_NONE, 0, {0, NULL}, 1, {10, "2015-01-01"}};
    kpi_point m[] = {{30, "2014-01-01"}, {20, "2014-07-02"}};
    CHECK_STR(status_of(&k, m, 2, "2014-08-01"), "on_track");
    kpi_point slow[] = {{30, "2014-01-01"}, {28, "2014-07-02"}};   /* p = 0.1, e = 0.5 */
    CHECK_STR(status_of(&k, slow, 2, "2014-08-01"), "off_track");
    kpi_point met[] = {{30, "2014-01-01"}, {10, "2014-07-02"}};
    CHECK_STR(status_of(&k, met, 2, "2014-08-01"), "achieved");
    /* The first measurement had met the target; the newest has lost it. */
    kpi_point lost[] = {{5, "2014-01-01"}, {12, "2014-07-02"}};
    CHECK_STR(status_of(&k, lost, 2, "2014-08-01"), "off_track");
    /* No target date: better than the start is on track. */
    k.target.date = NULL;
    CHECK_STR(status_of(&k, m, 2, "2030-01-01"), "on_track");
}

TEST(stale_by_frequency)
{
    kpi_spec k = up_spec();
    k.freq = FREQ_QUARTERLY;
    kpi_point m[] = {{56, "2014-11-30"}};
    kpi_eval ev;
    kpi_evaluate(&k, m, 1, "2015-02-28", &ev);
    CHECK_STR(ev.next_due, "2015-02-28");
    CHECK(ev.status != KPI_STALE);
    kpi_evaluate(&k, m, 1, "2015-03-01", &ev);
    CHECK_STR(kpi_status_name(ev.status), "stale");
    /* Stale comes before achieved: an old measurement says nothing of now. */
    kpi_point done[] = {{90, "2014-01-31"}};
    kpi_evaluate(&k, done, 1, "2015-01-01", &ev);
    CHECK_STR(kpi_status_name(ev.status), "stale");
    char out[DATE_SIZE];
    kpi_period_end("2016-01-31", FREQ_MONTHLY, out);
    CHECK_STR(out, "2016-02-29");
    kpi_period_end("2015-12-15", FREQ_MONTHLY, out);
    CHECK_STR(out, "2016-01-15");
    kpi_period_end("2016-02-29", FREQ_YEARLY, out);
    CHECK_STR(out, "2017-02-28");
    kpi_period_end("2014-11-30", FREQ_QUARTERLY, out);
    CHECK_STR(out, "2015-02-28");
}

TEST(numbers_and_value_at)
{
    double d;
    CHECK(kpi_number("12", &d) == 0 && d == 12);
    CHECK(kpi_number("-0.5", &d) == 0 && d == -0.5);
    CHECK(kpi_number("1e3", &d) != 0);
    CHECK(kpi_number("+1", &d) != 0);
    CHECK(kpi_number("1.", &d) != 0);
    CHECK(kpi_number("", &d) != 0);
    char buf[64];
    const char *v, *dt;
    err_t e;
    CHECK(kpi_value_at("40@2014-01-01", "--baseline", 0, buf, &v, &dt, &e) == 0);
    CHECK_STR(v, "40");
    CHECK_STR(dt, "2014-01-01");
    CHECK(kpi_value_at("80", "--target", 1, buf, &v, &dt, &e) == 0);
    CHECK(dt == NULL);
    CHECK(kpi_value_at("80", "--baseline", 0, buf, &v, &dt, &e) != 0);
    CHECK(strstr(e.msg, "VALUE@DATE") != NULL);
    CHECK(kpi_value_at("80@2014-02-30", "--target", 1, buf, &v, &dt, &e) != 0);
    CHECK(kpi_value_at("x@2014-02-01", "--target", 1, buf, &v, &dt, &e) != 0);
    CHECK(strstr(e.msg, "--target") != NULL);
}

TEST(spec_from_fields_and_check)
{
    const char *v[KPI_NFIELDS] = {0};
    v[KPI_REC] = "R1-1";
    v[KPI_DIRECTION] = "down";
    v[KPI_BASELINE] = "40";
    v[KPI_BASELINE_DATE] = "2014-01-01";
    v[KPI_TARGET] = "80";
    v[KPI_FREQUENCY] = "yearly";
    kpi_spec k;
    err_t e;
    CHECK(kpi_spec_from_fields(v, &k, &e) == 0);
    CHECK(k.dir == KPI_DOWN && k.freq == FREQ_YEARLY && k.has_baseline && k.has_target);
    CHECK(k.target.date == NULL);
    CHECK(kpi_fields_have_target(v));
    CHECK(kpi_spec_check(&k, &e) != 0);        /* down, but the target is above */
    CHECK(strstr(e.msg, "below") != NULL);
    v[KPI_DIRECTION] = "up";
    v[KPI_TARGET_DATE] = "2013-01-01";
    CHECK(kpi_spec_from_fields(v, &k, &e) == 0);
    CHECK(kpi_spec_check(&k, &e) != 0);        /* target date before the baseline's */
    v[KPI_TARGET_DATE] = "2015-01-01";
    CHECK(kpi_spec_from_fields(v, &k, &e) == 0);
    CHECK(kpi_spec_check(&k, &e) == 0);
    v[KPI_TARGET] = NULL;
    CHECK(!kpi_fields_have_target(v));
    /* The number field type of the kinds accepts what kpi_number accepts. */
    arena_t *a = arena_new();
    const char *out;
    CHECK(field_normalize(&kind_kpi.fields[KPI_TARGET], "-12.5", a, &out, &e) == 0);
    CHECK(field_normalize(&kind_kpi.fields[KPI_TARGET], "12,5", a, &out, &e) != 0);
    CHECK(field_normalize(&kind_measurement.fields[MEAS_VALUE], "", a, &out, &e) != 0);
    CHECK_INT(kind_kpi.nfields, KPI_NFIELDS);
    CHECK_INT(kind_measurement.nfields, MEAS_NFIELDS);
    CHECK_STR(kind_kpi.fields[KPI_FREQUENCY].name, "frequency");
    arena_free(a);
}

TEST(percentiles_and_shares)
{
    long v[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    CHECK_INT(ind_percentile(v, 10, 50), 4);    /* rank ceil(5) = 5 */
    CHECK_INT(ind_percentile(v, 10, 90), 8);    /* rank 9 */
    CHECK_INT(ind_percentile(v, 10, 100), 9);
    CHECK_INT(ind_percentile(v, 1, 90), 0);
    long w[] = {3, 7, 20};
    CHECK_INT(ind_percentile(w, 3, 50), 7);     /* rank ceil(1.5) = 2 */
    CHECK_INT(ind_percentile(w, 3, 90), 20);
    CHECK_INT(ind_percentile(w, 0, 50), -1);
    CHECK(ind_share(1, 3) == 0.3333);
    CHECK(ind_share(2, 3) == 0.6667);
    CHECK(ind_share(0, 0) == -1);
}

int main(void)
{
    RUN(status_rule_in_order);
    RUN(expected_and_progress_values);
    RUN(down_direction_and_no_baseline);
    RUN(stale_by_frequency);
    RUN(numbers_and_value_at);
    RUN(spec_from_fields_and_check);
    RUN(percentiles_and_shares);
    TEST_EXIT();
}
