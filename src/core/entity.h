/* entity.h — the kinds of things the tracker keeps, as data.
 *
 * Each kind (review, rec, milestone, link, evidence, kpi, measurement) is a
 * list of fields. A change in
 * the log names a kind, an id, a field and a new value; the state of a thing
 * is the fold of its changes (fold.h). The store derives its tables from these
 * descriptors, so a field is declared once, here. Pure: no I/O. */
#ifndef SSR_ENTITY_H
#define SSR_ENTITY_H

#include <stddef.h>

#include "util/arena.h"
#include "util/err.h"

typedef enum {
    FT_LINE,    /* one line of text */
    FT_TEXT,    /* Markdown, many lines */
    FT_DATE,    /* YYYY-MM-DD */
    FT_ENUM,    /* one of `choices` */
    FT_STATUS,  /* a canonical status (status.h), display words accepted */
    FT_BOOL,    /* "true" / "false"; yes/no/1/0/on/off accepted */
    FT_ID,      /* the id of another thing, of kind `ref`; with ref NULL, of the
                   kind named by the value of the field called "target_kind" */
    FT_URL,     /* http or https URL */
    FT_NUMBER,  /* a decimal number: -?DIGITS[.DIGITS], kept as written */
    FT_BOARD    /* a board disposition, or two joined by '+' (board.h) */
} field_type;

enum {
    F_REQUIRED = 1,  /* the thing exists only once this is set; never cleared */
    F_FIXED = 2,     /* set when the thing is created, never changed after */
    F_SETTABLE = 4   /* may be changed by `set` commands and API writes */
};

typedef struct {
    const char *name;
    field_type type;
    unsigned flags;
    const char *const *choices;  /* FT_ENUM: NULL-terminated list */
    const char *dflt;            /* value while never set; NULL: none */
    size_t max;                  /* byte limit of a value */
    const char *ref;             /* FT_ID: the kind named */
} field_def;

#define KIND_MAX_FIELDS 32
#define KIND_MAX_KINDS 24

/* How a kind's ids are formed. */
typedef enum {
    ID_PLAIN,   /* id.h: SSR1-6A, SSR1-9.2, E12 */
    ID_MILESTONE, /* id.h: REC~N (SSR2-9~1), or a plain id made before (SSR1-9.2) */
    ID_PAIR,    /* two plain ids joined by '/': an assessment item "SSR2-A/SSR1-6" */
    ID_FREE     /* generated text, one line (links: "SSR2-1 derived_from SSR1-2") */
} id_form;

typedef struct {
    const char *name;     /* as written in change_log.entity: "rec" */
    const char *label;    /* for messages: "rec" */
    const char *table;    /* projection table: "recs"; versions in "<table>_versions" */
    const field_def *fields;
    int nfields;
    id_form ids;
} kind_def;


/* Field positions, in declaration order (checked by the unit tests). */
enum { REVIEW_TITLE, REVIEW_PUBLISHED, REVIEW_URL, REVIEW_NFIELDS };
enum {
    REC_REVIEW, REC_PARENT, REC_TITLE, REC_TEXT, REC_TOPIC, REC_OWNER, REC_PRIORITY,
    REC_BOARD, REC_STATUS, REC_RECURRING, REC_DUE, REC_RESTRICTED, REC_NFIELDS
};
enum {
    MS_REC, MS_TITLE, MS_STATUS, MS_DUE, MS_DONE, MS_RESTRICTED, MS_NFIELDS
};
enum { LINK_REC, LINK_REL, LINK_OTHER, LINK_ACTIVE, LINK_NFIELDS };
enum {
    EV_TARGET_KIND, EV_TARGET, EV_URL, EV_TITLE, EV_KIND, EV_RESTRICTED, EV_NFIELDS
};
enum { ASM_BY, ASM_OF, ASM_AS_OF, ASM_TITLE, ASM_NFIELDS };
enum {
    ITEM_ASSESSMENT, ITEM_REC, ITEM_REC_TEXT, ITEM_WHAT_DONE, ITEM_IMPLEMENTED, ITEM_EFFECT, ITEM_HOW_ASSESSED,
    ITEM_RELEVANT, ITEM_FURTHER_WORK, ITEM_STATE, ITEM_NFIELDS
};
enum { SIGN_ITEM, SIGN_ASSESSOR, SIGN_DISSENT, SIGN_ACTIVE, SIGN_NFIELDS };
enum { SRC_FORMAT, SRC_NAME, SRC_SHA256, SRC_NFIELDS };
/* The verification of a rec's completion claim (id: the rec's id): claim is
 * the seq of the status change verified (core/claims.h), note why there is
 * no evidence when there is none. Its changes carry who verified and when. */
enum { VER_REC, VER_CLAIM, VER_NOTE, VER_NFIELDS };

enum {
    KPI_REC, KPI_NAME, KPI_UNIT, KPI_DIRECTION, KPI_BASELINE, KPI_BASELINE_DATE, KPI_TARGET,
    KPI_TARGET_DATE, KPI_FREQUENCY, KPI_REVIEW, KPI_NFIELDS
};
/* A measurement of a KPI: its effective date is the date it was measured. */
enum { MEAS_KPI, MEAS_VALUE, MEAS_EVIDENCE, MEAS_SOURCE, MEAS_NFIELDS };
/* A comment on a rec, a milestone or an assessment item (discussion kept in
 * the log): an edit is a new change of its text; it is restricted with the
 * thing it is on. Ids "C" + N. */
enum { COMMENT_TARGET_KIND, COMMENT_TARGET, COMMENT_TEXT, COMMENT_AUTHOR, COMMENT_NFIELDS };
/* A user's role and removal; an API token's user (the name when it was
 * made), expiry and revocation. */
enum { USER_ROLE, USER_REMOVED, USER_NFIELDS };
enum { TOKEN_USER, TOKEN_EXPIRES, TOKEN_REVOKED, TOKEN_NFIELDS };

extern const kind_def kind_review, kind_rec, kind_milestone, kind_link, kind_evidence;
/* KPIs of a rec and their measurements. */
extern const kind_def kind_kpi, kind_measurement;
/* Assessments (one review assessing another's recs as of a date), their
 * items (the six answers for one rec: id "ASSESSMENT/REC"), sign-offs
 * (id "ITEM by NAME", with any dissent) and imported source documents. */
extern const kind_def kind_assessment, kind_item, kind_signoff, kind_source;
extern const kind_def kind_comment;
/* The record of accounts (the user and token commands write it). */
extern const kind_def kind_user, kind_token;
/* Verifications of completion claims (four eyes). */
extern const kind_def kind_verification;

/* All kinds, NULL-terminated, in the order projections are rebuilt. */
extern const kind_def *const all_kinds[];

const kind_def *kind_find(const char *name);
/* Index of the field called name, or -1. */
int kind_field(const kind_def *k, const char *name);

/* Validate a new value for field f and return its canonical form in *out
 * (arena-owned, or a static string). "" clears an optional field. Errors are
 * ERR_INPUT with a message naming the field and the problem. */
int field_normalize(const field_def *f, const char *in, arena_t *a, const char **out, err_t *e);

/* 1 when id is well formed for the kind. */
int kind_id_valid(const kind_def *k, const char *id);

/* 1 when the (canonical) value of a FT_BOOL field is true. */
int field_true(const char *v);

/* The id of the link from rec to other with relation rel: "A derived_from B".
 * Arena-owned. */
char *link_id(arena_t *a, const char *rec, const char *rel, const char *other);

#endif
