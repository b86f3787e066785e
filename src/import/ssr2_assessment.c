/* ssr2_assessment.c — reading and importing the SSR2 assessment of SSR1.
 *
 * Three passes over the lines: (1) footnote definitions ("12 https://…" at a
 * page foot, numbered 1, 2, 3 … in order) are taken out of the text; (2) the
 * footnote numbers glued to line ends are found in the same order and become
 * "[12]"; (3) the sections, their question headers and RECOMMENDATION blocks
 * are read into answers. */
#include "import/ssr2_assessment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/entity.h"
#include "import/source.h"
#include "util/alloc.h"
#include "util/text.h"

#define TITLE_MAX 80
#define MAX_FOOTNOTES 2000

/* ---- verdicts ----------------------------------------------------------- */

static int any(const char *clause, const char *const *phrases)
{
    for (int i = 0; phrases[i]; i++)
        if (ascii_casestr(clause, phrases[i])) return 1;
    return 0;
}

static const char *const hedges[] = {"likely", "unclear", "not clear", "whether", "appear", "seem",
                                     "may ", "might", "probably", " if ", NULL};

/* Call fn on each clause of text (split at . ; ? ! and line ends). */
typedef void (*clause_fn)(const char *clause, unsigned *found);

static unsigned scan(const char *text, clause_fn fn)
{
    unsigned found = 0;
    char clause[1200];
    if (!text) return 0;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, ".;?!\n");
        if (n >= sizeof clause) n = sizeof clause - 1;
        memcpy(clause, p, n);
        clause[n] = '\0';
        fn(clause, &found);
        p += n;
        if (*p) p++;
    }
    return found;
}

/* One verdict when exactly one kind was found, else NULL. */
static const char *single(unsigned found, const char *const *names)
{
    const char *v = NULL;
    for (int i = 0; names[i]; i++) {
        if (!(found & (1u << i))) continue;
        if (v) return NULL;
        v = names[i];
    }
    return v;
}

static void implemented_clause(const char *c, unsigned *found)
{
    static const char *const not_[] = {"was not implemented", "were not implemented", "is not implemented",
                                       "not been implemented", NULL};
    static const char *const partial[] = {"not fully implemented", "partially implemented",
                                          "partly implemented", "partly was implemented",
                                          "partial implementation", "implemented only in part", NULL};
    static const char *const full[] = {"was fully implemented", "is fully implemented",
                                       "been fully implemented", "implemented in full", NULL};
    if (any(c, hedges)) return;
    if (any(c, partial)) *found |= 2;
    else if (any(c, not_)) *found |= 4;
    else if (any(c, full) && !ascii_casestr(c, "not")) *found |= 1;
}

const char *ssr2_implemented_verdict(const char *text)
{
    static const char *const names[] = {"full", "partial", "not", NULL};
    return single(scan(text, implemented_clause), names);
}

static void effect_clause(const char *c, unsigned *found)
{
    static const char *const not_[] = {"did not have its intended effect", "did not have the intended effect",
                                       "did not have an intended effect", "not had its intended effect",
                                       "not had the intended effect", "did not achieve its intended effect",
                                       "did not achieve the intended effect", NULL};
    static const char *const yes[] = {"had its intended effect", "had the intended effect",
                                      "achieved its intended effect", "achieved the intended effect", NULL};
    static const char *const cannot[] = {"cannot be assessed", "cannot assess", "can not be assessed",
                                         "unable to assess", "not possible to assess", "cannot be determined", NULL};
    static const char *const partial[] = {"partially had", "had a partial effect", "partially achieved",
                                          "partly achieved", NULL};
    if (any(c, cannot)) { *found |= 8; return; }
    if (any(c, hedges)) return;
    if (any(c, partial)) *found |= 2;
    else if (any(c, not_)) *found |= 4;
    else if (any(c, yes) && !ascii_casestr(c, "not ") && !ascii_casestr(c, "no ")) *found |= 1;
}

const char *ssr2_effect_verdict(const char *text)
{
    static const char *const names[] = {"achieved", "partial", "not_achieved", "cannot_assess", NULL};
    return single(scan(text, effect_clause), names);
}

static void relevant_clause(const char *c, unsigned *found)
{
    static const char *const no[] = {"not relevant", "no longer relevant", "is irrelevant", "not still relevant", NULL};
    static const char *const yes[] = {"still relevant", "remains relevant", "remain relevant",
                                      "remains just as relevant", "still a relevant",
                                      "continues to have relevance", "continue to have relevance",
                                      "continues to be relevant", "is relevant", "still has relevance", NULL};
    /* "relevant, if not more so" is emphasis, not a condition. */
    static const char *const relevance_hedges[] = {"likely", "unclear", "not clear", "whether", "appear",
                                                   "seem", "may ", "might", "probably", NULL};
    if (any(c, relevance_hedges)) return;
    if (any(c, no)) *found |= 2;
    else if (any(c, yes)) *found |= 1;
}

