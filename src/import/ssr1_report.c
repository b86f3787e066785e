/* ssr1_report.c — reading and importing the SSR1 implementation report. */
#include "import/ssr1_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/id.h"
#include "core/status.h"
#include "import/source.h"
#include "util/text.h"

#define TITLE_MAX 80

/* A table row starts with the rec number and a tab: "12 \t". */
static int row_number(const char *line)
{
    const char *p = line;
    int n = 0, digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 4) n = n * 10 + (*p++ - '0'), digits++;
    if (!digits || digits > 3) return 0;
    while (*p == ' ') p++;
    return *p == '\t' ? n : 0;
}

/* The mark at s, if any: the SSR1 key's symbols, or a lone "o" before a
 * capital or a digit (how the PDF extraction printed ○). */
static int mark_at(const char *text, const char *s, int *len)
{
    int st = status_from_mark(s, len);
    if (st < 0) return -1;
    if (*s == 'o' || *s == 'O') {
        if (*s == 'O') return -1;
        int before_ok = s == text || s[-1] == ' ' || s[-1] == '\t' || s[-1] == '>';
        int after_ok = s[1] == ' ' && ((s[2] >= 'A' && s[2] <= 'Z') || (s[2] >= '0' && s[2] <= '9'));
        if (!before_ok || !after_ok) return -1;
    }
    return st;
}

/* Sub-item tokens of row n in s ("6A", "[23B]"): register them in order.
 * -1 when memory runs out (a sub-item lost would change what is imported). */
static int find_subs(ssr1_row *r, const char *s, arena_t *a)
{
    char num[8];
    int nl = snprintf(num, sizeof num, "%d", r->number);
    for (const char *p = s; (p = strstr(p, num)) != NULL; p++) {
        char letter = p[nl];
        /* The letter first: at the end of s, p[nl + 1] is past the NUL. */
        if (letter < 'A' || letter > 'H') continue;
        int starts = p == s || !((p[-1] >= '0' && p[-1] <= '9') || (p[-1] >= 'A' && p[-1] <= 'Z') ||
                                 (p[-1] >= 'a' && p[-1] <= 'z'));
        int ends = !((p[nl + 1] >= 'A' && p[nl + 1] <= 'Z') || (p[nl + 1] >= 'a' && p[nl + 1] <= 'z') ||
                     (p[nl + 1] >= '0' && p[nl + 1] <= '9'));
        if (!starts || !ends) continue;
        char id[12];
        snprintf(id, sizeof id, "%s%c", num, letter);
        int known = 0;
        for (int i = 0; i < r->nsubs; i++) known |= strcmp(r->sub[i], id) == 0;
        if (known || r->nsubs == SSR1_MAX_SUBS) continue;
        r->sub_label[r->nsubs] = NULL;
        /* "6A [SSAC]": the bracket names the part. */
        const char *q = p + nl + 1;
        while (*q == ' ') q++;
        if (*q == '[') {
            const char *end = strchr(q, ']');
            if (end && end - q > 1 && end - q < 40 &&
                !(r->sub_label[r->nsubs] = arena_strndup(a, q + 1, (size_t)(end - q - 1))))
                return -1;
        }
        if (!(r->sub[r->nsubs] = arena_strdup(a, id))) return -1;
        r->nsubs++;
    }
    return 0;
}

/* The first sub-item of r that s mentions, or -1. */
static int sub_of(const ssr1_row *r, const char *s)
{
    int best = -1;
    const char *at = NULL;
    for (int i = 0; i < r->nsubs; i++) {
        const char *p = strstr(s, r->sub[i]);
        if (p && (!at || p < at)) { at = p; best = i; }
    }
    return best;
}

static int says_recurring(const char *s)
{
    static const char *const words[] = {"recurring", "on-going", "ongoing", "never be complete",
                                        "repeated annually", "reviewed annually", NULL};
    for (int i = 0; words[i]; i++)
        if (ascii_casestr(s, words[i])) return 1;
    return 0;
}

