/* board.c — board dispositions and their combinations; see board.h. */
#include "core/board.h"

#include <string.h>

static const char *const names[BD_COUNT] = {"approved", "passed_through", "pending", "rejected"};
static const char *const labels[BD_COUNT] = {"Approved", "Passed through", "Pending", "Rejected"};

const char *board_name(board_t b) { return b < BD_COUNT ? names[b] : NULL; }
const char *board_label(board_t b) { return b < BD_COUNT ? labels[b] : NULL; }

/* The disposition named by s[0..n), in any case, ' ' or '-' for '_'; -1 when none. */
static int one(const char *s, size_t n)
{
    for (int b = 0; b < BD_COUNT; b++) {
        const char *w = names[b];
        size_t i = 0;
        for (; i < n && w[i]; i++) {
            char c = s[i];
            if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
            if (c == ' ' || c == '-') c = '_';
            if (c != w[i]) break;
        }
        if (i == n && !w[i]) return b;
    }
    return -1;
}

unsigned board_parse(const char *in)
{
    const char *plus = strchr(in, '+');
    if (!plus) {
        int b = one(in, strlen(in));
        return b < 0 ? 0 : 1u << b;
    }
    if (strchr(plus + 1, '+')) return 0;
    int a = one(in, (size_t)(plus - in)), b = one(plus + 1, strlen(plus + 1));
    if (a < 0 || b < 0 || a == b) return 0;
    return 1u << a | 1u << b;
}

char *board_format(unsigned set, char out[32])
{
    out[0] = '\0';
    for (int b = 0; b < BD_COUNT; b++)
        if (set & 1u << b) {
            if (out[0]) strcat(out, "+");
            strcat(out, names[b]);
        }
    return out;
}

int board_has(const char *v, board_t b) { return v && b < BD_COUNT && (board_parse(v) >> b & 1u); }
