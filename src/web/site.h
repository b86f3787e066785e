/* site.h — `ssrtrack site DIR`: the public pages as static files, so any
 * web server or CDN can serve the public side. */
#ifndef SSR_SITE_H
#define SSR_SITE_H

#include "util/err.h"

#include <stddef.h>

typedef struct {
    long files;             /* written */
    long long bytes;        /* of the files written */
    long unchanged;         /* left alone by --incremental: they held the same bytes */
    long removed;           /* removed by --incremental: no longer produced */
    long long tiles_size;   /* the tree size the log's tiles were written for; -1 none */
} site_stats;

typedef struct {
    const char *as_of;      /* NULL: today */
    const char *base_url;   /* checked by base_url_normalize; NULL: none */
    int ledger_only;        /* the log's tiles and entries alone */
    int incremental;        /* write only what changed, remove what is no longer produced */
} site_opts;

/* Write the pages as anonymous visitors see them, as of o->as_of, under dir
 * (created if needed), with links relative to each file and a .gz beside
 * each text file (web/export_links.h has the layout); the log as C2SP tiles
 * under dir/ledger/ (web/ledger_tiles.h) and its entries as
 * dir/ledger/entries/A-B.json, written only once the tiles have checked the
 * log against its checkpoint; with o->ledger_only, the tiles and entries
 * alone. The feed's absolute links start from o->base_url. Pages are made by
 * one writer per core, each with a read connection of its own.
 *
 * Every export but --ledger-only lists the files it produced in
 * dir/.site-manifest. With o->incremental, a file that holds the same bytes
 * already is left alone (its .gz too), and the files the previous manifest
 * lists that this export no longer produces are removed, with the folders
 * they leave empty: a CDN origin synced from dir then moves only what
 * changed. st counts what was written, left alone and removed. */
int site_export(const char *db_path, const char *dir, const site_opts *o, site_stats *st, err_t *e);

/* Write the n bytes of data to dir/file (directories made as needed) through
 * a temporary file renamed into place, so a reader sees the old file or the
 * new one, never half of one. Counts it in st. */
int site_write_file(const char *dir, const char *file, const void *data, size_t n, site_stats *st, err_t *e);

#endif
