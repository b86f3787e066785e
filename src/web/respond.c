/* respond.c — error pages and JSON errors, redirects, JSON bodies, and the
 * write path through the one writer connection. */
#include <jansson.h>
#include <string.h>

#include "report/json_view.h"
#include "web/page.h"
#include "util/fmt.h"

int web_json(web_req *w, int status, void *json)
{
    w->res->status = status;
    w->res->content_type = "application/json; charset=utf-8";
    if (json_to_buf(json, &w->res->body)) {
        buf_reset(&w->res->body);
        w->res->status = 500;
        buf_puts(&w->res->body, "{\"error\": {\"code\": \"no_memory\", \"message\": \"out of memory\"}}\n");
    }
    return w->res->status;
}

int web_error(web_req *w, int status, const char *code, const char *message)
{
    http_response *res = w->res;
    buf_reset(&res->body);
    res->cacheable = 0;
    if (w->api) {
        json_t *j = json_pack("{s:{s:s, s:s}}", "error", "code", code, "message", message);
        return web_json(w, status, j);
    }
    res->status = status;
    char title[64];
    snprintf(title, sizeof title, "%d %s", status, http_reason(status));
    page_begin(w, title);
    bfmt(&res->body, "<h1>%h</h1>\n<p>%h</p>\n", title, message);
    if (status == 401) {
        buf_puts(&res->body, "<p>");
        page_link(w, "/signin", "Sign in");
        buf_puts(&res->body, " to do this.</p>\n");
    }
    page_end(w);
    res->status = status;
    return status;
}

int web_error_from(web_req *w, const err_t *e)
{
    int status = err_http_status(e);
    if (status == 422 && e->code == ERR_INPUT && w->req && strcmp(w->req->method, "GET") == 0) status = 400;
    return web_error(w, status, err_code_name(e->code), e->msg);
}

int web_redirect(web_req *w, const char *location)
{
    w->res->status = 303;
    http_add_header(w->res, w->a, "Location", location);
    return 303;
}

int web_write(web_req *w, int (*fn)(web_req *w, store_t *s, void *ctx), void *ctx)
{
    web_ctx *c = w->ctx;
    if (!c->writer) return err_set(&w->err, ERR_FORBIDDEN, "this server is read-only");
    pthread_mutex_lock(&c->writer_lock);
    int rc = store_begin(c->writer, &w->err);
    if (rc == 0) {
        rc = fn(w, c->writer, ctx);
        if (rc == 0) rc = store_commit(c->writer, &w->err);
        else store_rollback(c->writer);
    }
    c->generation++;
    pthread_mutex_unlock(&c->writer_lock);
    return rc;
}
