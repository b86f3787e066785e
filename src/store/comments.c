/* comments.c — see comments.h. */
#include "store/comments.h"

#include <string.h>

static int blank(const char *s)
{
    for (; s && *s; s++)
        if (!strchr(" \t\r\n", *s)) return 0;
    return 1;
}

int comment_target_kind(store_t *s, const char *thing, const kind_def **kind, err_t *e)
{
    static const kind_def *const plain[] = {&kind_rec, &kind_milestone};
    if (strchr(thing, '/')) {
        int found = store_exists(s, &kind_item, thing, e);
        if (found < 0) return -1;
        if (found) { *kind = &kind_item; return 0; }
        return err_set(e, ERR_NOTFOUND, "no such assessment item: %.120s", thing);
    }
    for (size_t i = 0; i < 2; i++) {
        int found = store_exists(s, plain[i], thing, e);
        if (found < 0) return -1;
        if (found) { *kind = plain[i]; return 0; }
    }
    return err_set(e, ERR_NOTFOUND, "no such rec, milestone or assessment item: %.120s", thing);
}

int comment_add(store_t *s, const char *thing, const char *text, const char *actor, arena_t *a, char **id, err_t *e)
{
    const kind_def *k;
    if (blank(text)) return err_set(e, ERR_INPUT, "a comment needs some text");
    if (comment_target_kind(s, thing, &k, e) || store_next_id(s, &kind_comment, "C", a, id, e)) return -1;
    field_value fv[] = {{"target_kind", k->name}, {"target", thing}, {"text", text}, {"author", actor}};
    edit_t ed = {EDIT_CREATE, &kind_comment, *id, fv, 4, NULL, actor, "comment"};
    return store_edit(s, &ed, e);
}

int comment_edit(store_t *s, const char *id, const char *text, const char *actor, err_t *e)
{
    if (blank(text)) return err_set(e, ERR_INPUT, "a comment needs some text");
    int found = store_exists(s, &kind_comment, id, e);
    if (found < 0) return -1;
    if (!found) return err_set(e, ERR_NOTFOUND, "no such comment: %.40s", id);
    field_value fv[] = {{"text", text}};
    edit_t ed = {EDIT_UPDATE, &kind_comment, id, fv, 1, NULL, actor, "comment edited"};
    return store_edit(s, &ed, e);
}
