/* status.c — see status.h. */
#include "core/status.h"

#include <string.h>

static const char *const names[ST_COUNT] = {
    "not_started", "planning", "in_progress", "complete", "ongoing", "deferred",
};

const char *status_name(status_t s)
{
    return (unsigned)s < ST_COUNT ? names[s] : NULL;
}

/* Compare a word with a canonical name, case-insensitive, ' ' '-' '_' equal. */
static int same_word(const char *word, const char *name)
{
    for (;; word++, name++) {
        char a = *word, b = *name;
        if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
        if (a == ' ' || a == '-') a = '_';
        if (a != b) return 0;
        if (!a) return 1;
    }
}

int status_parse(const char *word)
{
    static const struct { const char *word; status_t s; } aliases[] = {
        {"in_planning", ST_PLANNING}, /* the SSR1 key's "In Planning" */
    };
    if (!word) return -1;
    for (int i = 0; i < ST_COUNT; i++)
        if (same_word(word, names[i])) return i;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (same_word(word, aliases[i].word)) return (int)aliases[i].s;
    return -1;
}

int status_from_mark(const char *s, int *len)
{
    static const struct { const char *mark; status_t s; } marks[] = {
        {"\xE2\x9C\x93", ST_COMPLETE},    /* ✓ */
        {"\xE2\x88\x9A", ST_COMPLETE},    /* √ */
        {"\xE2\x97\x8B", ST_IN_PROGRESS}, /* ○ */
        {"\xE2\x97\x87", ST_PLANNING},    /* ◇ */
        {"o", ST_IN_PROGRESS},
        {"O", ST_IN_PROGRESS},
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t n = strlen(marks[i].mark);
        if (strncmp(s, marks[i].mark, n) == 0) {
            *len = (int)n;
            return (int)marks[i].s;
        }
    }
    return -1;
}

const char *status_ssr1_mark(status_t s)
{
    switch (s) {
    case ST_COMPLETE: case ST_ONGOING: return "\xE2\x9C\x93";
    case ST_IN_PROGRESS: return "\xE2\x97\x8B";
    case ST_PLANNING: return "\xE2\x97\x87";
    default: return "\xE2\x80\x93";
    }
}

const char *status_icann_word(status_t s)
{
    switch (s) {
    case ST_COMPLETE: case ST_ONGOING: return "Complete";
    case ST_IN_PROGRESS: return "In progress";
    default: return "Not started";
    }
}

const char *status_oc_code(status_t s)
{
    switch (s) {
    case ST_COMPLETE: return "C";
    case ST_ONGOING: return "O/C";
    default: return "O";
    }
}

const char *status_label(status_t s)
{
    static const char *const labels[ST_COUNT] = {
        "Not started", "In planning", "In progress", "Complete", "Ongoing", "Deferred",
    };
    return (unsigned)s < ST_COUNT ? labels[s] : "Unknown";
}
