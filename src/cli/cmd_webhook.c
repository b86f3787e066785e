/* cmd_webhook.c — webhook add | list | remove | deliveries | deliver
 * (docs/webhooks.md). Receivers and deliveries are store/webhooks.c's;
 * delivering is web/webhook_sender.c's, which the server runs too. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "net/webhook.h"
#include "store/webhooks.h"
#include "util/alloc.h"
#include "util/file.h"
#include "util/hex.h"
#include "web/webhook_sender.h"

/* The secret is one line of 16 to 256 printable ASCII characters. */
static int secret_ok(const char *s)
{
    size_t n = strlen(s);
    int ok = n >= 16 && n <= 256;
    for (size_t i = 0; ok && i < n; i++) ok = s[i] > ' ' && s[i] < 127;
    return ok;
}

/* The secret: given (--secret), the first line of FILE ("-": stdin), or a
 * new random one, printed once. Arena-owned. */
static const char *read_secret(cli_t *c, const char *given, const char *file, int *made)
{
    *made = 0;
    if (given && file) {
        err_set(&c->err, ERR_INPUT, "webhook add: give --secret or --secret-file, not both");
        return NULL;
    }
    if (given) {
        if (!secret_ok(given)) {
            err_set(&c->err, ERR_INPUT, "webhook add: --secret: the secret is one line of 16-256 printable characters");
            return NULL;
        }
        return given;
    }
    if (!file) {
        unsigned char r[32];
        char *hex = arena_alloc(c->a, 65);
        if (!hex) { err_nomem(&c->err); return NULL; }
        randombytes_buf(r, sizeof r);
        hex_encode(r, sizeof r, hex);
        *made = 1;
        return hex;
    }
    size_t len;
    char *raw = file_read(file, 4096, &len, &c->err);
    if (!raw) { err_prefix(&c->err, "webhook add: --secret-file"); return NULL; }
    raw[strcspn(raw, "\r\n")] = '\0';
    int ok = secret_ok(raw);
    char *secret = ok ? arena_strdup(c->a, raw) : NULL;
    sodium_memzero(raw, len);
    mem_free(raw);
    if (!ok) err_set(&c->err, ERR_INPUT, "webhook add: --secret-file: the secret is one line of 16-256 printable characters");
    else if (!secret) err_nomem(&c->err);
    return secret;
}

int cmd_webhook_add(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--secret", 1}, {"--secret-file", 1}, {"--allow-private", 0}};
    const char *pos[1];
    if (args_parse(c, "webhook add", argc, argv, o, NOPTS(o), pos, 1, 1, NULL)) return -1;
    int allow = opt_given(o, NOPTS(o), "--allow-private"), made;
    if (webhook_url_check(pos[0], allow, &c->err)) return err_prefix(&c->err, "webhook add");
    const char *secret = read_secret(c, opt_value(o, NOPTS(o), "--secret"), opt_value(o, NOPTS(o), "--secret-file"), &made);
    if (!secret) return -1;
    long long id;
    if (webhooks_add(c->store, pos[0], secret, allow, &id, &c->err)) return err_prefix(&c->err, "webhook add");
    printf("webhook %lld: %s\n", id, pos[0]);
    /* Shown once, for the receiver to check signatures with. */
    if (made) printf("secret: %s\n", secret);
    return 0;
}

static int parse_id(cli_t *c, const char *cmd, const char *s, long long *id)
{
    char *end;
    *id = strtoll(s, &end, 10);
    if (*s < '1' || *s > '9' || *end || *id < 1) return err_set(&c->err, ERR_INPUT, "%s: '%.40s' is not a webhook id", cmd, s);
    return 0;
}

int cmd_webhook_remove(cli_t *c, int argc, char **argv)
{
    const char *pos[1];
    long long id;
    if (args_parse(c, "webhook remove", argc, argv, NULL, 0, pos, 1, 1, NULL) || parse_id(c, "webhook remove", pos[0], &id))
        return -1;
    if (webhooks_remove(c->store, id, &c->err)) return err_prefix(&c->err, "webhook remove");
    printf("removed webhook %lld\n", id);
    return 0;
}