const char *ssr2_relevant_verdict(const char *text)
{
    static const char *const names[] = {"yes", "no", NULL};
    return single(scan(text, relevant_clause), names);
}

/* ---- text of a section --------------------------------------------------- */

/* Markdown paragraphs being collected. */
typedef struct {
    buf_t md;
    int open;                /* a paragraph is open */
    const char *lead;        /* a question to print in bold before the next paragraph */
} target;

static void t_line(target *t, const char *line)
{
    buf_t clean = BUF_INIT;
    doc_clean(&clean, line);
    if (clean.len) {
        if (!t->open) {
            if (t->md.len) buf_puts(&t->md, "\n\n");
            if (t->lead) {
                buf_puts(&t->md, "**");
                doc_md_escape(&t->md, t->lead);
                buf_puts(&t->md, "** ");
                t->lead = NULL;
            }
            t->open = 1;
        } else {
            buf_putc(&t->md, ' ');
        }
        doc_md_escape(&t->md, buf_str(&clean));
    }
    if (!buf_ok(&clean)) t->md.failed = 1;
    buf_free(&clean);
}

/* A blank line ends a paragraph only after a finished sentence: page breaks
 * and footnote numbers also leave blank lines, in mid-sentence. */
static void t_break(target *t)
{
    const char *s = buf_str(&t->md);
    size_t n = buf_ok(&t->md) ? t->md.len : 0;   /* not strlen: this runs at every blank line */
    while (n && s[n - 1] == ' ') n--;
    /* A footnote number after the sentence: " \[12\]". */
    if (n >= 4 && s[n - 1] == ']' && s[n - 2] == '\\') {
        size_t k = n - 2;
        while (k && s[k - 1] >= '0' && s[k - 1] <= '9') k--;
        if (k >= 3 && s[k - 1] == '[' && s[k - 2] == '\\' && s[k - 3] == ' ') n = k - 3;
    }
    if (!n) return;
    char last = s[n - 1];
    int quote = n >= 3 && (unsigned char)s[n - 3] == 0xE2 && ((unsigned char)s[n - 1] == 0x9D ||
                                                              (unsigned char)s[n - 1] == 0x99);
    if (strchr(".!?:\"'", last) || quote) t->open = 0;
}

/* ---- question headers ---------------------------------------------------- */

static const char *const questions[] = {
    "What was done to implement the recommendation?",   /* group 0 */
    "Was the recommendation fully implemented?",        /* 0 */
    "Did the implementation have the intended effect?", /* 1 */
    "How was the assessment conducted?",                /* 1 */
    "Is the recommendation still relevant today?",      /* 2 */
    "If so, what further work needed?",                 /* 2 */
    "If not, why not?",                                 /* 2 */
};
#define NQUESTIONS 7
static int question_group(int q) { return q < 2 ? 0 : q < 4 ? 1 : 2; }

/* The question that s starts with (whitespace-normalised), or -1; *len gets
 * the bytes it spans in s. */
static int question_at(const char *s, size_t *len)
{
    for (int q = 0; q < NQUESTIONS; q++) {
        const char *p = s, *w = questions[q];
        while (*w) {
            if (*w == ' ') {
                if (*p != ' ') break;
                while (*p == ' ') p++;
                w++;
                continue;
            }
            if (*p != *w) break;
            p++;
            w++;
        }
        if (!*w) { *len = (size_t)(p - s); return q; }
    }
    return -1;
}

/* 1 when s (non-empty) is how a question starts: its line broke mid-question. */
static int question_prefix(const char *s)
{
    size_t n = strlen(s);
    if (!n) return 0;
    for (int q = 0; q < NQUESTIONS; q++)
        if (strlen(questions[q]) > n && strncmp(questions[q], s, n) == 0) return 1;
    return 0;
}

/* ---- the parse ----------------------------------------------------------- */

static int starts_heading(const char *line, int *number, const char **rest)
{
    while (*line == ' ') line++;
    if (strncmp(line, "SSR1 Recommendation ", 20) != 0) return 0;
    char *end;
    long n = strtol(line + 20, &end, 10);
    if (end == line + 20 || *end != ':' || n < 1 || n > 999) return 0;
    *number = (int)n;
    *rest = end + 1;
    return 1;
}

static int is_recommendation_header(const char *line)
{
    while (*line == ' ') line++;
    if (strncmp(line, "RECOMMENDATION", 14) != 0) return 0;
    const char *p = line + 14;
    if (*p == 'S') p++;
    if (*p == ':') p++;
    return doc_blank(p);
}

static int is_notes(const char *line)
{
    while (*line == ' ') line++;
    return strncmp(line, "NOTES", 5) == 0 && (line[5] == ':' || doc_blank(line + 5));
}

/* Footnote definition "N text" with N the expected number; returns the text. */
static const char *footnote_def(const char *line, int expect)
{
    const char *p = line;
    if (*p == ' ') p++;
    char *end;
    long n = strtol(p, &end, 10);
    if (end == p || n != expect || *end != ' ') return NULL;
    while (*end == ' ') end++;
    return *end ? end : NULL;
}

