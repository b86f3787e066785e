/* cmd_accounts.c — user add | remove | set | list, token create | list |
 * revoke. Each command is one transaction holding both its entries in the
 * change log (kinds user and token: roles, removals, token ids, expiries,
 * revocations; never a password, a secret or a hash) and its rows in the
 * accounts tables (store/accounts.h). */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "store/accounts.h"
#include "store/contacts.h"

/* One of the roles the log's user kind knows (core/entity.c). */
static int valid_role(const char *role)
{
    for (const char *const *r = kind_user.fields[USER_ROLE].choices; role && *r; r++)
        if (strcmp(*r, role) == 0) return 1;
    return 0;
}

/* User names appear in the log as actors and in sign-off ids. */
static int valid_name(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 64) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || strchr(" ._@-", *s)))
            return 0;
    return 1;
}

/* What one account command writes: the log entry (kind, id, fields) and
 * then the accounts rows (rows(), given the whole struct). */
typedef struct acct_write {
    edit_op op;
    const kind_def *kind;
    const char *id;
    field_value fv[3];
    int nfv;
    const char *actor, *reason;
    const char *name, *role, *hash, *expires;
    unsigned char token_hash[32];
    int (*rows)(cli_t *c, struct acct_write *w);
    const char *email;   /* user add/set --email: the address (store/contacts.h), or NULL */
} acct_write;

static int do_acct_write(cli_t *c, void *ctx)
{
    acct_write *w = ctx;
    edit_t ed = {w->op, w->kind, w->id, w->fv, w->nfv, NULL, w->actor, w->reason};
    if (w->nfv && store_edit(c->store, &ed, &c->err)) return -1;
    if (w->rows && w->rows(c, w)) return -1;
    return w->email && contacts_set_user_email(c->store, w->name, w->email, &c->err) ? -1 : 0;
}

/* 1 when the log knows the thing, 0 when not, -1 on error. */
static int logged(cli_t *c, const kind_def *k, const char *id) { return store_exists(c->store, k, id, &c->err); }

static int rows_add(cli_t *c, acct_write *w) { return accounts_add_user(c->store, w->name, w->role, w->hash, &c->err); }
/* The user's tokens end with it: each is logged revoked, then the rows go. */
static int rows_remove(cli_t *c, acct_write *w)
{
    token_info *t;
    size_t n;
    if (accounts_list_tokens(c->store, w->name, c->a, &t, &n, &c->err)) return -1;
    for (size_t i = 0; i < n; i++) {
        int known = logged(c, &kind_token, t[i].id);
        if (known < 0) return -1;
        field_value fv[] = {{"revoked", "true"}, {"user", t[i].user}};
        edit_t ed = {known ? EDIT_UPDATE : EDIT_CREATE, &kind_token, t[i].id, fv, known ? 1 : 2, NULL, w->actor,
                     w->reason};
        if (store_edit(c->store, &ed, &c->err)) return -1;
    }
    return accounts_remove_user(c->store, w->name, &c->err);
}
static int rows_role(cli_t *c, acct_write *w) { return accounts_set_role(c->store, w->name, w->role, &c->err); }
static int rows_token(cli_t *c, acct_write *w)
{
    return accounts_new_token(c->store, w->id, w->token_hash, w->name, w->expires, &c->err);
}
static int rows_revoke(cli_t *c, acct_write *w) { return accounts_revoke_token(c->store, w->id, &c->err); }

/* The password from stdin (never the command line), hashed; NULL on error. */
static char *read_password(cli_t *c)
{
    char pw[1024];
    if (!fgets(pw, sizeof pw, stdin)) { err_set(&c->err, ERR_INPUT, "user add: give the password on stdin"); return NULL; }
    pw[strcspn(pw, "\r\n")] = '\0';
    if (strlen(pw) < 10) {
        err_set(&c->err, ERR_INPUT, "user add: the password must have at least 10 characters");
        return NULL;
    }
    char *hash = accounts_hash_password(c->a, pw, &c->err);
    sodium_memzero(pw, sizeof pw);
    return hash;
}

/* 1 when the user exists now, 0 when not, -1 on error. */
static int user_exists(cli_t *c, const char *name)
{
    account_t acc;
    return accounts_get_user(c->store, name, c->a, &acc, &c->err);
}

