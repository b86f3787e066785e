/* witness_client.c — see witness_client.h. */
#include "net/witness_client.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "net/addr.h"
#include "net/curl_lib.h"
#include "util/version.h"

typedef struct {
    int allow_private;
    int blocked;
    char blocked_addr[64];
    buf_t *reply;
} post_ctx;

static size_t on_reply(char *p, size_t size, size_t nmemb, void *ud)
{
    post_ctx *x = ud;
    size_t n = size * nmemb;
    if (x->reply->len + n > WITNESS_REPLY_MAX) return 0;
    buf_append(x->reply, p, n);
    return buf_ok(x->reply) ? n : 0;
}

static curl_socket_t open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
    post_ctx *x = ud;
    if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
    if (!x->allow_private && addr_refused(&a->addr, a->addrlen)) {
        x->blocked = 1;
        addr_text(&a->addr, x->blocked_addr, sizeof x->blocked_addr);
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype, a->protocol);
}

int witness_post(const char *url, const char *body, size_t n, int allow_private, long *status, buf_t *reply,
                 err_t *e)
{
    if (curl_lib_load(e)) return -1;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return err_set(e, ERR_INTERNAL, "libcurl would not start");
    CURL *h = curl_easy_init();
    if (!h) return err_nomem(e);
    char full[2048], errbuf[CURL_ERROR_SIZE] = "";
    size_t ulen = strlen(url);
    while (ulen && url[ulen - 1] == '/') ulen--;
    snprintf(full, sizeof full, "%.*s/add-checkpoint", (int)ulen, url);
    post_ctx x = {allow_private, 0, "", reply};
    struct curl_slist *hdr = curl_slist_append(NULL, "Content-Type: text/plain; charset=utf-8");
    CURLcode rc = CURLE_OK;
#define SET(opt, val) if (rc == CURLE_OK) rc = curl_easy_setopt(h, opt, val)
    SET(CURLOPT_URL, full);
    SET(CURLOPT_ERRORBUFFER, errbuf);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_PROXY, "");
    SET(CURLOPT_TIMEOUT, 30L);
    SET(CURLOPT_USERAGENT, "ssrtrack/" SSRTRACK_VERSION " (checkpoint witnessing)");
    SET(CURLOPT_OPENSOCKETFUNCTION, open_socket);
    SET(CURLOPT_OPENSOCKETDATA, (void *)&x);
    SET(CURLOPT_POSTFIELDS, body);
    SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)n);
    SET(CURLOPT_HTTPHEADER, hdr);
    SET(CURLOPT_WRITEFUNCTION, on_reply);
    SET(CURLOPT_WRITEDATA, (void *)&x);
#undef SET
    int ret = 0;
    if (rc == CURLE_OK) rc = curl_easy_perform(h);
    if (x.blocked)
        ret = err_set(e, ERR_INPUT, "%s: refused: %s is not a public address (--allow-private lifts this)", url,
                      x.blocked_addr);
    else if (rc != CURLE_OK)
        ret = err_set(e, ERR_IO, "%s: %s", url, errbuf[0] ? errbuf : curl_easy_strerror(rc));
    else
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
    curl_slist_free_all(hdr);
    curl_easy_cleanup(h);
    return ret;
}
