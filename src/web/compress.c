/* compress.c — see compress.h. */
#include "web/compress.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

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

int gzip_buf(const void *data, size_t n, buf_t *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    /* 15 + 16: a gzip wrapper, whose header zlib writes with no name and time 0. */
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    size_t start = out->len;
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)n;
    unsigned char chunk[16384];
    int zrc;
    do {
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        zrc = deflate(&z, Z_FINISH);
        buf_append(out, chunk, sizeof chunk - z.avail_out);
    } while (zrc == Z_OK && buf_ok(out));
    deflateEnd(&z);
    if (zrc != Z_STREAM_END || !buf_ok(out)) {
        if (buf_ok(out)) out->len = start;
        return -1;
    }
    return 0;
}
