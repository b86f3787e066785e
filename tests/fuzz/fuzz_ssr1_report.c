/* fuzz_ssr1_report.c — the SSR1 implementation report importer
 * (import/ssr1_report.c, with doc_text.c): ssr1_parse on the input, checks
 * of the model it builds, then ssr1_apply_tx into a database in memory,
 * flushed (so references are checked) and rolled back, so every input
 * starts from the same empty database. */
#include "fuzz.h"
#include "core/status.h"
#include "import/ssr1_report.h"
#include "util/date.h"

static void check_model(const ssr1_doc *d)
{
    FUZZ_CHECK(d->nrows > 0 && date_valid(d->as_of) && strlen(d->fingerprint) == 64);
    for (int i = 0; i < d->nrows; i++) {
        const ssr1_row *r = &d->rows[i];
        FUZZ_CHECK(r->number == i + 1 && r->topic && *r->topic && r->summary && *r->summary);
        FUZZ_CHECK(r->nacts > 0 && r->nsubs >= 0 && r->nsubs <= SSR1_MAX_SUBS);
        for (int k = 0; k < r->nacts; k++) {
            FUZZ_CHECK(r->acts[k].text && *r->acts[k].text);
            FUZZ_CHECK(r->acts[k].status >= 0 && r->acts[k].status < ST_COUNT);
            FUZZ_CHECK(r->acts[k].sub >= -1 && r->acts[k].sub < r->nsubs);
        }
        for (int k = 0; k < r->nsubs; k++) FUZZ_CHECK(r->sub[k] && strlen(r->sub[k]) >= 2);
        for (int sub = -2; sub < r->nsubs; sub++) {
            int st = ssr1_rec_status(r, sub, r->recurring);
            FUZZ_CHECK(st >= 0 && st < ST_COUNT);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static store_t *db;
    fuzz_setup();
    if (!db) db = fuzz_memory_store();
    arena_t *a = arena_new();
    FUZZ_CHECK(a != NULL);
    ssr1_doc d;
    err_t e;
    if (ssr1_parse("fuzz.txt", (const char *)data, size, a, &d, &e) == 0) {
        check_model(&d);
        ssr1_options o = {NULL, NULL, "fuzz"};
        ssr1_stats st;
        FUZZ_CHECK(store_begin(db, &e) == 0);
        if (ssr1_apply_tx(db, "fuzz.txt", &d, &o, a, &st, &e) == 0 && store_flush(db, &e) == 0) {
            FUZZ_CHECK(st.recs_created == d.nrows + st.subs);
            fuzz_note("imported: %d recs, %d milestones", st.recs_created, st.milestones);
        } else {
            fuzz_note("parsed %d rows; not applied: %s", d.nrows, e.msg);
        }
        store_rollback(db);
    } else {
        fuzz_note("not parsed: %s", e.msg);
        FUZZ_CHECK(e.code == ERR_INPUT || e.code == ERR_TOOBIG || e.code == ERR_NOMEM);
    }
    arena_free(a);
    return 0;
}