/* Split the activities cell at its marks. */
static int split_activities(ssr1_row *r, const char *cell, arena_t *a, err_t *e)
{
    buf_t b = BUF_INIT;
    doc_clean(&b, cell);
    if (!buf_ok(&b)) { buf_free(&b); return err_nomem(e); }
    const char *s = buf_str(&b);
    size_t n = strlen(s);
    r->acts = arena_alloc(a, sizeof(ssr1_activity) * (n / 2 + 2));
    if (!r->acts) { buf_free(&b); return err_nomem(e); }
    const char *seg = NULL;
    int seg_status = -1;
    for (const char *p = s;; p++) {
        int len = 0, st = *p ? mark_at(s, p, &len) : -1;
        if (*p && st < 0) continue;
        const char *end = p;
        if (seg) {
            char *t = doc_clean_str(a, arena_strndup(a, seg, (size_t)(end - seg)));
            if (!t) { buf_free(&b); return err_nomem(e); }
            if (*t) r->acts[r->nacts++] = (ssr1_activity){seg_status, t, -1};
        } else if (end > s) {
            r->preface = doc_clean_str(a, arena_strndup(a, s, (size_t)(end - s)));
            if (!r->preface) { buf_free(&b); return err_nomem(e); }
        }
        if (!*p) break;
        seg = p + len;
        seg_status = st;
        p += len - 1;
    }
    buf_free(&b);
    return 0;
}

/* A line before the table: the report's date, the number of recs it
 * announces, and whether it says the Board adopted them. */
static void preamble_line(ssr1_doc *d, const char *line)
{
    const char *p;
    if (!d->as_of[0] && (p = ascii_casestr(line, "as of ")) && doc_date(p + 6, d->as_of) != 0)
        d->as_of[0] = '\0';
    if ((p = strstr(line, " SSR Review Team recommendations")) != NULL) {
        const char *q = p;
        while (q > line && q[-1] >= '0' && q[-1] <= '9') q--;
        if (q < p) d->announced = atoi(q);
    }
    if (ascii_casestr(line, "adopted by the ICANN Board")) d->board_adopted = 1;
}

/* The row cur is complete: its cells (number, topic, summary, activities)
 * become its topic, summary, activities, sub-items and recurring flag. */
static int finish_row(const char *name, ssr1_row *cur, buf_t cell[4], arena_t *a, err_t *e)
{
    for (int c = 0; c < 4; c++)
        if (!buf_ok(&cell[c])) return err_nomem(e);
    cur->topic = doc_clean_str(a, buf_str(&cell[1]));
    char *summary = doc_clean_str(a, buf_str(&cell[2]));
    if (!cur->topic || !summary) return err_nomem(e);
    size_t tl = strlen(cur->topic);
    if (tl && cur->topic[tl - 1] == '.') ((char *)cur->topic)[tl - 1] = '\0';
    /* "#6 - ICANN should ..." */
    if (summary[0] == '#') {
        char *p = summary + 1;
        while (*p >= '0' && *p <= '9') p++;
        while (*p == ' ' || *p == '-') p++;
        summary = p;
    }
    cur->summary = summary;
    if (!*cur->topic || !*cur->summary)
        return err_set(e, ERR_INPUT, "%s:%zu: row %d has no %s", name, cur->line, cur->number,
                       *cur->topic ? "summary" : "topic");
    if (split_activities(cur, buf_str(&cell[3]), a, e)) return -1;
    if (cur->nacts == 0)
        return err_set(e, ERR_INPUT, "%s:%zu: row %d has no implementation activity marked "
                       "\xE2\x9C\x93, \xE2\x97\x8B or \xE2\x97\x87", name, cur->line, cur->number);
    int lost = cur->preface && find_subs(cur, cur->preface, a);
    for (int k = 0; k < cur->nacts && !lost; k++) lost = find_subs(cur, cur->acts[k].text, a);
    if (lost) return err_nomem(e);
    for (int k = 0; k < cur->nacts; k++) cur->acts[k].sub = sub_of(cur, cur->acts[k].text);
    cur->recurring = says_recurring(cur->summary);
    for (int k = 0; k < cur->nacts; k++) cur->recurring |= says_recurring(cur->acts[k].text);
    return 0;
}

/* A numbered line starts a row: its tab-separated cells into cell[]. */
static void start_row(ssr1_row *cur, int num, size_t line_no, const char *line, buf_t cell[4])
{
    memset(cur, 0, sizeof *cur);
    cur->number = num;
    cur->line = line_no;
    for (int c = 0; c < 4; c++) buf_reset(&cell[c]);
    const char *p = line;
    for (int c = 0; c < 4 && *p; c++) {
        size_t n = c < 3 ? strcspn(p, "\t") : strlen(p);
        buf_append(&cell[c], p, n);
        p += n;
        if (*p == '\t') p++;
    }
}

