/* server.c — the MHD adapter: limits set explicitly, one read-only database
 * connection per pool thread, one shared writer, a cache of whole responses
 * for anonymous GETs (web/cache.h: within a budget; a change drops only the
 * answers it can alter), an access log line per request, and a clean stop
 * on SIGTERM.
 *
 * Anonymous answers carry an ETag and Last-Modified (304 when the client's
 * copy is current) and, for text, a gzip form beside the plain one.
 *
 * Memory: each request has an arena, freed when MHD reports it complete.
 * Cached responses are MHD response objects shared by every connection that
 * is served one; the cache holds one reference to each form. */
#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/id.h"
#include "store/changed_recs.h"
#include "store/keyfile.h"
#include "util/alloc.h"
#include "util/fmt.h"
#include "web/auth.h"
#include "web/cache.h"
#include "web/compress.h"
#include "web/etag.h"
#include "web/mhd_lib.h"
#include "web/web.h"
#include "web/webhook_sender.h"

#define CONNECTION_TIMEOUT 30          /* seconds of silence before a connection is closed */
#define CONNECTION_LIMIT 1000
#define PER_IP_LIMIT 200
#define CONNECTION_MEMORY (64 * 1024)  /* MHD's per-connection buffer for the request head */
#define CACHE_MAX_BYTES (64u << 20)
#define CACHE_MAX_ENTRIES 4096
#define MAX_READERS 256

static web_ctx ctx;
static FILE *access_log;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic long in_flight;

/* ---- per-thread readers --------------------------------------------------- */

static _Thread_local store_t *tl_reader;
static _Thread_local long long tl_version = -1;
static store_t *readers[MAX_READERS];
static int nreaders;
static pthread_mutex_t readers_lock = PTHREAD_MUTEX_INITIALIZER;

static store_t *reader(err_t *e)
{
    if (tl_reader) return tl_reader;
    store_t *s;
    if (store_open(ctx.db_path, STORE_READONLY, &s, NULL, e)) return NULL;
    if (store_set_memory(s, SERVER_READER_CACHE_KIB, 0, e)) {
        store_close(s);
        return NULL;
    }
    pthread_mutex_lock(&readers_lock);
    if (nreaders == MAX_READERS) {
        pthread_mutex_unlock(&readers_lock);
        store_close(s);
        err_set(e, ERR_INTERNAL, "too many threads");
        return NULL;
    }
    readers[nreaders++] = s;
    pthread_mutex_unlock(&readers_lock);
    return tl_reader = s;
}

/* What the server keeps of one request, from its request line to its end.
 * `target` is the request target exactly as sent (path and query, not
 * decoded): the server parses the query itself from it, and it is the
 * response cache's key, so two requests share a cached answer only when
 * they asked for the same bytes. */
typedef struct {
    arena_t *a;
    buf_t body;
    int started;               /* the access handler has seen the head */
    int refused;               /* answered before the body was read */
    int status;
    size_t bytes;
    struct timespec start;
    char *target;
    char method[12];
    char path[200];            /* for the access log: raw, controls as '?' */
    char remote[64];
    const char *cache;         /* for the access log: "hit", "miss" (made and kept), or NULL */
} conn_state;

/* ---- answers and their forms --------------------------------------------- */

/* One answer in the forms the server may send it: as it is and, for an
 * anonymous text body worth it, gzipped (web/compress.h); with its
 * validators (web/etag.h). Built once per rendering, kept whole in the
 * cache, so which form a client gets is decided on the way out and nothing
 * of one request's headers enters what another is sent. */
typedef struct {
    struct MHD_Response *plain, *gz;   /* gz: NULL when not compressed */
    int status;
    size_t len, gz_len;
    char etag[ETAG_SIZE], etag_gz[ETAG_SIZE];   /* "": no validators (not shared) */
    long long modified;                /* Last-Modified, seconds since the epoch */
    char cache_control[64];
} variants;

static void variants_free(variants *v)
{
    if (v->plain) MHD_destroy_response(v->plain);
    if (v->gz) MHD_destroy_response(v->gz);
    v->plain = v->gz = NULL;
}

/* A response object for body with res's headers, and the validators when
 * etag is non-empty. NULL when MHD runs out of memory. */
