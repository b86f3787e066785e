/* tx_summary.c — see tx_summary.h. The words for kinds and fields are
 * tables; the summary picks one shape per transaction: an import (a source
 * document recorded), one thing (new, or its fields changed), one field of
 * many things of a kind (a Board round, a status sweep), or counts by kind. */
#include "core/tx_summary.h"

#include <stdint.h>
#include <string.h>

#include "core/entity.h"
#include "core/vocab.h"
#include "util/buf.h"
#include "util/map.h"
#include "util/text.h"

#define VALUE_COLS 60    /* a value quoted in a summary */
#define TITLE_COLS 80    /* a title quoted in a summary */
#define GROUPS_MAX 4     /* values counted in a batch line, then "…" */
#define FIELDS_MAX 6     /* fields named in "3 changes to X (a, b, c)" */

typedef struct {
    const char *kind, *one, *many;
} kind_word;

/* Also the order in which counts by kind are listed. */
static const kind_word kind_words[] = {
    {"item", "assessment item", "assessment items"}, {"evidence", "evidence link", "evidence links"},
    {"rec", "recommendation", "recommendations"}, {"milestone", "milestone", "milestones"},
    {"kpi", "KPI", "KPIs"}, {"measurement", "measurement", "measurements"},
    {"signoff", "sign-off", "sign-offs"}, {"comment", "comment", "comments"},
    {"verification", "verification", "verifications"}, {"link", "relation", "relations"},
    {"review", "review", "reviews"}, {"assessment", "assessment", "assessments"},
    {"source", "source document", "source documents"}, {"user", "user", "users"},
    {"token", "API token", "API tokens"},
};
#define NKINDS (sizeof kind_words / sizeof kind_words[0])

typedef struct {
    const char *kind, *field, *label;   /* kind NULL: any kind */
} field_word;

static const field_word field_words[] = {
    {"rec", "board", "Board decision"}, {"rec", "parent", "part of"},
    {"link", "rec", "from"}, {"link", "rel", "relation"}, {"link", "other", "to"}, {"link", "active", "in force"},
    {"evidence", "target_kind", "attached to a"}, {"evidence", "target", "attached to"}, {"evidence", "url", "address"},
    {"assessment", "by", "assessing review"}, {"assessment", "of", "assessed review"}, {"assessment", "as_of", "as of"},
    {"item", "assessment", "assessment"}, {"item", "rec_text", "recommendation's text"},
    {"item", "what_done", "what was done"}, {"item", "how_assessed", "how it was assessed"},
    {"item", "relevant", "still relevant"}, {"item", "further_work", "further work needed"},
    {"signoff", "active", "in force"}, {"source", "name", "file"}, {"source", "sha256", "SHA-256"},
    {"verification", "claim", "claim verified"}, {"kpi", "baseline_date", "baseline date"},
    {"kpi", "target_date", "target date"}, {"measurement", "kpi", "KPI"},
    {"comment", "target_kind", "on a"}, {"comment", "target", "on"},
    {NULL, "rec", "recommendation"}, {NULL, "due", "due date"}, {NULL, "done", "done date"},
};

const char *tx_field_label(const char *kind, const char *field)
{
    for (size_t pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < sizeof field_words / sizeof field_words[0]; i++) {
            const field_word *w = &field_words[i];
            if ((pass == 0 ? w->kind && strcmp(w->kind, kind) == 0 : !w->kind) && strcmp(w->field, field) == 0)
                return w->label;
        }
    return field;
}

static const kind_word *kind_word_of(const char *kind)
{
    for (size_t i = 0; i < NKINDS; i++)
        if (strcmp(kind_words[i].kind, kind) == 0) return &kind_words[i];
    return NULL;
}

static const field_def *field_of(const char *kind, const char *field)
{
    const kind_def *k = kind_find(kind);
    int f = k ? kind_field(k, field) : -1;
    return f >= 0 ? &k->fields[f] : NULL;
}

const char *tx_value_label(const char *kind, const char *field, const char *value)
{
    if (!value) return "";
    const field_def *fd = field_of(kind, field);
    if (!fd || !*value) return value;
    switch (fd->type) {
    case FT_STATUS: return vocab_label("status", value);
    case FT_BOARD: return vocab_label("board", value);
    case FT_BOOL: return field_true(value) ? "yes" : "no";
    case FT_ENUM:
        if (strcmp(field, "target_kind") == 0) {
            const kind_word *w = kind_word_of(value);
            return w ? w->one : value;
        }
        if (strcmp(field, "format") == 0)
            return strcmp(value, "ssr1-report") == 0 ? "implementation report"
                   : strcmp(value, "ssr2-assessment") == 0 ? "assessment" : value;
        return vocab_label(field, value);
    default: return value;
    }
}

