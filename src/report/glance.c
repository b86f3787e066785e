/* glance.c — one review at a glance; see glance.h for what counts. */
#include "report/glance.h"

#include <stdlib.h>
#include <string.h>

#include "core/board.h"
#include "core/kpi.h"
#include "report/kpi_view.h"
#include "util/map.h"

int glance_done(status_t s) { return s == ST_COMPLETE || s == ST_ONGOING; }
size_t glance_done_n(const glance_counts *c) { return c->status[ST_COMPLETE] + c->status[ST_ONGOING]; }
size_t glance_underway_n(const glance_counts *c) { return c->status[ST_IN_PROGRESS] + c->status[ST_PLANNING]; }
size_t glance_notstarted_n(const glance_counts *c) { return c->status[ST_NOT_STARTED] + c->status[ST_DEFERRED]; }

static status_t rec_status(const ent_t *r)
{
    int st = status_parse(r->v[REC_STATUS] ? r->v[REC_STATUS] : "");
    return st < 0 ? ST_NOT_STARTED : (status_t)st;
}

static int rejected(const ent_t *r) { return r->v[REC_BOARD] && board_parse(r->v[REC_BOARD]) == 1u << BD_REJECTED; }

/* The recs of review in view v that count (glance.h), into *out (arena);
 * parents gets the ids of recs with sub-items (may be NULL). *top: how many
 * top-level recs are visible. */
static int counted_recs(store_t *s, const view_t *v, const char *review, store_vis *vis, arena_t *a, ent_t **out,
                        size_t *n, size_t *top, map_t *parents, err_t *e)
{
    ent_t *recs;
    size_t nr, kept = 0;
    if (store_list(s, &kind_rec, v, REC_REVIEW, review, a, &recs, &nr, e)) return -1;
    map_t *own = parents ? parents : map_new();
    if (!own) return err_nomem(e);
    int rc = -1;
    *top = 0;
    for (size_t i = 0; i < nr; i++) {
        int hidden = vis ? store_vis_hidden(vis, &kind_rec, recs[i].id) : 0;
        if (hidden < 0) goto done;
        if (hidden) { recs[i].id = NULL; continue; }
        if (!recs[i].v[REC_PARENT]) (*top)++;
        else if (map_put(own, recs[i].v[REC_PARENT], (void *)recs[i].v[REC_PARENT])) { err_nomem(e); goto done; }
    }
    for (size_t i = 0; i < nr; i++)
        if (recs[i].id && !map_has(own, recs[i].id)) recs[kept++] = recs[i];
    *out = recs;
    *n = kept;
    rc = 0;
done:
    if (own != parents) map_free(own);
    return rc;
}

static void tally(const ent_t *recs, size_t n, glance_counts *c)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < n; i++) {
        if (rejected(&recs[i])) c->rejected++;
        else c->status[rec_status(&recs[i])]++;
        c->total++;
    }
}

/* Counts on date d (a view of its own). */
static int counts_on(store_t *s, const char *review, const char *d, store_vis *vis, arena_t *a, glance_counts *c,
                     err_t *e)
{
    view_t v;
    ent_t *recs;
    size_t n, top;
    if (store_view(s, d, NULL, &v, e) || counted_recs(s, &v, review, vis, a, &recs, &n, &top, NULL, e)) return -1;
    tally(recs, n, c);
    return 0;
}

/* The end of the quarter before the one holding d. */
static void prev_quarter_end(const char *d, char out[DATE_SIZE])
{
    char q[DATE_SIZE], start[DATE_SIZE];
    date_quarter_end(d, q);
    date_add_days(q, -95, start);   /* somewhere in the quarter before */
    date_quarter_end(start, out);
}

/* The counts on many past dates from one pass over the review's rec steps
 * (store_each_rec_step: the versions where a status or a disposition
 * changed): each rec's category on each date, then parents with a sub-item
 * on a date set apart, then a tally per date. Dates ascending (duplicates
 * allowed); all in the arena. */
enum { CAT_NONE = 0xff, CAT_SPLIT = 0xfe, CAT_REJECTED = ST_COUNT };

typedef struct {
    const char *id, *parent;
    unsigned char *cat;      /* per date: a status, CAT_REJECTED, CAT_NONE (not yet), CAT_SPLIT */
} walk_rec;

