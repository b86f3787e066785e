/* cmd_web.c — serve, site and http (one request from stdin). Accounts are
 * in cmd_accounts.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/testhooks.h"
#include "core/base_url.h"
#include "store/contacts.h"
#include "util/alloc.h"
#include "util/file.h"
#include "util/text.h"
#include "web/server.h"
#include "web/site.h"
#include "web/web.h"

/* The public base URL for cmd: the option given, else the one stored with
 * `config set base-url`, else NULL (links and ids that need none). */
static int cli_base_url(cli_t *c, const char *cmd, const char *given, const char **out)
{
    *out = NULL;
    if (!given && config_get(c->store, "base-url", c->a, &given, &c->err)) return err_prefix(&c->err, "%s", cmd);
    if (!given || !*given) return 0;
    char what[40];
    snprintf(what, sizeof what, "%s: --base-url", cmd);
    return base_url_normalize(c->a, what, given, out, &c->err);
}

int cmd_serve(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--listen", 1}, {"--threads", 1}, {"--access-log", 1}, {"--quiet", 0}, {"--key", 1}, {"--base-url", 1}};
    if (args_parse(c, "serve", argc, argv, o, NOPTS(o), NULL, 0, 0, NULL)) return -1;
    const char *base;
    if (cli_base_url(c, "serve", opt_value(o, NOPTS(o), "--base-url"), &base)) return -1;
    const char *t = opt_value(o, NOPTS(o), "--threads");
    long threads = t ? strtol(t, NULL, 10) : 0;
    if (t && (threads < 1 || threads > 64)) return err_set(&c->err, ERR_INPUT, "serve: --threads must be 1 to 64");
    /* The database must exist and be ours before the server starts. */
    store_close(c->store);
    c->store = NULL;
    server_opts so = {c->db_path, opt_value(o, NOPTS(o), "--listen"), (unsigned)threads, opt_value(o, NOPTS(o), "--access-log"),
                      opt_given(o, NOPTS(o), "--quiet"), opt_value(o, NOPTS(o), "--key"), base};
    return server_run(&so, &c->err) ? err_prefix(&c->err, "serve") : 0;
}

int cmd_site(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--as-of", 1}, {"--base-url", 1}, {"--ledger-only", 0}, {"--incremental", 0}};
    const char *pos[1];
    if (args_parse(c, "site", argc, argv, o, NOPTS(o), pos, 1, 1, NULL)) return -1;
    site_opts so = {opt_value(o, NOPTS(o), "--as-of"), NULL, opt_given(o, NOPTS(o), "--ledger-only"),
                    opt_given(o, NOPTS(o), "--incremental")};
    if (cli_base_url(c, "site", opt_value(o, NOPTS(o), "--base-url"), &so.base_url)) return -1;
    site_stats st;
    if (site_export(c->db_path, pos[0], &so, &st, &c->err)) return err_prefix(&c->err, "site");
    if (so.incremental)
        printf("wrote %ld files (%lld bytes), %ld unchanged, %ld removed in %s\n", st.files, st.bytes, st.unchanged,
               st.removed, pos[0]);
    else
        printf("wrote %ld files (%lld bytes) to %s\n", st.files, st.bytes, pos[0]);
    if (st.tiles_size >= 0) printf("ledger tiles for the signed checkpoint of size %lld\n", st.tiles_size);
    else printf("no ledger tiles: no checkpoint has been signed yet (run 'ssrtrack checkpoint')\n");
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
        store_open(c->db_path, STORE_READONLY, &reader, NULL, &c->err) ||
        store_set_memory(reader, SERVER_READER_CACHE_KIB, 0, &c->err)) {
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
