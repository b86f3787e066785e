/* web.h — the web application: pages, the JSON API and sign-in, behind one
 * entry point, web_handle(), that turns an http_request into an
 * http_response. The server (server.c), the one-request-from-stdin mode and
 * the static site exporter all call it. Handlers never touch SQL: they call
 * store/, render through util/fmt.h's escaping conversions, and write only
 * through the one writer connection. */
#ifndef SSR_WEB_H
#define SSR_WEB_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "ledger/note.h"
#include "store/store.h"
#include "web/http.h"

typedef struct {
    const char *db_path;
    store_t *writer;              /* the one writer; NULL when read-only */
    pthread_mutex_t writer_lock;
    _Atomic long long generation; /* bumped whenever the data may have changed */
    int static_site;              /* links without query strings, for `site` */
    long session_idle, session_max;   /* seconds */
    note_signer *signer;          /* the log's key, when the server may sign checkpoints */
    const char *base_url;         /* the public origin absolute links start from (no trailing '/'),
                                     from --base-url, never from a request; NULL: none */
    struct claims_memo *claims;   /* `site`: the claims models made so far (report/claims_memo.h);
                                     NULL in the server, whose data changes under it */
} web_ctx;

enum { ROLE_NONE, ROLE_VIEWER, ROLE_ASSESSOR, ROLE_EDITOR, ROLE_ADMIN };

typedef struct {
    web_ctx *ctx;
    store_t *db;                  /* this thread's reader */
    arena_t *a;
    const http_request *req;
    http_response *res;
    view_t view;
    const char *as_of;            /* the as_of parameter, when one was given */
    const char *user;             /* signed in (session or token), or NULL */
    int role;
    int via_token;
    const char *csrf;             /* the session's CSRF token (pages) */
    unsigned char session[32];    /* SHA-256 of the session cookie, when signed in */
    int api;                      /* under /api: errors are JSON */
    err_t err;
} web_req;


/* Answer one request; res must be zeroed. Never fails: errors become
 * responses. Returns res->status. */
int web_handle(web_ctx *ctx, store_t *reader, const http_request *req, arena_t *a, http_response *res);

/* Roles. */
const char *role_name(int role);
int role_parse(const char *name);
int can_see_restricted(const web_req *w);
int can_edit(const web_req *w);
int can_assess(const web_req *w);

/* Responses (web_respond.c). */
int web_error(web_req *w, int status, const char *code, const char *message);
int web_error_from(web_req *w, const err_t *e);
int web_redirect(web_req *w, const char *location);
int web_json(web_req *w, int status, void *json);   /* json_t *, released */

/* Write access: run fn with the writer inside one transaction. */
int web_write(web_req *w, int (*fn)(web_req *w, store_t *s, void *ctx), void *ctx);

#endif
