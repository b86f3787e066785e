/* args.c — option parsing and small helpers shared by the commands. */
#include "cli/cli.h"

#include "report/json_view.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int args_parse(cli_t *c, const char *cmd, int argc, char **argv, opt_t *opts, int nopts,
               const char **pos, int min, int max, int *npos)
{
    /* A test hook (docs/cli.md, "Environment"): list what this parser accepts
     * and stop, so that tests/e2e/test_usage.sh can hold the usage in the
     * command table to it. */
    if (getenv("SSRTRACK_LIST_OPTIONS")) {
        for (int k = 0; k < nopts; k++) printf("%s%s\n", opts[k].name, opts[k].takes_value ? " VALUE" : "");
        return err_set(&c->err, ERR_INPUT, "%s: options listed (SSRTRACK_LIST_OPTIONS)", cmd);
    }
    int np = 0, only_pos = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (!only_pos && strcmp(arg, "--") == 0) { only_pos = 1; continue; }
        /* Options are --name, or one letter (-o); a number like -5 is an argument. */
        int short_opt = arg[0] == '-' && arg[1] >= 'a' && arg[1] <= 'z' && !arg[2];
        if (!only_pos && ((arg[0] == '-' && arg[1] == '-') || short_opt)) {
            const char *eq = strchr(arg, '=');
            size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
            opt_t *o = NULL;
            for (int k = 0; k < nopts; k++)
                if (strlen(opts[k].name) == n && strncmp(opts[k].name, arg, n) == 0) o = &opts[k];
            if (!o) return err_set(&c->err, ERR_INPUT, "%s: unknown option %.*s", cmd, (int)n, arg);
            if (o->given && o->takes_value == 1)
                return err_set(&c->err, ERR_INPUT, "%s: option %s given twice", cmd, o->name);
            const char *prev = o->given ? o->value : NULL;
            o->given = 1;
            if (o->takes_value) {
                if (eq) o->value = eq + 1;
                else if (i + 1 < argc) o->value = argv[++i];
                else return err_set(&c->err, ERR_INPUT, "%s: option %s needs a value", cmd, o->name);
                /* A repeatable option keeps every value, one per line. */
                if (prev && !(o->value = arena_printf(c->a, "%s\n%s", prev, o->value))) return err_nomem(&c->err);
            } else if (eq) {
                return err_set(&c->err, ERR_INPUT, "%s: option %s takes no value", cmd, o->name);
            }
            continue;
        }
        if (np >= max)
            return err_set(&c->err, ERR_INPUT, "%s: unexpected argument '%.60s'", cmd, arg);
        pos[np++] = arg;
    }
    if (np < min) return err_set(&c->err, ERR_INPUT, "%s: missing argument (see 'ssrtrack help')", cmd);
    if (npos) *npos = np;
    return 0;
}

int opt_values(cli_t *c, const opt_t *opts, int nopts, const char *name, const char ***out, int *n)
{
    *out = NULL;
    *n = 0;
    const char *v = opt_value(opts, nopts, name);
    if (!v) return 0;
    int count = 1;
    for (const char *p = v; *p; p++) count += *p == '\n';
    const char **list = arena_alloc(c->a, sizeof *list * (size_t)count);
    char *copy = arena_strdup(c->a, v);
    if (!list || !copy) return err_nomem(&c->err);
    for (char *p = copy, *nl; p; p = nl) {
        nl = strchr(p, '\n');
        if (nl) *nl++ = '\0';
        list[(*n)++] = p;
    }
    *out = list;
    return 0;
}

const char *opt_value(const opt_t *opts, int nopts, const char *name)
{
    for (int i = 0; i < nopts; i++)
        if (strcmp(opts[i].name, name) == 0) return opts[i].given ? opts[i].value : NULL;
    return NULL;
}

int opt_given(const opt_t *opts, int nopts, const char *name)
{
    for (int i = 0; i < nopts; i++)
        if (strcmp(opts[i].name, name) == 0) return opts[i].given;
    return 0;
}

int opt_long(cli_t *c, const char *cmd, const opt_t *opts, int nopts, const char *name, long min,
             long max, long dflt, long *out)
{
    const char *v = opt_value(opts, nopts, name);
    *out = dflt;
    if (!v) return 0;
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < min || n > max)
        return err_set(&c->err, ERR_INPUT, "%s: %s: '%.30s' is not a whole number from %ld to %ld",
                       cmd, name, v, min, max);
    *out = n;
    return 0;
}