typedef struct {
    ssr2_doc *d;
    arena_t *a;
    err_t *e;
    const char *name;
    /* the section being read */
    ssr2_section *sec;
    int state;               /* 0 heading text, 1 answers, 2 a RECOMMENDATION block */
    buf_t rec;
    target group[3];
    int cur;                 /* current group */
    int seen[3];             /* question groups seen */
    buf_t draft;             /* the paragraphs of the current block, one per line */
    int draft_open;
    size_t drafts_cap;       /* room in sec->drafts (grown by doubling) */
    int effect_hint;         /* "It did not." / "No." right after the effect question */
    int after_effect_q;
} parser;

static int finish_draft(parser *p)
{
    if (!buf_ok(&p->draft)) return err_nomem(p->e);   /* a paragraph would be lost */
    if (!p->draft.len) return 0;
    /* Keep the paragraphs that end like sentences; others are editors' notes. */
    buf_t md = BUF_INIT;
    for (const char *s = buf_str(&p->draft); *s;) {
        size_t n = strcspn(s, "\n");
        if (n) {
            char last = s[n - 1];
            int sentence = strchr(".!?)\"'", last) || (n >= 3 && ((unsigned char)s[n - 1] == 0x99 ||
                           (unsigned char)s[n - 1] == 0x9D) && (unsigned char)s[n - 3] == 0xE2);
            if (sentence) {
                char *para = arena_strndup(p->a, s, n);
                if (!para) { buf_free(&md); return err_nomem(p->e); }
                if (md.len) buf_puts(&md, "\n\n");
                doc_md_escape(&md, para);
            }
        }
        s += n;
        if (*s) s++;
    }
    buf_reset(&p->draft);
    p->draft_open = 0;
    if (!buf_ok(&md)) { buf_free(&md); return err_nomem(p->e); }
    if (md.len) {
        ssr2_section *sec = p->sec;
        /* Doubling: a copy per block would hold n²/2 pointers in the arena. */
        if (arena_grow(p->a, (void **)&sec->drafts, (size_t)sec->ndrafts, &p->drafts_cap, sizeof(char *), 4) ||
            !(sec->drafts[sec->ndrafts] = arena_strdup(p->a, buf_str(&md)))) {
            buf_free(&md);
            return err_nomem(p->e);
        }
        sec->ndrafts++;
    }
    buf_free(&md);
    return 0;
}

static char *md_or_null(parser *p, target *t)
{
    if (!buf_ok(&t->md)) return NULL;
    return t->md.len ? arena_strdup(p->a, buf_str(&t->md)) : (char *)"";
}

static int finish_section(parser *p)
{
    ssr2_section *sec = p->sec;
    if (!sec) return 0;
    if (finish_draft(p)) return -1;
    static const char *const need[] = {"What was done to implement the recommendation?",
                                       "Did the implementation have the intended effect?",
                                       "Is the recommendation still relevant today?"};
    for (int g = 0; g < 3; g++)
        if (!p->seen[g])
            return err_set(p->e, ERR_INPUT, "%s:%zu: SSR1 Recommendation %d: the question '%s' is missing",
                           p->name, sec->line, sec->number, need[g]);
    char *rec = doc_clean_str(p->a, buf_str(&p->rec));
    char *g0 = md_or_null(p, &p->group[0]), *g1 = md_or_null(p, &p->group[1]), *g2 = md_or_null(p, &p->group[2]);
    if (!rec || !buf_ok(&p->rec) || !g0 || !g1 || !g2) return err_nomem(p->e);
    if (!*rec) return err_set(p->e, ERR_INPUT, "%s:%zu: SSR1 Recommendation %d has no text", p->name, sec->line, sec->number);
    sec->rec_text = rec;
    sec->what_done = *g0 ? g0 : NULL;
    sec->how_assessed = *g1 ? g1 : NULL;
    sec->further_work = *g2 ? g2 : NULL;
    /* Verdicts only where stated without doubt. */
    buf_t all = BUF_INIT;
    buf_printf(&all, "%s\n%s\n%s", g0, g1, g2);
    if (!buf_ok(&all)) { buf_free(&all); return err_nomem(p->e); }   /* not "no verdict" */
    sec->implemented = ssr2_implemented_verdict(all.data);
    buf_free(&all);
    sec->effect = ssr2_effect_verdict(g1);
    if (!sec->effect && p->effect_hint) sec->effect = p->effect_hint > 0 ? "achieved" : "not_achieved";
    sec->relevant = ssr2_relevant_verdict(g2);
    p->sec = NULL;
    return 0;
}

