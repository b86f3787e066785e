/* group.h — children listed under their parents (a rec's milestones, a
 * KPI's measurements) in one pass over each list, for views that show
 * both. Memory: the result lives in the caller's arena. */
#ifndef SSR_GROUP_H
#define SSR_GROUP_H

#include "store/store.h"

typedef struct {
    ent_t *items;     /* the children, parent by parent, each in its given order */
    size_t *first;    /* parent i's children are items[first[i] .. first[i] + count[i]) */
    size_t *count;
} ent_groups;

/* Group children[0..nc) under parents[0..np) by the children's field `field`
 * (which holds a parent's id); children of no listed parent are left out.
 * -1 with ERR_NOMEM. */
int ent_group(const ent_t *parents, size_t np, const ent_t *children, size_t nc, int field,
              arena_t *a, ent_groups *out, err_t *e);

#endif
