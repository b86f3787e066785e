/* claims.c — the claim rules; see claims.h. */
#include "core/claims.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const flag_names[CF_COUNT] = {
    "complete_without_evidence", "complete_evidence_dead", "complete_unverified",
    "assessed_below_claim", "no_kpi_target", "kpi_off_track",
};

const char *claim_flag_name(claim_flag f)
{
    return (int)f >= 0 && f < CF_COUNT ? flag_names[f] : NULL;
}

int claim_is_completion(const char *status)
{
    return status && (strcmp(status, "complete") == 0 || strcmp(status, "ongoing") == 0);
}

int claim_rank(const char *status)
{
    if (!status) return 0;
    if (claim_is_completion(status)) return 2;
    if (strcmp(status, "in_progress") == 0) return 1;
    return 0;   /* not_started, planning, deferred */
}

int verdict_rank(const char *verdict)
{
    if (!verdict) return -1;
    if (strcmp(verdict, "full") == 0) return 2;
    if (strcmp(verdict, "partial") == 0) return 1;
    if (strcmp(verdict, "not") == 0) return 0;
    return -1;
}

/* Append one line; raise its flag (flag < 0: none) when `raise`. */
static void line(claim_eval *out, const char *key, const char *label, int missing, int flag, int raise,
                 const char *fmt, ...) __attribute__((format(printf, 7, 8)));
static void line(claim_eval *out, const char *key, const char *label, int missing, int flag, int raise,
                 const char *fmt, ...)
{
    if (out->nchecks == CLAIM_NCHECKS) return;
    claim_check *c = &out->checks[out->nchecks++];
    c->key = key;
    c->label = label;
    c->missing = missing != 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->detail, sizeof c->detail, fmt, ap);
    va_end(ap);
    out->missing += c->missing;
    if (flag >= 0 && raise) out->flags |= 1u << flag;
}

/* The SMART finding of rule ("S1"), or NULL when the rec passes it. */
static const smart_finding *finding(const claim_input *in, const char *rule)
{
    for (int i = 0; i < in->nsmart; i++)
        if (strcmp(in->smart[i].rule, rule) == 0) return &in->smart[i];
    return NULL;
}

/* The SMART lines: one per rule, M1 raising no_kpi_target. */
static void smart_lines(const claim_input *in, claim_eval *out)
{
    static const struct { const char *rule, *key, *label; } rules[] = {
        {"S1", "specific", "Specific wording (SMART S1)"},
        {"M1", "kpi_target", "A KPI with a target (SMART M1)"},
        {"A1", "owner", "An owner (SMART A1)"},
        {"R1", "topic", "A topic or objective (SMART R1)"},
        {"T1", "trackable", "A due date or a dated milestone (SMART T1)"},
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        const smart_finding *f = finding(in, rules[i].rule);
        int m1 = strcmp(rules[i].rule, "M1") == 0;
        line(out, rules[i].key, rules[i].label, f != NULL, m1 ? (int)CF_NO_KPI_TARGET : -1, f != NULL, "%s",
             f ? f->detail : "passes");
    }
}

void claim_evaluate(const claim_input *in, claim_eval *out)
{
    memset(out, 0, sizeof *out);
    int done = claim_is_completion(in->status);
    line(out, "claim", "Claimed complete", !done, -1, 0, "status: %s", in->status ? in->status : "not_started");
    smart_lines(in, out);
    line(out, "kpi_on_track", "Its KPIs on track", in->kpis_off_track > 0, CF_KPI_OFF_TRACK, in->kpis_off_track > 0,
         "%zu KPI%s off track", in->kpis_off_track, in->kpis_off_track == 1 ? "" : "s");
    line(out, "evidence", "Evidence on the rec or its milestones", in->links == 0, CF_COMPLETE_WITHOUT_EVIDENCE,
         done && in->links == 0, "%zu link%s", in->links, in->links == 1 ? "" : "s");
    line(out, "evidence_alive", "Its evidence links alive", in->dead > 0, CF_COMPLETE_EVIDENCE_DEAD,
         done && in->dead > 0, "%zu alive, %zu dead at their latest check", in->alive, in->dead);
    line(out, "verified", "Verified by a second person", !in->verified, CF_COMPLETE_UNVERIFIED,
         done && !in->verified, "%s", in->verified ? "verified" : done ? "not verified" : "nothing claimed to verify");
    int vr = verdict_rank(in->verdict), cr = claim_rank(in->status);
    line(out, "verdict", "Assessed as fully implemented", vr != 2, CF_ASSESSED_BELOW_CLAIM, vr >= 0 && vr < cr,
         "%s", in->verdict ? in->verdict : "not assessed");
    out->divergent = done && vr >= 0 && vr < 2;
}

/* 1 when a comes after b in fold order: newer effective date, then newer seq. */
static int later(const change_t *a, const change_t *b)
{
    int d = strcmp(a->effective_at, b->effective_at);
    return d > 0 || (d == 0 && a->seq > b->seq);
}

void claim_state_of(const char *rec, const change_t *ch, size_t n, claim_state *out)
{
    const change_t *ver = NULL;
    out->claim = out->verification = NULL;
    for (size_t i = 0; i < n; i++) {
        const change_t *c = &ch[i];
        if (strcmp(c->entity_id, rec) != 0) continue;
        if (strcmp(c->entity, "rec") == 0 && strcmp(c->field, "status") == 0) {
            if (!out->claim || later(c, out->claim)) out->claim = c;
        } else if (strcmp(c->entity, "verification") == 0 && strcmp(c->field, "claim") == 0) {
            if (!ver || later(c, ver)) ver = c;
        }
    }
    if (!out->claim || !ver) return;
    char seq[24];
    snprintf(seq, sizeof seq, "%lld", out->claim->seq);
    if (strcmp(ver->value, seq) == 0) out->verification = ver;
}
