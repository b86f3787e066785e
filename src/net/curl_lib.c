/* curl_lib.c — the libcurl functions ssrtrack calls, each forwarded to the
 * library opened by curl_lib_load (util/lazy_lib.h says why). The names in
 * parentheses keep curl.h's checking macros of the same names out. */
#include "net/curl_lib.h"

#include <curl/curl.h>
#include <stdarg.h>

#include "util/lazy_lib.h"

#define CURL_FNS(X)                                                                                \
    X(curl_global_init) X(curl_global_cleanup) X(curl_easy_init) X(curl_easy_reset)               \
    X(curl_easy_cleanup) X(curl_easy_setopt) X(curl_easy_getinfo) X(curl_easy_perform)            \
    X(curl_easy_header) X(curl_easy_strerror) X(curl_slist_append) X(curl_slist_free_all)         \
    X(curl_multi_init) X(curl_multi_setopt) X(curl_multi_add_handle) X(curl_multi_remove_handle)  \
    X(curl_multi_perform) X(curl_multi_poll) X(curl_multi_info_read) X(curl_multi_cleanup)
LAZY_WRAPPER(CURL_FNS, "libcurl.so.4", "link checks, mail, webhooks and witnesses", curl_lib_load)
#define FN(f) LAZY_CALL(f)

CURLcode (curl_global_init)(long flags) { return FN(curl_global_init)(flags); }
void (curl_global_cleanup)(void) { FN(curl_global_cleanup)(); }
CURL *(curl_easy_init)(void) { return FN(curl_easy_init)(); }
void (curl_easy_reset)(CURL *h) { FN(curl_easy_reset)(h); }
void (curl_easy_cleanup)(CURL *h) { FN(curl_easy_cleanup)(h); }
CURLcode (curl_easy_perform)(CURL *h) { return FN(curl_easy_perform)(h); }
const char *(curl_easy_strerror)(CURLcode c) { return FN(curl_easy_strerror)(c); }
struct curl_slist *(curl_slist_append)(struct curl_slist *l, const char *s) { return FN(curl_slist_append)(l, s); }
void (curl_slist_free_all)(struct curl_slist *l) { FN(curl_slist_free_all)(l); }
CURLM *(curl_multi_init)(void) { return FN(curl_multi_init)(); }
CURLMcode (curl_multi_add_handle)(CURLM *m, CURL *h) { return FN(curl_multi_add_handle)(m, h); }
CURLMcode (curl_multi_remove_handle)(CURLM *m, CURL *h) { return FN(curl_multi_remove_handle)(m, h); }
CURLMcode (curl_multi_perform)(CURLM *m, int *running) { return FN(curl_multi_perform)(m, running); }
CURLMsg *(curl_multi_info_read)(CURLM *m, int *left) { return FN(curl_multi_info_read)(m, left); }
CURLMcode (curl_multi_cleanup)(CURLM *m) { return FN(curl_multi_cleanup)(m); }

CURLMcode (curl_multi_poll)(CURLM *m, struct curl_waitfd fds[], unsigned int n, int timeout_ms, int *ret)
{
    return FN(curl_multi_poll)(m, fds, n, timeout_ms, ret);
}

CURLHcode (curl_easy_header)(CURL *h, const char *name, size_t index, unsigned int origin, int request,
                             struct curl_header **out)
{
    return FN(curl_easy_header)(h, name, index, origin, request, out);
}

/* The variadic three take one argument whose type the option's number
 * range tells (curl.h's CURLOPTTYPE_*), as libcurl itself reads it:
 * FORWARD_OPT calls f(h, o, that argument read from ap). */
#define FORWARD_OPT(f, h, o, ap)                                                                   \
    ((o) < CURLOPTTYPE_OBJECTPOINT     ? f(h, o, va_arg(ap, long))                                 \
     : (o) < CURLOPTTYPE_FUNCTIONPOINT ? f(h, o, va_arg(ap, void *))                               \
     : (o) < CURLOPTTYPE_OFF_T         ? f(h, o, va_arg(ap, void (*)(void)))                       \
     : (o) < CURLOPTTYPE_BLOB          ? f(h, o, va_arg(ap, curl_off_t))                           \
                                       : f(h, o, va_arg(ap, void *)))

CURLcode (curl_easy_setopt)(CURL *h, CURLoption o, ...)
{
    va_list ap;
    va_start(ap, o);
    CURLcode rc = FORWARD_OPT(FN(curl_easy_setopt), h, o, ap);
    va_end(ap);
    return rc;
}

CURLMcode (curl_multi_setopt)(CURLM *m, CURLMoption o, ...)
{
    va_list ap;
    va_start(ap, o);
    CURLMcode rc = FORWARD_OPT(FN(curl_multi_setopt), m, o, ap);
    va_end(ap);
    return rc;
}

/* Every CURLINFO takes a pointer to where the answer goes. */
CURLcode (curl_easy_getinfo)(CURL *h, CURLINFO info, ...)
{
    va_list ap;
    va_start(ap, info);
    CURLcode rc = FN(curl_easy_getinfo)(h, info, va_arg(ap, void *));
    va_end(ap);
    return rc;
}
