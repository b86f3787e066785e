/* rec_claims.h — the claim-and-verdict section of a rec's page (rec_claims.c). */
#ifndef SSR_WEB_REC_CLAIMS_H
#define SSR_WEB_REC_CLAIMS_H

#include "store/measure.h"
#include "web/visible.h"
#include "web/web.h"

/* Append the section for rec (as seen in w's view, visible to the reader;
 * ms its milestones, nms of them, as read for the page, those vis hides left
 * out here) to the page; ev[0..nev) the evidence on the rec or its
 * milestones and checks[0..nchecks) the newest check of each of its URLs, as
 * the page read them (claims_load_rec). -1 with w->err set on failure. */
int rec_claims_section(web_req *w, const ent_t *rec, const ent_t *ms, size_t nms, const visibility *vis,
                       const ent_t *ev, size_t nev, const link_check *checks, size_t nchecks);

#endif
