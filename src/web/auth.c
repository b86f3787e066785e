/* auth.c — see auth.h. */
#include "web/auth.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "store/accounts.h"
#include "util/fmt.h"
#include "web/page.h"

static long long now_s(void) { return (long long)time(NULL); }

/* The role of a user name, or ROLE_NONE; -1 (in w->err) when the lookup
 * itself failed. */
static int role_of(web_req *w, const char *user)
{
    account_t acc;
    int rc = accounts_get_user(w->db, user, w->a, &acc, &w->err);
    if (rc < 0) return -1;
    return rc == 1 ? role_parse(acc.role) : ROLE_NONE;
}

int auth_identify(web_req *w)
{
    const char *authz = http_header(w->req, "authorization");
    err_t e;
    int rc;
    if (authz && strncmp(authz, "Bearer ", 7) == 0) {
        unsigned char h[32];
        const char *tok = authz + 7;
        crypto_hash_sha256(h, (const unsigned char *)tok, strlen(tok));
        token_info t;
        char today[DATE_SIZE];
        clock_today(today);
        /* Found through its user's identity (a removed user's tokens are gone
         * with it); good through its expiry day. A failed lookup is an error
         * (a 5xx), never taken for no credentials. */
        if ((rc = accounts_get_token(w->db, h, w->a, &t, &w->err)) != 1) return rc < 0 ? -1 : 0;
        if (t.expires && strcmp(today, t.expires) > 0) return 0;
        if ((w->role = role_of(w, t.user)) < 0) return w->role = ROLE_NONE, -1;
        if (w->role == ROLE_NONE) return 0;
        w->user = t.user;
        w->via_token = 1;
        if ((!t.last_used || strcmp(t.last_used, today) != 0) && w->ctx->writer) {
            pthread_mutex_lock(&w->ctx->writer_lock);
            accounts_touch_token(w->ctx->writer, t.id, today, &e);
            pthread_mutex_unlock(&w->ctx->writer_lock);
        }
        return 0;
    }
    const char *sid = http_cookie(w->a, http_header(w->req, "cookie"), SESSION_COOKIE);
    if (!sid || strlen(sid) != 64) return 0;
    unsigned char h[32];
    crypto_hash_sha256(h, (const unsigned char *)sid, 64);
    const char *user, *csrf;
    long long created, seen, now = now_s();
    if ((rc = accounts_get_session(w->db, h, w->a, &user, &csrf, &created, &seen, &w->err)) != 1)
        return rc < 0 ? -1 : 0;
    if (now - seen > w->ctx->session_idle || now - created > w->ctx->session_max) return 0;
    if ((w->role = role_of(w, user)) < 0) return w->role = ROLE_NONE, -1;
    if (w->role == ROLE_NONE) return 0;
    w->user = user;
    w->csrf = csrf;
    memcpy(w->session, h, 32);
    /* Idle expiry counts from the last request; note it at most once a minute. */
    if (now - seen > 60 && w->ctx->writer) {
        pthread_mutex_lock(&w->ctx->writer_lock);
        accounts_touch_session(w->ctx->writer, h, now, &e);
        pthread_mutex_unlock(&w->ctx->writer_lock);
    }
    return 0;
}

/* The origin the browser must be on: scheme and Host of this request. */
static int same_origin(web_req *w, const char *url)
{
    const char *host = http_header(w->req, "host");
    if (!url || !host) return 0;
    const char *rest = strncmp(url, "http://", 7) == 0 ? url + 7 : strncmp(url, "https://", 8) == 0 ? url + 8 : NULL;
    if (!rest) return 0;
    size_t n = strlen(host);
    return strncmp(rest, host, n) == 0 && (rest[n] == '\0' || rest[n] == '/');
}

static int origin_ok(web_req *w)
{
    const char *origin = http_header(w->req, "origin");
    if (origin) return same_origin(w, origin);
    return same_origin(w, http_header(w->req, "referer"));
}

int auth_check_post(web_req *w)
{
    if (!w->user || w->via_token) return web_error(w, 401, "unauthorized", "Sign in first.");
    if (!origin_ok(w)) return web_error(w, 403, "forbidden", "The form was not sent from this site.");
    const char *token = http_form(w->req, "csrf");
    if (!token || !w->csrf || strlen(token) != strlen(w->csrf) ||
        sodium_memcmp(token, w->csrf, strlen(token)) != 0)
        return web_error(w, 403, "forbidden", "The form's security token is missing or stale; reload the page.");
    return 0;
}

/* The sign-in form. The name field takes the focus; after a failure the
 * message does (an alert linking to the field), and the name is kept. */
static void signin_form(web_req *w, const char *message)
{
    buf_t *b = &w->res->body;
    page_begin(w, "Sign in");
    buf_puts(b, "<h1>Sign in</h1>\n");
    if (message)
        bfmt(b, "<p class=\"error\" id=\"signin-error\" role=\"alert\" tabindex=\"-1\" autofocus>"
                "<a href=\"#user\">%h</a></p>\n", message);
    const char *next = message ? http_form(w->req, "next") : http_param(w->req, "next");
    const char *user = message ? http_form(w->req, "user") : NULL;
    bfmt(b, "<form method=\"post\" action=\"/signin\" class=\"signin\">"
            "<input type=\"hidden\" name=\"next\" value=\"%h\">"
            "<p><label for=\"user\">Name</label><br><input type=\"text\" id=\"user\" name=\"user\" value=\"%h\" "
            "autocomplete=\"username\" required%s></p>"
            "<p><label for=\"password\">Password</label><br><input id=\"password\" name=\"password\" type=\"password\" "
            "autocomplete=\"current-password\" required></p><p><button type=\"submit\">Sign in</button></p></form>\n",
         next ? next : "/", user ? user : "", message ? " aria-describedby=\"signin-error\"" : " autofocus");
    page_end(w);
}

