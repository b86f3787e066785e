/* csv.h — an RFC 4180 reader: UTF-8 with or without a byte-order mark, CRLF
 * or LF line ends (a CR alone ends a line too), fields quoted with '"' (a
 * doubled quote inside stands for one) that may hold commas and line breaks.
 * Rows are handed to a callback one at a time, each field with the line and
 * column (in characters, from 1) where it starts, so errors can name the
 * place. A blank line (no characters at all) is skipped. Pure: no I/O.
 *
 * Errors (ERR_INPUT, "NAME:LINE:COLUMN: problem"): a quote inside an
 * unquoted field, text after a closing quote, a quoted field not closed by
 * the end of the file, bytes that are not UTF-8, a NUL, more than
 * CSV_MAX_FIELDS fields in a row, a field over CSV_MAX_FIELD bytes. */
#ifndef SSR_UTIL_CSV_H
#define SSR_UTIL_CSV_H

#include <stddef.h>

#include "util/err.h"

#define CSV_MAX_FIELDS 64
#define CSV_MAX_FIELD (1024 * 1024)

typedef struct {
    const char *const *field;  /* n NUL-terminated values, valid during the callback */
    const long *col;           /* the column where each field starts */
    int n;
    long line;                 /* the line where the row starts */
} csv_row;

/* Call fn for each row of data[0..len); a non-zero return from fn stops
 * the reading and is returned (fn sets e). name is the file's name for
 * messages. */
int csv_read(const char *name, const char *data, size_t len, int (*fn)(void *ctx, const csv_row *r),
             void *ctx, err_t *e);

#endif
