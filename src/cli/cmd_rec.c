/* cmd_rec.c — rec add | set | show | list | history | link | verify. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "report/rec_csv.h"
#include "report/xlsx.h"
#include "core/status.h"
#include "report/group.h"
#include "report/json_view.h"
#include "store/claims.h"
#include "util/alloc.h"
#include "util/file.h"
#include "util/text.h"

#define TEXT_FILE_MAX (1024 * 1024)

/* --- rec add ------------------------------------------------------------- */

typedef struct { edit_t ed; } one_edit;

static int apply_one(cli_t *c, void *ctx)
{
    return store_edit(c->store, &((one_edit *)ctx)->ed, &c->err);
}

int cmd_rec_add(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--review", 1}, {"--title", 1}, {"--text-file", 1}, {"--topic", 1},
                 {"--owner", 1}, {"--priority", 1}, {"--parent", 1}, {"--due", 1},
                 {"--effective", 1}, {"--status", 1}, {"--board", 1}, {"--recurring", 0},
                 {"--reason", 1}, {"--actor", 1}};
    int no = NOPTS(o);
    const char *pos[1];
    if (args_parse(c, "rec add", argc, argv, o, no, pos, 1, 1, NULL)) return -1;
    if (!opt_given(o, no, "--review")) return err_set(&c->err, ERR_INPUT, "rec add: --review is required");
    if (!opt_given(o, no, "--title")) return err_set(&c->err, ERR_INPUT, "rec add: --title is required");

    field_value fv[16];
    int n = 0;
    static const char *const map[][2] = {
        {"--review", "review"}, {"--title", "title"}, {"--topic", "topic"}, {"--owner", "owner"},
        {"--priority", "priority"}, {"--parent", "parent"}, {"--due", "due"},
        {"--status", "status"}, {"--board", "board"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        const char *v = opt_value(o, no, map[i][0]);
        if (v) fv[n++] = (field_value){map[i][1], v};
    }
    if (opt_given(o, no, "--recurring")) fv[n++] = (field_value){"recurring", "true"};
    const char *tf = opt_value(o, no, "--text-file");
    if (tf) {
        size_t len;
        char *text = file_read(tf, TEXT_FILE_MAX, &len, &c->err);
        if (!text) return err_prefix(&c->err, "rec add: --text-file");
        char *copy = arena_strndup(c->a, text, len);
        int has_nul = strlen(text) != len;
        mem_free(text);
        if (!copy) return err_nomem(&c->err);
        if (has_nul) return err_set(&c->err, ERR_INPUT, "rec add: --text-file %s: holds a NUL byte", tf);
        fv[n++] = (field_value){"text", copy};
    }
    one_edit oe = {{EDIT_CREATE, &kind_rec, pos[0], fv, n, opt_value(o, no, "--effective"),
                    cli_actor(opt_value(o, no, "--actor")), opt_value(o, no, "--reason")}};
    if (cli_write(c, apply_one, &oe)) return err_prefix(&c->err, "rec add %s", pos[0]);
    printf("added rec %s\n", pos[0]);
    return 0;
}

/* --- rec set ------------------------------------------------------------- */

int cmd_rec_set(cli_t *c, int argc, char **argv)
{
    return cli_set_fields(c, "rec set", &kind_rec, argc, argv);
}

/* --- rec show ------------------------------------------------------------ */

