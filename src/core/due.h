/* due.h — how far a due date lies from a day, in words a reader takes in at
 * a glance: "11 years late", "3 days late", "due today", "due in 2 weeks".
 * Pure: no I/O, no allocation. */
#ifndef SSR_DUE_H
#define SSR_DUE_H

#define DUE_PHRASE_SIZE 32

/* The phrase for a due date `late` days in the past (negative: in the
 * future) into out, which it returns. Days up to two weeks, then weeks up to
 * two months, months up to two years, then years; each rounded down. */
char *due_phrase(long late, char out[DUE_PHRASE_SIZE]);

/* A length of time in the same units: "11 years", "3 days", "1 week". */
char *due_span(long days, char out[DUE_PHRASE_SIZE]);

/* The same for the dates themselves (YYYY-MM-DD); "" when one is invalid. */
char *due_phrase_dates(const char *as_of, const char *due, char out[DUE_PHRASE_SIZE]);

#endif
