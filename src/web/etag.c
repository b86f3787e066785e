/* etag.c — see etag.h. */
#include "web/etag.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

void etag_make(const void *data, size_t n, const char *suffix, char out[ETAG_SIZE])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, n);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, h, 16);
    snprintf(out, ETAG_SIZE, "\"%s%.8s\"", hex, suffix ? suffix : "");
}

int etag_match(const char *inm, const char *etag)
{
    if (!inm || !etag) return 0;
    size_t elen = strlen(etag);
    for (const char *p = inm; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',') p++;
        if (*p == '*') return 1;
        if (p[0] == 'W' && p[1] == '/') p += 2;
        if (*p != '"') {
            p += strcspn(p, ",");
            continue;
        }
        const char *close = strchr(p + 1, '"');
        if (!close) return 0;
        if ((size_t)(close + 1 - p) == elen && memcmp(p, etag, elen) == 0) return 1;
        p = close + 1;
    }
    return 0;
}

void http_date(long long t, char out[HTTP_DATE_SIZE])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    /* The names by hand: strftime's %a and %b follow the locale. */
    static const char days[][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char months[][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    snprintf(out, HTTP_DATE_SIZE, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday], tm.tm_mday,
             months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int month_of(const char *s)
{
    static const char *const m = "JanFebMarAprMayJunJulAugSepOctNovDec";
    for (int i = 0; i < 12; i++)
        if (strncmp(s, m + 3 * i, 3) == 0) return i;
    return -1;
}

int http_date_parse(const char *s, long long *t)
{
    if (!s || strlen(s) > 40) return -1;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    char mon[4] = "", tail[8] = "";
    const char *comma = strchr(s, ',');
    if (comma && comma - s == 3) {   /* Sun, 06 Nov 1994 08:49:37 GMT */
        if (sscanf(s + 5, "%2d %3s %4d %2d:%2d:%2d %3s", &tm.tm_mday, mon, &tm.tm_year, &tm.tm_hour, &tm.tm_min,
                   &tm.tm_sec, tail) != 7)
            return -1;
        tm.tm_year -= 1900;
    } else if (comma) {              /* Sunday, 06-Nov-94 08:49:37 GMT */
        if (sscanf(comma + 2, "%2d-%3[A-Za-z]-%2d %2d:%2d:%2d %3s", &tm.tm_mday, mon, &tm.tm_year, &tm.tm_hour,
                   &tm.tm_min, &tm.tm_sec, tail) != 7)
            return -1;
        if (tm.tm_year < 70) tm.tm_year += 100;   /* a two-digit year: §5.6.7's fifty-year rule, roughly */
    } else {                         /* Sun Nov  6 08:49:37 1994 */
        strcpy(tail, "GMT");
        if (strlen(s) < 4 || sscanf(s + 4, "%3s %2d %2d:%2d:%2d %4d", mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                                    &tm.tm_sec, &tm.tm_year) != 6)
            return -1;
        tm.tm_year -= 1900;
    }
    tm.tm_mon = month_of(mon);
    if (tm.tm_mon < 0 || strcmp(tail, "GMT") != 0 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
        tm.tm_min > 59 || tm.tm_sec > 60)
        return -1;
    *t = (long long)timegm(&tm);
    return 0;
}

int etag_not_modified(const char *inm, const char *ims, const char *etag, long long last_modified)
{
    if (inm) return etag_match(inm, etag);
    long long t;
    return ims && http_date_parse(ims, &t) == 0 && t >= last_modified;
}
