/* Tests of src/import/ssr2_assessment.c: verdict wording, a small document
 * with every irregularity of the real one, and the real one from seeds. */
#include <unistd.h>
#include "test.h"
#include "import/ssr2_assessment.h"
#include "util/alloc.h"
#include "util/file.h"

static arena_t *a;
static err_t e;
static ssr2_doc d;

#define V(fn, text, want)                                                        \
    do {                                                                         \
        const char *got_ = fn(text);                                             \
        if (!(want) ? got_ != NULL : !got_ || strcmp(got_, (want) ? (want) : "") != 0) { \
            printf("#   %s(\"%s\") = %s\n", #fn, text, got_ ? got_ : "NULL");   \
            CHECK(0);                                                            \
        }                                                                        \
    } while (0)

TEST(verdict_wording)
{
    V(ssr2_implemented_verdict, "This recommendation was not implemented.", "not");
    V(ssr2_implemented_verdict, "This recommendation was not fully implemented.", "partial");
    V(ssr2_implemented_verdict, "The recommendation partly was implemented.", "partial");
    V(ssr2_implemented_verdict, "It was fully implemented in 2015.", "full");
    V(ssr2_implemented_verdict, "It is not clear that this recommendation was implemented.", NULL);
    V(ssr2_implemented_verdict, "It was fully implemented. Another part was not implemented.", NULL);
    V(ssr2_implemented_verdict, "A statement exists.", NULL);
    V(ssr2_effect_verdict, "However, the implementation did not have its intended effect.", "not_achieved");
    V(ssr2_effect_verdict, "We find it very likely that the implementation did not have its intended effect.", NULL);
    V(ssr2_effect_verdict, "It cannot be assessed if the intended effect was achieved.", "cannot_assess");
    V(ssr2_effect_verdict, "The implementation had its intended effect.", "achieved");
    V(ssr2_effect_verdict, "No metrics show whether it had its intended effect.", NULL);
    V(ssr2_relevant_verdict, "This recommendation remains relevant.", "yes");
    V(ssr2_relevant_verdict, "It remains just as relevant, if not more so, today.", "yes");
    V(ssr2_relevant_verdict, "This recommendation is not relevant today.", "no");
    V(ssr2_relevant_verdict, "It may still be relevant.", NULL);
}

/* The six questions, as the assessment prints them (two to a line). */
#define Q_DONE "What was done to implement the recommendation?"
#define Q_FULL "Was the recommendation fully"
#define Q_EFFECT "Did the implementation have the intended effect?"
#define Q_HOW "How was the assessment"
#define Q_RELEVANT "Is the recommendation still relevant today?"
#define Q_FURTHER "If so, what further work needed?"

static const char mini[] =
    "Preamble. The team worked from its inception until the end of \n"
    "2018 on this.\n"
    "The team reviewed all 2 SSR1 recommendations.\n"
    "SSR1 Recommendation 1: ICANN should publish a statement and   \n"
    "\n"
    "1 https://example.org/a.pdf\n"
    "2 See the page at \n"
    "https://example.org/b\n"
    " keep it up to date.\n"
    "\n"
    Q_DONE " " Q_FULL " \n"
    "implemented?\n"
    "A statement exists as the page shows      1\n"
    "\n"
    "and it was revised. This recommendation was not fully implemented.\n"
    "\n"
    Q_EFFECT " " Q_HOW " \n"
    "conducted?\n"
    "The implementation did not have its intended effect. We read the documents.      2\n"
    Q_RELEVANT " " Q_FURTHER " If not, \n"
    "why not?\n"
    "It remains relevant.\n"
    "RECOMMENDATION: \n"
    "ICANN should publish the statement {{Make measurable}} every year.\n"
    "\n"
    "Revisit this later\n"
    "SSR1 Recommendation 2: ICANN should act.\n"
    "What was done to implement the recommendation? \n"
    "Little.\n"
    " Was the recommendation fully implemented? \n"
    "It was not.\n"
    "Did the implementation have the intended effect? \n"
    "It did not.\n"
    Q_RELEVANT " " Q_FURTHER " If not, \n"
    "why not?\n"
    "This recommendation is not relevant today.\n"
    "NOTES: \n"
    "SSR1 Recommendation 99: ignored after the notes\n";

TEST(mini_document)
{
    CHECK(ssr2_parse("mini.txt", mini, sizeof mini - 1, a, &d, &e) == 0);
    CHECK_STR(d.as_of, "2018-12-31");
    CHECK_INT(d.announced, 2);
    CHECK_INT(d.nsec, 2);
    CHECK_INT(d.nfn, 2);
    CHECK_STR(d.fn[1].urls[0], "https://example.org/b");
    CHECK_STR(d.fn[1].text, "See the page at");
    ssr2_section *s = &d.sec[0];
    /* The rec text continues after the footnotes at the page foot. */
    CHECK_STR(s->rec_text, "ICANN should publish a statement and keep it up to date.");
    /* Footnote numbers are found at line ends; the blank line after one does not break the paragraph. */
    CHECK_STR(s->what_done, "A statement exists as the page shows \\[1\\] and it was revised. This "
                            "recommendation was not fully implemented.");
    CHECK_STR(s->implemented, "partial");
    CHECK_STR(s->effect, "not_achieved");
    CHECK_STR(s->relevant, "yes");
    CHECK_INT(s->nfootnotes, 2);
    CHECK_INT(s->ndrafts, 1);
    CHECK_STR(s->drafts[0], "ICANN should publish the statement every year.");
    s = &d.sec[1];
    CHECK_STR(s->what_done, "Little.\n\n**Was the recommendation fully implemented?** It was not.");
    CHECK(s->implemented == NULL);   /* "not fully" does not say "not at all" */
    CHECK_STR(s->effect, "not_achieved");
    CHECK_STR(s->relevant, "no");
}

static int same_str(const char *x, const char *y) { return x == y || (x && y && strcmp(x, y) == 0); }

/* 1 when two parses gave the same model. */
static int same_doc(const ssr2_doc *x, const ssr2_doc *y)
{
    if (strcmp(x->as_of, y->as_of) || x->announced != y->announced || x->nsec != y->nsec ||
        x->nfn != y->nfn)
        return 0;
    for (int i = 0; i < x->nfn; i++) {
        const ssr2_footnote *f = &x->fn[i], *g = &y->fn[i];
        if (!same_str(f->text, g->text) || f->nurls != g->nurls) return 0;
        for (int u = 0; u < f->nurls; u++)
            if (!same_str(f->urls[u], g->urls[u])) return 0;
    }
    for (int i = 0; i < x->nsec; i++) {
        const ssr2_section *s = &x->sec[i], *t = &y->sec[i];
        if (!same_str(s->rec_text, t->rec_text) || !same_str(s->what_done, t->what_done) ||
            !same_str(s->how_assessed, t->how_assessed) || !same_str(s->further_work, t->further_work) ||
            !same_str(s->implemented, t->implemented) || !same_str(s->effect, t->effect) ||
            !same_str(s->relevant, t->relevant) || s->nfootnotes != t->nfootnotes ||
            s->ndrafts != t->ndrafts)
            return 0;
        for (int k = 0; k < s->ndrafts; k++)
            if (!same_str(s->drafts[k], t->drafts[k])) return 0;
    }
    return 1;
}

/* Every failed allocation while reading is an error; none changes the model.
 * Arena requests reach the allocator only when a block is full (or when big:
 * the footnote table has a block of its own), so the arena is first filled to
 * each level of its last SMALL_USE bytes, where the parse's small requests
 * end a block. */
#define SMALL_USE 6144
TEST(failed_allocations_fail_the_parse)
{
    ssr2_doc want;
    arena_t *t = arena_new();
    CHECK(t && ssr2_parse("mini.txt", mini, sizeof mini - 1, t, &want, &e) == 0);
    int failures = 0;
    for (size_t fill = ARENA_BLOCK_SIZE - SMALL_USE; fill <= ARENA_BLOCK_SIZE; fill += 16) {
        for (long n = 1;; n++) {
            arena_t *b = arena_new();
            CHECK(b && arena_alloc(b, fill));
            mem_fail_at(n, 0);
            int rc = ssr2_parse("mini.txt", mini, sizeof mini - 1, b, &d, &e);
            long made = mem_count();
            mem_fail_at(0, 0);
            if (rc != 0) CHECK_INT(e.code, ERR_NOMEM);
            else CHECK(same_doc(&d, &want));
            failures += rc != 0;
            arena_free(b);
            if (made < n) break;   /* the parse made fewer than n allocations */
        }
    }
    CHECK(failures > 0);
    arena_free(t);
}

TEST(damaged_documents)
{
    /* Cut before the second section's answers: the missing question is named with its line. */
    char cut[4096];
    snprintf(cut, sizeof cut, "%.*s", (int)(strstr(mini, "Did the implementation have the intended effect? \n") - mini), mini);
    CHECK(ssr2_parse("cut.txt", cut, strlen(cut), a, &d, &e) != 0);
    CHECK(strstr(e.msg, "cut.txt:27: SSR1 Recommendation 2: the question 'Did the implementation") != NULL);
    /* Cut after the first section: fewer than announced. */
    snprintf(cut, sizeof cut, "%.*s", (int)(strstr(mini, "SSR1 Recommendation 2:") - mini), mini);
    CHECK(ssr2_parse("cut.txt", cut, strlen(cut), a, &d, &e) != 0);
    CHECK(strstr(e.msg, "reviewed 2 recommendations but assesses 1") != NULL);
    CHECK(ssr2_parse("x.txt", "lorem ipsum\n", 12, a, &d, &e) != 0);
    CHECK(strstr(e.msg, "not an SSR2 assessment") != NULL);
    CHECK(ssr2_parse("x.txt", "\x00\x01", 2, a, &d, &e) != 0);
}

/* Many RECOMMENDATION blocks in one section: their list grows by doubling.
 * It was copied whole for each new block, so 3,000 blocks kept 4.5 million
 * pointers (36 MB) in the arena (found by tests/fuzz/fuzz_ssr2_assessment.c). */
TEST(many_blocks)
{
    buf_t b = BUF_INIT;
    buf_puts(&b, "SSR1 Recommendation 1: ICANN should act.\n\n"
                 "What was done to implement the recommendation?\nA.\n"
                 "Did the implementation have the intended effect?\nB.\n"
                 "Is the recommendation still relevant today?\nC.\n");
    for (int i = 0; i < 3000; i++) buf_puts(&b, "RECOMMENDATION:\nDo it.\n");
    CHECK(buf_ok(&b));
    arena_t *mine = arena_new();
    int rc = ssr2_parse("many.txt", b.data, b.len, mine, &d, &e);
    int drafts = rc == 0 ? d.sec[0].ndrafts : -1;
    size_t used = arena_used(mine);
    buf_free(&b);
    arena_free(mine);
    CHECK(rc == 0);
    CHECK_INT(drafts, 3000);
    CHECK(used < 4u << 20);
}

TEST(the_real_assessment)
{
    const char *seeds = getenv("SEEDS") ? getenv("SEEDS") : "../shared/seeds";
    char path[512];
    snprintf(path, sizeof path, "%s/000_1b707e8e43b30b9a.txt", seeds);
    if (access(path, R_OK) != 0) SKIP("no source documents in $SEEDS (default ../shared/seeds)");
    size_t len;
    char *text = file_read(path, 1 << 22, &len, &e);
    CHECK(text != NULL);
    int rc = ssr2_parse(path, text, len, a, &d, &e);
    mem_free(text);
    CHECK(rc == 0);
    CHECK_INT(d.nsec, 28);
    CHECK_STR(d.as_of, "2018-12-31");
    CHECK_INT(d.nfn, 23);
    int drafts = 0, relevant = 0, urls = 0;
    for (int i = 0; i < d.nsec; i++) {
        drafts += d.sec[i].ndrafts;
        relevant += d.sec[i].relevant && strcmp(d.sec[i].relevant, "yes") == 0;
        for (int k = 0; k < d.sec[i].nfootnotes; k++) urls += d.fn[d.sec[i].footnotes[k] - 1].nurls;
    }
    CHECK_INT(drafts, 9);
    CHECK_INT(urls, 20);
    CHECK(relevant >= 25);
    CHECK_STR(d.sec[25].relevant, "no");        /* 26: "not relevant today" */
    CHECK_STR(d.sec[5].implemented, "not");     /* 6: "was not implemented" */
    /* Rec 4 cites footnotes 6 to 9; rec 1 cites 2, 3 and 4 (defined under rec 2). */
    CHECK_INT(d.sec[3].nfootnotes, 4);
    CHECK_INT(d.sec[3].footnotes[0], 6);
    CHECK_INT(d.sec[0].nfootnotes, 3);
    CHECK(strstr(d.sec[1].rec_text, "The process should be repeated on a regular basis") != NULL);
    CHECK(strstr(d.sec[21].what_done, "**Was the recommendation fully implemented?** It was not.") != NULL);
}

int main(void)
{
    a = arena_new();
    RUN(verdict_wording);
    RUN(mini_document);
    RUN(damaged_documents);
    RUN(many_blocks);
    RUN(the_real_assessment);
    RUN(failed_allocations_fail_the_parse);
    arena_free(a);
    TEST_EXIT();
}
