/* tx_summary.h — a transaction of the log (the changes one command, form
 * post, API call or import committed together) as people read it: one line
 * in words ("SSR1-9: In progress → Complete", "Imported the SSR2 assessment
 * of SSR1: 28 items, 27 evidence links, 9 draft recommendations"), and the
 * words for each field-level change of its detail. The log itself stays
 * field by field; this only reads it.
 *
 * Pure: no I/O. The caller gives each change with the value its field had
 * before (a store lookup, or tx_from_history over a whole history) and
 * whether its thing is new in this transaction. Codes never show: statuses,
 * board decisions and enumerated values read as their labels (core/vocab.h),
 * fields by their names in words, and references already named by a thing's
 * id (an item's `rec`, a milestone's `rec`) are left out of the detail. */
#ifndef SSR_TX_SUMMARY_H
#define SSR_TX_SUMMARY_H

#include <stddef.h>

#include "core/change.h"
#include "util/arena.h"

typedef struct {
    const change_t *c;
    const char *old;   /* the field's value before this change; NULL: never set */
    int created;       /* the thing had no change before this transaction */
} tx_change;

/* The one-line summary of the n changes of one transaction (plain text, to
 * be escaped by the caller), in the arena; NULL when memory runs out.
 * *about gets the index of the change whose thing the line is about (the
 * thing to link to), or -1 when it is about several things. */
const char *tx_summary(const tx_change *ch, size_t n, arena_t *a, int *about);

/* Fill out[i] for each of the n changes of a history in seq order that
 * holds every change of the things it is about (a rec's history): the
 * value before, from the nearest earlier change of the same field in effect
 * by its date, and whether its thing is new in its transaction. O(n²). */
void tx_from_history(tx_change *out, const change_t *ch, size_t n);

/* The key that groups changes into transactions: tx, or the seq of a row of
 * version 1, which is a transaction of its own. */
long long tx_key(const change_t *c);

/* Words for the detail of one change. Static strings, or the value itself. */
const char *tx_field_label(const char *kind, const char *field);       /* "due date" */
const char *tx_value_label(const char *kind, const char *field, const char *value); /* "In progress" */
/* The thing as people name it: "SSR1-9", "milestone SSR1-9~1", "SSR1-6 in
 * assessment SSR2-SSR1", "relation SSR2-D1 is derived from SSR1-6".
 * Arena-owned; NULL when memory runs out. */
const char *tx_thing_name(const char *kind, const char *id, arena_t *a);
/* 1 when the change only repeats what the thing's id says (an item's
 * assessment and rec, a milestone's rec, a relation's ends): the detail
 * leaves it out. */
int tx_change_implied(const change_t *c);

#endif
