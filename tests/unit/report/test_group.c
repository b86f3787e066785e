/* Tests of src/report/group.c: children under their parents, with failing
 * allocations. */
#include "test.h"
#include "report/group.h"
#include "util/alloc.h"

static const char *ms_a[MS_NFIELDS] = {"R-1", "a"}, *ms_b[MS_NFIELDS] = {"R-2", "b"},
                  *ms_c[MS_NFIELDS] = {"R-1", "c"}, *ms_x[MS_NFIELDS] = {"R-9", "x"};

TEST(groups_in_order)
{
    ent_t parents[] = {{"R-1", NULL, NULL, NULL, 0}, {"R-2", NULL, NULL, NULL, 0}, {"R-3", NULL, NULL, NULL, 0}};
    ent_t kids[] = {{"R-1.1", ms_a, NULL, NULL, 0}, {"R-2.1", ms_b, NULL, NULL, 0},
                    {"R-1.2", ms_c, NULL, NULL, 0}, {"R-9.1", ms_x, NULL, NULL, 0}};
    arena_t *a = arena_new();
    ent_groups g;
    err_t e;
    CHECK(ent_group(parents, 3, kids, 4, MS_REC, a, &g, &e) == 0);
    CHECK_INT(g.count[0], 2);
    CHECK_STR(g.items[g.first[0]].id, "R-1.1");
    CHECK_STR(g.items[g.first[0] + 1].id, "R-1.2");
    CHECK_INT(g.count[1], 1);
    CHECK_STR(g.items[g.first[1]].id, "R-2.1");
    CHECK_INT(g.count[2], 0);                 /* has no listed parent */
    /* Every allocation failing in turn: an error, never a crash. */
    for (long n = 1; n < 20; n++) {
        mem_fail_at(n, 1);
        int rc = ent_group(parents, 3, kids, 4, MS_REC, a, &g, &e);
        mem_fail_at(0, 0);
        CHECK(rc == 0 || e.code == ERR_NOMEM);
    }
    arena_free(a);
}

int main(void)
{
    RUN(groups_in_order);
    TEST_EXIT();
}
