/* webhook_payload.c — see webhook_payload.h. Built with Jansson, so every
 * string from the data is escaped by the JSON encoder. */
#include "report/webhook_payload.h"

#include <jansson.h>
#include <string.h>

#include "util/alloc.h"

static json_t *change_json(const change_t *c)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "seq", (json_int_t)c->seq, "entity", c->entity, "id",
                     c->entity_id, "field", c->field, "value", c->value, "effective_at", c->effective_at,
                     "reported_at", c->reported_at ? c->reported_at : c->effective_at);
}

/* "3 changes to rec SSR1-6" or "3 changes to 2 things". */
static char *summary(arena_t *a, const change_t **shown, size_t n)
{
    size_t things = 1;
    for (size_t i = 1; i < n; i++)
        if (strcmp(shown[i]->entity, shown[0]->entity) || strcmp(shown[i]->entity_id, shown[0]->entity_id)) things = 2;
    if (things == 1)
        return arena_printf(a, "%zu change%s to %s %s", n, n == 1 ? "" : "s", shown[0]->entity, shown[0]->entity_id);
    return arena_printf(a, "%zu changes to several things", n);
}

int webhook_payload(store_vis *vis, const change_t *ch, size_t n, const char *base_url, arena_t *a, const char **out,
                    err_t *e)
{
    *out = NULL;
    const change_t **shown = arena_alloc(a, (n ? n : 1) * sizeof *shown);
    if (!shown) return err_nomem(e);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const kind_def *kd = kind_find(ch[i].entity);
        int hidden = kd ? store_vis_hidden(vis, kd, ch[i].entity_id) : 1;
        if (hidden < 0) return -1;
        if (!hidden) shown[k++] = &ch[i];
    }
    if (k == 0) return 0;
    json_t *list = json_array();
    for (size_t i = 0; list && i < k && i < WEBHOOK_MAX_CHANGES; i++)
        if (json_array_append_new(list, change_json(shown[i]))) { json_decref(list); list = NULL; }
    /* A link to the page of the first rec touched, when there is one. */
    char *url = NULL;
    for (size_t i = 0; base_url && i < k && !url; i++)
        if (!strcmp(shown[i]->entity, "rec")) url = arena_printf(a, "%s/recs/%s", base_url, shown[i]->entity_id);
    const char *sum = summary(a, shown, k);
    json_t *body = list && sum ? json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:O, s:I, s:s?}", "event", "transaction",
                                           "tx", (json_int_t)(ch[0].tx ? ch[0].tx : ch[0].seq), "recorded_at",
                                           ch[0].recorded_at, "actor", ch[0].actor, "reason", ch[0].reason, "summary",
                                           sum, "changes", list, "omitted",
                                           (json_int_t)(k > WEBHOOK_MAX_CHANGES ? k - WEBHOOK_MAX_CHANGES : 0), "url", url)
                                : NULL;
    json_decref(list);
    if (!body) return err_nomem(e);
    char *text = json_dumps(body, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(body);
    *out = text ? arena_strdup(a, text) : NULL;
    mem_free(text);
    return *out ? 0 : err_nomem(e);
}
