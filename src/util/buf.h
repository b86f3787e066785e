/* buf.h — a growable byte buffer with a sticky failure flag.
 *
 * Appends never fail loudly: when memory runs out (or the buffer would pass
 * its limit) `failed` is set, later appends do nothing, and the owner checks
 * buf_ok() once at the end. The buffer owns `data`; buf_free releases it and
 * buf_detach hands it to the caller (who frees it with mem_free). `data` is
 * always NUL-terminated when buf_ok() and len > 0; after a failure `len`
 * says nothing, and buf_str() gives "". */
#ifndef SSR_BUF_H
#define SSR_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *data;
    size_t len, cap;
    size_t limit;     /* 0: no limit; else the most bytes the buffer may hold */
    int failed;       /* 1: out of memory or over the limit */
    int over_limit;   /* 1: the failure was the limit */
} buf_t;

#define BUF_INIT {0}

void buf_init(buf_t *b);
void buf_free(buf_t *b);
void buf_reset(buf_t *b);                 /* len = 0, keeps memory, clears failure */
int buf_ok(const buf_t *b);               /* 1 while no append has failed */
void buf_append(buf_t *b, const void *p, size_t n);
void buf_puts(buf_t *b, const char *s);   /* NULL appends nothing */
void buf_putc(buf_t *b, char c);
void buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf_t *b, const char *fmt, va_list ap);
const char *buf_str(buf_t *b);            /* "" when empty; valid until next append */
char *buf_detach(buf_t *b);               /* NULL on failure; caller mem_frees */

#endif
