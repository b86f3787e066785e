/* cmd_import_export.c — import (canonical JSON or a source document), export, and the
 * public export of the ledger. */
#include <string.h>

#include "cli/commands.h"
#include "import/canonical.h"
#include "import/csv_recs.h"
#include "import/ssr1_report.h"
#include "import/ssr2_assessment.h"
#include "report/ledger_json.h"
#include "util/alloc.h"
#include "util/file.h"

static int import_canonical(cli_t *c, const char *path, const char *actor, const char *data, size_t len)
{
    canon_stats st;
    if (canon_import(c->store, path, data, len, actor, &st, &c->err)) return -1;
    if (st.changes) printf("imported %lld changes (seq %lld to %lld)\n", st.changes, st.first_seq, st.last_seq);
    else printf("imported 0 changes\n");
    return 0;
}

static int import_ssr1(cli_t *c, const char *path, const opt_t *o, int no, const char *data, size_t len)
{
    ssr1_doc d;
    ssr1_stats st;
    ssr1_options opts = {opt_value(o, no, "--review"), opt_value(o, no, "--effective"),
                         cli_actor(opt_value(o, no, "--actor"))};
    if (opts.effective && !date_valid(opts.effective))
        return err_set(&c->err, ERR_INPUT, "--effective: '%.40s' is not a valid date", opts.effective);
    if (ssr1_parse(path, data, len, c->a, &d, &c->err) || ssr1_apply(c->store, path, &d, &opts, &st, &c->err))
        return -1;
    printf("imported the SSR1 implementation report as of %s: %d recs created, %d updated "
           "(%d sub-items), %d activities as milestones\n", d.as_of, st.recs_created, st.recs_updated,
           st.subs, st.milestones);
    return 0;
}

static int import_ssr2(cli_t *c, const char *path, const opt_t *o, int no, const char *data, size_t len)
{
    ssr2_doc d;
    ssr2_stats st;
    ssr2_options opts = {opt_value(o, no, "--assessment"), opt_value(o, no, "--by"),
                         opt_value(o, no, "--of"), opt_value(o, no, "--as-of"),
                         cli_actor(opt_value(o, no, "--actor"))};
    if (opts.as_of && !date_valid(opts.as_of))
        return err_set(&c->err, ERR_INPUT, "--as-of: '%.40s' is not a valid date", opts.as_of);
    if (ssr2_parse(path, data, len, c->a, &d, &c->err) || ssr2_apply(c->store, path, &d, &opts, &st, &c->err))
        return -1;
    printf("imported assessment %s as of %s: %d items (%d recs created, %d rec texts filled), "
           "%d evidence links, %d draft recs; verdicts stated: %d implemented, %d effect, %d relevant\n",
           st.assessment, st.as_of, st.items, st.recs_created, st.texts_filled, st.evidence, st.drafts,
           st.implemented, st.effect, st.relevant);
    return 0;
}

static int import_csv(cli_t *c, const char *path, const opt_t *o, int no, const char *data, size_t len)
{
    csv_options opts = {opt_value(o, no, "--review"), opt_value(o, no, "--effective"),
                        opt_value(o, no, "--reason"), cli_actor(opt_value(o, no, "--actor"))};
    csv_stats st;
    if (csv_import_recs(c->store, path, data, len, &opts, c->a, &st, &c->err)) return -1;
    printf("imported %ld rows: %ld recs created, %ld updated, %ld changes\n", st.rows, st.created, st.updated,
           st.changes);
    return 0;
}

int cmd_import(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--format", 1}, {"--actor", 1}, {"--review", 1}, {"--effective", 1},
                 {"--assessment", 1}, {"--by", 1}, {"--of", 1}, {"--as-of", 1}, {"--reason", 1}};
    int no = NOPTS(o);
    const char *pos[1];
    if (args_parse(c, "import", argc, argv, o, no, pos, 1, 1, NULL)) return -1;
    const char *fmt = cli_format(c, "import", opt_value(o, no, "--format"),
                                 "canonical|ssr1-report|ssr2-assessment|csv", "canonical");
    if (!fmt) return -1;
    size_t len;
    char *data = file_read(pos[0], strcmp(fmt, "canonical") == 0 ? CANON_MAX_BYTES : DOC_MAX_BYTES,
                           &len, &c->err);
    if (!data) return err_prefix(&c->err, "import");
    int rc;
    if (strcmp(fmt, "ssr1-report") == 0) rc = import_ssr1(c, pos[0], o, no, data, len);
    else if (strcmp(fmt, "ssr2-assessment") == 0) rc = import_ssr2(c, pos[0], o, no, data, len);
    else if (strcmp(fmt, "csv") == 0) rc = import_csv(c, pos[0], o, no, data, len);
    else rc = import_canonical(c, pos[0], cli_actor(opt_value(o, no, "--actor")), data, len);
    mem_free(data);
    return rc ? err_prefix(&c->err, "import") : 0;
}

int cmd_export(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--as-of", 1}, {"--public", 0}};
    if (args_parse(c, "export", argc, argv, o, NOPTS(o), NULL, 0, 0, NULL)) return -1;
    if (opt_given(o, NOPTS(o), "--public")) {
        /* The public side of the whole log: no subset, or its tree would differ. */
        if (opt_given(o, NOPTS(o), "--as-of"))
            return err_set(&c->err, ERR_INPUT, "export: --public exports the whole log; it takes no --as-of");
        return ledger_export_public(c->store, stdout, &c->err) ? err_prefix(&c->err, "export") : 0;
    }
    if (canon_export(c->store, opt_value(o, NOPTS(o), "--as-of"), stdout, &c->err)) return err_prefix(&c->err, "export");
    return 0;
}
