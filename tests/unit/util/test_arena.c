/* Tests of src/util/arena.c: growing arrays in an arena. */
#include "test.h"
#include "util/alloc.h"
#include "util/arena.h"

TEST(arena_grow_doubles)
{
    arena_t *a = arena_new();
    long *v = NULL;
    size_t n = 0, cap = 0;
    for (long i = 0; i < 1000; i++) {
        CHECK(arena_grow(a, (void **)&v, n, &cap, sizeof *v, 4) == 0);
        v[n++] = i;
    }
    CHECK_INT(cap, 1024);
    for (long i = 0; i < 1000; i++) CHECK_INT(v[i], i);
    arena_free(a);
    /* A first block too big for what the arena holds, and memory gone. */
    a = arena_new();
    v = NULL;
    cap = 0;
    mem_fail_at(1, 1);
    int rc = arena_grow(a, (void **)&v, 0, &cap, sizeof *v, (size_t)1 << 20);
    mem_fail_at(0, 0);
    CHECK(rc == -1 && v == NULL && cap == 0);
    arena_free(a);
}

int main(void)
{
    RUN(arena_grow_doubles);
    TEST_EXIT();
}