static void start_section(parser *p, int number, size_t line, const char *rest)
{
    ssr2_section *sec = &p->d->sec[p->d->nsec++];
    memset(sec, 0, sizeof *sec);
    sec->number = number;
    sec->line = line;
    p->sec = sec;
    p->state = 0;
    p->cur = 0;
    p->effect_hint = 0;
    p->after_effect_q = 0;
    memset(p->seen, 0, sizeof p->seen);
    buf_reset(&p->rec);
    buf_puts(&p->rec, rest);
    for (int g = 0; g < 3; g++) {
        buf_reset(&p->group[g].md);
        p->group[g].open = 0;
        p->group[g].lead = NULL;
    }
    buf_reset(&p->draft);
    p->draft_open = 0;
    p->drafts_cap = 0;
}

/* A question header at line i (normalised text s); consumes continuation
 * lines through *i. -1 when memory runs out. */
static int header(parser *p, char **lines, size_t nlines, size_t *i, const char *s)
{
    buf_t h = BUF_INIT;
    buf_puts(&h, s);
    int first = -1, count = 0;
    size_t at = 0;
    for (;;) {
        const char *rest = buf_str(&h) + at;
        while (*rest == ' ') rest++, at++;
        size_t len;
        int q = question_at(rest, &len);
        if (q >= 0) {
            if (first < 0) first = q;
            count++;
            at += len;
            continue;
        }
        /* A question broken over two lines: take the next line. */
        if (question_prefix(rest) && *i + 1 < nlines && lines[*i + 1]) {
            char *next = doc_clean_str(p->a, lines[++*i]);
            if (!next) { buf_free(&h); return err_nomem(p->e); }
            buf_putc(&h, ' ');
            buf_puts(&h, next);
            continue;
        }
        break;
    }
    if (!buf_ok(&h)) { buf_free(&h); return err_nomem(p->e); }
    const char *answer = buf_str(&h) + at;
    while (*answer == ' ') answer++;
    int g = question_group(first);
    if (finish_draft(p)) { buf_free(&h); return -1; }
    p->state = 1;
    p->cur = g;
    p->seen[g] = 1;
    t_break(&p->group[g]);
    /* A question asked on its own is kept in bold before its answer (the
     * first question's answer is the field itself). */
    if (count == 1 && first != 0) p->group[g].lead = questions[first];
    p->after_effect_q = first == 2;
    if (*answer) {
        char *copy = arena_strdup(p->a, answer);
        if (!copy) { buf_free(&h); return err_nomem(p->e); }
        t_line(&p->group[g], copy);
    }
    buf_free(&h);
    return 0;
}

/* A footnote definition's URLs and the rest of its text, into f. */
static int footnote_split(const char *def, arena_t *a, ssr2_footnote *f, err_t *e)
{
    f->urls = arena_alloc(a, sizeof(char *) * 8);
    if (!f->urls) return err_nomem(e);
    buf_t plain = BUF_INIT;
    int lost = 0;
    for (const char *s = def; *s;) {
        size_t n = strcspn(s, " ");
        if ((strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0) && f->nurls < 8) {
            while (n > 0 && strchr(".,;)", s[n - 1])) n--;
            if (!(f->urls[f->nurls++] = arena_strndup(a, s, n))) lost = 1;
        } else {
            buf_append(&plain, s, n);
            buf_putc(&plain, ' ');
        }
        s += n;
        while (*s == ' ') s++;
    }
    f->text = buf_ok(&plain) ? doc_clean_str(a, buf_str(&plain)) : NULL;
    buf_free(&plain);
    return !f->text || lost ? err_nomem(e) : 0;
}

/* Pass 1: footnote definitions ("N text URL", numbered in order), taken out
 * of the lines (set to NULL) with their continuation lines. */
static int pass_footnotes(doc_lines *L, arena_t *a, ssr2_doc *d, err_t *e)
{
    char **lines = L->line;
    d->fn = arena_alloc(a, sizeof(ssr2_footnote) * MAX_FOOTNOTES);
    if (!d->fn) return err_nomem(e);
    for (size_t i = 0; i < L->n && d->nfn < MAX_FOOTNOTES; i++) {
        int num;
        const char *rest;
        const char *def = footnote_def(lines[i], d->nfn + 1);
        if (!def || starts_heading(lines[i], &num, &rest)) continue;
        buf_t b = BUF_INIT;
        buf_puts(&b, def);
        size_t first = i;
        lines[i] = NULL;
        while (i + 1 < L->n && lines[i + 1] && !doc_blank(lines[i + 1]) && lines[i + 1][0] != ' ' &&
               !footnote_def(lines[i + 1], d->nfn + 2) && !starts_heading(lines[i + 1], &num, &rest)) {
            buf_putc(&b, ' ');
            buf_puts(&b, lines[++i]);
            lines[i] = NULL;
        }
        if (!buf_ok(&b)) { buf_free(&b); return err_nomem(e); }
        ssr2_footnote *f = &d->fn[d->nfn++];
        memset(f, 0, sizeof *f);
        f->number = d->nfn;
        f->line = first + 1;
        int rc = footnote_split(buf_str(&b), a, f, e);
        buf_free(&b);
        if (rc) return -1;
    }
    return 0;
}

