/* mail.c — see mail.h. One easy handle per message: digests are few. */
#include "net/mail.h"

#include <curl/curl.h>
#include <string.h>

#include "net/curl_lib.h"

int mail_url_check(const char *url, err_t *e)
{
    size_t n = strlen(url);
    const char *host = !strncmp(url, "smtp://", 7) ? url + 7 : !strncmp(url, "smtps://", 8) ? url + 8 : NULL;
    int clean = n <= 200;
    for (const char *p = url; *p && clean; p++)
        if (*p <= ' ' || *p >= 127) clean = 0;
    if (!host || !*host || *host == '/' || !clean)
        return err_set(e, ERR_INPUT, "--smtp: '%.80s' is not smtp://HOST[:PORT] or smtps://HOST[:PORT]", url);
    if (strchr(url, '@'))
        return err_set(e, ERR_INPUT, "--smtp: credentials do not belong in the URL: use $SSRTRACK_SMTP_USER and "
                                     "$SSRTRACK_SMTP_PASSWORD or $SSRTRACK_SMTP_PASSWORD_FILE");
    return 0;
}

typedef struct {
    const char *p;
    size_t left;
} reader;

static size_t on_read(char *dst, size_t size, size_t nmemb, void *ud)
{
    reader *r = ud;
    size_t n = size * nmemb;
    if (n > r->left) n = r->left;
    memcpy(dst, r->p, n);
    r->p += n;
    r->left -= n;
    return n;
}

int mail_send(const mail_server *m, const char *from, const char *to, const char *msg, size_t len, err_t *e)
{
    if (curl_lib_load(e)) return -1;
    CURL *h = curl_easy_init();
    if (!h) return err_set(e, ERR_NOMEM, "mail: out of memory");
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    char angle_from[300];
    snprintf(angle_from, sizeof angle_from, "<%s>", from);
    reader r = {msg, len};
    char errbuf[CURL_ERROR_SIZE] = "";
    int rc = -1;
    if (!rcpt) { err_set(e, ERR_NOMEM, "mail: out of memory"); goto done; }
    curl_easy_setopt(h, CURLOPT_URL, m->url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, angle_from);
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(h, CURLOPT_READDATA, &r);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, m->timeout_ms > 0 ? m->timeout_ms : 60000L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 15000L);
    /* STARTTLS when offered; a password is never sent without TLS. */
    curl_easy_setopt(h, CURLOPT_USE_SSL, m->password ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
    if (m->user) curl_easy_setopt(h, CURLOPT_USERNAME, m->user);
    if (m->password) curl_easy_setopt(h, CURLOPT_PASSWORD, m->password);
    CURLcode cc = curl_easy_perform(h);
    if (cc != CURLE_OK) {
        long code = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
        const char *why = *errbuf ? errbuf : curl_easy_strerror(cc);
        if (code) err_set(e, ERR_IO, "mail to %.254s: %.200s (server replied %ld)", to, why, code);
        else err_set(e, ERR_IO, "mail to %.254s: %.200s", to, why);
        goto done;
    }
    rc = 0;
done:
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(h);
    return rc;
}
