/* vocab.h — words for the codes we store: "not_achieved" reads "Not achieved",
 * "strawman" reads "Draft". Pages, forms and feeds show labels; the log, the
 * JSON API and CSV keep the codes. Pure: no I/O, no allocation; every string
 * returned is static. */
#ifndef SSR_VOCAB_H
#define SSR_VOCAB_H

/* The label of code for a field ("implemented", "effect", "relevant", "state",
 * "rel", "kind", "direction", "frequency", "role", "status", "board", "health",
 * "flag" (a claim's), "kpi" (a KPI's status));
 * the code itself when the pair is unknown; "" for NULL. */
const char *vocab_label(const char *field, const char *code);

/* The label of a relation as read from its source: "A derived_from B" reads
 * "A is derived from B"; the code itself when it is unknown. */
const char *vocab_relation(const char *rel);

#endif
