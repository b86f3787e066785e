/* visible.c — see visible.h. */
#include "web/visible.h"

int vis_load(web_req *w, visibility *v)
{
    v->all = can_see_restricted(w);
    v->sv = NULL;
    if (v->all) return 0;
    v->sv = store_vis_new(w->db, &w->err);
    return v->sv ? 0 : -1;
}

void vis_free(visibility *v)
{
    store_vis_free(v->sv);
    v->sv = NULL;
}

int vis_is_hidden(const visibility *v, const char *kind, const char *id)
{
    if (v->all) return 0;
    const kind_def *k = kind_find(kind);
    if (!k || !v->sv) return 1;
    return store_vis_hidden(v->sv, k, id) != 0;
}

int vis_rec_hidden(const visibility *v, const char *rec) { return vis_is_hidden(v, "rec", rec); }

int vis_known(const visibility *v, const view_t *view, const kind_def *k, const ent_t *things, size_t n)
{
    if (v->all || !v->sv || !view->current) return 0;
    for (size_t i = 0; i < n; i++)
        if (store_vis_known(v->sv, k, things[i].id, things[i].v) < 0) return -1;
    return 0;
}
