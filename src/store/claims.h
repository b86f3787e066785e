/* claims.h — the store's queries behind a rec's claim and verdict (the
 * claims report, `rec verify`, the rec page): the evidence cited for a rec
 * or its milestones, the latest assessment verdict, the claim in force and
 * its verification; and the verification itself, a write.
 *
 * Memory: results are allocated in the caller's arena and live as long as it. */
#ifndef SSR_STORE_CLAIMS_H
#define SSR_STORE_CLAIMS_H

#include "core/claims.h"
#include "store/store.h"

/* Evidence in view v cited for rec or for one of ms[0..nms) (its
 * milestones, as read by the caller), in id order; restricted included. */
int store_evidence_on(store_t *s, const view_t *v, const char *rec, const ent_t *ms, size_t nms, arena_t *a,
                      ent_t **out, size_t *n, err_t *e);

/* Keep of ev[0..*n) (in place, in order) what the public may see; *n the
 * count kept. */
int store_evidence_public(store_t *s, ent_t *ev, size_t *n, err_t *e);

/* Evidence in view v cited for rec or any of its milestones, in id order.
 * With public_only, restricted evidence and milestones are left out. */
int store_rec_evidence(store_t *s, const view_t *v, const char *rec, int public_only, arena_t *a,
                       ent_t **out, size_t *n, err_t *e);

/* The item of the latest assessment (greatest as_of, then id) that has an
 * item on rec in view v; with assessment given, that assessment's item.
 * *found is 0 when there is none (item and asm untouched). */
int store_latest_verdict(store_t *s, const view_t *v, const char *rec, const char *assessment, arena_t *a,
                         ent_t *item, ent_t *asm_out, int *found, err_t *e);

/* The rec's claim in force in view v and its verification (core/claims.h).
 * The changes pointed to are arena-owned. */
int store_claim_state(store_t *s, const view_t *v, const char *rec, arena_t *a, claim_state *out, err_t *e);

typedef struct {
    const char *rec;
    const char *actor, *reason;
    const char *effective;            /* NULL: today */
    const char *no_evidence_reason;   /* needed when the claim has no evidence */
} verify_args;

/* Record that actor checked the rec's completion claim in force on the
 * effective date, inside the caller's transaction. ERR_NOTFOUND: no such
 * rec; ERR_INPUT: the rec is not complete or ongoing then, actor made the
 * claim (four eyes), or there is no evidence and no reason given. */
int op_verify_rec(store_t *s, const verify_args *va, arena_t *a, err_t *e);

#endif
