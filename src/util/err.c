/* err.c — filling and mapping err_t values; see err.h. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int err_set(err_t *e, err_code code, const char *fmt, ...)
{
    if (!e) return -1;
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    /* Messages are one line: fold any newline that slipped in from input. */
    for (char *p = e->msg; *p; p++)
        if (*p == '\n' || *p == '\r') *p = ' ';
    return -1;
}

int err_prefix(err_t *e, const char *fmt, ...)
{
    if (!e) return -1;
    char prefix[240], old[sizeof e->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, e->msg, sizeof old);
    snprintf(e->msg, sizeof e->msg, "%s: %s", prefix, old);
    return -1;
}

int err_nomem(err_t *e)
{
    return err_set(e, ERR_NOMEM, "out of memory");
}

int err_exit_status(const err_t *e)
{
    switch (e->code) {
    case ERR_NONE: return 0;
    case ERR_INPUT: case ERR_NOTFOUND: case ERR_CONFLICT: case ERR_AUTH:
    case ERR_FORBIDDEN: case ERR_TOOBIG:
        return 1;
    default:
        return 2;
    }
}

int err_http_status(const err_t *e)
{
    switch (e->code) {
    case ERR_NONE: return 200;
    case ERR_INPUT: return 422;
    case ERR_NOTFOUND: return 404;
    case ERR_CONFLICT: return 409;
    case ERR_AUTH: return 401;
    case ERR_FORBIDDEN: return 403;
    case ERR_TOOBIG: return 413;
    case ERR_FULL: case ERR_BUSY: return 503;
    default: return 500;
    }
}

const char *err_code_name(err_code code)
{
    static const char *const names[] = {
        [ERR_NONE] = "ok", [ERR_INPUT] = "invalid", [ERR_NOTFOUND] = "not_found",
        [ERR_CONFLICT] = "conflict", [ERR_AUTH] = "unauthorized",
        [ERR_FORBIDDEN] = "forbidden", [ERR_TOOBIG] = "too_large",
        [ERR_FULL] = "storage_full", [ERR_BUSY] = "busy", [ERR_NOMEM] = "no_memory",
        [ERR_IO] = "io_error", [ERR_INTERNAL] = "internal",
    };
    if ((unsigned)code < sizeof names / sizeof names[0] && names[code]) return names[code];
    return "internal";
}
