/* cmd_kpi.c — kpi add | record | show | list. The status rule is
 * core/kpi.h; the KPI as shown is report/kpi_view.h. */
#include <string.h>

#include "cli/commands.h"
#include "cli/render.h"
#include "report/kpi_view.h"

/* --- kpi add ------------------------------------------------------------- */

typedef struct {
    edit_t ed;
    field_value fv[KPI_NFIELDS];
} kpi_add_args;

static int do_add(cli_t *c, void *ctx)
{
    return store_edit(c->store, &((kpi_add_args *)ctx)->ed, &c->err);
}

int cmd_kpi_add(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--name", 1}, {"--unit", 1}, {"--direction", 1}, {"--baseline", 1},
                 {"--target", 1}, {"--frequency", 1}, {"--effective", 1}, {"--reason", 1},
                 {"--actor", 1}};
    int no = NOPTS(o);
    const char *pos[2];
    if (args_parse(c, "kpi add", argc, argv, o, no, pos, 2, 2, NULL)) return -1;
    static const char *const required[] = {"--name", "--unit", "--direction"};
    for (int i = 0; i < 3; i++)
        if (!opt_given(o, no, required[i]))
            return err_set(&c->err, ERR_INPUT, "kpi add: %s is required", required[i]);

    /* The first argument names a rec, or a review the KPI measures as a whole. */
    int is_rec = store_exists(c->store, &kind_rec, pos[0], &c->err);
    int is_review = is_rec ? 0 : store_exists(c->store, &kind_review, pos[0], &c->err);
    if (is_rec < 0 || is_review < 0) return -1;
    if (!is_rec && !is_review)
        return err_set(&c->err, ERR_NOTFOUND, "kpi add: no such rec or review: %.70s", pos[0]);
    kpi_add_args k = {0};
    int n = 0;
    k.fv[n++] = (field_value){is_rec ? "rec" : "review", pos[0]};
    k.fv[n++] = (field_value){"name", opt_value(o, no, "--name")};
    k.fv[n++] = (field_value){"unit", opt_value(o, no, "--unit")};
    k.fv[n++] = (field_value){"direction", opt_value(o, no, "--direction")};
    if (opt_given(o, no, "--frequency")) k.fv[n++] = (field_value){"frequency", opt_value(o, no, "--frequency")};
    /* VALUE@DATE options: the baseline needs its date, the target's is optional. */
    const char *vals[KPI_NFIELDS] = {0};
    static const struct { const char *opt; int date_optional, value_field, date_field; } pairs[] = {
        {"--baseline", 0, KPI_BASELINE, KPI_BASELINE_DATE},
        {"--target", 1, KPI_TARGET, KPI_TARGET_DATE}};
    for (int i = 0; i < 2; i++) {
        const char *in = opt_value(o, no, pairs[i].opt);
        if (!in) continue;
        char *buf = arena_alloc(c->a, strlen(in) + 1);
        const char *v, *d;
        if (!buf) return err_nomem(&c->err);
        if (kpi_value_at(in, pairs[i].opt, pairs[i].date_optional, buf, &v, &d, &c->err))
            return err_prefix(&c->err, "kpi add");
        vals[pairs[i].value_field] = v;
        vals[pairs[i].date_field] = d;
        k.fv[n++] = (field_value){kind_kpi.fields[pairs[i].value_field].name, v};
        if (d) k.fv[n++] = (field_value){kind_kpi.fields[pairs[i].date_field].name, d};
    }
    vals[KPI_DIRECTION] = opt_value(o, no, "--direction");
    kpi_spec spec;
    if (kpi_spec_from_fields(vals, &spec, &c->err) || kpi_spec_check(&spec, &c->err))
        return err_prefix(&c->err, "kpi add %s", pos[1]);
    k.ed = (edit_t){EDIT_CREATE, &kind_kpi, pos[1], k.fv, n, opt_value(o, no, "--effective"),
                    cli_actor(opt_value(o, no, "--actor")), opt_value(o, no, "--reason")};
    if (cli_write(c, do_add, &k)) return err_prefix(&c->err, "kpi add %s", pos[1]);
    printf("added KPI %s to %s\n", pos[1], pos[0]);
    return 0;
}

/* --- kpi record ---------------------------------------------------------- */

