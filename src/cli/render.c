/* render.c — see render.h. */
#include "cli/render.h"

#include <string.h>

#include "core/status.h"
#include "util/buf.h"
#include "util/fmt.h"
#include "util/text.h"

#define DASH "\xE2\x80\x93"

static const char *or_dash(const char *s) { return s && *s ? s : DASH; }

static status_t status_of(const char *name)
{
    int s = status_parse(name);
    return s < 0 ? ST_NOT_STARTED : (status_t)s;
}

void render_cell(FILE *f, const char *s, size_t cols)
{
    size_t w = utf8_cols(s);
    if (w > cols) {
        fwrite(s, 1, utf8_prefix(s, cols - 1), f);
        fputs("\xE2\x80\xA6", f);
        return;
    }
    fputs(s, f);
    for (; w < cols; w++) fputc(' ', f);
}

static void view_line(FILE *f, const view_t *v)
{
    fprintf(f, "as of %s", v->as_of);
    if (v->known_at[0]) fprintf(f, ", as recorded by %s", v->known_at);
    fputc('\n', f);
}

void render_rec_text(FILE *f, const ent_t *r, const ent_t *ms, size_t nms,
                     const ent_t *children, size_t nchildren, const ent_t *out, size_t nout,
                     const ent_t *in, size_t nin, const view_t *v)
{
    status_t st = status_of(r->v[REC_STATUS]);
    fprintf(f, "%s  %s\n", r->id, r->v[REC_TITLE]);
    fprintf(f, "  %-11s %s\n", "review", r->v[REC_REVIEW]);
    if (r->v[REC_PARENT]) fprintf(f, "  %-11s %s\n", "parent", r->v[REC_PARENT]);
    fprintf(f, "  %-11s %s %s\n", "status", status_ssr1_mark(st), r->v[REC_STATUS]);
    fprintf(f, "  %-11s %s\n", "board", or_dash(r->v[REC_BOARD]));
    fprintf(f, "  %-11s %s\n", "priority", or_dash(r->v[REC_PRIORITY]));
    fprintf(f, "  %-11s %s\n", "owner", or_dash(r->v[REC_OWNER]));
    fprintf(f, "  %-11s %s\n", "topic", or_dash(r->v[REC_TOPIC]));
    fprintf(f, "  %-11s %s\n", "recurring", field_true(r->v[REC_RECURRING]) ? "yes" : "no");
    fprintf(f, "  %-11s %s\n", "due", or_dash(r->v[REC_DUE]));
    if (field_true(r->v[REC_RESTRICTED])) fprintf(f, "  %-11s %s\n", "restricted", "yes");
    fprintf(f, "  %-11s %s (last change effective %s)\n", "since", r->since, r->changed);
    fprintf(f, "  ");
    view_line(f, v);
    if (nchildren) {
        fprintf(f, "  %-11s", "sub-items");
        for (size_t i = 0; i < nchildren; i++) fprintf(f, " %s", children[i].id);
        fputc('\n', f);
    }
    for (int pass = 0; pass < 2; pass++) {
        const ent_t *l = pass ? in : out;
        size_t nl = pass ? nin : nout;
        for (size_t i = 0; i < nl; i++)
            if (field_true(l[i].v[LINK_ACTIVE]))
                fprintf(f, "  %-11s %s %s %s\n", "link", l[i].v[LINK_REC], l[i].v[LINK_REL], l[i].v[LINK_OTHER]);
    }
    if (r->v[REC_TEXT]) {
        fprintf(f, "\n  Text\n");
        const char *p = r->v[REC_TEXT];
        while (*p) {
            size_t n = strcspn(p, "\n");
            fprintf(f, "    %.*s\n", (int)n, p);
            p += n;
            if (*p == '\n') p++;
        }
    }
    if (nms) {
        fprintf(f, "\n  Milestones\n");
        for (size_t i = 0; i < nms; i++) {
            const ent_t *m = &ms[i];
            fprintf(f, "    ");
            render_cell(f, m->id, 12);
            fprintf(f, " %s ", status_ssr1_mark(status_of(m->v[MS_STATUS])));
            render_cell(f, m->v[MS_STATUS], 12);
            fprintf(f, " due %-10s done %-10s  %s\n", or_dash(m->v[MS_DUE]), or_dash(m->v[MS_DONE]),
                    m->v[MS_TITLE]);
        }
    }
}

void render_rec_table(FILE *f, const ent_t *recs, size_t n, const ent_t *ms, const size_t *first,
                      const size_t *count, const view_t *v)
{
    size_t idw = 2;
    for (size_t i = 0; i < n; i++)
        if (utf8_cols(recs[i].id) > idw) idw = utf8_cols(recs[i].id);
    render_cell(f, "ID", idw);
    fprintf(f, "  KEY  STATUS       PRI  DUE         ACTIVITIES  TITLE\n");
    for (size_t i = 0; i < n; i++) {
        const ent_t *r = &recs[i];
        render_cell(f, r->id, idw);
        fprintf(f, "  %s    ", status_ssr1_mark(status_of(r->v[REC_STATUS])));
        render_cell(f, r->v[REC_STATUS], 12);
        fputc(' ', f);
        render_cell(f, or_dash(r->v[REC_PRIORITY]), 4);
        fputc(' ', f);
        render_cell(f, or_dash(r->v[REC_DUE]), 11);
        fputc(' ', f);
        char marks[64] = "";
        size_t w = 0;
        for (size_t m = 0; m < count[i] && w + 4 < sizeof marks; m++, w++)
            strcat(marks, status_ssr1_mark(status_of(ms[first[i] + m].v[MS_STATUS])));
        render_cell(f, *marks ? marks : DASH, 11);
        fputc(' ', f);
        fputs(r->v[REC_TITLE], f);
        fputc('\n', f);
    }
    fprintf(f, "\n%zu recs, ", n);
    view_line(f, v);
    fprintf(f, "key: \xE2\x9C\x93 complete  \xE2\x97\x8B in progress  \xE2\x97\x87 in planning  " DASH
               " not started or deferred\n");
}

void render_history_text(FILE *f, const change_t *ch, size_t n)
{
    fprintf(f, "%-6s %-10s %-27s %-14s %-22s %s\n", "SEQ", "EFFECTIVE", "RECORDED", "ACTOR",
            "THING", "CHANGE");
    for (size_t i = 0; i < n; i++) {
        const change_t *c = &ch[i];
        char thing[200];
        snprintf(thing, sizeof thing, "%s %s", c->entity, c->entity_id);
        fprintf(f, "%-6lld %-10s %-27s ", c->seq, c->effective_at, c->recorded_at);
        render_cell(f, c->actor, 14);
        fputc(' ', f);
        render_cell(f, thing, 22);
        /* Long values (rec text) are shown by their first line. */
        size_t line = strcspn(c->value, "\n");
        int cut = c->value[line] != '\0' || utf8_cols(c->value) > 60;
        size_t shown = utf8_prefix(c->value, 60);
        if (line < shown) shown = line;
        fprintf(f, " %s = %.*s%s", c->field, (int)shown, c->value, cut ? "\xE2\x80\xA6" : "");
        if (*c->reason) fprintf(f, "  (%s)", c->reason);
        fputc('\n', f);
    }
}
