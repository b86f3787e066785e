/* xlsx.h — spreadsheets (Office Open XML, through libxlsxwriter) made from
 * the CSV our reports and lists write, so every table that has a CSV form
 * has an XLSX one with the same columns and rows. In each sheet the header
 * row is bold and stays in view (frozen), filters are on, cells that are
 * dates (YYYY-MM-DD, from 1900) are spreadsheet dates shown as YYYY-MM-DD,
 * plain decimal numbers are numbers, and each column is as wide as its
 * longest cell (up to 80 characters).
 *
 * libxlsxwriter builds the file on disk: it is made in a temporary file
 * (under $TMPDIR) that is read into the caller's buffer and removed. That
 * library allocates with the C library's malloc, not util/alloc.c. */
#ifndef SSR_REPORT_XLSX_H
#define SSR_REPORT_XLSX_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/* Append to out the workbook of csv[0..len) (RFC 4180 with a header row).
 * With split_column (a header name), one sheet per distinct value of that
 * column, in order of first appearance, named by the value (rows where it
 * is empty, and a table without that column, go to the sheet named sheet);
 * otherwise one sheet named sheet. Names are cut to 31 characters and characters a sheet
 * name may not hold become '_'. */
int xlsx_from_csv(const char *csv, size_t len, const char *sheet, const char *split_column, buf_t *out,
                  err_t *e);

/* The media type of an XLSX file. */
#define XLSX_MEDIA_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#endif
