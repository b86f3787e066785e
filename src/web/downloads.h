/* downloads.h — every table on the pages as a file: the links beside a table
 * ("Download this table: CSV · XLSX · JSON") and the route that answers
 * them, /tables/PATH.csv and /tables/PATH.xlsx, for the tables that no
 * report or list gives already. The data are the page's own, as of its date
 * and with what the user may not see left out; the files are named by a
 * Content-Disposition header. */
#ifndef SSR_WEB_DOWNLOADS_H
#define SSR_WEB_DOWNLOADS_H

#include "web/web.h"

/* Append the download links of one table to the page. pattern is a path
 * without its extension, "/tables/recs/ * /milestones" with at most one '*'
 * (replaced by id, URL-escaped); it gets ".csv" and ".xlsx". api, when not
 * NULL, is the API route of the same data as JSON (a '*' in it is id too);
 * left out of the static site, which has no API. On the server the links
 * keep the page's date and its review and assessment parameters. */
void table_links(web_req *w, const char *pattern, const char *id, const char *api);

/* The same links as an HTML fragment for a report's HTML (report_opts
 * .downloads): pattern and id as above; the path gets ".csv", ".xlsx" and
 * ".json", followed on the server by query (escaped, "a=1&amp;b=2", may be
 * empty). Arena-owned; NULL on OOM. */
const char *table_links_html(web_req *w, const char *pattern, const char *id, const char *query);

/* Name the response's file: Content-Disposition: attachment with the
 * filename "ssrtrack-STEM-DATE.EXT" (the view's date; characters outside
 * [A-Za-z0-9._-] become '_'). */
void download_name(web_req *w, const char *stem, const char *ext);

/* The files /tables answers for the public side as of v's date, for the
 * static export: paths such as "/tables/kpis.csv" (every table, in both
 * formats), arena-owned. A rec's tables are listed when it has rows for
 * them (a board disposition, milestones, assessment items); a hidden rec's
 * answer 404, which the exporter skips. */
int tables_site_files(store_t *s, const view_t *v, arena_t *a, const char ***paths, size_t *n, err_t *e);

#endif