int cmd_user_add(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--role", 1}, {"--email", 1}, {"--reason", 1}, {"--actor", 1}};
    const char *pos[1];
    if (args_parse(c, "user add", argc, argv, o, NOPTS(o), pos, 1, 1, NULL)) return -1;
    const char *email = opt_value(o, NOPTS(o), "--email");
    if (email && cli_check_email(c, "user add", "--email", email)) return -1;
    const char *role = opt_value(o, NOPTS(o), "--role");
    if (!valid_role(role))
        return err_set(&c->err, ERR_INPUT, "user add: --role must be admin, editor, assessor or viewer");
    if (!valid_name(pos[0]))
        return err_set(&c->err, ERR_INPUT, "user add: a name is 1-64 letters, digits, spaces or . _ @ -");
    int exists = user_exists(c, pos[0]), known = logged(c, &kind_user, pos[0]);
    if (exists < 0 || known < 0) return err_prefix(&c->err, "user add");
    if (exists) return err_set(&c->err, ERR_CONFLICT, "user add: user %s already exists", pos[0]);
    char *hash = read_password(c);
    if (!hash) return -1;
    /* A name used before comes back as a new identity: its old tokens stay gone. */
    acct_write w = {known ? EDIT_UPDATE : EDIT_CREATE, &kind_user, pos[0], {{"role", role}, {"removed", "false"}}, 2,
                    cli_actor(opt_value(o, NOPTS(o), "--actor")), opt_value(o, NOPTS(o), "--reason"),
                    pos[0], role, hash, NULL, {0}, rows_add, email};
    if (cli_write(c, do_acct_write, &w)) return err_prefix(&c->err, "user add");
    printf("added user %s (%s)\n", pos[0], role);
    return 0;
}

/* The log entry for a change to an existing user: an update, or a creation
 * for a user added before accounts were logged. The role is always given. */
static int user_entry(cli_t *c, const char *cmd, const char *name, acct_write *w)
{
    int exists = user_exists(c, name), known = logged(c, &kind_user, name);
    if (exists < 0 || known < 0) return err_prefix(&c->err, "%s", cmd);
    if (!exists) return err_set(&c->err, ERR_NOTFOUND, "%s: no such user: %.64s", cmd, name);
    w->op = known ? EDIT_UPDATE : EDIT_CREATE;
    w->kind = &kind_user;
    w->id = w->name = name;
    return 0;
}

int cmd_user_remove(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--reason", 1}, {"--actor", 1}};
    const char *pos[1];
    if (args_parse(c, "user remove", argc, argv, o, NOPTS(o), pos, 1, 1, NULL)) return -1;
    acct_write w = {.actor = cli_actor(opt_value(o, NOPTS(o), "--actor")), .reason = opt_value(o, NOPTS(o), "--reason"),
                    .rows = rows_remove};
    if (user_entry(c, "user remove", pos[0], &w)) return -1;
    account_t acc;
    if (accounts_get_user(c->store, pos[0], c->a, &acc, &c->err) != 1) return err_prefix(&c->err, "user remove");
    w.fv[w.nfv++] = (field_value){"removed", "true"};
    if (w.op == EDIT_CREATE) w.fv[w.nfv++] = (field_value){"role", acc.role};
    if (cli_write(c, do_acct_write, &w)) return err_prefix(&c->err, "user remove");
    printf("removed user %s, with its sessions and tokens\n", pos[0]);
    return 0;
}

int cmd_user_set(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--role", 1}, {"--email", 1}, {"--reason", 1}, {"--actor", 1}};
    const char *pos[1];
    if (args_parse(c, "user set", argc, argv, o, NOPTS(o), pos, 1, 1, NULL)) return -1;
    const char *role = opt_value(o, NOPTS(o), "--role"), *email = opt_value(o, NOPTS(o), "--email");
    if (!role && !email) return err_set(&c->err, ERR_INPUT, "user set: give --role, --email or both");
    if (role && !valid_role(role))
        return err_set(&c->err, ERR_INPUT, "user set: --role must be admin, editor, assessor or viewer");
    if (email && cli_check_email(c, "user set", "--email", email)) return -1;
    acct_write w = {.actor = cli_actor(opt_value(o, NOPTS(o), "--actor")), .reason = opt_value(o, NOPTS(o), "--reason"),
                    .role = role, .email = email, .rows = role ? rows_role : NULL};
    if (user_entry(c, "user set", pos[0], &w)) return -1;
    if (role) w.fv[w.nfv++] = (field_value){"role", role};
    if (cli_write(c, do_acct_write, &w)) return err_prefix(&c->err, "user set");
    if (role) printf("user %s is now %s\n", pos[0], role);
    if (email) printf("user %s is told at %s\n", pos[0], email);
    return 0;
}

int cmd_user_list(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--format", 1}};
    if (args_parse(c, "user list", argc, argv, o, NOPTS(o), NULL, 0, 0, NULL)) return -1;
    const char *fmt = cli_format(c, "user list", opt_value(o, NOPTS(o), "--format"), "table|json", "table");
    account_t *u;
    size_t n;
    if (!fmt || accounts_list_users(c->store, c->a, &u, &n, &c->err)) return err_prefix(&c->err, "user list");
    if (strcmp(fmt, "json") == 0) {
        json_t *arr = json_array();
        for (size_t i = 0; arr && i < n; i++)
            if (json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "name", u[i].name, "role", u[i].role,
                                                     "created", u[i].created))) { json_decref(arr); arr = NULL; }
        return arr ? cli_print_json(c, arr) : err_nomem(&c->err);
    }
    printf("%-24s %-9s %s\n", "NAME", "ROLE", "CREATED");
    for (size_t i = 0; i < n; i++) printf("%-24s %-9s %.19s\n", u[i].name, u[i].role, u[i].created);
    return 0;
}

