/* page_claims.c — /reviews/ID/claims: each rec's claim beside its verdict
 * (report/claims_model.h), with links to the recs; and its API twin
 * /api/v1/reviews/ID/claims (the claims report's JSON). */
#include <string.h>

#include "report/claims_memo.h"
#include "report/claims_report.h"
#include "util/fmt.h"
#include "web/downloads.h"
#include "web/handlers.h"
#include "web/page.h"

/* The model for the review in args[0], as the user may see it; with
 * ?assessment=A the verdicts of that assessment only. */
static int load(web_req *w, const char *review, claims_model *m)
{
    return claims_load_kept(w->ctx->claims, w->db, &w->view, review, http_param(w->req, "assessment"),
                            can_see_restricted(w), w->a, m, &w->err);
}

int claims_page(web_req *w, char **args)
{
    claims_model m;
    if (load(w, args[0], &m)) return web_error_from(w, &w->err);
    buf_t *b = &w->res->body;
    char title[120];
    snprintf(title, sizeof title, "%s: claims beside verdicts", m.review);
    page_begin(w, title);
    buf_t href = BUF_INIT;
    bfmt(&href, "/reviews/%t", m.review);
    bfmt(b, "<h1>%h: claims beside verdicts</h1>\n<p>Back to ", m.review);
    page_link(w, buf_str(&href), m.review);
    buf_free(&href);
    bfmt(b, ". As of <time>%h</time>, <strong class=\"divergent-count\">%zu</strong> of %zu rows are "
            "<em>divergent</em>: claimed complete or ongoing, assessed partially or not implemented. One row per "
            "recommendation and one per sub-item, which takes its recommendation's verdict unless assessed on its "
            "own; the home page counts the recommendations the assessment names.</p>\n",
         m.as_of, m.divergent, m.n);
    claims_html_table(b, &m, "/recs/");
    table_links(w, "/tables/reviews/*/claims", m.review, "/api/v1/reviews/*/claims");
    buf_puts(b, "<p class=\"note\">The flags and the checklist on each recommendation's page follow one set of "
                "rules (see the claims report in the documentation).</p>\n");
    page_end(w);
    return 200;
}

int api_review_claims(web_req *w, char **args)
{
    claims_model m;
    if (load(w, args[0], &m)) return web_error_from(w, &w->err);
    return web_json(w, 200, claims_json(&m));
}
