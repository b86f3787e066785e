/* entity.c — the field lists of each kind and value validation; see entity.h. */
#include "core/entity.h"

#include <string.h>

#include "core/board.h"
#include "core/id.h"
#include "core/status.h"
#include "util/date.h"
#include "util/text.h"

#define LINE_MAX_BYTES 500
#define TEXT_MAX_BYTES (1024 * 1024)
#define URL_MAX_BYTES 2000
#define NUMBER_MAX_BYTES 30

static const char *const priorities[] = {"P1", "P2", "P3", "P4", NULL};
static const char *const relations[] = {"related", "derived_from", "supersedes", NULL};
static const char *const evidence_targets[] = {"rec", "milestone", "item", NULL};
static const char *const evidence_kinds[] = {"document", "web", "briefing", "interview", "other", NULL};
static const char *const implemented_values[] = {"full", "partial", "not", "unknown", NULL};
static const char *const effect_values[] = {"achieved", "partial", "not_achieved", "cannot_assess", NULL};
static const char *const relevant_values[] = {"yes", "no", NULL};
static const char *const item_states[] = {"strawman", "discussed", "approved", NULL};
static const char *const source_formats[] = {"ssr1-report", "ssr2-assessment", NULL};
static const char *const directions[] = {"up", "down", NULL};
static const char *const frequencies[] = {"monthly", "quarterly", "yearly", NULL};
static const char *const comment_targets[] = {"rec", "milestone", "item", NULL};

static const field_def review_fields[] = {
    [REVIEW_TITLE] = {"title", FT_LINE, F_REQUIRED | F_SETTABLE, NULL, NULL, LINE_MAX_BYTES, NULL},
    [REVIEW_PUBLISHED] = {"published", FT_DATE, F_SETTABLE, NULL, NULL, 10, NULL},
    [REVIEW_URL] = {"url", FT_URL, F_SETTABLE, NULL, NULL, URL_MAX_BYTES, NULL},
};

static const field_def rec_fields[] = {
    [REC_REVIEW] = {"review", FT_ID, F_REQUIRED | F_FIXED, NULL, NULL, ID_MAX, "review"},
    [REC_PARENT] = {"parent", FT_ID, F_FIXED, NULL, NULL, ID_MAX, "rec"},
    [REC_TITLE] = {"title", FT_LINE, F_REQUIRED | F_SETTABLE, NULL, NULL, LINE_MAX_BYTES, NULL},
    [REC_TEXT] = {"text", FT_TEXT, F_SETTABLE, NULL, NULL, TEXT_MAX_BYTES, NULL},
    [REC_TOPIC] = {"topic", FT_LINE, F_SETTABLE, NULL, NULL, LINE_MAX_BYTES, NULL},
    [REC_OWNER] = {"owner", FT_LINE, F_SETTABLE, NULL, NULL, LINE_MAX_BYTES, NULL},
    [REC_PRIORITY] = {"priority", FT_ENUM, F_SETTABLE, priorities, NULL, 2, NULL},
    [REC_BOARD] = {"board", FT_BOARD, F_SETTABLE, NULL, "pending", 40, NULL},
    [REC_STATUS] = {"status", FT_STATUS, F_SETTABLE, NULL, "not_started", 20, NULL},
    [REC_RECURRING] = {"recurring", FT_BOOL, F_SETTABLE, NULL, "false", 5, NULL},
    [REC_DUE] = {"due", FT_DATE, F_SETTABLE, NULL, NULL, 10, NULL},
    [REC_RESTRICTED] = {"restricted", FT_BOOL, F_SETTABLE, NULL, "false", 5, NULL},
};

