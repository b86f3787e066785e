/* recs_filter.c — see recs_filter.h. */
#include "web/recs_filter.h"

#include <string.h>

#include "core/status.h"
#include "util/fmt.h"
#include "util/text.h"
#include "web/page.h"

static const char *param(web_req *w, const char *name)
{
    const char *v = http_param(w->req, name);
    return v && *v ? v : NULL;
}

int recs_filter_parse(web_req *w, recs_filter *f)
{
    memset(f, 0, sizeof *f);
    f->review = param(w, "review");
    f->topic = param(w, "topic");
    f->owner = param(w, "owner");
    f->q = param(w, "q");
    const char *st = param(w, "status");
    if (st) {
        int s = status_parse(st);
        if (s < 0) return err_set(&w->err, ERR_INPUT, "status: unknown status '%.40s'", st);
        f->status = status_name((status_t)s);
    }
    const char *od = param(w, "overdue");
    f->overdue = od && (strcmp(od, "1") == 0 || strcmp(od, "true") == 0 || strcmp(od, "on") == 0);
    if ((f->q && strlen(f->q) > 200) || (f->topic && strlen(f->topic) > 200) || (f->owner && strlen(f->owner) > 200))
        return err_set(&w->err, ERR_INPUT, "a filter is longer than 200 bytes");
    return 0;
}

/* Overdue: past its due date, or with a milestone past due, and not done. */
static int overdue(const ent_t *r, const ent_t *ms, size_t nms, const char *as_of)
{
    int st = status_parse(r->v[REC_STATUS]);
    if (st == ST_COMPLETE || st == ST_ONGOING) return 0;
    if (r->v[REC_DUE] && strcmp(r->v[REC_DUE], as_of) < 0) return 1;
    for (size_t i = 0; i < nms; i++) {
        if (strcmp(ms[i].v[MS_REC], r->id) != 0 || !ms[i].v[MS_DUE]) continue;
        int ms_st = status_parse(ms[i].v[MS_STATUS]);
        if (ms_st != ST_COMPLETE && ms_st != ST_ONGOING && strcmp(ms[i].v[MS_DUE], as_of) < 0) return 1;
    }
    return 0;
}

int recs_filter_apply(web_req *w, const visibility *vis, const recs_filter *f, ent_t **out, size_t *n)
{
    ent_t *recs, *ms = NULL;
    size_t nr, nms = 0;
    if (store_list(w->db, &kind_rec, &w->view, f->review ? REC_REVIEW : -1, f->review, w->a, &recs, &nr, &w->err))
        return -1;
    if (f->overdue && store_list(w->db, &kind_milestone, &w->view, -1, NULL, w->a, &ms, &nms, &w->err)) return -1;
    size_t kept = 0;
    for (size_t i = 0; i < nr; i++) {
        const ent_t *r = &recs[i];
        if (vis_rec_hidden(vis, r->id)) continue;
        if (f->status && strcmp(r->v[REC_STATUS], f->status) != 0) continue;
        if (f->topic && !(r->v[REC_TOPIC] && ascii_casestr(r->v[REC_TOPIC], f->topic))) continue;
        if (f->owner && !(r->v[REC_OWNER] && ascii_casestr(r->v[REC_OWNER], f->owner))) continue;
        if (f->q && !ascii_casestr(r->v[REC_TITLE], f->q) && !(r->v[REC_TEXT] && ascii_casestr(r->v[REC_TEXT], f->q)) &&
            !ascii_casestr(r->id, f->q))
            continue;
        if (f->overdue && !overdue(r, ms, nms, w->view.as_of)) continue;
        recs[kept++] = *r;
    }
    *out = recs;
    *n = kept;
    return 0;
}

void recs_filter_describe(web_req *w, const recs_filter *f, size_t n)
{
    buf_t *b = &w->res->body;
    bfmt(b, "<p>%zu recommendation%s", n, n == 1 ? "" : "s");
    if (f->review) bfmt(b, " of review %h", f->review);
    if (f->status) {
        int st = status_parse(f->status);
        bfmt(b, ", status %h", st < 0 ? f->status : status_label((status_t)st));
    }
    if (f->overdue) buf_puts(b, ", overdue");
    if (f->review || f->status || f->overdue) {
        buf_puts(b, ". ");
        page_link(w, "/recs", "All recommendations");
    }
    buf_puts(b, ".</p>\n");
}
