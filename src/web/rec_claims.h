/* rec_claims.h — the claim-and-verdict section of a rec's page (rec_claims.c). */
#ifndef SSR_WEB_REC_CLAIMS_H
#define SSR_WEB_REC_CLAIMS_H

#include "web/web.h"

/* Append the section for rec (as seen in w's view) to the page; -1 with
 * w->err set on failure. */
int rec_claims_section(web_req *w, const ent_t *rec);

#endif
