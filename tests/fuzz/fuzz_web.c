/* fuzz_web.c — one request through the whole web application, as
 * `ssrtrack http` answers one from stdin: http_parse_raw, then web_handle
 * (routing, sign-in, pages, forms, the JSON API) against a small database:
 * the bundled demo, a restricted rec, a signing key, an admin "ana" with a
 * session (cookie SESSION below, CSRF token CSRF) and an API token, and a
 * viewer "vic" with a token. The seed corpus uses these secrets; they guard
 * nothing but this throw-away database.
 *
 * The database is built once, as a template file in a temporary directory;
 * each input runs on a working copy, made again after any input that wrote
 * to it, so every input meets the same data. Checks: every response is a
 * well-formed status with header values on one line; JSON bodies parse;
 * and a request carrying no credentials never sees the restricted rec. */
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <time.h>
#include <unistd.h>

#include "embedded.h"
#include "fuzz.h"
#include "import/canonical.h"
#include "ledger/note.h"
#include "store/accounts.h"
#include "util/text.h"
#include "web/web.h"

#define SESSION "5e55105e55105e55105e55105e55105e55105e55105e55105e55105e55105e55"
#define CSRF "c5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rf"
#define TOKEN_ADMIN "70ce7a0170ce7a0170ce7a0170ce7a0170ce7a0170ce7a0170ce7a0170ce7a01"
#define TOKEN_VIEWER "70ce7b0270ce7b0270ce7b0270ce7b0270ce7b0270ce7b0270ce7b0270ce7b02"
#define SECRET_TITLE "Restricted canary 7f3a9c"
#define TEST_SIGNER "PRIVATE+KEY+fuzz.example/log+ce63efe7+ATznFAT8MRCTS2IHROantAz9p3B3hwd0M0fJHOGJtN1Q"

static char dir[64], template_path[96], work_path[96];
static unsigned char *template_bytes;
static size_t template_len;
static note_signer signer;
static web_ctx ctx;
static store_t *writer, *reader;
static long long version;

#define TRY(call)                                                                  \
    do {                                                                           \
        if ((call) != 0) {                                                         \
            fprintf(stderr, "fuzz_web: setup: %s: %s\n", #call, e.msg);            \
            abort();                                                               \
        }                                                                          \
    } while (0)

static void sha(const char *s, unsigned char out[32])
{
    crypto_hash_sha256(out, (const unsigned char *)s, strlen(s));
}

static void close_work(void);

/* At exit: the connections closed, the temporary directory removed. */
static void remove_files(void)
{
    close_work();
    const char *const suffixes[] = {"", "-wal", "-shm"};
    char path[128];
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", work_path, suffixes[i]);
        unlink(path);
        snprintf(path, sizeof path, "%s%s", template_path, suffixes[i]);
        unlink(path);
    }
    rmdir(dir);
}