/* Pass 2: footnote numbers at line ends, in order, become " [N]"; the line
 * citing each in cited_line[N]. Returns the next number not found, or -1. */
static int pass_citations(doc_lines *L, arena_t *a, const ssr2_doc *d, int *cited_line, err_t *e)
{
    char **lines = L->line;
    int next = 1;
    for (size_t i = 0; i < L->n && next <= d->nfn; i++) {
        if (!lines[i]) continue;
        size_t n = strlen(lines[i]);
        while (n && (lines[i][n - 1] == ' ' || lines[i][n - 1] == '\t')) n--;
        size_t k = n;
        while (k && lines[i][k - 1] >= '0' && lines[i][k - 1] <= '9') k--;
        if (k == n || k == 0 || lines[i][k - 1] != ' ' || atoi(lines[i] + k) != next) continue;
        cited_line[next] = (int)i;
        lines[i] = arena_printf(a, "%.*s [%d]", (int)k, lines[i], next);
        if (!lines[i]) return err_nomem(e);
        next++;
    }
    return next;
}

/* URLs cited inline in a line of a section, each once per section (and not
 * when a footnote of the section gives it: that is checked on writing). */
static int inline_urls(parser *p, const char *line)
{
    ssr2_section *sec = p->sec;
    for (const char *s = line; sec && (s = strstr(s, "http")) != NULL;) {
        if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0) { s += 4; continue; }
        size_t n = strcspn(s, " \t()<>\"\xE2");
        while (n > 0 && strchr(".,;:", s[n - 1])) n--;
        char *url = arena_strndup(p->a, s, n);
        if (!url) return err_nomem(p->e);
        s += n;
        int dup = 0;
        for (int k = 0; k < sec->ninline; k++) dup |= strcmp(sec->inline_urls[k], url) == 0;
        if (dup || sec->ninline >= SSR2_MAX_INLINE) continue;
        if (!sec->inline_urls && !(sec->inline_urls = arena_alloc(p->a, sizeof(char *) * SSR2_MAX_INLINE)))
            return err_nomem(p->e);
        sec->inline_urls[sec->ninline++] = url;
    }
    return 0;
}

/* One line inside the sections (not a heading): the recommendation's text,
 * a question, a RECOMMENDATION block, or an answer. */
static int section_line(parser *p, char **lines, size_t n, size_t *i, const char *line, const char *norm)
{
    size_t qlen;
    if (inline_urls(p, norm)) return -1;
    if (question_at(norm, &qlen) >= 0) return header(p, lines, n, i, norm);
    if (is_recommendation_header(line)) {
        if (finish_draft(p)) return -1;
        p->state = 2;
        return 0;
    }
    if (p->state == 0) {
        /* The recommendation's own text runs until a blank line ends a sentence. */
        if (doc_blank(line)) {
            const char *r = buf_str(&p->rec);
            size_t len = strlen(r);
            while (len && r[len - 1] == ' ') len--;
            if (len && strchr(".)\"", r[len - 1])) p->state = 1;
            return 0;
        }
        buf_putc(&p->rec, ' ');
        buf_puts(&p->rec, line);
        return 0;
    }
    if (p->state == 2) {
        if (doc_blank(line)) { if (p->draft_open) buf_putc(&p->draft, '\n'); p->draft_open = 0; return 0; }
        if (p->draft_open) buf_putc(&p->draft, ' ');
        buf_puts(&p->draft, norm);
        p->draft_open = 1;
        return 0;
    }
    if (doc_blank(line)) { t_break(&p->group[p->cur]); return 0; }
    if (p->after_effect_q) {
        /* A bare yes or no answers the effect question. */
        if (strncmp(norm, "No.", 3) == 0 || strncmp(norm, "It did not.", 11) == 0) p->effect_hint = -1;
        else if (strncmp(norm, "Yes.", 4) == 0 || strncmp(norm, "It did.", 7) == 0) p->effect_hint = 1;
        p->after_effect_q = 0;
    }
    t_line(&p->group[p->cur], norm);
    return 0;
}

/* Pass 3: the sections, "SSR1 Recommendation N:" in order up to the notes;
 * the text before them (one line) into preamble. */
static int pass_sections(parser *p, doc_lines *L, buf_t *preamble)
{
    ssr2_doc *d = p->d;
    char **lines = L->line;
    int in_sections = 0, rc = 0;
    for (size_t i = 0; i < L->n && rc == 0; i++) {
        char *line = lines[i];
        if (!line) continue;
        int number;
        const char *rest;
        if (!in_sections && !d->nsec) {
            buf_putc(preamble, ' ');
            doc_clean(preamble, line);
        }
        if (starts_heading(line, &number, &rest)) {
            if ((rc = finish_section(p)) != 0) break;
            if (number != d->nsec + 1)
                return err_set(p->e, ERR_INPUT, "%s:%zu: SSR1 Recommendation %d where %d was expected",
                               p->name, i + 1, number, d->nsec + 1);
            in_sections = 1;
            start_section(p, number, i + 1, rest);
            continue;
        }
        if (!in_sections) continue;
        if (is_notes(line)) return finish_section(p);
        char *norm = doc_clean_str(p->a, line);
        rc = norm ? section_line(p, lines, L->n, &i, line, norm) : err_nomem(p->e);
    }
    if (rc == 0 && p->sec) rc = finish_section(p);
    return rc;
}

