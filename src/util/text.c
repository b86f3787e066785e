/* text.c — see text.h. */
#include "util/text.h"

#include <string.h>

int utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str, *end = s + n;
    while (s < end) {
        unsigned c = *s;
        size_t len;
        unsigned min;
        if (c < 0x80) { s++; continue; }
        else if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; c &= 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; c &= 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; c &= 0x07; }
        else return 0;
        if ((size_t)(end - s) < len) return 0;
        for (size_t i = 1; i < len; i++) {
            if ((s[i] & 0xC0) != 0x80) return 0;
            c = (c << 6) | (s[i] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
        s += len;
    }
    return 1;
}

size_t utf8_cols(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

size_t utf8_prefix(const char *s, size_t cols)
{
    size_t i = 0, n = 0;
    while (s[i]) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (n == cols) break;
            n++;
        }
        i++;
    }
    return i;
}

int has_control(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return 1;
    }
    return 0;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int d = lower((unsigned char)*a) - lower((unsigned char)*b);
        if (d || !*a) return d;
    }
}

/* 1 when the n bytes at s equal needle's, ignoring ASCII case. */
static int casematch(const char *s, const char *needle, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!s[i] || lower((unsigned char)s[i]) != lower((unsigned char)needle[i])) return 0;
    return 1;
}

/* Only where the needle's first letter occurs, in either case, is the rest
 * compared: strchr finds those places (many bytes at a time) where a test
 * of every byte cost the most of a rec page's SMART findings. */
const char *ascii_casestr(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0) return hay;
    int lo = lower((unsigned char)needle[0]), up = lo >= 'a' && lo <= 'z' ? lo - 'a' + 'A' : lo;
    const char *pl = strchr(hay, lo), *pu = up != lo ? strchr(hay, up) : NULL;
    while (pl || pu) {
        const char *p = !pu || (pl && pl < pu) ? pl : pu;
        if (casematch(p + 1, needle + 1, n - 1)) return p;
        if (p == pl) pl = strchr(p + 1, lo);
        else pu = strchr(p + 1, up);
    }
    return NULL;
}
