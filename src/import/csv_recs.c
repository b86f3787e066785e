/* csv_recs.c — recs from a CSV table; see csv_recs.h. Two passes: read and
 * check every row into the arena (rows_read), then write them in order of
 * effective date inside one transaction (apply_row). */
#include "import/csv_recs.h"

#include <stdlib.h>
#include <string.h>

#include "core/id.h"
#include "util/csv.h"
#include "util/map.h"
#include "util/text.h"

/* The columns a file may name, in any order, any case, spaces trimmed. */
enum { C_ID, C_REVIEW, C_PARENT, C_TITLE, C_TEXT, C_TOPIC, C_OWNER, C_PRIORITY, C_STATUS, C_BOARD,
       C_RECURRING, C_DUE, C_EFFECTIVE, C_REPORTED, C_REASON, C_COUNT };
static const char *const names[C_COUNT] = {"id", "review", "parent", "title", "text", "topic", "owner",
                                           "priority", "status", "board", "recurring", "due",
                                           "effective", "reported", "reason"};
#define IS_FIELD(c) ((c) >= C_REVIEW && (c) <= C_DUE)   /* a field of the rec */

typedef struct {
    const char *v[C_COUNT];   /* canonical values; NULL for an empty or absent cell */
    long col[C_COUNT];        /* where each cell is */
    long line;
    size_t order;             /* file order */
} rec_row;

typedef struct {
    const char *name;
    const csv_options *o;
    arena_t *a;
    map_t *made;              /* recs this import created -> their values now (const char *[C_COUNT]) */
    int map[CSV_MAX_FIELDS];  /* file column -> C_* */
    int ncols, have_header;
    long header_col[C_COUNT];
    rec_row *rows;
    size_t n, cap;
    err_t *e;
} reading;

static int at(reading *r, long line, long col, const char *what, const char *detail)
{
    return err_set(r->e, ERR_INPUT, "%s:%ld:%ld: %s%s", r->name, line, col, what, detail ? detail : "");
}

/* The header: every name known, none twice, id among them. */
static int header(reading *r, const csv_row *row)
{
    for (int i = 0; i < C_COUNT; i++) r->header_col[i] = 0;
    for (int i = 0; i < row->n; i++) {
        char name[40];
        const char *s = row->field[i];
        while (*s == ' ') s++;
        size_t n = strlen(s);
        while (n && s[n - 1] == ' ') n--;
        int c = -1;
        if (n < sizeof name) {
            memcpy(name, s, n);
            name[n] = '\0';
            for (int k = 0; k < C_COUNT; k++)
                if (ascii_casecmp(name, names[k]) == 0) c = k;
        }
        if (c < 0)
            return err_set(r->e, ERR_INPUT, "%s:%ld:%ld: unknown column '%.40s' (columns: id, review, parent, "
                           "title, text, topic, owner, priority, status, board, recurring, due, effective, "
                           "reported, reason)", r->name, row->line, row->col[i], row->field[i]);
        if (r->header_col[c]) return at(r, row->line, row->col[i], "the column is named twice: ", names[c]);
        r->header_col[c] = row->col[i];
        r->map[i] = c;
    }
    if (!r->header_col[C_ID]) return at(r, row->line, 1, "the header has no 'id' column", NULL);
    r->ncols = row->n;
    r->have_header = 1;
    return 0;
}

/* One cell checked and made canonical into *out (NULL when empty). */
static int cell(reading *r, int c, const char *in, long line, long col, const char **out)
{
    *out = NULL;
    if (!*in) return 0;
    /* The guard our CSV writes before = + - @ (util/fmt.h) is not part of the value. */
    if (in[0] == '\'' && in[1] && strchr("=+-@", in[1])) in++;
    if (c == C_ID) {
        if (!id_valid(in)) return at(r, line, col, "not a valid rec id: ", in);
        *out = in;
        return 0;
    }
    if (c == C_EFFECTIVE || c == C_REPORTED) {
        if (!date_valid(in)) return at(r, line, col, c == C_EFFECTIVE ? "effective: not a valid date (YYYY-MM-DD): "
                                                                      : "reported: not a valid date (YYYY-MM-DD): ", in);
        *out = in;
        return 0;
    }
    if (c == C_REASON) {
        if (strchr(in, '\n') || has_control(in) || strlen(in) > 500)
            return at(r, line, col, "reason: one line of at most 500 bytes", NULL);
        *out = in;
        return 0;
    }
    const field_def *f = &kind_rec.fields[kind_field(&kind_rec, names[c])];
    err_t fe = {0};
    if (field_normalize(f, in, r->a, out, &fe)) return at(r, line, col, fe.msg, NULL);
    return 0;
}

