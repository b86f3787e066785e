/* etag.h — validators for conditional GETs (RFC 9110 §8.8, §13): a strong
 * ETag from a hash of the body, HTTP dates for Last-Modified, and the rule
 * that turns If-None-Match / If-Modified-Since into a 304. Pure. */
#ifndef SSR_ETAG_H
#define SSR_ETAG_H

#include <stddef.h>

#define ETAG_SIZE 48
#define HTTP_DATE_SIZE 30

/* A strong entity tag for the body: its SHA-256, the first 16 bytes in hex,
 * quoted, with suffix (NULL: none) inside the quotes before the closing one
 * ("…-gz" names the gzip form, a different representation of the same page). */
void etag_make(const void *data, size_t n, const char *suffix, char out[ETAG_SIZE]);

/* 1 when an If-None-Match value names etag ("*", or one of its comma-
 * separated entity tags, compared weakly: W/ ignored, as §13.1.2 says). */
int etag_match(const char *if_none_match, const char *etag);

/* t (seconds since the epoch) as an IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT". */
void http_date(long long t, char out[HTTP_DATE_SIZE]);
/* Any of the three HTTP-date forms (IMF-fixdate, RFC 850, asctime) to
 * seconds since the epoch; 0, or -1 when s is not one. */
int http_date_parse(const char *s, long long *t);

/* Whether a GET with these request headers (either may be NULL) may be
 * answered 304 for a representation with etag, last modified at
 * last_modified. If-None-Match, when sent, decides alone; otherwise
 * If-Modified-Since must be a valid date no earlier than last_modified. */
int etag_not_modified(const char *if_none_match, const char *if_modified_since, const char *etag,
                      long long last_modified);

#endif
