/* canonical.c — streaming import and export of the canonical JSON format.
 *
 * The document is one object; its "changes" array may hold millions of
 * entries, so it is walked element by element: Jansson decodes one value at
 * a time (JSON_DISABLE_EOF_CHECK) and reports how many bytes it used. */
#include "import/canonical.h"

#include <jansson.h>
#include <string.h>

#include "import/flat_json.h"
#include "ledger/hash.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/fmt.h"
#include "util/hex.h"

#define FORMAT_NAME "ssrtrack"
#define FORMAT_VERSION 2

typedef struct {
    const char *name;
    const char *data;
    size_t len, pos;
    size_t line_pos;   /* newlines counted up to here */
    long line;
    err_t *e;
    /* The transaction of the previous entry: its "tx", 0 when it had none,
     * -1 for a version-1 row; group_start: the seq its group began at. */
    long long group, group_start;
} reader;

static long line_at(reader *r, size_t pos)
{
    for (; r->line_pos < pos && r->line_pos < r->len; r->line_pos++)
        if (r->data[r->line_pos] == '\n') r->line++;
    return r->line;
}

static int fail(reader *r, size_t pos, const char *what)
{
    return err_set(r->e, ERR_INPUT, "%s:%ld: %s", r->name, line_at(r, pos), what);
}

static void skip_ws(reader *r)
{
    while (r->pos < r->len && strchr(" \t\r\n", r->data[r->pos]) && r->data[r->pos]) r->pos++;
}

/* Decode one JSON value at r->pos; NULL with the error set. */
static json_t *next_value(reader *r)
{
    json_error_t je;
    long failures = mem_failures();
    json_t *v = json_loadb(r->data + r->pos, r->len - r->pos,
                           JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &je);
    if (!v && mem_failures() != failures) {   /* Jansson may call that a syntax error */
        err_nomem(r->e);
        return NULL;
    }
    if (!v) {
        char msg[300];
        snprintf(msg, sizeof msg, "invalid JSON: %s", je.text);
        long base = line_at(r, r->pos);
        err_set(r->e, ERR_INPUT, "%s:%ld: %s", r->name, base + je.line - 1, msg);
        return NULL;
    }
    r->pos += (size_t)je.position;
    return v;
}

static int expect(reader *r, char c)
{
    skip_ws(r);
    if (r->pos >= r->len) return fail(r, r->pos, "unexpected end of file (the document is truncated)");
    if (r->data[r->pos] != c) {
        char msg[60];
        snprintf(msg, sizeof msg, "expected '%c'", c);
        return fail(r, r->pos, msg);
    }
    r->pos++;
    return 0;
}

/* A string member of an entry: required ones must be present. */
static int member(reader *r, size_t at, long i, const flat_object *o, const char *key,
                  int required, const char **out)
{
    const flat_member *m = flat_get(o, key);
    char msg[120];
    *out = NULL;
    if (!m) {
        if (!required) return 0;
        snprintf(msg, sizeof msg, "changes[%ld]: '%s' is missing", i, key);
        return fail(r, at, msg);
    }
    if (m->type != FJ_STRING) {
        snprintf(msg, sizeof msg, "changes[%ld]: '%s' must be a string", i, key);
        return fail(r, at, msg);
    }
    *out = m->str;
    return 0;
}

/* Put the entry in its transaction (docs/format.md): entries with the same
 * "tx" one after another make one; entries without one, one after another,
 * another; an entry with a hash but no "tx" is a row of version 1. With seq,
 * a "tx" must be the seq its transaction begins at. */
static int group_entry(store_t *s, reader *r, size_t at, long i, const flat_object *o, int hashed,
                       long long next)
{
    const flat_member *tx = flat_get(o, "tx");
    char msg[160];
    if (tx && (tx->type != FJ_INT || tx->num < 1)) {
        snprintf(msg, sizeof msg, "changes[%ld]: 'tx' must be a positive integer", i);
        return fail(r, at, msg);
    }
    long long group = tx ? tx->num : hashed ? -1 : 0;
    if (group == -1) store_version1_rows(s);
    else if (group != r->group || r->group_start == 0) {
        store_new_tx(s);
        r->group_start = next;
    }
    r->group = group;
    if (tx && flat_get(o, "seq") && tx->num != r->group_start) {
        snprintf(msg, sizeof msg, "changes[%ld]: tx %lld is not the seq its transaction begins at (%lld)",
                 i, tx->num, r->group_start);
        return fail(r, at, msg);
    }
    return 0;
}

