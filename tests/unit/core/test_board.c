/* Tests of src/core/board.c and of board values through field_normalize. */
#include "test.h"
#include "core/board.h"
#include "core/entity.h"

TEST(single_and_combined)
{
    char out[32];
    CHECK_INT(board_parse("approved"), 1u << BD_APPROVED);
    CHECK_INT(board_parse("Passed through"), 1u << BD_PASSED_THROUGH);
    CHECK_INT(board_parse("passed-through"), 1u << BD_PASSED_THROUGH);
    CHECK_STR(board_format(board_parse("passed_through+approved"), out), "approved+passed_through");
    CHECK_STR(board_format(board_parse("pending+passed_through"), out), "passed_through+pending");
    CHECK_STR(board_format(board_parse("Rejected+Approved"), out), "approved+rejected");
    CHECK(board_has("approved+passed_through", BD_APPROVED));
    CHECK(board_has("approved+passed_through", BD_PASSED_THROUGH));
    CHECK(!board_has("approved+passed_through", BD_PENDING));
    CHECK(!board_has(NULL, BD_PENDING));
}

TEST(refused)
{
    CHECK_INT(board_parse(""), 0);
    CHECK_INT(board_parse("approve"), 0);
    CHECK_INT(board_parse("approved+approved"), 0);
    CHECK_INT(board_parse("approved+pending+rejected"), 0);
    CHECK_INT(board_parse("approved+"), 0);
    CHECK_INT(board_parse("+pending"), 0);
    CHECK_INT(board_parse("approved "), 0);
}

TEST(as_a_field)
{
    arena_t *a = arena_new();
    err_t e = {0};
    const field_def *f = &kind_rec.fields[REC_BOARD];
    const char *out = NULL;
    int rc = field_normalize(f, "Pending+Approved", a, &out, &e);
    int bad = field_normalize(f, "approved+maybe", a, &out, &e);
    int was_kept = out && strcmp(out, "approved+pending") == 0;
    rc |= field_normalize(f, "approved+pending", a, &out, &e);
    arena_free(a);
    CHECK_INT(rc, 0);
    CHECK(was_kept);
    CHECK_INT(bad, -1);
    CHECK(strstr(e.msg, "field 'board'") != NULL);
}

int main(void)
{
    RUN(single_and_combined);
    RUN(refused);
    RUN(as_a_field);
    TEST_EXIT();
}
