/* webhook_payload.c — see webhook_payload.h. Built with Jansson, so every
 * string from the data is escaped by the JSON encoder. */
#include "report/webhook_payload.h"

#include <jansson.h>
#include <string.h>

#include "store/transactions.h"
#include "util/alloc.h"

static json_t *change_json(const change_t *c)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "seq", (json_int_t)c->seq, "entity", c->entity, "id",
                     c->entity_id, "field", c->field, "value", c->value, "effective_at", c->effective_at,
                     "reported_at", c->reported_at ? c->reported_at : c->effective_at);
}

/* The line in words pages and the feed show for the same changes
 * (core/tx_summary.h), with the old values and new things from the log. */
static const char *summary(store_t *s, const change_t **shown, size_t n, arena_t *a, err_t *e)
{
    tx_change *tc = arena_alloc(a, n * sizeof *tc);
    if (!tc) return err_nomem(e), NULL;
    for (size_t i = 0; i < n; i++) tc[i] = (tx_change){shown[i], NULL, 0};
    if (store_tx_context(s, tc, n, n <= TX_OLD_MAX, a, e)) return NULL;
    int about;
    const char *line = tx_summary(tc, n, a, &about);
    if (!line) err_nomem(e);
    return line;
}

int webhook_payload(store_t *s, store_vis *vis, const change_t *ch, size_t n, const char *base_url, arena_t *a, const char **out,
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
    const char *sum = summary(s, shown, k, a, e);
    if (!sum) return -1;
    json_t *list = json_array();
    for (size_t i = 0; list && i < k && i < WEBHOOK_MAX_CHANGES; i++)
        if (json_array_append_new(list, change_json(shown[i]))) { json_decref(list); list = NULL; }
    /* A link to the page of the first rec touched, when there is one. */
    char *url = NULL;
    for (size_t i = 0; base_url && i < k && !url; i++)
        if (!strcmp(shown[i]->entity, "rec")) url = arena_printf(a, "%s/recs/%s", base_url, shown[i]->entity_id);
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