static int on_row(void *ctx, const csv_row *row)
{
    reading *r = ctx;
    if (!r->have_header) return header(r, row);
    if (row->n != r->ncols)
        return err_set(r->e, ERR_INPUT, "%s:%ld:%ld: %d fields where the header has %d", r->name, row->line,
                       row->col[row->n - 1], row->n, r->ncols);
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        rec_row *nv = arena_alloc(r->a, cap * sizeof *nv);
        if (!nv) return err_nomem(r->e);
        if (r->n) memcpy(nv, r->rows, r->n * sizeof *nv);
        r->rows = nv;
        r->cap = cap;
    }
    rec_row *rr = &r->rows[r->n];
    memset(rr, 0, sizeof *rr);
    rr->line = row->line;
    rr->order = r->n;
    for (int i = 0; i < row->n; i++) {
        int c = r->map[i];
        char *copy = arena_strdup(r->a, row->field[i]);
        if (!copy) return err_nomem(r->e);
        rr->col[c] = row->col[i];
        if (cell(r, c, copy, row->line, row->col[i], &rr->v[c])) return -1;
    }
    if (!rr->v[C_ID]) return at(r, row->line, rr->col[C_ID], "the id is empty", NULL);
    r->n++;
    return 0;
}

static const char *row_effective(const rec_row *rr, const csv_options *o, const char *today)
{
    return rr->v[C_EFFECTIVE] ? rr->v[C_EFFECTIVE] : o->effective ? o->effective : today;
}

static const char *sort_today;
static const csv_options *sort_opts;
static int by_date(const void *a, const void *b)
{
    const rec_row *x = a, *y = b;
    int c = strcmp(row_effective(x, sort_opts, sort_today), row_effective(y, sort_opts, sort_today));
    return c ? c : (x->order < y->order ? -1 : x->order > y->order);
}

/* The fields of rr that change rec id as it stands on eff (all of them when
 * it does not exist yet) into fv; their count. */
static int changed_fields(store_t *s, const rec_row *rr, int exists, const char *eff, arena_t *a,
                          field_value *fv, err_t *e)
{
    ent_t cur = {0};
    view_t v;
    if (exists && (store_view(s, eff, NULL, &v, e) || store_get(s, &kind_rec, &v, rr->v[C_ID], a, &cur, e))) {
        if (e->code != ERR_NOTFOUND) return -1;
        cur.v = NULL;   /* it did not exist on eff: the store words that */
    }
    int n = 0;
    for (int c = C_REVIEW; c <= C_DUE; c++) {
        if (!rr->v[c]) continue;
        int f = kind_field(&kind_rec, names[c]);
        if (cur.v && cur.v[f] && strcmp(cur.v[f], rr->v[c]) == 0) continue;
        fv[n++] = (field_value){names[c], rr->v[c]};
    }
    return n;
}

/* A later row of a rec this import created. Rows come in date order and
 * nothing else wrote to the rec, so its values are those kept in memory:
 * its changes are appended without reading the store, and the rec is folded
 * once, at the commit. */
static int apply_to_made(store_t *s, reading *r, const rec_row *rr, const char **now, const char *eff,
                         csv_stats *st)
{
    err_t *e = r->e;
    const char *reason = rr->v[C_REASON] ? rr->v[C_REASON] : r->o->reason ? r->o->reason : "";
    long long before = store_head_seq(s);
    int reported = 0;
    for (int c = C_REVIEW; c <= C_DUE; c++) {
        if (!rr->v[c] || (now[c] && strcmp(now[c], rr->v[c]) == 0)) continue;
        const field_def *f = &kind_rec.fields[kind_field(&kind_rec, names[c])];
        if (!(f->flags & F_SETTABLE))
            return err_set(e, ERR_INPUT, "%s:%ld:%ld: field '%s' of a rec cannot be changed", r->name, rr->line,
                           rr->col[c], names[c]);
        if (!reported++ && store_set_reported(s, rr->v[C_REPORTED], e)) return -1;
        if (store_append(s, &kind_rec, rr->v[C_ID], names[c], rr->v[c], eff, r->o->actor, reason, e))
            return err_prefix(e, "%s:%ld:%ld", r->name, rr->line, rr->col[c]);
        now[c] = rr->v[c];
    }
    st->changes += store_head_seq(s) - before;
    if (reported) st->updated++;
    return 0;
}

