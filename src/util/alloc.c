/* alloc.c — malloc wrappers with optional injected failure; see alloc.h. */
#include "util/alloc.h"

#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static _Atomic long fail_at;   /* 0: off; else the allocation number that fails */
static _Atomic long counter;
static _Atomic int fail_sticky;
static _Atomic long failures;

void mem_fail_at(long n, int sticky)
{
    counter = 0;
    fail_sticky = sticky;
    fail_at = n > 0 ? n : 0;
}

void mem_count_only(void) { mem_fail_at(LONG_MAX, 0); }

long mem_count(void) { return counter; }

long mem_failures(void) { return failures; }

/* Note a NULL result; returns it. */
static void *failed(void)
{
    failures++;
    return NULL;
}

/* Returns 1 when this allocation must fail because of injection. */
static int injected(void)
{
    long at = fail_at;
    if (at == 0) return 0;
    long n = ++counter;
    return n == at || (fail_sticky && n > at);
}

void *mem_alloc(size_t n)
{
    void *p = injected() ? NULL : malloc(n ? n : 1);
    return p ? p : failed();
}

void *mem_calloc(size_t count, size_t size)
{
    void *p = injected() ? NULL : calloc(count ? count : 1, size ? size : 1);
    return p ? p : failed();
}

void *mem_realloc(void *p, size_t n)
{
    void *q = injected() ? NULL : realloc(p, n ? n : 1);
    return q ? q : failed();
}

void mem_free(void *p) { free(p); }

char *mem_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = mem_alloc(n);
    if (d) memcpy(d, s, n);
    return d;
}
