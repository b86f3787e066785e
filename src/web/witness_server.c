/* witness_server.c — see witness_server.h. One MHD thread answers the
 * requests one at a time; each decision runs inside one transaction of the
 * state file, so a cosignature is only ever returned for a checkpoint the
 * state already holds. */
#include "web/witness_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ledger/witness.h"
#include "util/alloc.h"
#include "web/mhd_lib.h"
#include "web/server.h"

#define CONNECTION_TIMEOUT 10
#define CONNECTION_LIMIT 256
#define CONNECTION_MEMORY (32 * 1024)

typedef struct {
    const witness_request *req;
    const checkpoint_t *ck;
    const char *note;              /* the checkpoint text, NUL-terminated */
    uint64_t cur_size;
    int stale;                     /* refused for an old size that is not the witness's */
    err_t *e;
} decide_ctx;

static int decide(void *ctx, uint64_t size, const unsigned char root[HASH_SIZE], uint64_t *new_size,
                  unsigned char new_root[HASH_SIZE], const char **note)
{
    decide_ctx *x = ctx;
    x->cur_size = size;
    x->stale = x->req->old_size != size && x->req->old_size <= x->ck->size;
    int status = witness_decide(size, root, x->ck->size, x->ck->root, x->req, x->e);
    if (status == 200) {
        *new_size = x->ck->size;
        memcpy(new_root, x->ck->root, HASH_SIZE);
        *note = x->note;
    }
    return status;
}

/* The key of the log that signed note (n bytes): 0 with *text_len; 404 when
 * no log of its origin is followed, 403 when no signature verifies. */
static int log_of(const witness_ctx *w, const char *note, size_t n, size_t *text_len, err_t *e)
{
    const char *nl = memchr(note, '\n', n);
    size_t olen = nl ? (size_t)(nl - note) : 0;
    int known = 0;
    for (int i = 0; i < w->nlogs; i++) {
        if (strlen(w->logs[i].name) != olen || memcmp(w->logs[i].name, note, olen) != 0) continue;
        known = 1;
        if (note_open(&w->logs[i], note, n, text_len, e) == 0) return 0;
    }
    if (!known) {
        /* The origin is the client's text: quoted only when it is a valid name. */
        char origin[NOTE_NAME_MAX + 1] = "";
        if (olen <= NOTE_NAME_MAX) memcpy(origin, note, olen), origin[olen] = '\0';
        err_set(e, ERR_NOTFOUND, "no log of origin '%.80s' is witnessed here", note_name_valid(origin) ? origin : "?");
    }
    return known ? 403 : 404;
}

static int refuse(const witness_ctx *w, int status, const err_t *e, buf_t *out)
{
    buf_printf(out, "%s\n", e->msg);
    if (!w->quiet) fprintf(stderr, "ssrtrack witness: %d: %s\n", status, e->msg);
    return status;
}

int witness_answer(const witness_ctx *w, const char *method, const char *path, const char *body, size_t n,
                   buf_t *out, const char **ctype)
{
    *ctype = "text/plain; charset=utf-8";
    err_t e = {0};
    if (strcmp(path, "/add-checkpoint") != 0) return err_set(&e, ERR_NOTFOUND, "no such endpoint"), refuse(w, 404, &e, out);
    if (strcmp(method, "POST") != 0) return err_set(&e, ERR_INPUT, "POST only"), refuse(w, 405, &e, out);
    witness_request req;
    if (witness_request_parse(body, n, &req, &e)) return refuse(w, e.code == ERR_TOOBIG ? 413 : 400, &e, out);
    size_t tlen;
    int status = log_of(w, req.note, req.note_len, &tlen, &e);
    if (status) return refuse(w, status, &e, out);
    checkpoint_t ck;
    char *text = mem_calloc(1, tlen + 1);
    if (!text) return err_nomem(&e), refuse(w, 500, &e, out);
    memcpy(text, req.note, tlen);
    decide_ctx x = {&req, &ck, text, 0, 0, &e};
    if (checkpoint_parse(text, tlen, &ck, &e)) status = 400;
    else if (witness_state_update(w->state, ck.origin, decide, &x, &status, &e)) status = 500;
    if (status == 200 && witness_cosign(w->key, text, tlen, (uint64_t)time(NULL), out, &e)) status = 500;
    if (status == 409 && x.stale) {
        /* The spec's answer: the size of the latest cosigned checkpoint. */
        if (!w->quiet) fprintf(stderr, "ssrtrack witness: 409: %s\n", e.msg);
        *ctype = "text/x.tlog.size";
        buf_printf(out, "%llu\n", (unsigned long long)x.cur_size);
    } else if (status != 200) {
        refuse(w, status, &e, out);
    }
    mem_free(text);
    return status;
}

typedef struct {
    buf_t body;
} conn;

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    const witness_ctx *w = cls;
    conn *st = *con_cls;
    if (!st) {
        if (!(st = mem_calloc(1, sizeof *st))) return MHD_NO;
        st->body.limit = WITNESS_BODY_MAX + 1;
        *con_cls = st;
        /* A body announced too large is refused before it is read. */
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > WITNESS_BODY_MAX) st->body.failed = 1;
        return MHD_YES;
    }
    if (*upload_size) {
        buf_append(&st->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    buf_t out = BUF_INIT;
    const char *ctype;
    int status = st->body.failed ? (buf_puts(&out, "request body too large\n"), ctype = "text/plain; charset=utf-8", 413)
                                 : witness_answer(w, method, url, st->body.data ? st->body.data : "", st->body.len,
                                                  &out, &ctype);
    if (!buf_ok(&out)) {
        buf_free(&out);
        return MHD_NO;
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(out.len, out.data ? out.data : "", MHD_RESPMEM_MUST_COPY);
    buf_free(&out);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", ctype);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    enum MHD_Result rc = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    return rc;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode why)
{
    (void)cls;
    (void)c;
    (void)why;
    conn *st = *con_cls;
    if (!st) return;
    buf_free(&st->body);
    mem_free(st);
    *con_cls = NULL;
}

int witness_serve(const witness_ctx *w, const char *listen, err_t *e)
{
    struct sockaddr_in sa;
    if (server_parse_listen(listen, &sa, e) || mhd_lib_load(e)) return -1;
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC, 0, NULL, NULL, handle, (void *)w,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTION_LIMIT,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
        MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
        MHD_OPTION_END);
    if (!d) return err_set(e, ERR_IO, "cannot listen on %s: %s", listen, strerror(errno));
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    fprintf(stderr, "ssrtrack: witness %s serving on http://%s:%u/ for %d log%s\n", w->key->v.name,
            inet_ntoa(sa.sin_addr), di ? di->port : ntohs(sa.sin_port), w->nlogs, w->nlogs == 1 ? "" : "s");
    int sig = 0;
    sigwait(&sigs, &sig);
    MHD_stop_daemon(d);
    fprintf(stderr, "ssrtrack: witness stopped (signal %d)\n", sig);
    return 0;
}
