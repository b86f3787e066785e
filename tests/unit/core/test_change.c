/* Tests of src/core/change.c: the canonical encoding of a change, byte for
 * byte as docs/ledger.md specifies it (versions 1 and 2). */
#include "test.h"
#include "core/change.h"

/* field(p, s): checks that p holds s's 4-byte big-endian length and bytes;
 * returns the position after it, or NULL. */
static const unsigned char *field(const unsigned char *p, const char *s)
{
    size_t n = strlen(s);
    if (p[0] != (unsigned char)(n >> 24) || p[1] != (unsigned char)(n >> 16) ||
        p[2] != (unsigned char)(n >> 8) || p[3] != (unsigned char)n)
        return NULL;
    return memcmp(p + 4, s, n) == 0 ? p + 4 + n : NULL;
}

TEST(version_1)
{
    change_t c = {.seq = 42, .entity = "rec", .entity_id = "SSR1-9", .field = "status",
                  .value = "complete", .effective_at = "2014-03-18",
                  .recorded_at = "2026-01-15T12:00:00.000000Z", .actor = "ana", .reason = NULL};
    buf_t b = BUF_INIT;
    change_encode(&c, &b);
    CHECK(buf_ok(&b));
    const char *want[] = {"42", "rec", "SSR1-9", "status", "complete", "2014-03-18",
                          "2026-01-15T12:00:00.000000Z", "ana", ""};
    const unsigned char *p = (const unsigned char *)b.data;
    size_t total = 0;
    for (int i = 0; i < 9; i++) {
        total += 4 + strlen(want[i]);
        p = field(p, want[i]);
        if (!p) buf_free(&b);
        CHECK(p != NULL);
    }
    size_t len = b.len;
    buf_free(&b);
    CHECK_INT(len, total);    /* nothing after the reason: no reported_at, no tx */
}

TEST(version_2_appends_reported_at_and_tx)
{
    change_t c = {.seq = 7, .entity = "milestone", .entity_id = "SSR1-9.1", .field = "title",
                  .value = "Caf\xC3\xA9", .effective_at = "2012-10-18",
                  .recorded_at = "2026-01-15T12:00:00.000000Z", .actor = "import", .reason = "r",
                  .reported_at = "2014-03-18", .tx = 5};
    buf_t b = BUF_INIT;
    change_encode(&c, &b);
    const char *want[] = {"7", "milestone", "SSR1-9.1", "title", "Caf\xC3\xA9", "2012-10-18",
                          "2026-01-15T12:00:00.000000Z", "import", "r", "2014-03-18", "5"};
    const unsigned char *p = (const unsigned char *)b.data;
    for (int i = 0; i < 11 && p; i++) p = field(p, want[i]);
    int at_end = p && p == (const unsigned char *)b.data + b.len;
    buf_free(&b);
    CHECK(at_end);
}

TEST(any_field_changes_the_bytes)
{
    change_t c = {.seq = 1, .entity = "rec", .entity_id = "A", .field = "f", .value = "v",
                  .effective_at = "2014-01-01", .recorded_at = "2026-01-01T00:00:00.000000Z",
                  .actor = "x", .reason = "y", .reported_at = "2014-01-01", .tx = 1};
    buf_t a = BUF_INIT, b = BUF_INIT;
    change_encode(&c, &a);
    /* Moving a byte from one field to the next keeps the concatenation but
     * not the encoding: the lengths tell the fields apart. */
    c.field = "fv";
    c.value = "";
    change_encode(&c, &b);
    int differ = a.len == b.len && memcmp(a.data, b.data, a.len) != 0;
    buf_reset(&b);
    c.field = "f";
    c.value = "v";
    c.tx = 2;
    change_encode(&c, &b);
    differ = differ && memcmp(a.data, b.data, a.len < b.len ? a.len : b.len) != 0;
    buf_free(&a);
    buf_free(&b);
    CHECK(differ);
}

int main(void)
{
    RUN(version_1);
    RUN(version_2_appends_reported_at_and_tx);
    RUN(any_field_changes_the_bytes);
    TEST_EXIT();
}
