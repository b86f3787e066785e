/* testhooks.c — reading the fault-injection variables; see testhooks.h. */
#include "cli/testhooks.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/faultvfs.h"
#include "util/alloc.h"

/* The value of name, or NULL when unset or empty. */
static const char *env(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

/* "N", "N+", and with allow_full also "N:full" and "N+:full". */
static int parse(const char *name, const char *v, int allow_full, long *n, int *sticky, int *full,
                 err_t *e)
{
    char *end;
    errno = 0;
    *n = strtol(v, &end, 10);
    *sticky = *end == '+';
    if (*sticky) end++;
    *full = allow_full && strcmp(end, ":full") == 0;
    if (*full) end += 5;
    if (errno || *n < 1 || end == v || *end)
        return err_set(e, ERR_INPUT, "%s: '%.40s' is not a count N (1 or more), N+%s", name, v,
                       allow_full ? ", N:full or N+:full" : "");
    return 0;
}

static int counting;
static long open_allocs = -1, open_writes = -1;

static void print_counts(void)
{
    fprintf(stderr, "ssrtrack: fault count: allocations=%ld writes=%ld", mem_count(),
            faultvfs_count());
    if (open_allocs >= 0)
        fprintf(stderr, " opened_at_allocations=%ld opened_at_writes=%ld", open_allocs, open_writes);
    fputc('\n', stderr);
}

void testhooks_opened(void)
{
    if (!counting) return;
    open_allocs = mem_count();
    open_writes = faultvfs_count();
}

int testhooks_start(err_t *e)
{
    const char *alloc = env("SSRTRACK_FAIL_ALLOC"), *write = env("SSRTRACK_FAIL_WRITE");
    const char *count = env("SSRTRACK_FAULT_COUNT");
    if (!alloc && !write && !count) return 0;
    counting = count && strcmp(count, "0") != 0;
    long an = 0, wn = 0;
    int asticky = 0, wsticky = 0, full = 0, unused;
    if ((alloc && parse("SSRTRACK_FAIL_ALLOC", alloc, 0, &an, &asticky, &unused, e)) ||
        (write && parse("SSRTRACK_FAIL_WRITE", write, 1, &wn, &wsticky, &full, e)))
        return -1;
    if (counting) atexit(print_counts);
    if (alloc) mem_fail_at(an, asticky);
    else if (counting) mem_count_only();
    /* Starting SQLite and the VFS allocates: those allocations count too. */
    if ((write || counting) && faultvfs_install(wn, wsticky, full, e)) return -1;
    return 0;
}