int cmd_rec_show(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--as-of", 1}, {"--known-at", 1}, {"--format", 1}};
    int no = NOPTS(o);
    const char *pos[1];
    if (args_parse(c, "rec show", argc, argv, o, no, pos, 1, 1, NULL)) return -1;
    const char *fmt = cli_format(c, "rec show", opt_value(o, no, "--format"), "text|json", "text");
    if (!fmt) return -1;
    view_t v;
    ent_t rec, *ms, *links_out, *links_in, *children;
    size_t nms, nout, nin, nchildren;
    claim_state cs;
    if (store_view(c->store, opt_value(o, no, "--as-of"), opt_value(o, no, "--known-at"), &v, &c->err) ||
        store_get(c->store, &kind_rec, &v, pos[0], c->a, &rec, &c->err) ||
        store_list(c->store, &kind_milestone, &v, MS_REC, pos[0], c->a, &ms, &nms, &c->err) ||
        store_list(c->store, &kind_link, &v, LINK_REC, pos[0], c->a, &links_out, &nout, &c->err) ||
        store_list(c->store, &kind_link, &v, LINK_OTHER, pos[0], c->a, &links_in, &nin, &c->err) ||
        store_list(c->store, &kind_rec, &v, REC_PARENT, pos[0], c->a, &children, &nchildren, &c->err) ||
        store_claim_state(c->store, &v, pos[0], c->a, &cs, &c->err))
        return err_prefix(&c->err, "rec show");
    if (strcmp(fmt, "json") == 0) {
        json_t *j = json_rec(&rec, ms, nms, &v);
        json_t *kids = json_array(), *links = json_array();
        if (!j || !kids || !links) { json_decref(j); json_decref(kids); json_decref(links); return err_nomem(&c->err); }
        for (size_t i = 0; i < nchildren; i++) json_array_append_new(kids, json_string(children[i].id));
        for (int pass = 0; pass < 2; pass++) {
            ent_t *l = pass ? links_in : links_out;
            size_t nl = pass ? nin : nout;
            for (size_t i = 0; i < nl; i++)
                if (field_true(l[i].v[LINK_ACTIVE]))
                    json_array_append_new(links, json_pack("{s:s, s:s, s:s}", "rec", l[i].v[LINK_REC],
                                                           "rel", l[i].v[LINK_REL], "other", l[i].v[LINK_OTHER]));
        }
        json_object_set_new(j, "children", kids);
        json_object_set_new(j, "links", links);
        json_object_set_new(j, "verified", json_verified(&cs));
        return cli_print_json(c, j);
    }
    render_rec_text(stdout, &rec, ms, nms, children, nchildren, links_out, nout, links_in, nin, &v);
    if (cs.verification)
        printf("  %-11s by %s, effective %s, recorded %s\n", "verified", cs.verification->actor,
               cs.verification->effective_at, cs.verification->recorded_at);
    return 0;
}

/* --- rec list ------------------------------------------------------------ */

