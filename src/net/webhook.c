/* webhook.c — see webhook.h. One easy handle per attempt. */
#include "net/webhook.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "net/addr.h"
#include "net/curl_lib.h"
#include "util/hex.h"
#include "util/version.h"

int webhook_url_check(const char *url, int allow_private, err_t *e)
{
    size_t n = strlen(url);
    const char *host = !strncmp(url, "https://", 8) ? url + 8 : !strncmp(url, "http://", 7) ? url + 7 : NULL;
    int clean = n <= WEBHOOK_URL_MAX;
    for (const char *p = url; *p && clean; p++)
        if (*p <= ' ' || *p >= 127) clean = 0;
    if (!host || !clean || !*host || *host == '/' || *host == ':')
        return err_set(e, ERR_INPUT, "webhook URL '%.80s' is not an http(s) URL (at most %d bytes, no spaces)", url,
                       WEBHOOK_URL_MAX);
    size_t hlen = strcspn(host, "/?#");
    if (memchr(host, '@', hlen))
        return err_set(e, ERR_INPUT, "webhook URL: credentials do not belong in the URL (the secret signs each body)");
    if (allow_private) return 0;
    /* A literal address is judged now; a name, on every connection. */
    char lit[64] = "";
    if (host[0] == '[') {
        size_t close = strcspn(host, "]");
        if (close < sizeof lit && close < hlen) memcpy(lit, host + 1, close - 1);
    } else {
        size_t colon = strcspn(host, ":/?#");
        if (colon < sizeof lit) memcpy(lit, host, colon);
    }
    struct sockaddr_in v4 = {.sin_family = AF_INET};
    struct sockaddr_in6 v6 = {.sin6_family = AF_INET6};
    int refused = (inet_pton(AF_INET, lit, &v4.sin_addr) == 1 && addr_refused((struct sockaddr *)&v4, sizeof v4)) ||
                  (inet_pton(AF_INET6, lit, &v6.sin6_addr) == 1 && addr_refused((struct sockaddr *)&v6, sizeof v6));
    if (refused || !strcmp(lit, "localhost"))
        return err_set(e, ERR_INPUT, "webhook URL: %s is a private or loopback address (allow it with --allow-private)",
                       lit);
    return 0;
}

void webhook_sign(const char *secret, const char *body, size_t len, char out[72])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, len);
    crypto_auth_hmacsha256_final(&st, mac);
    memcpy(out, "sha256=", 7);
    hex_encode(mac, sizeof mac, out + 7);
}

typedef struct {
    int allow_private, blocked;
    char blocked_addr[64];
    const volatile int *stop;
} attempt;

static curl_socket_t open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
    attempt *at = ud;
    if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
    if (!at->allow_private && addr_refused(&a->addr, a->addrlen)) {
        at->blocked = 1;
        addr_text(&a->addr, at->blocked_addr, sizeof at->blocked_addr);
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype, a->protocol);
}

static int on_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt, (void)dn, (void)ut, (void)un;
    const attempt *at = ud;
    return at->stop && *at->stop;
}

static size_t discard(char *p, size_t size, size_t nmemb, void *ud)
{
    (void)p, (void)ud;
    return size * nmemb;
}

/* Set every option of one attempt; headers must outlive the transfer. */
static void configure(CURL *h, const char *url, attempt *at, struct curl_slist *hdrs, const char *body, size_t len,
                      long timeout_ms, char *errbuf)
{
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_PROXY, "");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "ssrtrack/" SSRTRACK_VERSION " (webhook)");
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, (void *)at);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, (void *)at);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
}

static long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int webhook_post(const char *url, int allow_private, const char *secret, const char *delivery, const char *body,
                 size_t len, long timeout_ms, const volatile int *stop, webhook_result *r)
{
    memset(r, 0, sizeof *r);
    err_t le;
    if (curl_lib_load(&le)) {
        snprintf(r->error, sizeof r->error, "%.190s", le.msg);
        return -1;
    }
    char sig[72], h_sig[100], h_id[120];
    webhook_sign(secret, body, len, sig);
    snprintf(h_sig, sizeof h_sig, "X-Ssrtrack-Signature: %s", sig);
    snprintf(h_id, sizeof h_id, "X-Ssrtrack-Delivery: %.80s", delivery);
    struct curl_slist *hdrs = NULL, *next;
    const char *const lines[] = {"Content-Type: application/json", h_sig, h_id, "Expect:"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        if (!(next = curl_slist_append(hdrs, lines[i]))) break;
        hdrs = next;
    }
    CURL *h = curl_easy_init();
    if (!h || !next) {
        snprintf(r->error, sizeof r->error, "out of memory");
        curl_slist_free_all(hdrs);
        curl_easy_cleanup(h);
        return -1;
    }
    attempt at = {.allow_private = allow_private, .stop = stop};
    char errbuf[CURL_ERROR_SIZE] = "";
    configure(h, url, &at, hdrs, body, len, timeout_ms, errbuf);
    long t0 = mono_ms();
    CURLcode cc = curl_easy_perform(h);
    r->elapsed_ms = mono_ms() - t0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->http_status);
    if (at.blocked)
        snprintf(r->error, sizeof r->error, "refused address %s (a private or loopback address needs --allow-private)",
                 at.blocked_addr);
    else if (cc == CURLE_ABORTED_BY_CALLBACK) snprintf(r->error, sizeof r->error, "stopped");
    else if (cc != CURLE_OK) snprintf(r->error, sizeof r->error, "%.190s", *errbuf ? errbuf : curl_easy_strerror(cc));
    else if (r->http_status < 200 || r->http_status > 299)
        snprintf(r->error, sizeof r->error, "the receiver answered HTTP %ld", r->http_status);
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(h);
    return r->error[0] ? -1 : 0;
}
