/* file.h — whole-file reads with a size limit. */
#ifndef SSR_FILE_H
#define SSR_FILE_H

#include <stddef.h>

#include "util/err.h"

/* Read all of path ("-" is stdin) into a new NUL-terminated buffer that the
 * caller frees with mem_free; *len gets the byte count. Over `limit` bytes is
 * ERR_TOOBIG; an unreadable file is ERR_INPUT naming the path. */
char *file_read(const char *path, size_t limit, size_t *len, err_t *e);

/* Create path (which must not exist) with mode 0600 and write the n bytes of
 * data to it, flushed to disk. ERR_CONFLICT when it exists; on any failure
 * nothing is left behind. For secrets. */
int file_create_private(const char *path, const void *data, size_t n, err_t *e);

/* file_read for a secret: path must be a regular file that neither group nor
 * others may read (ERR_INPUT naming the mode otherwise). */
char *file_read_private(const char *path, size_t limit, size_t *len, err_t *e);

#endif
