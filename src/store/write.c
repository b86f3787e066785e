/* write.c — appending changes, with every check a change must pass, and the
 * create/update edits the commands and the API are made of. */
#include "store/internal.h"

#include <string.h>

#include "core/id.h"
#include "core/status.h"
#include "util/text.h"

#define ACTOR_MAX 100
#define REASON_MAX 2000
#define KEY_MAX 300

static int check_id(const kind_def *k, const char *id, err_t *e)
{
    if (kind_id_valid(k, id)) return 0;
    if (k->ids == ID_FREE) return err_set(e, ERR_INPUT, "'%.80s' is not a valid %s id", id, k->label);
    return err_set(e, ERR_INPUT, "'%.80s' is not a valid %s id (letters, digits, '.', '-', '_'; "
                   "at most %d)", id, k->label, ID_MAX);
}

static int check_line(const char *what, const char *s, size_t max, int required, err_t *e)
{
    size_t n = strlen(s);
    if (required && n == 0) return err_set(e, ERR_INPUT, "%s must not be empty", what);
    if (n > max) return err_set(e, ERR_INPUT, "%s is longer than %zu bytes", what, max);
    if (!utf8_valid(s, n) || has_control(s) || strchr(s, '\n') || strchr(s, '\r'))
        return err_set(e, ERR_INPUT, "%s must be one line of UTF-8 text", what);
    return 0;
}

int store_append(store_t *s, const kind_def *k, const char *id, const char *field,
                 const char *value, const char *effective_at, const char *actor,
                 const char *reason, err_t *e)
{
    if (!s->in_tx) return err_set(e, ERR_INTERNAL, "append outside a transaction");
    if (check_id(k, id, e)) return -1;
    int f = kind_field(k, field);
    if (f < 0) {
        char list[300] = "";
        for (int i = 0; i < k->nfields; i++) {
            if (i) strncat(list, ", ", sizeof list - strlen(list) - 1);
            strncat(list, k->fields[i].name, sizeof list - strlen(list) - 1);
        }
        return err_set(e, ERR_INPUT, "unknown field '%.40s' for a %s (fields: %s)", field, k->label, list);
    }
    arena_t *a = arena_new();
    if (!a) return err_nomem(e);
    const char *norm = NULL;
    int rc = -1;
    if (field_normalize(&k->fields[f], value, a, &norm, e)) goto done;
    if (!date_valid(effective_at)) {
        err_set(e, ERR_INPUT, "effective date '%.40s' is not a valid date (YYYY-MM-DD)", effective_at);
        goto done;
    }
    if (strcmp(effective_at, s->today) > 0) {
        err_set(e, ERR_INPUT, "effective date %s is in the future (today is %s)", effective_at, s->today);
        goto done;
    }
    if (check_line("actor", actor, ACTOR_MAX, 1, e) || check_line("reason", reason, REASON_MAX, 0, e))
        goto done;
    change_t c = {0, k->name, id, k->fields[f].name, norm, effective_at, s->now, actor, reason, NULL, 0, {0}};
    if (log_insert(s, &c, e)) goto done;
    char key[KEY_MAX];
    snprintf(key, sizeof key, "%s\t%s", k->name, id);
    if (map_put(s->touched, key, (void *)k) != 0) { err_nomem(e); goto done; }
    rc = 0;
done:
    arena_free(a);
    return rc;
}

/* The references of one thing, in the current tables, must resolve. */
static int check_refs(store_t *s, const kind_def *k, const char *id, err_t *e)
{
    arena_t *a = arena_new();
    if (!a) return err_nomem(e);
    view_t now = {0};
    now.current = 1;
    ent_t en;
    int rc = -1;
    if (store_get(s, k, &now, id, a, &en, e)) {
        /* Changes that do not (yet) make a whole thing. */
        if (e->code == ERR_NOTFOUND)
            err_set(e, ERR_INPUT, "%s %s: incomplete (a required field is missing)", k->label, id);
        goto done;
    }
    for (int f = 0; f < k->nfields; f++) {
        const field_def *fd = &k->fields[f];
        if (fd->type != FT_ID || !en.v[f]) continue;
        int tk = fd->ref ? -1 : kind_field(k, "target_kind");
        const kind_def *rk = kind_find(fd->ref ? fd->ref : tk >= 0 && en.v[tk] ? en.v[tk] : "");
        if (!rk) {
            err_set(e, ERR_INPUT, "%s %s: %s: unknown kind of target", k->label, id, fd->name);
            goto done;
        }
        int ok = store_exists(s, rk, en.v[f], e);
        if (ok < 0) goto done;
        if (!ok) {
            err_set(e, ERR_NOTFOUND, "%s %s: %s: no such %s: %s", k->label, id, fd->name, rk->label, en.v[f]);
            goto done;
        }
    }
    if (k == &kind_rec && en.v[REC_PARENT]) {
        ent_t parent;
        if (strcmp(en.v[REC_PARENT], id) == 0) {
            err_set(e, ERR_INPUT, "rec %s: a rec cannot be its own parent", id);
            goto done;
        }
        if (store_get(s, &kind_rec, &now, en.v[REC_PARENT], a, &parent, e)) goto done;
        if (strcmp(parent.v[REC_REVIEW], en.v[REC_REVIEW]) != 0) {
            err_set(e, ERR_INPUT, "rec %s: parent %s belongs to review %s, not %s", id,
                    en.v[REC_PARENT], parent.v[REC_REVIEW], en.v[REC_REVIEW]);
            goto done;
        }
    }
    if (k == &kind_kpi && !en.v[KPI_REC] == !en.v[KPI_REVIEW]) {
        err_set(e, ERR_INPUT, "KPI %s: give it a rec or a review, one of the two", id);
        goto done;
    }
    if (k == &kind_item) {
        /* An item assesses a rec of the review under assessment. */
        ent_t asm_, rec;
        if (store_get(s, &kind_assessment, &now, en.v[ITEM_ASSESSMENT], a, &asm_, e) ||
            store_get(s, &kind_rec, &now, en.v[ITEM_REC], a, &rec, e))
            goto done;
        if (strcmp(rec.v[REC_REVIEW], asm_.v[ASM_OF]) != 0) {
            err_set(e, ERR_INPUT, "assessment %s assesses review %s; rec %s belongs to %s",
                    en.v[ITEM_ASSESSMENT], asm_.v[ASM_OF], en.v[ITEM_REC], rec.v[REC_REVIEW]);
            goto done;
        }
    }
    if (k == &kind_link && strcmp(en.v[LINK_REC], en.v[LINK_OTHER]) == 0) {
        err_set(e, ERR_INPUT, "rec %s: cannot be linked to itself", en.v[LINK_REC]);
        goto done;
    }
    rc = 0;
done:
    arena_free(a);
    return rc;
}