int cmd_webhook_list(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--format", 1}};
    if (args_parse(c, "webhook list", argc, argv, o, NOPTS(o), NULL, 0, 0, NULL)) return -1;
    const char *fmt = cli_format(c, "webhook list", opt_value(o, NOPTS(o), "--format"), "table|json", "table");
    webhook_row *w;
    size_t n;
    if (!fmt || webhooks_list(c->store, 0, c->a, &w, &n, &c->err)) return -1;
    if (!strcmp(fmt, "json")) {
        json_t *arr = json_array();
        for (size_t i = 0; arr && i < n; i++)
            json_array_append_new(arr, json_pack("{s:I, s:s, s:b, s:b, s:s, s:I, s:I, s:I}", "id", (json_int_t)w[i].id,
                                                 "url", w[i].url, "active", w[i].active, "allow_private",
                                                 w[i].allow_private, "created_at", w[i].created_at, "pending",
                                                 (json_int_t)w[i].pending, "delivered", (json_int_t)w[i].delivered,
                                                 "failed", (json_int_t)w[i].failed));
        return cli_print_json(c, arr);
    }
    printf("%-4s %-8s %-8s %-9s %-6s %s\n", "ID", "STATE", "PENDING", "DELIVERED", "FAILED", "URL");
    for (size_t i = 0; i < n; i++)
        printf("%-4lld %-8s %-8lld %-9lld %-6lld %s%s\n", w[i].id, w[i].active ? "active" : "removed", w[i].pending,
               w[i].delivered, w[i].failed, w[i].url, w[i].allow_private ? "  (private allowed)" : "");
    return 0;
}

int cmd_webhook_deliveries(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--format", 1}, {"--limit", 1}};
    const char *pos[1];
    int np = 0;
    long long hook = 0;
    long limit;
    if (args_parse(c, "webhook deliveries", argc, argv, o, NOPTS(o), pos, 0, 1, &np) ||
        (np && parse_id(c, "webhook deliveries", pos[0], &hook)) ||
        opt_long(c, "webhook deliveries", o, NOPTS(o), "--limit", 1, 10000, 100, &limit))
        return -1;
    const char *fmt = cli_format(c, "webhook deliveries", opt_value(o, NOPTS(o), "--format"), "table|json", "table");
    delivery_row *d;
    size_t n;
    if (!fmt || webhooks_deliveries(c->store, hook, (int)limit, c->a, &d, &n, &c->err)) return -1;
    if (!strcmp(fmt, "json")) {
        json_t *arr = json_array();
        for (size_t i = 0; arr && i < n; i++)
            json_array_append_new(arr, json_pack("{s:I, s:s, s:I, s:s, s:I, s:I, s:s, s:s, s:s?, s:I}", "webhook",
                                                 (json_int_t)d[i].hook, "delivery", d[i].delivery, "tx",
                                                 (json_int_t)d[i].tx, "state", d[i].state, "attempts",
                                                 (json_int_t)d[i].attempts, "last_status", (json_int_t)d[i].last_status,
                                                 "last_error", d[i].last_error, "created_at", d[i].created_at,
                                                 "done_at", d[i].done_at, "next_at_ms", (json_int_t)d[i].next_at));
        return cli_print_json(c, arr);
    }
    printf("%-4s %-32s %-8s %-10s %-8s %-6s %s\n", "HOOK", "DELIVERY", "TX", "STATE", "ATTEMPTS", "HTTP", "LAST ERROR");
    for (size_t i = 0; i < n; i++)
        printf("%-4lld %-32s %-8lld %-10s %-8lld %-6lld %s\n", d[i].hook, d[i].delivery, d[i].tx, d[i].state,
               d[i].attempts, d[i].last_status, d[i].last_error);
    return 0;
}

int cmd_webhook_deliver(cli_t *c, int argc, char **argv)
{
    if (args_parse(c, "webhook deliver", argc, argv, NULL, 0, NULL, 0, 0, NULL)) return -1;
    webhook_stats st;
    if (webhook_sender_pump(c->store, NULL, stdout, &st, &c->err)) return err_prefix(&c->err, "webhook deliver");
    printf("webhook deliver: %ld queued, %ld delivered, %ld to retry, %ld failed\n", st.queued, st.delivered,
           st.retrying, st.failed);
    return 0;
}
