/* http.c — see http.h. */
#include "web/http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

const char *http_header(const http_request *r, const char *lower_name)
{
    for (int i = 0; i < r->nheaders; i++)
        if (strcmp(r->headers[i].name, lower_name) == 0) return r->headers[i].value;
    return NULL;
}

static const char *pair_get(const http_pair *p, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(p[i].name, name) == 0) return p[i].value;
    return NULL;
}

const char *http_param(const http_request *r, const char *name) { return pair_get(r->params, r->nparams, name); }
const char *http_form(const http_request *r, const char *name) { return pair_get(r->form, r->nform, name); }

int http_add_header(http_response *res, arena_t *a, const char *name, const char *value)
{
    if (res->nheaders == (int)(sizeof res->headers / sizeof res->headers[0])) return -1;
    http_pair *p = &res->headers[res->nheaders];
    p->name = arena_strdup(a, name);
    p->value = arena_strdup(a, value);
    if (!p->name || !p->value) return -1;
    res->nheaders++;
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *http_url_decode(arena_t *a, const char *s, size_t n, int plus_is_space)
{
    char *out = arena_alloc(a, n + 1);
    if (!out) return NULL;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= n) return NULL;
            int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0) return NULL;
            c = (char)(hi << 4 | lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        if (c == '\0') return NULL;
        out[j++] = c;
    }
    out[j] = '\0';
    return utf8_valid(out, j) ? out : NULL;
}

int http_has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return 1;
    return 0;
}

int http_target_clean(arena_t *a, const char *path, const http_pair *params, int n)
{
    const char *p = http_url_decode(a, path, strlen(path), 0);
    if (!p || http_has_control(p)) return 0;
    for (int i = 0; i < n; i++)
        if (http_has_control(params[i].name) || http_has_control(params[i].value)) return 0;
    return 1;
}

int http_parse_pairs(arena_t *a, const char *s, size_t n, http_pair **out, int *count, err_t *e)
{
    http_pair *p = arena_alloc(a, sizeof *p * HTTP_MAX_PARAMS);
    if (!p) return err_nomem(e);
    int k = 0;
    size_t i = 0;
    while (i < n) {
        size_t end = i;
        while (end < n && s[end] != '&' && s[end] != ';') end++;
        if (end > i) {
            if (k == HTTP_MAX_PARAMS) return err_set(e, ERR_INPUT, "more than %d parameters", HTTP_MAX_PARAMS);
            const char *eq = memchr(s + i, '=', end - i);
            size_t klen = eq ? (size_t)(eq - (s + i)) : end - i;
            p[k].name = http_url_decode(a, s + i, klen, 1);
            p[k].value = eq ? http_url_decode(a, eq + 1, (size_t)(s + end - eq - 1), 1) : arena_strdup(a, "");
            if (!p[k].name || !p[k].value) return err_set(e, ERR_INPUT, "a parameter is not validly encoded");
            k++;
        }
        i = end + 1;
    }
    *out = p;
    *count = k;
    return 0;
}

int http_count(const char *s, long long *out)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 18 || strspn(s, "0123456789") != n) return -1;
    long long v = 0;
    for (size_t i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
    *out = v;
    return 0;
}

const char *http_cookie(arena_t *a, const char *header, const char *name)
{
    if (!header) return NULL;
    size_t nl = strlen(name);
    const char *p = header;
    while (*p) {
        while (*p == ' ' || *p == ';') p++;
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > nl && strncmp(p, name, nl) == 0 && p[nl] == '=') return arena_strndup(a, p + nl + 1, len - nl - 1);
        p += len;
    }
    return NULL;
}

/* The end of the line at p within [p, end): the CR or LF; NULL if none. */
static const char *line_end(const char *p, const char *end)
{
    for (; p < end; p++)
        if (*p == '\n' || *p == '\r') return p;
    return NULL;
}