int cli_review_known(cli_t *c, const char *cmd, const char *review)
{
    if (!review) return 0;
    int ok = store_exists(c->store, &kind_review, review, &c->err);
    if (ok < 0) return -1;
    return ok ? 0 : err_set(&c->err, ERR_NOTFOUND, "%s: no such review: %s", cmd, review);
}

const char *cli_actor(const char *given)
{
    if (given && *given) return given;
    const char *env = getenv("SSRTRACK_ACTOR");
    if (env && *env) return env;
    env = getenv("USER");
    if (env && *env) return env;
    return "cli";
}

const char *cli_format(cli_t *c, const char *cmd, const char *given, const char *choices,
                       const char *dflt)
{
    if (!given) return dflt;
    size_t n = strlen(given);
    for (const char *p = choices; *p;) {
        size_t m = strcspn(p, "|");
        if (m == n && strncmp(p, given, n) == 0) return given;
        p += m;
        if (*p == '|') p++;
    }
    err_set(&c->err, ERR_INPUT, "%s: --format: unknown format '%.30s' (one of: %s)", cmd, given, choices);
    return NULL;
}

int cli_print_json(cli_t *c, json_t *j)
{
    if (!j) return err_nomem(&c->err);
    buf_t b = BUF_INIT;
    if (json_to_buf(j, &b)) { buf_free(&b); return err_nomem(&c->err); }
    return cli_print_buf(c, &b);
}

int cli_print_buf(cli_t *c, buf_t *b)
{
    int ok = buf_ok(b);
    if (ok && b->len && fwrite(b->data, 1, b->len, stdout) != b->len) ok = -1;
    buf_free(b);
    if (ok < 0) return err_set(&c->err, ERR_IO, "cannot write the output");
    return ok ? 0 : err_nomem(&c->err);
}

int cli_output_file(cli_t *c, const char *cmd, const char *path, buf_t *b)
{
    if (!buf_ok(b)) { buf_free(b); return err_nomem(&c->err); }
    if (!path) {
        if (isatty(STDOUT_FILENO)) {
            buf_free(b);
            return err_set(&c->err, ERR_INPUT, "%s: a spreadsheet is not for a terminal: give -o FILE or "
                           "redirect the output", cmd);
        }
        return cli_print_buf(c, b);
    }
    FILE *f = fopen(path, "wb");
    int ok = f && (!b->len || fwrite(b->data, 1, b->len, f) == b->len);
    if (f && fclose(f) != 0) ok = 0;
    buf_free(b);
    if (!ok) return err_set(&c->err, ERR_IO, "%s: %s: %s", cmd, path, strerror(errno));
    return 0;
}

static int apply_edit(cli_t *c, void *ctx)
{
    return store_edit(c->store, ctx, &c->err);
}

int cli_set_fields(cli_t *c, const char *cmd, const kind_def *k, int argc, char **argv)
{
    opt_t o[] = {{"--effective", 1}, {"--reason", 1}, {"--actor", 1}};
    int no = NOPTS(o), np;
    const char **pos = arena_alloc(c->a, sizeof(char *) * (size_t)(argc + 1));
    field_value *fv = arena_alloc(c->a, sizeof(field_value) * (size_t)(argc + 1));
    if (!pos || !fv) return err_nomem(&c->err);
    if (args_parse(c, cmd, argc, argv, o, no, pos, 2, argc, &np)) return -1;
    for (int i = 1; i < np; i++) {
        const char *eq = strchr(pos[i], '=');
        if (!eq || eq == pos[i]) return err_set(&c->err, ERR_INPUT, "%s: '%.60s' is not FIELD=VALUE", cmd, pos[i]);
        fv[i - 1] = (field_value){arena_strndup(c->a, pos[i], (size_t)(eq - pos[i])), eq + 1};
        if (!fv[i - 1].field) return err_nomem(&c->err);
    }
    edit_t ed = {EDIT_UPDATE, k, pos[0], fv, np - 1, opt_value(o, no, "--effective"),
                 cli_actor(opt_value(o, no, "--actor")), opt_value(o, no, "--reason")};
    if (cli_write(c, apply_edit, &ed)) return err_prefix(&c->err, "%s %s", cmd, pos[0]);
    printf("updated %s %s\n", k->label, pos[0]);
    return 0;
}

int cli_write(cli_t *c, int (*fn)(cli_t *c, void *ctx), void *ctx)
{
    if (store_begin(c->store, &c->err)) return -1;
    if (fn(c, ctx) || store_commit(c->store, &c->err)) {
        store_rollback(c->store);
        return -1;
    }
    return 0;
}
