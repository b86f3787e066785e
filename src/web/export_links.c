/* export_links.c — see export_links.h. */
#include "web/export_links.h"

#include <stdio.h>
#include <string.h>

enum { DIR_PAGE, FILE_AS_IS, FILE_WITH_DOT };

/* Site paths without a query and how the export stores them; the first
 * match wins. '*' is one non-empty segment. */
static const struct {
    const char *pattern;
    int kind;
} layout[] = {
    {"/recs", DIR_PAGE},           {"/recs/*", DIR_PAGE},
    {"/reviews", DIR_PAGE},        {"/reviews/*", DIR_PAGE},
    {"/reviews/*/claims", DIR_PAGE}, {"/reviews/*/board", DIR_PAGE},
    {"/reviews/*/*", FILE_WITH_DOT}, {"/assessments", DIR_PAGE},
    {"/assessments/*", DIR_PAGE},  {"/assessments/*/implemented/*", DIR_PAGE},
    {"/changes", DIR_PAGE},        {"/tables/*", FILE_AS_IS},
    {"/tables/*/*", FILE_AS_IS},   {"/tables/*/*/*", FILE_AS_IS},
    {"/tables/*/*/*/*", FILE_AS_IS},
    {"/reports", DIR_PAGE},        {"/reports/*", FILE_WITH_DOT},
    {"/ledger", DIR_PAGE},         {"/ledger/checkpoint", FILE_AS_IS},
    {"/kpis", DIR_PAGE},           {"/changes.atom", FILE_AS_IS},
    {"/calendar.ics", FILE_AS_IS}, {"/robots.txt", FILE_AS_IS},
    {"/static/*", FILE_AS_IS},
};

/* 1 when path matches pattern; *last set to the last segment's start. */
static int match(const char *pattern, const char *path, const char **last)
{
    const char *p = pattern, *s = path;
    *last = path;
    while (*p && *s) {
        if (*s == '/') *last = s + 1;
        if (*p == '*') {
            size_t len = strcspn(s, "/");
            if (len == 0) return 0;
            s += len;
            p++;
            continue;
        }
        if (*p != *s) return 0;
        p++;
        s++;
    }
    return *p == '\0' && *s == '\0';
}

/* A query value that may name a file: ids, statuses, formats and numbers
 * only (as %t writes them), never a path. */
static int safe_value(const char *v)
{
    if (!*v || *v == '.' || strlen(v) > 100) return 0;
    for (const char *c = v; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
              *c == '_' || *c == '.' || *c == '%'))
            return 0;
    return 1;
}

typedef struct {
    const char *review, *status, *overdue, *format, *start, *end, *assessment;
    int other;   /* a parameter none of the above */
} query_t;

/* Split q (separators '&' or "&amp;") in place into the known parameters. */
static int parse_query(char *q, query_t *out)
{
    memset(out, 0, sizeof *out);
    for (char *tok = q; tok && *tok;) {
        char *amp = strchr(tok, '&');
        if (amp) *amp = '\0';
        char *eq = strchr(tok, '=');
        if (!eq) return -1;
        *eq = '\0';
        const char *v = eq + 1;
        if (!safe_value(v)) return -1;
        const char **slot = !strcmp(tok, "review") ? &out->review : !strcmp(tok, "status") ? &out->status
                          : !strcmp(tok, "overdue") ? &out->overdue : !strcmp(tok, "format") ? &out->format
                          : !strcmp(tok, "start") ? &out->start : !strcmp(tok, "end") ? &out->end
                          : !strcmp(tok, "assessment") ? &out->assessment : NULL;
        if (!slot || *slot) out->other = 1;
        else *slot = v;
        tok = amp ? amp + (strncmp(amp + 1, "amp;", 4) == 0 ? 5 : 1) : NULL;
    }
    return 0;
}

