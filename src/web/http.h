/* http.h — requests and responses as plain data, independent of the server
 * library: the MHD adapter (server.c), the one-request-from-stdin mode and
 * the static exporter all fill an http_request and read an http_response.
 * Parsers here are for untrusted bytes: every one has a limit and reports
 * failure instead of guessing. All strings are arena-owned. */
#ifndef SSR_HTTP_H
#define SSR_HTTP_H

#include <stddef.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

#define HTTP_MAX_PARAMS 64
#define HTTP_MAX_HEADERS 64
#define HTTP_MAX_HEADER_BYTES 16384
#define HTTP_MAX_BODY (1u << 20)

typedef struct { const char *name, *value; } http_pair;

typedef struct {
    const char *method;
    const char *path;          /* as sent (not decoded), without the query */
    const char *query;         /* after '?', or "" */
    http_pair *params;         /* the query, decoded */
    int nparams;
    http_pair *form;           /* an application/x-www-form-urlencoded body, decoded */
    int nform;
    http_pair *headers;        /* names in lower case */
    int nheaders;
    const char *body;
    size_t body_len;
    const char *remote;        /* the peer's address */
} http_request;

typedef struct {
    int status;
    const char *content_type;  /* with charset for text */
    buf_t body;
    http_pair headers[16];
    int nheaders;
    int cacheable;             /* the same bytes for every anonymous request */
} http_response;

const char *http_header(const http_request *r, const char *lower_name);
const char *http_param(const http_request *r, const char *name);
const char *http_form(const http_request *r, const char *name);
/* Add a response header (copies into the arena). */
int http_add_header(http_response *res, arena_t *a, const char *name, const char *value);

/* Decode %XX and '+' in [s, s+n) into a new string; NULL on a bad escape or
 * a NUL byte. */
char *http_url_decode(arena_t *a, const char *s, size_t n, int plus_is_space);
/* Parse "a=1&b=2" (query or form body) into pairs; ERR_INPUT past max pairs
 * or on a bad escape. */
int http_parse_pairs(arena_t *a, const char *s, size_t n, http_pair **out, int *count, err_t *e);
/* 1 when s holds a control character (below 0x20, or 0x7f), TAB, CR and LF
 * included. */
int http_has_control(const char *s);
/* 1 when the path, once decoded, is UTF-8 without NUL or any control
 * character, and so are the decoded query parameters; 0 otherwise. The
 * server library cut a path at a decoded NUL ("/static/x.css%00.html"). */
int http_target_clean(arena_t *a, const char *path, const http_pair *params, int n);
/* A count or a change number given as a parameter: 1 to 18 decimal digits,
 * nothing else (no sign, no space), so arithmetic on it cannot overflow.
 * 0 and *out set, or -1. */
int http_count(const char *s, long long *out);
/* The value of cookie `name` in a Cookie header, or NULL. */
const char *http_cookie(arena_t *a, const char *header, const char *name);

/* Read one HTTP/1.x request from raw bytes (request line, headers, body by
 * one Content-Length; ERR_INPUT on two, or on any Transfer-Encoding). Limits: HTTP_MAX_HEADER_BYTES of head, HTTP_MAX_HEADERS
 * headers, HTTP_MAX_BODY of body (ERR_TOOBIG). */
int http_parse_raw(arena_t *a, const char *data, size_t len, http_request *r, err_t *e);

/* Write a response as raw HTTP/1.1 bytes (for the stdin mode). */
void http_write_raw(const http_response *res, buf_t *out);

/* The reason phrase of a status. */
const char *http_reason(int status);

#endif
