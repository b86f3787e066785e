/* cmd_review.c — review add | list. */
#include <string.h>

#include "cli/commands.h"
#include "cli/render.h"
#include "report/json_view.h"

static int apply_edit(cli_t *c, void *ctx)
{
    return store_edit(c->store, ctx, &c->err);
}

int cmd_review_add(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--title", 1}, {"--published", 1}, {"--url", 1}, {"--effective", 1},
                 {"--reason", 1}, {"--actor", 1}};
    int no = NOPTS(o);
    const char *pos[1];
    if (args_parse(c, "review add", argc, argv, o, no, pos, 1, 1, NULL)) return -1;
    if (!opt_given(o, no, "--title")) return err_set(&c->err, ERR_INPUT, "review add: --title is required");
    field_value fv[3];
    int n = 0;
    fv[n++] = (field_value){"title", opt_value(o, no, "--title")};
    if (opt_given(o, no, "--published")) fv[n++] = (field_value){"published", opt_value(o, no, "--published")};
    if (opt_given(o, no, "--url")) fv[n++] = (field_value){"url", opt_value(o, no, "--url")};
    edit_t ed = {EDIT_CREATE, &kind_review, pos[0], fv, n, opt_value(o, no, "--effective"),
                 cli_actor(opt_value(o, no, "--actor")), opt_value(o, no, "--reason")};
    if (cli_write(c, apply_edit, &ed)) return err_prefix(&c->err, "review add %s", pos[0]);
    printf("added review %s\n", pos[0]);
    return 0;
}

int cmd_review_list(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--as-of", 1}, {"--format", 1}};
    if (args_parse(c, "review list", argc, argv, o, NOPTS(o), NULL, 0, 0, NULL)) return -1;
    const char *fmt = cli_format(c, "review list", opt_value(o, NOPTS(o), "--format"), "table|json", "table");
    if (!fmt) return -1;
    view_t v;
    ent_t *r;
    size_t n;
    if (store_view(c->store, opt_value(o, NOPTS(o), "--as-of"), NULL, &v, &c->err) ||
        store_list(c->store, &kind_review, &v, -1, NULL, c->a, &r, &n, &c->err))
        return err_prefix(&c->err, "review list");
    if (strcmp(fmt, "json") == 0) {
        json_t *arr = json_array();
        if (!arr) return err_nomem(&c->err);
        for (size_t i = 0; i < n; i++)
            if (json_array_append_new(arr, json_entity(&kind_review, &r[i]))) {
                json_decref(arr);
                return err_nomem(&c->err);
            }
        return cli_print_json(c, arr);
    }
    printf("ID        PUBLISHED   TITLE\n");
    for (size_t i = 0; i < n; i++) {
        render_cell(stdout, r[i].id, 9);
        printf(" %-10s  %s\n", r[i].v[REVIEW_PUBLISHED] ? r[i].v[REVIEW_PUBLISHED] : "-", r[i].v[REVIEW_TITLE]);
    }
    return 0;
}
