/* file.h — whole-file reads with a size limit. */
#ifndef SSR_FILE_H
#define SSR_FILE_H

#include <stddef.h>

#include "util/err.h"

/* Read all of path ("-" is stdin) into a new NUL-terminated buffer that the
 * caller frees with mem_free; *len gets the byte count. Over `limit` bytes is
 * ERR_TOOBIG; an unreadable file is ERR_INPUT naming the path. */
char *file_read(const char *path, size_t limit, size_t *len, err_t *e);

#endif
