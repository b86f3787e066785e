/* file.c — see file.h. */
#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int file_create_private(const char *path, const void *data, size_t n, err_t *e)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return err_set(e, errno == EEXIST ? ERR_CONFLICT : ERR_INPUT, "%s: cannot create: %s", path,
                       strerror(errno));
    const char *p = data;
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(fd, p + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        done += (size_t)w;
    }
    int err = done < n ? errno : 0;
    if (!err && fsync(fd) != 0) err = errno;
    if (close(fd) != 0 && !err) err = errno;
    if (err || done < n) {
        unlink(path);
        return err_set(e, ERR_IO, "%s: cannot write: %s", path, strerror(err ? err : EIO));
    }
    return 0;
}

char *file_read_private(const char *path, size_t limit, size_t *len, err_t *e)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        err_set(e, ERR_INPUT, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    if (!S_ISREG(sb.st_mode)) {
        err_set(e, ERR_INPUT, "%s: not a regular file", path);
        return NULL;
    }
    if (sb.st_mode & 077) {
        err_set(e, ERR_INPUT, "%s: others may read this secret (mode %04o); run 'chmod 600 %s'", path,
                (unsigned)(sb.st_mode & 07777), path);
        return NULL;
    }
    return file_read(path, limit, len, e);
}