typedef struct {
    const char (*dates)[DATE_SIZE];
    size_t nd;
    arena_t *a;
    err_t *e;
    walk_rec *recs;
    size_t n, cap;
    size_t next;             /* the current rec's first date not yet given */
    int cat;                 /* its category from its latest version; -1 none yet */
} date_walk;

/* The current rec's category holds on its dates up to (not including) upto. */
static void walk_fill(date_walk *w, size_t upto)
{
    walk_rec *r = w->n ? &w->recs[w->n - 1] : NULL;
    for (; r && w->next < upto; w->next++)
        if (w->cat >= 0) r->cat[w->next] = (unsigned char)w->cat;
}

static int walk_version(void *ctx, const ent_t *ver)
{
    date_walk *w = ctx;
    if (!w->n || strcmp(w->recs[w->n - 1].id, ver->id) != 0) {
        walk_fill(w, w->nd);
        if (arena_grow(w->a, (void **)&w->recs, w->n, &w->cap, sizeof *w->recs, 256)) return err_nomem(w->e);
        walk_rec *r = &w->recs[w->n++];
        r->id = arena_strdup(w->a, ver->id);
        r->parent = ver->v[REC_PARENT] ? arena_strdup(w->a, ver->v[REC_PARENT]) : NULL;
        r->cat = arena_alloc(w->a, w->nd ? w->nd : 1);
        if (!r->id || !r->cat || (ver->v[REC_PARENT] && !r->parent)) return err_nomem(w->e);
        memset(r->cat, CAT_NONE, w->nd);
        w->next = 0;
        w->cat = -1;
    }
    size_t upto = w->next;
    while (upto < w->nd && strcmp(w->dates[upto], ver->since) < 0) upto++;
    walk_fill(w, upto);
    w->cat = rejected(ver) ? CAT_REJECTED : (int)rec_status(ver);
    return 0;
}

/* Counts on each of dates[0..nd) (ascending) into c[0..nd). */
static int counts_walked(store_t *s, const char *review, const char (*dates)[DATE_SIZE], size_t nd, store_vis *vis,
                         arena_t *a, glance_counts *c, err_t *e)
{
    date_walk w = {dates, nd, a, e, NULL, 0, 0, 0, -1};
    memset(c, 0, sizeof *c * nd);
    if (store_each_rec_step(s, review, walk_version, &w, e)) return -1;
    walk_fill(&w, nd);
    map_t *index = map_new();
    unsigned char *hidden = arena_alloc(a, w.n ? w.n : 1);
    int rc = -1;
    if (!index || !hidden) { err_nomem(e); goto done; }
    for (size_t i = 0; i < w.n; i++) {
        int h = vis ? store_vis_hidden(vis, &kind_rec, w.recs[i].id) : 0;
        if (h < 0) goto done;
        hidden[i] = (unsigned char)h;
        if (map_put(index, w.recs[i].id, &w.recs[i])) { err_nomem(e); goto done; }
    }
    /* A shown sub-item that exists on a date sets its parent apart on it. */
    for (size_t i = 0; i < w.n; i++) {
        walk_rec *p = w.recs[i].parent && !hidden[i] ? map_get(index, w.recs[i].parent) : NULL;
        for (size_t d = 0; p && d < nd; d++)
            if (w.recs[i].cat[d] != CAT_NONE && p->cat[d] != CAT_NONE) p->cat[d] = CAT_SPLIT;
    }
    for (size_t i = 0; i < w.n; i++)
        for (size_t d = 0; !hidden[i] && d < nd; d++) {
            unsigned char k = w.recs[i].cat[d];
            if (k == CAT_NONE || k == CAT_SPLIT) continue;
            if (k == CAT_REJECTED) c[d].rejected++;
            else c[d].status[k]++;
            c[d].total++;
        }
    rc = 0;
done:
    map_free(index);
    return rc;
}

static int cmp_date(const void *x, const void *y) { return strcmp(x, y); }

/* The dates of the steps: every quarter end from first's to the one before
 * as_of's, then as_of (at most 400 quarters). */
static size_t step_dates(const char *first, const char *as_of, char (*out)[DATE_SIZE])
{
    char q[DATE_SIZE], next[DATE_SIZE];
    size_t n = 0;
    date_quarter_end(first, q);
    for (;;) {
        int last = strcmp(q, as_of) >= 0 || n >= 400;
        memcpy(out[n++], last ? as_of : q, DATE_SIZE);
        if (last) return n;
        date_add_days(q, 1, next);
        date_quarter_end(next, q);
    }
}

