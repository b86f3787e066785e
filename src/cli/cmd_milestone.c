/* cmd_milestone.c — milestone add | set. */
#include <string.h>

#include "cli/commands.h"
#include "store/ops.h"

typedef struct {
    const char *rec;
    field_value fv[8];
    int n;
    const char *effective, *actor, *reason;
    char *id;
} ms_add;

static int do_add(cli_t *c, void *ctx)
{
    ms_add *m = ctx;
    return op_add_milestone(c->store, m->rec, m->fv, m->n, m->effective, m->actor, m->reason, c->a, &m->id,
                            &c->err);
}

int cmd_milestone_add(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--title", 1}, {"--status", 1}, {"--due", 1}, {"--done", 1}, {"--effective", 1},
                 {"--reason", 1}, {"--actor", 1}};
    int no = 7;
    const char *pos[1];
    if (args_parse(c, "milestone add", argc, argv, o, no, pos, 1, 1, NULL)) return -1;
    if (!opt_given(o, no, "--title")) return err_set(&c->err, ERR_INPUT, "milestone add: --title is required");
    ms_add m = {.rec = pos[0], .effective = opt_value(o, no, "--effective"),
                .actor = cli_actor(opt_value(o, no, "--actor")), .reason = opt_value(o, no, "--reason")};
    static const char *const map[][2] = {{"--title", "title"}, {"--status", "status"}, {"--due", "due"}, {"--done", "done"}};
    for (int i = 0; i < 4; i++)
        if (opt_given(o, no, map[i][0])) m.fv[m.n++] = (field_value){map[i][1], opt_value(o, no, map[i][0])};
    if (cli_write(c, do_add, &m)) return err_prefix(&c->err, "milestone add %s", pos[0]);
    printf("%s\n", m.id);
    return 0;
}

static int apply_edit(cli_t *c, void *ctx)
{
    return store_edit(c->store, ctx, &c->err);
}

int cmd_milestone_set(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--effective", 1}, {"--reason", 1}, {"--actor", 1}};
    int no = 3, np;
    const char **pos = arena_alloc(c->a, sizeof(char *) * (size_t)(argc + 1));
    field_value *fv = arena_alloc(c->a, sizeof(field_value) * (size_t)(argc + 1));
    if (!pos || !fv) return err_nomem(&c->err);
    if (args_parse(c, "milestone set", argc, argv, o, no, pos, 2, argc, &np)) return -1;
    for (int i = 1; i < np; i++) {
        const char *eq = strchr(pos[i], '=');
        if (!eq || eq == pos[i])
            return err_set(&c->err, ERR_INPUT, "milestone set: '%.60s' is not FIELD=VALUE", pos[i]);
        fv[i - 1] = (field_value){arena_strndup(c->a, pos[i], (size_t)(eq - pos[i])), eq + 1};
        if (!fv[i - 1].field) return err_nomem(&c->err);
    }
    edit_t ed = {EDIT_UPDATE, &kind_milestone, pos[0], fv, np - 1, opt_value(o, no, "--effective"),
                 cli_actor(opt_value(o, no, "--actor")), opt_value(o, no, "--reason")};
    if (cli_write(c, apply_edit, &ed)) return err_prefix(&c->err, "milestone set %s", pos[0]);
    printf("updated milestone %s\n", pos[0]);
    return 0;
}