int cmd_rec_list(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--review", 1}, {"--status", 1}, {"--as-of", 1}, {"--known-at", 1},
                 {"--format", 1}, {"-o", 1}};
    int no = NOPTS(o);
    if (args_parse(c, "rec list", argc, argv, o, no, NULL, 0, 0, NULL)) return -1;
    const char *fmt = cli_format(c, "rec list", opt_value(o, no, "--format"), "table|json|csv|xlsx", "table");
    if (!fmt) return -1;
    const char *status = opt_value(o, no, "--status");
    if (status) {
        int st = status_parse(status);
        if (st < 0)
            return err_set(&c->err, ERR_INPUT, "rec list: --status: unknown status '%.40s' (one of: "
                           "not_started, planning, in_progress, complete, ongoing, deferred)", status);
        status = status_name((status_t)st);
    }
    const char *review = opt_value(o, no, "--review");
    view_t v;
    ent_t *recs, *ms;
    size_t n, nms;
    if (store_view(c->store, opt_value(o, no, "--as-of"), opt_value(o, no, "--known-at"), &v, &c->err))
        return err_prefix(&c->err, "rec list");
    if (cli_review_known(c, "rec list", review)) return -1;
    if (store_list(c->store, &kind_rec, &v, review ? REC_REVIEW : -1, review, c->a, &recs, &n, &c->err) ||
        store_list(c->store, &kind_milestone, &v, -1, NULL, c->a, &ms, &nms, &c->err))
        return err_prefix(&c->err, "rec list");
    /* Keep the recs that pass the status filter. */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!status || strcmp(recs[i].v[REC_STATUS], status) == 0) recs[kept++] = recs[i];
    n = kept;
    /* Group milestones under their recs (both lists are in natural id order). */
    ent_groups g;
    if (ent_group(recs, n, ms, nms, MS_REC, c->a, &g, &c->err)) return -1;
    ent_t *grouped = g.items;
    size_t *first = g.first, *count = g.count;

    if (strcmp(fmt, "json") == 0) {
        json_t *arr = json_array();
        if (!arr) return err_nomem(&c->err);
        for (size_t i = 0; i < n; i++)
            if (json_array_append_new(arr, json_rec(&recs[i], grouped + first[i], count[i], &v))) {
                json_decref(arr);
                return err_nomem(&c->err);
            }
        return cli_print_json(c, arr);
    }
    if (strcmp(fmt, "csv") == 0 || strcmp(fmt, "xlsx") == 0) {
        buf_t b = BUF_INIT;
        rec_csv(&b, recs, n, v.as_of);
        if (strcmp(fmt, "csv") == 0) return cli_print_buf(c, &b);
        /* One sheet per review. */
        buf_t x = BUF_INIT;
        int rc = buf_ok(&b) ? xlsx_from_csv(b.data, b.len, "recs", "review", &x, &c->err) : err_nomem(&c->err);
        buf_free(&b);
        if (rc) { buf_free(&x); return err_prefix(&c->err, "rec list"); }
        return cli_output_file(c, "rec list", opt_value(o, no, "-o"), &x);
    }
    render_rec_table(stdout, recs, n, grouped, first, count, &v);
    return 0;
}

/* --- rec history --------------------------------------------------------- */

int cmd_rec_history(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--format", 1}, {"--as-of", 1}, {"--known-at", 1}};
    const int no = NOPTS(o);
    const char *pos[1];
    if (args_parse(c, "rec history", argc, argv, o, no, pos, 1, 1, NULL)) return -1;
    const char *fmt = cli_format(c, "rec history", opt_value(o, no, "--format"), "text|json", "text");
    if (!fmt) return -1;
    view_t v;
    if (store_view(c->store, opt_value(o, no, "--as-of"), opt_value(o, no, "--known-at"), &v, &c->err)) return -1;
    int ok = store_exists(c->store, &kind_rec, pos[0], &c->err);
    if (ok < 0) return -1;
    if (!ok) return err_set(&c->err, ERR_NOTFOUND, "rec history: no such rec: %s", pos[0]);
    change_t *ch;
    size_t n;
    if (store_history(c->store, &kind_rec, pos[0], c->a, &ch, &n, &c->err)) return -1;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (store_change_in_view(&ch[i], &v)) ch[kept++] = ch[i];
    n = kept;
    if (strcmp(fmt, "json") == 0) {
        json_t *arr = json_array();
        if (!arr) return err_nomem(&c->err);
        for (size_t i = 0; i < n; i++)
            if (json_array_append_new(arr, json_change(&ch[i]))) { json_decref(arr); return err_nomem(&c->err); }
        return cli_print_json(c, arr);
    }
    render_history_text(stdout, ch, n);
    return 0;
}

/* --- rec link ------------------------------------------------------------ */

typedef struct {
    const char *rec, *rel, *other, *effective, *actor, *reason;
    int remove;
    const char *id;
} link_args;

