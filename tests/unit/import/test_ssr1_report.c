/* Tests of src/import/ssr1_report.c: small documents written here, and the
 * real report from ../shared/seeds. */
#include <unistd.h>
#include "test.h"
#include "core/status.h"
#include "import/ssr1_report.h"
#include "util/alloc.h"
#include "util/file.h"

static const char mini[] =
    "Report Recommendations Implementation As of 18 March 2014\n"
    "The following tables show the current status of implementation for the 3 SSR Review Team "
    "recommendations adopted by the ICANN Board.\n"
    "\tTopic\tSummary\tMilestones\n"
    "1 \tTopic one\tICANN should do one thing.\t<ul style=\"x\"> \xE2\x9C\x93 Done this. o Doing that.\n"
    "2 \tTopic two.\t#2 - ICANN should split it.\tFor tracking: 2A [ALPHA] and 2B [BETA]: "
    "\xE2\x88\x9A 2A - first part. \xE2\x88\x9A" "2B \xE2\x80\x93 second part.\n"
    "3\tTopic three\tICANN should keep at it.\t\xE2\x97\x8B Work started (through SANS\n"
    "\n"
    "\t\t\tand others). \xE2\x97\x87 Plan the rest. This is an on-going obligation.";

static ssr1_doc d;
static arena_t *a;
static err_t e;

static int parse(const char *text) { return ssr1_parse("mini.txt", text, strlen(text), a, &d, &e); }

TEST(rows_marks_and_continuation)
{
    CHECK(parse(mini) == 0);
    CHECK_STR(d.as_of, "2014-03-18");
    CHECK_INT(d.announced, 3);
    CHECK(d.board_adopted);
    CHECK_INT(d.nrows, 3);
    CHECK_STR(d.rows[0].topic, "Topic one");
    CHECK_INT(d.rows[0].nacts, 2);
    CHECK_INT(d.rows[0].acts[0].status, ST_COMPLETE);
    CHECK_STR(d.rows[0].acts[0].text, "Done this.");          /* HTML fragment dropped */
    CHECK_INT(d.rows[0].acts[1].status, ST_IN_PROGRESS);     /* a lone "o" is the ○ mark */
    CHECK_STR(d.rows[1].topic, "Topic two");                  /* trailing period dropped */
    CHECK_STR(d.rows[1].summary, "ICANN should split it.");   /* "#2 - " dropped */
    CHECK_INT(d.rows[1].nsubs, 2);
    CHECK_STR(d.rows[1].sub[0], "2A");
    CHECK_STR(d.rows[1].sub_label[1], "BETA");
    CHECK_INT(d.rows[1].acts[1].sub, 1);                      /* "√2B" with the mark glued on */
    CHECK_INT(d.rows[2].nacts, 2);
    CHECK_STR(d.rows[2].acts[0].text, "Work started (through SANS and others).");
    CHECK_INT(d.rows[2].acts[1].status, ST_PLANNING);
    CHECK(d.rows[2].recurring);
    CHECK(!d.rows[0].recurring);
}

TEST(status_rule)
{
    CHECK(parse(mini) == 0);
    CHECK_INT(ssr1_rec_status(&d.rows[0], -2, 0), ST_IN_PROGRESS);
    CHECK_INT(ssr1_rec_status(&d.rows[1], -2, 0), ST_COMPLETE);
    CHECK_INT(ssr1_rec_status(&d.rows[1], -2, 1), ST_ONGOING);
    CHECK_INT(ssr1_rec_status(&d.rows[1], 0, 0), ST_COMPLETE);
    ssr1_row none = {0};
    CHECK_INT(ssr1_rec_status(&none, -2, 0), ST_NOT_STARTED);
}

TEST(line_ends_do_not_matter)
{
    /* CRLF, a BOM and no final newline: the same model and fingerprint. */
    CHECK(parse(mini) == 0);
    char fp[65];
    memcpy(fp, d.fingerprint, 65);
    char crlf[4096] = "\xEF\xBB\xBF";
    size_t n = 3;
    for (const char *p = mini; *p; p++) {
        if (*p == '\n') crlf[n++] = '\r';
        crlf[n++] = *p;
    }
    crlf[n] = '\0';
    CHECK(parse(crlf) == 0);
    CHECK_INT(d.nrows, 3);
    CHECK_STR(d.rows[2].acts[0].text, "Work started (through SANS and others).");
    CHECK_STR(d.fingerprint, fp);
}