static struct MHD_Response *response_of(const http_response *res, const void *body, size_t n, const variants *v,
                                        const char *etag, int gzipped)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(n, (void *)(n ? body : ""), MHD_RESPMEM_MUST_COPY);
    if (!r) return NULL;
    if (res->content_type) MHD_add_response_header(r, "Content-Type", res->content_type);
    for (int i = 0; i < res->nheaders; i++) MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
    if (*etag) {
        char date[HTTP_DATE_SIZE];
        http_date(v->modified, date);
        MHD_add_response_header(r, "ETag", etag);
        MHD_add_response_header(r, "Last-Modified", date);
    }
    if (gzipped) MHD_add_response_header(r, "Content-Encoding", "gzip");
    return r;
}

/* Build v from res (whose body stays res's). Anonymous answers that may be
 * shared get an ETag, Last-Modified (modified) and, when worth it, a gzip
 * form, and then Vary: Accept-Encoding on both. Signed-in answers are sent
 * as they are: a body holding a CSRF token beside text an attacker chose
 * must not be compressed (BREACH). 0, or -1 when memory ran out. */
static int variants_make(const http_response *res, long long modified, variants *v)
{
    memset(v, 0, sizeof *v);
    v->status = res->status;
    v->len = res->body.len;
    v->modified = modified;
    const char *data = res->body.data ? res->body.data : "";
    int shared = res->cacheable && res->status == 200;
    buf_t gz = BUF_INIT;
    if (shared) {
        etag_make(data, v->len, NULL, v->etag);
        snprintf(v->etag_gz, sizeof v->etag_gz, "%.*s-gz\"", (int)strlen(v->etag) - 1, v->etag);
        for (int i = 0; i < res->nheaders; i++)
            if (strcasecmp(res->headers[i].name, "Cache-Control") == 0)
                snprintf(v->cache_control, sizeof v->cache_control, "%s", res->headers[i].value);
        if (gzip_worth(res->content_type, v->len) && gzip_buf(data, v->len, &gz) == 0 && gz.len < v->len) {
            v->gz = response_of(res, gz.data, gz.len, v, v->etag_gz, 1);
            v->gz_len = gz.len;
        }
    }
    buf_free(&gz);
    v->plain = response_of(res, data, v->len, v, v->etag, 0);
    if (!v->plain) { variants_free(v); return -1; }
    if (v->gz) {
        MHD_add_response_header(v->plain, "Vary", "Accept-Encoding");
        MHD_add_response_header(v->gz, "Vary", "Accept-Encoding");
    }
    return 0;
}

/* The body of a 304: none. */
static ssize_t no_body(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)cls;
    (void)pos;
    (void)buf;
    (void)max;
    return MHD_CONTENT_READER_END_OF_STREAM;
}

/* Queue the form of v this request should get: 304 with no body when its
 * validators match the request's, else gzip when the client accepts it. */
static enum MHD_Result variants_queue(struct MHD_Connection *c, conn_state *st, const variants *v)
{
    const char *ae = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding");
    int gz = v->gz && gzip_accepted(ae);
    const char *etag = gz ? v->etag_gz : v->etag;
    if (*etag && etag_not_modified(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match"),
                                   MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-Modified-Since"), etag,
                                   v->modified)) {
        /* The size of the 200's body, which MHD states as Content-Length (RFC 9110 §8.6 allows
         * only that length in a 304); a 304 has no body, so the callback is never asked for one. */
        struct MHD_Response *r = MHD_create_response_from_callback(gz ? v->gz_len : v->len, 64, no_body, NULL, NULL);
        if (!r) return MHD_NO;
        char date[HTTP_DATE_SIZE];
        http_date(v->modified, date);
        MHD_add_response_header(r, "ETag", etag);
        MHD_add_response_header(r, "Last-Modified", date);
        if (*v->cache_control) MHD_add_response_header(r, "Cache-Control", v->cache_control);
        if (v->gz) MHD_add_response_header(r, "Vary", "Accept-Encoding");
        enum MHD_Result rc = MHD_queue_response(c, MHD_HTTP_NOT_MODIFIED, r);
        MHD_destroy_response(r);
        st->status = MHD_HTTP_NOT_MODIFIED;
        st->bytes = 0;
        return rc;
    }
    st->status = v->status;
    st->bytes = gz ? v->gz_len : v->len;
    return MHD_queue_response(c, (unsigned)v->status, gz ? v->gz : v->plain);
}

