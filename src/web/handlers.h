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
H(reports_page); H(report_file); H(ledger_page); H(static_file);
H(ledger_checkpoint); H(ledger_inclusion); H(ledger_consistency); H(ledger_entries); H(kpis_page);
H(claims_page);
/* page forms */
H(form_rec_status); H(form_add_milestone); H(form_milestone); H(form_item); H(form_signoff); H(form_verify);
/* API */
H(api_index); H(api_openapi); H(api_reviews); H(api_review); H(api_recs); H(api_rec);
H(api_rec_history); H(api_assessments); H(api_assessment); H(api_changes); H(api_report);
H(api_kpis); H(api_kpi); H(api_review_claims);
H(api_create_rec); H(api_update_rec); H(api_add_milestone); H(api_update_milestone);
H(api_put_item); H(api_add_signoff);
#undef H

/* The evidence report in format fmt (f its parsed form), leaving out what
 * the user may not see; the status it set. */
int evidence_report_respond(web_req *w, const char *fmt, report_format f);

#endif