static int do_link(cli_t *c, void *ctx)
{
    link_args *l = ctx;
    err_t *e = &c->err;
    /* Links join recs: both must exist before anything is written. */
    for (int i = 0; i < 2; i++) {
        const char *id = i ? l->other : l->rec;
        int ok = store_exists(c->store, &kind_rec, id, e);
        if (ok < 0) return -1;
        if (!ok) return err_set(e, ERR_NOTFOUND, "no such rec: %s", id);
    }
    if (!(l->id = link_id(c->a, l->rec, l->rel, l->other))) return err_nomem(e);
    int exists = store_exists(c->store, &kind_link, l->id, e);
    if (exists < 0) return -1;
    ent_t cur = {0};
    view_t now = {0};
    now.current = 1;
    if (exists && store_get(c->store, &kind_link, &now, l->id, c->a, &cur, e)) return -1;
    int active = exists && field_true(cur.v[LINK_ACTIVE]);
    if (l->remove) {
        if (!active) return err_set(e, ERR_NOTFOUND, "%s is not linked %s %s", l->rec, l->rel, l->other);
        field_value fv[] = {{"active", "false"}};
        edit_t ed = {EDIT_UPDATE, &kind_link, l->id, fv, 1, l->effective, l->actor, l->reason};
        return store_edit(c->store, &ed, e);
    }
    if (active) return err_set(e, ERR_CONFLICT, "%s is already linked %s %s", l->rec, l->rel, l->other);
    if (exists) {
        field_value fv[] = {{"active", "true"}};
        edit_t ed = {EDIT_UPDATE, &kind_link, l->id, fv, 1, l->effective, l->actor, l->reason};
        return store_edit(c->store, &ed, e);
    }
    field_value fv[] = {{"rec", l->rec}, {"rel", l->rel}, {"other", l->other}, {"active", "true"}};
    edit_t ed = {EDIT_CREATE, &kind_link, l->id, fv, 4, l->effective, l->actor, l->reason};
    return store_edit(c->store, &ed, e);
}

int cmd_rec_link(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--related", 1}, {"--derived-from", 1}, {"--supersedes", 1}, {"--remove", 0},
                 {"--effective", 1}, {"--reason", 1}, {"--actor", 1}};
    int no = NOPTS(o);
    const char *pos[1];
    if (args_parse(c, "rec link", argc, argv, o, no, pos, 1, 1, NULL)) return -1;
    static const char *const rels[][2] = {
        {"--related", "related"}, {"--derived-from", "derived_from"}, {"--supersedes", "supersedes"}};
    link_args l = {pos[0], NULL, NULL, opt_value(o, no, "--effective"),
                   cli_actor(opt_value(o, no, "--actor")), opt_value(o, no, "--reason"),
                   opt_given(o, no, "--remove"), NULL};
    for (int i = 0; i < 3; i++) {
        const char *v = opt_value(o, no, rels[i][0]);
        if (!v) continue;
        if (l.rel) return err_set(&c->err, ERR_INPUT, "rec link: give one of --related, --derived-from, --supersedes");
        l.rel = rels[i][1];
        l.other = v;
    }
    if (!l.rel) return err_set(&c->err, ERR_INPUT, "rec link: give one of --related, --derived-from, --supersedes");
    if (cli_write(c, do_link, &l)) return err_prefix(&c->err, "rec link %s", pos[0]);
    printf("%s %s %s %s\n", l.remove ? "unlinked" : "linked", l.rec, l.rel, l.other);
    return 0;
}

/* --- rec verify ------------------------------------------------------------ */

static int do_verify(cli_t *c, void *ctx)
{
    return op_verify_rec(c->store, ctx, c->a, &c->err);
}

/* Four eyes: someone other than the author of the rec's completion claim
 * records that they checked it (store/claims.h, op_verify_rec). */
int cmd_rec_verify(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--actor", 1}, {"--reason", 1}, {"--effective", 1}, {"--no-evidence-reason", 1}};
    int no = NOPTS(o);
    const char *pos[1];
    if (args_parse(c, "rec verify", argc, argv, o, no, pos, 1, 1, NULL)) return -1;
    verify_args va = {pos[0], cli_actor(opt_value(o, no, "--actor")), opt_value(o, no, "--reason"),
                      opt_value(o, no, "--effective"), opt_value(o, no, "--no-evidence-reason")};
    if (cli_write(c, do_verify, &va)) return err_prefix(&c->err, "rec verify %s", pos[0]);
    printf("verified %s\n", pos[0]);
    return 0;
}