/* Which section cites each footnote (those cited before the first section
 * belong to the preamble). */
static int attach_footnotes(ssr2_doc *d, const int *cited_line, int next, arena_t *a, err_t *e)
{
    for (int f = 1; f < next; f++) {
        int line = cited_line[f];
        ssr2_section *owner = NULL;
        for (int s = 0; s < d->nsec; s++)
            if ((size_t)line + 1 >= d->sec[s].line) owner = &d->sec[s];
        if (!owner) continue;
        int *nf = arena_alloc(a, sizeof(int) * (size_t)(owner->nfootnotes + 1));
        if (!nf) return err_nomem(e);
        if (owner->nfootnotes) memcpy(nf, owner->footnotes, sizeof(int) * (size_t)owner->nfootnotes);
        nf[owner->nfootnotes++] = f;
        owner->footnotes = nf;
    }
    return 0;
}

int ssr2_parse(const char *name, const char *text, size_t len, arena_t *a, ssr2_doc *d, err_t *e)
{
    memset(d, 0, sizeof *d);
    doc_lines L;
    if (doc_split(name, text, len, a, &L, e)) return -1;
    doc_fingerprint(&L, d->fingerprint);
    if (pass_footnotes(&L, a, d, e)) return -1;
    int *cited_line = arena_alloc(a, sizeof(int) * (size_t)(d->nfn + 1));
    if (!cited_line) return err_nomem(e);
    int next = pass_citations(&L, a, d, cited_line, e);
    if (next < 0) return -1;
    parser p = {.d = d, .a = a, .e = e, .name = name};
    d->sec = arena_alloc(a, sizeof(ssr2_section) * (L.n / 4 + 2));
    if (!d->sec) return err_nomem(e);
    buf_t preamble = BUF_INIT;   /* the text before the sections, in one line */
    int rc = pass_sections(&p, &L, &preamble);
    /* The date of the assessment and the number of recs it announces. */
    const char *q;
    if ((q = strstr(buf_str(&preamble), "until the end of ")) != NULL) {
        int year = atoi(q + 17);
        if (year >= 1990 && year <= 2999) snprintf(d->as_of, sizeof d->as_of, "%04d-12-31", year);
    }
    if ((q = strstr(buf_str(&preamble), "reviewed all ")) != NULL) d->announced = atoi(q + 13);
    if (!buf_ok(&preamble) && rc == 0) rc = err_nomem(e);
    buf_free(&preamble);
    for (int g = 0; g < 3; g++) buf_free(&p.group[g].md);
    buf_free(&p.rec);
    buf_free(&p.draft);
    if (rc) return -1;
    if (d->nsec == 0)
        return err_set(e, ERR_INPUT, "%s:%zu: not an SSR2 assessment (no 'SSR1 Recommendation N:' sections "
                       "up to the end)", name, L.n);
    if (d->announced && d->announced != d->nsec)
        return err_set(e, ERR_INPUT, "%s:%zu: the document says it reviewed %d recommendations but assesses %d "
                       "(is it truncated?)", name, L.n, d->announced, d->nsec);
    return attach_footnotes(d, cited_line, next, a, e);
}

/* ---- writing ------------------------------------------------------------- */

static int ensure_review(store_t *s, const char *id, const char *eff, const char *actor,
                         const char *reason, arena_t *a, err_t *e)
{
    int has = store_exists(s, &kind_review, id, e);
    if (has) return has < 0 ? -1 : 0;
    char *title = arena_printf(a, "Security, Stability and Resiliency of the DNS Review (%s)", id);
    field_value fv[] = {{"title", title}};
    edit_t ed = {EDIT_CREATE, &kind_review, id, fv, 1, eff, actor, reason};
    return title ? store_edit(s, &ed, e) : err_nomem(e);
}

static const char *evidence_kind(const char *url)
{
    static const char *const docs[] = {".pdf", ".doc", ".docx", ".xlsx", NULL};
    size_t n = strlen(url);
    for (int i = 0; docs[i]; i++) {
        size_t m = strlen(docs[i]);
        if (n > m && ascii_casecmp(url + n - m, docs[i]) == 0) return "document";
    }
    return "web";
}

/* What every write of one import shares. */
typedef struct {
    store_t *s;
    const char *name, *by, *of, *aid, *as_of, *actor, *reason;
    arena_t *a;
    ssr2_stats *st;
    int draft_no;
    err_t *e;
} writer;

/* The assessed rec: created from the section when missing, its text filled
 * in when it has none. *rec_md gets the recommendation as Markdown. */
