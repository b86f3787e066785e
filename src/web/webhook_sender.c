/* webhook_sender.c — see webhook_sender.h. */
#include "web/webhook_sender.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "net/webhook.h"
#include "report/webhook_payload.h"
#include "store/contacts.h"
#include "store/webhooks.h"
#include "util/alloc.h"
#include "util/hex.h"

#define QUEUE_READ_LIMIT 5000   /* changes read per receiver and round */
#define DUE_LIMIT 100           /* attempts per round */

long long webhook_backoff_ms(long long attempt)
{
    if (attempt >= WEBHOOK_MAX_ATTEMPTS) return 0;
    long long ms = WEBHOOK_FIRST_RETRY_MS;
    for (long long i = 1; i < attempt; i++) ms *= 3;
    return ms;
}

static long long now_ms(void)
{
    char now[TS_SIZE];
    clock_now(now);
    return ts_to_micros(now) / 1000;
}

/* Queue a delivery per transaction of the changes after hook->last_seq. */
static int queue_hook(store_t *s, const webhook_row *h, store_vis *vis, const char *base_url, arena_t *a,
                      webhook_stats *st, err_t *e)
{
    change_t *ch;
    size_t n;
    if (store_changes(s, h->last_seq, 0, NULL, QUEUE_READ_LIMIT, 1, a, &ch, &n, e)) return -1;
    if (n == 0) return 0;
    webhook_new *q = arena_alloc(a, n * sizeof *q);
    if (!q) return err_nomem(e);
    size_t nq = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && ch[i].tx && ch[j].tx == ch[i].tx) j++;
        unsigned char id[16];
        char hexid[33];
        randombytes_buf(id, sizeof id);
        hex_encode(id, sizeof id, hexid);
        q[nq].tx = ch[i].tx ? ch[i].tx : ch[i].seq;
        q[nq].delivery = arena_strdup(a, hexid);
        if (!q[nq].delivery || webhook_payload(s, vis, ch + i, j - i, base_url, a, &q[nq].body, e)) return -1;
        if (q[nq].body) st->queued++;
        nq++;
        i = j;
    }
    return webhooks_enqueue(s, h->id, h->last_seq, ch[n - 1].seq, q, nq, now_ms(), e);
}

static int queue_all(store_t *s, arena_t *a, webhook_stats *st, err_t *e)
{
    webhook_row *hooks;
    size_t n;
    const char *base_url;
    if (webhooks_list(s, 1, a, &hooks, &n, e) || config_get(s, "base-url", a, &base_url, e)) return -1;
    if (n == 0) return 0;
    store_vis *vis = store_vis_new(s, e);
    if (!vis) return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) rc = queue_hook(s, &hooks[i], vis, base_url, a, st, e);
    store_vis_free(vis);
    return rc;
}

/* One attempt of one delivery, and its record. */
static int attempt(store_t *s, const delivery_row *d, const volatile int *stop, FILE *log, webhook_stats *st, err_t *e)
{
    webhook_result r;
    int failed = webhook_post(d->url, d->allow_private, d->secret, d->delivery, d->body, strlen(d->body),
                              WEBHOOK_TIMEOUT_MS, stop, &r);
    if (failed && stop && *stop) return 0;   /* not the receiver's fault: try again later */
    long long next = failed ? webhook_backoff_ms(d->attempts + 1) : 0;
    if (failed && next) next += now_ms();
    if (!failed) st->delivered++;
    else if (next) st->retrying++;
    else st->failed++;
    if (log)
        fprintf(log, "webhook %lld: delivery %s (tx %lld), attempt %lld: %s\n", d->hook, d->delivery, d->tx,
                d->attempts + 1, failed ? r.error : "delivered");
    return webhooks_attempted(s, d->id, r.http_status, failed ? r.error : NULL, r.elapsed_ms, next, e);
}

int webhook_sender_pump(store_t *s, const volatile int *stop, FILE *log, webhook_stats *st, err_t *e)
{
    memset(st, 0, sizeof *st);
    arena_t *a = arena_new();
    if (!a) return err_nomem(e);
    delivery_row *due;
    size_t n = 0;
    int rc = queue_all(s, a, st, e) || webhooks_due(s, now_ms(), DUE_LIMIT, a, &due, &n, e) ? -1 : 0;
    for (size_t i = 0; rc == 0 && i < n && !(stop && *stop); i++) rc = attempt(s, &due[i], stop, log, st, e);
    arena_free(a);
    return rc;
}

/* --- the server's thread ------------------------------------------------ */

static pthread_t thread;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static volatile int stopping;
static int running;
static char *db_path;

static void *sender(void *unused)
{
    (void)unused;
    store_t *s = NULL;
    while (!stopping) {
        err_t e = {0};
        webhook_stats st;
        if (!s && store_open(db_path, STORE_READWRITE, &s, NULL, &e)) s = NULL;
        if (s && webhook_sender_pump(s, &stopping, NULL, &st, &e) == 0) e.msg[0] = '\0';
        if (e.msg[0]) fprintf(stderr, "ssrtrack: webhooks: %s\n", e.msg);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_mutex_lock(&mu);
        if (!stopping) pthread_cond_timedwait(&wake, &mu, &until);
        pthread_mutex_unlock(&mu);
    }
    store_close(s);
    return NULL;
}

int webhook_sender_start(const char *path, err_t *e)
{
    stopping = 0;
    db_path = mem_strdup(path);
    if (!db_path) return err_nomem(e);
    if (pthread_create(&thread, NULL, sender, NULL) != 0) {
        mem_free(db_path);
        db_path = NULL;
        return err_set(e, ERR_INTERNAL, "cannot start the webhook sender");
    }
    running = 1;
    return 0;
}

void webhook_sender_stop(void)
{
    if (!running) return;
    pthread_mutex_lock(&mu);
    stopping = 1;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&mu);
    pthread_join(thread, NULL);
    running = 0;
    mem_free(db_path);
    db_path = NULL;
}
