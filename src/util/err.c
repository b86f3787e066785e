/* err.c — filling and mapping err_t values; see err.h. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/text.h"

/* Messages are one line of UTF-8, shown in pages and JSON: fold any newline
 * that slipped in from input, and make '?' of bytes that are not UTF-8 -
 * input that was not, or a character cut by a precision ("%.40s") or by
 * the size of msg. */
static void tidy(char *msg)
{
    for (size_t i = 0; msg[i];) {
        unsigned char c = (unsigned char)msg[i];
        size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        /* utf8_valid stops at the first byte that does not continue the
         * character, so it never reads past the NUL. */
        if (len == 0 || (len > 1 && !utf8_valid(msg + i, len))) {
            msg[i++] = '?';
            continue;
        }
        if (c == '\n' || c == '\r') msg[i] = ' ';
        i += len;
    }
}

int err_set(err_t *e, err_code code, const char *fmt, ...)
{
    if (!e) return -1;
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    tidy(e->msg);
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
    tidy(e->msg);
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