static int import_entry(store_t *s, reader *r, size_t at, long i, const flat_object *o,
                        const char *actor, canon_stats *st)
{
    static const char *const known[] = {"seq", "entity", "entity_id", "field", "value",
                                        "effective_at", "recorded_at", "actor", "reason",
                                        "reported", "tx", "hash", NULL};
    char msg[400];
    for (int m = 0; m < o->n; m++) {
        int ok = 0;
        for (int k = 0; known[k]; k++) ok |= strcmp(o->m[m].key, known[k]) == 0;
        if (!ok) {
            snprintf(msg, sizeof msg, "changes[%ld]: unknown key '%.40s'", i, o->m[m].key);
            return fail(r, at, msg);
        }
    }
    const char *entity, *id, *field, *value, *eff, *rec, *who, *why, *rep, *hash;
    if (member(r, at, i, o, "entity", 1, &entity) || member(r, at, i, o, "entity_id", 1, &id) ||
        member(r, at, i, o, "field", 1, &field) || member(r, at, i, o, "value", 1, &value) ||
        member(r, at, i, o, "effective_at", 1, &eff) || member(r, at, i, o, "recorded_at", 0, &rec) ||
        member(r, at, i, o, "actor", 0, &who) || member(r, at, i, o, "reason", 0, &why) ||
        member(r, at, i, o, "reported", 0, &rep) || member(r, at, i, o, "hash", 0, &hash))
        return -1;
    const kind_def *k = kind_find(entity);
    if (!k) {
        snprintf(msg, sizeof msg, "changes[%ld]: unknown entity '%.40s'", i, entity);
        return fail(r, at, msg);
    }
    const flat_member *seq = flat_get(o, "seq");
    long long next = store_head_seq(s) + 1;
    if (seq && (seq->type != FJ_INT || seq->num != next)) {
        snprintf(msg, sizeof msg, "changes[%ld]: seq %lld does not follow the database's last change "
                 "(%lld); a full export imports only into an empty database", i,
                 seq->type == FJ_INT ? seq->num : -1LL, next - 1);
        return fail(r, at, msg);
    }
    if (rec) {
        char ts[TS_SIZE];
        if (ts_parse(rec, 0, ts) != 0) {
            snprintf(msg, sizeof msg, "changes[%ld]: recorded_at '%.40s' is not a timestamp", i, rec);
            return fail(r, at, msg);
        }
        if (store_set_recorded(s, ts, r->e)) {
            snprintf(msg, sizeof msg, "changes[%ld]", i);
            return err_prefix(r->e, "%s:%ld: %s", r->name, line_at(r, at), msg);
        }
    }
    if (hash && !seq) {
        snprintf(msg, sizeof msg, "changes[%ld]: a hash needs its seq", i);
        return fail(r, at, msg);
    }
    if (store_set_reported(s, rep, r->e)) {
        snprintf(msg, sizeof msg, "changes[%ld]: reported", i);
        return err_prefix(r->e, "%s:%ld: %s", r->name, line_at(r, at), msg);
    }
    if (group_entry(s, r, at, i, o, hash != NULL, next)) return -1;
    if (store_append(s, k, id, field, value, eff, who ? who : actor, why ? why : "", r->e)) {
        snprintf(msg, sizeof msg, "changes[%ld] (%s %s)", i, entity, id);
        return err_prefix(r->e, "%s:%ld: %s", r->name, line_at(r, at), msg);
    }
    if (hash) {
        /* The file's hash must be the one this database computed for the row. */
        unsigned char want[32], have[32];
        long long head;
        if (hex_decode(hash, want, 32) != 0) {
            snprintf(msg, sizeof msg, "changes[%ld]: hash is not 64 hex digits", i);
            return fail(r, at, msg);
        }
        store_head(s, &head, have);
        if (memcmp(want, have, 32) != 0) {
            snprintf(msg, sizeof msg, "changes[%ld]: seq %lld: hash does not match the change "
                     "(the file was altered after export)", i, head);
            return fail(r, at, msg);
        }
    }
    if (!st->first_seq) st->first_seq = store_head_seq(s);
    st->last_seq = store_head_seq(s);
    st->changes++;
    return 0;
}

