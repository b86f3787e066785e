/* cmd_comment.c — comment add | edit: discussion on a rec, a milestone or an
 * assessment item, in the change log (store/comments.h). */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "store/comments.h"
#include "util/alloc.h"
#include "util/file.h"

typedef struct {
    const char *thing, *id, *text, *actor;
    char *new_id;
} comment_write;

static int do_add(cli_t *c, void *ctx)
{
    comment_write *w = ctx;
    return comment_add(c->store, w->thing, w->text, w->actor, c->a, &w->new_id, &c->err);
}

static int do_edit(cli_t *c, void *ctx)
{
    comment_write *w = ctx;
    return comment_edit(c->store, w->id, w->text, w->actor, &c->err);
}

/* --text T, or @FILE (@- for stdin) for a longer Markdown text. */
static const char *text_of(cli_t *c, const char *cmd, const char *given)
{
    if (!given) { err_set(&c->err, ERR_INPUT, "%s: --text is required", cmd); return NULL; }
    if (given[0] != '@') return given;
    size_t len;
    char *raw = file_read(given + 1, 20000, &len, &c->err);
    if (!raw) { err_prefix(&c->err, "%s: --text", cmd); return NULL; }
    char *text = arena_strdup(c->a, raw);
    mem_free(raw);
    if (!text) err_nomem(&c->err);
    return text;
}

int cmd_comment_add(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--text", 1}, {"--actor", 1}};
    const char *pos[1];
    if (args_parse(c, "comment add", argc, argv, o, NOPTS(o), pos, 1, 1, NULL)) return -1;
    comment_write w = {.thing = pos[0], .actor = cli_actor(opt_value(o, NOPTS(o), "--actor"))};
    if (!(w.text = text_of(c, "comment add", opt_value(o, NOPTS(o), "--text")))) return -1;
    if (cli_write(c, do_add, &w)) return err_prefix(&c->err, "comment add %s", pos[0]);
    printf("%s\n", w.new_id);
    return 0;
}

int cmd_comment_edit(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--text", 1}, {"--actor", 1}};
    const char *pos[1];
    if (args_parse(c, "comment edit", argc, argv, o, NOPTS(o), pos, 1, 1, NULL)) return -1;
    comment_write w = {.id = pos[0], .actor = cli_actor(opt_value(o, NOPTS(o), "--actor"))};
    if (!(w.text = text_of(c, "comment edit", opt_value(o, NOPTS(o), "--text")))) return -1;
    if (cli_write(c, do_edit, &w)) return err_prefix(&c->err, "comment edit %s", pos[0]);
    printf("edited %s\n", pos[0]);
    return 0;
}
