/* fuzz_canonical.c — the canonical JSON import (import/canonical.c and the
 * flat object reader import/flat_json.c) into a real database: one empty
 * database in memory per process; each input is imported inside a
 * transaction, flushed (re-folding every thing it touched and checking
 * references) and rolled back. Also each input alone as one flat object. */
#include "fuzz.h"
#include "import/canonical.h"
#include "import/flat_json.h"
#include "util/text.h"

static void flat_alone(const uint8_t *data, size_t size)
{
    flat_object o = {0};
    size_t used = flat_parse(&o, (const char *)data, size);
    if (used) {
        FUZZ_CHECK(used <= size && data[0] == '{' && data[used - 1] == '}');
        FUZZ_CHECK(o.n >= 0 && o.n <= FLAT_MAX_MEMBERS);
        for (int i = 0; i < o.n; i++) {
            FUZZ_CHECK(flat_get(&o, o.m[i].key) == &o.m[i]);   /* names are unique */
            FUZZ_CHECK((o.m[i].type == FJ_STRING) == (o.m[i].str != NULL));
        }
    } else {
        FUZZ_CHECK(o.error != NULL);
    }
    flat_free(&o);
}

/* What was imported exports as valid JSON holding as many changes. */
static void export_again(store_t *db, const canon_stats *st)
{
    char *text = NULL;
    size_t len = 0;
    err_t e;
    FILE *f = open_memstream(&text, &len);
    FUZZ_CHECK(f != NULL);
    int rc = canon_export(db, NULL, f, &e);
    FUZZ_CHECK(fclose(f) == 0 && rc == 0);
    json_error_t je;
    json_t *doc = json_loadb(text, len, 0, &je);
    if (!doc) fprintf(stderr, "export is not JSON: %s (line %d)\n", je.text, je.line);
    FUZZ_CHECK(doc != NULL);
    FUZZ_CHECK((long long)json_array_size(json_object_get(doc, "changes")) == st->changes);
    json_decref(doc);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static store_t *db;
    fuzz_setup();
    if (!db) db = fuzz_memory_store();
    flat_alone(data, size);
    canon_stats st;
    err_t e;
    FUZZ_CHECK(store_begin(db, &e) == 0);
    if (canon_import_tx(db, "fuzz.json", (const char *)data, size, "fuzz", &st, &e) == 0 &&
        store_flush(db, &e) == 0) {
        FUZZ_CHECK(st.changes == 0 || (st.first_seq == 1 && st.last_seq == st.changes));
        export_again(db, &st);
        fuzz_note("imported %lld changes", st.changes);
    } else {
        fuzz_note("not imported: %s", e.msg);
    }
    store_rollback(db);
    return 0;
}
