/* cmd_notify.c — notify: one digest per contact and user with an address
 * (report/digest.h), sent over SMTP (net/mail.h) or printed with --dry-run.
 * Each digest is read, sent, then recorded (store/contacts.h) in a
 * transaction of its own, so no transaction is open while the network is
 * used, and a failed send leaves its items due for the next run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "net/mail.h"
#include "report/digest.h"
#include "util/alloc.h"
#include "util/file.h"

typedef struct {
    int dry_run;
    const char *as_of, *from, *base_url;
    mail_server server;
    long digests, items, failed;
} notify_run;

/* The SMTP credentials: $SSRTRACK_SMTP_USER with $SSRTRACK_SMTP_PASSWORD,
 * or the first line of $SSRTRACK_SMTP_PASSWORD_FILE. */
static int credentials(cli_t *c, mail_server *m)
{
    m->user = getenv("SSRTRACK_SMTP_USER");
    m->password = getenv("SSRTRACK_SMTP_PASSWORD");
    const char *file = getenv("SSRTRACK_SMTP_PASSWORD_FILE");
    if (file && *file && !m->password) {
        size_t len;
        char *pw = file_read(file, 4096, &len, &c->err);
        if (!pw) return err_prefix(&c->err, "notify: $SSRTRACK_SMTP_PASSWORD_FILE");
        pw[strcspn(pw, "\r\n")] = '\0';
        m->password = arena_strdup(c->a, pw);
        memset(pw, 0, len);
        mem_free(pw);
        if (!m->password) return err_nomem(&c->err);
    }
    if (m->user && !*m->user) m->user = NULL;
    if (m->password && !*m->password) m->password = NULL;
    if (m->password && !m->user)
        return err_set(&c->err, ERR_INPUT, "notify: a password without $SSRTRACK_SMTP_USER");
    return 0;
}

/* Send (or print) one recipient's digest and record what became of it. */
static int one(cli_t *c, notify_run *nr, const recipient_t *r)
{
    digest_t d;
    if (digest_collect(c->store, r, nr->as_of, c->a, &d, &c->err)) return err_prefix(&c->err, "notify: %s", r->key);
    if (d.n == 0) return 0;
    char now[TS_SIZE];
    clock_now(now);
    buf_t msg = BUF_INIT;
    digest_mail(&d, nr->from, nr->base_url, now, &msg);
    if (!buf_ok(&msg)) { buf_free(&msg); return err_nomem(&c->err); }
    int rc = 0;
    if (nr->dry_run) {
        /* An mbox: no line of ours starts with "From " (bodies are base64). */
        printf("From ssrtrack %s\n", now);
        for (size_t i = 0; i < msg.len; i++)
            if (msg.data[i] != '\r') putchar(msg.data[i]);
        putchar('\n');
    } else {
        err_t send_err = {0};
        int failed = mail_send(&nr->server, nr->from, r->email, msg.data, msg.len, &send_err);
        const char **keys = arena_alloc(c->a, d.n * sizeof *keys);
        if (!keys) { buf_free(&msg); return err_nomem(&c->err); }
        for (size_t i = 0; i < d.n; i++) keys[i] = d.items[i].key;
        rc = notify_record(c->store, r, keys, d.n, failed ? send_err.msg : NULL, &c->err);
        if (failed) {
            nr->failed++;
            printf("failed: %s <%s>: %s\n", r->name, r->email, send_err.msg);
        } else {
            printf("sent: %s <%s>: %zu items\n", r->name, r->email, d.n);
        }
    }
    nr->digests++;
    nr->items += (long)d.n;
    buf_free(&msg);
    return rc;
}

/* --from, --smtp and --base-url, each from its option or its default. */
static int settings(cli_t *c, notify_run *nr, const opt_t *o, int no)
{
    nr->from = opt_value(o, no, "--from");
    if (!nr->from) nr->from = getenv("SSRTRACK_MAIL_FROM");
    nr->server.url = opt_value(o, no, "--smtp");
    if (!nr->server.url) nr->server.url = getenv("SSRTRACK_SMTP_URL");
    if (nr->dry_run && !nr->from) nr->from = "ssrtrack@ssrtrack.invalid";
    if (!nr->from) return err_set(&c->err, ERR_INPUT, "notify: give --from ADDR (or $SSRTRACK_MAIL_FROM)");
    if (cli_check_email(c, "notify", "--from", nr->from)) return -1;
    if (!nr->dry_run) {
        if (!nr->server.url) return err_set(&c->err, ERR_INPUT, "notify: give --smtp URL (or $SSRTRACK_SMTP_URL), or --dry-run");
        if (mail_url_check(nr->server.url, &c->err)) return err_prefix(&c->err, "notify");
        if (credentials(c, &nr->server)) return -1;
    }
    nr->base_url = opt_value(o, no, "--base-url");
    if (!nr->base_url && config_get(c->store, "base-url", c->a, &nr->base_url, &c->err)) return -1;
    if (!nr->base_url)
        return err_set(&c->err, ERR_INPUT, "notify: give --base-url URL or set it with 'ssrtrack config set base-url URL'");
    if (cli_check_base_url(c, "notify", nr->base_url)) return -1;
    char *url = arena_strdup(c->a, nr->base_url);
    if (!url) return err_nomem(&c->err);
    for (size_t n = strlen(url); n > 0 && url[n - 1] == '/';) url[--n] = '\0';
    nr->base_url = url;
    return 0;
}

int cmd_notify(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--as-of", 1}, {"--dry-run", 0}, {"--smtp", 1}, {"--from", 1}, {"--base-url", 1}};
    int no = NOPTS(o);
    if (args_parse(c, "notify", argc, argv, o, no, NULL, 0, 0, NULL)) return -1;
    notify_run nr = {.dry_run = opt_given(o, no, "--dry-run"), .as_of = opt_value(o, no, "--as-of")};
    nr.server.timeout_ms = 60000;
    if (nr.as_of && !date_valid(nr.as_of))
        return err_set(&c->err, ERR_INPUT, "notify: --as-of '%.40s' is not a date (YYYY-MM-DD)", nr.as_of);
    if (settings(c, &nr, o, no)) return -1;
    recipient_t *rs;
    size_t n;
    if (contacts_recipients(c->store, c->a, &rs, &n, &c->err)) return err_prefix(&c->err, "notify");
    for (size_t i = 0; i < n; i++)
        if (one(c, &nr, &rs[i])) return -1;
    if (nr.dry_run) return 0;
    printf("notify: %ld digests (%ld items) for %zu recipients, %ld failed\n", nr.digests, nr.items, n, nr.failed);
    if (nr.failed)
        return err_set(&c->err, ERR_IO, "notify: %ld of %ld digests could not be sent; they are tried again next run",
                       nr.failed, nr.digests);
    return 0;
}