/* "A rel B" (a relation's id) in words, or the id as it is. */
static const char *link_words(const char *id, arena_t *a)
{
    const char *sp = strchr(id, ' ');
    const char *sp2 = sp ? strchr(sp + 1, ' ') : NULL;
    if (!sp2) return id;
    char *rel = arena_strndup(a, sp + 1, (size_t)(sp2 - sp - 1));
    return rel ? arena_printf(a, "%.*s %s %s", (int)(sp - id), id, vocab_relation(rel), sp2 + 1) : NULL;
}

const char *tx_thing_name(const char *kind, const char *id, arena_t *a)
{
    const char *slash = strchr(id, '/');
    if (strcmp(kind, "rec") == 0 || strcmp(kind, "verification") == 0) return id;
    if (strcmp(kind, "item") == 0 && slash)
        return arena_printf(a, "%s in assessment %.*s", slash + 1, (int)(slash - id), id);
    if (strcmp(kind, "signoff") == 0) {
        const char *by = strstr(id, " by ");
        if (by && slash && slash < by)
            return arena_printf(a, "sign-off by %s on %.*s in assessment %.*s", by + 4, (int)(by - slash - 1),
                                slash + 1, (int)(slash - id), id);
    }
    if (strcmp(kind, "link") == 0) {
        const char *w = link_words(id, a);
        return w ? arena_printf(a, "relation %s", w) : NULL;
    }
    const kind_word *w = kind_word_of(kind);
    return arena_printf(a, "%s %s", w ? w->one : kind, id);
}

int tx_change_implied(const change_t *c)
{
    const field_def *fd = field_of(c->entity, c->field);
    /* A fixed reference whose value is written into the thing's id. */
    return fd && fd->type == FT_ID && (fd->flags & F_FIXED) && *c->value && strstr(c->entity_id, c->value);
}

long long tx_key(const change_t *c) { return c->tx ? c->tx : c->seq; }

void tx_from_history(tx_change *out, const change_t *ch, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const change_t *c = &ch[i], *best = NULL;
        out[i] = (tx_change){c, NULL, 1};
        for (size_t j = i; j-- > 0;) {
            const change_t *p = &ch[j];
            if (strcmp(p->entity_id, c->entity_id) || strcmp(p->entity, c->entity)) continue;
            if (tx_key(p) < tx_key(c)) out[i].created = 0;
            /* Walking back in seq: a tie on the date goes to the later seq, met first. */
            if (!strcmp(p->field, c->field) && strcmp(p->effective_at, c->effective_at) <= 0 &&
                (!best || strcmp(p->effective_at, best->effective_at) > 0))
                best = p;
        }
        out[i].old = best ? best->value : NULL;
    }
}

/* --- building the line ---------------------------------------------------- */

/* v cut to cols characters, with "…" when cut. */
static void put_short(buf_t *b, const char *v, size_t cols)
{
    size_t cut = utf8_prefix(v, cols);
    buf_append(b, v, cut);
    if (v[cut]) buf_puts(b, "\xE2\x80\xA6");
}

static void put_count(buf_t *b, size_t n, const kind_word *w, const char *adjective)
{
    buf_printf(b, "%zu %s%s", n, adjective, n == 1 ? w->one : w->many);
}

/* The last value of field among the changes (of one thing); NULL: not set. */
static const char *value_of(const tx_change *ch, size_t n, const char *field)
{
    const char *v = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(ch[i].c->field, field) == 0) v = ch[i].c->value;
    return v;
}

