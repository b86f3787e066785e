/* fuzz_doc_text.c — the text helpers the document importers share
 * (import/doc_text.c): splitting into lines, cleaning, Markdown escaping and
 * titles. Each line of the input goes through every helper; the checks are
 * the promises of doc_text.h. */
#include "fuzz.h"
#include "import/doc_text.h"
#include "util/text.h"

static void one_line(arena_t *a, const char *line)
{
    size_t n = strlen(line);
    buf_t b = BUF_INIT;
    doc_clean(&b, line);
    FUZZ_CHECK(buf_ok(&b));
    const char *clean = buf_str(&b);
    size_t cn = strlen(clean);
    /* Trimmed, no runs of spaces, never longer than what it came from. */
    FUZZ_CHECK(cn <= n);
    FUZZ_CHECK(cn == 0 || (clean[0] != ' ' && clean[cn - 1] != ' '));
    FUZZ_CHECK(!strstr(clean, "  "));
    char *again = doc_clean_str(a, line);
    FUZZ_CHECK(again && strcmp(again, clean) == 0);

    buf_t md = BUF_INIT;
    doc_md_escape(&md, line);
    FUZZ_CHECK(buf_ok(&md) && md.len >= n && md.len <= 2 * n);
    buf_free(&md);

    /* Titles: at most max bytes and the ellipsis, cut on a character. */
    static const size_t maxes[] = {3, 10, 110, 480};
    for (size_t i = 0; i < sizeof maxes / sizeof maxes[0]; i++) {
        char *t = doc_title(a, clean, maxes[i]);
        FUZZ_CHECK(t != NULL);
        FUZZ_CHECK(strlen(t) <= maxes[i] + 3);
        FUZZ_CHECK(utf8_valid(t, strlen(t)));
    }
    /* Short titles: at most max bytes, no ellipsis, cut on a character. */
    for (size_t i = 2; i < sizeof maxes / sizeof maxes[0]; i++) {
        char *t = doc_short_title(a, clean, maxes[i]);
        FUZZ_CHECK(t != NULL);
        FUZZ_CHECK(strlen(t) <= maxes[i]);
        FUZZ_CHECK(utf8_valid(t, strlen(t)));
    }
    FUZZ_CHECK(!doc_blank(line) || cn == 0);
    buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_setup();
    arena_t *a = arena_new();
    FUZZ_CHECK(a != NULL);
    doc_lines L;
    err_t e;
    if (doc_split("fuzz.txt", (const char *)data, size, a, &L, &e) == 0) {
        for (size_t i = 0; i < L.n; i++) {
            FUZZ_CHECK(!strpbrk(L.line[i], "\r\n"));
            FUZZ_CHECK(utf8_valid(L.line[i], strlen(L.line[i])));
            one_line(a, L.line[i]);
        }
        char fp[65];
        doc_fingerprint(&L, fp);
        FUZZ_CHECK(strlen(fp) == 64);
    }
    arena_free(a);
    return 0;
}
