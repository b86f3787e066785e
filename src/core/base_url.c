/* base_url.c — see base_url.h. */
#include "core/base_url.h"

#include <string.h>

#include "util/text.h"

int base_url_normalize(arena_t *a, const char *what, const char *url, const char **out, err_t *e)
{
    const char *host = strncmp(url, "https://", 8) == 0 ? url + 8 : strncmp(url, "http://", 7) == 0 ? url + 7 : NULL;
    size_t n = strlen(url);
    int ok = host && *host && *host != '/' && n <= 500 && !strpbrk(url, "?#@\"'<>\\` \t\r\n") &&
             !has_control(url) && utf8_valid(url, n);
    if (!ok) return err_set(e, ERR_INPUT, "%s: '%.80s' is not an http(s) URL of a site (like https://ssr.example.org)",
                            what, url);
    while (n > (size_t)(host - url) && url[n - 1] == '/') n--;
    return (*out = arena_strndup(a, url, n)) ? 0 : err_nomem(e);
}
