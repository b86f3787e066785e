/* web.c — web_handle(): the as-of view, who is asking, the route table, and
 * the headers every response carries. */
#include "web/web.h"

#include <jansson.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "report/layout.h"
#include "util/fmt.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/handlers.h"

enum { R_ANY = 0, R_PAGE_POST = 1 };

typedef struct {
    const char *method, *pattern;
    int (*fn)(web_req *w, char **args);
    int flags;
} route;

/* The route table: '*' matches one path segment; a final '**' the rest of
 * the path (one or more segments, given undecoded to the handler, which
 * parses it strictly). */
static const route routes[] = {
    {"GET", "/", home_page, R_ANY},
    {"GET", "/recs", recs_page, R_ANY},
    {"GET", "/recs/*", rec_page, R_ANY},
    {"GET", "/reviews", reviews_page, R_ANY},
    {"GET", "/reviews/*", review_page, R_ANY},
    {"GET", "/reviews/*/calendar.ics", calendar_review, R_ANY},
    {"GET", "/reviews/*/claims", claims_page, R_ANY},
    {"GET", "/reviews/*/*", review_sub_page, R_ANY},
    {"GET", "/calendar.ics", calendar_all, R_ANY},
    {"GET", "/assessments", assessments_page, R_ANY},
    {"GET", "/assessments/*", assessment_page, R_ANY},
    {"GET", "/assessments/*/implemented/*", assessment_filter_page, R_ANY},
    {"GET", "/changes", changes_page, R_ANY},
    {"GET", "/changes.atom", changes_atom, R_ANY},
    {"GET", "/reports", reports_page, R_ANY},
    {"GET", "/reports/*", report_file, R_ANY},
    {"GET", "/ledger", ledger_page, R_ANY},
    {"GET", "/ledger/checkpoint", ledger_checkpoint, R_ANY},
    {"GET", "/ledger/proof/inclusion/*", ledger_inclusion, R_ANY},
    {"GET", "/ledger/proof/consistency/*/*", ledger_consistency, R_ANY},
    {"GET", "/ledger/entries", ledger_entries, R_ANY},
    {"GET", "/ledger/tile/**", ledger_tile, R_ANY},
    {"GET", "/ledger/content/**", ledger_content, R_ANY},
    {"GET", "/kpis", kpis_page, R_ANY},
    {"GET", "/tables/**", table_file, R_ANY},
    {"GET", "/static/*", static_file, R_ANY},
    {"GET", "/robots.txt", robots_txt, R_ANY},
    {"GET", "/signin", auth_signin_page, R_ANY},
    {"POST", "/signin", auth_signin, R_ANY},
    {"POST", "/signout", auth_signout, R_ANY},
    {"POST", "/recs/*/status", form_rec_status, R_PAGE_POST},
    {"POST", "/recs/*/milestones", form_add_milestone, R_PAGE_POST},
    {"POST", "/recs/*/verify", form_verify, R_PAGE_POST},
    {"POST", "/milestones/*", form_milestone, R_PAGE_POST},
    {"POST", "/assessments/*/items", form_item, R_PAGE_POST},
    {"POST", "/assessments/*/items/*", form_item, R_PAGE_POST},
    {"POST", "/assessments/*/items/*/signoff", form_signoff, R_PAGE_POST},
    {"POST", "/comments", form_comment, R_PAGE_POST},
    {"POST", "/watch", form_watch, R_PAGE_POST},
    {"GET", "/api/v1", api_index, R_ANY},
    {"GET", "/api/v1/openapi.json", api_openapi, R_ANY},
    {"GET", "/api/v1/reviews", api_reviews, R_ANY},
    {"GET", "/api/v1/reviews/*", api_review, R_ANY},
    {"GET", "/api/v1/reviews/*/board", api_review_board, R_ANY},
    {"GET", "/api/v1/reviews/*/claims", api_review_claims, R_ANY},
    {"GET", "/api/v1/reviews/*/glance", api_review_glance, R_ANY},
    {"GET", "/api/v1/recs", api_recs, R_ANY},
    {"POST", "/api/v1/recs", api_create_rec, R_ANY},
    {"GET", "/api/v1/recs/*", api_rec, R_ANY},
    {"PATCH", "/api/v1/recs/*", api_update_rec, R_ANY},
    {"GET", "/api/v1/recs/*/history", api_rec_history, R_ANY},
    {"POST", "/api/v1/recs/*/milestones", api_add_milestone, R_ANY},
    {"PATCH", "/api/v1/milestones/*", api_update_milestone, R_ANY},
    {"GET", "/api/v1/assessments", api_assessments, R_ANY},
    {"GET", "/api/v1/assessments/*", api_assessment, R_ANY},
    {"PUT", "/api/v1/assessments/*/items/*", api_put_item, R_ANY},
    {"POST", "/api/v1/assessments/*/items/*/signoffs", api_add_signoff, R_ANY},
    {"GET", "/api/v1/changes", api_changes, R_ANY},
    {"GET", "/api/v1/kpis", api_kpis, R_ANY},
    {"GET", "/api/v1/kpis/*", api_kpi, R_ANY},
    {"GET", "/api/v1/reports/*", api_report, R_ANY},
};

