/* digest.h — one recipient's email digest: what is overdue or due within
 * DIGEST_DAYS of a date among the recs they own or watch (the recs' own due
 * dates, their milestones, their KPIs' next measurements), assessment items
 * of watched assessments awaiting their sign-off, and the changes recorded
 * and comments written on watched recs since they began watching — each item new to them (not in
 * the delivery record, store/contacts.h), with a link. Restricted things
 * never go into mail. digest_mail renders one as an RFC 5322 message.
 *
 * Memory: everything is allocated in the caller's arena. */
#ifndef SSR_DIGEST_H
#define SSR_DIGEST_H

#include "store/contacts.h"
#include "util/buf.h"

#define DIGEST_DAYS 14
#define DIGEST_MAX_ITEMS 200   /* the rest waits for the next digest */

typedef enum { DG_OVERDUE, DG_DUE, DG_SIGNOFF, DG_CHANGE, DG_NSECTIONS } digest_section;

typedef struct {
    digest_section section;
    const char *key;     /* the delivery record's name of it: "milestone SSR1-6.1 overdue 2014-05-01" */
    const char *what;    /* "Milestone SSR1-6.1", "KPI K1 measurement" */
    const char *title;   /* its title (text from the data: escape it) */
    const char *date;    /* the due date, or the change's effective date */
    const char *detail;  /* a change: "status: complete"; else NULL */
    const char *path;    /* the page: "/recs/SSR1-6" */
} digest_item;

typedef struct {
    const recipient_t *to;
    const char *as_of;
    digest_item *items;
    size_t n;
} digest_t;

/* The new items for r as of the date as_of (YYYY-MM-DD), in section order. */
int digest_collect(store_t *s, const recipient_t *r, const char *as_of, arena_t *a, digest_t *out, err_t *e);

/* The message: From, To, Subject, Date (now: a timestamp of util/date.h),
 * Message-ID, MIME multipart/alternative with a UTF-8 plain text part and a
 * short HTML part, both base64, lines ending CRLF. Links are base_url + path. */
void digest_mail(const digest_t *d, const char *from, const char *base_url, const char *now, buf_t *out);

#endif
