/* cmd_admin.c — init, verify, rebuild, demo: the database as a whole. */
#include <string.h>

#include "cli/commands.h"
#include "embedded.h"
#include "import/canonical.h"
#include "util/hex.h"

int cmd_init(cli_t *c, int argc, char **argv)
{
    if (args_parse(c, "init", argc, argv, NULL, 0, NULL, 0, 0, NULL)) return -1;
    if (c->db_created) printf("created %s\n", c->db_path);
    else printf("%s is already an ssrtrack database; nothing changed\n", c->db_path);
    return 0;
}

int cmd_verify(cli_t *c, int argc, char **argv)
{
    if (args_parse(c, "verify", argc, argv, NULL, 0, NULL, 0, 0, NULL)) return -1;
    verify_result r;
    if (store_verify(c->store, &r, &c->err)) return -1;
    if (r.bad_seq)
        return err_set(&c->err, ERR_INPUT, "verify: seq %lld: %s (%lld rows before it verified)",
                       r.bad_seq, r.problem, r.rows);
    char head[65];
    hex_encode(r.head, 32, head);
    printf("ok: %lld changes, chain head %s\n", r.rows, r.rows ? head : "(empty)");
    return 0;
}

int cmd_rebuild(cli_t *c, int argc, char **argv)
{
    if (args_parse(c, "rebuild", argc, argv, NULL, 0, NULL, 0, 0, NULL)) return -1;
    if (store_rebuild(c->store, &c->err)) return err_prefix(&c->err, "rebuild");
    printf("rebuilt the projections from %lld changes\n", store_head_seq(c->store));
    return 0;
}

/* The bundled file called name (data/...), or NULL. */
static const embedded_file *bundled(const char *name)
{
    for (const embedded_file *f = embedded_files; f->name; f++)
        if (strcmp(f->name, name) == 0) return f;
    return NULL;
}

int cmd_demo(cli_t *c, int argc, char **argv)
{
    if (args_parse(c, "demo", argc, argv, NULL, 0, NULL, 0, 0, NULL)) return -1;
    long long n;
    if (store_change_count(c->store, &n, &c->err)) return -1;
    if (n > 0)
        return err_set(&c->err, ERR_CONFLICT, "demo: %s already holds %lld changes; load the demo "
                       "into a new database", c->db_path, n);
    const embedded_file *f = bundled("data/demo.json");
    if (!f) return err_set(&c->err, ERR_INTERNAL, "demo: the demo data is not in this build");
    canon_stats st;
    if (canon_import(c->store, "demo.json", (const char *)f->data, f->size, "demo", &st, &c->err))
        return -1;
    printf("loaded the demo: %lld changes\n", st.changes);
    return 0;
}
