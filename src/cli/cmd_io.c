/* cmd_io.c — import and export of the canonical JSON format, and the
 * public export of the ledger. */
#include "cli/commands.h"
#include "import/canonical.h"
#include "report/ledger_json.h"
#include "util/alloc.h"
#include "util/file.h"

int cmd_import(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--actor", 1}};
    const char *pos[1];
    if (args_parse(c, "import", argc, argv, o, 1, pos, 1, 1, NULL)) return -1;
    size_t len;
    char *data = file_read(pos[0], CANON_MAX_BYTES, &len, &c->err);
    if (!data) return err_prefix(&c->err, "import");
    canon_stats st;
    int rc = canon_import(c->store, pos[0], data, len, cli_actor(opt_value(o, 1, "--actor")), &st, &c->err);
    mem_free(data);
    if (rc) return err_prefix(&c->err, "import");
    if (st.changes) printf("imported %lld changes (seq %lld to %lld)\n", st.changes, st.first_seq, st.last_seq);
    else printf("imported 0 changes\n");
    return 0;
}

int cmd_export(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--as-of", 1}, {"--public", 0}};
    if (args_parse(c, "export", argc, argv, o, 2, NULL, 0, 0, NULL)) return -1;
    if (opt_given(o, 2, "--public")) {
        /* The public side of the whole log: no subset, or its tree would differ. */
        if (opt_given(o, 2, "--as-of"))
            return err_set(&c->err, ERR_INPUT, "export: --public exports the whole log; it takes no --as-of");
        return ledger_export_public(c->store, stdout, &c->err) ? err_prefix(&c->err, "export") : 0;
    }
    if (canon_export(c->store, opt_value(o, 2, "--as-of"), stdout, &c->err)) return err_prefix(&c->err, "export");
    return 0;
}
