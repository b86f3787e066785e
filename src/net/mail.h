/* mail.h — sending a message over SMTP with libcurl: smtp:// (STARTTLS
 * when the server offers it, and required whenever a password would be
 * sent) or smtps:// (TLS from the start). The server is the operator's own
 * choice, so the link checker's address policy does not apply to it.
 * Credentials come from the caller (the environment or a file, never the
 * command line) and never appear in a message of ours. */
#ifndef SSR_MAIL_H
#define SSR_MAIL_H

#include <stddef.h>

#include "util/err.h"

typedef struct {
    const char *url;                 /* smtp://HOST[:PORT] or smtps://HOST[:PORT] */
    const char *user, *password;     /* NULL: no authentication */
    long timeout_ms;                 /* for the whole conversation of one message */
} mail_server;

/* ERR_INPUT unless url is smtp:// or smtps:// with a host, without
 * credentials, spaces or control characters, at most 200 bytes. */
int mail_url_check(const char *url, err_t *e);

/* Send msg (a whole RFC 5322 message, lines ending CRLF) from one address
 * to one. 0, or -1 with a one-line reason in e (ERR_IO): the server's reply
 * code and libcurl's words. */
int mail_send(const mail_server *m, const char *from, const char *to, const char *msg, size_t len, err_t *e);

#endif
