/* cmd_web.c — serve, site, http (one request from stdin), user add and
 * token create. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/testhooks.h"
#include "store/accounts.h"
#include "util/alloc.h"
#include "util/file.h"
#include "util/text.h"
#include "web/server.h"
#include "web/site.h"
#include "web/web.h"

int cmd_serve(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--listen", 1}, {"--threads", 1}, {"--access-log", 1}, {"--quiet", 0}, {"--key", 1}};
    if (args_parse(c, "serve", argc, argv, o, NOPTS(o), NULL, 0, 0, NULL)) return -1;
    const char *t = opt_value(o, NOPTS(o), "--threads");
    long threads = t ? strtol(t, NULL, 10) : 0;
    if (t && (threads < 1 || threads > 64)) return err_set(&c->err, ERR_INPUT, "serve: --threads must be 1 to 64");
    /* The database must exist and be ours before the server starts. */
    store_close(c->store);
    c->store = NULL;
    server_opts so = {c->db_path, opt_value(o, NOPTS(o), "--listen"), (unsigned)threads, opt_value(o, NOPTS(o), "--access-log"),
                      opt_given(o, NOPTS(o), "--quiet"), opt_value(o, NOPTS(o), "--key")};
    return server_run(&so, &c->err) ? err_prefix(&c->err, "serve") : 0;
}

int cmd_site(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--as-of", 1}};
    const char *pos[1];
    if (args_parse(c, "site", argc, argv, o, NOPTS(o), pos, 1, 1, NULL)) return -1;
    site_stats st;
    if (site_export(c->db_path, pos[0], opt_value(o, NOPTS(o), "--as-of"), &st, &c->err)) return err_prefix(&c->err, "site");
    printf("wrote %ld files (%lld bytes) to %s\n", st.files, st.bytes, pos[0]);
    return 0;
}

int cmd_http(cli_t *c, int argc, char **argv)
{
    if (args_parse(c, "http", argc, argv, NULL, 0, NULL, 0, 0, NULL)) return -1;
    size_t len;
    char *raw = file_read("-", HTTP_MAX_HEADER_BYTES + HTTP_MAX_BODY, &len, &c->err);
    if (!raw) return err_prefix(&c->err, "http");
    http_request req;
    http_response res = {0};
    web_ctx ctx = {.db_path = c->db_path, .writer = c->store, .session_idle = 1800, .session_max = 43200};
    pthread_mutex_init(&ctx.writer_lock, NULL);
    store_t *reader = NULL;
    int rc = 0;
    if (http_parse_raw(c->a, raw, len, &req, &c->err) ||
        store_open(c->db_path, STORE_READONLY, &reader, NULL, &c->err)) {
        rc = err_prefix(&c->err, "http");
    } else {
        testhooks_opened();   /* both connections open: a fault sweep starts here */
        req.remote = "stdin";
        web_handle(&ctx, reader, &req, c->a, &res);
        buf_t out = BUF_INIT;
        http_write_raw(&res, &out);
        if (buf_ok(&out)) fwrite(out.data, 1, out.len, stdout);
        else rc = err_nomem(&c->err);
        buf_free(&out);
        buf_free(&res.body);
    }
    store_close(reader);
    mem_free(raw);
    return rc;
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

int cmd_user_add(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--role", 1}};
    const char *pos[1];
    if (args_parse(c, "user add", argc, argv, o, NOPTS(o), pos, 1, 1, NULL)) return -1;
    const char *role = opt_value(o, NOPTS(o), "--role");
    if (!role || role_parse(role) == ROLE_NONE)
        return err_set(&c->err, ERR_INPUT, "user add: --role must be admin, editor, assessor or viewer");
    if (!valid_name(pos[0]))
        return err_set(&c->err, ERR_INPUT, "user add: a name is 1-64 letters, digits, spaces or . _ @ -");
    /* The password comes from stdin, never from the command line. */
    char pw[1024];
    if (!fgets(pw, sizeof pw, stdin)) return err_set(&c->err, ERR_INPUT, "user add: give the password on stdin");
    pw[strcspn(pw, "\r\n")] = '\0';
    size_t n = strlen(pw);
    if (n < 10) return err_set(&c->err, ERR_INPUT, "user add: the password must have at least 10 characters");
    char *hash = accounts_hash_password(c->a, pw, &c->err);
    memset(pw, 0, sizeof pw);
    if (!hash) return err_prefix(&c->err, "user add");
    if (accounts_add_user(c->store, pos[0], role, hash, &c->err)) return err_prefix(&c->err, "user add");
    printf("added user %s (%s)\n", pos[0], role);
    return 0;
}

int cmd_token_create(cli_t *c, int argc, char **argv)
{
    const char *pos[1];
    if (args_parse(c, "token create", argc, argv, NULL, 0, pos, 1, 1, NULL)) return -1;
    account_t acc;
    int found = accounts_get_user(c->store, pos[0], c->a, &acc, &c->err);
    if (found < 0) return -1;
    if (!found) return err_set(&c->err, ERR_NOTFOUND, "token create: no such user: %s", pos[0]);
    unsigned char h[32];
    char *secret = accounts_new_secret(c->a, h);
    if (!secret) return err_nomem(&c->err);
    if (accounts_new_token(c->store, h, pos[0], &c->err)) return err_prefix(&c->err, "token create");
    /* Shown once; only its hash is kept. */
    printf("%s\n", secret);
    return 0;
}