/* The counts on the steps' dates and on prev: past dates from one pass
 * over the versions, a date of today or later from the current tables (as
 * any view of it is). Then the steps where the counts changed, the latest
 * GLANCE_MAX_STEPS kept. */
static int load_steps(store_t *s, glance_t *g, const char *first, store_vis *vis, arena_t *a, err_t *e)
{
    char (*dates)[DATE_SIZE] = arena_alloc(a, sizeof *dates * 402), (*past)[DATE_SIZE] = arena_alloc(a, sizeof *past * 402);
    glance_counts *pc = arena_alloc(a, sizeof *pc * 402);
    if (!dates || !past || !pc) return err_nomem(e);
    size_t nd = first ? step_dates(first, g->as_of, dates) : 0, np = 0;
    memcpy(dates[nd++], g->prev, DATE_SIZE);   /* the last: the previous quarter's end */
    int *current = arena_alloc(a, sizeof *current * nd);
    if (!current) return err_nomem(e);
    for (size_t i = 0; i < nd; i++) {
        view_t v;
        if (store_view(s, dates[i], NULL, &v, e)) return -1;
        if (!(current[i] = v.current)) memcpy(past[np++], dates[i], DATE_SIZE);
    }
    qsort(past, np, sizeof *past, cmp_date);
    if (np && counts_walked(s, g->review, (const char (*)[DATE_SIZE])past, np, vis, a, pc, e)) return -1;
    for (size_t i = 0; i < nd; i++) {
        glance_step cur;
        memcpy(cur.date, dates[i], DATE_SIZE);
        if (current[i]) {
            if (counts_on(s, g->review, cur.date, vis, a, &cur.c, e)) return -1;
        } else {
            const char (*hit)[DATE_SIZE] = bsearch(cur.date, past, np, sizeof *past, cmp_date);
            cur.c = pc[hit - past];
        }
        if (i == nd - 1) { g->before = cur.c; break; }
        glance_step *prev = g->nsteps ? &g->steps[g->nsteps - 1] : NULL;
        if (!prev || memcmp(&prev->c, &cur.c, sizeof cur.c) != 0 || i == nd - 2) {
            if (g->nsteps == GLANCE_MAX_STEPS) {
                memmove(g->steps, g->steps + 1, sizeof g->steps[0] * (GLANCE_MAX_STEPS - 1));
                g->nsteps--;
                g->more++;
            }
            g->steps[g->nsteps++] = cur;
        }
    }
    return 0;
}

/* The dates that can make a rec overdue or at risk: its own due date, its
 * milestones' and its parent's milestones' (not done). The latest-past one
 * decides overdue; the soonest coming one, at risk. */
typedef struct {
    long late;      /* days the earliest past date is past; -1 none */
    long soon;      /* days to the soonest date to come; -1 none */
} due_state;

static void due_note(due_state *d, const char *due, long today)
{
    if (!due || !date_valid(due)) return;
    long diff = today - date_to_days(due);
    if (diff > 0 && diff > d->late) d->late = diff;
    if (diff <= 0 && (d->soon < 0 || -diff < d->soon)) d->soon = -diff;
}

