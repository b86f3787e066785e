/* visible.c — see visible.h. The hidden set is computed from the current
 * state (restriction is about now: a thing restricted today is hidden in
 * every view of the past too). */
#include "web/visible.h"

#include <string.h>

static int hide(visibility *v, const char *kind, const char *id)
{
    char key[400];
    snprintf(key, sizeof key, "%s\t%s", kind, id);
    return map_put(v->hidden, key, (void *)1);
}

int vis_hidden(const visibility *v, const char *kind, const char *id)
{
    if (v->all || !v->hidden) return 0;
    char key[400];
    snprintf(key, sizeof key, "%s\t%s", kind, id);
    return map_has(v->hidden, key);
}

int vis_rec_hidden(const visibility *v, const char *rec) { return vis_hidden(v, "rec", rec); }

int vis_load(web_req *w, visibility *v)
{
    memset(v, 0, sizeof *v);
    if (can_see_restricted(w)) { v->all = 1; return 0; }
    if (!(v->hidden = map_new())) return err_nomem(&w->err);
    view_t now = {0};
    now.current = 1;
    ent_t *recs, *ms, *evs, *links, *items;
    size_t nr, nm, ne, nl, ni;
    if (store_list(w->db, &kind_rec, &now, REC_RESTRICTED, "true", w->a, &recs, &nr, &w->err) ||
        store_list(w->db, &kind_milestone, &now, -1, NULL, w->a, &ms, &nm, &w->err) ||
        store_list(w->db, &kind_evidence, &now, -1, NULL, w->a, &evs, &ne, &w->err) ||
        store_list(w->db, &kind_link, &now, -1, NULL, w->a, &links, &nl, &w->err) ||
        store_list(w->db, &kind_item, &now, -1, NULL, w->a, &items, &ni, &w->err))
        return -1;
    int bad = 0;
    for (size_t i = 0; i < nr; i++) bad |= hide(v, "rec", recs[i].id);
    /* Sub-items of a restricted rec are restricted too. */
    ent_t *all;
    size_t na;
    if (nr && store_list(w->db, &kind_rec, &now, -1, NULL, w->a, &all, &na, &w->err) == 0)
        for (size_t i = 0; i < na; i++)
            if (all[i].v[REC_PARENT] && vis_rec_hidden(v, all[i].v[REC_PARENT])) bad |= hide(v, "rec", all[i].id);
    for (size_t i = 0; i < nm; i++)
        if (field_true(ms[i].v[MS_RESTRICTED]) || vis_rec_hidden(v, ms[i].v[MS_REC])) bad |= hide(v, "milestone", ms[i].id);
    for (size_t i = 0; i < nl; i++)
        if (vis_rec_hidden(v, links[i].v[LINK_REC]) || vis_rec_hidden(v, links[i].v[LINK_OTHER]))
            bad |= hide(v, "link", links[i].id);
    for (size_t i = 0; i < ni; i++)
        if (vis_rec_hidden(v, items[i].v[ITEM_REC])) bad |= hide(v, "item", items[i].id);
    for (size_t i = 0; i < ne; i++)
        if (field_true(evs[i].v[EV_RESTRICTED]) || vis_hidden(v, evs[i].v[EV_TARGET_KIND], evs[i].v[EV_TARGET]))
            bad |= hide(v, "evidence", evs[i].id);
    return bad ? err_nomem(&w->err) : 0;
}

void vis_free(visibility *v)
{
    map_free(v->hidden);
    v->hidden = NULL;
}
