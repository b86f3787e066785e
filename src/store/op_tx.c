/* op_tx.c — one write transaction around a function; see internal.h. */
#include "store/internal.h"

int op_tx(store_t *s, int (*fn)(store_t *s, void *ctx, err_t *e), void *ctx, err_t *e)
{
    if (s->in_tx) return fn(s, ctx, e);   /* part of the caller's transaction */
    int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK) return db_error(s, rc, "begin", e);
    if (fn(s, ctx, e)) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        db_error(s, rc, "commit", e);
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}
