/* page_calendar.c — the iCalendar feeds of due dates (report/calendar.h):
 * /calendar.ics (all, or one owner's with ?owner=O) and
 * /reviews/R/calendar.ics. Public things only, whoever asks; links point to
 * the base URL stored with `config set base-url`. */
#include <string.h>

#include "report/calendar.h"
#include "store/contacts.h"
#include "util/text.h"
#include "web/handlers.h"

static int respond(web_req *w, const char *review, const char *owner)
{
    calendar_opts o = {review, owner, NULL};
    if (config_get(w->db, "base-url", w->a, &o.base_url, &w->err)) return web_error_from(w, &w->err);
    w->res->content_type = "text/calendar; charset=utf-8";
    if (calendar_ics(w->db, &w->view, &o, w->a, &w->res->body, &w->err)) {
        buf_reset(&w->res->body);
        return web_error_from(w, &w->err);
    }
    return 200;
}

int calendar_all(web_req *w, char **args)
{
    (void)args;
    const char *owner = http_param(w->req, "owner");
    if (owner && (!*owner || strlen(owner) > 200 || has_control(owner)))
        return web_error(w, 400, "invalid", "owner must be 1-200 characters on one line.");
    return respond(w, NULL, owner);
}

int calendar_review(web_req *w, char **args)
{
    ent_t rv;
    if (store_get(w->db, &kind_review, &w->view, args[0], w->a, &rv, &w->err)) return web_error_from(w, &w->err);
    return respond(w, rv.id, NULL);
}
