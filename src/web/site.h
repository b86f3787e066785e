/* site.h — `ssrtrack site DIR`: the public pages as static files, so any
 * web server or CDN can serve the public side. */
#ifndef SSR_SITE_H
#define SSR_SITE_H

#include "util/err.h"

typedef struct { long files; long long bytes; } site_stats;

/* Write the pages as anonymous visitors see them, as of as_of (NULL:
 * today), under dir (created if needed); the feed's absolute links start
 * from base_url (checked by web_base_url; NULL: none). */
int site_export(const char *db_path, const char *dir, const char *as_of, const char *base_url, site_stats *st,
                err_t *e);

#endif