/* One field of subj going from old to now, in words: "In progress → Complete". */
static void field_phrase(buf_t *b, const char *kind, const char *field, const char *old, const char *now)
{
    const field_def *fd = field_of(kind, field);
    const char *label = tx_field_label(kind, field);
    if (!old && fd) old = fd->dflt;
    int differs = old && strcmp(old, now) != 0;
    /* Labels that say which field they are about need no field name. */
    int plain = fd && (fd->type == FT_STATUS ||
                       (fd->type == FT_ENUM && (!strcmp(field, "implemented") || !strcmp(field, "effect") ||
                                                !strcmp(field, "relevant") || !strcmp(field, "state"))));
    if (!fd) {
        buf_printf(b, "%s ", label);
        put_short(b, now, VALUE_COLS);
    } else if (plain) {
        if (differs) buf_printf(b, "%s \xE2\x86\x92 ", tx_value_label(kind, field, old));
        buf_puts(b, tx_value_label(kind, field, now));
    } else if (fd->type == FT_BOARD) {
        buf_printf(b, "%s %s", label, tx_value_label(kind, field, now));
        if (differs) buf_printf(b, " (was %s)", tx_value_label(kind, field, old));
    } else if (fd->type == FT_TEXT) {
        buf_printf(b, "%s %s", label, !*now ? "removed" : old && *old ? "edited" : "added");
    } else if (fd->type == FT_BOOL) {
        buf_printf(b, "%s%s", field_true(now) ? "now " : "no longer ", label);
    } else if (!*now) {
        buf_printf(b, "%s cleared", label);
    } else {
        buf_printf(b, "%s ", label);
        if (differs && *old) {
            put_short(b, tx_value_label(kind, field, old), VALUE_COLS);
            buf_puts(b, " \xE2\x86\x92 ");
        }
        put_short(b, tx_value_label(kind, field, now), VALUE_COLS);
    }
}

/* tx_thing_name, or the id itself when memory runs out (the line is then
 * dropped at the end anyway, as the buffer fails too). */
static const char *name_of(const char *kind, const char *id, arena_t *a)
{
    const char *s = tx_thing_name(kind, id, a);
    return s ? s : id;
}

/* The name of the thing a comment or evidence is attached to. */
static const char *target_name(const char *target_kind, const char *target, arena_t *a)
{
    if (!target) return "?";
    if (!target_kind || strcmp(target_kind, "rec") == 0) return target;
    return name_of(target_kind, target, a);
}

/* A new thing: what it is, from its own changes. */
static void created_phrase(buf_t *b, const tx_change *ch, size_t n, arena_t *a)
{
    const change_t *c = ch[0].c;
    const char *k = c->entity, *id = c->entity_id;
#define V(f) value_of(ch, n, f)
    if (!strcmp(k, "rec")) {
        if (V("parent")) buf_printf(b, "New sub-item %s of %s: ", id, V("parent"));
        else buf_printf(b, "New recommendation %s: ", id);
        put_short(b, V("title") ? V("title") : "", TITLE_COLS);
    } else if (!strcmp(k, "review") || !strcmp(k, "kpi")) {
        buf_printf(b, "New %s %s: ", kind_word_of(k)->one, id);
        put_short(b, V("title") ? V("title") : V("name") ? V("name") : "", TITLE_COLS);
    } else if (!strcmp(k, "milestone")) {
        buf_printf(b, "New milestone %s: ", id);
        put_short(b, V("title") ? V("title") : "", TITLE_COLS);
    } else if (!strcmp(k, "link")) {
        const char *words = link_words(id, a);
        buf_printf(b, "New relation: %s", words ? words : id);
    } else if (!strcmp(k, "evidence")) {
        buf_printf(b, "New evidence for %s: ", target_name(V("target_kind"), V("target"), a));
        put_short(b, V("title") ? V("title") : V("url") ? V("url") : id, TITLE_COLS);
    } else if (!strcmp(k, "assessment")) {
        buf_printf(b, "New assessment %s: %s assessing %s", id, V("by") ? V("by") : "?", V("of") ? V("of") : "?");
    } else if (!strcmp(k, "item")) {
        buf_printf(b, "New answers for %s", name_of(k, id, a));
        if (V("implemented")) buf_printf(b, ": %s", tx_value_label(k, "implemented", V("implemented")));
    } else if (!strcmp(k, "signoff")) {
        buf_printf(b, "Sign-off by %s on %s%s", V("assessor") ? V("assessor") : "?",
                   V("item") ? name_of("item", V("item"), a) : id, V("dissent") && *V("dissent") ? ", with dissent" : "");
    } else if (!strcmp(k, "measurement")) {
        buf_printf(b, "KPI %s measured: %s on %s", V("kpi") ? V("kpi") : "?", V("value") ? V("value") : "?", c->effective_at);
    } else if (!strcmp(k, "comment")) {
        buf_printf(b, "Comment by %s on %s", V("author") ? V("author") : "?", target_name(V("target_kind"), V("target"), a));
    } else if (!strcmp(k, "verification")) {
        buf_printf(b, "%s: completion verified", id);
    } else if (!strcmp(k, "user")) {
        buf_printf(b, "New user %s (%s)", id, tx_value_label(k, "role", V("role") ? V("role") : "?"));
    } else if (!strcmp(k, "token")) {
        buf_printf(b, "New API token for %s", V("user") ? V("user") : "?");
    } else {
        buf_printf(b, "New %s", name_of(k, id, a));
    }
#undef V
}