static int write_rec(writer *w, const ssr2_section *sec, const char *rec, char **rec_md)
{
    buf_t text = BUF_INIT;
    doc_md_escape(&text, sec->rec_text);
    *rec_md = buf_ok(&text) ? arena_strdup(w->a, buf_str(&text)) : NULL;
    buf_free(&text);
    if (!*rec_md) return err_nomem(w->e);
    int exists = store_exists(w->s, &kind_rec, rec, w->e);
    if (exists < 0) return -1;
    if (!exists) {
        char *title = doc_short_title(w->a, sec->rec_text, TITLE_MAX);
        field_value fv[] = {{"review", w->of}, {"title", title}, {"text", *rec_md}};
        edit_t ed = {EDIT_CREATE, &kind_rec, rec, fv, 3, w->as_of, w->actor, w->reason};
        if (!title || store_edit(w->s, &ed, w->e)) return -1;
        w->st->recs_created++;
        return 0;
    }
    view_t now = {0};
    now.current = 1;
    ent_t cur;
    if (store_get(w->s, &kind_rec, &now, rec, w->a, &cur, w->e)) return -1;
    if (cur.v[REC_TEXT]) return 0;
    field_value fv[] = {{"text", *rec_md}};
    edit_t ed = {EDIT_UPDATE, &kind_rec, rec, fv, 1, strcmp(w->as_of, cur.since) < 0 ? cur.since : w->as_of,
                 w->actor, w->reason};
    if (store_edit(w->s, &ed, w->e)) return -1;
    w->st->texts_filled++;
    return 0;
}

/* The item: the six answers of one section. */
static int write_item(writer *w, const ssr2_section *sec, const char *rec, const char *item, const char *rec_md)
{
    field_value fv[10];
    int n = 0;
    fv[n++] = (field_value){"assessment", w->aid};
    fv[n++] = (field_value){"rec", rec};
    fv[n++] = (field_value){"rec_text", rec_md};
    if (sec->what_done) fv[n++] = (field_value){"what_done", sec->what_done};
    if (sec->how_assessed) fv[n++] = (field_value){"how_assessed", sec->how_assessed};
    if (sec->further_work) fv[n++] = (field_value){"further_work", sec->further_work};
    fv[n++] = (field_value){"implemented", sec->implemented ? sec->implemented : "unknown"};
    if (sec->effect) fv[n++] = (field_value){"effect", sec->effect};
    if (sec->relevant) fv[n++] = (field_value){"relevant", sec->relevant};
    edit_t ed = {EDIT_CREATE, &kind_item, item, fv, n, w->as_of, w->actor, w->reason};
    if (store_edit(w->s, &ed, w->e)) return err_prefix(w->e, "%s", item);
    w->st->items++;
    w->st->implemented += sec->implemented != NULL;
    w->st->effect += sec->effect != NULL;
    w->st->relevant += sec->relevant != NULL;
    return 0;
}

static int write_evidence(writer *w, const char *item, const char *url, const char *title)
{
    char *id;
    if (strlen(title) > 480) title = doc_title(w->a, title, 480);
    if (!title) return err_nomem(w->e);
    if (store_next_id(w->s, &kind_evidence, "E", w->a, &id, w->e)) return -1;
    field_value ev[] = {{"target_kind", "item"}, {"target", item}, {"url", url},
                        {"title", title}, {"kind", evidence_kind(url)}};
    edit_t eed = {EDIT_CREATE, &kind_evidence, id, ev, 5, w->as_of, w->actor, w->reason};
    if (store_edit(w->s, &eed, w->e)) return -1;
    w->st->evidence++;
    return 0;
}

/* 1 when a footnote of sec before footnote index k (or before URL u of the
 * k-th, or any of them when k is nfootnotes) gives url. */
static int footnoted(const ssr2_doc *d, const ssr2_section *sec, int k, int u, const char *url)
{
    for (int j = 0; j <= k && j < sec->nfootnotes; j++) {
        const ssr2_footnote *f = &d->fn[sec->footnotes[j] - 1];
        for (int v = 0; v < (j == k ? u : f->nurls); v++)
            if (strcmp(f->urls[v], url) == 0) return 1;
    }
    return 0;
}

/* The URLs the section cites, as evidence on its item, each once: those of
 * its footnotes, then those cited inline that no footnote of it gives. */
