/* date.h — ISO 8601 calendar dates and UTC timestamps as fixed-width text.
 *
 * A date is "YYYY-MM-DD" (DATE_LEN chars). A timestamp is normalised to
 * "YYYY-MM-DDTHH:MM:SS.ffffffZ" (TS_LEN chars), always UTC, so that text order
 * is time order. Output buffers are caller-owned arrays of DATE_SIZE/TS_SIZE. */
#ifndef SSR_DATE_H
#define SSR_DATE_H

#define DATE_LEN 10
#define DATE_SIZE 11
#define TS_LEN 27
#define TS_SIZE 28

/* 1 when s is exactly a valid calendar date (2014-02-30 is not). Years 1000-9999. */
int date_valid(const char *s);

/* Parse a timestamp: "YYYY-MM-DD", "YYYY-MM-DD[T ]HH:MM[:SS[.f{1,9}]][Z|±HH:MM]".
 * A bare date means its first instant, or its last if end_of_day. Without a
 * zone, UTC. Returns 0 and fills out, or -1 (also when the instant falls
 * outside years 1000-9999 in UTC). */
int ts_parse(const char *s, int end_of_day, char out[TS_SIZE]);

/* Days since 1970-01-01 for a valid date, and back (days before year 1000
 * or after 9999 give the first or the last day of that range). */
long date_to_days(const char *date);
void date_from_days(long days, char out[DATE_SIZE]);
void date_add_days(const char *date, long n, char out[DATE_SIZE]);

/* Microseconds since the epoch for a normalised timestamp, and back. */
long long ts_to_micros(const char *ts);
void ts_from_micros(long long us, char out[TS_SIZE]);

/* A normalised timestamp as HTML's datetime attribute takes it, which allows
 * at most three digits of a second: "2014-03-18T09:30:00.123456Z" becomes
 * "2014-03-18T09:30:00.123Z". Text of any other shape is copied as it is
 * (cut to TS_LEN). */
void ts_html(const char *ts, char out[TS_SIZE]);

/* The last day of the calendar quarter holding date (2014-03-18 -> 2014-03-31). */
void date_quarter_end(const char *date, char out[DATE_SIZE]);
/* "2014-Q1" style label of the quarter holding date; out holds 8 bytes. */
void date_quarter_label(const char *date, char out[8]);

/* The clock. SSRTRACK_NOW (a timestamp) fixes it, for tests and reproducible
 * runs; otherwise the system's UTC clock. */
void clock_now(char out[TS_SIZE]);
void clock_today(char out[DATE_SIZE]);

#endif
