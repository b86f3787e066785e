/* assessment_model.c — see assessment_model.h. */
#include "report/assessment_model.h"

#include <string.h>

#include "report/json_view.h"

int asm_implemented_index(const char *v)
{
    static const char *const names[] = {"full", "partial", "not", "unknown"};
    for (int i = 0; i < 4; i++)
        if (v && strcmp(v, names[i]) == 0) return i;
    return 3;
}

int asm_effect_index(const char *v)
{
    static const char *const names[] = {"achieved", "partial", "not_achieved", "cannot_assess"};
    for (int i = 0; i < 4; i++)
        if (v && strcmp(v, names[i]) == 0) return i;
    return -1;
}

static int load_items(store_t *s, const view_t *v, asm_model *m, ent_t *items, size_t n, ent_t *signs,
                      size_t nsigns, ent_t *evs, size_t nevs, const char *only_rec, store_vis *vis,
                      arena_t *a, err_t *e);

int asm_load(store_t *s, const view_t *v, const char *id, const char *only_rec, int public_only,
             arena_t *a, asm_model *m, err_t *e)
{
    memset(m, 0, sizeof *m);
    ent_t *items, *signs, *evs;
    size_t n, nsigns, nevs;
    if (store_get(s, &kind_assessment, v, id, a, &m->a, e) ||
        store_list(s, &kind_item, v, ITEM_ASSESSMENT, id, a, &items, &n, e) ||
        store_list(s, &kind_signoff, v, -1, NULL, a, &signs, &nsigns, e) ||
        store_list(s, &kind_evidence, v, EV_TARGET_KIND, "item", a, &evs, &nevs, e))
        return -1;
    m->items = arena_alloc(a, sizeof(asm_item) * (n + 1));
    if (!m->items) return err_nomem(e);
    store_vis *vis = NULL;
    if (public_only && !(vis = store_vis_new(s, e))) return -1;
    int rc = load_items(s, v, m, items, n, signs, nsigns, evs, nevs, only_rec, vis, a, e);
    store_vis_free(vis);
    if (rc) return -1;
    if (only_rec && m->n == 0)
        return err_set(e, ERR_NOTFOUND, "assessment %s has no item for rec %s", id, only_rec);
    return 0;
}

/* The items (and their sign-offs and evidence) that vis leaves visible. */
static int load_items(store_t *s, const view_t *v, asm_model *m, ent_t *items, size_t n, ent_t *signs,
                      size_t nsigns, ent_t *evs, size_t nevs, const char *only_rec, store_vis *vis,
                      arena_t *a, err_t *e)
{
    for (size_t i = 0; i < n; i++) {
        if (only_rec && strcmp(items[i].v[ITEM_REC], only_rec) != 0) continue;
        asm_item *it = &m->items[m->n];
        it->item = items[i];
        if (store_get(s, &kind_rec, v, items[i].v[ITEM_REC], a, &it->rec, e)) {
            if (e->code != ERR_NOTFOUND) return -1;
            it->rec.id = NULL;   /* the rec did not exist yet in this view */
        }
        if (vis && store_vis_hidden(vis, &kind_item, items[i].id) != 0) continue;
        /* Sign-offs and evidence of this item (small lists: a linear pass). */
        it->signoffs = arena_alloc(a, sizeof(ent_t) * (nsigns + 1));
        it->evidence = arena_alloc(a, sizeof(ent_t) * (nevs + 1));
        if (!it->signoffs || !it->evidence) return err_nomem(e);
        for (size_t k = 0; k < nsigns; k++)
            if (strcmp(signs[k].v[SIGN_ITEM], items[i].id) == 0 && field_true(signs[k].v[SIGN_ACTIVE]) &&
                !(vis && store_vis_hidden(vis, &kind_signoff, signs[k].id) != 0)) {
                it->signoffs[it->nsignoffs++] = signs[k];
                if (signs[k].v[SIGN_DISSENT]) m->dissents++;
            }
        for (size_t k = 0; k < nevs; k++)
            if (strcmp(evs[k].v[EV_TARGET], items[i].id) == 0 &&
                !(vis && store_vis_hidden(vis, &kind_evidence, evs[k].id) != 0))
                it->evidence[it->nevidence++] = evs[k];
        m->implemented[asm_implemented_index(items[i].v[ITEM_IMPLEMENTED])]++;
        const char *rel = items[i].v[ITEM_RELEVANT];
        m->relevant[!rel ? 2 : strcmp(rel, "yes") == 0 ? 0 : 1]++;
        int ef = asm_effect_index(items[i].v[ITEM_EFFECT]);
        m->effect[ef < 0 ? 4 : ef]++;
        if (strcmp(items[i].v[ITEM_STATE], "approved") == 0) m->approved++;
        m->n++;
    }
    return 0;
}

