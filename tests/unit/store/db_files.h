/* db_files.h — for the store's unit tests: fresh SQLite files in one
 * temporary directory made by db_files_begin() and removed with everything
 * in it by db_files_end(), and put() and put2() to write a thing into one.
 * Header-only, like test.h; include it after it. */
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

/* Write one edit in its own transaction; -1 with e set on failure. */
static inline int write_one(store_t *s, const edit_t *ed, err_t *e)
{
    if (store_begin(s, e)) return -1;
    if (store_edit(s, ed, e) || store_commit(s, e)) { store_rollback(s); return -1; }
    return 0;
}

/* Create or update one thing, effective on eff, by "tester", in its own
 * transaction; -1, said, on failure. */
static inline int put(store_t *s, edit_op op, const kind_def *k, const char *id, const char *eff,
                      const field_value *fv, int n)
{
    err_t e;
    edit_t ed = {op, k, id, fv, n, eff, "tester", ""};
    if (write_one(s, &ed, &e) == 0) return 0;
    printf("# put %s: %s\n", id, e.msg);
    return -1;
}

/* The same with one or two fields given as name and value (f2 NULL: one),
 * the reason "because", and the error left in e. */
static inline int put2(store_t *s, edit_op op, const kind_def *k, const char *id, const char *eff,
                       const char *f1, const char *v1, const char *f2, const char *v2, err_t *e)
{
    field_value fv[2] = {{f1, v1}, {f2, v2}};
    edit_t ed = {op, k, id, fv, f2 ? 2 : 1, eff, "tester", "because"};
    return write_one(s, &ed, e);
}

static int db_files_begin(void) { return mkdtemp(dir) ? 0 : -1; }

static int db_files_end(void)
{
    char cmd[sizeof dir + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
