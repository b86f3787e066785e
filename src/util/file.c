/* file.c — see file.h. */
#include "util/file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"

char *file_read(const char *path, size_t limit, size_t *len, err_t *e)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        err_set(e, ERR_INPUT, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    buf_t b = BUF_INIT;
    b.limit = limit;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        buf_append(&b, chunk, n);
        if (!buf_ok(&b)) break;
    }
    int read_error = ferror(f);
    if (!is_stdin) fclose(f);
    if (b.over_limit) {
        buf_free(&b);
        err_set(e, ERR_TOOBIG, "%s: larger than the limit of %zu bytes", path, limit);
        return NULL;
    }
    if (read_error) {
        buf_free(&b);
        err_set(e, ERR_INPUT, "%s: read error", path);
        return NULL;
    }
    *len = b.len;
    char *d = buf_detach(&b);
    if (!d) err_nomem(e);
    return d;
}