static const field_def milestone_fields[] = {
    [MS_REC] = {"rec", FT_ID, F_REQUIRED | F_FIXED, NULL, NULL, ID_MAX, "rec"},
    [MS_TITLE] = {"title", FT_LINE, F_REQUIRED | F_SETTABLE, NULL, NULL, 2000, NULL},
    [MS_STATUS] = {"status", FT_STATUS, F_SETTABLE, NULL, "not_started", 20, NULL},
    [MS_DUE] = {"due", FT_DATE, F_SETTABLE, NULL, NULL, 10, NULL},
    [MS_DONE] = {"done", FT_DATE, F_SETTABLE, NULL, NULL, 10, NULL},
    [MS_RESTRICTED] = {"restricted", FT_BOOL, F_SETTABLE, NULL, "false", 5, NULL},
};

static const field_def link_fields[] = {
    [LINK_REC] = {"rec", FT_ID, F_REQUIRED | F_FIXED, NULL, NULL, ID_MAX, "rec"},
    [LINK_REL] = {"rel", FT_ENUM, F_REQUIRED | F_FIXED, relations, NULL, 20, NULL},
    [LINK_OTHER] = {"other", FT_ID, F_REQUIRED | F_FIXED, NULL, NULL, ID_MAX, "rec"},
    [LINK_ACTIVE] = {"active", FT_BOOL, F_SETTABLE, NULL, "true", 5, NULL},
};

static const field_def evidence_fields[] = {
    [EV_TARGET_KIND] = {"target_kind", FT_ENUM, F_REQUIRED | F_FIXED, evidence_targets, NULL, 10, NULL},
    [EV_TARGET] = {"target", FT_ID, F_REQUIRED | F_FIXED, NULL, NULL, 2 * ID_MAX + 1, NULL},
    [EV_URL] = {"url", FT_URL, F_REQUIRED | F_SETTABLE, NULL, NULL, URL_MAX_BYTES, NULL},
    [EV_TITLE] = {"title", FT_LINE, F_SETTABLE, NULL, NULL, LINE_MAX_BYTES, NULL},
    [EV_KIND] = {"kind", FT_ENUM, F_SETTABLE, evidence_kinds, "web", 10, NULL},
    [EV_RESTRICTED] = {"restricted", FT_BOOL, F_SETTABLE, NULL, "false", 5, NULL},
};

static const field_def assessment_fields[] = {
    [ASM_BY] = {"by", FT_ID, F_REQUIRED | F_FIXED, NULL, NULL, ID_MAX, "review"},
    [ASM_OF] = {"of", FT_ID, F_REQUIRED | F_FIXED, NULL, NULL, ID_MAX, "review"},
    [ASM_AS_OF] = {"as_of", FT_DATE, F_REQUIRED | F_SETTABLE, NULL, NULL, 10, NULL},
    [ASM_TITLE] = {"title", FT_LINE, F_SETTABLE, NULL, NULL, LINE_MAX_BYTES, NULL},
};

static const field_def item_fields[] = {
    [ITEM_ASSESSMENT] = {"assessment", FT_ID, F_REQUIRED | F_FIXED, NULL, NULL, ID_MAX, "assessment"},
    [ITEM_REC] = {"rec", FT_ID, F_REQUIRED | F_FIXED, NULL, NULL, ID_MAX, "rec"},
    [ITEM_REC_TEXT] = {"rec_text", FT_TEXT, F_SETTABLE, NULL, NULL, TEXT_MAX_BYTES, NULL},
    [ITEM_WHAT_DONE] = {"what_done", FT_TEXT, F_SETTABLE, NULL, NULL, TEXT_MAX_BYTES, NULL},
    [ITEM_IMPLEMENTED] = {"implemented", FT_ENUM, F_SETTABLE, implemented_values, "unknown", 10, NULL},
    [ITEM_EFFECT] = {"effect", FT_ENUM, F_SETTABLE, effect_values, NULL, 20, NULL},
    [ITEM_HOW_ASSESSED] = {"how_assessed", FT_TEXT, F_SETTABLE, NULL, NULL, TEXT_MAX_BYTES, NULL},
    [ITEM_RELEVANT] = {"relevant", FT_ENUM, F_SETTABLE, relevant_values, NULL, 3, NULL},
    [ITEM_FURTHER_WORK] = {"further_work", FT_TEXT, F_SETTABLE, NULL, NULL, TEXT_MAX_BYTES, NULL},
    [ITEM_STATE] = {"state", FT_ENUM, F_SETTABLE, item_states, "strawman", 10, NULL},
};

