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
    int no = NOPTS(o);
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

int cmd_milestone_set(cli_t *c, int argc, char **argv)
{
    return cli_set_fields(c, "milestone set", &kind_milestone, argc, argv);
}
