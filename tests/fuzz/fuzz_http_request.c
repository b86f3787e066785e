/* fuzz_http_request.c — reading a raw HTTP/1.x request (web/http.c
 * http_parse_raw, as `ssrtrack http` reads stdin): request line, headers,
 * body by Content-Length, and the query. What it accepts must hold the
 * promises of http.h; a response written for it must be well formed. */
#include "fuzz.h"
#include "util/text.h"
#include "web/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_setup();
    arena_t *a = arena_new();
    FUZZ_CHECK(a != NULL);
    http_request r;
    err_t e;
    if (http_parse_raw(a, (const char *)data, size, &r, &e) == 0) {
        FUZZ_CHECK(r.method && *r.method && strspn(r.method, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == strlen(r.method));
        FUZZ_CHECK(r.path && r.path[0] == '/' && !has_control(r.path) && !strpbrk(r.path, " ?\t\r\n"));
        FUZZ_CHECK(r.query != NULL);
        FUZZ_CHECK(r.nheaders >= 0 && r.nheaders <= HTTP_MAX_HEADERS);
        for (int i = 0; i < r.nheaders; i++) {
            const char *n = r.headers[i].name;
            FUZZ_CHECK(*n && strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789-_") == strlen(n));
            FUZZ_CHECK(r.headers[i].value && !strpbrk(r.headers[i].value, "\r\n"));
            FUZZ_CHECK(http_header(&r, n) != NULL);
        }
        FUZZ_CHECK(r.body_len <= HTTP_MAX_BODY);
        FUZZ_CHECK(r.body >= (const char *)data && r.body + r.body_len <= (const char *)data + size);
        FUZZ_CHECK(r.nparams >= 0 && r.nparams <= HTTP_MAX_PARAMS);
        for (int i = 0; i < r.nparams; i++) {
            FUZZ_CHECK(utf8_valid(r.params[i].name, strlen(r.params[i].name)));
            FUZZ_CHECK(utf8_valid(r.params[i].value, strlen(r.params[i].value)));
        }
        /* A response echoing the path is framed by its Content-Length. */
        http_response res = {.status = 404, .content_type = "text/plain; charset=utf-8"};
        buf_puts(&res.body, r.path);
        buf_t out = BUF_INIT;
        http_write_raw(&res, &out);
        FUZZ_CHECK(buf_ok(&out) && strncmp(out.data, "HTTP/1.1 404 ", 13) == 0);
        const char *end = strstr(out.data, "\r\n\r\n");
        FUZZ_CHECK(end && (size_t)(out.data + out.len - (end + 4)) == res.body.len);
        buf_free(&out);
        buf_free(&res.body);
    } else {
        FUZZ_CHECK(e.code == ERR_INPUT || e.code == ERR_TOOBIG || e.code == ERR_NOMEM);
    }
    arena_free(a);
    return 0;
}
