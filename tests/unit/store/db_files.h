/* db_files.h — for the store's unit tests: fresh SQLite files in one
 * temporary directory made by db_files_begin() and removed with everything
 * in it by db_files_end(). Header-only, like test.h; include it after it. */
#ifndef SSR_DB_FILES_H
#define SSR_DB_FILES_H

#include <unistd.h>

#include "store/store.h"

static char dir[] = "/tmp/ssrtrack-test-XXXXXX";
static char path[300];   /* the newest file made by fresh() */
static int counter;

/* A new, empty database file (its path in `path`); NULL, said, on failure.
 * The caller closes it. */
static store_t *fresh(void)
{
    snprintf(path, sizeof path, "%s/t%d.db", dir, counter++);
    store_t *s = NULL;
    err_t e;
    int created = 0;
    if (store_open(path, STORE_CREATE, &s, &created, &e) != 0) {
        printf("# open: %s\n", e.msg);
        return NULL;
    }
    return created ? s : NULL;
}

static int db_files_begin(void) { return mkdtemp(dir) ? 0 : -1; }

static int db_files_end(void)
{
    char cmd[sizeof dir + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
