/* date.c — calendar arithmetic on the proleptic Gregorian calendar
 * (days_from_civil / civil_from_days after H. Hinnant); see date.h. */
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

/* Read exactly n digits at s into *v; 0 on success. */
static int digits(const char *s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 0;
}

/* Parse the date part at s (10 chars) into y, m, d; 0 when valid. */
static int parse_ymd(const char *s, int *y, int *m, int *d)
{
    if (digits(s, 4, y) || s[4] != '-' || digits(s + 5, 2, m) || s[7] != '-' ||
        digits(s + 8, 2, d))
        return -1;
    if (*y < 1000 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m)) return -1;
    return 0;
}

int date_valid(const char *s)
{
    int y, m, d;
    return s && strlen(s) == DATE_LEN && parse_ymd(s, &y, &m, &d) == 0;
}

static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

long date_to_days(const char *date)
{
    int y, m, d;
    if (parse_ymd(date, &y, &m, &d) != 0) return 0;
    return days_from_civil(y, m, d);
}

/* The first and last days a date can name (years 1000-9999). */
static long first_day(void) { return days_from_civil(1000, 1, 1); }
static long last_day(void) { return days_from_civil(9999, 12, 31); }

void date_from_days(long days, char out[DATE_SIZE])
{
    int y, m, d;
    /* Past either end the nearest date, not a year that wrapped round. */
    if (days < first_day()) days = first_day();
    if (days > last_day()) days = last_day();
    civil_from_days(days, &y, &m, &d);
    snprintf(out, DATE_SIZE, "%04d-%02d-%02d", y, m, d);
}

void date_add_days(const char *date, long n, char out[DATE_SIZE])
{
    date_from_days(date_to_days(date) + n, out);
}

long long ts_to_micros(const char *ts)
{
    int hh, mm, ss, us;
    long days = date_to_days(ts);
    if (digits(ts + 11, 2, &hh) || digits(ts + 14, 2, &mm) || digits(ts + 17, 2, &ss) ||
        digits(ts + 20, 6, &us))
        return 0;
    return ((long long)days * 86400 + hh * 3600 + mm * 60 + ss) * 1000000LL + us;
}

void ts_from_micros(long long us, char out[TS_SIZE])
{
    long long secs = us / 1000000, frac = us % 1000000;
    if (frac < 0) { frac += 1000000; secs--; }
    long days = (long)(secs / 86400);
    long rem = (long)(secs % 86400);
    if (rem < 0) { rem += 86400; days--; }
    char d[DATE_SIZE];
    date_from_days(days, d);
    snprintf(out, TS_SIZE, "%sT%02ld:%02ld:%02ld.%06lldZ", d, rem / 3600, rem / 60 % 60,
             rem % 60, frac);
}

void ts_html(const char *ts, char out[TS_SIZE])
{
    snprintf(out, TS_SIZE, "%s", ts ? ts : "");
    if (strlen(out) == TS_LEN && out[19] == '.' && out[TS_LEN - 1] == 'Z') {
        out[23] = 'Z';
        out[24] = '\0';
    }
}

int ts_parse(const char *s, int end_of_day, char out[TS_SIZE])
{
    int y, m, d, hh = 0, mi = 0, ss = 0;
    long us = 0;
    if (!s || strlen(s) < DATE_LEN || parse_ymd(s, &y, &m, &d) != 0) return -1;
    const char *p = s + DATE_LEN;
    if (*p == '\0') {
        if (end_of_day) { hh = 23; mi = 59; ss = 59; us = 999999; }
    } else {
        if (*p != 'T' && *p != 't' && *p != ' ') return -1;
        p++;
        if (digits(p, 2, &hh) || p[2] != ':' || digits(p + 3, 2, &mi)) return -1;
        p += 5;
        if (*p == ':') {
            if (digits(p + 1, 2, &ss)) return -1;
            p += 3;
            if (*p == '.' || *p == ',') {
                p++;
                int n = 0;
                long scale = 100000;
                while (*p >= '0' && *p <= '9') {
                    if (n < 6) us += (*p - '0') * scale;
                    scale /= 10;
                    n++;
                    p++;
                }
                if (n == 0 || n > 9) return -1;
            }
        }
        if (hh > 23 || mi > 59 || ss > 59) return -1;
        long offset = 0;
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int oh, om;
            int sign = *p == '-' ? -1 : 1;
            if (digits(p + 1, 2, &oh)) return -1;
            if (p[3] == ':') { if (digits(p + 4, 2, &om)) return -1; p += 6; }
            else { if (digits(p + 3, 2, &om)) return -1; p += 5; }
            if (oh > 23 || om > 59) return -1;
            offset = sign * (oh * 3600L + om * 60L);
        }
        if (*p != '\0') return -1;
        long long t = ((long long)days_from_civil(y, m, d) * 86400 + hh * 3600 + mi * 60 + ss -
                       offset) * 1000000LL + us;
        /* The zone may carry the instant out of years 1000-9999 in UTC. */
        if (t < (long long)first_day() * 86400000000LL || t >= ((long long)last_day() + 1) * 86400000000LL)
            return -1;
        ts_from_micros(t, out);
        return 0;
    }
    long long t = ((long long)days_from_civil(y, m, d) * 86400 + hh * 3600 + mi * 60 + ss) *
                  1000000LL + us;
    ts_from_micros(t, out);
    return 0;
}

void date_quarter_end(const char *date, char out[DATE_SIZE])
{
    int y, m, d;
    if (parse_ymd(date, &y, &m, &d) != 0) { out[0] = '\0'; return; }
    int qm = (m - 1) / 3 * 3 + 3;
    snprintf(out, DATE_SIZE, "%04d-%02d-%02d", y, qm, days_in_month(y, qm));
}

void date_quarter_label(const char *date, char out[8])
{
    int y, m, d;
    if (parse_ymd(date, &y, &m, &d) != 0) { out[0] = '\0'; return; }
    snprintf(out, 8, "%04d-Q%d", y, (m - 1) / 3 + 1);
}

void clock_now(char out[TS_SIZE])
{
    const char *fixed = getenv("SSRTRACK_NOW");
    if (fixed && *fixed && ts_parse(fixed, 0, out) == 0) return;
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    ts_from_micros((long long)t.tv_sec * 1000000LL + t.tv_nsec / 1000, out);
}

void clock_today(char out[DATE_SIZE])
{
    char now[TS_SIZE];
    clock_now(now);
    memcpy(out, now, DATE_LEN);
    out[DATE_LEN] = '\0';
}