/* When the content of an anonymous page last changed, as far as the server
 * can tell: the log's newest change, but no earlier than the start of today
 * (pages count days: overdue, "today") nor than the moment this server last
 * saw the database change (a checkpoint signed or a link checked changes
 * pages without a change in the log). */
static _Atomic long long changed_at;

static long long last_modified(store_t *db, arena_t *a)
{
    long long t = 0;
    change_t *ch;
    size_t n;
    err_t e;
    if (store_changes(db, 0, 0, NULL, 1, 0, a, &ch, &n, &e) == 0 && n) t = ts_to_micros(ch[0].recorded_at) / 1000000;
    char today[DATE_SIZE];
    clock_today(today);
    long long midnight = date_to_days(today) * 86400LL;
    if (t < midnight) t = midnight;
    if (t < changed_at) t = changed_at;
    return t;
}

/* ---- the response cache (web/cache.h) ------------------------------------- */

static rcache *cache;

static void release_variants(void *value)
{
    variants_free(value);
    mem_free(value);
}

typedef struct {
    struct MHD_Connection *c;
    conn_state *st;
    enum MHD_Result rc;
} serving;

/* rcache_use's callback: queue the kept answer (MHD takes its own reference,
 * so the cache may drop it afterwards). */
static void serve_kept(void *value, void *arg)
{
    serving *s = arg;
    s->rc = variants_queue(s->c, s->st, value);
}

/* The rec whose data alone an anonymous GET of target shows, copied into
 * out (ID_MAX + 1 bytes): /recs/ID, /api/v1/recs/ID, /api/v1/recs/ID/history
 * and /tables/recs/ID/TABLE, with or without a query, ID spelled plainly (an
 * escaped id is taken as anything). NULL: the answer may show anything. */
static const char *rec_of_target(const char *target, char *out)
{
    static const char *const prefixes[] = {"/recs/", "/api/v1/recs/", "/tables/recs/"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t pl = strlen(prefixes[i]);
        if (strncmp(target, prefixes[i], pl) != 0) continue;
        const char *id = target + pl;
        size_t n = strcspn(id, "/?");
        if (n == 0 || n > ID_MAX) return NULL;
        const char *rest = id + n;
        int ok = *rest == '\0' || *rest == '?' || (i == 1 && strncmp(rest, "/history", 8) == 0 &&
                                                   (rest[8] == '\0' || rest[8] == '?')) ||
                 (i == 2 && rest[0] == '/' && !strchr(rest + 1, '/'));
        memcpy(out, id, n);
        out[n] = '\0';
        return ok && id_valid(out) ? out : NULL;
    }
    return NULL;
}

static void server_free_cache(void)
{
    rcache_free(cache);
    cache = NULL;
}

/* Where the log, the link checks and the checkpoints stood when the cache
 * last looked; follow_lock serialises the looks. */
static page_inputs seen;
static pthread_mutex_t follow_lock = PTHREAD_MUTEX_INITIALIZER;

/* The database changed since this thread's reader last looked (a commit by
 * another connection or process): drop what the changes since the last
 * look can alter. New rows of the log name their recs (store/changed_recs.h);
 * a new link check or checkpoint, a shorter log (the file was replaced) or
 * anything unreadable drops everything; a commit that changed none of them
 * (a session, a token's last use) drops nothing. */
static void cache_follow(store_t *db)
{
    pthread_mutex_lock(&follow_lock);
    page_inputs now;
    err_t e;
    arena_t *a = NULL;
    int ok = store_page_inputs(db, &now, &e) == 0;
    int all = !ok || now.link_check != seen.link_check || now.checkpoint != seen.checkpoint || now.head < seen.head;
    if (!all && now.head > seen.head) {
        const char **ids;
        size_t n;
        a = arena_new();
        if (!a || store_changed_recs(db, seen.head, now.head, a, &ids, &n, &all, &e)) all = 1;
        if (!all) rcache_invalidate(cache, 0, ids, n);
    }
    if (all) rcache_invalidate(cache, 1, NULL, 0);
    if (ok) seen = now;
    arena_free(a);
    pthread_mutex_unlock(&follow_lock);
}