static int write_citations(writer *w, const ssr2_doc *d, const ssr2_section *sec, const char *rec,
                           const char *item)
{
    for (int k = 0; k < sec->nfootnotes; k++) {
        const ssr2_footnote *f = &d->fn[sec->footnotes[k] - 1];
        for (int u = 0; u < f->nurls; u++) {
            if (footnoted(d, sec, k, u, f->urls[u])) continue;
            char *title = arena_printf(w->a, "Footnote %d%s%s", f->number, *f->text ? ": " : "", f->text);
            if (!title) return err_nomem(w->e);
            if (write_evidence(w, item, f->urls[u], title))
                return err_prefix(w->e, "%s:%zu: footnote %d", w->name, f->line, f->number);
        }
    }
    for (int i = 0; i < sec->ninline; i++) {
        if (footnoted(d, sec, sec->nfootnotes, 0, sec->inline_urls[i])) continue;
        char *title = arena_printf(w->a, "Cited in the assessment of %s", rec);
        if (!title) return err_nomem(w->e);
        /* A malformed URL in running text is not evidence; it stays in the answer. */
        const char *ok;
        err_t fe = {0};
        if (field_normalize(&kind_evidence.fields[EV_URL], sec->inline_urls[i], w->a, &ok, &fe)) continue;
        if (write_evidence(w, item, sec->inline_urls[i], title))
            return err_prefix(w->e, "%s:%zu: %s", w->name, sec->line, sec->inline_urls[i]);
    }
    return 0;
}

/* The section's RECOMMENDATION blocks, as draft recs of the assessing review
 * derived from the assessed rec. */
static int write_drafts(writer *w, const ssr2_section *sec, const char *rec)
{
    for (int k = 0; k < sec->ndrafts; k++) {
        char *did = arena_printf(w->a, "%s-D%d", w->by, ++w->draft_no);
        char *title = doc_short_title(w->a, sec->drafts[k], TITLE_MAX);
        if (!did || !title) return err_nomem(w->e);
        field_value rv[] = {{"review", w->by}, {"title", title}, {"text", sec->drafts[k]}};
        edit_t red = {EDIT_CREATE, &kind_rec, did, rv, 3, w->as_of, w->actor, w->reason};
        char *lid = link_id(w->a, did, "derived_from", rec);
        field_value lv[] = {{"rec", did}, {"rel", "derived_from"}, {"other", rec}};
        edit_t led = {EDIT_CREATE, &kind_link, lid, lv, 3, w->as_of, w->actor, w->reason};
        if (!lid || store_edit(w->s, &red, w->e) || store_edit(w->s, &led, w->e)) return -1;
        w->st->drafts++;
    }
    return 0;
}

int ssr2_apply_tx(store_t *s, const char *name, const ssr2_doc *d, const ssr2_options *o,
                  arena_t *a, ssr2_stats *st, err_t *e)
{
    memset(st, 0, sizeof *st);
    writer w = {s, name, o->by ? o->by : "SSR2", o->of ? o->of : "SSR1", NULL,
                o->as_of ? o->as_of : d->as_of, o->actor, NULL, a, st, 0, e};
    if (!w.as_of || !*w.as_of)
        return err_set(e, ERR_INPUT, "%s: the document states no date of assessment; give --as-of DATE", name);
    w.aid = o->assessment ? o->assessment : arena_printf(a, "%s-%s", w.by, w.of);
    w.reason = arena_printf(a, "%s assessment of %s (%s)", w.by, w.of, doc_basename(name));
    if (!w.aid || !w.reason) return err_nomem(e);
    snprintf(st->assessment, sizeof st->assessment, "%s", w.aid);
    snprintf(st->as_of, sizeof st->as_of, "%s", w.as_of);
    /* The assessment's findings were reported as of its date (documentation lag). */
    if (store_set_reported(s, w.as_of, e) ||
        import_record_source(s, "ssr2-assessment", name, d->fingerprint, w.as_of, o->actor, e) ||
        ensure_review(s, w.of, w.as_of, o->actor, w.reason, a, e) ||
        ensure_review(s, w.by, w.as_of, o->actor, w.reason, a, e))
        return -1;
    field_value fv[] = {{"by", w.by}, {"of", w.of}, {"as_of", w.as_of}};
    edit_t ed = {EDIT_CREATE, &kind_assessment, w.aid, fv, 3, w.as_of, o->actor, w.reason};
    if (store_edit(s, &ed, e)) return -1;
    for (int i = 0; i < d->nsec; i++) {
        const ssr2_section *sec = &d->sec[i];
        char *rec = arena_printf(a, "%s-%d", w.of, sec->number);
        char *item = arena_printf(a, "%s/%s", w.aid, rec);
        char *rec_md;
        if (!rec || !item) return err_nomem(e);
        if (write_rec(&w, sec, rec, &rec_md) || write_item(&w, sec, rec, item, rec_md) ||
            write_citations(&w, d, sec, rec, item) || write_drafts(&w, sec, rec))
            return -1;
    }
    return 0;
}

int ssr2_apply(store_t *s, const char *name, const ssr2_doc *d, const ssr2_options *o,
               ssr2_stats *st, err_t *e)
{
    memset(st, 0, sizeof *st);
    arena_t *a = arena_new();
    if (!a) return err_nomem(e);
    int rc = store_begin(s, e);
    if (rc == 0 && (ssr2_apply_tx(s, name, d, o, a, st, e) || store_commit(s, e))) {
        store_rollback(s);
        rc = -1;
    }
    arena_free(a);
    return rc;
}