static const field_def signoff_fields[] = {
    [SIGN_ITEM] = {"item", FT_ID, F_REQUIRED | F_FIXED, NULL, NULL, 2 * ID_MAX + 1, "item"},
    [SIGN_ASSESSOR] = {"assessor", FT_LINE, F_REQUIRED | F_FIXED, NULL, NULL, 100, NULL},
    [SIGN_DISSENT] = {"dissent", FT_TEXT, F_SETTABLE, NULL, NULL, TEXT_MAX_BYTES, NULL},
    [SIGN_ACTIVE] = {"active", FT_BOOL, F_SETTABLE, NULL, "true", 5, NULL},
};

static const field_def source_fields[] = {
    [SRC_FORMAT] = {"format", FT_ENUM, F_REQUIRED | F_FIXED, source_formats, NULL, 20, NULL},
    [SRC_NAME] = {"name", FT_LINE, F_REQUIRED | F_FIXED, NULL, NULL, LINE_MAX_BYTES, NULL},
    [SRC_SHA256] = {"sha256", FT_LINE, F_REQUIRED | F_FIXED, NULL, NULL, 64, NULL},
};

static const field_def verification_fields[] = {
    [VER_REC] = {"rec", FT_ID, F_REQUIRED | F_FIXED, NULL, NULL, ID_MAX, "rec"},
    [VER_CLAIM] = {"claim", FT_NUMBER, F_REQUIRED | F_SETTABLE, NULL, NULL, 20, NULL},
    [VER_NOTE] = {"note", FT_TEXT, F_SETTABLE, NULL, NULL, 4000, NULL},
};

static const field_def kpi_fields[] = {
    /* A KPI measures one rec, or a review as a whole: one of the two is set. */
    [KPI_REC] = {"rec", FT_ID, F_FIXED, NULL, NULL, ID_MAX, "rec"},
    [KPI_NAME] = {"name", FT_LINE, F_REQUIRED | F_SETTABLE, NULL, NULL, LINE_MAX_BYTES, NULL},
    [KPI_UNIT] = {"unit", FT_LINE, F_REQUIRED | F_SETTABLE, NULL, NULL, 100, NULL},
    [KPI_DIRECTION] = {"direction", FT_ENUM, F_REQUIRED | F_SETTABLE, directions, NULL, 4, NULL},
    [KPI_BASELINE] = {"baseline", FT_NUMBER, F_SETTABLE, NULL, NULL, NUMBER_MAX_BYTES, NULL},
    [KPI_BASELINE_DATE] = {"baseline_date", FT_DATE, F_SETTABLE, NULL, NULL, 10, NULL},
    [KPI_TARGET] = {"target", FT_NUMBER, F_SETTABLE, NULL, NULL, NUMBER_MAX_BYTES, NULL},
    [KPI_TARGET_DATE] = {"target_date", FT_DATE, F_SETTABLE, NULL, NULL, 10, NULL},
    [KPI_FREQUENCY] = {"frequency", FT_ENUM, F_SETTABLE, frequencies, NULL, 10, NULL},
    [KPI_REVIEW] = {"review", FT_ID, F_FIXED, NULL, NULL, ID_MAX, "review"},
};

static const field_def measurement_fields[] = {
    [MEAS_KPI] = {"kpi", FT_ID, F_REQUIRED | F_FIXED, NULL, NULL, ID_MAX, "kpi"},
    [MEAS_VALUE] = {"value", FT_NUMBER, F_REQUIRED | F_SETTABLE, NULL, NULL, NUMBER_MAX_BYTES, NULL},
    [MEAS_EVIDENCE] = {"evidence", FT_URL, F_SETTABLE, NULL, NULL, URL_MAX_BYTES, NULL},
    [MEAS_SOURCE] = {"source", FT_LINE, F_SETTABLE, NULL, NULL, LINE_MAX_BYTES, NULL},
};