/* Several changes to one existing thing: the status first, else the fields. */
static void update_phrase(buf_t *b, const tx_change *ch, size_t n, arena_t *a)
{
    const change_t *c0 = ch[0].c;
    const char *fields[FIELDS_MAX];
    size_t nf = 0, more = 0, lead = n;
    for (size_t i = 0; i < n; i++) {
        const char *f = ch[i].c->field;
        if (!strcmp(f, "status") || !strcmp(f, "board") || !strcmp(f, "implemented")) lead = i;
        size_t j = 0;
        while (j < nf && strcmp(fields[j], f)) j++;
        if (j == nf && nf < FIELDS_MAX) fields[nf++] = f;
        else if (j == nf) more++;
    }
    if (nf == 1) lead = n - 1;
    const char *subj = name_of(c0->entity, c0->entity_id, a);
    if (lead < n) {
        buf_printf(b, "%s: ", subj);
        /* From the field's value before the transaction to its last value in it. */
        const char *old = NULL;
        for (size_t i = 0; i < n; i++)
            if (!strcmp(ch[i].c->field, ch[lead].c->field)) { old = ch[i].old; break; }
        field_phrase(b, c0->entity, ch[lead].c->field, old, ch[lead].c->value);
        if (nf == 1) return;
        buf_puts(b, " (and ");
    } else {
        buf_printf(b, "%zu changes to %s (", n, subj);
    }
    int first = 1;
    for (size_t j = 0; j < nf; j++) {
        if (lead < n && !strcmp(fields[j], ch[lead].c->field)) continue;
        buf_printf(b, "%s%s", first ? "" : ", ", tx_field_label(c0->entity, fields[j]));
        first = 0;
    }
    if (more) buf_puts(b, ", \xE2\x80\xA6");
    buf_putc(b, ')');
}

/* The things of a transaction: which thing each change is about, and for
 * each thing its first and last change. Arrays in the arena. */
typedef struct {
    size_t n;
    size_t *of;            /* per change */
    size_t *first, *last;  /* per thing */
} things_t;

static int things_find(const tx_change *ch, size_t n, arena_t *a, things_t *t)
{
    map_t *m = map_new();
    buf_t key = BUF_INIT;
    t->n = 0;
    t->of = arena_alloc(a, n * sizeof *t->of);
    t->first = arena_alloc(a, n * sizeof *t->first);
    t->last = arena_alloc(a, n * sizeof *t->last);
    int rc = m && t->of && t->first && t->last ? 0 : -1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        buf_reset(&key);
        buf_printf(&key, "%s\t%s", ch[i].c->entity, ch[i].c->entity_id);
        size_t idx = (size_t)(uintptr_t)map_get(m, buf_str(&key));
        if (!buf_ok(&key)) rc = -1;
        else if (idx == 0) {
            idx = ++t->n;
            t->first[idx - 1] = i;
            if (map_put(m, buf_str(&key), (void *)(uintptr_t)idx)) rc = -1;
        }
        t->of[i] = idx - 1;
        t->last[idx - 1] = i;
    }
    buf_free(&key);
    map_free(m);
    return rc;
}

/* "28 assessment items, 3 recommendations changed": things by kind, in the
 * order of kind_words, those of kinds in skip left out. */
/* An import counts what it brought without "new": its new recs are "draft" when
 * new_rec_word says so, its items "items". */
static void put_counts(buf_t *b, const tx_change *ch, const things_t *t, const char *const *skip, int import,
                       const char *new_rec_word)
{
    int any = 0;
    for (size_t k = 0; k < NKINDS; k++) {
        const kind_word *w = &kind_words[k];
        int skipped = 0;
        for (size_t s = 0; skip && skip[s]; s++) skipped |= !strcmp(skip[s], w->kind);
        if (skipped) continue;
        size_t made = 0, changed = 0;
        for (size_t i = 0; i < t->n; i++) {
            const tx_change *c = &ch[t->first[i]];
            if (strcmp(c->c->entity, w->kind)) continue;
            if (c->created) made++;
            else changed++;
        }
        kind_word alt = {w->kind, "item", "items"};
        const kind_word *word = !strcmp(w->kind, "item") && import ? &alt : w;
        if (made) {
            buf_puts(b, any++ ? ", " : "");
            put_count(b, made, word, !strcmp(w->kind, "rec") && new_rec_word ? new_rec_word : import ? "" : "new ");
        }
        if (changed) {
            buf_puts(b, any++ ? ", " : "");
            put_count(b, changed, word, "");
            buf_puts(b, " changed");
        }
    }
    if (!any) buf_puts(b, "nothing new");
}

