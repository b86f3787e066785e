/* site.h — `ssrtrack site DIR`: the public pages as static files, so any
 * web server or CDN can serve the public side. */
#ifndef SSR_SITE_H
#define SSR_SITE_H

#include "util/err.h"

#include <stddef.h>

typedef struct {
    long files;
    long long bytes;
    long long tiles_size;   /* the tree size the log's tiles were written for; -1 none */
} site_stats;

/* Write the pages as anonymous visitors see them, as of as_of (NULL:
 * today), under dir (created if needed), with links relative to each file
 * and a .gz beside each text file (web/export_links.h has the layout); the
 * log as C2SP tiles under dir/ledger/ (web/ledger_tiles.h) and its entries
 * as dir/ledger/entries/A-B.json, written only once the tiles have checked
 * the log against its checkpoint; with ledger_only, the tiles and entries
 * alone. The feed's absolute links start from base_url (checked by
 * base_url_normalize; NULL: none). */
int site_export(const char *db_path, const char *dir, const char *as_of, const char *base_url, int ledger_only,
                site_stats *st, err_t *e);

/* Write the n bytes of data to dir/file (directories made as needed) through
 * a temporary file renamed into place, so a reader sees the old file or the
 * new one, never half of one. Counts it in st. */
int site_write_file(const char *dir, const char *file, const void *data, size_t n, site_stats *st, err_t *e);

#endif