/* A comment belongs to its target (a fixed reference), so visibility follows it. */
static const field_def comment_fields[] = {
    [COMMENT_TARGET_KIND] = {"target_kind", FT_ENUM, F_REQUIRED | F_FIXED, comment_targets, NULL, 10, NULL},
    [COMMENT_TARGET] = {"target", FT_ID, F_REQUIRED | F_FIXED, NULL, NULL, 2 * ID_MAX + 1, NULL},
    [COMMENT_TEXT] = {"text", FT_TEXT, F_REQUIRED | F_SETTABLE, NULL, NULL, 20000, NULL},
    [COMMENT_AUTHOR] = {"author", FT_LINE, F_REQUIRED | F_FIXED, NULL, NULL, 100, NULL},
};

static const char *const roles[] = {"admin", "editor", "assessor", "viewer", NULL};

/* Accounts as the log records them: who may do what, and which API tokens
 * exist, never a secret (passwords and token hashes stay in store/accounts). */
static const field_def user_fields[] = {
    [USER_ROLE] = {"role", FT_ENUM, F_REQUIRED | F_SETTABLE, roles, NULL, 10, NULL},
    [USER_REMOVED] = {"removed", FT_BOOL, F_SETTABLE, NULL, "false", 5, NULL},
};

static const field_def token_fields[] = {
    [TOKEN_USER] = {"user", FT_LINE, F_REQUIRED | F_FIXED, NULL, NULL, 64, NULL},
    [TOKEN_EXPIRES] = {"expires", FT_DATE, F_SETTABLE, NULL, NULL, 10, NULL},
    [TOKEN_REVOKED] = {"revoked", FT_BOOL, F_SETTABLE, NULL, "false", 5, NULL},
};

#define KIND(var, name, label, table, fields, ids) \
    const kind_def var = {name, label, table, fields, (int)(sizeof fields / sizeof fields[0]), ids}

KIND(kind_review, "review", "review", "reviews", review_fields, ID_PLAIN);
KIND(kind_rec, "rec", "rec", "recs", rec_fields, ID_PLAIN);
KIND(kind_milestone, "milestone", "milestone", "milestones", milestone_fields, ID_MILESTONE);
KIND(kind_link, "link", "link", "links", link_fields, ID_FREE);
KIND(kind_evidence, "evidence", "evidence", "evidence", evidence_fields, ID_PLAIN);
KIND(kind_assessment, "assessment", "assessment", "assessments", assessment_fields, ID_PLAIN);
KIND(kind_item, "item", "assessment item", "items", item_fields, ID_PAIR);
KIND(kind_signoff, "signoff", "sign-off", "signoffs", signoff_fields, ID_FREE);
KIND(kind_source, "source", "source document", "sources", source_fields, ID_PLAIN);
KIND(kind_kpi, "kpi", "KPI", "kpis", kpi_fields, ID_PLAIN);
KIND(kind_measurement, "measurement", "measurement", "measurements", measurement_fields, ID_PLAIN);
KIND(kind_comment, "comment", "comment", "comments", comment_fields, ID_PLAIN);

KIND(kind_user, "user", "user", "user_roles", user_fields, ID_FREE);
KIND(kind_token, "token", "API token", "token_grants", token_fields, ID_PLAIN);
KIND(kind_verification, "verification", "verification", "verifications", verification_fields, ID_PLAIN);

const kind_def *const all_kinds[] = {&kind_review, &kind_rec, &kind_milestone, &kind_link,
                                     &kind_evidence, &kind_assessment, &kind_item, &kind_signoff,
                                     &kind_source, &kind_kpi, &kind_measurement,
                                     &kind_comment, &kind_user, &kind_token, &kind_verification, NULL};

const kind_def *kind_find(const char *name)
{
    for (int i = 0; all_kinds[i]; i++)
        if (strcmp(all_kinds[i]->name, name) == 0) return all_kinds[i];
    return NULL;
}

