/* layout.c — see layout.h. */
#include "report/layout.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "util/fmt.h"

const char page_css[] =
    ":root{color-scheme:light}"
    "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:1.5rem auto;"
    "max-width:72rem;padding:0 1rem;color:#1b1b1b;background:#fff}"
    "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ddd}"
    "h3{font-size:1.05rem;margin:1rem 0 .3rem}p.sub{color:#555;margin:.2rem 0 1rem}"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0}"
    "th,td{border:1px solid #c8c8c8;padding:.35rem .5rem;vertical-align:top;text-align:left}"
    "th{background:#f1f3f5}td.num,th.num{text-align:right}"
    "ul.acts{list-style:none;margin:0;padding:0}ul.acts li{margin:.15rem 0}"
    ".mark{display:inline-block;width:1.2em;font-weight:bold}"
    ".key span{margin-right:1.2rem}.verdicts span{margin-right:1.2rem}"
    "blockquote{margin:.5rem 0;padding:.2rem .8rem;border-left:4px solid #ccd;color:#333}"
    ".dissent{background:#fff6e5;border-left:4px solid #e0a000;padding:.3rem .6rem}"
    ".restricted{color:#8a1c1c}"
    "a{color:#0645ad}td.url{overflow-wrap:anywhere}"
    ".ok,.moved{color:#075e07}.dead,.blocked{color:#a00000;font-weight:bold}.unchecked{color:#666}"
    "@media (max-width:40rem){body{margin:.75rem auto;padding:0 .75rem}"
    "table{font-size:13px;display:block;overflow-x:auto}td,th{padding:.25rem}}"
    "@media print{body{margin:0;max-width:none;font-size:10pt}"
    "a{color:inherit;text-decoration:none}a[href^=http]::after{content:' (' attr(href) ')';font-size:8pt}"
    "thead{display:table-header-group}tr,section.item{break-inside:avoid}h2{break-after:avoid}}";

void page_open(buf_t *b, const char *title, const char *subtitle)
{
    bfmt(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>%h</title>\n<meta name=\"description\" content=\"%h: a report on the implementation of "
            "ICANN's SSR review recommendations.\">\n<style>%s</style>\n</head>\n<body>\n<main>\n<h1>%h</h1>\n",
         title, title, page_css, title);
    if (subtitle) bfmt(b, "<p class=\"sub\">%h</p>\n", subtitle);
}

void page_close(buf_t *b)
{
    buf_puts(b, "</main>\n</body>\n</html>\n");
}

void page_markdown(buf_t *b, const char *md)
{
    if (!md) return;
    /* CMARK_OPT_DEFAULT is safe in cmark 0.30: raw HTML and javascript: links
     * are dropped. The result comes from cmark's own allocator (free()). */
    char *html = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_DEFAULT);
    if (!html) { b->failed = 1; return; }
    buf_puts(b, html);
    free(html);
}

void page_md_cell(buf_t *b, const char *s)
{
    int space = 0;
    for (; s && *s; s++) {
        if (*s == '\n' || *s == '\r' || *s == '\t') { space = 1; continue; }
        if (space) buf_putc(b, ' ');
        space = 0;
        if (*s == '|') buf_putc(b, '\\');
        if (*s == '<') buf_puts(b, "&lt;");
        else if (*s == '>') buf_puts(b, "&gt;");
        else if (*s == '&') buf_puts(b, "&amp;");
        else buf_putc(b, *s);
    }
}

void page_md_text(buf_t *b, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '<') buf_puts(b, "&lt;");
        else buf_putc(b, *s);
    }
}
