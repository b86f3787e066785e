/* forms.c — the writes made from pages: editors record a rec's status or a
 * milestone, assessors answer and sign off; each with an effective date and
 * a reason, through the one writer. The route table has already checked the
 * session, the Origin and the CSRF token; the role is checked here. */
#include <string.h>

#include "core/id.h"
#include "store/ops.h"
#include "util/fmt.h"
#include "web/handlers.h"
#include "web/page.h"

/* The effective date and reason every page form carries. */
static int common(web_req *w, const char **eff, const char **reason)
{
    *eff = http_form(w->req, "effective");
    *reason = http_form(w->req, "reason");
    if (*eff && !**eff) *eff = NULL;
    if (!*reason || !**reason) return err_set(&w->err, ERR_INPUT, "give a reason for the change");
    return 0;
}

static int done(web_req *w, int rc, const char *back)
{
    if (rc) return web_error_from(w, &w->err);
    return web_redirect(w, back);
}

typedef struct {
    const char *id, *eff, *reason;
    field_value fv[8];
    int n;
    const kind_def *kind;
    const char *rec, *assessment, *dissent;
    char *new_id;
} form_write;

static int write_edit(web_req *w, store_t *s, void *ctx)
{
    form_write *f = ctx;
    edit_t ed = {EDIT_UPDATE, f->kind, f->id, f->fv, f->n, f->eff, w->user, f->reason};
    return store_edit(s, &ed, &w->err);
}

/* POST /recs/ID/status — change a rec's status from its page. Form:
 * status, effective, reason, csrf. Role: editor or admin, by session (CSRF
 * token and origin checked by the route table). */
int form_rec_status(web_req *w, char **args)
{
    if (!can_edit(w)) return web_error(w, 403, "forbidden", "Only editors change recommendations.");
    form_write f = {.id = args[0], .kind = &kind_rec};
    const char *status = http_form(w->req, "status");
    if (!status) return web_error(w, 422, "invalid", "Choose a status.");
    f.fv[f.n++] = (field_value){"status", status};
    if (common(w, &f.eff, &f.reason)) return web_error_from(w, &w->err);
    buf_t loc = BUF_INIT;
    bfmt(&loc, "/recs/%t", args[0]);
    int rc = done(w, web_write(w, write_edit, &f), buf_str(&loc));
    buf_free(&loc);
    return rc;
}

static int write_milestone(web_req *w, store_t *s, void *ctx)
{
    form_write *f = ctx;
    return op_add_milestone(s, f->rec, f->fv, f->n, f->eff, w->user, f->reason, w->a, &f->new_id, &w->err);
}

/* POST /recs/ID/milestones — add a milestone from the rec's page. Form:
 * title, due, effective, reason, csrf. Role: editor or admin, by session. */
int form_add_milestone(web_req *w, char **args)
{
    if (!can_edit(w)) return web_error(w, 403, "forbidden", "Only editors add milestones.");
    form_write f = {.rec = args[0]};
    static const char *const fields[] = {"title", "status", "due", NULL};
    for (int i = 0; fields[i]; i++) {
        const char *v = http_form(w->req, fields[i]);
        if (v && *v) f.fv[f.n++] = (field_value){fields[i], v};
    }
    if (common(w, &f.eff, &f.reason)) return web_error_from(w, &w->err);
    buf_t loc = BUF_INIT;
    bfmt(&loc, "/recs/%t", args[0]);
    int rc = done(w, web_write(w, write_milestone, &f), buf_str(&loc));
    buf_free(&loc);
    return rc;
}

/* POST /milestones/ID — change a milestone from its rec's page. Form:
 * status, due, title, effective, reason, csrf. Role: editor or admin, by
 * session. */
int form_milestone(web_req *w, char **args)
{
    if (!can_edit(w)) return web_error(w, 403, "forbidden", "Only editors change milestones.");
    form_write f = {.id = args[0], .kind = &kind_milestone};
    static const char *const fields[] = {"status", "due", "done", "title", NULL};
    for (int i = 0; fields[i]; i++) {
        const char *v = http_form(w->req, fields[i]);
        if (v && *v) f.fv[f.n++] = (field_value){fields[i], v};
    }
    if (!f.n) return web_error(w, 422, "invalid", "Nothing to change.");
    if (common(w, &f.eff, &f.reason)) return web_error_from(w, &w->err);
    /* Back to the milestone's rec: its id is REC~N (or REC.N). */
    char *rec = arena_strndup(w->a, args[0], id_milestone_rec_len(args[0]));
    buf_t loc = BUF_INIT;
    bfmt(&loc, "/recs/%t", rec ? rec : "");
    int rc = done(w, web_write(w, write_edit, &f), buf_str(&loc));
    buf_free(&loc);
    return rc;
}

static int write_item(web_req *w, store_t *s, void *ctx)
{
    form_write *f = ctx;
    return op_answer_item(s, f->assessment, f->rec, f->fv, f->n, f->eff, w->user, f->reason, w->a, &w->err);
}

/* POST /assessments/ID/items[/REC] — answer an assessment item from the
 * page. Form: rec (without REC in the path), the answers, state, effective,
 * reason, csrf. Role: assessor or admin, by session. */
int form_item(web_req *w, char **args)
{
    if (!can_assess(w)) return web_error(w, 403, "forbidden", "Only assessors answer assessments.");
    form_write f = {.assessment = args[0], .rec = args[1] ? args[1] : http_form(w->req, "rec")};
    if (!f.rec || !*f.rec) return web_error(w, 422, "invalid", "Choose a recommendation.");
    static const char *const fields[] = {"what_done", "implemented", "effect", "how_assessed", "relevant",
                                         "further_work", "state", NULL};
    for (int i = 0; fields[i]; i++) {
        const char *v = http_form(w->req, fields[i]);
        if (v) f.fv[f.n++] = (field_value){fields[i], v};
    }
    if (!f.n) return web_error(w, 422, "invalid", "Nothing to change.");
    if (common(w, &f.eff, &f.reason)) return web_error_from(w, &w->err);
    buf_t loc = BUF_INIT;
    bfmt(&loc, "/assessments/%t#%t", f.assessment, f.rec);
    int rc = done(w, web_write(w, write_item, &f), buf_str(&loc));
    buf_free(&loc);
    return rc;
}

static int write_signoff(web_req *w, store_t *s, void *ctx)
{
    form_write *f = ctx;
    return op_signoff(s, f->assessment, f->rec, w->user, f->dissent, 0, NULL, w->user, "signed off", w->a, &w->err);
}

/* POST /assessments/ID/items/REC/signoff — sign an item off as oneself,
 * with any dissent. Form: dissent, csrf. Role: assessor or admin, by session. */
int form_signoff(web_req *w, char **args)
{
    if (!can_assess(w)) return web_error(w, 403, "forbidden", "Only assessors sign off.");
    form_write f = {.assessment = args[0], .rec = args[1], .dissent = http_form(w->req, "dissent")};
    buf_t loc = BUF_INIT;
    bfmt(&loc, "/assessments/%t#%t", f.assessment, f.rec);
    int rc = done(w, web_write(w, write_signoff, &f), buf_str(&loc));
    buf_free(&loc);
    return rc;
}
