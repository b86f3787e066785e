/* claims_model.h — each rec's claim beside its verdict, for the claims
 * report, its page and API, the section on a rec's page and the home page's
 * divergent counts. The rules are core/claims.h's; this gathers their
 * inputs from the store (evidence and its link health, KPIs, SMART findings
 * as `lint` computes them, the latest verdict, the verification).
 *
 * Memory: everything is allocated in the caller's arena. JSON values are
 * new references the caller releases with json_decref. */
#ifndef SSR_CLAIMS_MODEL_H
#define SSR_CLAIMS_MODEL_H

#include <jansson.h>

#include "core/claims.h"
#include "store/measure.h"
#include "store/store.h"

typedef struct {
    ent_t rec;
    const char *claimed;          /* its status in view */
    const char *assessed;         /* the latest verdict, or NULL */
    const char *assessment;       /* its assessment's id, or NULL */
    size_t links, alive, dead;
    claim_state cs;               /* the claim in force and its verification */
    smart_finding smart[SMART_MAX_FINDINGS];
    claim_eval ev;                /* checklist, flags, divergence */
} claim_row;

typedef struct {
    const char *review;
    const char *assessment;       /* as asked; NULL: the latest of each rec */
    char as_of[DATE_SIZE];
    claim_row *rows;
    size_t n;
    size_t counts[CF_COUNT];      /* recs per flag */
    size_t divergent;
} claims_model;

/* The rows of review's recs in view v (only_rec: that rec alone, which must
 * belong to the review), restricted ones left out unless include_restricted.
 * ERR_NOTFOUND for an unknown review, assessment or rec. */
int claims_load(store_t *s, const view_t *v, const char *review, const char *assessment, const char *only_rec,
                int include_restricted, arena_t *a, claims_model *m, err_t *e);

/* The row of one rec alone, as claims_load with only_rec gives it, for a
 * caller that has read the rec and its milestones already: rec in view v
 * and visible to the reader, ms its milestones the reader may see (with
 * include_restricted as for claims_load: whether restricted evidence
 * counts); ev[0..nev) the evidence cited for the rec or any of its
 * milestones, restricted included, in id order (store_evidence_on), and
 * checks[0..nchecks) the newest check by the view's date of each of their
 * URLs, in URL order (ev_checks_of, report/evidence_report.h): what the
 * rec's page has read. ERR_NOTFOUND when the rec's review is not in view. */
int claims_load_rec(store_t *s, const view_t *v, const ent_t *rec, const ent_t *ms, size_t nms,
                    const ent_t *ev, size_t nev, int include_restricted, const link_check *checks,
                    size_t nchecks, arena_t *a, claims_model *m, err_t *e);

/* {rec, title, claimed, assessed, assessment, evidence {links, alive, dead},
 *  verified, divergent, flags [..]} and, with checklist, the checklist. */
json_t *claim_row_json(const claim_row *r, int with_checklist);
/* {report, review, as_of, assessment, counts {flag: n, divergent: n}, rows}. */
json_t *claims_json(const claims_model *m);

#endif
