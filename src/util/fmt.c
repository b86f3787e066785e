/* fmt.c — see fmt.h. */
#include "util/fmt.h"

#include <stdio.h>
#include <string.h>

void fmt_html(buf_t *b, const char *s)
{
    if (!s) return;
    const char *run = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_append(b, run, (size_t)(s - run));
        buf_puts(b, rep);
        run = s + 1;
    }
    buf_append(b, run, (size_t)(s - run));
}

void fmt_url(buf_t *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s) return;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            buf_putc(b, (char)c);
        } else {
            char enc[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_append(b, enc, 3);
        }
    }
}

void fmt_json_str(buf_t *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    if (!s) return;
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char tmp[7];
        const char *rep = NULL;
        if (c == '"') rep = "\\\"";
        else if (c == '\\') rep = "\\\\";
        else if (c == '\n') rep = "\\n";
        else if (c == '\r') rep = "\\r";
        else if (c == '\t') rep = "\\t";
        else if (c < 0x20 || c == 0x7f) {
            snprintf(tmp, sizeof tmp, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
            rep = tmp;
        } else if (c == '<' || c == '>' || c == '&') {
            /* Escaped so JSON embedded in a page can never close a tag. */
            snprintf(tmp, sizeof tmp, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
            rep = tmp;
        } else {
            continue;
        }
        buf_append(b, run, (size_t)(s - run));
        buf_puts(b, rep);
        run = s + 1;
    }
    buf_append(b, run, (size_t)(s - run));
}

void fmt_csv(buf_t *b, const char *s)
{
    if (!s) return;
    /* Spreadsheets skip leading blanks (TAB, CR, LF, space) before reading a
     * formula, so the guard looks at the first character that is not one. */
    const char *first = s + strspn(s, " \t\r\n");
    int guard = (*first == '=' || *first == '+' || *first == '-' || *first == '@');
    int quote = guard || strpbrk(s, ",\"\r\n") != NULL;
    if (!quote) { buf_puts(b, s); return; }
    buf_putc(b, '"');
    if (guard) buf_putc(b, '\'');
    for (; *s; s++) {
        if (*s == '"') buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}

void vbfmt(buf_t *b, const char *fmt, va_list ap)
{
    const char *run = fmt;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') continue;
        buf_append(b, run, (size_t)(p - run));
        p++;
        char num[64];
        switch (*p) {
        case 'h': fmt_html(b, va_arg(ap, const char *)); break;
        case 't': fmt_url(b, va_arg(ap, const char *)); break;
        case 'j': fmt_json_str(b, va_arg(ap, const char *)); break;
        case 'J': {
            const char *s = va_arg(ap, const char *);
            if (!s) { buf_puts(b, "null"); break; }
            buf_putc(b, '"');
            fmt_json_str(b, s);
            buf_putc(b, '"');
            break;
        }
        case 's': buf_puts(b, va_arg(ap, const char *)); break;
        case 'c': buf_putc(b, (char)va_arg(ap, int)); break;
        case '%': buf_putc(b, '%'); break;
        case 'd': snprintf(num, sizeof num, "%d", va_arg(ap, int)); buf_puts(b, num); break;
        case 'u': snprintf(num, sizeof num, "%u", va_arg(ap, unsigned)); buf_puts(b, num); break;
        case 'z':
            if (p[1] != 'u') { b->failed = 1; return; }
            p++;
            snprintf(num, sizeof num, "%zu", va_arg(ap, size_t));
            buf_puts(b, num);
            break;
        case 'l':
            if (p[1] == 'l' && (p[2] == 'd' || p[2] == 'u')) {
                if (p[2] == 'd') snprintf(num, sizeof num, "%lld", va_arg(ap, long long));
                else snprintf(num, sizeof num, "%llu", va_arg(ap, unsigned long long));
                p += 2;
            } else if (p[1] == 'd' || p[1] == 'u') {
                if (p[1] == 'd') snprintf(num, sizeof num, "%ld", va_arg(ap, long));
                else snprintf(num, sizeof num, "%lu", va_arg(ap, unsigned long));
                p += 1;
            } else {
                b->failed = 1;
                return;
            }
            buf_puts(b, num);
            break;
        case '.':
            if (p[1] >= '0' && p[1] <= '9' && p[2] == 'f') {
                snprintf(num, sizeof num, "%.*f", p[1] - '0', va_arg(ap, double));
                buf_puts(b, num);
                p += 2;
                break;
            }
            b->failed = 1;
            return;
        default:
            b->failed = 1;
            return;
        }
        run = p + 1;
    }
    buf_puts(b, run);
}

void bfmt(buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vbfmt(b, fmt, ap);
    va_end(ap);
}