/* ---- one request ---------------------------------------------------------- */

typedef struct {
    http_pair *v;
    int n, max;
    arena_t *a;
} pair_sink;

/* Collect headers, names in lower case; stops (MHD_NO) at the limit. */
static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    pair_sink *ps = cls;
    if (ps->n == ps->max) return MHD_NO;
    char *k = arena_strdup(ps->a, key ? key : "");
    char *v = arena_strdup(ps->a, value ? value : "");
    if (!k || !v) return MHD_NO;
    for (char *c = k; *c; c++)
        if (*c >= 'A' && *c <= 'Z') *c = (char)(*c + 32);
    ps->v[ps->n++] = (http_pair){k, v};
    return MHD_YES;
}

static void remote_of(struct MHD_Connection *c, char *out, size_t n)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, n, "-");
    if (!ci || !ci->client_addr) return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET) inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
    else if (sa->sa_family == AF_INET6) inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)n);
}

/* MHD's URI callback, called once per request with the raw request target
 * before MHD parses it: the request's state begins here (freed in
 * completed()). The server parses the query itself (request_build), so MHD
 * is left an empty one: it would otherwise spend its fixed per-connection
 * memory on one record per parameter, and a query of a thousand of them
 * left it unable to answer at all. */
static void *request_begin(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    conn_state *st = mem_calloc(1, sizeof *st);
    if (!st) return NULL;
    clock_gettime(CLOCK_MONOTONIC, &st->start);
    remote_of(c, st->remote, sizeof st->remote);
    st->body.limit = HTTP_MAX_BODY;
    st->a = arena_new();
    st->target = st->a ? arena_strdup(st->a, uri) : NULL;
    size_t plen = st->target ? strcspn(st->target, "?") : 0;
    snprintf(st->path, sizeof st->path, "%.*s", (int)plen, st->target ? st->target : "-");
    for (char *p = st->path; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = '?';
    char *q = strchr((char *)uri, '?');
    if (q) q[1] = '\0';  /* MHD's own buffer, which it parses next; see above */
    return st;
}

/* An answer made here rather than by web_handle (a body too large, bad
 * framing, a malformed query, no database): JSON under /api, plain text
 * elsewhere. With `close`, the connection ends after it: the rest of what
 * the client sent cannot be trusted to be where a next request begins. */
static enum MHD_Result queue_plain(struct MHD_Connection *c, conn_state *st, int status, const char *code,
                                   const char *message, int close)
{
    buf_t b = BUF_INIT;
    int api = strncmp(st->path, "/api/", 5) == 0;
    if (api) bfmt(&b, "{\"error\": {\"code\": %J, \"message\": %J}}\n", code, message);
    else bfmt(&b, "%s\n", message);
    if (!buf_ok(&b)) { buf_free(&b); return MHD_NO; }
    struct MHD_Response *r = MHD_create_response_from_buffer(b.len, b.data, MHD_RESPMEM_MUST_COPY);
    st->bytes = b.len;
    buf_free(&b);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", api ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    if (close) MHD_add_response_header(r, "Connection", "close");
    enum MHD_Result rc = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    st->status = status;
    return rc;
}

/* Anonymous: no session cookie and no token, so the cache may answer. */
static int anonymous(struct MHD_Connection *c)
{
    if (MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization")) return 0;
    const char *cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
    return !cookie || !strstr(cookie, SESSION_COOKIE "=");
}

typedef struct { int content_length, transfer_encoding, chunked; } framing;

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    framing *f = cls;
    if (strcasecmp(key, "Content-Length") == 0) f->content_length++;
    if (strcasecmp(key, "Transfer-Encoding") == 0) {
        f->transfer_encoding++;
        f->chunked = value && strcasecmp(value, "chunked") == 0;
    }
    return MHD_YES;
}

/* NULL when the body's framing is unambiguous: at most one Content-Length,
 * or one Transfer-Encoding that is exactly "chunked" and no Content-Length.
 * Otherwise why not: a proxy in front may frame the body differently from
 * us, which is how requests are smuggled. */
static const char *framing_problem(struct MHD_Connection *c)
{
    framing f = {0};
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_framing, &f);
    if (f.content_length > 1) return "more than one Content-Length header";
    if (f.transfer_encoding > 1) return "more than one Transfer-Encoding header";
    if (f.transfer_encoding && f.content_length) return "both Content-Length and Transfer-Encoding";
    if (f.transfer_encoding && !f.chunked) return "a Transfer-Encoding other than chunked";
    return NULL;
}