int store_flush(store_t *s, err_t *e)
{
    size_t n = map_count(s->touched);
    for (size_t i = 0; i < n; i++) {
        const kind_def *k = map_value(s->touched, i);
        const char *id = strchr(map_key(s->touched, i), '\t') + 1;
        if (project_entity(s, k, id, e)) return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const kind_def *k = map_value(s->touched, i);
        const char *id = strchr(map_key(s->touched, i), '\t') + 1;
        if (check_refs(s, k, id, e)) return -1;
    }
    map_clear(s->touched);
    return lag_counts_add(s, e);
}

/* The value this edit gives field, or NULL. */
static const char *edit_value(const edit_t *ed, const char *field)
{
    const char *v = NULL;
    for (int i = 0; i < ed->nfv; i++)
        if (strcmp(ed->fv[i].field, field) == 0) v = ed->fv[i].value;
    return v;
}

int store_edit(store_t *s, const edit_t *ed, err_t *e)
{
    const kind_def *k = ed->kind;
    const char *eff = ed->effective_at ? ed->effective_at : s->today;
    if (check_id(k, ed->id, e)) return -1;
    if (!date_valid(eff))
        return err_set(e, ERR_INPUT, "effective date '%.40s' is not a valid date (YYYY-MM-DD)", eff);
    int exists = store_exists(s, k, ed->id, e);
    if (exists < 0) return -1;
    arena_t *a = arena_new();
    if (!a) return err_nomem(e);
    int rc = -1;
    ent_t cur = {0};

    for (int i = 0; i < ed->nfv; i++) {
        int f = kind_field(k, ed->fv[i].field);
        if (f < 0) {
            /* store_append words the error, with the list of fields. */
            store_append(s, k, ed->id, ed->fv[i].field, "", eff, "-", "", e);
            goto done;
        }
        if (ed->op == EDIT_UPDATE && !(k->fields[f].flags & F_SETTABLE)) {
            err_set(e, ERR_INPUT, "field '%s' of a %s cannot be changed", k->fields[f].name, k->label);
            goto done;
        }
    }
    if (ed->op == EDIT_CREATE) {
        if (exists) { err_set(e, ERR_CONFLICT, "%s %s already exists", k->label, ed->id); goto done; }
        for (int f = 0; f < k->nfields; f++) {
            const char *v = edit_value(ed, k->fields[f].name);
            if ((k->fields[f].flags & F_REQUIRED) && (!v || !*v)) {
                err_set(e, ERR_INPUT, "%s %s: field '%s' is required", k->label, ed->id, k->fields[f].name);
                goto done;
            }
        }
    } else {
        if (!exists) { err_set(e, ERR_NOTFOUND, "no such %s: %s", k->label, ed->id); goto done; }
        view_t now = {0};
        now.current = 1;
        if (store_get(s, k, &now, ed->id, a, &cur, e)) goto done;
        if (strcmp(eff, cur.since) < 0) {
            err_set(e, ERR_INPUT, "effective date %s is before %s %s existed (from %s)", eff,
                    k->label, ed->id, cur.since);
            goto done;
        }
    }
    for (int i = 0; i < ed->nfv; i++)
        if (store_append(s, k, ed->id, ed->fv[i].field, ed->fv[i].value, eff, ed->actor,
                         ed->reason ? ed->reason : "", e))
            goto done;
    /* A milestone that becomes complete is done on that date unless told otherwise. */
    if (k == &kind_milestone) {
        const char *st = edit_value(ed, "status");
        if (st && status_parse(st) == ST_COMPLETE && !edit_value(ed, "done") &&
            !(cur.v && cur.v[MS_DONE]) &&
            store_append(s, k, ed->id, "done", eff, eff, ed->actor, ed->reason ? ed->reason : "", e))
            goto done;
    }
    rc = store_flush(s, e);
done:
    arena_free(a);
    return rc;
}
