/* Tests of src/util/arena.c: growing arrays in an arena, and (under
 * AddressSanitizer) the poisoned bytes around each allocation. */
#include "test.h"
#include "util/alloc.h"
#include "util/arena.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define HAVE_ASAN 1
#endif

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

/* Each allocation's bytes are usable and zeroed; under ASan the byte after
 * them and the unused rest of the block are poisoned, so an overrun of an
 * arena string is reported like one of a malloc'd string. */
TEST(arena_bounds)
{
    arena_t *a = arena_new();
    char *s = arena_alloc(a, 5), *t = arena_strdup(a, "abc");
    CHECK(s && t);
    for (int i = 0; i < 5; i++) CHECK_INT(s[i], 0);
    CHECK_STR(t, "abc");
    CHECK_INT(arena_used(a), 2 * sizeof(max_align_t));
#ifdef HAVE_ASAN
    CHECK(!__asan_address_is_poisoned(s + 4));
    CHECK(__asan_address_is_poisoned(s + 5));
    CHECK(__asan_address_is_poisoned(t + 4));
    char *big = arena_alloc(a, 100000);   /* a block of its own */
    CHECK(big && !__asan_address_is_poisoned(big + 99999) && __asan_address_is_poisoned(big + 100000));
#endif
    arena_free(a);
}

int main(void)
{
    RUN(arena_grow_doubles);
    RUN(arena_bounds);
    TEST_EXIT();
}