/* GET /signin — the sign-in form. Parameters: next (a local path).
 * Role: anyone. */
int auth_signin_page(web_req *w, char **args)
{
    (void)args;
    signin_form(w, NULL);
    return 200;
}

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];

static void make_dummy(void)
{
    unsigned char pw[16];
    randombytes_buf(pw, sizeof pw);
    if (crypto_pwhash_str(dummy_hash, (const char *)pw, sizeof pw, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        dummy_hash[0] = '\0';
}

/* A local path to go to after sign-in (the form value, already decoded),
 * else "/". Only "/" followed by a character that is not '/', '\\', a space
 * or a control character: browsers drop TAB, CR and LF from a Location and
 * read "/\t/host" or "/\\host" as another site. No control character may
 * appear anywhere, so nothing can split the header either. */
static const char *local_next(const char *next)
{
    if (!next || next[0] != '/') return "/";
    unsigned char c1 = (unsigned char)next[1];
    if (c1 == '/' || c1 == '\\' || c1 == ' ' || c1 == 0x7f || (c1 && c1 < 0x20)) return "/";
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p < 0x20 || *p == 0x7f) return "/";
    return next;
}

/* POST /signin — checks the password and starts a session (cookie
 * __Host-ssrtrack, new id each time). Form: user, password, next. Origin
 * checked; failures throttled per account and address. Role: anyone. */
int auth_signin(web_req *w, char **args)
{
    (void)args;
    if (!origin_ok(w)) return web_error(w, 403, "forbidden", "The form was not sent from this site.");
    const char *user = http_form(w->req, "user"), *pw = http_form(w->req, "password");
    if (!user || !pw || !*user || strlen(user) > 100 || strlen(pw) > 1000)
        return web_error(w, 400, "invalid", "Give a name and a password.");
    long long now = now_s(), attempt = 0;
    err_t e;
    /* The attempt is recorded as a failure before the slow check, atomically
     * with counting those before it, so parallel attempts cannot all pass the
     * limit; a good password drops it again. */
    signin_limits lim = {now, now - 3600, now - SIGNIN_ADDR_WINDOW, SIGNIN_FAILS_PER_USER_HOUR,
                         SIGNIN_FAILS_PER_ADDR_WINDOW};
    pthread_mutex_lock(&w->ctx->writer_lock);
    int reserved = accounts_reserve_signin(w->ctx->writer, user, w->req->remote, &lim, &attempt, &e);
    pthread_mutex_unlock(&w->ctx->writer_lock);
    if (reserved < 0) return web_error_from(w, &e);
    if (reserved == 0) {
        http_add_header(w->res, w->a, "Retry-After", "900");
        return web_error(w, 429, "too_many_attempts", "Too many failed sign-ins; try again later.");
    }
    account_t acc;
    int found = accounts_get_user(w->db, user, w->a, &acc, &e);
    if (found < 0) return web_error_from(w, &e);
    /* Verify against a dummy hash for unknown names, so timing does not tell. */
    pthread_once(&dummy_once, make_dummy);
    int ok = crypto_pwhash_str_verify(found == 1 ? acc.password : dummy_hash, pw, strlen(pw)) == 0 && found == 1;
    if (!ok) {
        w->res->status = 401;
        signin_form(w, "Wrong name or password.");
        w->res->status = 401;
        return 401;
    }
    /* A new session id at every sign-in; the old one, if any, ends. */
    unsigned char h[32], ch[32];
    char *sid = accounts_new_secret(w->a, h), *csrf = accounts_new_secret(w->a, ch);
    if (!sid || !csrf) return web_error(w, 500, "no_memory", "out of memory");
    pthread_mutex_lock(&w->ctx->writer_lock);
    int rc = accounts_release_signin(w->ctx->writer, attempt, &e);
    if (rc == 0 && w->user && !w->via_token) rc = accounts_end_session(w->ctx->writer, w->session, &e);
    if (rc == 0) rc = accounts_new_session(w->ctx->writer, h, acc.name, csrf, now, &e);
    if (rc == 0) accounts_expire_sessions(w->ctx->writer, now - w->ctx->session_idle, now - w->ctx->session_max, &e);
    pthread_mutex_unlock(&w->ctx->writer_lock);
    if (rc) return web_error_from(w, &e);
    char *cookie = arena_printf(w->a, SESSION_COOKIE "=%s; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=%ld",
                                sid, w->ctx->session_max);
    if (!cookie) return web_error(w, 500, "no_memory", "out of memory");
    http_add_header(w->res, w->a, "Set-Cookie", cookie);
    return web_redirect(w, local_next(http_form(w->req, "next")));
}

/* POST /signout — ends the session. Form: csrf, next. Role: signed in
 * by session (CSRF token and origin checked). */
int auth_signout(web_req *w, char **args)
{
    (void)args;
    int rc = auth_check_post(w);
    if (rc) return rc;
    err_t e;
    pthread_mutex_lock(&w->ctx->writer_lock);
    rc = accounts_end_session(w->ctx->writer, w->session, &e);
    pthread_mutex_unlock(&w->ctx->writer_lock);
    if (rc) return web_error_from(w, &e);
    http_add_header(w->res, w->a, "Set-Cookie", SESSION_COOKIE "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
    return web_redirect(w, "/");
}
