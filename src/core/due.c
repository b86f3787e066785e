/* due.c — see due.h. */
#include "core/due.h"

#include <stdio.h>

#include "util/date.h"

char *due_span(long days, char out[DUE_PHRASE_SIZE])
{
    long n = days < 0 ? -days : days;
    const char *unit = "day";
    long count = n;
    if (n >= 730) unit = "year", count = n / 365;
    else if (n >= 61) unit = "month", count = n / 30;
    else if (n >= 14) unit = "week", count = n / 7;
    snprintf(out, DUE_PHRASE_SIZE, "%ld %s%s", count, unit, count == 1 ? "" : "s");
    return out;
}

char *due_phrase(long late, char out[DUE_PHRASE_SIZE])
{
    char span[DUE_PHRASE_SIZE];
    if (late == 0) snprintf(out, DUE_PHRASE_SIZE, "due today");
    else if (late == -1) snprintf(out, DUE_PHRASE_SIZE, "due tomorrow");
    else if (late > 0) snprintf(out, DUE_PHRASE_SIZE, "%s late", due_span(late, span));
    else snprintf(out, DUE_PHRASE_SIZE, "due in %s", due_span(late, span));
    return out;
}

char *due_phrase_dates(const char *as_of, const char *due, char out[DUE_PHRASE_SIZE])
{
    out[0] = '\0';
    if (!as_of || !due || !date_valid(as_of) || !date_valid(due)) return out;
    return due_phrase(date_to_days(as_of) - date_to_days(due), out);
}