/* The table's lines into d->rows; cell[] is the caller's (freed there). */
static int read_rows(const char *name, const doc_lines *L, arena_t *a, ssr1_doc *d, buf_t cell[4], err_t *e)
{
    ssr1_row *cur = NULL;
    for (size_t i = 0; i <= L->n; i++) {
        const char *line = i < L->n ? L->line[i] : NULL;
        int num = line ? row_number(line) : 0;
        if (line && !cur) preamble_line(d, line);
        if (line && !num && !cur) continue;          /* before the table */
        if (line && !num && cur) {
            /* Text pushed onto a later line: its leading tabs say which cell. */
            if (doc_blank(line)) continue;
            int tabs = 0;
            while (line[tabs] == '\t') tabs++;
            int c = tabs >= 1 && tabs <= 3 ? tabs : 3;
            buf_putc(&cell[c], ' ');
            buf_puts(&cell[c], line + tabs);
            continue;
        }
        if (cur && finish_row(name, cur, cell, a, e)) return -1;
        cur = NULL;
        if (!line) break;
        if (num != d->nrows + 1)
            return err_set(e, ERR_INPUT, "%s:%zu: row %d where row %d was expected", name, i + 1, num, d->nrows + 1);
        cur = &d->rows[d->nrows++];
        start_row(cur, num, i + 1, line, cell);
    }
    return 0;
}

int ssr1_parse(const char *name, const char *text, size_t len, arena_t *a, ssr1_doc *d, err_t *e)
{
    memset(d, 0, sizeof *d);
    doc_lines L;
    if (doc_split(name, text, len, a, &L, e)) return -1;
    doc_fingerprint(&L, d->fingerprint);
    /* One buffer per cell of the current row: number, topic, summary, activities. */
    buf_t cell[4] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
    d->rows = arena_alloc(a, sizeof(ssr1_row) * (L.n + 1));
    if (!d->rows) return err_nomem(e);
    int rc = read_rows(name, &L, a, d, cell, e);
    for (int c = 0; c < 4; c++) buf_free(&cell[c]);
    if (rc) return -1;
    if (d->nrows == 0)
        return err_set(e, ERR_INPUT, "%s:%zu: not an SSR1 implementation report (no numbered rows up to "
                       "the end)", name, L.n);
    if (!d->as_of[0])
        return err_set(e, ERR_INPUT, "%s: no 'As of DAY MONTH YEAR' date found; give --effective DATE", name);
    if (d->announced && d->announced != d->nrows)
        return err_set(e, ERR_INPUT, "%s:%zu: the report announces %d recommendations but holds %d "
                       "(is it truncated?)", name, L.n, d->announced, d->nrows);
    return 0;
}

int ssr1_rec_status(const ssr1_row *r, int sub, int recurring)
{
    int n = 0, complete = 0, planning = 0;
    for (int k = 0; k < r->nacts; k++) {
        /* A parent (sub = -2) counts every activity, a sub-item only its own. */
        if (sub != -2 && r->acts[k].sub != sub) continue;
        n++;
        complete += r->acts[k].status == ST_COMPLETE;
        planning += r->acts[k].status == ST_PLANNING;
    }
    if (n == 0) return ST_NOT_STARTED;
    if (complete == n) return recurring ? ST_ONGOING : ST_COMPLETE;
    if (planning == n) return ST_PLANNING;
    return ST_IN_PROGRESS;
}

/* The report shows a thing existed before the tracker knew it did: restate
 * its required fields at the report's date, so it exists from then on. */
static int restate(store_t *s, const kind_def *k, const ent_t *cur, const char *eff, const char *actor,
                   const char *reason, err_t *e)
{
    for (int f = 0; f < k->nfields; f++)
        if ((k->fields[f].flags & (F_REQUIRED | F_FIXED)) && cur->v[f] &&
            store_append(s, k, cur->id, k->fields[f].name, cur->v[f], eff, actor, reason, e))
            return -1;
    return store_flush(s, e);
}

/* Create the rec, or update what the report states about an existing one. */
/* Short titles of the SSR1 recommendations and their parts, in our own
 * words (the demo uses the same), by number: the report's summaries are
 * whole sentences. Other numbers get doc_short_title's clean cut. */
