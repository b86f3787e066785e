/* fuzz_date.c — the date and timestamp parsers (util/date.c) and the
 * "18 March 2014" dates of the source documents (doc_date): whatever they
 * accept must be a valid normalised value that reads back to itself, and
 * the arithmetic on it must round-trip. */
#include "fuzz.h"
#include "import/doc_text.h"
#include "util/date.h"

static void check_date(const char *d)
{
    FUZZ_CHECK(date_valid(d));
    char back[DATE_SIZE], q[DATE_SIZE], label[8];
    date_from_days(date_to_days(d), back);
    FUZZ_CHECK(strcmp(back, d) == 0);
    /* A day on and back, away from the ends of the calendar (which hold). */
    date_add_days(d, 1, back);
    if (strcmp(d, "9999-12-31") != 0) {
        FUZZ_CHECK(strcmp(back, d) > 0);
        date_add_days(back, -1, back);
        FUZZ_CHECK(strcmp(back, d) == 0);
    } else {
        FUZZ_CHECK(strcmp(back, d) == 0);
    }
    date_quarter_end(d, q);
    FUZZ_CHECK(date_valid(q) && strcmp(q, d) >= 0);
    date_quarter_label(d, label);
    FUZZ_CHECK(strlen(label) == 7 && strncmp(label, d, 4) == 0);
}

static void check_ts(const char *s, int end_of_day)
{
    char ts[TS_SIZE], again[TS_SIZE], back[TS_SIZE];
    if (ts_parse(s, end_of_day, ts) != 0) return;
    FUZZ_CHECK(strlen(ts) == TS_LEN && ts[10] == 'T' && ts[TS_LEN - 1] == 'Z');
    char day[DATE_SIZE];
    memcpy(day, ts, DATE_LEN);
    day[DATE_LEN] = '\0';
    check_date(day);
    /* Normalised text parses to itself, and so do its microseconds. */
    FUZZ_CHECK(ts_parse(ts, 0, again) == 0 && strcmp(again, ts) == 0);
    ts_from_micros(ts_to_micros(ts), back);
    FUZZ_CHECK(strcmp(back, ts) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_setup();
    if (size > 256) return 0;
    char *s = fuzz_string(data, size);
    if (date_valid(s)) check_date(s);
    check_ts(s, 0);
    check_ts(s, 1);
    char d[DATE_SIZE];
    if (doc_date(s, d) == 0) {
        check_date(d);
        /* The day and year are those written, not a remainder of them: the
         * first number of the text, and the number after the month. */
        char *end;
        long day = strtol(s, &end, 10);
        while (*end == ' ' || *end == '\t') end++;
        long year = strtol(end + strcspn(end, " \t\r\n\v\f"), NULL, 10);
        FUZZ_CHECK(atol(d) == year && atol(d + 8) == day);
    }
    free(s);
    return 0;
}
