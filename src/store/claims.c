/* claims.c — queries behind claims and verdicts, and the verification
 * write; see claims.h. */
#include "store/claims.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/id.h"
#include "store/internal.h"

#include "util/date.h"

static int cmp_id(const void *a, const void *b)
{
    const ent_t *x = a, *y = b;
    int c = id_natural_cmp(x->id, y->id);
    return c ? c : strcmp(x->id, y->id);
}

/* Append to *out the evidence in view cited for target (of target_kind). */
static int evidence_for(store_t *s, const view_t *v, const char *target_kind, const char *target, arena_t *a,
                        ent_t **out, size_t *n, size_t *cap, err_t *e)
{
    ent_t *ev;
    size_t nev;
    if (store_list(s, &kind_evidence, v, EV_TARGET, target, a, &ev, &nev, e)) return -1;
    for (size_t i = 0; i < nev; i++) {
        if (strcmp(ev[i].v[EV_TARGET_KIND], target_kind) != 0) continue;
        if (arena_grow(a, (void **)out, *n, cap, sizeof **out, 8)) return err_nomem(e);
        (*out)[(*n)++] = ev[i];
    }
    return 0;
}

int store_evidence_on(store_t *s, const view_t *v, const char *rec, const ent_t *ms, size_t nms, arena_t *a,
                      ent_t **out, size_t *n, err_t *e)
{
    ent_t *ev = NULL;
    size_t nev = 0, cap = 0;
    /* By target (an indexed, fixed field): what one rec cites, not every
     * piece of evidence of the tracker. */
    if (evidence_for(s, v, "rec", rec, a, &ev, &nev, &cap, e)) return -1;
    for (size_t m = 0; m < nms; m++)
        if (evidence_for(s, v, "milestone", ms[m].id, a, &ev, &nev, &cap, e)) return -1;
    if (nev > 1) qsort(ev, nev, sizeof *ev, cmp_id);
    *out = ev;
    *n = nev;
    return 0;
}

int store_evidence_public(store_t *s, ent_t *ev, size_t *n, err_t *e)
{
    store_vis *vis = store_vis_new(s, e);
    if (!vis) return -1;
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++)
        if (store_vis_hidden(vis, &kind_evidence, ev[i].id) == 0) ev[kept++] = ev[i];
    store_vis_free(vis);
    *n = kept;
    return 0;
}

int store_rec_evidence(store_t *s, const view_t *v, const char *rec, int public_only, arena_t *a,
                       ent_t **out, size_t *n, err_t *e)
{
    ent_t *ms;
    size_t nms;
    if (store_list(s, &kind_milestone, v, MS_REC, rec, a, &ms, &nms, e) ||
        store_evidence_on(s, v, rec, ms, nms, a, out, n, e))
        return -1;
    return public_only ? store_evidence_public(s, *out, n, e) : 0;
}

int store_latest_verdict(store_t *s, const view_t *v, const char *rec, const char *assessment, arena_t *a,
                         ent_t *item, ent_t *asm_out, int *found, err_t *e)
{
    ent_t *items;
    size_t n;
    *found = 0;
    if (store_list(s, &kind_item, v, ITEM_REC, rec, a, &items, &n, e)) return -1;
    for (size_t i = 0; i < n; i++) {
        ent_t as;
        const char *aid = items[i].v[ITEM_ASSESSMENT];
        if (assessment && strcmp(aid, assessment) != 0) continue;
        int rc = store_get(s, &kind_assessment, v, aid, a, &as, e);
        if (rc && e->code == ERR_NOTFOUND) continue;
        if (rc) return -1;
        /* Items come in id order: on equal dates the later id wins. */
        if (*found && strcmp(as.v[ASM_AS_OF], asm_out->v[ASM_AS_OF]) < 0) continue;
        *item = items[i];
        *asm_out = as;
        *found = 1;
    }
    return 0;
}

/* The latest change in view v of entity/rec/field (by effective date, then
 * seq) into *out, or *out NULL. The log's index (entity, entity_id,
 * effective_at, seq) is walked from its end: a step or two, not the rec's
 * whole history. */
