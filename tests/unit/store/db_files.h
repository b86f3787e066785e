/* db_files.h — for the store's unit tests: fresh SQLite files in one
 * temporary directory made by db_files_begin() and removed with everything
 * in it by db_files_end(), and put() to write a thing into one. Header-only,
 * like test.h; include it after it. */
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

/* Create or update one thing, effective on eff, by "tester", in its own
 * transaction; -1, said, on failure. */
static inline int put(store_t *s, edit_op op, const kind_def *k, const char *id, const char *eff,
                      const field_value *fv, int n)
{
    err_t e;
    edit_t ed = {op, k, id, fv, n, eff, "tester", ""};
    int rc = store_begin(s, &e) || store_edit(s, &ed, &e) || store_commit(s, &e);
    if (rc) { printf("# put %s: %s\n", id, e.msg); store_rollback(s); }
    return rc ? -1 : 0;
}

static int db_files_begin(void) { return mkdtemp(dir) ? 0 : -1; }

static int db_files_end(void)
{
    char cmd[sizeof dir + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
