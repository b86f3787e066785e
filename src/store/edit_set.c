/* edit_set.c — the set of one run's edits; see edit_set.h. */
#include "store/edit_set.h"

#include <stdio.h>
#include <string.h>

#include "util/alloc.h"

/* The hash of parts[0..n), each with its NUL as separator. */
static void edit_set_hash(const char *const *parts, int n, uint64_t *h1, uint32_t *h2)
{
    uint64_t a = 14695981039346656037ULL;
    uint32_t b = 2166136261u;
    for (int i = 0; i < n; i++)
        for (const unsigned char *p = (const unsigned char *)parts[i];; p++) {
            a = (a ^ *p) * 1099511628211ULL;
            b = (b ^ *p) * 16777619u + 0x9e3779b9u;
            if (!*p) break;   /* the NUL separates the parts */
        }
    *h1 = a;
    *h2 = b;
}

/* 1 when new (now added), 0 when seen in this run, -1 out of memory. */
static int edit_set_add(edit_set *set, uint64_t h1, uint32_t h2)
{
    if ((set->used + 1) * 4 > set->cap * 3) {
        size_t cap = set->cap ? set->cap * 2 : 1024;
        edit_slot *ns = mem_calloc(cap, sizeof *ns);
        if (!ns) return -1;
        for (size_t i = 0; i < set->cap; i++) {
            edit_slot *o = &set->slot[i];
            if (o->gen != set->gen) continue;
            size_t j = (size_t)o->h1 & (cap - 1);
            while (ns[j].gen == set->gen) j = (j + 1) & (cap - 1);
            ns[j] = *o;
        }
        mem_free(set->slot);
        set->slot = ns;
        set->cap = cap;
    }
    size_t j = (size_t)h1 & (set->cap - 1);
    for (; set->slot[j].gen == set->gen; j = (j + 1) & (set->cap - 1))
        if (set->slot[j].h1 == h1 && set->slot[j].h2 == h2) return 0;
    set->slot[j] = (edit_slot){h1, h2, set->gen};
    set->used++;
    return 1;
}

/* Forget the run's edits: a new recorded_at begins. */
static void edit_set_next_run(edit_set *set)
{
    set->gen++;
    set->used = 0;
}

int edit_set_row(edit_set *set, char *run, size_t runsz, const char *const col[5])
{
    if (strcmp(run, col[3]) != 0) {
        snprintf(run, runsz, "%s", col[3]);
        edit_set_next_run(set);
    }
    uint64_t h1;
    uint32_t h2;
    const char *parts[4] = {col[0], col[1], col[2], col[4]};
    edit_set_hash(parts, 4, &h1, &h2);
    return edit_set_add(set, h1, h2);
}

void edit_set_free(edit_set *set)
{
    mem_free(set->slot);
    *set = (edit_set)EDIT_SET_INIT;
}
