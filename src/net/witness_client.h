/* witness_client.h — asking a witness to cosign (C2SP tlog-witness): one
 * POST of an add-checkpoint body, under the address policy of net/addr.h
 * (no loopback or private address unless allow_private). Never call it
 * inside a database transaction. */
#ifndef SSR_WITNESS_CLIENT_H
#define SSR_WITNESS_CLIENT_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

#define WITNESS_REPLY_MAX (64 * 1024)

/* POST body (n bytes) to url + "/add-checkpoint"; *status and the reply
 * (at most WITNESS_REPLY_MAX bytes) on any HTTP answer, -1 with e set when
 * there was none (refused address, no connection, timeout after 30 s). */
int witness_post(const char *url, const char *body, size_t n, int allow_private, long *status, buf_t *reply,
                 err_t *e);

#endif