#define MAX_ARGS 4

/* Match path against pattern; fill args with the decoded '*' segments. */
static int match(arena_t *a, const char *pattern, const char *path, char **args, int *bad)
{
    int n = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (p[0] == '*' && p[1] == '*' && p[2] == '\0') {
            if (n == MAX_ARGS || !(args[n] = arena_strdup(a, s))) return 0;
            return 1;
        }
        if (*p == '*') {
            const char *end = strchr(s, '/');
            size_t len = end ? (size_t)(end - s) : strlen(s);
            if (len == 0 || n == MAX_ARGS) return 0;
            args[n] = http_url_decode(a, s, len, 0);
            if (!args[n] || strchr(args[n], '/')) { *bad = 1; return 0; }
            n++;
            p++;
            s += len;
            continue;
        }
        if (*p != *s) return 0;
        p++;
        s++;
    }
    /* A trailing slash is the same page (static sites link to directories). */
    if (*s == '/' && s[1] == '\0' && s != path) s++;
    return *p == '\0' && *s == '\0';
}

const char *role_name(int role)
{
    static const char *const names[] = {"none", "viewer", "assessor", "editor", "admin"};
    return role >= 0 && role <= ROLE_ADMIN ? names[role] : "none";
}

int role_parse(const char *name)
{
    for (int r = ROLE_VIEWER; r <= ROLE_ADMIN; r++)
        if (name && strcmp(name, role_name(r)) == 0) return r;
    return ROLE_NONE;
}

int can_see_restricted(const web_req *w) { return w->role >= ROLE_VIEWER; }
int can_edit(const web_req *w) { return w->role == ROLE_EDITOR || w->role == ROLE_ADMIN; }
int can_assess(const web_req *w) { return w->role == ROLE_ASSESSOR || w->role == ROLE_ADMIN; }

/* The CSP hash of the reports' one inline stylesheet, computed once. */
static char style_hash[64];
static pthread_once_t style_once = PTHREAD_ONCE_INIT;

static void make_style_hash(void)
{
    unsigned char h[32];
    crypto_hash_sha256(h, (const unsigned char *)page_css, strlen(page_css));
    sodium_bin2base64(style_hash, sizeof style_hash, h, 32, sodium_base64_VARIANT_ORIGINAL);
}

static int has_header(const http_response *res, const char *name)
{
    for (int i = 0; i < res->nheaders; i++)
        if (strcasecmp(res->headers[i].name, name) == 0) return 1;
    return 0;
}

/* No script may run (default-src 'none'). connect-src 'self' changes
 * nothing for a page without scripts, but browsers apply it to the tools
 * that fetch on a page's behalf, such as the DevTools protocol Lighthouse
 * reads /robots.txt through. */
