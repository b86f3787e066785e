/* cmd_evidence.c — evidence add | list | check. The checking itself is
 * net/linkcheck.h (libcurl); its results go to the store's append-only
 * link_checks table in one transaction after the run. */
#include <stdlib.h>
#include <string.h>

#include "net/linkcheck.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "report/evidence_report.h"
#include "report/json_view.h"
#include "util/map.h"

/* --- evidence add -------------------------------------------------------- */

typedef struct {
    const char *target, *url;
    edit_t ed;
    field_value fv[5];
    char *id;
} ev_add;

/* What kind of thing TARGET names: "ASSESSMENT/REC" is an assessment item;
 * otherwise a milestone or a rec, whichever exists. */
static int target_kind(cli_t *c, const char *target, const char **kind)
{
    if (strchr(target, '/')) {
        if (!kind_find("item"))
            return err_set(&c->err, ERR_INPUT, "%.130s: assessment items are not kept by this build", target);
        *kind = "item";
        return 0;
    }
    static const kind_def *const order[] = {&kind_milestone, &kind_rec};
    for (int i = 0; i < 2; i++) {
        int ok = store_exists(c->store, order[i], target, &c->err);
        if (ok < 0) return -1;
        if (ok) { *kind = order[i]->name; return 0; }
    }
    return err_set(&c->err, ERR_NOTFOUND, "no such rec, milestone or assessment item: %.130s", target);
}

static int do_add(cli_t *c, void *ctx)
{
    ev_add *a = ctx;
    const char *kind = NULL;
    if (target_kind(c, a->target, &kind)) return -1;
    /* The same URL cited twice for one thing is a mistake, not new evidence. */
    view_t now = {0};
    now.current = 1;
    ent_t *evs;
    size_t n;
    if (store_list(c->store, &kind_evidence, &now, EV_TARGET, a->target, c->a, &evs, &n, &c->err)) return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(evs[i].v[EV_TARGET_KIND], kind) == 0 && strcmp(evs[i].v[EV_URL], a->url) == 0)
            return err_set(&c->err, ERR_CONFLICT, "%s %s already cites this URL (%s)", kind, a->target, evs[i].id);
    a->fv[0] = (field_value){"target_kind", kind};
    if (store_next_id(c->store, &kind_evidence, "E", c->a, &a->id, &c->err)) return -1;
    a->ed.id = a->id;
    return store_edit(c->store, &a->ed, &c->err);
}

int cmd_evidence_add(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--title", 1}, {"--kind", 1}, {"--effective", 1}, {"--reason", 1}, {"--actor", 1}};
    int no = NOPTS(o);
    const char *pos[2];
    if (args_parse(c, "evidence add", argc, argv, o, no, pos, 2, 2, NULL)) return -1;
    ev_add a = {.target = pos[0], .url = pos[1]};
    int n = 1;   /* fv[0] is the target kind, found in the transaction */
    a.fv[n++] = (field_value){"target", pos[0]};
    a.fv[n++] = (field_value){"url", pos[1]};
    if (opt_given(o, no, "--title")) a.fv[n++] = (field_value){"title", opt_value(o, no, "--title")};
    if (opt_given(o, no, "--kind")) a.fv[n++] = (field_value){"kind", opt_value(o, no, "--kind")};
    a.ed = (edit_t){EDIT_CREATE, &kind_evidence, NULL, a.fv, n, opt_value(o, no, "--effective"),
                    cli_actor(opt_value(o, no, "--actor")), opt_value(o, no, "--reason")};
    if (cli_write(c, do_add, &a)) return err_prefix(&c->err, "evidence add");
    printf("%s\n", a.id);
    return 0;
}

/* --- evidence list ------------------------------------------------------- */

