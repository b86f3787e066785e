/* json_view.c — see json_view.h. */
#include "report/json_view.h"

#include "util/hex.h"

/* JSON text with < > & written as \u escapes: they can only occur inside
 * strings, and escaped they can never close a tag of a page that embeds the
 * JSON, nor be sniffed as markup. */
static int append_json(const char *data, size_t n, void *ctx)
{
    buf_t *b = ctx;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = data[i] == '<' ? "\\u003c" : data[i] == '>' ? "\\u003e" : data[i] == '&' ? "\\u0026" : NULL;
        if (!rep) continue;
        buf_append(b, data + run, i - run);
        buf_puts(b, rep);
        run = i + 1;
    }
    buf_append(b, data + run, n - run);
    return buf_ok(b) ? 0 : -1;
}

int json_to_buf(json_t *j, buf_t *b)
{
    if (!j) return -1;
    int rc = json_dump_callback(j, append_json, b, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(j);
    buf_putc(b, '\n');
    return rc == 0 && buf_ok(b) ? 0 : -1;
}

json_t *json_str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* Set key to the value for field f of the kind (bool, string or null). */
static int put_field(json_t *o, const field_def *f, const char *v)
{
    json_t *j = f->type == FT_BOOL ? json_boolean(field_true(v)) : json_str_or_null(v);
    return json_object_set_new(o, f->name, j);
}

json_t *json_entity(const kind_def *k, const ent_t *en)
{
    json_t *o = json_object();
    if (!o) return NULL;
    int bad = json_object_set_new(o, "id", json_string(en->id));
    for (int f = 0; f < k->nfields && !bad; f++) bad = put_field(o, &k->fields[f], en->v[f]);
    if (bad) { json_decref(o); return NULL; }
    return o;
}

json_t *json_milestone(const ent_t *m)
{
    json_t *o = json_object();
    if (!o) return NULL;
    int bad = json_object_set_new(o, "id", json_string(m->id));
    static const int order[] = {MS_TITLE, MS_STATUS, MS_DUE, MS_DONE, MS_REC, MS_RESTRICTED};
    for (size_t i = 0; i < sizeof order / sizeof order[0] && !bad; i++)
        bad = put_field(o, &kind_milestone.fields[order[i]], m->v[order[i]]);
    if (bad) { json_decref(o); return NULL; }
    return o;
}

json_t *json_rec(const ent_t *rec, const ent_t *ms, size_t nms, const view_t *v)
{
    json_t *o = json_entity(&kind_rec, rec);
    json_t *arr = json_array();
    if (!o || !arr) { json_decref(o); json_decref(arr); return NULL; }
    int bad = json_object_set_new(o, "since", json_string(rec->since)) ||
              json_object_set_new(o, "changed", json_string(rec->changed)) ||
              json_object_set_new(o, "as_of", json_string(v->as_of)) ||
              (v->known_at[0] && json_object_set_new(o, "known_at", json_string(v->known_at)));
    for (size_t i = 0; i < nms && !bad; i++) bad = json_array_append_new(arr, json_milestone(&ms[i]));
    if (bad || json_object_set_new(o, "milestones", arr)) {
        if (bad) json_decref(arr);
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *json_change(const change_t *c)
{
    char hash[65];
    hex_encode(c->hash, 32, hash);
    /* tx is null for a row of version 1, whose encoding has neither tx nor
     * reported date (its "reported" is then the date it was recorded). */
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s}",
                     "seq", (json_int_t)c->seq, "entity", c->entity, "entity_id", c->entity_id,
                     "field", c->field, "value", c->value, "effective_at", c->effective_at,
                     "recorded_at", c->recorded_at, "actor", c->actor, "reason", c->reason,
                     "reported", c->reported_at ? c->reported_at : "",
                     "tx", c->tx ? json_integer(c->tx) : json_null(), "hash", hash);
}

json_t *json_verified(const claim_state *cs)
{
    const change_t *v = cs->verification;
    if (!v) return json_null();
    return json_pack("{s:s, s:s, s:s, s:I}", "by", v->actor, "effective", v->effective_at, "recorded",
                     v->recorded_at, "claim", (json_int_t)cs->claim->seq);
}
