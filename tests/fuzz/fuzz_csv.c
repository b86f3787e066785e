/* fuzz_csv.c — the CSV reader (util/csv.c): every row it hands over has
 * 1..CSV_MAX_FIELDS fields of UTF-8 without NUL, columns that increase along
 * a line and lines that never go back; and the fields, written again with
 * every field quoted, read back the same. Inputs that parse are then imported
 * as recs (import/csv_recs.c) into a database in memory, whose log must still
 * verify. */
#include "fuzz.h"
#include "util/csv.h"
#include "import/csv_recs.h"
#include "util/buf.h"
#include "util/text.h"

typedef struct {
    buf_t again;     /* the rows written again, every field quoted */
    long line;
    long rows;
} seen;

static int on_row(void *ctx, const csv_row *r)
{
    seen *s = ctx;
    FUZZ_CHECK(r->n >= 1 && r->n <= CSV_MAX_FIELDS);
    FUZZ_CHECK(r->line >= s->line);
    s->line = r->line;
    for (int i = 0; i < r->n; i++) {
        FUZZ_CHECK(utf8_valid(r->field[i], strlen(r->field[i])));
        /* Columns increase along a line; a quoted field may end on a later one. */
        FUZZ_CHECK(i == 0 || r->col[i] > r->col[i - 1] || strchr(r->field[i - 1], '\n'));
        buf_puts(&s->again, i ? ",\"" : "\"");
        for (const char *p = r->field[i]; *p; p++) {
            if (*p == '"') buf_putc(&s->again, '"');
            buf_putc(&s->again, *p);
        }
        buf_putc(&s->again, '"');
    }
    buf_puts(&s->again, "\r\n");
    s->rows++;
    return 0;
}

static int on_row_again(void *ctx, const csv_row *r)
{
    (void)r;
    ((seen *)ctx)->rows++;
    return 0;
}

/* The database the imports write to: review FZ, for the life of the process. */
static store_t *database(void)
{
    static store_t *db;
    if (db) return db;
    db = fuzz_memory_store();
    err_t e = {0};
    field_value fv[] = {{"title", "Fuzzed review"}};
    edit_t ed = {EDIT_CREATE, &kind_review, "FZ", fv, 1, "2019-01-01", "fuzz", ""};
    FUZZ_CHECK(store_begin(db, &e) == 0 && store_edit(db, &ed, &e) == 0 && store_commit(db, &e) == 0);
    return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_setup();
    if (size > 64 * 1024) return 0;
    store_t *db = database();
    err_t e = {0};
    seen s = {BUF_INIT, 0, 0};
    int rc = csv_read("in.csv", (const char *)data, size, on_row, &s, &e);
    fuzz_note("csv: %s (%ld rows)", rc ? e.msg : "read", s.rows);
    if (rc == 0 && buf_ok(&s.again)) {
        seen t = {BUF_INIT, 0, 0};
        FUZZ_CHECK(csv_read("again.csv", s.again.data ? s.again.data : "", s.again.len, on_row_again, &t, &e) == 0);
        FUZZ_CHECK(t.rows == s.rows);
        buf_free(&t.again);
        arena_t *a = arena_new();
        FUZZ_CHECK(a != NULL);
        csv_options o = {"FZ", "2020-01-01", "fuzz", "fuzz"};
        csv_stats st;
        int irc = csv_import_recs(db, "in.csv", (const char *)data, size, &o, a, &st, &e);
        fuzz_note("import: %s", irc ? e.msg : "ok");
        verify_result vr;
        FUZZ_CHECK(store_verify(db, &vr, &e) == 0 && vr.bad_seq == 0);
        arena_free(a);
    }
    buf_free(&s.again);
    return 0;
}