TEST(damaged_documents)
{
    CHECK(parse("just some words\nand more\n") != 0);
    CHECK(strstr(e.msg, "not an SSR1 implementation report") != NULL);
    char cut[4096];
    snprintf(cut, sizeof cut, "%.*s", (int)(strstr(mini, "3\tTopic three") - mini), mini);
    CHECK(parse(cut) != 0);
    CHECK(strstr(e.msg, "announces 3 recommendations but holds 2") != NULL);
    CHECK(parse("As of 18 March 2014\n1 \tT\tS.\tno marks here\n") != 0);
    CHECK(strstr(e.msg, "mini.txt:2: row 1 has no implementation activity") != NULL);
    CHECK(parse("As of 18 March 2014\n1 \tT\tS.\t\xE2\x9C\x93 a\n3 \tT\tS.\t\xE2\x9C\x93 b\n") != 0);
    CHECK(strstr(e.msg, "mini.txt:3: row 3 where row 2 was expected") != NULL);
    CHECK(ssr1_parse("bin", "a\0b", 3, a, &d, &e) != 0);
    CHECK(strstr(e.msg, "binary") != NULL);
    CHECK(parse("As of 18 March 2014\n1 \tT\tS.\t\xE2\x9C\x93 bad \xC3\x28 utf8\n") != 0);
    CHECK(strstr(e.msg, "mini.txt:2: not valid UTF-8") != NULL);
}

/* A text ending in the row's number: looking for a sub-item letter after
 * it read the byte after the string's end (found by
 * tests/fuzz/fuzz_ssr1_report.c; make asan sees the overrun). */
TEST(number_at_the_end)
{
    static const char doc[] = "As of 2 April 2015\n1 \tTopic\tICANN should do it.\t\xE2\x9C\x93 Done in phase 1";
    CHECK(parse(doc) == 0);
    CHECK_INT(d.rows[0].nacts, 1);
    CHECK_STR(d.rows[0].acts[0].text, "Done in phase 1");
    CHECK_INT(d.rows[0].nsubs, 0);
}

TEST(the_real_report)
{
    const char *seeds = getenv("SEEDS") ? getenv("SEEDS") : "../shared/seeds";
    char path[512];
    snprintf(path, sizeof path, "%s/002_0b44ff1b59d411cb.txt", seeds);
    if (access(path, R_OK) != 0) SKIP("no source documents in $SEEDS (default ../shared/seeds)");
    size_t len;
    char *text = file_read(path, 1 << 20, &len, &e);
    CHECK(text != NULL);
    int rc = ssr1_parse(path, text, len, a, &d, &e);
    mem_free(text);
    CHECK(rc == 0);
    CHECK_INT(d.nrows, 28);
    CHECK_STR(d.as_of, "2014-03-18");
    /* Rec 9: two done, the certification roadmap in progress. */
    CHECK_INT(d.rows[8].nacts, 3);
    CHECK_INT(d.rows[8].acts[0].status, ST_COMPLETE);
    CHECK_INT(d.rows[8].acts[2].status, ST_IN_PROGRESS);
    CHECK(strstr(d.rows[8].acts[2].text, "roadmap") != NULL);
    /* Rec 12's last activity was pushed onto a later line. */
    CHECK_INT(d.rows[11].nacts, 3);
    CHECK(strstr(d.rows[11].acts[1].text, "Stop.Think.Connect") != NULL);
    CHECK(strstr(d.rows[11].acts[2].text, "registry agreement") != NULL);
    /* Sub-items 6A/6B and 23A/23B/23C. */
    CHECK_INT(d.rows[5].nsubs, 2);
    CHECK_STR(d.rows[5].sub_label[0], "SSAC");
    CHECK_INT(d.rows[22].nsubs, 3);
    CHECK_STR(d.rows[22].sub[2], "23C");
    CHECK_INT(d.rows[22].acts[2].sub, 2);
    int marks = 0;
    for (int i = 0; i < d.nrows; i++) marks += d.rows[i].nacts;
    CHECK_INT(marks, 42);
}