static void security_headers(web_req *w)
{
    pthread_once(&style_once, make_style_hash);
    char csp[320];
    snprintf(csp, sizeof csp, "default-src 'none'; style-src 'self' 'sha256-%s'; img-src 'self' data:; "
                              "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
             style_hash);
    http_add_header(w->res, w->a, "Content-Security-Policy", csp);
    http_add_header(w->res, w->a, "X-Content-Type-Options", "nosniff");
    http_add_header(w->res, w->a, "Referrer-Policy", "same-origin");
    http_add_header(w->res, w->a, "X-Frame-Options", "DENY");
    if (w->user) http_add_header(w->res, w->a, "Cache-Control", "private, no-store");
    else if (w->res->cacheable && !has_header(w->res, "Cache-Control"))
        http_add_header(w->res, w->a, "Cache-Control", "no-cache");
}

static int dispatch(web_req *w)
{
    const http_request *r = w->req;
    char *args[MAX_ARGS] = {0};
    int path_known = 0, bad = 0;
    char allow[64] = "";
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (!match(w->a, routes[i].pattern, r->path, args, &bad)) {
            if (bad) return web_error(w, 400, "invalid", "The path is not validly encoded.");
            continue;
        }
        path_known = 1;
        int same = strcmp(r->method, routes[i].method) == 0 ||
                   (strcmp(r->method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0);
        if (!same) {
            size_t n = strlen(allow);
            snprintf(allow + n, sizeof allow - n, "%s%s", n ? ", " : "", routes[i].method);
            continue;
        }
        if (routes[i].flags & R_PAGE_POST) {
            int rc = auth_check_post(w);
            if (rc) return rc;
        }
        return routes[i].fn(w, args);
    }
    if (path_known) {
        http_add_header(w->res, w->a, "Allow", allow);
        return web_error(w, 405, "method_not_allowed", "This method is not allowed here.");
    }
    return web_error(w, 404, "not_found", "There is no such page.");
}

int web_handle(web_ctx *ctx, store_t *reader, const http_request *req, arena_t *a, http_response *res)
{
    web_req w = {.ctx = ctx, .db = reader, .a = a, .req = req, .res = res};
    w.api = strncmp(req->path, "/api/", 5) == 0 || strcmp(req->path, "/api") == 0;
    res->status = 200;
    /* Pages echo the path (the as-of form's action): it must be UTF-8 text.
     * Decoded, neither it nor the query may hold a NUL or a control character. */
    int bad_path = !utf8_valid(req->path, strlen(req->path)) || has_control(req->path) ||
                   !http_target_clean(a, req->path, NULL, 0);
    const char *bad = bad_path ? "The path is not validly encoded." : NULL;
    if (!bad && !http_target_clean(a, "/", req->params, req->nparams))
        bad = "The query holds a control character.";
    const char *as_of = http_param(req, "as_of");
    if (!bad && as_of && *as_of) {
        if (!date_valid(as_of)) bad = "as_of must be a date (YYYY-MM-DD).";
        w.as_of = as_of;
    }
    http_request echo;
    if (bad) {
        if (bad_path) {
            /* The error page's form points at "/", not at a path it cannot echo. */
            echo = *req;
            echo.path = "/";
            w.req = &echo;
        }
        w.as_of = NULL;
        store_view(reader, NULL, NULL, &w.view, &w.err);
        web_error(&w, 400, "invalid", bad);
        security_headers(&w);
        return res->status;
    }
    int snapshot = store_read_begin(reader, &w.err) == 0;
    if (store_view(reader, w.as_of, NULL, &w.view, &w.err)) {
        web_error_from(&w, &w.err);
    } else if (auth_identify(&w)) {
        web_error_from(&w, &w.err);
    } else {
        const char *ctype = http_header(req, "content-type");
        if (req->body_len && ctype && strncmp(ctype, "application/x-www-form-urlencoded", 33) == 0 &&
            http_parse_pairs(a, req->body, req->body_len, &((http_request *)req)->form,
                             &((http_request *)req)->nform, &w.err))
            web_error(&w, 400, "invalid", w.err.msg);
        else {
            int get = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
            res->cacheable = get && !w.user;
            dispatch(&w);
            if (res->status != 200) res->cacheable = 0;
        }
    }
    if (snapshot) store_read_end(reader);
    if (!buf_ok(&res->body)) {
        buf_free(&res->body);
        res->status = 500;
        res->content_type = "text/plain; charset=utf-8";
        buf_puts(&res->body, "out of memory\n");
        res->cacheable = 0;
    }
    security_headers(&w);
    return res->status;
}
