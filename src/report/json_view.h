/* json_view.h — things as JSON values, as the CLI's --format json and the
 * API print them. Each function returns a new reference (NULL on OOM) that the
 * caller releases with json_decref; inputs are only read. */
#ifndef SSR_JSON_VIEW_H
#define SSR_JSON_VIEW_H

#include <jansson.h>

#include "core/change.h"
#include "core/claims.h"
#include "store/store.h"

/* "id" and every field of the kind: booleans as true/false, unset as null. */
json_t *json_entity(const kind_def *k, const ent_t *en);
/* A rec with "as_of" (and "known_at" when set) and its milestones. */
json_t *json_rec(const ent_t *rec, const ent_t *ms, size_t nms, const view_t *v);
/* A milestone: id, title, status, due, done (and rec, restricted). */
json_t *json_milestone(const ent_t *m);
/* The verification of a rec's claim in force (store/claims.h): {"by",
 * "effective", "recorded", "claim"} — the claim being the seq of the status
 * change verified — or null when it is not verified. */
json_t *json_verified(const claim_state *cs);
/* A change of the log, hash in hex. */
json_t *json_change(const change_t *c);
/* Append j, indented, and a newline to b, then release j. -1 on failure. */
int json_to_buf(json_t *j, buf_t *b);

/* A string, or null for NULL. */
json_t *json_str_or_null(const char *s);

#endif
