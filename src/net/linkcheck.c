/* linkcheck.c — the link checker on libcurl's multi interface; see
 * linkcheck.h. A fixed set of slots (one easy handle each, concurrency of
 * them) takes jobs from the list in order; a slot runs its job's HEAD and/or
 * GET, then takes the next job. Bodies are hashed as they stream in, so no
 * body is held in memory. */
#include "net/linkcheck.h"

#include <curl/curl.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "net/addr.h"
#include "net/curl_lib.h"
#include "util/alloc.h"
#include "util/hex.h"
#include "util/version.h"

const char *link_outcome_name(link_outcome o)
{
    switch (o) {
    case LINK_OK: return "ok";
    case LINK_MOVED: return "moved";
    case LINK_DEAD: return "dead";
    case LINK_BLOCKED: return "blocked";
    }
    return "dead";
}

link_outcome link_classify(link_error err, int http_status, int redirects, const char *url,
                           const char *final_url)
{
    if (err == LE_BLOCKED) return LINK_BLOCKED;
    if (err != LE_NONE || http_status < 200 || http_status > 299) return LINK_DEAD;
    if (redirects > 0 && final_url && strcmp(final_url, url) != 0) return LINK_MOVED;
    return LINK_OK;
}

void link_opts_default(link_opts *o)
{
    o->concurrency = 8;
    o->timeout_ms = 10000;
    o->total_timeout_ms = 600000;
    o->max_redirects = 5;
    o->body_cap = LINK_BODY_CAP_DEFAULT;
    o->allow_private = 0;
}

enum { PHASE_HEAD, PHASE_GET };

typedef struct {
    CURL *h;
    link_job *job;           /* NULL when the slot is idle */
    const link_opts *o;
    int phase, did_head;
    long long started_ms;    /* when this job began */
    crypto_hash_sha256_state sha;
    long long body;
    int truncated;
    int blocked;
    char blocked_addr[64];
    char errbuf[CURL_ERROR_SIZE];
} slot_t;

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Hash the body as it arrives; stop at the cap (curl then reports a write
 * error, which finish() knows to be ours). */
static size_t on_body(char *p, size_t size, size_t nmemb, void *ud)
{
    slot_t *s = ud;
    size_t n = size * nmemb;
    size_t room = s->o->body_cap - (size_t)s->body;
    if (n > room) {
        crypto_hash_sha256_update(&s->sha, (const unsigned char *)p, room);
        s->body += (long long)room;
        s->truncated = 1;
        return 0;
    }
    crypto_hash_sha256_update(&s->sha, (const unsigned char *)p, n);
    s->body += (long long)n;
    return n;
}

/* Every connection passes here with the address it is about to reach. */
static curl_socket_t open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
    slot_t *s = ud;
    if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
    if (!s->o->allow_private && addr_refused(&a->addr, a->addrlen)) {
        s->blocked = 1;
        addr_text(&a->addr, s->blocked_addr, sizeof s->blocked_addr);
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype, a->protocol);
}

/* Set up the slot's handle for one request of its job; 0 or -1. */
static int configure(slot_t *s, int phase, long budget_ms)
{
    CURL *h = s->h;
    curl_easy_reset(h);
    s->phase = phase;
    s->body = 0;
    s->truncated = 0;
    s->blocked = 0;
    s->errbuf[0] = '\0';
    crypto_hash_sha256_init(&s->sha);
    CURLcode rc = CURLE_OK;
#define SET(opt, val) if (rc == CURLE_OK) rc = curl_easy_setopt(h, opt, val)
    SET(CURLOPT_URL, s->job->url);
    SET(CURLOPT_PRIVATE, (void *)s);
    SET(CURLOPT_ERRORBUFFER, s->errbuf);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_FOLLOWLOCATION, s->o->max_redirects > 0 ? 1L : 0L);
    SET(CURLOPT_MAXREDIRS, s->o->max_redirects);
    SET(CURLOPT_PROXY, "");               /* never through a proxy from the environment */
    SET(CURLOPT_TIMEOUT_MS, budget_ms);
    SET(CURLOPT_CONNECTTIMEOUT_MS, budget_ms);
    SET(CURLOPT_USERAGENT, "ssrtrack/" SSRTRACK_VERSION " (evidence link check)");
    SET(CURLOPT_OPENSOCKETFUNCTION, open_socket);
    SET(CURLOPT_OPENSOCKETDATA, (void *)s);
    SET(CURLOPT_WRITEFUNCTION, on_body);
    SET(CURLOPT_WRITEDATA, (void *)s);
    if (phase == PHASE_HEAD) {
        SET(CURLOPT_NOBODY, 1L);
    } else {
        SET(CURLOPT_HTTPGET, 1L);
    }
#undef SET
    return rc == CURLE_OK ? 0 : -1;
}