/* Every failed allocation while reading is an error; none changes the model
 * (a sub-item or its label lost would change what is imported). Arena
 * requests reach the allocator only when a block is full, so the arena is
 * first filled to each level where the parse's own requests end a block. */
TEST(failed_allocations_fail_the_parse)
{
    arena_t *t = arena_new();
    CHECK(t && ssr1_parse("mini.txt", mini, strlen(mini), t, &d, &e) == 0);
    size_t used = arena_used(t);
    arena_free(t);
    CHECK(used < ARENA_BLOCK_SIZE / 2);
    int failures = 0;
    for (size_t fill = ARENA_BLOCK_SIZE - used - 64; fill <= ARENA_BLOCK_SIZE; fill += 16) {
        for (long n = 1;; n++) {
            arena_t *b = arena_new();
            CHECK(b && arena_alloc(b, fill));
            mem_fail_at(n, 0);
            int rc = ssr1_parse("mini.txt", mini, strlen(mini), b, &d, &e);
            long made = mem_count();
            mem_fail_at(0, 0);
            if (rc != 0) CHECK_INT(e.code, ERR_NOMEM);
            failures += rc != 0;
            if (rc == 0) {
                CHECK_INT(d.nrows, 3);
                CHECK_INT(d.rows[1].nsubs, 2);
                CHECK_STR(d.rows[1].sub[1], "2B");
                CHECK_STR(d.rows[1].sub_label[1], "BETA");
                CHECK_INT(d.rows[1].acts[1].sub, 1);
                CHECK_INT(d.rows[0].nacts, 2);
            }
            arena_free(b);
            if (made < n) break;   /* the parse made fewer than n allocations */
        }
    }
    CHECK(failures > 0);
}

/* Cells longer than a buffer's first 256 bytes: a failure while a buffer
 * grows is an error too, and (under `make asan`) leaks nothing. */
TEST(failed_growth_fails_the_parse)
{
    char doc[4096], acts[1200] = "";
    for (int i = 0; i < 12; i++)
        snprintf(acts + strlen(acts), sizeof acts - strlen(acts), " %s Step %d of the long plan, "
                 "written out at length so that the cell grows.", i % 2 ? "\xE2\x9C\x93" : "o", i + 1);
    snprintf(doc, sizeof doc, "Status as of 18 March 2014 of the 1 SSR Review Team recommendations.\n"
             "1 \tA topic that is long enough to need more room than a first buffer holds, "
             "repeated: a topic that is long enough to need more room than a first buffer holds, "
             "and once more: a topic that is long enough to need more room than a first buffer holds\t"
             "ICANN should do the long thing.\t%s\n", acts);
    ssr1_doc want;
    CHECK(ssr1_parse("wide.txt", doc, strlen(doc), a, &want, &e) == 0);
    CHECK_INT(want.rows[0].nacts, 12);
    int failures = 0;
    for (long n = 1;; n++) {
        arena_t *b = arena_new();
        CHECK(b != NULL);
        mem_fail_at(n, 0);
        int rc = ssr1_parse("wide.txt", doc, strlen(doc), b, &d, &e);
        long made = mem_count();
        mem_fail_at(0, 0);
        if (rc != 0) CHECK_INT(e.code, ERR_NOMEM);
        failures += rc != 0;
        if (rc == 0) {
            CHECK_INT(d.rows[0].nacts, 12);
            CHECK_STR(d.rows[0].topic, want.rows[0].topic);
            CHECK_STR(d.rows[0].acts[11].text, want.rows[0].acts[11].text);
        }
        arena_free(b);
        if (made < n) break;
    }
    CHECK(failures > 0);
}

int main(void)
{
    a = arena_new();
    RUN(rows_marks_and_continuation);
    RUN(status_rule);
    RUN(line_ends_do_not_matter);
    RUN(damaged_documents);
    RUN(number_at_the_end);
    RUN(the_real_report);
    RUN(failed_allocations_fail_the_parse);
    RUN(failed_growth_fails_the_parse);
    arena_free(a);
    TEST_EXIT();
}