/* The template database, then its bytes in memory. */
static void build_template(void)
{
    err_t e;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/ssrtrack-fuzz-XXXXXX", tmp && strlen(tmp) < 30 ? tmp : "/tmp");
    FUZZ_CHECK(mkdtemp(dir) != NULL);
    atexit(remove_files);
    snprintf(template_path, sizeof template_path, "%s/template.db", dir);
    snprintf(work_path, sizeof work_path, "%s/work.db", dir);
    store_t *s;
    TRY(store_open(template_path, STORE_CREATE, &s, NULL, &e));
    const embedded_file *demo = NULL;
    for (const embedded_file *f = embedded_files; f->name; f++)
        if (strcmp(f->name, "data/demo.json") == 0) demo = f;
    FUZZ_CHECK(demo != NULL);
    canon_stats st;
    TRY(canon_import(s, "demo.json", (const char *)demo->data, demo->size, "demo", &st, &e));

    TRY(note_signer_parse(TEST_SIGNER, &signer, &e));
    buf_t vkey = BUF_INIT;
    note_verifier_format(&signer.v, &vkey);
    FUZZ_CHECK(buf_ok(&vkey));
    field_value fv[] = {{"review", "SSR1"}, {"title", SECRET_TITLE}, {"restricted", "true"},
                        {"text", SECRET_TITLE " text"}};
    edit_t ed = {EDIT_CREATE, &kind_rec, "SSR1-99", fv, 4, "2014-01-01", "fuzz", "a restricted rec"};
    TRY(store_begin(s, &e));
    TRY(store_set_log_key(s, vkey.data, &e));
    TRY(store_edit(s, &ed, &e));
    TRY(store_commit(s, &e));
    buf_free(&vkey);

    /* Passwords hashed at the lowest cost: sign-ins stay quick. */
    char pw[crypto_pwhash_STRBYTES];
    FUZZ_CHECK(crypto_pwhash_str(pw, "fuzz-password", 13, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN) == 0);
    TRY(accounts_add_user(s, "ana", "admin", pw, &e));
    TRY(accounts_add_user(s, "vic", "viewer", pw, &e));
    /* Seen in the future: the session never expires nor needs touching. */
    unsigned char h[32];
    long long later = (long long)time(NULL) + 10LL * 365 * 86400;
    sha(SESSION, h);
    TRY(accounts_new_session(s, h, "ana", CSRF, later, &e));
    sha(TOKEN_ADMIN, h);
    TRY(accounts_new_token(s, "T1", h, "ana", NULL, &e));
    sha(TOKEN_VIEWER, h);
    TRY(accounts_new_token(s, "T2", h, "vic", NULL, &e));
    store_close(s);

    FILE *f = fopen(template_path, "rb");
    FUZZ_CHECK(f && fseek(f, 0, SEEK_END) == 0);
    template_len = (size_t)ftell(f);
    template_bytes = malloc(template_len);
    FUZZ_CHECK(template_bytes && fseek(f, 0, SEEK_SET) == 0);
    FUZZ_CHECK(fread(template_bytes, 1, template_len, f) == template_len);
    fclose(f);

    ctx.db_path = work_path;
    ctx.session_idle = ctx.session_max = 20LL * 365 * 86400;
    ctx.signer = &signer;
    pthread_mutex_init(&ctx.writer_lock, NULL);
}

/* A fresh working copy of the template, with its two connections. */
static void open_work(void)
{
    err_t e;
    char side[128];
    snprintf(side, sizeof side, "%s-wal", work_path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", work_path);
    unlink(side);
    int fd = open(work_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    FUZZ_CHECK(fd >= 0 && write(fd, template_bytes, template_len) == (ssize_t)template_len);
    close(fd);
    TRY(store_open(work_path, STORE_READWRITE, &writer, NULL, &e));
    TRY(store_open(work_path, STORE_READONLY, &reader, NULL, &e));
    TRY(store_data_version(reader, &version, &e));
    ctx.writer = writer;
}

static void close_work(void)
{
    store_close(reader);
    store_close(writer);
    reader = writer = NULL;
}

static void check_response(const http_request *req, const http_response *res)
{
    FUZZ_CHECK(res->status >= 200 && res->status <= 599);
    for (int i = 0; i < res->nheaders; i++)
        FUZZ_CHECK(!strpbrk(res->headers[i].name, "\r\n:") && !strpbrk(res->headers[i].value, "\r\n"));
    const char *body = res->body.data ? res->body.data : "";
    const char *type = res->content_type ? res->content_type : "";
    if (strncmp(type, "application/json", 16) == 0 && strcmp(req->method, "HEAD") != 0) {
        json_error_t je;
        json_t *j = json_loadb(body, res->body.len, JSON_DECODE_ANY, &je);
        if (!j) fprintf(stderr, "fuzz_web: %s %s: not JSON: %s\n", req->method, req->path, je.text);
        FUZZ_CHECK(j != NULL);
        json_decref(j);
    }
    if (strncmp(type, "text/", 5) == 0) FUZZ_CHECK(utf8_valid(body, res->body.len));
    if (!http_header(req, "cookie") && !http_header(req, "authorization"))
        FUZZ_CHECK(!memmem(body, res->body.len, "canary 7f3a9c", 13));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_setup();
    if (!template_bytes) build_template();
    arena_t *a = arena_new();
    FUZZ_CHECK(a != NULL);
    http_request req;
    err_t e;
    if (http_parse_raw(a, (const char *)data, size, &req, &e) == 0) {
        if (!writer) open_work();
        req.remote = "stdin";
        http_response res = {0};
        web_handle(&ctx, reader, &req, a, &res);
        check_response(&req, &res);
        fuzz_note("%s %s: %d", req.method, req.path, res.status);
        buf_free(&res.body);
        long long now;
        TRY(store_data_version(reader, &now, &e));
        if (now != version) close_work();   /* written: copy again for the next input */
    } else {
        fuzz_note("not a request: %s", e.msg);
    }
    arena_free(a);
    return 0;
}