/* An import: the document in words, then what it brought. *about: the
 * assessment or review it was about. */
static void import_phrase(buf_t *b, const tx_change *ch, size_t n, const things_t *t, int *about)
{
    const char *format = NULL, *name = NULL, *review = NULL, *by = NULL, *of = NULL;
    for (size_t i = 0; i < n; i++) {
        const change_t *c = ch[i].c;
        if (!strcmp(c->entity, "source") && !strcmp(c->field, "format")) format = c->value;
        else if (!strcmp(c->entity, "source") && !strcmp(c->field, "name")) name = c->value;
        else if (!strcmp(c->entity, "assessment") && ch[i].created && *about < 0) *about = (int)i;
        if (!strcmp(c->entity, "review") && !review) review = c->entity_id;
        if (*about >= 0 && (int)i >= *about && !strcmp(c->entity, "assessment") &&
            !strcmp(c->entity_id, ch[*about].c->entity_id)) {
            if (!strcmp(c->field, "by")) by = c->value;
            if (!strcmp(c->field, "of")) of = c->value;
        }
    }
    if (*about < 0)
        for (size_t i = 0; i < n && *about < 0; i++)
            if (!strcmp(ch[i].c->entity, "review")) *about = (int)i;
    int assessment = format && !strcmp(format, "ssr2-assessment");
    static const char *const skip[] = {"review", "source", "assessment", "link", NULL};
    if (assessment && by && of) buf_printf(b, "Imported the %s assessment of %s: ", by, of);
    else if (format && !strcmp(format, "ssr1-report") && review) buf_printf(b, "Imported the %s implementation report: ", review);
    else buf_printf(b, "Imported %s: ", name ? name : "a document");
    put_counts(b, ch, t, skip, 1, assessment ? "draft " : NULL);
}

/* One field of many things of one kind: "Board decisions on 63
 * recommendations: 13 Approved, 34 Pending, 16 Rejected". */
static void batch_phrase(buf_t *b, const tx_change *ch, const things_t *t)
{
    const change_t *c0 = ch[0].c;
    const kind_word *w = kind_word_of(c0->entity);
    const field_def *fd = field_of(c0->entity, c0->field);
    const char *label = tx_field_label(c0->entity, c0->field);
    if (!strcmp(c0->field, "board")) buf_printf(b, "Board decisions on %zu %s", t->n, w ? w->many : c0->entity);
    else buf_printf(b, "%s of %zu %s", label, t->n, w ? w->many : c0->entity);
    if (!fd || (fd->type != FT_STATUS && fd->type != FT_BOARD && fd->type != FT_ENUM && fd->type != FT_BOOL)) {
        buf_puts(b, " changed");
        return;
    }
    /* Count the things by their new value's label, most first. */
    const char *labels[GROUPS_MAX + 1];
    size_t counts[GROUPS_MAX + 1] = {0}, ng = 0, other = 0;
    for (size_t i = 0; i < t->n; i++) {
        const change_t *c = ch[t->last[i]].c;
        const char *l = tx_value_label(c->entity, c->field, c->value);
        size_t g = 0;
        while (g < ng && strcmp(labels[g], l)) g++;
        if (g == ng && ng < GROUPS_MAX + 1) labels[ng++] = l;
        if (g < ng) counts[g]++;
        else other++;
    }
    for (size_t i = 1; i < ng; i++)
        for (size_t j = i; j > 0 && counts[j] > counts[j - 1]; j--) {
            size_t tc = counts[j];
            const char *tl = labels[j];
            counts[j] = counts[j - 1], labels[j] = labels[j - 1];
            counts[j - 1] = tc, labels[j - 1] = tl;
        }
    buf_puts(b, ": ");
    for (size_t g = 0; g < ng && g < GROUPS_MAX; g++) buf_printf(b, "%s%zu %s", g ? ", " : "", counts[g], labels[g]);
    if (ng > GROUPS_MAX || other) buf_printf(b, ", %zu other", other + (ng > GROUPS_MAX ? counts[GROUPS_MAX] : 0));
}

