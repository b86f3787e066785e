/* cmd_assess.c — assess new | set | signoff | show | list: one review
 * assessing another review's recs with the six SSR2 questions. */
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "report/assessment_model.h"
#include "report/json_view.h"
#include "store/ops.h"
#include "util/alloc.h"
#include "util/file.h"

#define ANSWER_FILE_MAX (1024 * 1024)

static int apply_edit(cli_t *c, void *ctx)
{
    return store_edit(c->store, ctx, &c->err);
}

int cmd_assess_new(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--by", 1}, {"--of", 1}, {"--as-of", 1}, {"--title", 1}, {"--effective", 1},
                 {"--reason", 1}, {"--actor", 1}};
    int no = NOPTS(o);
    const char *pos[1];
    if (args_parse(c, "assess new", argc, argv, o, no, pos, 1, 1, NULL)) return -1;
    static const char *const need[] = {"--by", "--of", "--as-of"};
    for (int i = 0; i < 3; i++)
        if (!opt_given(o, no, need[i]))
            return err_set(&c->err, ERR_INPUT, "assess new: %s is required", need[i]);
    field_value fv[4] = {{"by", opt_value(o, no, "--by")}, {"of", opt_value(o, no, "--of")},
                         {"as_of", opt_value(o, no, "--as-of")}, {"title", opt_value(o, no, "--title")}};
    edit_t ed = {EDIT_CREATE, &kind_assessment, pos[0], fv, fv[3].value ? 4 : 3,
                 opt_value(o, no, "--effective"), cli_actor(opt_value(o, no, "--actor")),
                 opt_value(o, no, "--reason")};
    if (cli_write(c, apply_edit, &ed)) return err_prefix(&c->err, "assess new %s", pos[0]);
    printf("added assessment %s\n", pos[0]);
    return 0;
}

typedef struct {
    const char *assessment, *rec;
    field_value *fv;
    int n;
    const char *effective, *actor, *reason;
} item_args;

static int do_item(cli_t *c, void *ctx)
{
    item_args *ia = ctx;
    return op_answer_item(c->store, ia->assessment, ia->rec, ia->fv, ia->n, ia->effective, ia->actor,
                          ia->reason, c->a, &c->err);
}

int cmd_assess_set(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--effective", 1}, {"--reason", 1}, {"--actor", 1}};
    int no = NOPTS(o), np;
    const char **pos = arena_alloc(c->a, sizeof(char *) * (size_t)(argc + 1));
    field_value *fv = arena_alloc(c->a, sizeof(field_value) * (size_t)(argc + 1));
    if (!pos || !fv) return err_nomem(&c->err);
    if (args_parse(c, "assess set", argc, argv, o, no, pos, 3, argc, &np)) return -1;
    for (int i = 2; i < np; i++) {
        const char *eq = strchr(pos[i], '=');
        if (!eq || eq == pos[i])
            return err_set(&c->err, ERR_INPUT, "assess set: '%.60s' is not FIELD=VALUE", pos[i]);
        char *field = arena_strndup(c->a, pos[i], (size_t)(eq - pos[i]));
        const char *value = eq + 1;
        if (!field) return err_nomem(&c->err);
        int f = kind_field(&kind_item, field);
        /* A Markdown answer may come from a file: what_done=@answer.md ("@-": stdin). */
        if (f >= 0 && kind_item.fields[f].type == FT_TEXT && value[0] == '@') {
            size_t len;
            char *text = file_read(value + 1, ANSWER_FILE_MAX, &len, &c->err);
            if (!text) return err_prefix(&c->err, "assess set: %s", field);
            char *copy = arena_strndup(c->a, text, len);
            int nul = strlen(text) != len;
            mem_free(text);
            if (!copy) return err_nomem(&c->err);
            if (nul) return err_set(&c->err, ERR_INPUT, "assess set: %s: %s holds a NUL byte", field, value + 1);
            value = copy;
        }
        fv[i - 2] = (field_value){field, value};
    }
    item_args ia = {pos[0], pos[1], fv, np - 2, opt_value(o, no, "--effective"),
                    cli_actor(opt_value(o, no, "--actor")), opt_value(o, no, "--reason")};
    if (cli_write(c, do_item, &ia)) return err_prefix(&c->err, "assess set %s %s", pos[0], pos[1]);
    printf("updated %s/%s\n", pos[0], pos[1]);
    return 0;
}

typedef struct {
    const char *assessment, *rec, *assessor, *dissent, *effective, *actor, *reason;
    int withdraw;
} signoff_args;

static int do_signoff(cli_t *c, void *ctx)
{
    signoff_args *sa = ctx;
    return op_signoff(c->store, sa->assessment, sa->rec, sa->assessor, sa->dissent, sa->withdraw,
                      sa->effective, sa->actor, sa->reason, c->a, &c->err);
}

int cmd_assess_signoff(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--by", 1}, {"--dissent", 1}, {"--withdraw", 0}, {"--effective", 1},
                 {"--reason", 1}, {"--actor", 1}};
    int no = NOPTS(o);
    const char *pos[2];
    if (args_parse(c, "assess signoff", argc, argv, o, no, pos, 2, 2, NULL)) return -1;
    const char *by = opt_value(o, no, "--by");
    if (!by || !*by) return err_set(&c->err, ERR_INPUT, "assess signoff: --by NAME is required");
    signoff_args sa = {pos[0], pos[1], by, opt_value(o, no, "--dissent"), opt_value(o, no, "--effective"),
                       cli_actor(opt_value(o, no, "--actor")), opt_value(o, no, "--reason"),
                       opt_given(o, no, "--withdraw")};
    if (cli_write(c, do_signoff, &sa)) return err_prefix(&c->err, "assess signoff %s %s", pos[0], pos[1]);
    printf("%s %s %s/%s%s\n", by, sa.withdraw ? "withdrew the sign-off of" : "signed off", pos[0], pos[1],
           sa.dissent && *sa.dissent && !sa.withdraw ? ", with dissent on record" : "");
    return 0;
}

