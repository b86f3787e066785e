/* vocab.c — see vocab.h. One table of (field, code, label); status and board
 * labels come from their own modules so each word lives once. */
#include "core/vocab.h"

#include <string.h>

#include "core/board.h"
#include "core/status.h"

typedef struct {
    const char *field, *code, *label;
} vocab_row;

static const vocab_row rows[] = {
    {"implemented", "full", "Fully implemented"},
    {"implemented", "partial", "Partly implemented"},
    {"implemented", "not", "Not implemented"},
    {"implemented", "unknown", "Not known"},
    {"effect", "achieved", "Intended effect achieved"},
    {"effect", "partial", "Effect partly achieved"},
    {"effect", "not_achieved", "Effect not achieved"},
    {"effect", "cannot_assess", "Effect cannot be assessed"},
    {"relevant", "yes", "Still relevant"},
    {"relevant", "no", "No longer relevant"},
    {"state", "strawman", "Draft"},
    {"state", "discussed", "Discussed"},
    {"state", "approved", "Approved by the team"},
    {"rel", "related", "Related to"},
    {"rel", "derived_from", "Derived from"},
    {"rel", "supersedes", "Supersedes"},
    {"kind", "document", "Document"},
    {"kind", "web", "Web page"},
    {"kind", "briefing", "Briefing"},
    {"kind", "interview", "Interview"},
    {"kind", "other", "Other"},
    {"direction", "up", "Higher is better"},
    {"direction", "down", "Lower is better"},
    {"frequency", "monthly", "Monthly"},
    {"frequency", "quarterly", "Quarterly"},
    {"frequency", "yearly", "Yearly"},
    {"role", "admin", "Administrator"},
    {"role", "editor", "Editor"},
    {"role", "assessor", "Assessor"},
    {"role", "viewer", "Viewer"},
    {"flag", "complete_without_evidence", "Complete without evidence"},
    {"flag", "complete_evidence_dead", "Complete, its evidence dead"},
    {"flag", "complete_unverified", "Complete, not verified"},
    {"flag", "assessed_below_claim", "Assessed below the claim"},
    {"flag", "no_kpi_target", "No KPI with a target"},
    {"flag", "kpi_off_track", "A KPI off track"},
    {"kpi", "on_track", "On track"},
    {"kpi", "at_risk", "At risk"},
    {"kpi", "off_track", "Off track"},
    {"kpi", "achieved", "Achieved"},
    {"kpi", "stale", "Stale: a measurement is due"},
    {"kpi", "no_target", "No target"},
    {"health", "ok", "Link works"},
    {"health", "moved", "Link moved"},
    {"health", "dead", "Link dead"},
    {"health", "blocked", "Not checked (address not allowed)"},
    {"health", "unchecked", "Not checked yet"},
};

const char *vocab_label(const char *field, const char *code)
{
    if (!code) return "";
    if (field && strcmp(field, "status") == 0) {
        int s = status_parse(code);
        return s < 0 ? code : status_label((status_t)s);
    }
    if (field && strcmp(field, "board") == 0) {
        unsigned set = board_parse(code);
        for (int b = 0; b < BD_COUNT; b++)
            if (set == 1u << b) return board_label((board_t)b);
        if (set == (1u << BD_APPROVED | 1u << BD_PASSED_THROUGH)) return "Approved in part, passed through in part";
        if (set == (1u << BD_PASSED_THROUGH | 1u << BD_PENDING)) return "Passed through in part, pending in part";
        return code;
    }
    for (size_t i = 0; field && i < sizeof rows / sizeof rows[0]; i++)
        if (strcmp(rows[i].field, field) == 0 && strcmp(rows[i].code, code) == 0) return rows[i].label;
    return code;
}

const char *vocab_relation(const char *rel)
{
    if (!rel) return "";
    if (strcmp(rel, "related") == 0) return "is related to";
    if (strcmp(rel, "derived_from") == 0) return "is derived from";
    if (strcmp(rel, "supersedes") == 0) return "supersedes";
    return rel;
}