int kind_field(const kind_def *k, const char *name)
{
    for (int i = 0; i < k->nfields; i++)
        if (strcmp(k->fields[i].name, name) == 0) return i;
    return -1;
}

int field_true(const char *v) { return v && strcmp(v, "true") == 0; }

/* A plain id, or two joined by '/'. */
static int pair_valid(const char *id)
{
    const char *slash = strchr(id, '/');
    char first[ID_MAX + 2];
    if (!slash) return id_valid(id);
    size_t n = (size_t)(slash - id);
    if (n > ID_MAX) return 0;
    memcpy(first, id, n);
    first[n] = '\0';
    return id_valid(first) && id_valid(slash + 1);
}

int kind_id_valid(const kind_def *k, const char *id)
{
    switch (k->ids) {
    case ID_PLAIN: return id_valid(id);
    case ID_MILESTONE: return id_milestone_valid(id);
    case ID_PAIR: return strchr(id, '/') && pair_valid(id);
    case ID_FREE:
        return *id && strlen(id) <= 200 && !has_control(id) && !strpbrk(id, "\r\n") &&
               utf8_valid(id, strlen(id));
    }
    return 0;
}

/* 1 when the URL's authority (between "://" and the next / ? or #) holds
 * user information ("user:pw@host"): clients would send it as credentials. */
static int url_has_userinfo(const char *s)
{
    const char *host = strstr(s, "://");
    if (!host) return 0;
    host += 3;
    size_t n = strcspn(host, "/?#");
    return memchr(host, '@', n) != NULL;
}

static int valid_url(const char *s)
{
    if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0) return 0;
    const char *host = strstr(s, "://") + 3;
    if (!*host || *host == '/') return 0;
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || *s == 0x7f || *s == '"' || *s == '<' || *s == '>' ||
            *s == '\\')
            return 0;
    return 1;
}

/* -?DIGITS[.DIGITS]: plain decimal notation, no exponent, no sign '+'. */
static int valid_number(const char *s)
{
    if (*s == '-') s++;
    if (*s < '0' || *s > '9') return 0;
    while (*s >= '0' && *s <= '9') s++;
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9') return 0;
        while (*s >= '0' && *s <= '9') s++;
    }
    return *s == '\0';
}

/* FT_TEXT: no control characters; line ends kept as LF only, so text
 * compares equal across systems. *out is arena-owned. */
static int norm_text(const field_def *f, const char *in, size_t n, arena_t *a, const char **out,
                     err_t *e)
{
    if (has_control(in)) return err_set(e, ERR_INPUT, "field '%s': holds a control character", f->name);
    char *t = arena_alloc(a, n + 1);
    if (!t) return err_nomem(e);
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (in[i] == '\r') {
            if (in[i + 1] != '\n') t[j++] = '\n';
            continue;
        }
        t[j++] = in[i];
    }
    t[j] = '\0';
    *out = t;
    return 0;
}

/* FT_ENUM: one of f->choices in any case; *out is the static choice. */
static int norm_enum(const field_def *f, const char *in, const char **out, err_t *e)
{
    for (int i = 0; f->choices[i]; i++)
        if (ascii_casecmp(in, f->choices[i]) == 0) { *out = f->choices[i]; return 0; }
    char list[200] = "";
    for (int i = 0; f->choices[i]; i++) {
        if (i) strncat(list, ", ", sizeof list - strlen(list) - 1);
        strncat(list, f->choices[i], sizeof list - strlen(list) - 1);
    }
    return err_set(e, ERR_INPUT, "field '%s': unknown value '%.40s' (one of: %s)", f->name, in, list);
}

