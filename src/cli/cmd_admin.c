/* cmd_admin.c — init, rebuild, demo: the database as a whole. (verify is
 * with the ledger's commands, in cmd_ledger.c.) */
#include <string.h>

#include "cli/commands.h"
#include "embedded.h"
#include "import/canonical.h"

int cmd_init(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--key", 1}, {"--origin", 1}};
    if (args_parse(c, "init", argc, argv, o, NOPTS(o), NULL, 0, 0, NULL)) return -1;
    /* A database without a signing key (new, or from before keys) gets one. */
    const char *key;
    if (ledger_init_key(c, opt_value(o, NOPTS(o), "--key"), opt_value(o, NOPTS(o), "--origin"), &key)) return -1;
    if (c->db_created) printf("created %s\n", c->db_path);
    else printf("%s is already an ssrtrack database%s\n", c->db_path, key ? "" : "; nothing changed");
    if (key) fputs(key, stdout);
    return 0;
}

int cmd_rebuild(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--tree", 0}};
    if (args_parse(c, "rebuild", argc, argv, o, NOPTS(o), NULL, 0, 0, NULL)) return -1;
    int tree_only = opt_given(o, NOPTS(o), "--tree");
    if ((tree_only ? store_tree_rebuild : store_rebuild)(c->store, &c->err))
        return err_prefix(&c->err, "rebuild");
    printf("rebuilt %s from %lld changes\n", tree_only ? "the Merkle tree" : "the projections and the Merkle tree",
           store_head_seq(c->store));
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
    /* SSR1 first, then SSR2 (whose review and links refer to SSR1's): one
     * transaction each. */
    static const char *const files[] = {"data/demo.json", "data/demo-ssr2.json"};
    long long changes = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        const embedded_file *f = bundled(files[i]);
        if (!f) return err_set(&c->err, ERR_INTERNAL, "demo: %s is not in this build", files[i]);
        canon_stats st;
        if (canon_import(c->store, files[i] + 5, (const char *)f->data, f->size, "demo", &st, &c->err))
            return -1;
        changes += st.changes;
    }
    printf("loaded the demo: %lld changes\n", changes);
    return 0;
}
