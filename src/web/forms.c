/* forms.c — the writes made from pages: editors record a rec's status or a
 * milestone, assessors answer and sign off; each with an effective date and
 * a reason, through the one writer. The route table has already checked the
 * session, the Origin and the CSRF token; the role is checked here. A saved
 * post answers 303 to its page with a flash cookie naming what was saved
 * (post/redirect/get: the page then confirms it, once); a post refused for
 * its input shows its page again, 422, with the message at the form
 * (web/page_form.h). */
#include <string.h>

#include "core/id.h"
#include "store/ops.h"
#include "util/fmt.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_form.h"

/* The effective date and reason every page form carries. */
static int common(web_req *w, const char **eff, const char **reason)
{
    *eff = http_form(w->req, "effective");
    *reason = http_form(w->req, "reason");
    if (*eff && !**eff) *eff = NULL;
    if (!*reason || !**reason) return err_set(&w->err, ERR_INPUT, "give a reason for the change");
    return 0;
}

/* The rec page of a refused rec form (form: its id in the page; fields:
 * its field names, the first being where to go when the message names
 * none). */
static int rec_refused(web_req *w, const char *rec, const char *form, const char *const *fields)
{
    buf_t path = BUF_INIT;
    bfmt(&path, "/recs/%t", rec);
    int rc = buf_ok(&path) ? form_refused(w, &w->err, form, fields, rec_page_show, buf_str(&path), rec)
                           : web_error(w, 500, "no_memory", "out of memory");
    buf_free(&path);
    return rc;
}

/* 303 to the rec's page, with a one-time confirmation of what was saved
 * (and which milestone), in its Edit section. */
