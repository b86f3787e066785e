/* cmd_contacts.c — contact set, watch, unwatch, config set|get: who is told
 * and where links point. The tables are store/contacts.c's. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "core/base_url.h"
#include "core/email.h"
#include "store/contacts.h"

/* ERR_INPUT naming the command unless addr is a plain address. */
int cli_check_email(cli_t *c, const char *cmd, const char *opt, const char *addr)
{
    if (email_valid(addr)) return 0;
    return err_set(&c->err, ERR_INPUT, "%s: %s: '%.80s' is not an email address (local@domain.tld)", cmd, opt,
                   addr ? addr : "");
}

int cmd_contact_set(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--email", 1}};
    const char *pos[1];
    if (args_parse(c, "contact set", argc, argv, o, NOPTS(o), pos, 1, 1, NULL)) return -1;
    const char *email = opt_value(o, NOPTS(o), "--email");
    if (!email) return err_set(&c->err, ERR_INPUT, "contact set: --email is required");
    if (cli_check_email(c, "contact set", "--email", email)) return -1;
    size_t n = strlen(pos[0]);
    if (n < 1 || n > 200 || strpbrk(pos[0], "\r\n\t"))
        return err_set(&c->err, ERR_INPUT, "contact set: an owner is 1-200 characters on one line");
    if (contacts_set_owner(c->store, pos[0], email, &c->err)) return err_prefix(&c->err, "contact set");
    printf("contact of %s: %s\n", pos[0], email);
    return 0;
}

/* The kind of a thing people watch, found by its id; NULL with c->err set. */
static const char *watched_kind(cli_t *c, const char *cmd, const char *id)
{
    static const kind_def *const kinds[] = {&kind_rec, &kind_review, &kind_assessment};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        int found = store_exists(c->store, kinds[i], id, &c->err);
        if (found < 0) return NULL;
        if (found) return kinds[i]->name;
    }
    err_set(&c->err, ERR_NOTFOUND, "%s: no such rec, review or assessment: %s", cmd, id);
    return NULL;
}

static int watch_cmd(cli_t *c, const char *cmd, int on, int argc, char **argv)
{
    const char *pos[2];
    if (args_parse(c, cmd, argc, argv, NULL, 0, pos, 2, 2, NULL)) return -1;
    const char *kind = watched_kind(c, cmd, pos[1]);
    if (!kind) return -1;
    int did;
    int rc = on ? contacts_watch(c->store, pos[0], kind, pos[1], &did, &c->err)
                : contacts_unwatch(c->store, pos[0], kind, pos[1], &did, &c->err);
    if (rc) return err_prefix(&c->err, "%s", cmd);
    if (on) printf(did ? "%s watches %s %s\n" : "%s already watches %s %s\n", pos[0], kind, pos[1]);
    else printf(did ? "%s no longer watches %s %s\n" : "%s did not watch %s %s\n", pos[0], kind, pos[1]);
    return 0;
}

int cmd_watch(cli_t *c, int argc, char **argv) { return watch_cmd(c, "watch", 1, argc, argv); }
int cmd_unwatch(cli_t *c, int argc, char **argv) { return watch_cmd(c, "unwatch", 0, argc, argv); }

/* A base URL by the rule serve and site hold it to (core/base_url.h), so
 * that what `config set` stores they accept. */
int cli_check_base_url(cli_t *c, const char *cmd, const char *url)
{
    char what[48];
    const char *norm;
    snprintf(what, sizeof what, "%s: base-url", cmd);
    return base_url_normalize(c->a, what, url, &norm, &c->err);
}

int cmd_config_set(cli_t *c, int argc, char **argv)
{
    const char *pos[2];
    if (args_parse(c, "config set", argc, argv, NULL, 0, pos, 2, 2, NULL)) return -1;
    if (strcmp(pos[0], "base-url") != 0)
        return err_set(&c->err, ERR_INPUT, "config set: unknown setting '%.40s' (known: base-url)", pos[0]);
    if (cli_check_base_url(c, "config set", pos[1])) return -1;
    char url[256];
    snprintf(url, sizeof url, "%s", pos[1]);
    size_t n = strlen(url);
    while (n > 0 && url[n - 1] == '/') url[--n] = '\0';
    if (config_set(c->store, pos[0], url, &c->err)) return err_prefix(&c->err, "config set");
    printf("%s = %s\n", pos[0], url);
    return 0;
}

int cmd_config_get(cli_t *c, int argc, char **argv)
{
    const char *pos[1];
    if (args_parse(c, "config get", argc, argv, NULL, 0, pos, 1, 1, NULL)) return -1;
    if (strcmp(pos[0], "base-url") != 0)
        return err_set(&c->err, ERR_INPUT, "config get: unknown setting '%.40s' (known: base-url)", pos[0]);
    const char *v;
    if (config_get(c->store, pos[0], c->a, &v, &c->err)) return err_prefix(&c->err, "config get");
    if (!v) return err_set(&c->err, ERR_NOTFOUND, "config get: %s is not set", pos[0]);
    printf("%s\n", v);
    return 0;
}