int cmd_evidence_list(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--target", 1}, {"--as-of", 1}, {"--format", 1}};
    int no = NOPTS(o);
    if (args_parse(c, "evidence list", argc, argv, o, no, NULL, 0, 0, NULL)) return -1;
    const char *fmt = cli_format(c, "evidence list", opt_value(o, no, "--format"), "table|json|csv", "table");
    if (!fmt) return -1;
    view_t v;
    const char *target = opt_value(o, no, "--target");
    if (store_view(c->store, opt_value(o, no, "--as-of"), NULL, &v, &c->err))
        return err_prefix(&c->err, "evidence list");
    if (strcmp(fmt, "table") != 0) {
        buf_t b = BUF_INIT;
        if (ev_report(c->store, &v, target, fmt, c->a, &b, &c->err)) {
            buf_free(&b);
            return err_prefix(&c->err, "evidence list");
        }
        return cli_print_buf(c, &b);
    }
    ev_health *rows;
    size_t n;
    if (ev_health_load(c->store, &v, target, c->a, &rows, &n, &c->err))
        return err_prefix(&c->err, "evidence list");
    printf("%-8s %-22s %-9s %-10s %s\n", "ID", "ABOUT", "HEALTH", "CHECKED", "URL / TITLE");
    for (size_t i = 0; i < n; i++) {
        const ent_t *ev = rows[i].ev;
        char about[160], checked[DATE_SIZE] = "\xE2\x80\x93";
        snprintf(about, sizeof about, "%s %s", ev->v[EV_TARGET_KIND], ev->v[EV_TARGET]);
        if (rows[i].check) snprintf(checked, sizeof checked, "%.10s", rows[i].check->checked_at);
        render_cell(stdout, ev->id, 8);
        putchar(' ');
        render_cell(stdout, about, 22);
        putchar(' ');
        render_cell(stdout, ev_health_word(&rows[i]), 9);
        putchar(' ');
        render_cell(stdout, checked, 10);
        printf(" %s%s%s\n", ev->v[EV_URL], ev->v[EV_TITLE] ? "  " : "", ev->v[EV_TITLE] ? ev->v[EV_TITLE] : "");
    }
    printf("\n%zu evidence links, as of %s\n", n, v.as_of);
    return 0;
}

/* --- evidence check ------------------------------------------------------ */

typedef struct {
    link_job *jobs;
    size_t n;
} check_results;

static int save_checks(cli_t *c, void *ctx)
{
    check_results *r = ctx;
    for (size_t i = 0; i < r->n; i++) {
        const link_job *j = &r->jobs[i];
        if (!j->done) continue;
        link_check lc = {j->url, j->checked_at, link_outcome_name(j->outcome), j->http_status,
                         j->final_url, j->has_sha256 ? j->sha256 : NULL, j->body_bytes,
                         j->truncated, j->changed, j->etag, j->last_modified, j->method,
                         j->elapsed_ms, j->error, NULL};
        if (store_link_check_add(c->store, &lc, &c->err)) return -1;
    }
    return 0;
}

