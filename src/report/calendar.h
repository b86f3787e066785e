/* calendar.h — due dates as an iCalendar feed (RFC 5545): one all-day
 * VEVENT per rec and per milestone with a due date, in view, public only
 * (restricted things and what belongs to them never appear, whoever asks:
 * calendars are shared by their URL). UIDs are stable across fetches
 * ("rec-SSR1-6@ssrtrack", "milestone-SSR1-6.1@ssrtrack"), so a calendar
 * program updates an event when its date moves. With a base URL each event
 * links back to its rec's page.
 *
 * Memory: out is the caller's; scratch goes into a. */
#ifndef SSR_CALENDAR_H
#define SSR_CALENDAR_H

#include "store/store.h"
#include "util/buf.h"

typedef struct {
    const char *review;     /* only the recs of this review; NULL: all */
    const char *owner;      /* only the recs this owner owns; NULL: all */
    const char *base_url;   /* "https://host[/path]" without a trailing '/'; NULL: no URL */
} calendar_opts;

int calendar_ics(store_t *s, const view_t *v, const calendar_opts *o, arena_t *a, buf_t *out, err_t *e);

/* The TEXT escaping of RFC 5545 (3.3.11): \ ; , and newlines escaped,
 * other control characters dropped. */
void ics_text(buf_t *out, const char *s);

#endif