/* The first call for a request: its head is in. Refuse bad framing and an
 * announced body over the limit before reading any of it. */
static enum MHD_Result request_head(struct MHD_Connection *c, conn_state *st, const char *method)
{
    /* In flight from here: a client still trickling its head is not waited for at a stop. */
    st->started = 1;
    in_flight++;
    snprintf(st->method, sizeof st->method, "%s", method);
    const char *why = framing_problem(c);
    if (why) {
        st->refused = 1;
        return queue_plain(c, st, 400, "bad_framing", why, 1);
    }
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > HTTP_MAX_BODY) {
        st->refused = 1;
        return queue_plain(c, st, 413, "too_large", "request body too large", 1);
    }
    return MHD_YES;
}

/* Fill req from the connection: headers, the raw target split into path and
 * query, the query parsed here (ERR_INPUT past HTTP_MAX_PARAMS parameters or
 * on a bad escape; web_handle refuses control characters). Strings are
 * st->a's. */
static int request_build(struct MHD_Connection *c, conn_state *st, const char *method, http_request *req,
                         err_t *e)
{
    memset(req, 0, sizeof *req);
    pair_sink hs = {arena_alloc(st->a, sizeof(http_pair) * HTTP_MAX_HEADERS), 0, HTTP_MAX_HEADERS, st->a};
    if (!hs.v) return err_nomem(e);
    MHD_get_connection_values(c, MHD_HEADER_KIND, collect, &hs);
    const char *q = strchr(st->target, '?');
    req->method = method;
    req->path = q ? arena_strndup(st->a, st->target, (size_t)(q - st->target)) : st->target;
    req->query = q ? q + 1 : "";
    if (!req->path) return err_nomem(e);
    if (http_parse_pairs(st->a, req->query, strlen(req->query), &req->params, &req->nparams, e)) return -1;
    req->headers = hs.v;
    req->nheaders = hs.n;
    req->body = st->body.data;
    req->body_len = st->body.len;
    req->remote = st->remote;
    return 0;
}

/* Queue res as the answer; keep its forms in the cache under key when it
 * may be shared (key non-NULL), as an answer about rec (NULL: anything)
 * begun at the cache's epoch born. Frees res's body. */
static enum MHD_Result respond(struct MHD_Connection *c, conn_state *st, http_response *res, const char *key,
                               const char *rec, unsigned long long born, long long modified)
{
    variants v;
    int made = variants_make(res, modified, &v);
    buf_free(&res->body);
    if (made) return MHD_NO;
    enum MHD_Result rc = variants_queue(c, st, &v);
    variants *kept = key && res->cacheable ? mem_alloc(sizeof *kept) : NULL;
    if (!kept) {
        variants_free(&v);
        return rc;
    }
    *kept = v;
    char today[DATE_SIZE];
    clock_today(today);
    st->cache = "miss";
    rcache_put(cache, key, rec, today, kept, v.len + v.gz_len, born);
    return rc;
}

/* The whole request is in: answer from the cache when an anonymous GET was
 * answered before, else through web_handle. */