/* Print a Markdown answer indented under its heading. */
static void print_block(const char *heading, const char *text)
{
    if (!text) return;
    printf("  %s\n", heading);
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        printf("    %.*s\n", (int)n, p);
        p += n;
        if (*p) p++;
    }
}

static const char *or_dash(const char *s) { return s ? s : "-"; }

int cmd_assess_show(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--as-of", 1}, {"--known-at", 1}, {"--format", 1}};
    int no = NOPTS(o), np;
    const char *pos[2];
    if (args_parse(c, "assess show", argc, argv, o, no, pos, 1, 2, &np)) return -1;
    const char *fmt = cli_format(c, "assess show", opt_value(o, no, "--format"), "text|json", "text");
    if (!fmt) return -1;
    view_t v;
    asm_model m;
    if (store_view(c->store, opt_value(o, no, "--as-of"), opt_value(o, no, "--known-at"), &v, &c->err) ||
        asm_load(c->store, &v, pos[0], np > 1 ? pos[1] : NULL, 0, c->a, &m, &c->err))
        return err_prefix(&c->err, "assess show");
    if (strcmp(fmt, "json") == 0) {
        json_t *j = asm_json(&m, &v);
        if (np > 1 && j) {
            /* One item asked for: print that item alone. */
            json_t *item = json_incref(json_array_get(json_object_get(j, "items"), 0));
            json_decref(j);
            j = item;
        }
        return cli_print_json(c, j);
    }
    const ent_t *a = &m.a;
    printf("Assessment %s: %s assessing %s as of %s\n", a->id, a->v[ASM_BY], a->v[ASM_OF], a->v[ASM_AS_OF]);
    if (a->v[ASM_TITLE]) printf("  %s\n", a->v[ASM_TITLE]);
    printf("  %zu items; implemented: full %zu, partial %zu, not %zu, unknown %zu; relevant: yes %zu, "
           "no %zu, not stated %zu; approved %zu; dissents %zu\n", m.n, m.implemented[0],
           m.implemented[1], m.implemented[2], m.implemented[3], m.relevant[0], m.relevant[1],
           m.relevant[2], m.approved, m.dissents);
    for (size_t i = 0; i < m.n; i++) {
        const asm_item *it = &m.items[i];
        const char *const *f = it->item.v;
        printf("\n%s  %s  [%s]\n", f[ITEM_REC], it->rec.id ? it->rec.v[REC_TITLE] : "", f[ITEM_STATE]);
        printf("  %-13s %s\n  %-13s %s\n  %-13s %s\n", "implemented", or_dash(f[ITEM_IMPLEMENTED]),
               "effect", or_dash(f[ITEM_EFFECT]), "relevant", or_dash(f[ITEM_RELEVANT]));
        print_block("Recommendation", f[ITEM_REC_TEXT] ? f[ITEM_REC_TEXT] : it->rec.id ? it->rec.v[REC_TEXT] : NULL);
        print_block("What was done", f[ITEM_WHAT_DONE]);
        print_block("How it was assessed", f[ITEM_HOW_ASSESSED]);
        print_block("Further work", f[ITEM_FURTHER_WORK]);
        if (it->nevidence) printf("  Evidence\n");
        for (size_t k = 0; k < it->nevidence; k++)
            printf("    %s  %s%s%s\n", it->evidence[k].id, it->evidence[k].v[EV_URL],
                   it->evidence[k].v[EV_TITLE] ? "  " : "", it->evidence[k].v[EV_TITLE] ? it->evidence[k].v[EV_TITLE] : "");
        if (it->nsignoffs) printf("  Sign-offs\n");
        for (size_t k = 0; k < it->nsignoffs; k++) {
            printf("    %s%s%s\n", it->signoffs[k].v[SIGN_ASSESSOR], it->signoffs[k].v[SIGN_DISSENT] ? " \xE2\x80\x94 dissent: " : "",
                   it->signoffs[k].v[SIGN_DISSENT] ? it->signoffs[k].v[SIGN_DISSENT] : "");
        }
    }
    return 0;
}

int cmd_assess_list(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--as-of", 1}, {"--format", 1}};
    if (args_parse(c, "assess list", argc, argv, o, NOPTS(o), NULL, 0, 0, NULL)) return -1;
    const char *fmt = cli_format(c, "assess list", opt_value(o, NOPTS(o), "--format"), "table|json", "table");
    if (!fmt) return -1;
    view_t v;
    ent_t *as;
    size_t n;
    if (store_view(c->store, opt_value(o, NOPTS(o), "--as-of"), NULL, &v, &c->err) ||
        store_list(c->store, &kind_assessment, &v, -1, NULL, c->a, &as, &n, &c->err))
        return err_prefix(&c->err, "assess list");
    if (strcmp(fmt, "json") == 0) {
        json_t *arr = json_array();
        if (!arr) return err_nomem(&c->err);
        for (size_t i = 0; i < n; i++) json_array_append_new(arr, json_entity(&kind_assessment, &as[i]));
        return cli_print_json(c, arr);
    }
    printf("ID              BY      OF      AS OF       TITLE\n");
    for (size_t i = 0; i < n; i++)
        printf("%-15s %-7s %-7s %-11s %s\n", as[i].id, as[i].v[ASM_BY], as[i].v[ASM_OF],
               as[i].v[ASM_AS_OF], or_dash(as[i].v[ASM_TITLE]));
    return 0;
}
