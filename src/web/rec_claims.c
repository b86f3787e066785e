/* rec_claims.c — the "Claim and verdict" section of a rec's page: the claim
 * in force and who made it, the latest verdict, the verification, the flags,
 * and the checklist "what is missing to call this done"
 * (report/claims_model.h); with the Verify form for editors and assessors
 * on a completion claim made by someone else, and the form's handler. */
#include <string.h>

#include "report/claims_report.h"
#include "store/claims.h"
#include "util/fmt.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/rec_claims.h"

/* Verify form: only a completion claim, by someone else, not yet verified. */
static void verify_form(web_req *w, const claim_row *r)
{
    const change_t *claim = r->cs.claim;
    if (!(can_edit(w) || can_assess(w)) || w->via_token || !claim || r->cs.verification ||
        !claim_is_completion(r->claimed) || !w->user || strcmp(claim->actor, w->user) == 0)
        return;
    buf_t *b = &w->res->body;
    bfmt(b, "<form method=\"post\" action=\"/recs/%t/verify\" class=\"verify\">", r->rec.id);
    page_csrf(w);
    buf_puts(b, "<label>Reason <input type=\"text\" name=\"reason\" size=\"30\"></label> ");
    if (!r->links)
        buf_puts(b, "<label>No evidence, because <input type=\"text\" name=\"no_evidence_reason\" required size=\"30\"></label> ");
    buf_puts(b, "<button type=\"submit\">Verify this claim</button></form>\n");
}

int rec_claims_section(web_req *w, const ent_t *rec, const ent_t *ms, size_t nms, const visibility *vis,
                       const ent_t *ev, size_t nev, const link_check *checks, size_t nchecks)
{
    claims_model m;
    /* The milestones this reader may see, as the claims report counts them. */
    ent_t *seen = arena_alloc(w->a, sizeof *seen * (nms + 1));
    size_t nseen = 0;
    if (!seen) return err_nomem(&w->err);
    for (size_t i = 0; i < nms; i++)
        if (!vis_is_hidden(vis, "milestone", ms[i].id)) seen[nseen++] = ms[i];
    if (claims_load_rec(w->db, &w->view, rec, seen, nseen, ev, nev, can_see_restricted(w), checks, nchecks,
                        w->a, &m, &w->err)) {
        /* Its review not yet in view on this date: no claims to show. */
        if (w->err.code != ERR_NOTFOUND) return -1;
        w->err = (err_t){ERR_NONE, ""};
        return 0;
    }
    const claim_row *r = &m.rows[0];
    buf_t *b = &w->res->body;
    buf_puts(b, "<section class=\"claim\" id=\"claims\" aria-labelledby=\"claims-h\"><h2 id=\"claims-h\">Claim and "
                "verdict</h2>\n<dl class=\"facts\"><dt>Claimed</dt><dd>");
    page_status(w, r->claimed);
    if (r->cs.claim)
        bfmt(b, " <small>by %h, effective <time>%h</time></small>", r->cs.claim->actor, r->cs.claim->effective_at);
    bfmt(b, "</dd><dt>Assessed</dt><dd>%h", r->assessed ? r->assessed : "not assessed");
    if (r->assessment) {
        buf_t href = BUF_INIT;
        bfmt(&href, "/assessments/%t", r->assessment);
        buf_puts(b, " (");
        page_link(w, buf_str(&href), r->assessment);
        buf_puts(b, ")");
        buf_free(&href);
    }
    buf_puts(b, "</dd><dt>Verified</dt><dd class=\"verified\">");
    const change_t *v = r->cs.verification;
    if (v) {
        char day[DATE_SIZE];
        snprintf(day, sizeof day, "%.10s", v->recorded_at);
        bfmt(b, "by %h, effective <time>%h</time>, recorded <time datetime=\"%h\">%h</time>", v->actor,
             v->effective_at, page_datetime(w, v->recorded_at), day);
    } else
        buf_puts(b, "no");
    bfmt(b, "</dd><dt>Divergent</dt><dd>%s</dd><dt>Flags</dt><dd>", r->ev.divergent ? "yes" : "no");
    int any = 0;
    for (int f = 0; f < CF_COUNT; f++)
        if ((r->ev.flags >> f) & 1u) bfmt(b, "%s<code>%h</code>", any++ ? ", " : "", claim_flag_name((claim_flag)f));
    if (!any) buf_puts(b, "none");
    bfmt(b, "</dd></dl>\n<h3>What is missing to call this done (%d of %d missing)</h3>\n", r->ev.missing, r->ev.nchecks);
    claims_html_checklist(b, r);
    verify_form(w, r);
    buf_puts(b, "</section>\n");
    return 0;
}

static int write_verify(web_req *w, store_t *s, void *ctx)
{
    return op_verify_rec(s, ctx, w->a, &w->err);
}

int form_verify(web_req *w, char **args)
{
    if (!can_edit(w) && !can_assess(w)) return web_error(w, 403, "forbidden", "Only editors and assessors verify claims.");
    const char *eff = http_form(w->req, "effective");
    verify_args va = {args[0], w->user, http_form(w->req, "reason"), eff && *eff ? eff : NULL,
                      http_form(w->req, "no_evidence_reason")};
    if (web_write(w, write_verify, &va)) return web_error_from(w, &w->err);
    buf_t loc = BUF_INIT;
    bfmt(&loc, "/recs/%t#claims", args[0]);
    int rc = web_redirect(w, buf_str(&loc));
    buf_free(&loc);
    return rc;
}
