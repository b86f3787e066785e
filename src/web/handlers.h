/* handlers.h — the functions behind the rows of the route table (web.c).
 * Each takes the request and the path's '*' segments, decoded; returns the
 * response status. */
#ifndef SSR_HANDLERS_H
#define SSR_HANDLERS_H

#include "report/report.h"
#include "web/web.h"

#define H(name) int name(web_req *w, char **args)
/* pages */
H(home_page); H(recs_page); H(rec_page); H(reviews_page); H(review_page);
H(assessments_page); H(assessment_page); H(changes_page); H(changes_atom);
H(reports_page); H(report_file); H(ledger_page); H(static_file); H(robots_txt);
H(review_sub_page); H(ledger_checkpoint); H(ledger_inclusion); H(ledger_consistency); H(ledger_entries); H(kpis_page);
H(calendar_all); H(calendar_review);
H(ledger_tile); H(ledger_content); H(claims_page); H(assessment_filter_page);
H(table_file);   /* a page's table as CSV or XLSX, /tables/... (web/downloads.c) */
/* page forms */
H(form_rec_status); H(form_add_milestone); H(form_milestone); H(form_item); H(form_signoff); H(form_verify);
H(form_comment); H(form_watch);
/* API */
H(api_index); H(api_openapi); H(api_reviews); H(api_review); H(api_recs); H(api_rec);
H(api_rec_history); H(api_assessments); H(api_assessment); H(api_changes); H(api_report);
H(api_kpis); H(api_kpi); H(api_review_board); H(api_review_claims); H(api_review_glance);
H(api_create_rec); H(api_update_rec); H(api_add_milestone); H(api_update_milestone);
H(api_put_item); H(api_add_signoff);
#undef H

/* A page form's post refused for its input, shown again on the page it came
 * from: the form's id there, the id of the field to fix, the message. */
typedef struct {
    const char *form, *field, *message;
} form_error;
/* The rec page (page_recs.c) and the assessment page (page_assess.c), with
 * fe's message beside its form when fe is not NULL (status 422). verdict,
 * when not NULL, keeps only the items with that `implemented` code. */
int rec_page_show(web_req *w, const char *rec, const form_error *fe);
int assessment_page_show(web_req *w, const char *id, const char *verdict, const form_error *fe);

/* The evidence report in format fmt (f its parsed form), leaving out what
 * the user may not see; the status it set. */
int evidence_report_respond(web_req *w, const char *fmt, report_format f);
/* The same with downloads (HTML, escaped) after its HTML table, or NULL. */
int evidence_report_links(web_req *w, const char *fmt, report_format f, const char *downloads);

/* "Download: csv · json …" links beside a table: base (escaped, may hold a
 * query) with format=F, or base.F on the static site. formats: NULL-ended. */
void page_downloads(web_req *w, const char *base, const char *const *formats);

/* /recs?format=csv|xlsx: the listed recs as a file (web/recs_download.c);
 * and the links to it, with the page's filters, beside the table. */
int recs_download(web_req *w, const char *fmt, const ent_t *recs, size_t n);
/* The rec page's "Board decisions" section (web/rec_board.c): each date on
 * which the rec's disposition changed, up to the page's date; nothing when
 * the Board never acted. -1 with w->err set on failure. */
int rec_board_section(web_req *w, const char *rec);

#endif
