/* Tests of src/util/date.c. */
#include "test.h"
#include "util/date.h"

TEST(valid_dates)
{
    CHECK(date_valid("2014-03-18"));
    CHECK(date_valid("2016-02-29"));
    CHECK(date_valid("2000-02-29"));
    CHECK(!date_valid("1900-02-29"));
    CHECK(!date_valid("2014-02-30"));
    CHECK(!date_valid("2014-13-01"));
    CHECK(!date_valid("2014-00-10"));
    CHECK(!date_valid("2014-3-18"));
    CHECK(!date_valid("2014-03-18x"));
    CHECK(!date_valid(""));
    CHECK(!date_valid(NULL));
}

TEST(days_round_trip)
{
    CHECK_INT(date_to_days("1970-01-01"), 0);
    CHECK_INT(date_to_days("2014-03-18"), 16147);
    char d[DATE_SIZE];
    for (long n = -1000; n < 40000; n += 7) {
        date_from_days(n, d);
        CHECK(date_valid(d));
        CHECK_INT(date_to_days(d), n);
    }
    date_add_days("2014-02-28", 1, d);
    CHECK_STR(d, "2014-03-01");
    date_add_days("2016-02-28", 1, d);
    CHECK_STR(d, "2016-02-29");
}

TEST(timestamps)
{
    char ts[TS_SIZE];
    CHECK(ts_parse("2014-03-18", 0, ts) == 0);
    CHECK_STR(ts, "2014-03-18T00:00:00.000000Z");
    CHECK(ts_parse("2014-03-18", 1, ts) == 0);
    CHECK_STR(ts, "2014-03-18T23:59:59.999999Z");
    CHECK(ts_parse("2014-03-18T10:20", 0, ts) == 0);
    CHECK_STR(ts, "2014-03-18T10:20:00.000000Z");
    CHECK(ts_parse("2014-03-18 10:20:30.5Z", 0, ts) == 0);
    CHECK_STR(ts, "2014-03-18T10:20:30.500000Z");
    CHECK(ts_parse("2014-03-18T01:00:00+02:00", 0, ts) == 0);
    CHECK_STR(ts, "2014-03-17T23:00:00.000000Z");
    CHECK(ts_parse("2014-03-18T23:30:00-0100", 0, ts) == 0);
    CHECK_STR(ts, "2014-03-19T00:30:00.000000Z");
    CHECK(ts_parse("2014-03-18T24:00", 0, ts) != 0);
    CHECK(ts_parse("2014-02-30T10:00", 0, ts) != 0);
    CHECK(ts_parse("2014-03-18T10:00:00Zjunk", 0, ts) != 0);
    CHECK(ts_parse("yesterday", 0, ts) != 0);
    CHECK_INT(ts_to_micros("1970-01-01T00:00:01.000002Z"), 1000002);
    ts_from_micros(ts_to_micros("2014-03-18T10:20:30.123456Z"), ts);
    CHECK_STR(ts, "2014-03-18T10:20:30.123456Z");
}

TEST(quarters)
{
    char d[DATE_SIZE], q[8];
    date_quarter_end("2014-03-18", d);
    CHECK_STR(d, "2014-03-31");
    date_quarter_end("2014-04-01", d);
    CHECK_STR(d, "2014-06-30");
    date_quarter_end("2014-12-31", d);
    CHECK_STR(d, "2014-12-31");
    date_quarter_label("2014-08-02", q);
    CHECK_STR(q, "2014-Q3");
}

TEST(fixed_clock)
{
    setenv("SSRTRACK_NOW", "2020-05-06T07:08:09Z", 1);
    char ts[TS_SIZE], d[DATE_SIZE];
    clock_now(ts);
    clock_today(d);
    unsetenv("SSRTRACK_NOW");
    CHECK_STR(ts, "2020-05-06T07:08:09.000000Z");
    CHECK_STR(d, "2020-05-06");
}

/* Years 1000-9999 are all there is: arithmetic stops at the ends instead
 * of wrapping to year 0000, and a zone cannot carry a timestamp past them
 * (both were found by tests/fuzz/fuzz_date.c). */
TEST(calendar_ends)
{
    char d[DATE_SIZE], ts[TS_SIZE];
    date_add_days("9999-12-31", 1, d);
    CHECK_STR(d, "9999-12-31");
    date_add_days("1000-01-01", -1, d);
    CHECK_STR(d, "1000-01-01");
    date_add_days("9999-12-30", 1, d);
    CHECK_STR(d, "9999-12-31");
    CHECK(ts_parse("9999-12-31T23:00-05:00", 0, ts) == -1);
    CHECK(ts_parse("1000-01-01T00:30+01:00", 0, ts) == -1);
    CHECK(ts_parse("9999-12-31T18:59:59.999999-05:00", 0, ts) == 0);
    CHECK_STR(ts, "9999-12-31T23:59:59.999999Z");
    CHECK(ts_parse("1000-01-01T01:00+01:00", 0, ts) == 0);
    CHECK_STR(ts, "1000-01-01T00:00:00.000000Z");
    CHECK(ts_parse("9999-12-31", 1, ts) == 0);
    CHECK_STR(ts, "9999-12-31T23:59:59.999999Z");
}

/* HTML's datetime takes at most milliseconds (the Nu HTML checker refuses
 * our six digits); other text passes unchanged. */
TEST(html_datetime)
{
    char out[TS_SIZE];
    ts_html("2014-03-18T09:30:00.123456Z", out);
    CHECK_STR(out, "2014-03-18T09:30:00.123Z");
    ts_html("2014-03-18", out);
    CHECK_STR(out, "2014-03-18");
    ts_html("2014-03-18T09:30:00Z", out);
    CHECK_STR(out, "2014-03-18T09:30:00Z");
    ts_html(NULL, out);
    CHECK_STR(out, "");
}

int main(void)
{
    RUN(valid_dates);
    RUN(days_round_trip);
    RUN(timestamps);
    RUN(quarters);
    RUN(fixed_clock);
    RUN(calendar_ends);
    RUN(html_datetime);
    TEST_EXIT();
}