/* Overdue and at risk over the counted recs (not rejected, not done). */
static int load_dues(store_t *s, const view_t *v, glance_t *g, const ent_t *recs, size_t n, store_vis *vis,
                     arena_t *a, err_t *e)
{
    ent_t *ms;
    size_t nms, nk;
    kpi_model *kpis;
    if (store_list(s, &kind_milestone, v, -1, NULL, a, &ms, &nms, e) ||
        kpi_model_list(s, v, g->review, a, &kpis, &nk, e))
        return -1;
    long today = date_to_days(g->as_of);
    g->worst_late = -1;
    for (size_t i = 0; i < n; i++) {
        const ent_t *r = &recs[i];
        if (rejected(r) || glance_done(rec_status(r))) continue;
        due_state d = {-1, -1};
        due_note(&d, r->v[REC_DUE], today);
        for (size_t m = 0; m < nms; m++) {
            const char *of = ms[m].v[MS_REC];
            int st = status_parse(ms[m].v[MS_STATUS] ? ms[m].v[MS_STATUS] : "");
            if (!of || (strcmp(of, r->id) != 0 && !(r->v[REC_PARENT] && strcmp(of, r->v[REC_PARENT]) == 0))) continue;
            if ((st >= 0 && glance_done((status_t)st)) || (vis && store_vis_hidden(vis, &kind_milestone, ms[m].id) != 0))
                continue;
            due_note(&d, ms[m].v[MS_DUE], today);
        }
        int kpi_risk = 0;
        for (size_t k = 0; k < nk; k++) {
            const char *kr = kpis[k].kpi.v[KPI_REC];
            if (kr && (strcmp(kr, r->id) == 0 || (r->v[REC_PARENT] && strcmp(kr, r->v[REC_PARENT]) == 0)) &&
                (kpis[k].eval.status == KPI_AT_RISK || kpis[k].eval.status == KPI_OFF_TRACK) &&
                !(vis && store_vis_hidden(vis, &kind_kpi, kpis[k].kpi.id) != 0))
                kpi_risk = 1;
        }
        if (d.late > 0) {
            g->overdue++;
            if (d.late > g->worst_late) g->worst_late = d.late, g->worst_rec = r->id;
        } else if (kpi_risk || (d.soon >= 0 && d.soon <= GLANCE_RISK_DAYS)) {
            g->at_risk++;
        }
    }
    return 0;
}

/* One more rec under the Board's disposition code. */
static void board_count(glance_t *g, const char *code)
{
    for (size_t i = 0; i < g->nboard; i++)
        if (strcmp(g->board[i].code, code) == 0) { g->board[i].n++; return; }
    if (g->nboard < GLANCE_MAX_BOARD) g->board[g->nboard++] = (glance_board){code, 1};
}

static int verdict_index(const char *v)
{
    if (!v) return GV_NONE;
    if (strcmp(v, "full") == 0) return GV_FULL;
    if (strcmp(v, "partial") == 0) return GV_PARTIAL;
    if (strcmp(v, "not") == 0) return GV_NOT;
    return strcmp(v, "unknown") == 0 ? GV_UNKNOWN : GV_NONE;
}

/* The latest assessment of the review and its verdicts beside the claims. */
static int load_assessment(store_t *s, const view_t *v, glance_t *g, store_vis *vis, arena_t *a, err_t *e)
{
    ent_t *as, *items;
    size_t na, ni;
    if (store_list(s, &kind_assessment, v, ASM_OF, g->review, a, &as, &na, e)) return -1;
    const ent_t *latest = NULL;
    for (size_t i = 0; i < na; i++) {
        int hidden = vis ? store_vis_hidden(vis, &kind_assessment, as[i].id) : 0;
        if (hidden < 0) return -1;
        if (hidden || !as[i].v[ASM_AS_OF]) continue;
        if (!latest || strcmp(as[i].v[ASM_AS_OF], latest->v[ASM_AS_OF]) > 0) latest = &as[i];
    }
    if (!latest) return 0;
    g->assess.id = latest->id;
    g->assess.by = latest->v[ASM_BY];
    g->assess.as_of = latest->v[ASM_AS_OF];
    g->assess.title = latest->v[ASM_TITLE];
    if (store_list(s, &kind_item, v, ITEM_ASSESSMENT, latest->id, a, &items, &ni, e)) return -1;
    for (size_t i = 0; i < ni; i++) {
        ent_t rec;
        if (vis && store_vis_hidden(vis, &kind_item, items[i].id) != 0) continue;
        if (store_get(s, &kind_rec, v, items[i].v[ITEM_REC], a, &rec, e)) {
            if (e->code != ERR_NOTFOUND) return -1;
            continue;
        }
        int vi = verdict_index(items[i].v[ITEM_IMPLEMENTED]);
        status_t st = rec_status(&rec);
        g->assess.items++;
        g->assess.verdict[vi]++;
        g->assess.claim[st]++;
        if (glance_done(st) && (vi == GV_PARTIAL || vi == GV_NOT)) g->assess.divergent++;
    }
    return 0;
}