static const struct { const char *n, *title; } ssr1_titles[] = {
    {"1", "One clear statement of the SSR remit"}, {"2", "Review the remit with the community, regularly"},
    {"3", "Use the remit's terms consistently"}, {"4", "Document ICANN's SSR relationships"},
    {"5", "Use those relationships to reach SSR goals"}, {"6", "Roles of SSAC and RSSAC"},
    {"6A", "SSAC roles and responsibilities"}, {"6B", "RSSAC roles and responsibilities"},
    {"7", "Clear SSR objectives and priorities"}, {"8", "Refine Strategic Plan objectives on DNS availability"},
    {"9", "Certification against international standards"}, {"10", "Stronger contract compliance"},
    {"11", "Measures of success for new gTLDs and IDNs"}, {"12", "SSR best practices in contracts and agreements"},
    {"13", "Supporting Organizations publish SSR best practices"}, {"14", "Keep SSR outreach current"},
    {"15", "Facilitate responsible disclosure of DNS threats"}, {"16", "Wider community input into the SSR Framework"},
    {"17", "Show how SSR activities serve strategic goals"}, {"18", "Yearly review of progress on the SSR Framework"},
    {"19", "Let the community track the SSR Framework"}, {"20", "Transparency of SSR organisation and budget"},
    {"21", "Structured internal process for SSR budget and organisation"}, {"22", "SSR resources for new gTLDs"},
    {"23", "Resources and independence for SSR working groups"},
    {"23A", "Inventory of SSR working groups and committees"}, {"23B", "Budget process for SO and AC input"},
    {"23C", "Objective decision-making"}, {"24", "Charter of the Chief Security Office team"},
    {"25", "Near- and long-term risks in risk management"}, {"26", "Finish the Risk Management Framework"},
    {"27", "A complete Risk Management Framework within the remit"}, {"28", "Threat detection and mitigation"},
};

/* The title of rec or part number n: ours when we have one, else a clean
 * cut of text (arena-owned). */
static char *rec_title(arena_t *a, const char *n, const char *text)
{
    for (size_t i = 0; i < sizeof ssr1_titles / sizeof ssr1_titles[0]; i++)
        if (strcmp(ssr1_titles[i].n, n) == 0) return arena_strdup(a, ssr1_titles[i].title);
    return doc_short_title(a, text, TITLE_MAX);
}

static int put_rec(store_t *s, const char *id, const char *review, const char *parent,
                   const char *title, const char *text, const char *topic, int status,
                   int recurring, int approved, const char *eff, const char *actor,
                   const char *reason, ssr1_stats *st, arena_t *a, err_t *e)
{
    int exists = store_exists(s, &kind_rec, id, e);
    if (exists < 0) return -1;
    field_value fv[10];
    int n = 0;
    view_t now = {0};
    now.current = 1;
    ent_t cur = {0};
    if (exists && store_get(s, &kind_rec, &now, id, a, &cur, e)) return -1;
    if (exists && strcmp(eff, cur.since) < 0 && restate(s, &kind_rec, &cur, eff, actor, reason, e)) return -1;
    if (!exists) {
        fv[n++] = (field_value){"review", review};
        if (parent) fv[n++] = (field_value){"parent", parent};
        fv[n++] = (field_value){"title", title};
    }
    if (text && (!exists || !cur.v[REC_TEXT])) fv[n++] = (field_value){"text", text};
    if (topic && (!exists || !cur.v[REC_TOPIC])) fv[n++] = (field_value){"topic", topic};
    fv[n++] = (field_value){"status", status_name((status_t)status)};
    if (recurring) fv[n++] = (field_value){"recurring", "true"};
    if (approved) fv[n++] = (field_value){"board", "approved"};
    edit_t ed = {exists ? EDIT_UPDATE : EDIT_CREATE, &kind_rec, id, fv, n, eff, actor, reason};
    if (store_edit(s, &ed, e)) return err_prefix(e, "rec %s", id);
    if (exists) st->recs_updated++;
    else st->recs_created++;
    return 0;
}

