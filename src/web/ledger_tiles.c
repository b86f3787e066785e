/* ledger_tiles.c — see ledger_tiles.h. The export streams the log once
 * through a tile_builder (ledger/tile.c); the server computes the one tile
 * asked for from the stored tree. Both give the same bytes for a tile. */
#include "web/ledger_tiles.h"

#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <string.h>

#include "ledger/tile.h"
#include "report/ledger_json.h"
#include "util/alloc.h"
#include "util/file.h"
#include "util/fmt.h"
#include "web/handlers.h"

#define CONTENT_PREFIX "content/"

/* "content/<N>.json" for the bundle of level-0 tile t. */
static int content_path(const tile_id *t, char *out, size_t n)
{
    tile_id full = {TILE_ENTRIES, t->index, TILE_WIDTH};
    char p[TILE_PATH_MAX];
    if (tile_path(&full, p, sizeof p) < 0) return -1;
    int len = snprintf(out, n, CONTENT_PREFIX "%s.json", p + strlen("tile/entries/"));
    return len < 0 || (size_t)len >= n ? -1 : 0;
}

static void content_open(buf_t *b, long long first_seq)
{
    bfmt(b, "{\n  \"start\": %lld,\n  \"entries\": [", first_seq);
}

static void content_add(buf_t *b, const leaf_t *l, int first)
{
    buf_puts(b, first ? "\n    " : ",\n    ");
    ledger_entry_format(b, l);
}

static void content_close(buf_t *b) { buf_puts(b, "\n  ]\n}\n"); }

/* --- the export ---------------------------------------------------------- */

typedef struct {
    char dir[4096];          /* DIR/ledger */
    site_stats *st;
    err_t *e;
    buf_t content;           /* the JSON of the bundle being filled */
    int in_content;          /* entries in it so far */
    buf_t staged;            /* paths written as PATH.staged, each NUL-terminated */
    tile_builder b;
} export_ctx;

/* Write path (under x->dir) as path.staged, to be renamed into place once the
 * whole tree has been checked against the checkpoint. A file that is there
 * already with the same bytes is left alone (its mtime too, so a sync moves
 * nothing); a full tile that is there must have the same bytes (full tiles
 * never change). */
static int put(export_ctx *x, const char *path, const void *data, size_t n, int full)
{
    char target[4200];
    snprintf(target, sizeof target, "%s/%s", x->dir, path);
    struct stat sb;
    if (stat(target, &sb) == 0 && (full || (size_t)sb.st_size == n)) {
        err_t e2;
        size_t len;
        char *old = file_read(target, n + 1, &len, &e2);
        int same = old && len == n && memcmp(old, data, n) == 0;
        mem_free(old);
        if (same) return 0;
        if (full)
            return err_set(x->e, ERR_CONFLICT, "%s: this full tile is already published with other bytes; "
                                               "the log is not the one published there", target);
    }
    char staged[TILE_PATH_MAX + 32];
    snprintf(staged, sizeof staged, "%s.staged", path);
    if (site_write_file(x->dir, staged, data, n, x->st, x->e)) return -1;
    buf_append(&x->staged, path, strlen(path) + 1);
    return buf_ok(&x->staged) ? 0 : err_nomem(x->e);
}

/* Rename every staged file into place (keep), or remove them all. */
static int unstage(export_ctx *x, int keep)
{
    int rc = 0;
    for (size_t i = 0; i < x->staged.len; i += strlen(x->staged.data + i) + 1) {
        char from[4300], to[4300];
        snprintf(to, sizeof to, "%s/%s", x->dir, x->staged.data + i);
        snprintf(from, sizeof from, "%s.staged", to);
        if (!keep) remove(from);
        else if (rc == 0 && rename(from, to) != 0) rc = err_set(x->e, ERR_IO, "%s: %s", to, strerror(errno));
    }
    return rc;
}

/* A tile the builder completed: write it, and with a level-0 tile its
 * entry bundle and content. */
static int write_tile(void *ctx, const tile_id *t, const unsigned char (*h)[HASH_SIZE])
{
    export_ctx *x = ctx;
    char path[TILE_PATH_MAX];
    if (tile_path(t, path, sizeof path) < 0) return err_set(x->e, ERR_INTERNAL, "tile path");
    int full = t->width == TILE_WIDTH;
    if (put(x, path, h, (size_t)t->width * HASH_SIZE, full)) return -1;
    if (t->level != 0) return 0;
    unsigned char bundle[TILE_WIDTH * (HASH_SIZE + 2)];
    tile_id et = {TILE_ENTRIES, t->index, t->width};
    if (tile_path(&et, path, sizeof path) < 0 ||
        put(x, path, bundle, tile_bundle(h, t->width, bundle), full))
        return -1;
    content_close(&x->content);
    if (!buf_ok(&x->content)) return err_nomem(x->e);
    if (content_path(t, path, sizeof path) ||
        put(x, path, x->content.data, x->content.len, 0))
        return -1;
    buf_reset(&x->content);
    x->in_content = 0;
    return 0;
}

static int export_leaf(void *ctx, const leaf_t *l)
{
    export_ctx *x = ctx;
    if (!x->in_content) content_open(&x->content, l->seq);
    content_add(&x->content, l, !x->in_content++);
    if (!buf_ok(&x->content)) return err_nomem(x->e);
    return tile_builder_push(&x->b, l->leaf);
}