static int cmp_url(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct URLs of all evidence now, in URL order, as jobs that carry
 * what the newest check with a body learnt about each. */
static int make_jobs(cli_t *c, link_job **out, size_t *n)
{
    view_t now = {0};
    now.current = 1;
    ent_t *evs;
    size_t nevs, nknown;
    link_check *known;
    if (store_list(c->store, &kind_evidence, &now, -1, NULL, c->a, &evs, &nevs, &c->err) ||
        store_link_latest(c->store, NULL, 1, c->a, &known, &nknown, &c->err))
        return -1;
    map_t *seen = map_new();
    const char **urls = arena_alloc(c->a, sizeof(char *) * (nevs + 1));
    link_job *jobs = arena_alloc(c->a, sizeof(link_job) * (nevs + 1));
    if (!seen || !urls || !jobs) { map_free(seen); return err_nomem(&c->err); }
    size_t nu = 0;
    for (size_t i = 0; i < nevs; i++) {
        if (map_has(seen, evs[i].v[EV_URL])) continue;
        if (map_put(seen, evs[i].v[EV_URL], NULL)) { map_free(seen); return err_nomem(&c->err); }
        urls[nu++] = evs[i].v[EV_URL];
    }
    map_free(seen);
    /* In URL order, the order of the checks table, so a run is reproducible. */
    if (nu > 1) qsort(urls, nu, sizeof *urls, cmp_url);
    for (size_t i = 0; i < nu; i++) {
        jobs[i].url = urls[i];
        const link_check *k = link_check_find(known, nknown, urls[i]);
        if (k) {
            jobs[i].known_sha256 = k->sha256;
            jobs[i].known_etag = k->etag;
            jobs[i].known_last_modified = k->last_modified;
        }
    }
    *out = jobs;
    *n = nu;
    return 0;
}

int cmd_evidence_check(cli_t *c, int argc, char **argv)
{
    opt_t o[] = {{"--concurrency", 1}, {"--timeout", 1}, {"--total-timeout", 1},
                 {"--allow-private", 0}, {"--format", 1}};
    int no = NOPTS(o);
    if (args_parse(c, "evidence check", argc, argv, o, no, NULL, 0, 0, NULL)) return -1;
    const char *fmt = cli_format(c, "evidence check", opt_value(o, no, "--format"), "text|json", "text");
    if (!fmt) return -1;
    link_opts lo;
    link_opts_default(&lo);
    long conc, timeout, total;
    if (opt_long(c, "evidence check", o, no, "--concurrency", 1, LINK_MAX_CONCURRENCY, lo.concurrency, &conc) ||
        opt_long(c, "evidence check", o, no, "--timeout", 1, LINK_MAX_TIMEOUT_S, lo.timeout_ms / 1000, &timeout) ||
        opt_long(c, "evidence check", o, no, "--total-timeout", 1, LINK_MAX_TOTAL_S, lo.total_timeout_ms / 1000, &total))
        return -1;
    lo.concurrency = (int)conc;
    lo.timeout_ms = timeout * 1000;
    lo.total_timeout_ms = total * 1000;
    lo.allow_private = opt_given(o, no, "--allow-private");

    check_results r;
    if (make_jobs(c, &r.jobs, &r.n) || link_check_run(r.jobs, r.n, &lo, c->a, &c->err) ||
        cli_write(c, save_checks, &r))
        return err_prefix(&c->err, "evidence check");

    size_t count[4] = {0}, changed = 0, skipped = 0;
    for (size_t i = 0; i < r.n; i++) {
        if (!r.jobs[i].done) { skipped++; continue; }
        count[r.jobs[i].outcome]++;
        changed += r.jobs[i].changed != 0;
    }
    if (strcmp(fmt, "json") == 0) {
        json_t *arr = json_array();
        if (!arr) return err_nomem(&c->err);
        for (size_t i = 0; i < r.n; i++) {
            const link_job *j = &r.jobs[i];
            json_t *row = j->done
                ? json_pack("{s:s, s:s, s:o, s:o, s:b, s:o, s:s, s:I, s:o}", "url", j->url,
                            "health", link_outcome_name(j->outcome),
                            "http_status", j->http_status ? json_integer(j->http_status) : json_null(),
                            "final_url", json_str_or_null(j->final_url), "changed", j->changed,
                            "content_sha256", j->has_sha256 ? json_string(j->sha256) : json_null(),
                            "method", j->method, "elapsed_ms", (json_int_t)j->elapsed_ms,
                            "error", *j->error ? json_string(j->error) : json_null())
                : json_pack("{s:s, s:s}", "url", j->url, "health", "unchecked");
            if (json_array_append_new(arr, row)) { json_decref(arr); return err_nomem(&c->err); }
        }
        return cli_print_json(c, arr);
    }
    for (size_t i = 0; i < r.n; i++) {
        const link_job *j = &r.jobs[i];
        if (!j->done) { printf("%-8s %-4s %s (the total time ran out first)\n", "unchecked", "-", j->url); continue; }
        char st[8] = "-";
        if (j->http_status) snprintf(st, sizeof st, "%d", j->http_status);
        printf("%-8s %-4s %s", link_outcome_name(j->outcome), st, j->url);
        if (j->outcome == LINK_MOVED) printf(" -> %s", j->final_url);
        if (j->changed) printf("  [changed]");
        if (*j->error) printf("  (%s)", j->error);
        putchar('\n');
    }
    printf("%zu URLs: %zu ok, %zu moved, %zu dead, %zu blocked; %zu changed", r.n, count[LINK_OK],
           count[LINK_MOVED], count[LINK_DEAD], count[LINK_BLOCKED], changed);
    if (skipped) printf("; %zu not checked (total time ran out)", skipped);
    putchar('\n');
    return 0;
}

int cmd_evidence_set(cli_t *c, int argc, char **argv)
{
    return cli_set_fields(c, "evidence set", &kind_evidence, argc, argv);
}
