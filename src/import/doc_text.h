/* doc_text.h — helpers for text extracted from PDF documents: splitting into
 * numbered lines whatever the line ends, cleaning a run of text (HTML tags,
 * editor notes in {{ }}, runs of spaces, a space before punctuation), joining
 * lines into paragraphs, Markdown-escaping prose, and short titles. */
#ifndef SSR_DOC_TEXT_H
#define SSR_DOC_TEXT_H

#include <stddef.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct {
    char **line;     /* NUL-terminated, without the line end; arena-owned */
    size_t n;
} doc_lines;

#define DOC_MAX_BYTES (16u << 20)

/* Split text (len bytes) into lines: a leading BOM is dropped; CRLF, CR and
 * LF all end a line; a missing final newline is fine. Binary data or invalid
 * UTF-8 is ERR_INPUT naming name:line. */
int doc_split(const char *name, const char *text, size_t len, arena_t *a, doc_lines *out, err_t *e);

/* Append s to b cleaned: <tags> and {{notes}} dropped, whitespace runs made
 * one space, no space before , . ; : ! ?, trimmed at both ends. */
void doc_clean(buf_t *b, const char *s);
/* The same, into a new arena string; NULL when memory runs out or s is NULL. */
char *doc_clean_str(arena_t *a, const char *s);

/* 1 when the line holds only whitespace. */
int doc_blank(const char *line);

/* Append prose to b with Markdown's active characters escaped, so that
 * imported text shows as written. */
void doc_md_escape(buf_t *b, const char *s);

/* A title of at most max bytes from prose: its first sentence, or its start
 * cut at a word boundary with "…". Arena-owned. */
char *doc_title(arena_t *a, const char *text, size_t max);

/* A short title of at most max bytes (max >= 16) from a recommendation's
 * prose, never with "…": the sentence's leading clauses dropped when they
 * only set the scene ("Using …", "Once …", "If …") until the one that says
 * what should happen; a quoted restatement preferred; its opening subject
 * and modal dropped ("ICANN should", "It is recommended that") and the first
 * letter made capital; cut at the end of that clause (". ", ", ", "; ",
 * ": ", " (", " – ") — a clause shorter than 24 bytes keeps the next — and,
 * when still too long, at the last word that fits, small words ("and",
 * "of", "the" …) and punctuation trimmed from the end. Arena-owned; NULL
 * when memory runs out. */
char *doc_short_title(arena_t *a, const char *text, size_t max);

/* SHA-256 of the text as split (lines joined by LF): the same document with
 * other line ends or a BOM has the same fingerprint. hex gets 65 bytes. */
void doc_fingerprint(const doc_lines *d, char hex[65]);

/* The file name without its directories (a path says nothing about the
 * document and does not belong in the log). */
const char *doc_basename(const char *path);

/* "d Month yyyy" (e.g. "18 March 2014") at s into a YYYY-MM-DD date;
 * 0 on success. */
int doc_date(const char *s, char out[11]);

#endif