int tiles_export(store_t *db, const char *dir, site_stats *st, err_t *e)
{
    arena_t *a = arena_new();
    export_ctx *x = mem_calloc(1, sizeof *x);
    checkpoint_row *ck;
    size_t nck;
    int rc = -1;
    if (!a || !x) { err_nomem(e); goto done; }
    if (store_checkpoints(db, 1, a, &ck, &nck, e)) goto done;
    if (!nck) { rc = 0; goto done; }   /* nothing signed: nothing a verifier could check */
    if ((size_t)snprintf(x->dir, sizeof x->dir, "%s/ledger", dir) >= sizeof x->dir) {
        err_set(e, ERR_INPUT, "%s: the path is too long", dir);
        goto done;
    }
    x->st = st;
    x->e = e;
    tile_builder_init(&x->b, write_tile, x);
    unsigned char root[HASH_SIZE];
    if (ck[0].size > 0 && store_each_leaf(db, 1, ck[0].size, 1, export_leaf, x, e)) goto done;
    if (tile_builder_finish(&x->b, root)) goto done;
    if (memcmp(root, ck[0].root, HASH_SIZE) != 0) {
        err_set(e, ERR_CONFLICT, "the newest checkpoint (size %lld) is not the root of the log's first %lld changes; "
                                 "run 'ssrtrack verify'", ck[0].size, ck[0].size);
        goto done;
    }
    if (put(x, "checkpoint", ck[0].note, strlen(ck[0].note), 0) || unstage(x, 1)) goto done;
    st->tiles_size = ck[0].size;
    rc = 0;
done:
    if (x && rc) unstage(x, 0);
    if (x) {
        buf_free(&x->content);
        buf_free(&x->staged);
    }
    mem_free(x);
    arena_free(a);
    return rc;
}

/* --- serving ------------------------------------------------------------- */

/* A tile is the same bytes for good once full: let every cache keep it. */
static void cache_forever(web_req *w, const tile_id *t)
{
    if (t->width == TILE_WIDTH)
        http_add_header(w->res, w->a, "Cache-Control", "public, max-age=31536000, immutable");
}

/* GET /ledger/tile/<L>/<N>[.p/<W>] and /ledger/tile/entries/…: computed
 * from the stored tree; 404 for a tile the tree does not have (yet). */
int ledger_tile(web_req *w, char **args)
{
    const char *rest = args[0];
    char path[TILE_PATH_MAX + 8];
    tile_id t;
    if ((size_t)snprintf(path, sizeof path, "tile/%s", rest) >= sizeof path || tile_parse(path, strlen(path), &t))
        return web_error(w, 404, "not_found", "There is no such tile.");
    long long head = store_head_seq(w->db);
    if (head < 0 || !tile_in_tree(&t, (uint64_t)head))
        return web_error(w, 404, "not_found", "The log has no such tile (yet).");
    unsigned char (*h)[HASH_SIZE] = arena_alloc(w->a, TILE_WIDTH * HASH_SIZE);
    if (!h) return web_error(w, 500, "internal", "out of memory");
    int level = t.level == TILE_ENTRIES ? 0 : t.level * TILE_HEIGHT;
    if (store_subtrees(w->db, level, t.index * TILE_WIDTH, t.width, h, &w->err)) return web_error_from(w, &w->err);
    w->res->content_type = "application/octet-stream";
    if (t.level == TILE_ENTRIES) {
        unsigned char bundle[TILE_WIDTH * (HASH_SIZE + 2)];
        buf_append(&w->res->body, bundle, tile_bundle((const unsigned char (*)[HASH_SIZE])h, t.width, bundle));
    } else {
        buf_append(&w->res->body, h, (size_t)t.width * HASH_SIZE);
    }
    cache_forever(w, &t);
    return 200;
}

typedef struct {
    buf_t *b;
    int n;
} serve_content_ctx;

static int serve_content_leaf(void *ctx, const leaf_t *l)
{
    serve_content_ctx *x = ctx;
    if (!x->n) content_open(x->b, l->seq);
    content_add(x->b, l, !x->n++);
    return buf_ok(x->b) ? 0 : -1;
}

/* GET /ledger/content/<N>.json: the public content of bundle N's entries as
 * they stand now (never cached for good: a restriction withdraws content). */
int ledger_content(web_req *w, char **args)
{
    const char *rest = args[0];
    size_t len = strlen(rest);
    char path[TILE_PATH_MAX + 16];
    tile_id t;
    if (len < 6 || strcmp(rest + len - 5, ".json") != 0 ||
        (size_t)snprintf(path, sizeof path, "tile/entries/%.*s", (int)(len - 5), rest) >= sizeof path ||
        tile_parse(path, strlen(path), &t) || t.width != TILE_WIDTH)
        return web_error(w, 404, "not_found", "There is no such file.");
    long long head = store_head_seq(w->db);
    uint64_t first = t.index * TILE_WIDTH;
    if (head < 0 || t.index > (uint64_t)LLONG_MAX / TILE_WIDTH || first >= (uint64_t)head)
        return web_error(w, 404, "not_found", "The log has no such entries (yet).");
    long long to = (long long)first + TILE_WIDTH;
    serve_content_ctx x = {&w->res->body, 0};
    if (store_each_leaf(w->db, (long long)first + 1, to < head ? to : head, 1, serve_content_leaf, &x, &w->err)) {
        buf_reset(&w->res->body);
        return web_error_from(w, &w->err);
    }
    content_close(&w->res->body);
    w->res->content_type = "application/json; charset=utf-8";
    return 200;
}