int http_parse_raw(arena_t *a, const char *data, size_t len, http_request *r, err_t *e)
{
    memset(r, 0, sizeof *r);
    const char *end = data + len, *p = data;
    const char *head_end = NULL;
    for (const char *q = data; q + 1 < end; q++)
        if ((q[0] == '\n' && q[1] == '\n') || (q + 3 < end && memcmp(q, "\r\n\r\n", 4) == 0)) { head_end = q; break; }
    if (!head_end) {
        if (len > HTTP_MAX_HEADER_BYTES) return err_set(e, ERR_TOOBIG, "request head too large");
        return err_set(e, ERR_INPUT, "incomplete request head");
    }
    if ((size_t)(head_end - data) > HTTP_MAX_HEADER_BYTES) return err_set(e, ERR_TOOBIG, "request head too large");
    /* A NUL would cut a name, a value or the path short where it is copied. */
    if (memchr(data, '\0', (size_t)(head_end - data))) return err_set(e, ERR_INPUT, "NUL byte in the request head");
    /* Request line: METHOD SP TARGET SP HTTP/1.x */
    const char *le = line_end(p, end);
    const char *sp1 = memchr(p, ' ', (size_t)(le - p));
    const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(le - sp1 - 1)) : NULL;
    if (!sp1 || sp1 == p || !sp2 || le - sp2 < 9 || strncmp(sp2 + 1, "HTTP/1.", 7) != 0)
        return err_set(e, ERR_INPUT, "malformed request line");
    for (const char *m = p; m < sp1; m++)
        if (*m < 'A' || *m > 'Z') return err_set(e, ERR_INPUT, "malformed method");
    r->method = arena_strndup(a, p, (size_t)(sp1 - p));
    const char *target = sp1 + 1;
    if (*target != '/') return err_set(e, ERR_INPUT, "the target must be a path");
    const char *q = memchr(target, '?', (size_t)(sp2 - target));
    r->path = arena_strndup(a, target, (size_t)((q ? q : sp2) - target));
    r->query = q ? arena_strndup(a, q + 1, (size_t)(sp2 - q - 1)) : "";
    if (!r->method || !r->path || !r->query) return err_nomem(e);
    for (const char *c = r->path; *c; c++)
        if ((unsigned char)*c <= ' ' || *c == 0x7f) return err_set(e, ERR_INPUT, "bad character in the path");
    /* Headers. */
    r->headers = arena_alloc(a, sizeof(http_pair) * HTTP_MAX_HEADERS);
    if (!r->headers) return err_nomem(e);
    p = le;
    if (p < end && *p == '\r') p++;
    if (p < end && *p == '\n') p++;
    while (p < head_end + 1 && p < end && *p != '\r' && *p != '\n') {
        le = line_end(p, end);
        if (!le) return err_set(e, ERR_INPUT, "incomplete header");
        const char *colon = memchr(p, ':', (size_t)(le - p));
        if (!colon || colon == p) return err_set(e, ERR_INPUT, "malformed header");
        if (r->nheaders == HTTP_MAX_HEADERS) return err_set(e, ERR_TOOBIG, "too many headers");
        char *name = arena_strndup(a, p, (size_t)(colon - p));
        if (!name) return err_nomem(e);
        for (char *c = name; *c; c++) {
            if (*c >= 'A' && *c <= 'Z') *c = (char)(*c + 32);
            else if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
                return err_set(e, ERR_INPUT, "malformed header name");
        }
        const char *v = colon + 1, *ve = le;
        while (v < ve && (*v == ' ' || *v == '\t')) v++;
        while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t')) ve--;
        r->headers[r->nheaders].name = name;
        if (!(r->headers[r->nheaders].value = arena_strndup(a, v, (size_t)(ve - v)))) return err_nomem(e);
        r->nheaders++;
        p = le;
        if (p < end && *p == '\r') p++;
        if (p < end && *p == '\n') p++;
    }
    if (p < end && *p == '\r') p++;
    if (p < end && *p == '\n') p++;
    /* Body, by one Content-Length only: as the server does, refuse what two
     * readers could frame differently. */
    int ncl = 0;
    for (int i = 0; i < r->nheaders; i++) {
        if (strcmp(r->headers[i].name, "transfer-encoding") == 0)
            return err_set(e, ERR_INPUT, "Transfer-Encoding is not accepted here; give Content-Length");
        ncl += strcmp(r->headers[i].name, "content-length") == 0;
    }
    if (ncl > 1) return err_set(e, ERR_INPUT, "more than one Content-Length header");
    const char *cl = http_header(r, "content-length");
    size_t want = 0;
    if (cl) {
        char *endp;
        unsigned long long v = strtoull(cl, &endp, 10);
        if (*endp || endp == cl || cl[0] == '-') return err_set(e, ERR_INPUT, "bad Content-Length");
        if (v > HTTP_MAX_BODY) return err_set(e, ERR_TOOBIG, "request body larger than %u bytes", HTTP_MAX_BODY);
        want = (size_t)v;
    }
    if ((size_t)(end - p) < want) return err_set(e, ERR_INPUT, "request body shorter than its Content-Length");
    r->body = p;
    r->body_len = want;
    if (http_parse_pairs(a, r->query, strlen(r->query), &r->params, &r->nparams, e)) return -1;
    r->remote = "-";
    return 0;
}

const char *http_reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return status < 500 ? "Error" : "Internal Server Error";
    }
}

void http_write_raw(const http_response *res, buf_t *out)
{
    buf_printf(out, "HTTP/1.1 %d %s\r\n", res->status, http_reason(res->status));
    if (res->content_type) buf_printf(out, "Content-Type: %s\r\n", res->content_type);
    for (int i = 0; i < res->nheaders; i++)
        buf_printf(out, "%s: %s\r\n", res->headers[i].name, res->headers[i].value);
    buf_printf(out, "Content-Length: %zu\r\n\r\n", res->body.len);
    buf_append(out, res->body.data ? res->body.data : "", res->body.len);
}