/* Remember the values of a rec this import created. */
static int remember(reading *r, const rec_row *rr, const field_value *fv, int n)
{
    const char **now = arena_alloc(r->a, sizeof(char *) * C_COUNT);
    if (!now) return err_nomem(r->e);
    for (int c = C_REVIEW; c <= C_DUE; c++)
        now[c] = kind_rec.fields[kind_field(&kind_rec, names[c])].dflt;
    for (int i = 0; i < n; i++)
        for (int c = C_REVIEW; c <= C_DUE; c++)
            if (strcmp(fv[i].field, names[c]) == 0) now[c] = fv[i].value;
    return map_put(r->made, rr->v[C_ID], now) ? err_nomem(r->e) : 0;
}

/* Write one row (inside the transaction). */
static int apply_row(store_t *s, reading *r, const rec_row *rr, const char *eff, csv_stats *st)
{
    err_t *e = r->e;
    const char **made = map_get(r->made, rr->v[C_ID]);
    if (made) return apply_to_made(s, r, rr, made, eff, st);
    int exists = store_exists(s, &kind_rec, rr->v[C_ID], e);
    if (exists < 0) return -1;
    field_value fv[C_COUNT + 1];
    int n = changed_fields(s, rr, exists, eff, r->a, fv, e);
    if (n < 0) return -1;
    if (!exists) {
        if (!rr->v[C_REVIEW] && r->o->review) fv[n++] = (field_value){"review", r->o->review};
        if (!rr->v[C_REVIEW] && !r->o->review)
            return at(r, rr->line, rr->col[C_ID], "a new rec needs a review (a 'review' cell or --review): ",
                      rr->v[C_ID]);
        if (!rr->v[C_TITLE])
            return at(r, rr->line, rr->col[C_TITLE] ? rr->col[C_TITLE] : rr->col[C_ID],
                      "a new rec needs a title: ", rr->v[C_ID]);
    }
    if (n == 0) return 0;
    edit_t ed = {exists ? EDIT_UPDATE : EDIT_CREATE, &kind_rec, rr->v[C_ID], fv, n, eff, r->o->actor,
                 rr->v[C_REASON] ? rr->v[C_REASON] : r->o->reason};
    long long before = store_head_seq(s);
    if (store_set_reported(s, rr->v[C_REPORTED], e) || store_edit(s, &ed, e))
        return err_prefix(e, "%s:%ld:%ld", r->name, rr->line, rr->col[C_ID]);
    st->changes += store_head_seq(s) - before;
    if (exists) st->updated++;
    else st->created++;
    return exists ? 0 : remember(r, rr, fv, n);
}

int csv_import_recs(store_t *s, const char *name, const char *data, size_t len, const csv_options *o,
                    arena_t *a, csv_stats *st, err_t *e)
{
    reading r = {.name = name, .o = o, .a = a, .e = e};
    memset(st, 0, sizeof *st);
    if (csv_read(name, data, len, on_row, &r, e)) return -1;
    if (!r.have_header) return err_set(e, ERR_INPUT, "%s:1:1: no header row", name);
    if (o->effective && !date_valid(o->effective))
        return err_set(e, ERR_INPUT, "--effective: '%.40s' is not a valid date", o->effective);
    if (!(r.made = map_new())) return err_nomem(e);
    if (store_begin(s, e)) { map_free(r.made); return -1; }
    sort_today = store_today(s);
    sort_opts = o;
    if (r.n > 1) qsort(r.rows, r.n, sizeof *r.rows, by_date);
    int rc = 0;
    for (size_t i = 0; i < r.n && rc == 0; i++)
        rc = apply_row(s, &r, &r.rows[i], row_effective(&r.rows[i], o, sort_today), st);
    st->rows = (long)r.n;
    if (rc == 0 && (store_set_reported(s, NULL, e) || store_commit(s, e))) rc = -1;
    if (rc) store_rollback(s);
    map_free(r.made);
    return rc;
}