static link_error error_of(CURLcode rc, const slot_t *s)
{
    switch (rc) {
    case CURLE_OK: return LE_NONE;
    case CURLE_WRITE_ERROR: return s->truncated ? LE_NONE : LE_OTHER;
    case CURLE_COULDNT_RESOLVE_HOST: return LE_DNS;
    case CURLE_COULDNT_CONNECT: return s->blocked ? LE_BLOCKED : LE_REFUSED;
    case CURLE_OPERATION_TIMEDOUT: return LE_TIMEOUT;
    case CURLE_TOO_MANY_REDIRECTS: return LE_REDIRECTS;
    case CURLE_SSL_CONNECT_ERROR: case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM: case CURLE_SSL_CIPHER: case CURLE_SSL_CACERT_BADFILE:
        return LE_TLS;
    case CURLE_GOT_NOTHING: case CURLE_RECV_ERROR: case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
        return LE_NETWORK;
    default: return LE_OTHER;
    }
}

/* One line of at most LINK_ERROR_MAX bytes, control characters as spaces. */
static void set_error(link_job *j, const char *what, const char *detail)
{
    char tmp[LINK_ERROR_MAX + 64];
    if (detail && *detail) snprintf(tmp, sizeof tmp, "%s (%s)", what, detail);
    else snprintf(tmp, sizeof tmp, "%s", what);
    size_t n = strlen(tmp);
    if (n > LINK_ERROR_MAX) n = LINK_ERROR_MAX;
    for (size_t i = 0; i < n; i++) j->error[i] = (unsigned char)tmp[i] < 0x20 || tmp[i] == 0x7f ? ' ' : tmp[i];
    j->error[n] = '\0';
    while (n > 0 && j->error[n - 1] == ' ') j->error[--n] = '\0';
}

static void describe(link_job *j, const slot_t *s)
{
    char what[160];
    const char *detail = s->errbuf;
    switch (j->err) {
    case LE_NONE:
        if (j->http_status >= 400) snprintf(what, sizeof what, "HTTP %d", j->http_status);
        else if (j->http_status < 200 || j->http_status > 299)
            snprintf(what, sizeof what, "HTTP %d is not a page", j->http_status);
        else what[0] = '\0';
        detail = NULL;
        break;
    case LE_DNS: snprintf(what, sizeof what, "no such host"); break;
    case LE_REFUSED: snprintf(what, sizeof what, "connection refused"); break;
    case LE_TIMEOUT: snprintf(what, sizeof what, "timed out after %ld ms", j->elapsed_ms); detail = NULL; break;
    case LE_REDIRECTS: snprintf(what, sizeof what, "more than %ld redirects (a loop?)", s->o->max_redirects); detail = NULL; break;
    case LE_TLS: snprintf(what, sizeof what, "TLS failed"); break;
    case LE_NETWORK: snprintf(what, sizeof what, "broken reply"); break;
    case LE_BLOCKED:
        snprintf(what, sizeof what, "refused: %s is not a public address (--allow-private lifts this)", s->blocked_addr);
        detail = NULL;
        break;
    case LE_OTHER: snprintf(what, sizeof what, "failed"); break;
    }
    set_error(j, what, detail);
}

/* A header of the last response, copied into the arena; NULL when absent. */
static const char *header(CURL *h, const char *name, arena_t *a)
{
    struct curl_header *hd;
    if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hd) != CURLHE_OK) return NULL;
    return arena_strndup(a, hd->value, strlen(hd->value) > 300 ? 300 : strlen(hd->value));
}

/* The HEAD answered 2xx: do its validators say the known body is current? */
static int still_known(const link_job *j, const char *etag, const char *lm)
{
    if (!j->known_sha256) return 0;
    if (j->known_etag || etag) return j->known_etag && etag && strcmp(j->known_etag, etag) == 0;
    return j->known_last_modified && lm && strcmp(j->known_last_modified, lm) == 0;
}

/* A request of slot s ended with rc. Returns 1 when the job goes on with a
 * GET (the slot is configured for it), 0 when the job is finished, -1 on
 * out-of-memory. */
static int finish(slot_t *s, CURLcode rc, arena_t *a)
{
    link_job *j = s->job;
    long status = 0, redirects = 0;
    char *eff = NULL;
    curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(s->h, CURLINFO_REDIRECT_COUNT, &redirects);
    curl_easy_getinfo(s->h, CURLINFO_EFFECTIVE_URL, &eff);
    link_error err = error_of(rc, s);
    long long elapsed = mono_ms() - s->started_ms;
    const char *etag = status > 0 ? header(s->h, "ETag", a) : NULL;
    const char *lm = status > 0 ? header(s->h, "Last-Modified", a) : NULL;

    if (s->phase == PHASE_HEAD) {
        s->did_head = 1;
        int ok2xx = err == LE_NONE && status >= 200 && status <= 299;
        int retry = ok2xx ? !still_known(j, etag, lm)
                          : (err == LE_NONE || err == LE_NETWORK || err == LE_OTHER);
        long budget = s->o->timeout_ms - (long)elapsed;
        if (retry && budget >= 50) {
            if (configure(s, PHASE_GET, budget)) return -1;
            return 1;
        }
        if (ok2xx && !retry) {
            /* Unchanged since the body was read: its hash still holds. */
            j->has_sha256 = 1;
            snprintf(j->sha256, sizeof j->sha256, "%s", j->known_sha256);
        }
    }
    j->done = 1;
    j->err = err;
    j->http_status = (int)status;
    j->final_url = status > 0 && eff ? arena_strdup(a, eff) : NULL;
    j->etag = etag;
    j->last_modified = lm;
    j->method = s->phase == PHASE_GET ? (s->did_head ? "HEAD+GET" : "GET") : "HEAD";
    j->elapsed_ms = (long)elapsed;
    j->body_bytes = -1;
    if (s->phase == PHASE_GET && err == LE_NONE && status >= 200 && status <= 299) {
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&s->sha, digest);
        hex_encode(digest, sizeof digest, j->sha256);
        j->has_sha256 = 1;
        j->body_bytes = s->body;
        j->truncated = s->truncated;
    }
    j->changed = j->has_sha256 && j->known_sha256 && strcmp(j->sha256, j->known_sha256) != 0;
    j->outcome = link_classify(err, j->http_status, (int)redirects, j->url, j->final_url);
    describe(j, s);
    clock_now(j->checked_at);
    if (status > 0 && eff && !j->final_url) return -1;
    return 0;
}

