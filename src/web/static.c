/* static.c — /static/NAME: the files under data/static/, compiled into the
 * binary; and /robots.txt. */
#include <string.h>

#include "embedded.h"
#include "web/handlers.h"

/* GET /static/NAME — a file built into the binary (style sheet, icon).
 * Parameters: none. Role: anyone. */
int static_file(web_req *w, char **args)
{
    char name[200];
    snprintf(name, sizeof name, "data/static/%s", args[0]);
    for (const embedded_file *f = embedded_files; f->name; f++) {
        if (strcmp(f->name, name) != 0) continue;
        const char *dot = strrchr(name, '.');
        w->res->content_type = dot && strcmp(dot, ".css") == 0 ? "text/css; charset=utf-8"
                               : dot && strcmp(dot, ".svg") == 0 ? "image/svg+xml"
                               : "application/octet-stream";
        buf_append(&w->res->body, f->data, f->size);
        http_add_header(w->res, w->a, "Cache-Control", "public, max-age=86400");
        w->res->status = 200;
        return 200;
    }
    return web_error(w, 404, "not_found", "There is no such file.");
}

/* GET /robots.txt — crawlers may read every page, once: not the same page
 * on every past date (as_of), nor the API, the sign-in form or the log's
 * raw parts (RFC 9309; '*' matches any characters).
 * Parameters: none. Role: anyone. */
int robots_txt(web_req *w, char **args)
{
    (void)args;
    w->res->content_type = "text/plain; charset=utf-8";
    buf_puts(&w->res->body, "User-agent: *\n"
                            "Disallow: /api/\n"
                            "Disallow: /signin\n"
                            "Disallow: /ledger/\n"
                            "Disallow: /*?*as_of=\n"
                            "Allow: /\n");
    http_add_header(w->res, w->a, "Cache-Control", "public, max-age=86400");
    w->res->status = 200;
    return 200;
}
