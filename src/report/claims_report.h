/* claims_report.h — the claims report's HTML pieces, shared by the report
 * file (report claims --format html) and the web's pages: the table of
 * claims beside verdicts, and one rec's checklist. Text is escaped here. */
#ifndef SSR_CLAIMS_REPORT_H
#define SSR_CLAIMS_REPORT_H

#include "report/claims_model.h"
#include "util/buf.h"

/* The counts and the table of rows. With rec_href (e.g. "/recs/"), each rec
 * id links to rec_href followed by the id, URL-escaped. */
void claims_html_table(buf_t *b, const claims_model *m, const char *rec_href);
/* "What is missing to call this done": the checklist of one row, as a list. */
void claims_html_checklist(buf_t *b, const claim_row *r);

#endif
