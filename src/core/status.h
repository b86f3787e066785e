/* status.h — canonical implementation statuses and the vocabularies that
 * documents use for them. Pure: no I/O, no allocation.
 *
 * Canonical: not_started, planning, in_progress, complete, ongoing, deferred.
 * Vocabularies (display, and words accepted on input):
 *   ssr1   the 2014 report's key: ✓ complete, ○ in progress, ◇ in planning
 *          (ongoing, complete but recurring, shows ✓ as the report did)
 *   icann  ICANN's quarterly words: Complete, In progress, Not started
 *   oc     older codes: C closed, O/C closed but recurring, O open */
#ifndef SSR_STATUS_H
#define SSR_STATUS_H

typedef enum {
    ST_NOT_STARTED, ST_PLANNING, ST_IN_PROGRESS, ST_COMPLETE, ST_ONGOING, ST_DEFERRED,
    ST_COUNT
} status_t;

/* The canonical name ("in_progress"); NULL for an out-of-range value. */
const char *status_name(status_t s);
/* Canonical status from a name or a display word, ignoring case and treating
 * space, '-' and '_' alike ("In progress", "in-progress"); -1 when unknown. */
int status_parse(const char *word);
/* Status from a mark of the SSR1 key as printed or extracted: ✓ √ complete,
 * ○ o O in progress, ◇ planning; -1 when s does not start with a mark.
 * *len gets the mark's byte length. */
int status_from_mark(const char *s, int *len);

/* Display forms. */
const char *status_ssr1_mark(status_t s);   /* "✓" "○" "◇" or "–" */
const char *status_icann_word(status_t s);  /* "Complete" "In progress" "Not started" */
const char *status_oc_code(status_t s);      /* "C" "O/C" "O" */
const char *status_label(status_t s);        /* "In progress" — for pages */

#endif
