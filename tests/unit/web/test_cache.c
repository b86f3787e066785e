/* Tests of src/web/cache.c: the budget and the order of eviction, what an
 * invalidation drops and keeps, answers begun before an invalidation, the
 * day, and that every value is released exactly once. */
#include "test.h"
#include "web/cache.h"

static int released[64];

static void release(void *value) { released[(int)(long)value]++; }

static int used;
static void use(void *value, void *arg)
{
    (void)arg;
    used = (int)(long)value;
}

/* Whether key is kept for day D (and which value answered, in used). */
static int has(rcache *c, const char *key) { return rcache_use(c, key, "2026-12-02", use, NULL); }

static void put(rcache *c, const char *key, const char *rec, long value, size_t bytes)
{
    rcache_put(c, key, rec, "2026-12-02", (void *)value, bytes, rcache_epoch(c));
}

TEST(budget_evicts_least_recently_used)
{
    memset(released, 0, sizeof released);
    rcache *c = rcache_new(1000, 3, release);
    put(c, "/a", NULL, 1, 100);
    put(c, "/b", NULL, 2, 100);
    put(c, "/c", NULL, 3, 100);
    CHECK(has(c, "/a"));          /* /a is now the most recently used: /b goes first */
    put(c, "/d", NULL, 4, 100);   /* a fourth entry: over the count */
    CHECK(!has(c, "/b"));
    CHECK_INT(released[2], 1);
    CHECK(has(c, "/a") && has(c, "/c") && has(c, "/d"));   /* used in that order: /a is now the oldest */
    put(c, "/e", NULL, 5, 200);
    CHECK(!has(c, "/a"));
    put(c, "/f", NULL, 6, 300);   /* over a quarter of the budget: never kept */
    CHECK(!has(c, "/f"));
    CHECK_INT(released[6], 1);
    put(c, "/g", NULL, 7, 230);
    put(c, "/h", NULL, 8, 230);
    rcache_stats st;
    rcache_stats_get(c, &st);
    CHECK(st.bytes <= 1000);
    CHECK(st.entries <= 3);
    CHECK(st.evicted >= 3);
    CHECK(has(c, "/h"));
    CHECK_INT(used, 8);
    put(c, "/h", NULL, 9, 10);    /* the same key: the new value replaces the old */
    CHECK(has(c, "/h"));
    CHECK_INT(used, 9);
    CHECK_INT(released[8], 1);
    rcache_free(c);
    for (int i = 1; i <= 9; i++) CHECK_INT(released[i], 1);
}

TEST(bytes_budget)
{
    memset(released, 0, sizeof released);
    rcache *c = rcache_new(1000, 100, release);
    for (long i = 1; i <= 10; i++) {
        char key[8];
        snprintf(key, sizeof key, "/%ld", i);
        put(c, key, NULL, i, 200);
    }
    rcache_stats st;
    rcache_stats_get(c, &st);
    CHECK_INT(st.entries, 5);
    CHECK_INT(st.bytes, 1000);
    CHECK(!has(c, "/5") && has(c, "/6") && has(c, "/10"));
    rcache_free(c);
}

TEST(invalidate_drops_what_a_change_can_alter)
{
    memset(released, 0, sizeof released);
    rcache *c = rcache_new(1 << 20, 100, release);
    put(c, "/recs/A", "A", 1, 10);
    put(c, "/recs/A?as_of=2015-01-01", "A", 2, 10);
    put(c, "/recs/B", "B", 3, 10);
    put(c, "/", NULL, 4, 10);
    put(c, "/recs", NULL, 5, 10);
    const char *changed[] = {"A", "Z"};
    rcache_invalidate(c, 0, changed, 2);
    CHECK(!has(c, "/recs/A"));
    CHECK(!has(c, "/recs/A?as_of=2015-01-01"));
    CHECK(!has(c, "/"));
    CHECK(!has(c, "/recs"));
    CHECK(has(c, "/recs/B"));     /* another rec's page stays */
    rcache_stats st;
    rcache_stats_get(c, &st);
    CHECK_INT(st.dropped, 4);
    CHECK_INT(st.entries, 1);
    rcache_invalidate(c, 0, NULL, 0);   /* a change of no rec's page: the global ones only */
    CHECK(has(c, "/recs/B"));
    rcache_invalidate(c, 1, NULL, 0);
    CHECK(!has(c, "/recs/B"));
    rcache_free(c);
    for (int i = 1; i <= 5; i++) CHECK_INT(released[i], 1);
}

TEST(answers_begun_before_an_invalidation)
{
    memset(released, 0, sizeof released);
    rcache *c = rcache_new(1 << 20, 100, release);
    unsigned long long born = rcache_epoch(c);
    const char *changed[] = {"A"};
    rcache_invalidate(c, 0, changed, 1);
    rcache_put(c, "/recs/A", "A", "2026-12-02", (void *)1L, 10, born);   /* may hold A before the change */
    rcache_put(c, "/recs/B", "B", "2026-12-02", (void *)2L, 10, born);   /* not concerned */
    rcache_put(c, "/", NULL, "2026-12-02", (void *)3L, 10, born);        /* shows anything */
    CHECK(!has(c, "/recs/A"));
    CHECK(has(c, "/recs/B"));
    CHECK(!has(c, "/"));
    CHECK_INT(released[1], 1);
    CHECK_INT(released[3], 1);
    born = rcache_epoch(c);
    rcache_invalidate(c, 1, NULL, 0);
    rcache_put(c, "/recs/C", "C", "2026-12-02", (void *)4L, 10, born);   /* after "drop all": nothing from before */
    CHECK(!has(c, "/recs/C"));
    put(c, "/recs/A", "A", 5, 10);                                       /* begun after: kept */
    CHECK(has(c, "/recs/A"));
    rcache_free(c);
}

TEST(one_day)
{
    memset(released, 0, sizeof released);
    rcache *c = rcache_new(1 << 20, 100, release);
    rcache_put(c, "/", NULL, "2026-12-01", (void *)1L, 10, rcache_epoch(c));
    CHECK(!has(c, "/"));          /* kept yesterday: pages count days */
    CHECK(rcache_use(c, "/", "2026-12-01", use, NULL));
    rcache_stats st;
    rcache_stats_get(c, &st);
    CHECK_INT(st.hits, 1);
    CHECK_INT(st.misses, 1);
    rcache_free(c);
    CHECK_INT(released[1], 1);
}

int main(void)
{
    RUN(budget_evicts_least_recently_used);
    RUN(bytes_budget);
    RUN(invalidate_drops_what_a_change_can_alter);
    RUN(answers_begun_before_an_invalidation);
    RUN(one_day);
    TEST_EXIT();
}