static int add_milestone(store_t *s, const char *rec, const ssr1_activity *act, const char *eff,
                         const char *actor, const char *reason, arena_t *a, err_t *e)
{
    char *prefix = arena_printf(a, "%s%c", rec, MILESTONE_SEP), *id;
    if (!prefix) return err_nomem(e);
    if (store_next_id(s, &kind_milestone, prefix, a, &id, e)) return -1;
    /* Titles are one line of at most 2000 bytes: cut long activity texts. */
    const char *title = strlen(act->text) > 1900 ? doc_title(a, act->text, 1900) : act->text;
    if (!title) return err_nomem(e);
    if (store_append(s, &kind_milestone, id, "rec", rec, eff, actor, reason, e) ||
        store_append(s, &kind_milestone, id, "title", title, eff, actor, reason, e) ||
        store_append(s, &kind_milestone, id, "status", status_name((status_t)act->status), eff, actor, reason, e))
        return err_prefix(e, "milestone %s", id);
    return 0;
}


int ssr1_apply_tx(store_t *s, const char *name, const ssr1_doc *d, const ssr1_options *o,
                  arena_t *a, ssr1_stats *st, err_t *e)
{
    memset(st, 0, sizeof *st);
    const char *review = o->review ? o->review : "SSR1";
    const char *eff = o->effective ? o->effective : d->as_of;
    char *reason = arena_printf(a, "SSR1 implementation report as of %s (%s)", d->as_of, doc_basename(name));
    if (!reason) return err_nomem(e);
    /* What follows was first reported on the report's own date (documentation lag). */
    if (store_set_reported(s, d->as_of[0] ? d->as_of : eff, e) ||
        import_record_source(s, "ssr1-report", name, d->fingerprint, eff, o->actor, e))
        return -1;
    int has = store_exists(s, &kind_review, review, e);
    if (has < 0) return -1;
    if (has) {
        view_t now = {0};
        now.current = 1;
        ent_t cur;
        if (store_get(s, &kind_review, &now, review, a, &cur, e) ||
            (strcmp(eff, cur.since) < 0 && restate(s, &kind_review, &cur, eff, o->actor, reason, e)))
            return -1;
    } else {
        char *title = arena_printf(a, "Security, Stability and Resiliency of the DNS Review (%s)", review);
        field_value fv[] = {{"title", title}};
        edit_t ed = {EDIT_CREATE, &kind_review, review, fv, 1, eff, o->actor, reason};
        if (!title || store_edit(s, &ed, e)) return -1;
    }
    for (int i = 0; i < d->nrows; i++) {
        const ssr1_row *r = &d->rows[i];
        char *id = arena_printf(a, "%s-%d", review, r->number);
        char num[16];
        snprintf(num, sizeof num, "%d", r->number);
        char *title = rec_title(a, num, r->summary);
        if (!id || !title) return err_nomem(e);
        if (put_rec(s, id, review, NULL, title, r->summary, r->topic, ssr1_rec_status(r, -2, r->recurring),
                    r->recurring, d->board_adopted, eff, o->actor, reason, st, a, e))
            return -1;
        for (int k = 0; k < r->nsubs; k++) {
            char *sid = arena_printf(a, "%s-%s", review, r->sub[k]);
            const char *stext = NULL;
            for (int m = 0; m < r->nacts && !stext; m++)
                if (r->acts[m].sub == k) stext = r->acts[m].text;
            char *stitle = rec_title(a, r->sub[k], stext ? stext : r->sub[k]);
            if (!sid || !stitle) return err_nomem(e);
            if (put_rec(s, sid, review, id, stitle, NULL, r->topic, ssr1_rec_status(r, k, 0), 0,
                        d->board_adopted, eff, o->actor, reason, st, a, e))
                return -1;
            st->subs++;
        }
        for (int k = 0; k < r->nacts; k++) {
            const char *owner = r->acts[k].sub >= 0 ? arena_printf(a, "%s-%s", review, r->sub[r->acts[k].sub]) : id;
            if (!owner || add_milestone(s, owner, &r->acts[k], eff, o->actor, reason, a, e)) return -1;
            st->milestones++;
        }
    }
    return 0;
}

int ssr1_apply(store_t *s, const char *name, const ssr1_doc *d, const ssr1_options *o,
               ssr1_stats *st, err_t *e)
{
    memset(st, 0, sizeof *st);
    arena_t *a = arena_new();
    if (!a) return err_nomem(e);
    int rc = store_begin(s, e);
    if (rc == 0 && (ssr1_apply_tx(s, name, d, o, a, st, e) || store_commit(s, e))) {
        store_rollback(s);
        rc = -1;
    }
    arena_free(a);
    return rc;
}
