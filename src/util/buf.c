/* buf.c — see buf.h. */
#include "util/buf.h"

#include <stdio.h>
#include <string.h>

#include "util/alloc.h"

void buf_init(buf_t *b) { memset(b, 0, sizeof *b); }

void buf_free(buf_t *b)
{
    mem_free(b->data);
    size_t limit = b->limit;
    memset(b, 0, sizeof *b);
    b->limit = limit;
}

void buf_reset(buf_t *b)
{
    b->len = 0;
    b->failed = b->over_limit = 0;
    if (b->data) b->data[0] = '\0';
}

int buf_ok(const buf_t *b) { return !b->failed; }

/* Make room for n more bytes plus a NUL; 0 on success. */
static int grow(buf_t *b, size_t n)
{
    if (b->failed) return -1;
    if (n > (size_t)-1 / 2 - b->len) { b->failed = 1; return -1; }
    size_t need = b->len + n + 1;
    if (b->limit && need - 1 > b->limit) {
        b->failed = b->over_limit = 1;
        return -1;
    }
    if (need <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap *= 2;
    char *p = mem_realloc(b->data, cap);
    if (!p) { b->failed = 1; return -1; }
    b->data = p;
    b->cap = cap;
    return 0;
}

void buf_append(buf_t *b, const void *p, size_t n)
{
    if (grow(b, n) != 0) return;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_puts(buf_t *b, const char *s)
{
    if (s) buf_append(b, s, strlen(s));
}

void buf_putc(buf_t *b, char c) { buf_append(b, &c, 1); }

/* Formatted into the room the buffer has, when it fits (most often): one
 * pass of vsnprintf rather than a pass to measure and one to write. */
void buf_vprintf(buf_t *b, const char *fmt, va_list ap)
{
    if (b->failed) return;
    size_t room = b->data ? b->cap - b->len : 0;
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap2);
    va_end(ap2);
    if (room && (n < 0 || (size_t)n >= room || (b->limit && b->len + (size_t)n > b->limit)))
        b->data[b->len] = '\0';   /* what was written past the end is not kept */
    if (n < 0) { b->failed = 1; return; }
    if ((size_t)n < room) {
        if (b->limit && b->len + (size_t)n > b->limit) { b->failed = b->over_limit = 1; return; }
        b->len += (size_t)n;
        return;
    }
    if (grow(b, (size_t)n) != 0) return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void buf_printf(buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

const char *buf_str(buf_t *b)
{
    return b->data && !b->failed ? b->data : "";
}

char *buf_detach(buf_t *b)
{
    if (b->failed) { buf_free(b); return NULL; }
    if (!b->data && grow(b, 0) != 0) return NULL;
    if (b->len == 0) b->data[0] = '\0';
    char *d = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}
