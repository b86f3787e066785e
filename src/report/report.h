/* report.h — the reports review teams publish, generated from data:
 *
 *   implementation  the SSR1-style table: rec, topic, summary, activities
 *                   with their marks, status; the key and the as-of date
 *   assessment      overview counts, then each rec's six answers with
 *                   evidence, sign-offs and dissent
 *   quarterly       counts by status at each quarter's end, from history
 *   smart           the SMART findings of every rec
 *   claims          each rec's claim beside its verdict: evidence, verification,
 *                   divergence and flags (claims_model.h)
 *
 * Each renders as Markdown, one self-contained HTML file, CSV or JSON into a
 * buffer (the CLI prints it, the web serves it). Restricted recs, milestones
 * and evidence are left out unless include_restricted is set. */
#ifndef SSR_REPORT_H
#define SSR_REPORT_H

#include "report/chart.h"
#include "store/store.h"
#include "util/buf.h"

/* RF_XLSX: the CSV form as a spreadsheet (report/xlsx.h). */
typedef enum { RF_MD, RF_HTML, RF_CSV, RF_JSON, RF_XLSX } report_format;

typedef struct {
    const char *review;        /* default: the first review that has recs */
    const char *assessment;    /* default: the first assessment of the review */
    const char *as_of;         /* default: today */
    const char *from, *to;     /* quarterly */
    report_format format;
    int include_restricted;
    const char *downloads;     /* HTML: the web's "Download this table" links, already
                                  escaped, put after each table; NULL for none */
    struct claims_memo *claims;   /* the claims models kept (claims_memo.h), or NULL */
} report_opts;

/* The report kinds, NULL-terminated. */
extern const char *const report_kinds[];

/* Parse "md|html|csv|json|xlsx"; -1 when unknown. */
int report_format_parse(const char *s, report_format *f);
/* The media type of a format, for the web. */
const char *report_media_type(report_format f);

/* Render report kind into out. ERR_INPUT for an unknown kind or bad options,
 * ERR_NOTFOUND for a review or assessment that does not exist. */
int report_render(store_t *s, const char *kind, const report_opts *o, arena_t *a, buf_t *out,
                  err_t *e);

/* The review's top-level recs counted by status at each quarter's end from
 * `from` to `to` (at most 400 quarters); arena-owned. */
int report_quarter_counts(store_t *s, const char *review, const char *from, const char *to,
                          int include_restricted, arena_t *a, quarter_counts **out, size_t *n, err_t *e);

#endif