json_t *asm_json(const asm_model *m, const view_t *v)
{
    json_t *o = json_entity(&kind_assessment, &m->a);
    json_t *items = json_array();
    json_t *counts = json_pack("{s:{s:I,s:I,s:I,s:I}, s:{s:I,s:I,s:I}, s:{s:I,s:I,s:I,s:I,s:I}, s:I, s:I, s:I}",
        "implemented", "full", (json_int_t)m->implemented[0], "partial", (json_int_t)m->implemented[1],
        "not", (json_int_t)m->implemented[2], "unknown", (json_int_t)m->implemented[3],
        "relevant", "yes", (json_int_t)m->relevant[0], "no", (json_int_t)m->relevant[1],
        "not_stated", (json_int_t)m->relevant[2],
        "effect", "achieved", (json_int_t)m->effect[0], "partial", (json_int_t)m->effect[1],
        "not_achieved", (json_int_t)m->effect[2], "cannot_assess", (json_int_t)m->effect[3],
        "not_stated", (json_int_t)m->effect[4],
        "items", (json_int_t)m->n, "approved", (json_int_t)m->approved, "dissents", (json_int_t)m->dissents);
    if (!o || !items || !counts) goto fail;
    for (size_t i = 0; i < m->n; i++) {
        const asm_item *it = &m->items[i];
        json_t *j = json_entity(&kind_item, &it->item);
        json_t *signs = json_array(), *evs = json_array();
        if (!j || !signs || !evs) { json_decref(j); json_decref(signs); json_decref(evs); goto fail; }
        json_object_set_new(j, "rec_title", json_str_or_null(it->rec.id ? it->rec.v[REC_TITLE] : NULL));
        if (!it->item.v[ITEM_REC_TEXT])
            json_object_set_new(j, "rec_text", json_str_or_null(it->rec.id ? it->rec.v[REC_TEXT] : NULL));
        for (size_t k = 0; k < it->nsignoffs; k++)
            json_array_append_new(signs, json_pack("{s:s, s:o}", "assessor", it->signoffs[k].v[SIGN_ASSESSOR],
                                                   "dissent", json_str_or_null(it->signoffs[k].v[SIGN_DISSENT])));
        for (size_t k = 0; k < it->nevidence; k++)
            json_array_append_new(evs, json_entity(&kind_evidence, &it->evidence[k]));
        json_object_set_new(j, "signoffs", signs);
        json_object_set_new(j, "evidence", evs);
        if (json_array_append_new(items, j)) goto fail;
    }
    if (json_object_set_new(o, "as_of_view", json_string(v->as_of))) goto fail;
    json_t *c = counts, *it = items;
    counts = items = NULL;   /* set_new takes them, even when it fails */
    if (json_object_set_new(o, "counts", c)) { json_decref(it); goto fail; }
    if (json_object_set_new(o, "items", it)) goto fail;
    return o;
fail:
    json_decref(o);
    json_decref(items);
    json_decref(counts);
    return NULL;
}