static int digits(const char *s)
{
    if (!*s || strlen(s) > 18) return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

/* A path with a query: the few that the export holds as files. */
static int file_with_query(const char *path, char *q, char *out, size_t outsz)
{
    query_t x;
    const char *last;
    if (parse_query(q, &x) || x.other) return 0;
    int n = -1;
    if (x.assessment) {   /* one assessment's printable report, beside its page */
        if (!strcmp(path, "/reports/assessment") && x.format && !x.review && !x.status && !x.overdue && !x.start &&
            !x.end && !strchr(x.format, '.'))
            n = snprintf(out, outsz, "assessments/%s/report.%s", x.assessment, x.format);
    } else if (x.format && !x.review && !x.status && !x.overdue && !x.start && !x.end && !strchr(x.format, '.')) {
        if (match("/reports/*", path, &last) && !strchr(last, '.'))
            n = snprintf(out, outsz, "%s.%s", path + 1, x.format);
        else if (match("/reviews/*/board", path, &last))
            n = snprintf(out, outsz, "%s.%s", path + 1, x.format);
    } else if (!strcmp(path, "/recs") && x.review && !x.format && !x.start && !x.end && !(x.status && x.overdue)) {
        if (x.overdue && strcmp(x.overdue, "1") != 0) return 0;
        const char *which = x.status ? x.status : x.overdue ? "overdue" : NULL;
        n = which ? snprintf(out, outsz, "recs/_/%s/%s.html", x.review, which)
                  : snprintf(out, outsz, "recs/_/%s/index.html", x.review);
    } else if (!strcmp(path, "/ledger/entries") && x.start && x.end && !x.format && !x.review && !x.status &&
               !x.overdue && digits(x.start) && digits(x.end)) {
        n = snprintf(out, outsz, "ledger/entries/%s-%s.json", x.start, x.end);
    }
    return n > 0 && (size_t)n < outsz;
}

int export_file(const char *url, size_t n, char *out, size_t outsz)
{
    char buf[1024];
    if (n == 0 || n >= sizeof buf || url[0] != '/' || (n > 1 && url[1] == '/')) return 0;
    memcpy(buf, url, n);
    buf[n] = '\0';
    if (strstr(buf, "/../") || strstr(buf, "/./")) return 0;
    char *q = strchr(buf, '?');
    if (q) *q++ = '\0';
    size_t plen = strlen(buf);
    if (plen > 1 && buf[plen - 1] == '/') buf[--plen] = '\0';   /* /recs/ is /recs */
    if (q && *q) return file_with_query(buf, q, out, outsz);
    int w = -1;
    if (!strcmp(buf, "/")) w = snprintf(out, outsz, "index.html");
    for (size_t i = 0; w < 0 && i < sizeof layout / sizeof layout[0]; i++) {
        const char *last;
        if (!match(layout[i].pattern, buf, &last)) continue;
        if (layout[i].kind == FILE_WITH_DOT && !strchr(last, '.')) return 0;
        w = layout[i].kind == DIR_PAGE ? snprintf(out, outsz, "%s/index.html", buf + 1)
                                       : snprintf(out, outsz, "%s", buf + 1);
    }
    return w > 0 && (size_t)w < outsz;
}

/* Write one attribute's new value, or drop the attribute (returns 0). */
static int relink_value(const char *v, size_t vlen, int depth, export_has_fn has, void *ctx, buf_t *out,
                        const char *name)
{
    if (vlen == 0 || v[0] != '/' || (vlen > 1 && v[1] == '/')) {
        /* Already escaped as it was written: copied byte for byte. */
        buf_putc(out, ' ');
        buf_puts(out, name);
        buf_puts(out, "=\"");
        buf_append(out, v, vlen);
        buf_putc(out, '"');
        return 1;
    }
    const char *hash = memchr(v, '#', vlen);
    size_t plen = hash ? (size_t)(hash - v) : vlen;
    char file[1024];
    if (!export_file(v, plen, file, sizeof file) || (has && !has(ctx, file))) return 0;
    buf_putc(out, ' ');
    buf_puts(out, name);
    buf_puts(out, "=\"");
    for (int i = 0; i < depth; i++) buf_puts(out, "../");
    buf_puts(out, file);
    buf_append(out, v + plen, vlen - plen);
    buf_putc(out, '"');
    return 1;
}

void export_relink(const char *page_file, const char *doc, size_t n, export_has_fn has, void *ctx, buf_t *out)
{
    int depth = 0;
    for (const char *c = page_file; *c; c++) depth += *c == '/';
    const char *p = doc, *end = doc + n;
    while (p < end) {
        /* The next ` href="` or ` src="`. */
        const char *at = NULL, *name = NULL;
        for (const char *c = p; c + 6 < end && !at; c++) {
            if (*c != ' ') continue;
            if (!strncmp(c + 1, "href=\"", 6)) at = c, name = "href";
            else if (!strncmp(c + 1, "src=\"", 5)) at = c, name = "src";
        }
        if (!at) break;
        const char *v = at + 1 + strlen(name) + 2;
        const char *q = memchr(v, '"', (size_t)(end - v));
        if (!q) break;
        buf_append(out, p, (size_t)(at - p));
        relink_value(v, (size_t)(q - v), depth, has, ctx, out, name);
        p = q + 1;
    }
    buf_append(out, p, (size_t)(end - p));
}