typedef struct {
    const char *kpi;
    edit_t ed;
    field_value fv[4];
    char *id;
} record_args;

static int do_record(cli_t *c, void *ctx)
{
    record_args *r = ctx;
    view_t now = {0};
    now.current = 1;
    ent_t kpi;
    if (store_get(c->store, &kind_kpi, &now, r->kpi, c->a, &kpi, &c->err)) return -1;
    const char *at = r->ed.effective_at ? r->ed.effective_at : store_today(c->store);
    if (date_valid(at) && strcmp(at, kpi.since) < 0)
        return err_set(&c->err, ERR_INPUT, "measured on %s, before KPI %s existed (from %s; "
                       "back-date the KPI with 'kpi add --effective')", at, r->kpi, kpi.since);
    if (store_next_id(c->store, &kind_measurement, "M", c->a, &r->id, &c->err)) return -1;
    r->ed.id = r->id;
    return store_edit(c->store, &r->ed, &c->err);
}

int cmd_kpi_record(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--at", 1}, {"--evidence", 1}, {"--source", 1}, {"--reason", 1}, {"--actor", 1}};
    int no = NOPTS(o);
    const char *pos[2];
    if (args_parse(c, "kpi record", argc, argv, o, no, pos, 2, 2, NULL)) return -1;
    record_args r = {.kpi = pos[0]};
    int n = 0;
    r.fv[n++] = (field_value){"kpi", pos[0]};
    r.fv[n++] = (field_value){"value", pos[1]};
    if (opt_given(o, no, "--evidence")) r.fv[n++] = (field_value){"evidence", opt_value(o, no, "--evidence")};
    if (opt_given(o, no, "--source")) r.fv[n++] = (field_value){"source", opt_value(o, no, "--source")};
    r.ed = (edit_t){EDIT_CREATE, &kind_measurement, NULL, r.fv, n, opt_value(o, no, "--at"),
                    cli_actor(opt_value(o, no, "--actor")), opt_value(o, no, "--reason")};
    if (cli_write(c, do_record, &r)) return err_prefix(&c->err, "kpi record %s", pos[0]);
    printf("%s\n", r.id);
    return 0;
}

/* --- kpi show / list ----------------------------------------------------- */

#define DASH "\xE2\x80\x93"

static const char *or_dash(const char *s) { return s && *s ? s : DASH; }

static void show_text(const kpi_model *m, const view_t *v)
{
    const char *const *f = m->kpi.v;
    const kpi_eval *ev = &m->eval;
    printf("%s  %s\n", m->kpi.id, f[KPI_NAME]);
    printf("  %-11s %s\n", f[KPI_REC] ? "rec" : "review", kpi_subject(f));
    printf("  %-11s %s\n", "unit", f[KPI_UNIT]);
    printf("  %-11s %s (%s is better)\n", "direction", f[KPI_DIRECTION],
           strcmp(f[KPI_DIRECTION], "up") == 0 ? "more" : "less");
    if (f[KPI_BASELINE]) printf("  %-11s %s on %s\n", "baseline", f[KPI_BASELINE], or_dash(f[KPI_BASELINE_DATE]));
    else printf("  %-11s %s\n", "baseline", DASH);
    if (f[KPI_TARGET] && f[KPI_TARGET_DATE]) printf("  %-11s %s by %s\n", "target", f[KPI_TARGET], f[KPI_TARGET_DATE]);
    else printf("  %-11s %s\n", "target", or_dash(f[KPI_TARGET]));
    printf("  %-11s %s\n", "frequency", or_dash(f[KPI_FREQUENCY]));
    printf("  %-11s %s (%s)\n", "status", kpi_status_name(ev->status), ev->why);
    if (ev->has_latest) printf("  %-11s %s on %s\n", "latest", m->ms[m->nms - 1].v[MEAS_VALUE], ev->latest.date);
    if (ev->has_progress) {
        printf("  %-11s %.0f%% of the way", "progress", ev->progress * 100);
        if (ev->has_expected) printf(" (the line to the target asks %.0f%%)", ev->expected * 100);
        putchar('\n');
    }
    if (ev->next_due[0]) printf("  %-11s %s\n", "next due", ev->next_due);
    printf("  as of %s", v->as_of);
    if (v->known_at[0]) printf(", as recorded by %s", v->known_at);
    putchar('\n');
    if (m->nms) {
        printf("\n  Measurements\n");
        for (size_t i = 0; i < m->nms; i++) {
            const ent_t *x = &m->ms[i];
            printf("    %-10s  ", x->since);
            render_cell(stdout, x->v[MEAS_VALUE], 12);
            printf("  %-8s %s%s%s\n", x->id, or_dash(x->v[MEAS_SOURCE]),
                   x->v[MEAS_EVIDENCE] ? "  " : "", x->v[MEAS_EVIDENCE] ? x->v[MEAS_EVIDENCE] : "");
        }
    }
}

