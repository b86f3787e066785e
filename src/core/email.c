/* email.c — see email.h. */
#include "core/email.h"

#include <string.h>

/* atext of RFC 5322 section 3.2.3, without the characters shells and
 * headers treat specially being any wider than the RFC allows. */
static int atext(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return 1;
    return c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

static int local_ok(const char *s, size_t n)
{
    if (n < 1 || n > 64 || s[0] == '.' || s[n - 1] == '.') return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            if (s[i + 1] == '.') return 0;
        } else if (!atext(s[i])) {
            return 0;
        }
    }
    return 1;
}

static int label_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

static int domain_ok(const char *s)
{
    size_t n = strlen(s), label = 0;
    int dots = 0;
    if (n < 3 || n > 253) return 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            if (label == 0 || label > 63 || s[i - 1] == '-' || s[i - label] == '-') return 0;
            if (i < n) dots++;
            label = 0;
        } else if (label_char(s[i])) {
            label++;
        } else {
            return 0;
        }
    }
    return dots > 0;
}

int email_valid(const char *s)
{
    if (!s) return 0;
    size_t n = strlen(s);
    const char *at = strrchr(s, '@');
    if (n > EMAIL_MAX || !at) return 0;
    return local_ok(s, (size_t)(at - s)) && domain_ok(at + 1);
}
