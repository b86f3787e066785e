/* csv.c — the RFC 4180 reader; see csv.h. The fields of a row are built in
 * one growing buffer owned by the reader and freed before it returns. */
#include "util/csv.h"

#include <string.h>

#include "util/buf.h"
#include "util/text.h"

typedef struct {
    const char *name, *p, *end;
    long line, col;            /* of p */
    buf_t text;                /* the row's fields, each NUL-terminated */
    size_t start[CSV_MAX_FIELDS];
    long fcol[CSV_MAX_FIELDS];
    int n;
    err_t *e;
} reader;

static int fail(reader *r, const char *what)
{
    return err_set(r->e, ERR_INPUT, "%s:%ld:%ld: %s", r->name, r->line, r->col, what);
}

/* Advance past one character (a whole UTF-8 sequence), counting columns. */
static void step(reader *r)
{
    unsigned char c = (unsigned char)*r->p++;
    if (c >= 0xC0)
        while (r->p < r->end && ((unsigned char)*r->p & 0xC0) == 0x80) r->p++;
    r->col++;
}

/* At a line end (CRLF, LF or CR): step past it. */
static int at_eol(reader *r)
{
    if (r->p >= r->end) return 0;
    if (*r->p == '\n') { r->p++; }
    else if (*r->p == '\r') { r->p++; if (r->p < r->end && *r->p == '\n') r->p++; }
    else return 0;
    r->line++;
    r->col = 1;
    return 1;
}

static int begin_field(reader *r)
{
    if (r->n == CSV_MAX_FIELDS) return fail(r, "more than 64 fields in a row");
    r->start[r->n] = r->text.len;
    r->fcol[r->n] = r->col;
    return 0;
}

static int end_field(reader *r)
{
    if (r->text.len - r->start[r->n] > CSV_MAX_FIELD) return fail(r, "a field longer than 1 MiB");
    buf_putc(&r->text, '\0');
    r->n++;
    return buf_ok(&r->text) ? 0 : err_nomem(r->e);
}

/* A quoted field, r->p at its opening quote; stops after the closing one. */
static int quoted(reader *r)
{
    long line = r->line, col = r->col;
    step(r);
    for (;;) {
        if (r->p >= r->end) {
            r->line = line;
            r->col = col;
            return fail(r, "a quoted field is not closed by the end of the file");
        }
        if (*r->p == '"') {
            if (r->p + 1 < r->end && r->p[1] == '"') { buf_putc(&r->text, '"'); r->p += 2; r->col += 2; continue; }
            step(r);
            return 0;
        }
        if (*r->p == '\r' || *r->p == '\n') {
            /* A line break inside a field is kept as LF. */
            at_eol(r);
            buf_putc(&r->text, '\n');
            continue;
        }
        const char *from = r->p;
        step(r);
        buf_append(&r->text, from, (size_t)(r->p - from));
    }
}

/* One row from r->p; *got 0 at the end of the data or on a blank line. */
static int row(reader *r, int *got)
{
    buf_reset(&r->text);
    r->n = 0;
    *got = 0;
    if (r->p >= r->end) return 0;
    if (at_eol(r)) return 0;   /* a blank line */
    *got = 1;
    for (;;) {
        if (begin_field(r)) return -1;
        if (r->p < r->end && *r->p == '"') {
            if (quoted(r)) return -1;
            if (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n')
                return fail(r, "text after the closing quote of a field");
        } else {
            while (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n') {
                if (*r->p == '"') return fail(r, "a quote inside an unquoted field (quote the whole field)");
                const char *from = r->p;
                step(r);
                buf_append(&r->text, from, (size_t)(r->p - from));
            }
        }
        if (end_field(r)) return -1;
        if (r->p < r->end && *r->p == ',') { step(r); continue; }
        at_eol(r);
        return 0;
    }
}

/* The length of the UTF-8 sequence led by *p (1-4), for locating errors. */
static size_t seq_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Fail at the first byte that is not UTF-8, or a NUL; 0 when there is none. */
static int check_bytes(reader *r)
{
    size_t n = (size_t)(r->end - r->p);
    if (utf8_valid(r->p, n) && !memchr(r->p, '\0', n)) return 0;
    long line = 1, col = 1;
    for (const char *q = r->p; q < r->end;) {
        size_t k = seq_len((unsigned char)*q);
        r->line = line;
        r->col = col;
        if (*q == '\0') return fail(r, "a NUL byte");
        if (k > (size_t)(r->end - q) || !utf8_valid(q, k)) return fail(r, "bytes that are not UTF-8");
        if (*q == '\n') { line++; col = 1; }
        else col++;
        q += k;
    }
    return 0;
}

int csv_read(const char *name, const char *data, size_t len, int (*fn)(void *ctx, const csv_row *r),
             void *ctx, err_t *e)
{
    reader r = {name, data, data + len, 1, 1, BUF_INIT, {0}, {0}, 0, e};
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) r.p += 3;
    if (check_bytes(&r)) return -1;
    r.line = r.col = 1;
    int rc = 0;
    while (rc == 0 && r.p < r.end) {
        long line = r.line;
        int got;
        if ((rc = row(&r, &got)) || !got) continue;
        const char *fields[CSV_MAX_FIELDS];
        for (int i = 0; i < r.n; i++) fields[i] = r.text.data + r.start[i];
        csv_row out = {fields, r.fcol, r.n, line};
        rc = fn(ctx, &out);
    }
    buf_free(&r.text);
    return rc;
}
