/* compress.c — see compress.h. */
#include "web/compress.h"

#include <libdeflate.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"

int gzip_worth(const char *ct, size_t n)
{
    if (!ct || n < GZIP_MIN) return 0;
    static const char *const types[] = {"text/", "application/json", "application/xml", "application/atom+xml",
                                        "image/svg+xml", "application/javascript", "application/problem+json",
                                        NULL};
    for (int i = 0; types[i]; i++)
        if (strncasecmp(ct, types[i], strlen(types[i])) == 0) return 1;
    return 0;
}

/* The q of one element's parameters ("; q=0.5"): 1000 times it, 1000
 * when absent. */
static int qvalue(const char *params, size_t n)
{
    const char *q = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if ((params[i] == 'q' || params[i] == 'Q') && (i == 0 || params[i - 1] == ';' || params[i - 1] == ' ') &&
            params[i + 1] == '=') {
            q = params + i + 2;
            break;
        }
    if (!q) return 1000;
    if (*q == '1') return 1000;
    int v = 0, scale = 100;
    if (*q++ != '0') return 0;
    if (*q == '.')
        for (q++; *q >= '0' && *q <= '9' && scale; q++, scale /= 10) v += (*q - '0') * scale;
    return v;
}

int gzip_accepted(const char *h)
{
    if (!h) return 0;
    int gzip = -1, star = -1;
    while (*h) {
        size_t len = strcspn(h, ",");
        const char *s = h;
        while (s < h + len && (*s == ' ' || *s == '\t')) s++;
        size_t name = strcspn(s, " \t;,");
        if (name > (size_t)(h + len - s)) name = (size_t)(h + len - s);
        int q = qvalue(s + name, (size_t)(h + len - s - name));
        if ((name == 4 && strncasecmp(s, "gzip", 4) == 0) || (name == 6 && strncasecmp(s, "x-gzip", 6) == 0))
            gzip = q;
        else if (name == 1 && *s == '*')
            star = q;
        h += len;
        if (*h == ',') h++;
    }
    /* An explicit gzip wins over "*". */
    return gzip >= 0 ? gzip > 0 : star > 0;
}

/* One compressor per call, freed before it returns: gzip_buf runs in the
 * export's writers and the server's threads at once, and a compressor is
 * not to be shared between threads; making one is 1-5% of this function's
 * work (docs/performance.md). libdeflate allocates it with malloc, not
 * through util/alloc. The gzip form is written into a buffer of ours of
 * libdeflate's bound for n bytes, then appended to out. */
int gzip_buf(const void *data, size_t n, buf_t *out)
{
    int rc = -1;
    char *tmp = NULL;
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
    if (!c) goto done;
    /* The bound is what the worst input can take, so the call below cannot run short. */
    size_t bound = libdeflate_gzip_compress_bound(c, n);
    tmp = mem_alloc(bound);
    if (!tmp) goto done;
    /* libdeflate's gzip header: no FNAME, MTIME 0, OS "unknown". */
    size_t len = libdeflate_gzip_compress(c, data, n, tmp, bound);
    if (len == 0) goto done;
    buf_append(out, tmp, len);
    rc = buf_ok(out) ? 0 : -1;
done:
    mem_free(tmp);
    libdeflate_free_compressor(c);
    return rc;
}
