/* sqlmem.c — SQLite's heap memory through util/alloc.c, so that a test which
 * makes the N-th allocation fail (mem_fail_at) reaches SQLite's allocations
 * as well as ours.
 *
 * SQLite asks the size of a block it was given (xSize), so each block starts
 * with a header holding its size; SQLite sees the bytes after the header and
 * owns them until it calls xFree. store_init installs the methods once, before
 * SQLite initializes itself. */
#include "store/internal.h"

#include <pthread.h>
#include <stddef.h>
#include <string.h>

#include "util/alloc.h"

/* The header keeps the block's payload aligned as malloc's would be. */
typedef union {
    size_t size;
    max_align_t align;
} block_head;

static void *sm_malloc(int n)
{
    if (n <= 0) return NULL;
    block_head *h = mem_alloc(sizeof *h + (size_t)n);
    if (!h) return NULL;
    h->size = (size_t)n;
    return h + 1;
}

static void sm_free(void *p)
{
    if (p) mem_free((block_head *)p - 1);
}

static void *sm_realloc(void *p, int n)
{
    if (!p) return sm_malloc(n);
    if (n <= 0) return NULL;
    block_head *h = mem_realloc((block_head *)p - 1, sizeof *h + (size_t)n);
    if (!h) return NULL;   /* the old block is still SQLite's */
    h->size = (size_t)n;
    return h + 1;
}

static int sm_size(void *p)
{
    return p ? (int)((block_head *)p - 1)->size : 0;
}

static int sm_roundup(int n)
{
    return (n + 7) & ~7;
}

static int sm_init(void *app) { (void)app; return SQLITE_OK; }
static void sm_shutdown(void *app) { (void)app; }

static sqlite3_mem_methods methods = {
    sm_malloc, sm_free, sm_realloc, sm_size, sm_roundup, sm_init, sm_shutdown, NULL
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int config_rc;

static void configure(void)
{
    config_rc = sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
}

int store_init(err_t *e)
{
    pthread_once(&once, configure);
    if (config_rc != SQLITE_OK)
        return err_set(e, ERR_INTERNAL, "SQLite was started before its memory could be configured");
    return 0;
}