int cmd_kpi_show(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--as-of", 1}, {"--known-at", 1}, {"--format", 1}};
    int no = NOPTS(o);
    const char *pos[1];
    if (args_parse(c, "kpi show", argc, argv, o, no, pos, 1, 1, NULL)) return -1;
    const char *fmt = cli_format(c, "kpi show", opt_value(o, no, "--format"), "text|json", "text");
    if (!fmt) return -1;
    view_t v;
    kpi_model m;
    if (store_view(c->store, opt_value(o, no, "--as-of"), opt_value(o, no, "--known-at"), &v, &c->err) ||
        kpi_model_load(c->store, &v, pos[0], c->a, &m, &c->err))
        return err_prefix(&c->err, "kpi show");
    if (strcmp(fmt, "json") == 0) return cli_print_json(c, kpi_model_json(&m, &v, 1));
    show_text(&m, &v);
    return 0;
}

int cmd_kpi_list(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--review", 1}, {"--as-of", 1}, {"--known-at", 1}, {"--format", 1}};
    int no = NOPTS(o);
    if (args_parse(c, "kpi list", argc, argv, o, no, NULL, 0, 0, NULL)) return -1;
    const char *fmt = cli_format(c, "kpi list", opt_value(o, no, "--format"), "table|json", "table");
    if (!fmt) return -1;
    const char *review = opt_value(o, no, "--review");
    view_t v;
    kpi_model *ms;
    size_t n;
    if (store_view(c->store, opt_value(o, no, "--as-of"), opt_value(o, no, "--known-at"), &v, &c->err))
        return err_prefix(&c->err, "kpi list");
    if (cli_review_known(c, "kpi list", review)) return -1;
    if (kpi_model_list(c->store, &v, review, c->a, &ms, &n, &c->err)) return err_prefix(&c->err, "kpi list");
    if (strcmp(fmt, "json") == 0) {
        json_t *arr = json_array();
        if (!arr) return err_nomem(&c->err);
        for (size_t i = 0; i < n; i++)
            if (json_array_append_new(arr, kpi_model_json(&ms[i], &v, 0))) { json_decref(arr); return err_nomem(&c->err); }
        return cli_print_json(c, arr);
    }
    printf("%-14s %-12s %-10s %-24s %-16s %s\n", "ID", "OF", "STATUS", "LATEST", "TARGET", "NAME");
    for (size_t i = 0; i < n; i++) {
        const kpi_model *m = &ms[i];
        const char *const *f = m->kpi.v;
        char latest[64] = DASH, target[64] = DASH;
        if (m->eval.has_latest)
            snprintf(latest, sizeof latest, "%s on %s", m->ms[m->nms - 1].v[MEAS_VALUE], m->eval.latest.date);
        if (f[KPI_TARGET])
            snprintf(target, sizeof target, "%s%s%s", f[KPI_TARGET], f[KPI_TARGET_DATE] ? " by " : "",
                     f[KPI_TARGET_DATE] ? f[KPI_TARGET_DATE] : "");
        render_cell(stdout, m->kpi.id, 14);
        putchar(' ');
        render_cell(stdout, kpi_subject(f), 12);
        putchar(' ');
        render_cell(stdout, kpi_status_name(m->eval.status), 10);
        putchar(' ');
        render_cell(stdout, latest, 24);
        putchar(' ');
        render_cell(stdout, target, 16);
        printf(" %s (%s)\n", f[KPI_NAME], f[KPI_UNIT]);
    }
    printf("\n%zu KPIs, as of %s\n", n, v.as_of);
    return 0;
}

int cmd_kpi_set(cli_t *c, int argc, char **argv)
{
    return cli_set_fields(c, "kpi set", &kind_kpi, argc, argv);
}