int cmd_token_create(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--expires", 1}, {"--reason", 1}, {"--actor", 1}};
    const char *pos[1];
    if (args_parse(c, "token create", argc, argv, o, NOPTS(o), pos, 1, 1, NULL)) return -1;
    const char *expires = opt_value(o, NOPTS(o), "--expires");
    if (expires && !date_valid(expires))
        return err_set(&c->err, ERR_INPUT, "token create: --expires '%.40s' is not a date (YYYY-MM-DD)", expires);
    int exists = user_exists(c, pos[0]);
    if (exists < 0) return err_prefix(&c->err, "token create");
    if (!exists) return err_set(&c->err, ERR_NOTFOUND, "token create: no such user: %.64s", pos[0]);
    char *id;
    if (store_next_id(c->store, &kind_token, "T", c->a, &id, &c->err)) return err_prefix(&c->err, "token create");
    acct_write w = {EDIT_CREATE, &kind_token, id, {{"user", pos[0]}}, 1,
                    cli_actor(opt_value(o, NOPTS(o), "--actor")), opt_value(o, NOPTS(o), "--reason"),
                    pos[0], NULL, NULL, expires, {0}, rows_token};
    if (expires) w.fv[w.nfv++] = (field_value){"expires", expires};
    char *secret = accounts_new_secret(c->a, w.token_hash);
    if (!secret) return err_nomem(&c->err);
    if (cli_write(c, do_acct_write, &w)) return err_prefix(&c->err, "token create");
    /* Shown once; only its hash is kept. `token list` gives its id. */
    printf("%s\n", secret);
    return 0;
}

int cmd_token_list(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--format", 1}};
    const char *pos[1] = {NULL};
    if (args_parse(c, "token list", argc, argv, o, NOPTS(o), pos, 0, 1, NULL)) return -1;
    const char *fmt = cli_format(c, "token list", opt_value(o, NOPTS(o), "--format"), "table|json", "table");
    token_info *t;
    size_t n;
    if (!fmt || accounts_list_tokens(c->store, pos[0], c->a, &t, &n, &c->err)) return err_prefix(&c->err, "token list");
    if (strcmp(fmt, "json") == 0) {
        json_t *arr = json_array();
        for (size_t i = 0; arr && i < n; i++)
            if (json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "id", t[i].id, "user", t[i].user,
                                                     "created", t[i].created, "expires", t[i].expires,
                                                     "last_used", t[i].last_used))) { json_decref(arr); arr = NULL; }
        return arr ? cli_print_json(c, arr) : err_nomem(&c->err);
    }
    printf("%-8s %-24s %-19s %-10s %s\n", "ID", "USER", "CREATED", "EXPIRES", "LAST USED");
    for (size_t i = 0; i < n; i++)
        printf("%-8s %-24s %.19s %-10s %s\n", t[i].id, t[i].user, t[i].created, t[i].expires ? t[i].expires : "never",
               t[i].last_used ? t[i].last_used : "never");
    return 0;
}

int cmd_token_revoke(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--reason", 1}, {"--actor", 1}};
    const char *pos[1];
    if (args_parse(c, "token revoke", argc, argv, o, NOPTS(o), pos, 1, 1, NULL)) return -1;
    token_info *t;
    size_t n, i;
    if (accounts_list_tokens(c->store, NULL, c->a, &t, &n, &c->err)) return err_prefix(&c->err, "token revoke");
    for (i = 0; i < n && strcmp(t[i].id, pos[0]) != 0; i++) {}
    if (i == n) return err_set(&c->err, ERR_NOTFOUND, "token revoke: no such token: %.40s", pos[0]);
    int known = logged(c, &kind_token, pos[0]);
    if (known < 0) return err_prefix(&c->err, "token revoke");
    /* A token made before accounts were logged enters the log as it leaves. */
    acct_write w = {known ? EDIT_UPDATE : EDIT_CREATE, &kind_token, pos[0], {{"revoked", "true"}}, 1,
                    cli_actor(opt_value(o, NOPTS(o), "--actor")), opt_value(o, NOPTS(o), "--reason"),
                    t[i].user, NULL, NULL, NULL, {0}, rows_revoke};
    if (!known) w.fv[w.nfv++] = (field_value){"user", t[i].user};
    if (cli_write(c, do_acct_write, &w)) return err_prefix(&c->err, "token revoke");
    printf("revoked token %s of %s\n", pos[0], t[i].user);
    return 0;
}
