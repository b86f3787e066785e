/* fuzz_ssr2_assessment.c — the SSR2 assessment importer
 * (import/ssr2_assessment.c, with doc_text.c): ssr2_parse on the input,
 * checks of the model, then ssr2_apply_tx into a database in memory,
 * flushed and rolled back. */
#include "fuzz.h"
#include "import/ssr2_assessment.h"
#include "util/date.h"

static void check_model(const ssr2_doc *d)
{
    FUZZ_CHECK(d->nsec > 0 && strlen(d->fingerprint) == 64);
    FUZZ_CHECK(!d->as_of[0] || date_valid(d->as_of));
    for (int i = 0; i < d->nsec; i++) {
        const ssr2_section *s = &d->sec[i];
        FUZZ_CHECK(s->number == i + 1 && s->rec_text && *s->rec_text);
        for (int k = 0; k < s->nfootnotes; k++) FUZZ_CHECK(s->footnotes[k] >= 1 && s->footnotes[k] <= d->nfn);
        for (int k = 0; k < s->ndrafts; k++) FUZZ_CHECK(s->drafts[k] && *s->drafts[k]);
    }
    for (int f = 0; f < d->nfn; f++) {
        FUZZ_CHECK(d->fn[f].number == f + 1 && d->fn[f].text && d->fn[f].nurls >= 0 && d->fn[f].nurls <= 8);
        for (int u = 0; u < d->fn[f].nurls; u++) FUZZ_CHECK(d->fn[f].urls[u] != NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static store_t *db;
    fuzz_setup();
    if (!db) db = fuzz_memory_store();
    arena_t *a = arena_new();
    FUZZ_CHECK(a != NULL);
    ssr2_doc d;
    err_t e;
    if (ssr2_parse("fuzz.txt", (const char *)data, size, a, &d, &e) == 0) {
        check_model(&d);
        /* The document's own date, else one given as --as-of would be. */
        ssr2_options o = {NULL, NULL, NULL, d.as_of[0] ? NULL : "2018-12-31", "fuzz"};
        ssr2_stats st;
        FUZZ_CHECK(store_begin(db, &e) == 0);
        if (ssr2_apply_tx(db, "fuzz.txt", &d, &o, a, &st, &e) == 0 && store_flush(db, &e) == 0) {
            FUZZ_CHECK(st.items == d.nsec);
            fuzz_note("imported: %d items, %d evidence, %d drafts", st.items, st.evidence, st.drafts);
        } else {
            fuzz_note("parsed %d sections; not applied: %s", d.nsec, e.msg);
        }
        store_rollback(db);
    } else {
        fuzz_note("not parsed: %s", e.msg);
        FUZZ_CHECK(e.code == ERR_INPUT || e.code == ERR_TOOBIG || e.code == ERR_NOMEM);
    }
    arena_free(a);
    return 0;
}