/* 1 when every change is to one field of things of one kind, none new. */
static int is_batch(const tx_change *ch, size_t n, const things_t *t)
{
    if (t->n < 2) return 0;
    for (size_t i = 0; i < n; i++)
        if (ch[i].created || strcmp(ch[i].c->entity, ch[0].c->entity) || strcmp(ch[i].c->field, ch[0].c->field))
            return 0;
    return 1;
}

/* The one rec among the things, when there is exactly one and the other
 * things are its own (milestones, relations, evidence, a verification): its
 * index among the things, else -1. */
static int lead_rec(const tx_change *ch, const things_t *t)
{
    static const char *const own[] = {"milestone", "link", "evidence", "verification", "kpi", "measurement", NULL};
    int rec = -1;
    for (size_t i = 0; i < t->n; i++) {
        const char *k = ch[t->first[i]].c->entity;
        int mine = 0;
        for (size_t j = 0; own[j]; j++) mine |= !strcmp(k, own[j]);
        if (!strcmp(k, "rec") && rec < 0) rec = (int)i;
        else if (!mine) return -1;
    }
    return rec;
}

/* The thing a transaction of few things is about: the one rec with things
 * of its own, else the one new thing among at most three (a measurement
 * recorded with its KPI's new target); -1 when none leads. */
static int lead_thing(const tx_change *ch, const things_t *t)
{
    int rec = lead_rec(ch, t), made = -1;
    if (rec >= 0 || t->n > 3) return rec;
    for (size_t i = 0; i < t->n; i++)
        if (ch[t->first[i]].created) {
            if (made >= 0) return -1;
            made = (int)i;
        }
    return made;
}

/* The lead thing's own line, then the other things counted: "New
 * recommendation SSR1-9: … (and 3 new milestones)". */
static int lead_phrase(buf_t *b, const tx_change *ch, size_t n, const things_t *t, int rec, arena_t *a, int *about)
{
    tx_change *mine = arena_alloc(a, n * sizeof *mine);
    if (!mine) return -1;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (t->of[i] == (size_t)rec) mine[k++] = ch[i];
    *about = (int)t->first[rec];
    if (mine[0].created) created_phrase(b, mine, k, a);
    else update_phrase(b, mine, k, a);
    /* One pair of brackets: "(and title; 2 new milestones)". */
    if (buf_ok(b) && b->len && b->data[b->len - 1] == ')') {
        b->len--;
        buf_puts(b, "; ");
    } else {
        buf_puts(b, " (and ");
    }
    things_t rest = *t;
    rest.first = arena_alloc(a, t->n * sizeof *rest.first);
    if (!rest.first) return -1;
    rest.n = 0;
    for (size_t i = 0; i < t->n; i++)
        if (i != (size_t)rec) rest.first[rest.n++] = t->first[i];
    put_counts(b, ch, &rest, NULL, 0, NULL);
    buf_putc(b, ')');
    return 0;
}

const char *tx_summary(const tx_change *ch, size_t n, arena_t *a, int *about)
{
    buf_t b = BUF_INIT;
    things_t t;
    *about = -1;
    if (n == 0) return "No changes";
    if (things_find(ch, n, a, &t)) return NULL;
    int import = 0;
    for (size_t i = 0; i < n; i++) import |= !strcmp(ch[i].c->entity, "source") && ch[i].created;
    if (import && t.n > 1) {
        import_phrase(&b, ch, n, &t, about);
    } else if (t.n == 1) {
        *about = 0;
        if (ch[0].created) created_phrase(&b, ch, n, a);
        else update_phrase(&b, ch, n, a);
    } else if (lead_thing(ch, &t) >= 0) {
        if (lead_phrase(&b, ch, n, &t, lead_thing(ch, &t), a, about)) { buf_free(&b); return NULL; }
    } else if (is_batch(ch, n, &t)) {
        batch_phrase(&b, ch, &t);
    } else {
        put_counts(&b, ch, &t, NULL, 0, NULL);
    }
    const char *s = buf_ok(&b) ? buf_str(&b) : NULL;
    char *out = s ? arena_strdup(a, s) : NULL;
    buf_free(&b);
    if (out && *out >= 'a' && *out <= 'z') *out = (char)(*out - 'a' + 'A');
    return out;
}
