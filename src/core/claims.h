/* claims.h — a rec's claim beside its verdict: the rules behind the claims
 * report's flags, divergence, and the checklist "what is missing to call
 * this done" (docs/reports.md, "claims"). Pure: no I/O, no allocation;
 * strings are borrowed from the caller.
 *
 * The claim is the rec's implementation status; a completion claim is
 * complete or ongoing. The verdict is the `implemented` answer (full,
 * partial, not, unknown) of the latest assessment item in view. Each
 * checklist line is one rule; a flag is raised by exactly the line that
 * names it, so the checklist and the flags cannot disagree. The SMART lines
 * are core/smart.h's findings, passed in as computed for `lint`. */
#ifndef SSR_CLAIMS_H
#define SSR_CLAIMS_H

#include <stddef.h>

#include "core/change.h"
#include "core/smart.h"

typedef enum {
    CF_COMPLETE_WITHOUT_EVIDENCE, /* completion claim, no evidence on the rec or its milestones */
    CF_COMPLETE_EVIDENCE_DEAD,    /* completion claim, a link of its evidence dead at its latest check */
    CF_COMPLETE_UNVERIFIED,       /* completion claim no second person verified */
    CF_ASSESSED_BELOW_CLAIM,      /* the verdict is below the claim (claim_rank vs verdict_rank) */
    CF_NO_KPI_TARGET,             /* no KPI with a target (SMART M1) */
    CF_KPI_OFF_TRACK,             /* a KPI of the rec is off track */
    CF_COUNT
} claim_flag;

typedef struct {
    const char *status;            /* the claim: a canonical status */
    const char *verdict;           /* full, partial, not, unknown; NULL: not assessed */
    size_t links, alive, dead;     /* evidence links; alive / dead at their latest check */
    int verified;                  /* the current completion claim was verified */
    size_t kpis_off_track;         /* KPIs whose status is off_track */
    const smart_finding *smart;    /* the rec's SMART findings */
    int nsmart;
} claim_input;

/* One line of the checklist. */
typedef struct {
    const char *key;               /* "kpi_target" */
    const char *label;             /* "A KPI with a target" */
    int missing;                   /* 1: this stands between the rec and "done" */
    char detail[240];              /* what was found */
} claim_check;

#define CLAIM_NCHECKS 11

typedef struct {
    claim_check checks[CLAIM_NCHECKS];
    int nchecks;
    unsigned flags;                /* bit (1u << claim_flag) */
    int divergent;                 /* completion claim, verdict partial or not */
    int missing;                   /* lines missing */
} claim_eval;

/* "complete_without_evidence", ...; NULL out of range. */
const char *claim_flag_name(claim_flag f);
/* 1 when status is complete or ongoing: a claim that the work is done. */
int claim_is_completion(const char *status);
/* How far a claim or a verdict says the work went: 0 none, 1 part, 2 all;
 * -1 when it says nothing (a verdict of unknown, or none). */
int claim_rank(const char *status);
int verdict_rank(const char *verdict);

/* The checklist, the flags and divergence of one rec. */
void claim_evaluate(const claim_input *in, claim_eval *out);

/* The claim and its verification, from a rec's changes (its history, already
 * cut to the view; any order). The claim in force is the rec's status change
 * that the fold picks (the newest effective, then the newest seq); it is
 * verified when the newest `claim` change of the rec's verification names
 * that change's seq. A later status change is a new claim, which voids it. */
typedef struct {
    const change_t *claim;         /* NULL: the status was never set (not_started) */
    const change_t *verification;  /* the verification of this claim, or NULL */
} claim_state;
void claim_state_of(const char *rec, const change_t *ch, size_t n, claim_state *out);

#endif
