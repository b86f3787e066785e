/* api_write.c — the write side of the JSON API: create and change recs and
 * milestones, answer assessment items and sign them off. Writes need a
 * bearer token (`ssrtrack token create`); cookie sessions are for pages,
 * which carry CSRF tokens. Bodies are JSON objects:
 *   {"set": {"status": "complete", ...}, "effective": "2024-05-01", "reason": "..."}
 * Field values are strings (booleans allowed for true/false fields; null
 * clears). Every write is one transaction through the one writer. */
#include <jansson.h>
#include <string.h>

#include "report/json_view.h"
#include "store/ops.h"
#include "util/alloc.h"
#include "web/handlers.h"

#define MAX_FIELDS 24

typedef struct {
    json_t *body;
    field_value fv[MAX_FIELDS];
    int n;
    const char *effective, *reason;
    const char *id, *rec, *assessment, *dissent;
    int withdraw;
    char *new_id;
    json_t *out;             /* the response, built inside the write (under the writer's lock) */
} api_write;

/* Token, role and a JSON object body; 0 when the write may go on, with
 * aw->body held (finish() releases it), else the error response's status. */
static int admit(web_req *w, int allowed, const char *who, api_write *aw)
{
    if (!w->user || !w->via_token)
        return web_error(w, 401, "unauthorized", "send an API token: Authorization: Bearer TOKEN");
    if (!allowed) {
        char msg[120];
        snprintf(msg, sizeof msg, "only %s may do this; this token's user has the role %s", who, role_name(w->role));
        return web_error(w, 403, "forbidden", msg);
    }
    const char *ct = http_header(w->req, "content-type");
    if (!ct || strncmp(ct, "application/json", 16) != 0)
        return web_error(w, 415, "unsupported_media_type", "send application/json");
    json_error_t je;
    long failures = mem_failures();
    aw->body = json_loadb(w->req->body ? w->req->body : "", w->req->body_len, JSON_REJECT_DUPLICATES, &je);
    if (!aw->body && mem_failures() != failures) return web_error(w, 500, "no_memory", "out of memory");
    if (!aw->body) {
        char msg[200];
        snprintf(msg, sizeof msg, "invalid JSON at line %d: %s", je.line, je.text);
        return web_error(w, 400, "invalid_json", msg);
    }
    if (!json_is_object(aw->body)) {
        json_decref(aw->body);
        aw->body = NULL;
        return web_error(w, 400, "invalid_json", "the body must be a JSON object");
    }
    return 0;
}

/* A member's value as field text; NULL when it is not a string, bool or null. */
static const char *as_text(json_t *v)
{
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_true(v)) return "true";
    if (json_is_false(v)) return "false";
    if (json_is_null(v)) return "";
    return NULL;
}

/* Collect fields from an object (the body itself, or its "set"), skipping
 * the keys in skip. */
static int collect(web_req *w, api_write *aw, json_t *obj, const char *const *skip)
{
    if (!json_is_object(obj)) return web_error(w, 400, "invalid", "\"set\" must be an object of fields");
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        int skipped = 0;
        for (int i = 0; skip && skip[i]; i++) skipped |= strcmp(key, skip[i]) == 0;
        if (skipped) continue;
        const char *t = as_text(v);
        if (!t) {
            char msg[120];
            snprintf(msg, sizeof msg, "field '%.40s': give a string", key);
            return web_error(w, 422, "invalid", msg);
        }
        if (aw->n == MAX_FIELDS) return web_error(w, 422, "invalid", "too many fields");
        aw->fv[aw->n++] = (field_value){key, t};
    }
    return 0;
}

/* "effective" and "reason" of the body; both optional. */
static int meta(web_req *w, api_write *aw)
{
    json_t *eff = json_object_get(aw->body, "effective"), *why = json_object_get(aw->body, "reason");
    if ((eff && !json_is_string(eff)) || (why && !json_is_string(why)))
        return web_error(w, 422, "invalid", "effective and reason must be strings");
    aw->effective = eff ? json_string_value(eff) : NULL;
    aw->reason = why ? json_string_value(why) : "";
    return 0;
}

