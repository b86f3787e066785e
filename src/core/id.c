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

int id_milestone_valid(const char *id)
{
    const char *sep = id ? strchr(id, MILESTONE_SEP) : NULL;
    if (!sep) return id_valid(id);
    size_t n = (size_t)(sep - id);
    char rec[ID_MAX + 1];
    if (n == 0 || n > ID_MAX || !sep[1] || strlen(id) > ID_MAX) return 0;
    for (const char *p = sep + 1; *p; p++)
        if (!is_digit(*p)) return 0;
    memcpy(rec, id, n);
    rec[n] = '\0';
    return id_valid(rec);
}

size_t id_milestone_rec_len(const char *id)
{
    const char *sep = strchr(id, MILESTONE_SEP);
    if (!sep) sep = strrchr(id, '.');
    return sep ? (size_t)(sep - id) : strlen(id);
}

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