int glance_load(store_t *s, const view_t *v, const char *review, int include_restricted, arena_t *a, glance_t *g,
                err_t *e)
{
    memset(g, 0, sizeof *g);
    ent_t rv, *recs;
    size_t n;
    if (store_get(s, &kind_review, v, review, a, &rv, e)) return -1;
    g->review = rv.id;
    memcpy(g->as_of, v->as_of, DATE_SIZE);
    prev_quarter_end(v->as_of, g->prev);
    store_vis *vis = NULL;
    if (!include_restricted && !(vis = store_vis_new(s, e))) return -1;
    map_t *parents = map_new();
    int rc = -1;
    if (!parents) { err_nomem(e); goto done; }
    if (counted_recs(s, v, review, vis, a, &recs, &n, &g->top, parents, e)) goto done;
    g->split = map_count(parents);
    tally(recs, n, &g->now);
    const char *first = v->as_of;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(recs[i].since, first) < 0) first = recs[i].since;
        board_count(g, recs[i].v[REC_BOARD] ? recs[i].v[REC_BOARD] : "pending");
    }
    if (load_dues(s, v, g, recs, n, vis, a, e) || load_steps(s, g, n ? first : NULL, vis, a, e) ||
        load_assessment(s, v, g, vis, a, e))
        goto done;
    rc = 0;
done:
    map_free(parents);
    store_vis_free(vis);
    return rc;
}

/* {status: {code: n}, rejected, total, done, underway, not_started}. */
static json_t *counts_json(const glance_counts *c)
{
    json_t *st = json_object();
    for (int i = 0; i < ST_COUNT; i++) json_object_set_new(st, status_name((status_t)i), json_integer((json_int_t)c->status[i]));
    return json_pack("{s:o, s:I, s:I, s:I, s:I, s:I}", "status", st, "rejected", (json_int_t)c->rejected, "total",
                     (json_int_t)c->total, "done", (json_int_t)glance_done_n(c), "underway",
                     (json_int_t)glance_underway_n(c), "not_started", (json_int_t)glance_notstarted_n(c));
}

static json_t *assessment_json(const glance_t *g)
{
    if (!g->assess.id) return json_null();
    static const char *const vnames[GV_COUNT] = {"full", "partial", "not", "unknown", "none"};
    json_t *vd = json_object(), *cl = json_object();
    for (int i = 0; i < GV_COUNT; i++) json_object_set_new(vd, vnames[i], json_integer((json_int_t)g->assess.verdict[i]));
    for (int i = 0; i < ST_COUNT; i++)
        json_object_set_new(cl, status_name((status_t)i), json_integer((json_int_t)g->assess.claim[i]));
    return json_pack("{s:s, s:s?, s:s?, s:s?, s:I, s:o, s:o, s:I}", "id", g->assess.id, "by", g->assess.by, "as_of",
                     g->assess.as_of, "title", g->assess.title, "items", (json_int_t)g->assess.items, "implemented",
                     vd, "claims", cl, "divergent", (json_int_t)g->assess.divergent);
}

json_t *glance_json(const glance_t *g)
{
    json_t *board = json_object(), *steps = json_array();
    for (size_t i = 0; i < g->nboard; i++) json_object_set_new(board, g->board[i].code, json_integer((json_int_t)g->board[i].n));
    for (size_t i = 0; i < g->nsteps; i++)
        json_array_append_new(steps, json_pack("{s:s, s:o}", "date", g->steps[i].date, "counts", counts_json(&g->steps[i].c)));
    return json_pack("{s:s, s:s, s:{s:s, s:I, s:I, s:I}, s:o, s:{s:s, s:o}, s:I, s:o, s:o, s:I, s:o, s:o, s:I, s:o}",
                     "review", g->review, "as_of", g->as_of,
                     "counted", "rule", "each recommendation once, or each of its sub-items where it has them",
                     "top_level", (json_int_t)g->top, "split", (json_int_t)g->split, "total", (json_int_t)g->now.total,
                     "now", counts_json(&g->now),
                     "previous", "as_of", g->prev, "counts", counts_json(&g->before),
                     "overdue", (json_int_t)g->overdue,
                     "worst_late_days", g->worst_late < 0 ? json_null() : json_integer(g->worst_late),
                     "worst_rec", g->worst_rec ? json_string(g->worst_rec) : json_null(),
                     "at_risk", (json_int_t)g->at_risk, "board", board, "steps", steps,
                     "earlier_changes", (json_int_t)g->more, "assessment", assessment_json(g));
}