/* Give slot s job j and add it to the multi handle. */
static int start(CURLM *m, slot_t *s, link_job *j)
{
    s->job = j;
    s->did_head = 0;
    s->started_ms = mono_ms();
    if (configure(s, j->known_sha256 ? PHASE_HEAD : PHASE_GET, s->o->timeout_ms)) return -1;
    return curl_multi_add_handle(m, s->h) == CURLM_OK ? 0 : -1;
}

int link_check_run(link_job *jobs, size_t n, const link_opts *o, arena_t *a, err_t *e)
{
    if (o->concurrency < 1 || o->concurrency > LINK_MAX_CONCURRENCY || o->timeout_ms < 1 ||
        o->total_timeout_ms < 1 || o->max_redirects < 0 || o->max_redirects > LINK_MAX_REDIRECTS ||
        o->body_cap < 1)
        return err_set(e, ERR_INTERNAL, "link check: options out of range");
    for (size_t i = 0; i < n; i++) {
        jobs[i].done = 0;
        jobs[i].error[0] = '\0';
    }
    if (n == 0) return 0;
    if (curl_lib_load(e)) return -1;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return err_set(e, ERR_INTERNAL, "link check: libcurl would not start");
    int nslots = (size_t)o->concurrency < n ? o->concurrency : (int)n;
    slot_t *slots = mem_calloc((size_t)nslots, sizeof *slots);
    CURLM *m = curl_multi_init();
    int rc = -1;
    if (!slots || !m) { err_nomem(e); goto done; }
    curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)nslots);
    curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, (long)nslots);

    size_t next = 0;
    int active = 0;
    for (int i = 0; i < nslots; i++) {
        slots[i].o = o;
        if (!(slots[i].h = curl_easy_init())) { err_nomem(e); goto done; }
        if (start(m, &slots[i], &jobs[next++])) { err_set(e, ERR_INTERNAL, "link check: cannot start a transfer"); goto done; }
        active++;
    }
    long long t0 = mono_ms();
    while (active > 0) {
        long long left = o->total_timeout_ms - (mono_ms() - t0);
        if (left <= 0) break;
        int running;
        if (curl_multi_perform(m, &running) != CURLM_OK) { err_set(e, ERR_INTERNAL, "link check: libcurl failed"); goto done; }
        CURLMsg *msg;
        int queued;
        while ((msg = curl_multi_info_read(m, &queued))) {
            if (msg->msg != CURLMSG_DONE) continue;
            CURLcode res = msg->data.result;
            CURL *h = msg->easy_handle;
            slot_t *s = NULL;
            curl_easy_getinfo(h, CURLINFO_PRIVATE, (char **)&s);
            curl_multi_remove_handle(m, h);
            int more = finish(s, res, a);
            if (more < 0) { err_nomem(e); goto done; }
            if (more) {
                if (curl_multi_add_handle(m, h) != CURLM_OK) { err_set(e, ERR_INTERNAL, "link check: cannot start a transfer"); goto done; }
                continue;
            }
            s->job = NULL;
            active--;
            if (next < n) {
                if (start(m, s, &jobs[next++])) { err_set(e, ERR_INTERNAL, "link check: cannot start a transfer"); goto done; }
                active++;
            }
        }
        if (active == 0) break;
        left = o->total_timeout_ms - (mono_ms() - t0);
        if (left <= 0) break;
        curl_multi_poll(m, NULL, 0, left < 500 ? (int)left : 500, NULL);
    }
    rc = 0;   /* jobs still in a slot or never started stay done = 0 */
done:
    if (slots) {
        for (int i = 0; i < nslots; i++) {
            if (!slots[i].h) continue;
            if (slots[i].job && m) curl_multi_remove_handle(m, slots[i].h);
            curl_easy_cleanup(slots[i].h);
        }
    }
    if (m) curl_multi_cleanup(m);
    mem_free(slots);
    curl_global_cleanup();
    return rc;
}
