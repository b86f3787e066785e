/* digest.c — what goes into one recipient's digest; see digest.h. The
 * collector walks the recs in view once, keeps those the recipient owns or
 * watches, and asks the delivery record of each candidate item whether it
 * is news. */
#include "report/digest.h"

#include <stdlib.h>
#include <string.h>

#include "report/kpi_view.h"
#include "util/text.h"

typedef struct {
    store_t *s;
    const recipient_t *r;
    view_t v;
    arena_t *a;
    err_t *e;
    store_vis *vis;
    char horizon[DATE_SIZE];
    watch_t *w;
    size_t nw;
    digest_t *d;
    size_t cap;
} collector;

/* Add an item unless it was delivered already or the digest is full. */
static int add(collector *c, digest_section sec, const char *key, const char *what, const char *title,
               const char *date, const char *detail, const char *path)
{
    if (!key || !what || !path) return err_nomem(c->e);
    if (c->d->n >= DIGEST_MAX_ITEMS) return 0;
    int sent = notify_was_sent(c->s, c->r->key, key, c->e);
    if (sent) return sent < 0 ? -1 : 0;
    if (arena_grow(c->a, (void **)&c->d->items, c->d->n, &c->cap, sizeof *c->d->items, 16)) return err_nomem(c->e);
    c->d->items[c->d->n++] = (digest_item){sec, key, what, title, date, detail, path};
    return 0;
}

static int watched(const collector *c, const char *kind, const char *id)
{
    for (size_t i = 0; i < c->nw; i++)
        if (!strcmp(c->w[i].kind, kind) && !strcmp(c->w[i].id, id)) return 1;
    return 0;
}

/* A due date: overdue before as_of, due up to the horizon; nothing once
 * complete or deferred. word names the kind in the item's key. */
static int due(collector *c, const char *word, const char *label, const char *id, const char *title,
               const char *date, const char *status, const char *path)
{
    if (!date || !*date || strcmp(date, c->horizon) > 0) return 0;
    if (status && (!strcmp(status, "complete") || !strcmp(status, "deferred"))) return 0;
    int over = strcmp(date, c->v.as_of) < 0;
    date = arena_strdup(c->a, date);   /* a KPI's next_due lives on the caller's stack */
    if (!date) return err_nomem(c->e);
    return add(c, over ? DG_OVERDUE : DG_DUE, arena_printf(c->a, "%s %s %s %s", word, id, over ? "overdue" : "due", date),
               arena_printf(c->a, "%s %s", label, id), title, date, NULL, path);
}

/* The milestones and KPIs of one rec. */
static int rec_parts(collector *c, const ent_t *rec, const char *path)
{
    ent_t *ms, *kpis;
    size_t nms, nk;
    if (store_list(c->s, &kind_milestone, &c->v, MS_REC, rec->id, c->a, &ms, &nms, c->e)) return -1;
    for (size_t i = 0; i < nms; i++) {
        int hidden = store_vis_hidden(c->vis, &kind_milestone, ms[i].id);
        if (hidden < 0) return -1;
        if (!hidden && due(c, "milestone", "Milestone", ms[i].id, ms[i].v[MS_TITLE], ms[i].v[MS_DUE],
                           ms[i].v[MS_STATUS], path))
            return -1;
    }
    if (store_list(c->s, &kind_kpi, &c->v, KPI_REC, rec->id, c->a, &kpis, &nk, c->e)) return -1;
    for (size_t i = 0; i < nk; i++) {
        kpi_model m;
        if (kpi_model_load(c->s, &c->v, kpis[i].id, c->a, &m, c->e)) return -1;
        if (due(c, "kpi", "Measurement of KPI", kpis[i].id, kpis[i].v[KPI_NAME], m.eval.next_due, NULL, "/kpis"))
            return -1;
    }
    return 0;
}

/* Changes to a watched rec (its milestones and links included) recorded
 * after the watch began, each once. */
static int rec_changes(collector *c, const ent_t *rec, long long from_seq, const char *path)
{
    change_t *ch;
    size_t n;
    if (store_history(c->s, &kind_rec, rec->id, c->a, &ch, &n, c->e)) return -1;
    for (size_t i = 0; i < n; i++) {
        if (ch[i].seq <= from_seq) continue;
        const kind_def *k = kind_find(ch[i].entity);
        int hidden = k ? store_vis_hidden(c->vis, k, ch[i].entity_id) : 1;
        if (hidden < 0) return -1;
        if (hidden) continue;
        if (add(c, DG_CHANGE, arena_printf(c->a, "change %lld", ch[i].seq),
                arena_printf(c->a, "%s %s", ch[i].entity, ch[i].entity_id), rec->v[REC_TITLE], ch[i].effective_at,
                arena_printf(c->a, "%s: %.*s", ch[i].field, (int)utf8_prefix(ch[i].value, 200), ch[i].value), path))
            return -1;
    }
    return 0;
}

/* Comments on a watched rec or its milestones, new or edited since the
 * watch began, each version once. */
