/* base_url.h — the public base URL of a site (`--base-url`, `config set
 * base-url`), the one rule every command and the server hold it to. Pure. */
#ifndef SSR_BASE_URL_H
#define SSR_BASE_URL_H

#include "util/arena.h"
#include "util/err.h"

/* An http or https URL with a host and an optional path; no user
 * information, query, fragment, quote, space or control character; valid
 * UTF-8, at most 500 bytes. A copy in a without trailing '/' into *out, or
 * ERR_INPUT naming what (the option or setting). */
int base_url_normalize(arena_t *a, const char *what, const char *url, const char **out, err_t *e);

#endif
