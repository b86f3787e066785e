/* Tests of the web application through its one entry point, web_handle():
 * each request is plain data (an http_request made from its method, target,
 * headers and body), answered against a real SQLite file holding the bundled
 * demo, a rec whose fields are attacks, an editor, an assessor and a viewer
 * with API tokens, and a signed-in session of the editor with its CSRF
 * token. Routes, escaping, roles, CSRF, as_of and errors are checked here,
 * with no socket; tests/e2e/test_web.sh keeps what only the server does
 * (the socket, sign-in over it, limits, the log, SIGTERM, the cache).
 * Each check prints its own ok / not ok line. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "store/db_files.h"
#include "embedded.h"
#include "import/canonical.h"
#include "store/accounts.h"
#include "util/buf.h"
#include "util/text.h"
#include "web/web.h"

#define SESSION "5e55105e55105e55105e55105e55105e55105e55105e55105e55105e55105e55"
#define CSRF "c5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rf"
#define EDIT "70ce7a0170ce7a0170ce7a0170ce7a0170ce7a0170ce7a0170ce7a0170ce7a01"
#define ASSESS "70ce7c0370ce7c0370ce7c0370ce7c0370ce7c0370ce7c0370ce7c0370ce7c03"
#define VIEW "70ce7b0270ce7b0270ce7b0270ce7b0270ce7b0270ce7b0270ce7b0270ce7b02"
#define HOST "ssrtrack.test"
#define COOKIE "Cookie: __Host-ssrtrack=" SESSION "\r\n"
#define ORIGIN "Origin: http://" HOST "\r\n"

static web_ctx ctx;
static store_t *writer, *reader;
static arena_t *arena;
static http_response res;
static const char *body;   /* res's body as a string ("" when empty) */
static int failures;

/* expect(name, cond): one TAP line per check, as the e2e scripts print. */
static void expect(const char *name, int cond)
{
    printf("%s - test_web.c: %s\n", cond ? "ok" : "not ok", name);
    if (!cond) {
        failures++;
        printf("#   status %d, body: %.300s\n", res.status, body);
    }
}

static const char *header(const char *name)
{
    for (int i = 0; i < res.nheaders; i++)
        if (strcasecmp(res.headers[i].name, name) == 0) return res.headers[i].value;
    return "";
}

/* send(method, target, headers, body): one request, answered into res and
 * body; the previous response's memory is released. headers are whole
 * "Name: value\r\n" lines. */
static int send(const char *method, const char *target, const char *headers, const char *data)
{
    buf_free(&res.body);
    memset(&res, 0, sizeof res);
    arena_free(arena);
    arena = arena_new();
    buf_t raw = BUF_INIT;
    size_t n = data ? strlen(data) : 0;
    buf_printf(&raw, "%s %s HTTP/1.1\r\nHost: " HOST "\r\n%s", method, target, headers ? headers : "");
    if (data) buf_printf(&raw, "Content-Length: %zu\r\n", n);
    buf_printf(&raw, "\r\n");
    if (data) buf_append(&raw, data, n);
    http_request req;
    err_t e;
    if (http_parse_raw(arena, raw.data, raw.len, &req, &e) != 0) {
        printf("# not a request: %s\n", e.msg);
        buf_free(&raw);
        return -1;
    }
    req.remote = "127.0.0.1";
    web_handle(&ctx, reader, &req, arena, &res);
    buf_free(&raw);
    buf_printf(&res.body, "%s", "");   /* NUL-terminated, and not NULL */
    body = res.body.data ? res.body.data : "";
    return res.status;
}

static int get(const char *target) { return send("GET", target, NULL, NULL); }
static int has(const char *s) { return strstr(body, s) != NULL; }

static long long changes(void)
{
    long long n = -1;
    err_t e;
    store_change_count(reader, &n, &e);
    return n;
}

static void sha(const char *s, unsigned char out[32])
{
    crypto_hash_sha256(out, (const unsigned char *)s, strlen(s));
}

