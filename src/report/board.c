/* board.c — the Board's decisions as a timeline: the model (board.h) and the
 * report "board" in its formats. */
#include "report/board.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/id.h"
#include "report/json_view.h"
#include "report/layout.h"
#include "report/report_internal.h"
#include "util/fmt.h"
#include "util/map.h"

/* The disposition set of a stored value; "" (cleared) reads as pending. */
static unsigned set_of(const char *v)
{
    unsigned set = *v ? board_parse(v) : 0;
    return set ? set : 1u << BD_PENDING;
}

typedef struct {
    unsigned now;    /* 0: never decided */
    unsigned before; /* at the start of the date being applied */
    int touched;     /* set on the date being applied */
} rec_state;

static int cmp_ids(const void *a, const void *b)
{
    return id_natural_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* Close the date of changes ch[from..to): move the running counts for the
 * recs whose set changed, and push a round when any did. */
static int close_date(const change_t *ch, size_t from, size_t to, map_t *state, size_t count[BD_COUNT],
                      arena_t *a, board_round *r, err_t *e)
{
    r->changed = arena_alloc(a, sizeof(char *) * (to - from + 1));
    if (!r->changed) return err_nomem(e);
    r->nchanged = 0;
    for (size_t i = from; i < to; i++) {
        rec_state *st = map_get(state, ch[i].entity_id);
        if (!st || !st->touched) continue;
        st->touched = 0;
        if (st->now == st->before) continue;
        for (int b = 0; b < BD_COUNT; b++) {
            if (st->before >> b & 1u) count[b]--;
            if (st->now >> b & 1u) count[b]++;
        }
        r->changed[r->nchanged++] = ch[i].entity_id;
    }
    qsort(r->changed, r->nchanged, sizeof(char *), cmp_ids);
    memcpy(r->date, ch[from].effective_at, DATE_SIZE);
    memcpy(r->count, count, sizeof r->count);
    return 0;
}

/* Apply the changes ch[from..to) of one date to the recs' states. */
static int apply_date(const change_t *ch, size_t from, size_t to, map_t *state, arena_t *a, err_t *e)
{
    for (size_t i = from; i < to; i++) {
        rec_state *st = map_get(state, ch[i].entity_id);
        if (!st) {
            if (!(st = arena_alloc(a, sizeof *st))) return err_nomem(e);
            memset(st, 0, sizeof *st);
            if (map_put(state, ch[i].entity_id, st)) return err_nomem(e);
        }
        if (!st->touched) { st->before = st->now; st->touched = 1; }
        st->now = set_of(ch[i].value);
    }
    return 0;
}

/* Drop the changes after as_of and those of hidden recs, in place. */
static int keep_in_view(store_t *s, change_t *ch, size_t *n, const char *as_of, int include_restricted,
                        err_t *e)
{
    store_vis *vis = include_restricted ? NULL : store_vis_new(s, e);
    if (!include_restricted && !vis) return -1;
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        if (as_of && strcmp(ch[i].effective_at, as_of) > 0) continue;
        if (vis && store_vis_hidden(vis, &kind_rec, ch[i].entity_id) != 0) continue;
        ch[kept++] = ch[i];
    }
    store_vis_free(vis);
    *n = kept;
    return 0;
}

int board_timeline(store_t *s, const char *review, const char *as_of, int include_restricted,
                   arena_t *a, board_round **out, size_t *n, err_t *e)
{
    change_t *ch;
    size_t nch;
    if (store_rec_board_changes(s, review, a, &ch, &nch, e) ||
        keep_in_view(s, ch, &nch, as_of, include_restricted, e))
        return -1;
    board_round *r = arena_alloc(a, sizeof *r * (nch + 1));
    map_t *state = map_new();
    if (!r || !state) { map_free(state); return err_nomem(e); }
    size_t count[BD_COUNT] = {0}, nr = 0;
    for (size_t i = 0; i < nch;) {
        size_t j = i;
        while (j < nch && strcmp(ch[j].effective_at, ch[i].effective_at) == 0) j++;
        if (apply_date(ch, i, j, state, a, e) || close_date(ch, i, j, state, count, a, &r[nr], e)) {
            map_free(state);
            return -1;
        }
        if (r[nr].nchanged) nr++;
        i = j;
    }
    map_free(state);
    *out = r;
    *n = nr;
    return 0;
}

int board_of_rec(store_t *s, const char *rec, const char *as_of, arena_t *a, board_step **out,
                 size_t *n, err_t *e)
{
    change_t *ch;
    size_t nch;
    if (store_thing_field_changes(s, &kind_rec, rec, "board", a, &ch, &nch, e)) return -1;
    board_step *st = arena_alloc(a, sizeof *st * (nch + 1));
    if (!st) return err_nomem(e);
    size_t k = 0;
    /* The history is in log order; a later change may be effective earlier. */
    for (size_t i = 0; i < nch; i++) {
        const change_t *c = &ch[i];
        if (strcmp(c->entity, "rec") || strcmp(c->field, "board") || strcmp(c->entity_id, rec)) continue;
        if (as_of && strcmp(c->effective_at, as_of) > 0) continue;
        size_t at = k;   /* insertion by effective date; log order among equals */
        while (at > 0 && strcmp(st[at - 1].date, c->effective_at) > 0) at--;
        memmove(&st[at + 1], &st[at], sizeof *st * (k - at));
        char canon[32];
        st[at] = (board_step){c->effective_at, arena_strdup(a, board_format(set_of(c->value), canon)),
                              c->reason};
        if (!st[at].value) return err_nomem(e);
        k++;
    }
    /* One step per date (the last of it), and only where the value changed. */
    size_t m = 0;
    for (size_t i = 0; i < k; i++) {
        if (i + 1 < k && strcmp(st[i + 1].date, st[i].date) == 0) continue;
        if (m && strcmp(st[m - 1].value, st[i].value) == 0) continue;
        st[m++] = st[i];
    }
    *out = st;
    *n = m;
    return 0;
}