static enum MHD_Result request_answer(struct MHD_Connection *c, conn_state *st, const char *method)
{
    err_t e = {0};
    store_t *db = reader(&e);
    if (!db) return queue_plain(c, st, 503, "unavailable", "database unavailable", 0);
    /* Another connection or process committed since this thread last looked: the cache follows
     * (cache_follow). A thread's first look counts as a change too; the log's position the cache
     * last saw is shared, so it finds nothing new unless there is. */
    long long v;
    if (store_data_version(db, &v, &e) == 0 && v != tl_version) {
        char now[TS_SIZE];
        clock_now(now);
        changed_at = ts_to_micros(now) / 1000000;
        tl_version = v;
        cache_follow(db);
    }
    int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    const char *key = get && anonymous(c) ? st->target : NULL;
    char today[DATE_SIZE], recbuf[ID_MAX + 1];
    clock_today(today);
    serving sv = {c, st, MHD_NO};
    if (key && rcache_use(cache, key, today, serve_kept, &sv)) {
        st->cache = "hit";
        return sv.rc;
    }
    unsigned long long born = rcache_epoch(cache);
    http_request req;
    if (request_build(c, st, method, &req, &e))
        return e.code == ERR_INPUT ? queue_plain(c, st, 400, "invalid", e.msg, 0) : MHD_NO;
    http_response res = {0};
    web_handle(&ctx, db, &req, st->a, &res);
    return respond(c, st, &res, key, key ? rec_of_target(key, recbuf) : NULL, born,
                   res.cacheable ? last_modified(db, st->a) : 0);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)cls;
    (void)url;      /* decoded by MHD; the raw target in conn_state is used instead */
    (void)version;
    conn_state *st = *con_cls;
    if (!st || !st->a || !st->target) return MHD_NO;
    if (!st->started) return request_head(c, st, method);
    if (*upload_size) {
        if (!st->refused) {
            buf_append(&st->body, upload, *upload_size);
            if (!buf_ok(&st->body)) {
                st->refused = 1;
                *upload_size = 0;
                return queue_plain(c, st, 413, "too_large", "request body too large", 1);
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (st->refused) return MHD_YES;
    return request_answer(c, st, method);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode why)
{
    (void)cls;
    (void)c;
    (void)why;
    conn_state *st = *con_cls;
    if (!st) return;
    /* A request whose head never came in whole was never in flight nor answered. */
    if (st->started && access_log) {
        struct timespec end;
        clock_gettime(CLOCK_MONOTONIC, &end);
        double ms = (double)(end.tv_sec - st->start.tv_sec) * 1e3 + (double)(end.tv_nsec - st->start.tv_nsec) / 1e6;
        char now[TS_SIZE];
        clock_now(now);
        /* The path only: queries and bodies may hold what a user typed. */
        pthread_mutex_lock(&log_lock);
        fprintf(access_log, "%.19sZ %s %s %s %d %zu %.1fms %s\n", now, st->remote, st->method, st->path,
                st->status, st->bytes, ms, st->cache ? st->cache : "-");
        fflush(access_log);
        pthread_mutex_unlock(&log_lock);
    }
    buf_free(&st->body);
    arena_free(st->a);
    if (st->started) in_flight--;
    mem_free(st);
    *con_cls = NULL;
}

/* With the log's key the server signs a checkpoint of the current tree when
 * /ledger/checkpoint is asked for; without it, it serves the newest one kept. */
static note_signer signer;

static void load_signer(const server_opts *o)
{
    const char *env = getenv("SSRTRACK_KEY");
    char path[4096];
    snprintf(path, sizeof path, "%s", o->key ? o->key : env && *env ? env : "");
    if (!*path) snprintf(path, sizeof path, "%s.key", o->db_path);
    if (access(path, F_OK) != 0) return;
    arena_t *a = arena_new();
    const char *vkey = NULL;
    err_t e;
    if (a && store_log_key(ctx.writer, a, &vkey, &e) == 0 && vkey && keyfile_load(path, vkey, &signer, &e) == 0)
        ctx.signer = &signer;
    else if (vkey)
        fprintf(stderr, "ssrtrack: not signing checkpoints: %s\n", e.msg);
    arena_free(a);
}

int server_parse_listen(const char *s, struct sockaddr_in *sa, err_t *e)
{
    const char *colon = strrchr(s, ':');
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    char host[64];
    if (!colon || (size_t)(colon - s) >= sizeof host)
        return err_set(e, ERR_INPUT, "--listen: '%.60s' is not ADDRESS:PORT", s);
    snprintf(host, sizeof host, "%.*s", (int)(colon - s), s);
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535) return err_set(e, ERR_INPUT, "--listen: bad port in '%.60s'", s);
    if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
        return err_set(e, ERR_INPUT, "--listen: '%.40s' is not an IPv4 address", host);
    sa->sin_port = htons((uint16_t)port);
    return 0;
}

/* server_teardown: closes what server_setup opened and the readers the
 * threads opened; each part may be absent (a setup that failed half-way). */
static void server_teardown(void)
{
    server_free_cache();
    for (int i = 0; i < nreaders; i++) store_close(readers[i]);
    nreaders = 0;
    store_close(ctx.writer);
    ctx.writer = NULL;
    if (ctx.signer) note_signer_wipe(ctx.signer);
    ctx.signer = NULL;
    if (access_log && access_log != stderr) fclose(access_log);
    access_log = NULL;
}

/* server_setup: the writer connection, the response cache and where the log
 * stands, the checkpoint signer and the access log. On failure everything
 * opened so far is closed again. */
static int server_setup(const server_opts *o, err_t *e)
{
    memset(&ctx, 0, sizeof ctx);
    ctx.db_path = o->db_path;
    ctx.base_url = o->base_url;
    ctx.session_idle = 30 * 60;
    ctx.session_max = 12 * 60 * 60;
    pthread_mutex_init(&ctx.writer_lock, NULL);
    if (store_open(o->db_path, STORE_READWRITE, &ctx.writer, NULL, e)) goto fail;
    if (store_set_memory(ctx.writer, SERVER_READER_CACHE_KIB, 0, e)) goto fail;
    if (!(cache = rcache_new(CACHE_MAX_BYTES, CACHE_MAX_ENTRIES, release_variants))) {
        err_nomem(e);
        goto fail;
    }
    if (store_page_inputs(ctx.writer, &seen, e)) goto fail;
    load_signer(o);
    access_log = o->quiet ? NULL : stderr;
    if (o->access_log && !o->quiet && !(access_log = fopen(o->access_log, "a"))) {
        err_set(e, ERR_IO, "--access-log %s: %s", o->access_log, strerror(errno));
        goto fail;
    }
    return 0;
fail:
    server_teardown();
    return -1;
}

/* daemon_start: libmicrohttpd on SA with a pool of THREADS and the limits
 * above; NULL when it cannot listen (errno says why). */
static struct MHD_Daemon *daemon_start(const struct sockaddr_in *sa, unsigned threads)
{
    return MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_TURBO, 0, NULL, NULL, handle, NULL,
        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)sa,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTION_LIMIT,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)PER_IP_LIMIT,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
        MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
        MHD_OPTION_URI_LOG_CALLBACK, request_begin, NULL,
        MHD_OPTION_END);
}