/* Release the body; the response: `status` with aw->out, or the write's error. */
static int finish(web_req *w, api_write *aw, int rc, int status)
{
    json_decref(aw->body);
    if (rc) { json_decref(aw->out); return web_error_from(w, &w->err); }
    return web_json(w, status, aw->out);
}

typedef int (*write_fn)(web_req *w, store_t *s, void *ctx);

/* After admit(): the fields of `fields` (less those in skip), "effective"
 * and "reason", then fn through the one writer; answers with `status`. */
static int write_fields(web_req *w, api_write *aw, json_t *fields, const char *const *skip, write_fn fn,
                        int status)
{
    int rc = collect(w, aw, fields, skip);
    if (!rc) rc = meta(w, aw);
    if (rc) {
        json_decref(aw->body);
        return rc;
    }
    return finish(w, aw, web_write(w, fn, aw), status);
}

/* The rec as it now stands, for responses. */
static json_t *rec_now(web_req *w, store_t *s, const char *id)
{
    view_t now = {0};
    now.current = 1;
    memcpy(now.as_of, w->view.as_of, DATE_SIZE);
    ent_t r, *ms;
    size_t n;
    if (store_get(s, &kind_rec, &now, id, w->a, &r, &w->err) ||
        store_list(s, &kind_milestone, &now, MS_REC, id, w->a, &ms, &n, &w->err))
        return NULL;
    return json_rec(&r, ms, n, &now);
}

static int write_rec(web_req *w, store_t *s, void *ctx)
{
    api_write *aw = ctx;
    edit_t ed = {aw->new_id ? EDIT_CREATE : EDIT_UPDATE, &kind_rec, aw->id, aw->fv, aw->n, aw->effective,
                 w->user, aw->reason};
    if (store_edit(s, &ed, &w->err)) return -1;
    aw->out = rec_now(w, s, aw->id);
    return 0;
}

/* POST /api/v1/recs — create a rec. Body: JSON {id, review, title, …,
 * effective, reason}. Role: editor or admin (token or session). */
int api_create_rec(web_req *w, char **args)
{
    (void)args;
    api_write aw = {0};
    static const char *const skip[] = {"id", "effective", "reason", NULL};
    int rc = admit(w, can_edit(w), "editors", &aw);
    if (rc) return rc;
    json_t *id = json_object_get(aw.body, "id");
    if (!json_is_string(id)) { json_decref(aw.body); return web_error(w, 422, "invalid", "give the new rec's \"id\""); }
    aw.id = json_string_value(id);
    aw.new_id = (char *)aw.id;
    return write_fields(w, &aw, aw.body, skip, write_rec, 201);
}

/* PATCH /api/v1/recs/ID — change a rec. Body: JSON {set: {field: value},
 * effective, reason}. Role: editor or admin. */
int api_update_rec(web_req *w, char **args)
{
    api_write aw = {.id = args[0]};
    int rc = admit(w, can_edit(w), "editors", &aw);
    return rc ? rc : write_fields(w, &aw, json_object_get(aw.body, "set"), NULL, write_rec, 200);
}

static int write_add_milestone(web_req *w, store_t *s, void *ctx)
{
    api_write *aw = ctx;
    if (op_add_milestone(s, aw->rec, aw->fv, aw->n, aw->effective, w->user, aw->reason, w->a, &aw->new_id, &w->err))
        return -1;
    aw->out = json_pack("{s:s, s:s}", "id", aw->new_id, "rec", aw->rec);
    return 0;
}

/* POST /api/v1/recs/ID/milestones — add a milestone. Body: JSON {title,
 * due, effective, reason}. Role: editor or admin. */
