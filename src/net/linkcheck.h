/* linkcheck.h — checking evidence URLs over HTTP(S) with libcurl's multi
 * interface: many URLs at once, each within its own time limit, the whole
 * run within another. Only this directory calls libcurl; it knows nothing of
 * the store (the caller passes what the last check learnt and records the
 * results). Behaviour and classification: docs/measures.md.
 *
 * One URL's check:
 *   - When an earlier check read its body, a HEAD comes first: if it answers
 *     2xx with the same ETag (or, without ETags, the same Last-Modified) as
 *     then, the content is taken as unchanged and no body is fetched.
 *   - Otherwise, or when the HEAD fails with an HTTP error or a broken
 *     reply (some servers refuse HEAD), a GET fetches the body and hashes it
 *     (SHA-256) up to the body cap; a longer body is cut there (truncated).
 *   - Redirects are followed up to the limit, for http and https only; no
 *     proxy; no credentials; TLS certificates verified.
 *   - Unless allow_private, every connection (each redirect hop too) is
 *     refused when the address the name resolved to is not public
 *     (net/addr.h): no packet is sent to it. */
#ifndef SSR_LINKCHECK_H
#define SSR_LINKCHECK_H

#include <stddef.h>

#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"

#define LINK_MAX_CONCURRENCY 200
#define LINK_MAX_TIMEOUT_S 300
#define LINK_MAX_TOTAL_S 86400
#define LINK_MAX_REDIRECTS 10
#define LINK_BODY_CAP_DEFAULT ((size_t)8 << 20)
#define LINK_ERROR_MAX 200

/* What went wrong below HTTP. */
typedef enum {
    LE_NONE, LE_DNS, LE_REFUSED, LE_TIMEOUT, LE_REDIRECTS, LE_TLS, LE_NETWORK, LE_BLOCKED,
    LE_OTHER
} link_error;

/* The verdict on a link. ok and moved are alive. */
typedef enum { LINK_OK, LINK_MOVED, LINK_DEAD, LINK_BLOCKED } link_outcome;

const char *link_outcome_name(link_outcome o);   /* "ok", "moved", "dead", "blocked" */

/* Classify: blocked when our own policy refused the address; dead on any
 * other transport error, on 4xx and 5xx, and on a final status that is not
 * 2xx; else moved when redirects led to another URL (final_url differs from
 * url), else ok. Pure. */
link_outcome link_classify(link_error err, int http_status, int redirects, const char *url,
                           const char *final_url);

typedef struct {
    int concurrency;          /* 1 .. LINK_MAX_CONCURRENCY: transfers at once */
    long timeout_ms;          /* the most one URL may take, HEAD and GET together */
    long total_timeout_ms;    /* the most the whole run may take */
    long max_redirects;       /* 0 .. LINK_MAX_REDIRECTS */
    size_t body_cap;          /* bytes hashed at most */
    int allow_private;        /* 1: lift the address policy (tests) */
} link_opts;

typedef struct {
    /* in */
    const char *url;
    const char *known_sha256;          /* from the newest check that read a body; or NULL */
    const char *known_etag, *known_last_modified;
    /* out (strings arena-owned or in the struct) */
    int done;                          /* 0: the run's total time ran out first */
    link_outcome outcome;
    link_error err;
    int http_status;                   /* 0: no HTTP response */
    const char *final_url;             /* NULL when no response */
    int has_sha256;
    char sha256[65];
    long long body_bytes;              /* -1: no body read */
    int truncated;
    int changed;                       /* has_sha256 and it differs from known_sha256 */
    const char *etag, *last_modified;  /* of the final response, or NULL */
    const char *method;                /* "GET", "HEAD" or "HEAD+GET" */
    long elapsed_ms;
    char checked_at[TS_SIZE];
    char error[LINK_ERROR_MAX + 1];    /* "" when none */
} link_job;

/* The options' defaults: concurrency 8, timeout 10 s, total 10 min,
 * 5 redirects, LINK_BODY_CAP_DEFAULT, private addresses refused. */
void link_opts_default(link_opts *o);

/* Check jobs[0..n), filling their outputs. Returns 0 (the verdicts are in
 * the jobs, including network failures), or -1 with e set when the checker
 * itself could not run (libcurl would not start, out of memory). */
int link_check_run(link_job *jobs, size_t n, const link_opts *o, arena_t *a, err_t *e);

#endif