static int rec_comments(collector *c, const ent_t *rec, long long from_seq, const char *path)
{
    ent_t *ms;
    size_t nms;
    if (store_list(c->s, &kind_milestone, &c->v, MS_REC, rec->id, c->a, &ms, &nms, c->e)) return -1;
    for (size_t t = 0; t <= nms; t++) {
        const char *target = t == 0 ? rec->id : ms[t - 1].id;
        ent_t *cs;
        size_t n;
        if (store_list(c->s, &kind_comment, &c->v, COMMENT_TARGET, target, c->a, &cs, &n, c->e)) return -1;
        for (size_t i = 0; i < n; i++) {
            if (cs[i].last_seq <= from_seq || strcmp(cs[i].v[COMMENT_TARGET_KIND], t ? "milestone" : "rec")) continue;
            int hidden = store_vis_hidden(c->vis, &kind_comment, cs[i].id);
            if (hidden < 0) return -1;
            if (!hidden && add(c, DG_CHANGE, arena_printf(c->a, "comment %s %lld", cs[i].id, cs[i].last_seq),
                               arena_printf(c->a, "Comment %s by %s on %s", cs[i].id, cs[i].v[COMMENT_AUTHOR], target),
                               rec->v[REC_TITLE], cs[i].changed,
                               arena_strndup(c->a, cs[i].v[COMMENT_TEXT], utf8_prefix(cs[i].v[COMMENT_TEXT], 300)), path))
                return -1;
        }
    }
    return 0;
}

static int recs(collector *c)
{
    ent_t *all;
    size_t n;
    if (store_list(c->s, &kind_rec, &c->v, -1, NULL, c->a, &all, &n, c->e)) return -1;
    for (size_t i = 0; i < n; i++) {
        const ent_t *r = &all[i];
        const char *owner = r->v[REC_OWNER];
        int mine = owner && !strcmp(owner, c->r->name);
        int watch_rec = c->r->is_user && watched(c, "rec", r->id);
        int watch_review = c->r->is_user && r->v[REC_REVIEW] && watched(c, "review", r->v[REC_REVIEW]);
        if (!mine && !watch_rec && !watch_review) continue;
        int hidden = store_vis_hidden(c->vis, &kind_rec, r->id);
        if (hidden < 0) return -1;
        if (hidden) continue;
        const char *path = arena_printf(c->a, "/recs/%s", r->id);
        if (!path) return err_nomem(c->e);
        if (due(c, "rec", "Rec", r->id, r->v[REC_TITLE], r->v[REC_DUE], r->v[REC_STATUS], path) ||
            rec_parts(c, r, path))
            return -1;
        for (size_t k = 0; k < c->nw && watch_rec; k++)
            if (!strcmp(c->w[k].kind, "rec") && !strcmp(c->w[k].id, r->id) &&
                (rec_changes(c, r, c->w[k].from_seq, path) || rec_comments(c, r, c->w[k].from_seq, path)))
                return -1;
    }
    return 0;
}

/* Items of watched assessments, not yet approved, that the user has not
 * signed off. */
static int signoffs(collector *c)
{
    for (size_t k = 0; k < c->nw; k++) {
        if (strcmp(c->w[k].kind, "assessment") != 0) continue;
        ent_t *items;
        size_t n;
        if (store_list(c->s, &kind_item, &c->v, ITEM_ASSESSMENT, c->w[k].id, c->a, &items, &n, c->e)) return -1;
        for (size_t i = 0; i < n; i++) {
            const char *state = items[i].v[ITEM_STATE];
            if (state && !strcmp(state, "approved")) continue;
            int hidden = store_vis_hidden(c->vis, &kind_item, items[i].id);
            if (hidden < 0) return -1;
            const char *sid = arena_printf(c->a, "%s by %s", items[i].id, c->r->name);
            if (!sid) return err_nomem(c->e);
            ent_t so;
            if (store_get(c->s, &kind_signoff, &c->v, sid, c->a, &so, c->e) == 0) {
                if (field_true(so.v[SIGN_ACTIVE])) continue;
            } else if (c->e->code != ERR_NOTFOUND) {
                return -1;
            }
            *c->e = (err_t){0};
            if (!hidden && add(c, DG_SIGNOFF, arena_printf(c->a, "signoff %s %s", items[i].id, state ? state : ""),
                               arena_printf(c->a, "Assessment item %s", items[i].id), items[i].v[ITEM_REC_TEXT], NULL,
                               NULL, arena_printf(c->a, "/assessments/%s", c->w[k].id)))
                return -1;
        }
    }
    return 0;
}

static int by_section(const void *x, const void *y)
{
    const digest_item *a = x, *b = y;
    if (a->section != b->section) return (int)a->section - (int)b->section;
    int d = strcmp(a->date ? a->date : "", b->date ? b->date : "");
    return d ? d : strcmp(a->key, b->key);
}

int digest_collect(store_t *s, const recipient_t *r, const char *as_of, arena_t *a, digest_t *out, err_t *e)
{
    *out = (digest_t){r, NULL, NULL, 0};
    collector c = {.s = s, .r = r, .a = a, .e = e, .d = out};
    if (store_view(s, as_of, NULL, &c.v, e)) return -1;
    out->as_of = arena_strdup(a, c.v.as_of);
    date_add_days(c.v.as_of, DIGEST_DAYS, c.horizon);
    if (!out->as_of) return err_nomem(e);
    if (r->is_user && contacts_watches(s, r->name, a, &c.w, &c.nw, e)) return -1;
    c.vis = store_vis_new(s, e);
    if (!c.vis) return -1;
    int rc = recs(&c) || signoffs(&c) ? -1 : 0;
    store_vis_free(c.vis);
    if (rc == 0 && out->n > 1) qsort(out->items, out->n, sizeof *out->items, by_section);
    return rc;
}
