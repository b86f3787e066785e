/* webhook.h — one signed POST of a webhook delivery with libcurl.
 *
 * The body is sent as application/json with
 *   X-Ssrtrack-Signature: sha256=<hex HMAC-SHA256 of the body, keyed with the secret>
 *   X-Ssrtrack-Delivery: <delivery id>   (the same on every retry)
 * under the link checker's address policy (net/addr.h): no private, loopback
 * or otherwise reserved address unless allow_private, judged on the address
 * each connection is about to reach. No redirects are followed, no proxy is
 * used, and the whole exchange is bounded by timeout_ms; *stop, when it
 * becomes non-zero, aborts it (a server that is shutting down). */
#ifndef SSR_WEBHOOK_H
#define SSR_WEBHOOK_H

#include <stddef.h>

#include "util/err.h"

#define WEBHOOK_URL_MAX 500

/* ERR_INPUT unless url is http:// or https:// with a host, without
 * credentials, spaces or control characters, at most WEBHOOK_URL_MAX bytes;
 * and, without allow_private, unless a literal IP address in it is public. */
int webhook_url_check(const char *url, int allow_private, err_t *e);

/* The signature header's value for body: "sha256=" and 64 hex digits. */
void webhook_sign(const char *secret, const char *body, size_t len, char out[72]);

typedef struct {
    long http_status;    /* 0 when no response came */
    long elapsed_ms;
    char error[200];     /* "" on a 2xx answer */
} webhook_result;

/* 0 when the receiver answered 2xx; -1 otherwise, with r->error saying why
 * (refused address, timeout, the HTTP status). */
int webhook_post(const char *url, int allow_private, const char *secret, const char *delivery, const char *body,
                 size_t len, long timeout_ms, const volatile int *stop, webhook_result *r);

#endif
