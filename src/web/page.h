/* page.h — the frame every HTML page shares (head, navigation, the as-of
 * banner with its date picker, footer) and links that keep the chosen date.
 * Everything is written through util/fmt.h: %h for text, %t inside URLs. */
#ifndef SSR_WEB_PAGE_H
#define SSR_WEB_PAGE_H

#include "web/web.h"

/* Start a page; title is escaped here. */
void page_begin(web_req *w, const char *title);
void page_end(web_req *w);

/* Append a link target for path (already escaped with %t where it holds
 * ids), adding the chosen as_of date unless the site is static. */
void page_href(web_req *w, buf_t *b, const char *path);
/* <a href="PATH">TEXT</a>, the text escaped. */
void page_link(web_req *w, const char *path, const char *text);

/* The as-of form, keeping the other query parameters (for list pages). */
void page_as_of_form(web_req *w);

/* A recorded time for <time datetime>: "2026-01-02T03:04:05Z", to the
 * second (HTML's time values allow at most three digits of fraction, the
 * log keeps six). Arena-owned; a value that is no full timestamp is
 * returned as it is. */
const char *page_datetime(web_req *w, const char *ts);

/* A status badge: mark and label. */
void page_status(web_req *w, const char *status);

/* A hidden CSRF input for forms of the signed-in user. */
void page_csrf(web_req *w);

#endif