static int walk(store_t *s, reader *r, const char *actor, canon_stats *st)
{
    /* A byte-order mark is allowed and ignored. */
    if (r->len >= 3 && memcmp(r->data, "\xEF\xBB\xBF", 3) == 0) r->pos = 3;
    if (expect(r, '{')) return -1;
    int seen_format = 0, seen_changes = 0;
    for (int first = 1;; first = 0) {
        skip_ws(r);
        if (r->pos < r->len && r->data[r->pos] == '}') { r->pos++; break; }
        if (!first && expect(r, ',')) return -1;
        skip_ws(r);
        size_t at = r->pos;
        json_t *k = next_value(r);
        if (!k) return -1;
        if (!json_is_string(k)) { json_decref(k); return fail(r, at, "expected a member name"); }
        char key[64];
        snprintf(key, sizeof key, "%s", json_string_value(k));
        json_decref(k);
        if (expect(r, ':')) return -1;
        skip_ws(r);
        at = r->pos;
        if (strcmp(key, "changes") == 0) {
            if (!seen_format) return fail(r, at, "'format' and 'version' must come before 'changes'");
            seen_changes = 1;
            if (expect(r, '[')) return -1;
            flat_object o = {0};
            int rc = 0;
            for (long i = 0; rc == 0; i++) {
                skip_ws(r);
                if (r->pos < r->len && r->data[r->pos] == ']') { r->pos++; break; }
                if (i > 0 && (rc = expect(r, ',')) != 0) break;
                skip_ws(r);
                at = r->pos;
                size_t used = flat_parse(&o, r->data + r->pos, r->len - r->pos);
                if (!used && o.nomem) { rc = err_nomem(r->e); break; }
                if (!used) {
                    char msg[160];
                    snprintf(msg, sizeof msg, "changes[%ld]: invalid JSON: %s", i, o.error);
                    rc = fail(r, at + o.error_at, msg);
                    break;
                }
                r->pos += used;
                rc = import_entry(s, r, at, i, &o, actor, st);
            }
            flat_free(&o);
            if (rc) return -1;
            continue;
        }
        json_t *v = next_value(r);
        if (!v) return -1;
        int bad = 0;
        if (strcmp(key, "format") == 0) {
            bad = !json_is_string(v) || strcmp(json_string_value(v), FORMAT_NAME) != 0;
            seen_format |= 1;
            if (bad) fail(r, at, "'format' must be \"" FORMAT_NAME "\"");
        } else if (strcmp(key, "version") == 0) {
            bad = !json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > FORMAT_VERSION;
            seen_format |= 2;
            if (bad) fail(r, at, "'version' must be 1 or 2 (this ssrtrack reads versions 1 and 2)");
        }
        json_decref(v);
        if (bad) return -1;
    }
    if (seen_format != 3) return fail(r, 0, "not an ssrtrack document ('format' and 'version' are missing)");
    if (!seen_changes) return fail(r, r->pos, "'changes' is missing");
    skip_ws(r);
    if (r->pos != r->len) return fail(r, r->pos, "unexpected content after the document");
    return 0;
}

int canon_import_tx(store_t *s, const char *name, const char *data, size_t len, const char *actor,
                    canon_stats *st, err_t *e)
{
    memset(st, 0, sizeof *st);
    if (memchr(data, '\0', len)) return err_set(e, ERR_INPUT, "%s: binary data, not a JSON document", name);
    reader r = {name, data, len, 0, 0, 1, e, 0, 0};
    return walk(s, &r, actor, st);
}

int canon_import(store_t *s, const char *name, const char *data, size_t len, const char *actor,
                 canon_stats *st, err_t *e)
{
    memset(st, 0, sizeof *st);
    if (store_begin(s, e)) return -1;
    if (canon_import_tx(s, name, data, len, actor, st, e) || store_commit(s, e)) {
        store_rollback(s);
        return -1;
    }
    return 0;
}

typedef struct {
    FILE *f;
    const char *as_of;
    buf_t b;
    long long n;
    err_t *e;
} export_ctx;

static int export_row(void *ctx, const change_t *c)
{
    export_ctx *x = ctx;
    if (x->as_of && strcmp(c->effective_at, x->as_of) > 0) return 0;
    buf_reset(&x->b);
    buf_puts(&x->b, x->n++ ? ",\n    {" : "\n    {");
    if (!x->as_of) bfmt(&x->b, "\"seq\": %lld, ", c->seq);
    bfmt(&x->b, "\"entity\": %J, \"entity_id\": %J, \"field\": %J, \"value\": %J, "
                "\"effective_at\": %J, \"recorded_at\": %J, \"actor\": %J, \"reason\": %J",
         c->entity, c->entity_id, c->field, c->value, c->effective_at, c->recorded_at, c->actor,
         c->reason);
    if (c->tx) bfmt(&x->b, ", \"reported\": %J, \"tx\": %lld", c->reported_at, c->tx);
    if (!x->as_of) {
        char hash[65];
        hex_encode(c->hash, 32, hash);
        bfmt(&x->b, ", \"hash\": %J", hash);
    }
    buf_putc(&x->b, '}');
    if (!buf_ok(&x->b)) return err_nomem(x->e);
    if (fwrite(x->b.data, 1, x->b.len, x->f) != x->b.len)
        return err_set(x->e, ERR_IO, "cannot write the export");
    return 0;
}

int canon_export(store_t *s, const char *as_of, FILE *f, err_t *e)
{
    if (as_of && !date_valid(as_of))
        return err_set(e, ERR_INPUT, "--as-of: '%.40s' is not a valid date (YYYY-MM-DD)", as_of);
    export_ctx x = {f, as_of, BUF_INIT, 0, e};
    char now[TS_SIZE];
    clock_now(now);
    buf_t head = BUF_INIT;
    bfmt(&head, "{\n  \"format\": \"" FORMAT_NAME "\",\n  \"version\": %d,\n  \"exported_at\": %J,\n"
                "  \"as_of\": %J,\n  \"changes\": [", FORMAT_VERSION, now, as_of);
    if (!buf_ok(&head)) { buf_free(&head); return err_nomem(e); }
    fwrite(head.data, 1, head.len, f);
    buf_free(&head);
    /* One statement reads one consistent snapshot of the log. */
    int rc = store_each_change(s, 1, 0, export_row, &x, e);
    buf_free(&x.b);
    if (rc) return -1;
    fputs(x.n ? "\n  ]\n}\n" : "]\n}\n", f);
    return ferror(f) ? err_set(e, ERR_IO, "cannot write the export") : 0;
}