int api_add_milestone(web_req *w, char **args)
{
    api_write aw = {.rec = args[0]};
    static const char *const skip[] = {"effective", "reason", NULL};
    int rc = admit(w, can_edit(w), "editors", &aw);
    return rc ? rc : write_fields(w, &aw, aw.body, skip, write_add_milestone, 201);
}

static int write_milestone(web_req *w, store_t *s, void *ctx)
{
    api_write *aw = ctx;
    edit_t ed = {EDIT_UPDATE, &kind_milestone, aw->id, aw->fv, aw->n, aw->effective, w->user, aw->reason};
    view_t now = {0};
    now.current = 1;
    ent_t m;
    if (store_edit(s, &ed, &w->err) || store_get(s, &kind_milestone, &now, aw->id, w->a, &m, &w->err)) return -1;
    aw->out = json_milestone(&m);
    return 0;
}

/* PATCH /api/v1/milestones/ID — change a milestone. Body: JSON {set,
 * effective, reason}. Role: editor or admin. */
int api_update_milestone(web_req *w, char **args)
{
    api_write aw = {.id = args[0]};
    int rc = admit(w, can_edit(w), "editors", &aw);
    return rc ? rc : write_fields(w, &aw, json_object_get(aw.body, "set"), NULL, write_milestone, 200);
}

static int write_item(web_req *w, store_t *s, void *ctx)
{
    api_write *aw = ctx;
    if (op_answer_item(s, aw->assessment, aw->rec, aw->fv, aw->n, aw->effective, w->user, aw->reason, w->a, &w->err))
        return -1;
    view_t now = {0};
    now.current = 1;
    ent_t it;
    char *id = arena_printf(w->a, "%s/%s", aw->assessment, aw->rec);
    if (!id) return err_nomem(&w->err);
    if (store_get(s, &kind_item, &now, id, w->a, &it, &w->err)) return -1;
    aw->out = json_entity(&kind_item, &it);
    return 0;
}

/* PUT /api/v1/assessments/ID/items/REC — answer an item. Body: JSON
 * {set, effective, reason}. Role: assessor or admin. */
int api_put_item(web_req *w, char **args)
{
    api_write aw = {.assessment = args[0], .rec = args[1]};
    int rc = admit(w, can_assess(w), "assessors", &aw);
    return rc ? rc : write_fields(w, &aw, json_object_get(aw.body, "set"), NULL, write_item, 200);
}

static int write_signoff(web_req *w, store_t *s, void *ctx)
{
    api_write *aw = ctx;
    if (op_signoff(s, aw->assessment, aw->rec, w->user, aw->dissent, aw->withdraw, aw->effective, w->user,
                   aw->reason, w->a, &w->err))
        return -1;
    aw->out = json_pack("{s:s, s:s, s:s, s:b}", "assessment", aw->assessment, "rec", aw->rec, "assessor", w->user,
                        "active", !aw->withdraw);
    return 0;
}

/* POST /api/v1/assessments/ID/items/REC/signoffs — sign an item off as
 * oneself. Body: JSON {dissent}. Role: assessor or admin. */
int api_add_signoff(web_req *w, char **args)
{
    api_write aw = {.assessment = args[0], .rec = args[1]};
    int rc = admit(w, can_assess(w), "assessors", &aw);
    if (rc) return rc;
    json_t *d = json_object_get(aw.body, "dissent"), *wd = json_object_get(aw.body, "withdraw");
    if ((d && !json_is_string(d) && !json_is_null(d)) || (wd && !json_is_boolean(wd))) {
        json_decref(aw.body);
        return web_error(w, 422, "invalid", "dissent must be a string, withdraw a boolean");
    }
    aw.dissent = json_is_string(d) ? json_string_value(d) : NULL;
    aw.withdraw = json_is_true(wd);
    if ((rc = meta(w, &aw))) { json_decref(aw.body); return rc; }
    rc = web_write(w, write_signoff, &aw);
    return finish(w, &aw, rc, aw.withdraw ? 200 : 201);
}
