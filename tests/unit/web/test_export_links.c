/* test_export_links.c — the export's file layout and the relative links made
 * from it (web/export_links.c). */
#include "test.h"
#include "web/export_links.h"

static const char *file_of(const char *url)
{
    static char out[256];
    return export_file(url, strlen(url), out, sizeof out) ? out : NULL;
}

TEST(layout_of_pages_and_files)
{
    CHECK_STR(file_of("/"), "index.html");
    CHECK_STR(file_of("/recs"), "recs/index.html");
    CHECK_STR(file_of("/recs/"), "recs/index.html");
    CHECK_STR(file_of("/recs/SSR2-10.1"), "recs/SSR2-10.1/index.html");
    CHECK_STR(file_of("/reviews/SSR1/claims"), "reviews/SSR1/claims/index.html");
    CHECK_STR(file_of("/reviews/SSR1/board"), "reviews/SSR1/board/index.html");
    CHECK_STR(file_of("/reviews/SSR1/board.csv"), "reviews/SSR1/board.csv");
    CHECK_STR(file_of("/reviews/SSR1/calendar.ics"), "reviews/SSR1/calendar.ics");
    CHECK_STR(file_of("/static/style.css"), "static/style.css");
    CHECK_STR(file_of("/changes.atom"), "changes.atom");
    CHECK_STR(file_of("/reports/smart.md"), "reports/smart.md");
    CHECK_STR(file_of("/ledger/checkpoint"), "ledger/checkpoint");
    CHECK(file_of("/reports/smart") == NULL);          /* no format: not a file of the export */
    CHECK(file_of("/signin") == NULL);
    CHECK(file_of("/api/v1/recs") == NULL);
    CHECK(file_of("//example.org/x") == NULL);
    CHECK(file_of("/recs/../etc") == NULL);
}

TEST(queries_become_files_or_nothing)
{
    CHECK_STR(file_of("/reports/smart?format=csv"), "reports/smart.csv");
    CHECK_STR(file_of("/reviews/SSR1/board?format=xlsx"), "reviews/SSR1/board.xlsx");
    CHECK_STR(file_of("/recs?review=SSR1&amp;status=complete"), "recs/_/SSR1/complete.html");
    CHECK_STR(file_of("/recs?status=complete&review=SSR1"), "recs/_/SSR1/complete.html");
    CHECK_STR(file_of("/recs?review=SSR1"), "recs/_/SSR1/index.html");
    CHECK_STR(file_of("/recs?review=SSR1&amp;overdue=1"), "recs/_/SSR1/overdue.html");
    CHECK_STR(file_of("/ledger/entries?start=1&amp;end=1000"), "ledger/entries/1-1000.json");
    CHECK(file_of("/recs?review=SSR1&amp;q=dns") == NULL);
    CHECK(file_of("/recs?status=complete") == NULL);
    CHECK(file_of("/changes?before=40") == NULL);
    CHECK(file_of("/recs?as_of=2020-01-01") == NULL);
    CHECK_STR(file_of("/reports/assessment?assessment=SSR2-SSR1&amp;format=html"),
              "assessments/SSR2-SSR1/report.html");
    CHECK(file_of("/reports/smart?assessment=SSR2-SSR1&amp;format=html") == NULL);
    CHECK(file_of("/recs?review=../x") == NULL);
    CHECK(file_of("/ledger/entries?start=1&amp;end=x") == NULL);
}

static int no_checkpoint(void *ctx, const char *file)
{
    (void)ctx;
    return strcmp(file, "ledger/checkpoint") != 0;
}

TEST(relink_makes_links_relative)
{
    const char *html = "<link rel=\"stylesheet\" href=\"/static/style.css\">"
                       "<a href=\"/recs/SSR1-9#history\">x</a> <a class=\"c\" href=\"/changes?before=3\">older</a>"
                       "<a href=\"https://icann.org/\">e</a><a href=\"#main\">m</a>"
                       "<a href=\"/ledger/checkpoint\">c</a><p>href=&quot;/x&quot;</p>";
    buf_t out = BUF_INIT;
    export_relink("recs/SSR1-6/index.html", html, strlen(html), no_checkpoint, NULL, &out);
    CHECK(buf_ok(&out));
    CHECK_STR(buf_str(&out), "<link rel=\"stylesheet\" href=\"../../static/style.css\">"
                             "<a href=\"../../recs/SSR1-9/index.html#history\">x</a> <a class=\"c\">older</a>"
                             "<a href=\"https://icann.org/\">e</a><a href=\"#main\">m</a>"
                             "<a>c</a><p>href=&quot;/x&quot;</p>");
    buf_reset(&out);
    const char *root = "<a href=\"/\">home</a><img src=\"/static/favicon.svg\">";
    export_relink("index.html", root, strlen(root), NULL, NULL, &out);
    CHECK_STR(buf_str(&out), "<a href=\"index.html\">home</a><img src=\"static/favicon.svg\">");
    buf_free(&out);
}

int main(void)
{
    RUN(layout_of_pages_and_files);
    RUN(queries_become_files_or_nothing);
    RUN(relink_makes_links_relative);
    TEST_EXIT();
}
