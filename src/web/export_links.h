/* export_links.h — where each page of the site lives in the static export,
 * and the pass that makes an exported page's links relative to it.
 *
 * The server links by site-absolute URLs ("/recs/SSR1-9", "/static/style.css").
 * A static export must open from file:// and from any sub-path, so every
 * internal link becomes relative to the file that holds it, and points at a
 * file, never at a directory or a query:
 *   /                          -> index.html
 *   /recs, /recs/ID, ...       -> recs/index.html, recs/ID/index.html
 *   /changes.atom, /static/X   -> changes.atom, static/X (files as they are)
 *   /reports/K?format=F        -> reports/K.F
 *   /reviews/R/board?format=F  -> reviews/R/board.F
 *   /reports/assessment?assessment=A&format=F -> assessments/A/report.F
 *   /recs?review=R             -> recs/_/R/index.html   (filtered lists as pages;
 *   /recs?review=R&status=S    -> recs/_/R/S.html        '_' begins no id, so
 *   /recs?review=R&overdue=1   -> recs/_/R/overdue.html  no rec can take these)
 *   /ledger/entries?start=A&end=B -> ledger/entries/A-B.json
 * Anything else with a query (the date picker, older changes, searches) is
 * not in the export. Pure: no I/O, no allocation. */
#ifndef SSR_EXPORT_LINKS_H
#define SSR_EXPORT_LINKS_H

#include <stddef.h>

#include "util/buf.h"

/* The export's file for url (its first n bytes: a site-absolute path, maybe
 * with a query whose separators may be written "&amp;", no fragment), kept
 * URL-escaped as it was written, into out (size outsz). 1 when the url has
 * a file in the export, 0 when not (or when it does not fit). */
int export_file(const char *url, size_t n, char *out, size_t outsz);

/* Asked by export_relink for each file a link would point at: 1 when the
 * export holds it (or will), 0 to leave the link out. NULL: all do. */
typedef int (*export_has_fn)(void *ctx, const char *file);

/* Copy the HTML or Atom text [doc, doc+n) into out, with each href="/…"
 * and src="/…" made relative to page_file (the file being written, like
 * "recs/SSR1-9/index.html": one "../" per directory). A link whose target
 * has no file in the export loses its href, so it reads as text (<a> with
 * no href is not a link). External links, fragments and relative links are
 * kept. Values are HTML-escaped (the formatter's %h and %t), so the text
 * `href="` never occurs inside text. Failure shows in buf_ok(out). */
void export_relink(const char *page_file, const char *doc, size_t n, export_has_fn has, void *ctx, buf_t *out);

#endif