/* FT_BOARD: one disposition or two joined by '+', in canonical order. */
static int norm_board(const field_def *f, const char *in, arena_t *a, const char **out, err_t *e)
{
    unsigned set = board_parse(in);
    if (!set)
        return err_set(e, ERR_INPUT,
                       "field '%s': unknown disposition '%.40s' (approved, passed_through, pending, "
                       "rejected, or two joined by '+')", f->name, in);
    char canon[32];
    if (!(*out = arena_strdup(a, board_format(set, canon)))) return err_nomem(e);
    return 0;
}

static int norm_bool(const field_def *f, const char *in, const char **out, err_t *e)
{
    static const char *const yes[] = {"true", "yes", "1", "on", NULL};
    static const char *const no[] = {"false", "no", "0", "off", NULL};
    for (int i = 0; yes[i]; i++)
        if (ascii_casecmp(in, yes[i]) == 0) { *out = "true"; return 0; }
    for (int i = 0; no[i]; i++)
        if (ascii_casecmp(in, no[i]) == 0) { *out = "false"; return 0; }
    return err_set(e, ERR_INPUT, "field '%s': '%.40s' is not true or false", f->name, in);
}

/* The types whose value is kept as written once it passes its check. */
static int norm_checked(const field_def *f, const char *in, const char **out, err_t *e)
{
    switch (f->type) {
    case FT_LINE:
        if (strchr(in, '\n') || strchr(in, '\r') || has_control(in))
            return err_set(e, ERR_INPUT, "field '%s': must be one line without control characters", f->name);
        break;
    case FT_DATE:
        if (!date_valid(in))
            return err_set(e, ERR_INPUT, "field '%s': '%.40s' is not a valid date (YYYY-MM-DD)", f->name, in);
        break;
    case FT_ID:
        if (f->ref ? !kind_id_valid(kind_find(f->ref), in) : !(pair_valid(in) || id_milestone_valid(in)))
            return err_set(e, ERR_INPUT, "field '%s': '%.70s' is not a valid id", f->name, in);
        break;
    case FT_URL:
        if (!valid_url(in))
            return err_set(e, ERR_INPUT, "field '%s': '%.80s' is not an http(s) URL", f->name, in);
        /* Not echoed: what precedes '@' may be a password. */
        if (url_has_userinfo(in))
            return err_set(e, ERR_INPUT, "field '%s': a URL with a user name or password before '@' is refused",
                           f->name);
        break;
    case FT_NUMBER:
        if (!valid_number(in))
            return err_set(e, ERR_INPUT, "field '%s': '%.40s' is not a number (like 12 or -0.5)", f->name, in);
        break;
    default:
        return err_set(e, ERR_INTERNAL, "field '%s': unknown type", f->name);
    }
    *out = in;
    return 0;
}

int field_normalize(const field_def *f, const char *in, arena_t *a, const char **out, err_t *e)
{
    size_t n = strlen(in);
    if (!utf8_valid(in, n)) return err_set(e, ERR_INPUT, "field '%s': not valid UTF-8", f->name);
    if (n > f->max)
        return err_set(e, ERR_INPUT, "field '%s': longer than %zu bytes", f->name, f->max);
    if (n == 0) {
        if (f->flags & F_REQUIRED) return err_set(e, ERR_INPUT, "field '%s': must not be empty", f->name);
        *out = "";
        return 0;
    }
    switch (f->type) {
    case FT_TEXT: return norm_text(f, in, n, a, out, e);
    case FT_ENUM: return norm_enum(f, in, out, e);
    case FT_BOARD: return norm_board(f, in, a, out, e);
    case FT_BOOL: return norm_bool(f, in, out, e);
    case FT_STATUS: {
        int s = status_parse(in);
        if (s < 0)
            return err_set(e, ERR_INPUT,
                           "field '%s': unknown status '%.40s' (one of: not_started, planning, "
                           "in_progress, complete, ongoing, deferred)", f->name, in);
        *out = status_name((status_t)s);
        return 0;
    }
    default: return norm_checked(f, in, out, e);
    }
}

char *link_id(arena_t *a, const char *rec, const char *rel, const char *other)
{
    return arena_printf(a, "%s %s %s", rec, rel, other);
}
