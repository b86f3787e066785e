/* layout.h — pieces shared by the HTML and Markdown renderings of reports: a
 * self-contained HTML page (inline styles that print well), Markdown table
 * cells, and Markdown answers turned into safe HTML. */
#ifndef SSR_REPORT_LAYOUT_H
#define SSR_REPORT_LAYOUT_H

#include "util/buf.h"

/* Open a standalone HTML page; title and subtitle are escaped here. */
void page_open(buf_t *b, const char *title, const char *subtitle);
void page_close(buf_t *b);
/* The stylesheet used by reports and pages (no external resources). */
extern const char page_css[];

/* Markdown (CommonMark) to HTML with raw HTML and unsafe links removed. */
void page_markdown(buf_t *b, const char *md);

/* One Markdown table cell: text on one line, '|' escaped, and < > & as
 * entities so no viewer renders them as markup. */
void page_md_cell(buf_t *b, const char *s);
/* Markdown text as written, with '<' as an entity: raw HTML in an answer
 * never reaches a Markdown viewer as markup. */
void page_md_text(buf_t *b, const char *s);

#endif
