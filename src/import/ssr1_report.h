/* ssr1_report.h — ICANN's SSR1 implementation report ("as of 18 March 2014"):
 * one row per recommendation (number, topic, summary, implementation
 * activities each marked ✓/√ complete, ○/o in progress, ◇ in planning), as
 * text extracted from the PDF.
 *
 * ssr1_parse reads the text into a model without touching the database (and
 * is what the fuzzer drives); ssr1_apply writes the model in one transaction.
 * How a rec's status follows from its activities is in docs/import.md. */
#ifndef SSR_SSR1_REPORT_H
#define SSR_SSR1_REPORT_H

#include "import/doc_text.h"
#include "store/store.h"

#define SSR1_MAX_SUBS 8

typedef struct {
    int status;              /* status_t of the activity's mark */
    const char *text;        /* cleaned */
    int sub;                 /* index into the row's sub-items, or -1 */
} ssr1_activity;

typedef struct {
    int number;
    size_t line;             /* 1-based line of the row */
    const char *topic, *summary;
    const char *preface;     /* text before the first mark, if any */
    ssr1_activity *acts;
    int nacts;
    const char *sub[SSR1_MAX_SUBS];        /* "6A" */
    const char *sub_label[SSR1_MAX_SUBS];  /* "SSAC", or NULL */
    int nsubs;
    int recurring;           /* the text says the work recurs or never ends */
} ssr1_row;

typedef struct {
    char as_of[11];          /* the date the report states */
    int announced;           /* the number of recs the report says it covers, or 0 */
    int board_adopted;       /* the report says the Board adopted them */
    ssr1_row *rows;
    int nrows;
    char fingerprint[65];
} ssr1_doc;

/* Parse; errors name name:line. All memory in the arena. */
int ssr1_parse(const char *name, const char *text, size_t len, arena_t *a, ssr1_doc *d, err_t *e);

/* The status of a rec (or sub-item) from the marks of its activities (and of
 * its sub-items' activities), see docs/import.md. */
int ssr1_rec_status(const ssr1_row *r, int sub, int recurring);

typedef struct {
    const char *review;      /* default "SSR1" */
    const char *effective;   /* default: the report's date */
    const char *actor;
} ssr1_options;

typedef struct { int recs_created, recs_updated, subs, milestones; } ssr1_stats;

/* Write the model in one transaction of its own; a document already imported
 * (same fingerprint) is ERR_CONFLICT with nothing written. */
int ssr1_apply(store_t *s, const char *name, const ssr1_doc *d, const ssr1_options *o,
               ssr1_stats *st, err_t *e);
/* The same inside the caller's transaction (for the fuzzer, which rolls it
 * back); strings it writes are allocated in a, which must outlive the
 * caller's store_flush or store_commit. */
int ssr1_apply_tx(store_t *s, const char *name, const ssr1_doc *d, const ssr1_options *o,
                  arena_t *a, ssr1_stats *st, err_t *e);

#endif
