/* faultvfs.h — a SQLite VFS for tests that makes the N-th write fail.
 *
 * It wraps the default VFS and every file it opens, and counts the calls that
 * change a file: xWrite, xTruncate and xSync. The N-th of them (1-based, from
 * installation) fails without touching the file — xWrite with a disk I/O
 * error or, when `full`, with SQLITE_FULL (reported as "the database is full"); xTruncate and xSync
 * with their own I/O errors — and, when `sticky`, every later one too.
 * Installed only when a test asks for it; without it SQLite's default VFS is
 * used as it is. */
#ifndef SSR_FAULTVFS_H
#define SSR_FAULTVFS_H

#include "util/err.h"

/* Register the wrapper as the default VFS. fail_at <= 0 only counts. Call
 * once, before the first store_open. */
int faultvfs_install(long fail_at, int sticky, int full, err_t *e);
/* Write operations counted since installation. */
long faultvfs_count(void);

#endif
