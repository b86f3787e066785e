/* group.c — see group.h. */
#include "report/group.h"

#include "util/map.h"

int ent_group(const ent_t *parents, size_t np, const ent_t *children, size_t nc, int field,
              arena_t *a, ent_groups *out, err_t *e)
{
    map_t *index = map_new();
    size_t *first = arena_alloc(a, sizeof(size_t) * (np + 1));
    size_t *count = arena_alloc(a, sizeof(size_t) * (np + 1));
    ent_t *items = arena_alloc(a, sizeof(ent_t) * (nc + 1));
    if (!index || !first || !count || !items) { map_free(index); return err_nomem(e); }
    for (size_t i = 0; i < np; i++)
        if (map_put(index, parents[i].id, &count[i])) { map_free(index); return err_nomem(e); }
    /* Count each parent's children, lay the parents out, then place them. */
    for (size_t i = 0; i < nc; i++) {
        size_t *c = map_get(index, children[i].v[field]);
        if (c) (*c)++;
    }
    size_t at = 0;
    for (size_t i = 0; i < np; i++) { first[i] = at; at += count[i]; count[i] = 0; }
    for (size_t i = 0; i < nc; i++) {
        size_t *c = map_get(index, children[i].v[field]);
        if (!c) continue;
        size_t p = (size_t)(c - count);
        items[first[p] + count[p]++] = children[i];
    }
    map_free(index);
    *out = (ent_groups){items, first, count};
    return 0;
}
