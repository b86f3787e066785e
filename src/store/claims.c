/* claims.c — queries behind claims and verdicts, and the verification
 * write; see claims.h. */
#include "store/claims.h"

#include <string.h>

#include "util/date.h"

int store_rec_evidence(store_t *s, const view_t *v, const char *rec, int public_only, arena_t *a,
                       ent_t **out, size_t *n, err_t *e)
{
    ent_t *ms, *ev;
    size_t nms, nev;
    store_vis *vis = NULL;
    if (store_list(s, &kind_milestone, v, MS_REC, rec, a, &ms, &nms, e) ||
        store_list(s, &kind_evidence, v, -1, NULL, a, &ev, &nev, e) ||
        (public_only && !(vis = store_vis_new(s, e))))
        return -1;
    size_t kept = 0;
    for (size_t i = 0; i < nev; i++) {
        const char *tk = ev[i].v[EV_TARGET_KIND], *target = ev[i].v[EV_TARGET];
        int mine = strcmp(tk, "rec") == 0 && strcmp(target, rec) == 0;
        for (size_t m = 0; !mine && m < nms; m++)
            mine = strcmp(tk, "milestone") == 0 && strcmp(target, ms[m].id) == 0;
        if (mine && vis && store_vis_hidden(vis, &kind_evidence, ev[i].id) != 0) mine = 0;
        if (mine) ev[kept++] = ev[i];
    }
    store_vis_free(vis);
    *out = ev;
    *n = kept;
    return 0;
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

int store_claim_state(store_t *s, const view_t *v, const char *rec, arena_t *a, claim_state *out, err_t *e)
{
    change_t *ch;
    size_t n;
    if (store_history(s, &kind_rec, rec, a, &ch, &n, e)) return -1;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (store_change_in_view(&ch[i], v)) ch[kept++] = ch[i];
    claim_state_of(rec, ch, kept, out);
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