/* The database: demo, the attack rec, three users with tokens, a session. */
static int setup(void)
{
    err_t e;
    if (db_files_begin() != 0 || !(writer = fresh())) return -1;
    const embedded_file *demo = NULL;
    for (const embedded_file *f = embedded_files; f->name; f++)
        if (strcmp(f->name, "data/demo.json") == 0) demo = f;
    canon_stats st;
    if (!demo || canon_import(writer, "demo.json", (const char *)demo->data, demo->size, "demo", &st, &e))
        return -1;
    field_value rec[] = {{"review", "SSR1"}, {"title", "<script>alert(1)</script>"},
                         {"topic", "\"><img src=x onerror=alert(2)>"},
                         {"owner", "</td><script>alert(3)</script>"}};
    edit_t ed = {EDIT_CREATE, &kind_rec, "SSR1-99", rec, 4, "2014-01-01", "tester", "<b onmouseover=alert(4)>why</b>"};
    char pw[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(pw, "unit-password", 13, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN))
        return -1;
    unsigned char h[32];
    long long later = (long long)time(NULL) + 10LL * 365 * 86400;
    if (store_begin(writer, &e) || store_edit(writer, &ed, &e) || store_commit(writer, &e) ||
        accounts_add_user(writer, "ana", "editor", pw, &e) ||
        accounts_add_user(writer, "sam", "assessor", pw, &e) ||
        accounts_add_user(writer, "val", "viewer", pw, &e))
        return printf("# setup: %s\n", e.msg), -1;
    sha(SESSION, h);
    if (accounts_new_session(writer, h, "ana", CSRF, later, &e)) return -1;
    sha(EDIT, h);
    if (accounts_new_token(writer, "T1", h, "ana", NULL, &e)) return -1;
    sha(ASSESS, h);
    if (accounts_new_token(writer, "T2", h, "sam", NULL, &e)) return -1;
    sha(VIEW, h);
    if (accounts_new_token(writer, "T3", h, "val", NULL, &e)) return -1;
    if (store_open(path, STORE_READONLY, &reader, NULL, &e)) return -1;
    ctx.db_path = path;
    ctx.writer = writer;
    ctx.session_idle = ctx.session_max = 20LL * 365 * 86400;
    pthread_mutex_init(&ctx.writer_lock, NULL);
    return 0;
}