static int rec_saved(web_req *w, const char *rec, const char *what, const char *ms)
{
    buf_t page = BUF_INIT;
    bfmt(&page, "/recs/%t", rec);
    form_saved_t sv = {what, ms};
    int rc = buf_ok(&page) ? form_saved_redirect(w, buf_str(&page), &sv)
                           : web_error(w, 500, "no_memory", "out of memory");
    buf_free(&page);
    return rc;
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

/* POST /recs/ID/status — change a rec's status from its page; 303 to
 * /recs/ID, confirming the status once. Form: status, effective, reason,
 * csrf. Role: editor or admin, by session (CSRF token and origin checked by
 * the route table). Refused input: the page again, 422, the message at the
 * form. */
int form_rec_status(web_req *w, char **args)
{
    static const char *const fields[] = {"status", "effective", "reason", NULL};
    if (!can_edit(w)) return web_error(w, 403, "forbidden", "Only editors change recommendations.");
    form_write f = {.id = args[0], .kind = &kind_rec};
    const char *status = http_form(w->req, "status");
    if (!status || !*status) err_set(&w->err, ERR_INPUT, "choose a status");
    else f.fv[f.n++] = (field_value){"status", status};
    if (!f.n || common(w, &f.eff, &f.reason) || web_write(w, write_edit, &f))
        return rec_refused(w, args[0], "status", fields);
    return rec_saved(w, args[0], "status", NULL);
}

static int write_milestone(web_req *w, store_t *s, void *ctx)
{
    form_write *f = ctx;
    return op_add_milestone(s, f->rec, f->fv, f->n, f->eff, w->user, f->reason, w->a, &f->new_id, &w->err);
}

/* POST /recs/ID/milestones — add a milestone from the rec's page; 303 to
 * /recs/ID, confirming the new milestone once. Form: title, due,
 * effective, reason, csrf. Role: editor or admin, by session. Refused
 * input: the page again. */
int form_add_milestone(web_req *w, char **args)
{
    static const char *const form_fields[] = {"title", "due", "effective", "reason", NULL};
    if (!can_edit(w)) return web_error(w, 403, "forbidden", "Only editors add milestones.");
    form_write f = {.rec = args[0]};
    static const char *const fields[] = {"title", "status", "due", NULL};
    for (int i = 0; fields[i]; i++) {
        const char *v = http_form(w->req, fields[i]);
        if (v && *v) f.fv[f.n++] = (field_value){fields[i], v};
    }
    if (common(w, &f.eff, &f.reason) || web_write(w, write_milestone, &f))
        return rec_refused(w, args[0], "new-ms", form_fields);
    return rec_saved(w, args[0], "new-milestone", f.new_id);
}

/* POST /milestones/ID — change a milestone from its rec's page; 303 to
 * /recs/REC, confirming the milestone once. Form: status, due, done,
 * title, effective, reason, csrf. Role: editor or admin, by session. Refused
 * input: the rec's page again, the message at the milestone's form. */
int form_milestone(web_req *w, char **args)
{
    static const char *const form_fields[] = {"status", "effective", "reason", NULL};
    if (!can_edit(w)) return web_error(w, 403, "forbidden", "Only editors change milestones.");
    form_write f = {.id = args[0], .kind = &kind_milestone};
    static const char *const fields[] = {"status", "due", "done", "title", NULL};
    for (int i = 0; fields[i]; i++) {
        const char *v = http_form(w->req, fields[i]);
        if (v && *v) f.fv[f.n++] = (field_value){fields[i], v};
    }
    /* The milestone's rec: its id is REC~N (or REC.N). */
    char *rec = arena_strndup(w->a, args[0], id_milestone_rec_len(args[0]));
    char *form = arena_printf(w->a, "ms-%s", args[0]);
    if (!rec || !form) return web_error(w, 500, "no_memory", "out of memory");
    if (!f.n) err_set(&w->err, ERR_INPUT, "nothing to change");
    if (!f.n || common(w, &f.eff, &f.reason) || web_write(w, write_edit, &f))
        return *rec ? rec_refused(w, rec, form, form_fields) : web_error_from(w, &w->err);
    return rec_saved(w, rec, "milestone", args[0]);
}

static int write_item(web_req *w, store_t *s, void *ctx)
{
    form_write *f = ctx;
    return op_answer_item(s, f->assessment, f->rec, f->fv, f->n, f->eff, w->user, f->reason, w->a, &w->err);
}

/* The assessment page as shown again after a refused post. */
static int show_assessment(web_req *w, const char *id, const form_error *fe)
{
    return assessment_page_show(w, id, NULL, fe);
}

/* After an assessment form: 303 to the page, with a one-time confirmation
 * of what was saved at the item, or the page again (422) with the message
 * at the form when refused. */
static int item_done(web_req *w, int rc, const form_write *f, const char *what, const char *form,
                     const char *const *fields)
{
    buf_t page = BUF_INIT;
    bfmt(&page, "/assessments/%t", f->assessment);
    if (!buf_ok(&page)) { buf_free(&page); return web_error(w, 500, "no_memory", "out of memory"); }
    form_saved_t sv = {what, f->rec};
    rc = rc ? form_refused(w, &w->err, form, fields, show_assessment, buf_str(&page), f->assessment)
            : form_saved_redirect(w, buf_str(&page), &sv);
    buf_free(&page);
    return rc;
}

/* POST /assessments/ID/items[/REC] — answer an assessment item from the
 * page; 303 to /assessments/ID, confirming the answers once at the item.
 * Form: rec (without REC in the path), the answers, state, effective,
 * reason, csrf. Role: assessor or admin, by session.
 * Refused input: the page again, 422, the message at the form. */
int form_item(web_req *w, char **args)
{
    static const char *const item_fields[] = {"what_done", "implemented", "effect", "relevant", "state", "how_assessed",
                                              "further_work", "effective", "reason", NULL};
    static const char *const new_fields[] = {"rec", "implemented", "effective", "reason", NULL};
    if (!can_assess(w)) return web_error(w, 403, "forbidden", "Only assessors answer assessments.");
    form_write f = {.assessment = args[0], .rec = args[1] ? args[1] : http_form(w->req, "rec")};
    const char *form = args[1] ? arena_printf(w->a, "item-%s", args[1]) : "new-item";
    if (!form) return web_error(w, 500, "no_memory", "out of memory");
    static const char *const fields[] = {"what_done", "implemented", "effect", "how_assessed", "relevant",
                                         "further_work", "state", NULL};
    for (int i = 0; fields[i]; i++) {
        const char *v = http_form(w->req, fields[i]);
        if (v) f.fv[f.n++] = (field_value){fields[i], v};
    }
    int rc = 0;
    if (!f.rec || !*f.rec) rc = err_set(&w->err, ERR_INPUT, "choose a recommendation (rec)");
    else if (!f.n) rc = err_set(&w->err, ERR_INPUT, "nothing to change");
    if (rc == 0) rc = common(w, &f.eff, &f.reason);
    if (rc == 0) rc = web_write(w, write_item, &f);
    return item_done(w, rc, &f, args[1] ? "answers" : "new-item", form, args[1] ? item_fields : new_fields);
}

static int write_signoff(web_req *w, store_t *s, void *ctx)
{
    form_write *f = ctx;
    return op_signoff(s, f->assessment, f->rec, w->user, f->dissent, 0, NULL, w->user, "signed off", w->a, &w->err);
}

/* POST /assessments/ID/items/REC/signoff — sign an item off as oneself,
 * with any dissent; 303 to /assessments/ID, confirming it once at the item.
 * Form: dissent, csrf. Role: assessor or admin, by session. */
int form_signoff(web_req *w, char **args)
{
    static const char *const fields[] = {"dissent", NULL};
    if (!can_assess(w)) return web_error(w, 403, "forbidden", "Only assessors sign off.");
    form_write f = {.assessment = args[0], .rec = args[1], .dissent = http_form(w->req, "dissent")};
    const char *form = arena_printf(w->a, "signoff-%s", args[1]);
    if (!form) return web_error(w, 500, "no_memory", "out of memory");
    return item_done(w, web_write(w, write_signoff, &f), &f, "signoff", form, fields);
}