static int latest_change(store_t *s, const view_t *v, const char *entity, const char *rec, const char *field,
                         arena_t *a, const change_t **out, err_t *e)
{
    sqlite3_stmt *st;
    change_t *ch;
    size_t n;
    *out = NULL;
    if (db_cached(s, "SELECT " CHANGE_COLUMNS " FROM change_log WHERE entity = ?1 AND entity_id = ?2"
                     " AND field = ?3 AND substr(effective_at, 1, 10) <= ?4 AND seq <= ?5"
                     " ORDER BY effective_at DESC, seq DESC LIMIT 1", &st, e))
        return -1;
    sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rec, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, field, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, v->as_of, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, v->max_seq == 0 ? INT64_MAX : v->max_seq);
    int rc = db_read_changes(s, st, a, &ch, &n, e);
    db_release(s, st);
    if (rc) return -1;
    if (n) *out = ch;
    return 0;
}

int store_claim_state(store_t *s, const view_t *v, const char *rec, arena_t *a, claim_state *out, err_t *e)
{
    /* claim_state_of's rule (core/claims.c) over the only two changes it
     * can pick: the latest status of the rec, the latest verified claim. */
    const change_t *got[2];
    size_t n = 0;
    const change_t *claim, *ver;
    if (latest_change(s, v, "rec", rec, "status", a, &claim, e) ||
        latest_change(s, v, "verification", rec, "claim", a, &ver, e))
        return -1;
    if (claim) got[n++] = claim;
    if (ver) got[n++] = ver;
    change_t *ch = arena_alloc(a, sizeof *ch * 2);
    if (!ch) return err_nomem(e);
    for (size_t i = 0; i < n; i++) ch[i] = *got[i];
    claim_state_of(rec, ch, n, out);
    return 0;
}

int op_verify_rec(store_t *s, const verify_args *va, arena_t *a, err_t *e)
{
    view_t v;
    ent_t rec, *ev;
    size_t nev;
    claim_state cs;
    if (va->effective && !date_valid(va->effective))
        return err_set(e, ERR_INPUT, "--effective: '%.40s' is not a valid date (YYYY-MM-DD)", va->effective);
    if (store_view(s, va->effective, NULL, &v, e)) return -1;
    if (store_get(s, &kind_rec, &v, va->rec, a, &rec, e)) return -1;
    if (!claim_is_completion(rec.v[REC_STATUS]))
        return err_set(e, ERR_INPUT, "%s is %s on %s: only a claim of complete or ongoing is verified",
                       va->rec, rec.v[REC_STATUS], v.as_of);
    if (store_claim_state(s, &v, va->rec, a, &cs, e)) return -1;
    if (!cs.claim) return err_set(e, ERR_INPUT, "%s: no completion claim to verify", va->rec);
    if (strcmp(cs.claim->actor, va->actor) == 0)
        return err_set(e, ERR_INPUT, "%s: %s made this claim (seq %lld); someone else must verify it",
                       va->rec, va->actor, cs.claim->seq);
    if (store_rec_evidence(s, &v, va->rec, 0, a, &ev, &nev, e)) return -1;
    int has_note = va->no_evidence_reason && *va->no_evidence_reason;
    if (nev == 0 && !has_note)
        return err_set(e, ERR_INPUT, "%s has no evidence on it or its milestones: add some, or say why with "
                       "--no-evidence-reason", va->rec);
    int exists = store_exists(s, &kind_verification, va->rec, e);
    if (exists < 0) return -1;
    char *claim = arena_printf(a, "%lld", cs.claim->seq);
    if (!claim) return err_nomem(e);
    field_value fv[3];
    int n = 0;
    if (!exists) fv[n++] = (field_value){"rec", va->rec};
    fv[n++] = (field_value){"claim", claim};
    /* The note belongs to this verification: an earlier one's is cleared. */
    if (has_note || exists) fv[n++] = (field_value){"note", has_note ? va->no_evidence_reason : ""};
    edit_t ed = {exists ? EDIT_UPDATE : EDIT_CREATE, &kind_verification, va->rec, fv, n, v.as_of, va->actor,
                 va->reason};
    return store_edit(s, &ed, e);
}
