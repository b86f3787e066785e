/* ops.c — see ops.h. */
#include "store/ops.h"

#include <string.h>

#include "core/id.h"

int op_add_milestone(store_t *s, const char *rec, const field_value *fv, int n, const char *effective,
                     const char *actor, const char *reason, arena_t *a, char **id, err_t *e)
{
    int ok = store_exists(s, &kind_rec, rec, e);
    if (ok < 0) return -1;
    if (!ok) return err_set(e, ERR_NOTFOUND, "no such rec: %s", rec);
    char *prefix = arena_printf(a, "%s%c", rec, MILESTONE_SEP);
    field_value *all = arena_alloc(a, sizeof *all * (size_t)(n + 1));
    if (!prefix || !all) return err_nomem(e);
    if (store_next_id(s, &kind_milestone, prefix, a, id, e)) return -1;
    all[0] = (field_value){"rec", rec};
    memcpy(all + 1, fv, sizeof *fv * (size_t)n);
    edit_t ed = {EDIT_CREATE, &kind_milestone, *id, all, n + 1, effective, actor, reason};
    return store_edit(s, &ed, e);
}

int op_answer_item(store_t *s, const char *assessment, const char *rec, const field_value *fv, int n,
                   const char *effective, const char *actor, const char *reason, arena_t *a, err_t *e)
{
    int has = store_exists(s, &kind_assessment, assessment, e);
    if (has < 0) return -1;
    if (!has) return err_set(e, ERR_NOTFOUND, "no such assessment: %s", assessment);
    char *item = arena_printf(a, "%s/%s", assessment, rec);
    if (!item) return err_nomem(e);
    int exists = store_exists(s, &kind_item, item, e);
    if (exists < 0) return -1;
    if (exists) {
        edit_t ed = {EDIT_UPDATE, &kind_item, item, fv, n, effective, actor, reason};
        return store_edit(s, &ed, e);
    }
    field_value *all = arena_alloc(a, sizeof *all * (size_t)(n + 2));
    if (!all) return err_nomem(e);
    all[0] = (field_value){"assessment", assessment};
    all[1] = (field_value){"rec", rec};
    memcpy(all + 2, fv, sizeof *fv * (size_t)n);
    edit_t ed = {EDIT_CREATE, &kind_item, item, all, n + 2, effective, actor, reason};
    return store_edit(s, &ed, e);
}

int op_signoff(store_t *s, const char *assessment, const char *rec, const char *assessor, const char *dissent,
               int withdraw, const char *effective, const char *actor, const char *reason, arena_t *a, err_t *e)
{
    char *item = arena_printf(a, "%s/%s", assessment, rec);
    char *id = item ? arena_printf(a, "%s by %s", item, assessor) : NULL;
    if (!id) return err_nomem(e);
    int has = store_exists(s, &kind_item, item, e);
    if (has < 0) return -1;
    if (!has) return err_set(e, ERR_NOTFOUND, "no such assessment item: %s (answer it first)", item);
    int exists = store_exists(s, &kind_signoff, id, e);
    if (exists < 0) return -1;
    if (withdraw) {
        if (!exists) return err_set(e, ERR_NOTFOUND, "%s has not signed off %s", assessor, item);
        field_value fv[] = {{"active", "false"}};
        edit_t ed = {EDIT_UPDATE, &kind_signoff, id, fv, 1, effective, actor, reason};
        return store_edit(s, &ed, e);
    }
    field_value fv[4];
    int n = 0;
    if (!exists) {
        fv[n++] = (field_value){"item", item};
        fv[n++] = (field_value){"assessor", assessor};
    }
    fv[n++] = (field_value){"dissent", dissent ? dissent : ""};
    if (exists) fv[n++] = (field_value){"active", "true"};
    edit_t ed = {exists ? EDIT_UPDATE : EDIT_CREATE, &kind_signoff, id, fv, n, effective, actor, reason};
    return store_edit(s, &ed, e);
}