int server_run(const server_opts *o, err_t *e)
{
    const char *where = o->listen ? o->listen : "127.0.0.1:8080";
    struct sockaddr_in sa;
    if (server_parse_listen(where, &sa, e) || mhd_lib_load(e)) return -1;
    if (server_setup(o, e)) return -1;
    /* The pool's threads inherit this mask: only the main thread takes the signals. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    unsigned threads = o->threads ? o->threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1) threads = 1;
    struct MHD_Daemon *d = daemon_start(&sa, threads);
    if (!d) {
        err_set(e, ERR_IO, "cannot listen on %s: %s", where, strerror(errno));
        goto fail;
    }
    if (webhook_sender_start(o->db_path, e)) {
        MHD_stop_daemon(d);
        goto fail;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    fprintf(stderr, "ssrtrack: serving %s on http://%s:%u/ with %u threads\n", o->db_path,
            inet_ntoa(sa.sin_addr), di ? di->port : ntohs(sa.sin_port), threads);
    int sig = 0;
    sigwait(&sigs, &sig);
    /* Stop taking connections, let the requests in flight finish (up to 10 s), then stop. */
    MHD_socket listen_fd = MHD_quiesce_daemon(d);
    for (int i = 0; i < 1000 && in_flight > 0; i++) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(d);
    webhook_sender_stop();
    if (listen_fd != MHD_INVALID_SOCKET) close(listen_fd);
    server_teardown();
    fprintf(stderr, "ssrtrack: stopped (signal %d)\n", sig);
    return 0;
fail:
    server_teardown();
    return -1;
}
