/* id.c — see id.h. */
#include "core/id.h"

#include <string.h>

static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int id_valid(const char *id)
{
    if (!id || !is_alnum(id[0])) return 0;
    size_t n = 0;
    for (const char *p = id; *p; p++, n++)
        if (!is_alnum(*p) && *p != '.' && *p != '-' && *p != '_') return 0;
    return n <= ID_MAX;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

int id_natural_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (is_digit(*a) && is_digit(*b)) {
            while (*a == '0' && is_digit(a[1])) a++;
            while (*b == '0' && is_digit(b[1])) b++;
            size_t la = 0, lb = 0;
            while (is_digit(a[la])) la++;
            while (is_digit(b[lb])) lb++;
            if (la != lb) return la < lb ? -1 : 1;
            int c = strncmp(a, b, la);
            if (c) return c < 0 ? -1 : 1;
            a += la;
            b += lb;
        } else {
            if (*a != *b) return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
            a++;
            b++;
        }
    }
    if (*a == *b) return 0;
    return *a ? 1 : -1;
}