/* Every page answers, with the security headers. */
static void pages(void)
{
    static const char *const paths[] = {
        "/", "/recs", "/recs/SSR1-9", "/reviews", "/reviews/SSR1", "/assessments",
        "/assessments/SSR2-SSR1", "/changes", "/reports", "/ledger", "/signin",
        "/recs?status=in_progress&review=SSR1", "/reports/implementation?format=html"};
    char name[128];
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        snprintf(name, sizeof name, "GET %s", paths[i]);
        expect(name, get(paths[i]) == 200);
    }
    get("/recs/SSR1-9");
    expect("security: CSP without inline scripts, no framing",
           strstr(header("Content-Security-Policy"), "default-src 'none'") &&
           strstr(header("Content-Security-Policy"), "frame-ancestors 'none'"));
    expect("security: nosniff", strcmp(header("X-Content-Type-Options"), "nosniff") == 0);
    expect("security: referrer policy", strcmp(header("Referrer-Policy"), "same-origin") == 0);
    expect("charset", res.content_type && strcmp(res.content_type, "text/html; charset=utf-8") == 0);
    expect("rec page shows the milestones", has("SSR1-9.3"));
    expect("rec page history shows both times",
           has("effective <time>2012-06-20</time> to <time>2014-03-18</time> (recorded ") && has(" · recorded <time datetime=\""));
    expect("rec page history: one entry per transaction, in words",
           has("New recommendation SSR1-9: Certification against international standards (and 3 new milestones)") &&
           !has("<code>status</code> = "));
    expect("rec page has the date picker", has("<input type=\"date\" id=\"as_of\" name=\"as_of\""));
    expect("an anonymous page may be cached", res.cacheable);
    get("/changes.atom");
    expect("Atom feed", has("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    expect("feed type", res.content_type && strncmp(res.content_type, "application/atom+xml", 20) == 0);
    get("/");
    expect("dashboard chart is our own SVG", has("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars\""));
    expect("dashboard: the SSR2 verdict on SSR1", has("none of the 28 recommendations it assessed fully implemented"));
    expect("dashboard: overdue in words", has("years late</td>") && !has("Days late"));
    expect("dashboard lists overdue milestones", has("Overdue milestones"));
    expect("dashboard recent changes", has("Recent changes"));
}

/* as_of, filters, and the errors of reading. */
static void reading(void)
{
    get("/recs/SSR1-9?as_of=2013-01-01");
    expect("as_of shows the chosen date prominently",
           has("as of <time datetime=\"2013-01-01\">2013-01-01</time></strong> — a past date"));
    expect("as_of: the status then", has("st-not_started"));
    expect("links keep the date", has("href=\"/reviews/SSR1?as_of=2013-01-01\""));
    expect("bad as_of is a 400", get("/recs/SSR1-9?as_of=2014-02-30") == 400);
    expect("a path that is not UTF-8 is a 400", get("/recs/SSR1%B9/") == 400);
    expect("... whose page is UTF-8 (the path is not echoed)", utf8_valid(body, strlen(body)));
    expect("unknown rec is a 404", get("/recs/NOPE-1") == 404);
    expect("404 page", get("/nowhere") == 404);
    expect("405 for a wrong method", send("DELETE", "/recs", NULL, NULL) == 405);
    get("/recs?q=Risk+Management");
    expect("search over titles and text", has("SSR1-26"));
    expect("search leaves others out", !has("href=\"/recs/SSR1-9\""));
    get("/recs?overdue=1");
    expect("overdue filter", has("SSR1-17"));
    get("/api/v1/recs/SSR1-9?as_of=2013-01-01");
    expect("API as_of", has("\"status\": \"not_started\"") && has("\"as_of\": \"2013-01-01\""));
    expect("API is JSON with charset", res.content_type && strcmp(res.content_type, "application/json; charset=utf-8") == 0);
    expect("API 404 is JSON", get("/api/v1/recs/NOPE") == 404 && has("\"code\": \"not_found\""));
    expect("API 400 is JSON", get("/api/v1/recs?status=finished") == 400 && has("\"code\": \"invalid\""));
    expect("API bad as_of is a JSON 400", get("/api/v1/recs/SSR1-9?as_of=yesterday") == 400 && has("\"error\""));
}

/* The attack rec comes out escaped on every page, feed, API and report. */
static void escaping(void)
{
    static const char *const paths[] = {
        "/", "/recs", "/recs/SSR1-99", "/reviews/SSR1", "/changes", "/changes.atom", "/api/v1/recs",
        "/api/v1/recs/SSR1-99", "/api/v1/recs/SSR1-99/history", "/api/v1/changes",
        "/reports/implementation?format=html", "/reports/implementation?format=md",
        "/reports/implementation?format=json", "/reports/smart?format=html",
        "/api/v1/reports/implementation"};
    char name[128];
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        get(paths[i]);
        snprintf(name, sizeof name, "escaped on %s", paths[i]);
        expect(name, res.status == 200 && !has("<script>alert") && !has("<img src=x") &&
                         !has("<b onmouseover"));
    }
    get("/recs/SSR1-99");
    expect("the title is shown, escaped", has("&lt;script&gt;alert(1)&lt;/script&gt;"));
    get("/api/v1/recs/SSR1-99");
    expect("the API writes < and > as \\u escapes", has("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    get("/reports/implementation?format=csv");
    expect("CSV keeps the text as data", has("<script>alert(1)</script>"));
}

/* The downloads beside the tables (web/downloads.c): links that keep the
 * request's parameters escaped, files that keep the attack as data. */
static void downloads(void)
{
    get("/reports/smart?review=SSR1&from=%22%3E%3Cscript%3Ealert(5)%3C/script%3E");
    expect("a report's download links keep its parameters, escaped",
           res.status == 200 && has("href=\"/reports/smart.csv?review=SSR1&amp;from=%22%3E%3Cscript%3Ealert%285%29") &&
               !has("<script>alert(5)"));
    get("/recs/SSR1-9");
    expect("a rec's milestones have their links", has("href=\"/tables/recs/SSR1-9/milestones.xlsx\" download>XLSX</a>"));
    get("/tables/changes/100.csv");
    const char *cd = NULL;
    for (int i = 0; i < res.nheaders; i++)
        if (strcmp(res.headers[i].name, "Content-Disposition") == 0) cd = res.headers[i].value;
    expect("the changes as CSV keep the attack as data, in a named file",
           res.status == 200 && has("<script>alert(1)</script>") && cd && strstr(cd, "filename=\"ssrtrack-changes-100-"));
    expect("an unknown table is a 404", get("/tables/recs/SSR1-9/nothing.csv") == 404);
}

#define JSON "Content-Type: application/json\r\n"
#define BEARER(t) "Authorization: Bearer " t "\r\n" JSON

/* Roles and refusals of the API: each refusal changes nothing. */
static void api_roles(void)
{
    const char *set = "{\"set\":{\"status\":\"complete\"},\"reason\":\"x\"}";
    long long before = changes();
    expect("write without a token: 401",
           send("PATCH", "/api/v1/recs/SSR1-9", JSON, set) == 401 && has("\"code\": \"unauthorized\""));
    expect("a viewer's token: 403",
           send("PATCH", "/api/v1/recs/SSR1-9", BEARER(VIEW), set) == 403 && has("\"code\": \"forbidden\""));
    expect("an assessor cannot edit recs: 403", send("PATCH", "/api/v1/recs/SSR1-9", BEARER(ASSESS), set) == 403);
    expect("a forged token: 401", send("PATCH", "/api/v1/recs/SSR1-9", BEARER("not-a-token"), set) == 401);
    expect("invalid value: 422",
           send("PATCH", "/api/v1/recs/SSR1-9", BEARER(EDIT), "{\"set\":{\"status\":\"finished\"},\"reason\":\"x\"}") == 422);
    expect("malformed JSON: 400",
           send("PATCH", "/api/v1/recs/SSR1-9", BEARER(EDIT), "{\"set\":{\"status\":") == 400 &&
           has("\"code\": \"invalid_json\""));
    expect("duplicate id: 409",
           send("POST", "/api/v1/recs", BEARER(EDIT), "{\"id\":\"SSR1-9\",\"review\":\"SSR1\",\"title\":\"again\"}") == 409 &&
           has("\"code\": \"conflict\""));
    expect("unknown rec: 404", send("PATCH", "/api/v1/recs/SSR1-77", BEARER(EDIT), set) == 404);
    expect("not JSON: 415",
           send("PATCH", "/api/v1/recs/SSR1-9", "Authorization: Bearer " EDIT "\r\nContent-Type: text/plain\r\n", "x") == 415);
    expect("an editor cannot answer an assessment: 403",
           send("PUT", "/api/v1/assessments/SSR2-SSR1/items/SSR1-9", BEARER(EDIT), "{\"set\":{\"effect\":\"achieved\"}}") == 403);
    expect("refused writes changed nothing", changes() == before);
    expect("an editor's write",
           send("PATCH", "/api/v1/recs/SSR1-9", BEARER(EDIT),
                "{\"set\":{\"owner\":\"CIIO office\"},\"effective\":\"2015-07-01\",\"reason\":\"r\"}") == 200 &&
           has("\"owner\": \"CIIO office\""));
    expect("... is one more change", changes() == before + 1);
    expect("an assessor answers",
           send("PUT", "/api/v1/assessments/SSR2-SSR1/items/SSR1-9", BEARER(ASSESS),
                "{\"set\":{\"effect\":\"partial\"},\"reason\":\"call\"}") == 200 && has("\"effect\": \"partial\""));
}

/* Form posts: the session, its CSRF token and the origin are all needed. */
static void forms(void)
{
    long long before = changes();
    get("/api/v1/recs/SSR1-9");
    expect("the rec is not deferred before the form post", res.status == 200 && !has("\"deferred\""));
    expect("signed in: the editor's forms",
           send("GET", "/recs/SSR1-9", COOKIE, NULL) == 200 && has("action=\"/recs/SSR1-9/status\""));
    expect("... and the session's CSRF token", has("name=\"csrf\" value=\"" CSRF "\""));
    expect("signed-in pages are not cached", !res.cacheable &&
           strcmp(header("Cache-Control"), "private, no-store") == 0);
    const char *form = "Content-Type: application/x-www-form-urlencoded\r\n";
    char h[512];
    snprintf(h, sizeof h, "%s%s%s", COOKIE, ORIGIN, form);
    expect("form post without the CSRF token: 403",
           send("POST", "/recs/SSR1-9/status", h, "status=deferred&effective=2016-02-01&reason=x") == 403);
    expect("form post with a wrong CSRF token: 403",
           send("POST", "/recs/SSR1-9/status", h,
                "status=deferred&effective=2016-02-01&reason=x&csrf=0000000000000000000000000000000000000000000000000000000000000000") == 403);
    snprintf(h, sizeof h, "%sOrigin: http://evil.example\r\n%s", COOKIE, form);
    expect("form post from another origin: 403",
           send("POST", "/recs/SSR1-9/status", h, "status=deferred&effective=2016-02-01&reason=x&csrf=" CSRF) == 403);
    snprintf(h, sizeof h, "%s%s", COOKIE, form);
    expect("form post with neither Origin nor Referer: 403",
           send("POST", "/recs/SSR1-9/status", h, "status=deferred&effective=2016-02-01&reason=x&csrf=" CSRF) == 403);
    snprintf(h, sizeof h, "%s%s", ORIGIN, form);
    expect("form post without a session: 401",
           send("POST", "/recs/SSR1-9/status", h, "status=deferred&effective=2016-02-01&reason=x&csrf=" CSRF) == 401);
    expect("refused form posts changed nothing", changes() == before);
    snprintf(h, sizeof h, "%s%s%s", COOKIE, ORIGIN, form);
    expect("an editor changes the status from the page",
           send("POST", "/recs/SSR1-9/status", h,
                "status=deferred&effective=2016-02-01&reason=budget+moved&csrf=" CSRF) == 303);
    expect("... which redirects to the rec's page",
           strcmp(header("Location"), "/recs/SSR1-9") == 0);
    expect("... with a one-minute flash cookie for that page, naming what was saved",
           strncmp(header("Set-Cookie"), "ssrtrack-saved=status..", 23) == 0 &&
               strstr(header("Set-Cookie"), "; Path=/recs/SSR1-9; Max-Age=60; Secure; HttpOnly; SameSite=Strict"));
    get("/api/v1/recs/SSR1-9");
    expect("... and is the rec's status now", has("\"status\": \"deferred\""));
}

int main(void)
{
    if (sodium_init() < 0 || setup() != 0) {
        printf("not ok - test_web.c: setup\n");
        return 1;
    }
    pages();
    reading();
    escaping();
    downloads();
    api_roles();
    forms();
    buf_free(&res.body);
    arena_free(arena);
    store_close(reader);
    store_close(writer);
    pthread_mutex_destroy(&ctx.writer_lock);
    db_files_end();
    return failures ? 1 : 0;
}
